-- report.lua: budget.State.Report on Redis, atomically.
-- KEYS as in take.lua.
-- ARGV: 1 window ms, 2 request id, 3 status, 4 limit (-1 none),
--       5 remaining (-1 none), 6 pause ms (a 429), 7 off ms (a 403
--       "API disabled"), 8 off message.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w = tonumber(ARGV[1])
-- A grant counts for the window and a margin of a fortieth of it
-- (budget.State's held).
local hold = w + math.floor(w / 40)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - hold)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - 2 * w)
local status, limit, rem = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local pause, offfor = tonumber(ARGV[6]), tonumber(ARGV[7])
if limit > 0 then redis.call('HSET', KEYS[1], 'limit', limit) end
if offfor > 0 then
  local e = now + offfor
  if e > (tonumber(redis.call('HGET', KEYS[1], 'off')) or 0) then
    redis.call('HSET', KEYS[1], 'off', e, 'offmsg', ARGV[8])
  end
end
if pause > 0 then
  local e = now + pause
  if e > (tonumber(redis.call('HGET', KEYS[1], 'cool')) or 0) then
    redis.call('HSET', KEYS[1], 'cool', e)
  end
  redis.call('ZREM', KEYS[2], ARGV[2])
  -- Degraded mode: refused although the lowest Remaining announced in the
  -- server's window was well above zero.
  local known = tonumber(redis.call('HGET', KEYS[1], 'limit')) or 0
  local low = -1
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], e - w, '+inf')) do
    local n = tonumber(string.match(m, ':(%d+)$'))
    if n and (low < 0 or n < low) then low = n end
  end
  if known > 0 and low * 10 > known then
    local d = math.max(known - low, 1)
    local st = redis.call('HMGET', KEYS[1], 'dlimit', 'duntil')
    if now < (tonumber(st[2]) or 0) then d = math.min(d, tonumber(st[1]) or d) end
    redis.call('HSET', KEYS[1], 'dlimit', d, 'duntil', now + 10 * w)
  end
elseif rem >= 0 and status >= 200 and status < 300 then
  redis.call('ZADD', KEYS[3], now, ARGV[2] .. ':' .. rem)
end
local st = redis.call('HMGET', KEYS[1], 'off', 'cool', 'duntil')
local keep = math.max(tonumber(st[1]) or 0, tonumber(st[2]) or 0, tonumber(st[3]) or 0, now + 2 * w) - now + w
redis.call('PEXPIRE', KEYS[1], keep)
redis.call('PEXPIRE', KEYS[3], 2 * w)
return 1

-- take.lua: budget.State.Take on Redis, atomically.
-- Times are milliseconds: Lua formats numbers with 14 significant digits.
-- KEYS: 1 state hash, 2 grants zset (score: ms, member: request id),
--       3 seen zset (score: ms, member: "id:remaining").
-- ARGV: 1 window ms, 2 limit until one is reported, 3 share (0: all),
--       4 spread (1/0), 5 request id.
-- Returns {ok, wait ms, off ms, off message, limit, pace, degraded}.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local w = tonumber(ARGV[1])
-- A grant counts for the window and a margin of a fortieth of it
-- (budget.State's held).
local hold = w + math.floor(w / 40)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - hold)
local st = redis.call('HMGET', KEYS[1], 'limit', 'cool', 'dlimit', 'duntil', 'off', 'offmsg', 'last')
local limit = tonumber(st[1]) or 0
if limit <= 0 then limit = tonumber(ARGV[2]) end
local cool = tonumber(st[2]) or 0
local duntil = tonumber(st[4]) or 0
local off = tonumber(st[5]) or 0
local last = tonumber(st[7]) or 0
local pace, degraded = limit, 0
if now < duntil then
  pace = math.min(pace, tonumber(st[3]) or pace)
  degraded = 1
end
local share = tonumber(ARGV[3])
if share > 0 and share < 1 then pace = math.floor(pace * share) end
if pace < 1 then pace = 1 end
if now < off then return {0, 0, off - now, st[6] or '', limit, pace, degraded} end
if now < cool then return {0, cool - now, 0, '', limit, pace, degraded} end
local n = redis.call('ZCARD', KEYS[2])
if n >= pace then
  local oldest = redis.call('ZRANGE', KEYS[2], n - pace, n - pace, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + hold - now, 0, '', limit, pace, degraded}
end
if ARGV[4] == '1' then
  local gap = math.floor(w / (2 * pace))
  if now < last + gap then return {0, last + gap - now, 0, '', limit, pace, degraded} end
end
redis.call('ZADD', KEYS[2], now, ARGV[5])
redis.call('HSET', KEYS[1], 'last', now)
local keep = math.max(off, cool, duntil, now + 2 * w) - now + w
redis.call('PEXPIRE', KEYS[1], keep)
redis.call('PEXPIRE', KEYS[2], 2 * w)
return {1, 0, 0, '', limit, pace, degraded}

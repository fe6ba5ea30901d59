-- Stores one cached answer and indexes it by its entities, atomically,
-- unless one of them was invalidated since the answer was fetched.
-- KEYS[1]: the answer's key; KEYS[2..n+1]: the index sets of its n
-- entities; KEYS[n+2..2n+1]: their tombstones.
-- ARGV[1]: the encoded answer; ARGV[2]: how long to keep it, in ms;
-- ARGV[3]: how long ago, in ms, the request that brought it was sent
-- (with a margin); ARGV[4]: how long tombstones live, in ms.
-- Returns 1 if it stored the answer, 0 if not.
-- Each index set lives at least as long as the longest answer it names,
-- so that an invalidation finds every answer still stored.
local ttl = tonumber(ARGV[2])
local age = tonumber(ARGV[3])
local n = (#KEYS - 1) / 2
if n > 0 then
	-- Tombstones outlive no request: an older answer cannot be checked.
	if age >= tonumber(ARGV[4]) then
		return 0
	end
	local t = redis.call('TIME')
	local sent = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) - age
	for i = n + 2, #KEYS do
		local dead = redis.call('GET', KEYS[i])
		if dead and tonumber(dead) >= sent then
			return 0
		end
	end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
for i = 2, n + 1 do
	redis.call('SADD', KEYS[i], KEYS[1])
	local left = redis.call('PTTL', KEYS[i])
	if left == -1 or left < ttl then
		redis.call('PEXPIRE', KEYS[i], ttl)
	end
end
return 1

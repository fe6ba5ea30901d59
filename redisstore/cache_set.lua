-- Stores one cached answer and indexes it by its entities, atomically.
-- KEYS[1]: the answer's key; KEYS[2..]: the index sets of its entities.
-- ARGV[1]: the encoded answer; ARGV[2]: how long to keep it, in ms.
-- Each index set lives at least as long as the longest answer it names,
-- so that an invalidation finds every answer still stored.
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
for i = 2, #KEYS do
	redis.call('SADD', KEYS[i], KEYS[1])
	local left = redis.call('PTTL', KEYS[i])
	if left == -1 or left < ttl then
		redis.call('PEXPIRE', KEYS[i], ttl)
	end
end
return 1

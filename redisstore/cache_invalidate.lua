-- Deletes every answer indexed by one of the entities, and their index
-- sets, and leaves a tombstone for each entity, atomically.
-- KEYS[1..n]: the index sets; KEYS[n+1..2n]: the tombstones.
-- ARGV[1]: how long tombstones live, in ms. Returns the answers deleted.
-- A tombstone holds the time of the invalidation, by Redis' clock, so
-- that an answer fetched before it, by any process, is not stored after
-- it. The keys share the sets' hash slot ({prefix}), so the script runs on
-- one node of a Cluster too.
local n = #KEYS / 2
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local deleted = 0
for i = 1, n do
	local members = redis.call('SMEMBERS', KEYS[i])
	for _, key in ipairs(members) do
		deleted = deleted + redis.call('DEL', key)
	end
	redis.call('DEL', KEYS[i])
	redis.call('SET', KEYS[n + i], now, 'PX', ARGV[1])
end
return deleted

-- Deletes every answer indexed by one of the entities, and their index
-- sets, atomically. KEYS: the index sets. Returns the answers deleted.
-- The answers' keys share the sets' hash slot ({prefix}), so the script
-- runs on one node of a Cluster too.
local n = 0
for i = 1, #KEYS do
	local members = redis.call('SMEMBERS', KEYS[i])
	for _, key in ipairs(members) do
		n = n + redis.call('DEL', key)
	end
	redis.call('DEL', KEYS[i])
end
return n

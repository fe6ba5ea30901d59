// Package redisstore keeps an AniList rate-limit budget on Redis (or
// Valkey), so that every process that shares a key shares one budget: one
// limit, one cooldown after a 429, one degraded mode and one outage mode.
//
//	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
//	b, err := redisstore.NewBudget(rdb, "anigql:budget")
//	…
//	c, err := anilist.NewClient(httpClient, &anilist.Options{Budget: b})
//
// Each step is one Lua script (EVALSHA) on three keys that share a hash
// slot, "{key}:s", "{key}:g" and "{key}:o", so it works with a single node,
// Sentinel and Cluster ([redis.UniversalClient]); the scripts read Redis'
// clock, so the processes' clocks need not agree. The algorithm is
// [budget.State]'s: a sliding window of the requests granted in the last
// window, spread over its first half. When Redis is out of reach, a process
// falls back to its share of the limit (1/4 by default) without losing a
// call, and resumes sharing when Redis answers: see [budget.Shared].
//
// It also keeps a fleet's response cache ([NewCache], an anilist.Cache):
// every process that uses the same prefix reads the answers the others
// stored, and a mutation in any of them invalidates, in Redis, every
// answer holding one of the entities of its answer, or of the entity it
// deleted. An answer that another process fetched before the mutation
// and receives after it is not stored (see [Cache]).
//
//	cache, err := redisstore.NewCache(rdb, "anigql:cache")
//	…
//	c, err := anilist.NewClient(httpClient, &anilist.Options{Budget: b, Cache: cache, Viewer: subject})
//
// redisstore is a module of its own, so that users of
// github.com/anigql/anigql never download a Redis client. Its go.mod
// replaces the root module with ../ for development in this repository; a
// replace directive is ignored when redisstore is a dependency, so each
// release of redisstore requires the release of the root module it was
// tested with, and both are tagged together (vX.Y.Z and redisstore/vX.Y.Z).
package redisstore

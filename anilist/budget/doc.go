// Package budget shares AniList's rate-limit budget between processes.
//
// AniList counts requests per IP, so every process behind one IP spends one
// budget: 90 requests a minute (30 in degraded mode), a cooldown after a
// 429, and none at all while the API is disabled. A [Shared] budget, set as
// [anilist.Options.Budget], keeps that budget in a [Store] the processes
// share:
//
//   - [FileStore], a locked file, for the processes of one machine (the
//     anigql command uses one in the user's cache directory);
//   - the Redis store of module github.com/anigql/anigql/redisstore, for
//     processes on several machines.
//
// The store holds a sliding window of the requests granted in the last
// window (at most the limit in any window, so a fixed-window server such as
// AniList's is never overrun, whichever way its windows fall), the limit
// learned from X-RateLimit-Limit, the cooldown after a 429, degraded mode
// (a 429 while X-RateLimit-Remaining still showed budget lowers the limit
// for ten windows) and outage mode (a 403 "API disabled" makes every holder
// fail fast with [anilist.ErrAPIDisabled] for [anilist.Options.OutageCooldown]).
// Grants are spread over the first half of each window unless
// [Options.Burst] is set.
//
// When the store is out of reach, each process falls back to its share of
// the limit ([Options.FallbackShare], default 1/4) and says so through
// [Options.OnFallback]; no call is lost, and sharing resumes when the store
// answers again.
package budget

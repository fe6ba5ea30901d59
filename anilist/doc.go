// Package anilist is the runtime that the generated AniList functions run on:
// a [graphql.Client] made for https://graphql.anilist.co, plus helpers that
// make the generated functions pleasant to use.
//
// [NewClient] returns a [*Client] that
//
//   - sends the headers AniList expects on every request (User-Agent, Referer,
//     Accept and Content-Type: application/json);
//   - keeps AniList's errors as typed values: an [Errors] list of [*Error]
//     with status, locations and the validation map, the sentinels
//     [ErrInvalidToken], [ErrNotFound], [ErrAPIDisabled], [ErrUnauthorized] and
//     [ErrRateLimited], and [*RateLimitError] with the rate-limit headers;
//   - shares one rate limiter between all goroutines: it spends exactly the
//     budget that X-RateLimit-Limit/-Remaining announce (less the requests
//     in flight), learns the window's end and length from the first 429,
//     detects AniList's degraded mode (throttled while Remaining still
//     shows budget), waits out Retry-After or X-RateLimit-Reset and
//     retries, unless the wait would pass the context deadline; processes
//     that share AniList's limit (one IP) share one [Budget] instead, on a
//     file or on Redis (see [Options.Budget] and package anilist/budget);
//   - fails fast with an [*APIDisabledError] for [Options.OutageCooldown]
//     after AniList's 403 "API disabled", instead of hammering a service
//     that is down;
//   - retries queries after 5xx answers and network errors with jittered
//     exponential backoff, or after the answer's Retry-After when it is
//     longer (mutations only on 429, unless [Options.RetryMutations] is
//     set);
//   - survives union drift: an item whose __typename the generated code does
//     not know is dropped from the response and reported to
//     [Options.OnUnknownType] and to a [DriftReport] attached with
//     [WithDriftReport], instead of failing the whole call.
//
// With [Options.Cache] it also caches query answers under fetch policies
// carried by the context ([WithFetchPolicy]: [CacheFirst], [NetworkFirst],
// [CacheOnly], [StaleWhileRevalidate]), shares one request between
// identical concurrent queries, and invalidates cached answers by the
// entities a mutation's answer holds. [WithCacheInfo] tells a call's
// caller where its answer came from and how old it is.
//
// The helpers are [Pages] (an iterator over Page operations that trusts only
// hasNextPage), [Chunks] (the same for MediaListCollection chunks) and
// [ByIDs] (look up many ids with id_in in ⌈N/50⌉ requests, in the caller's
// order, reporting the ids AniList did not return).
//
// The client knows nothing about OAuth: pass the *http.Client from package
// auth for authenticated calls, or nil (http.DefaultClient) for public data.
//
// [graphql.Client]: https://pkg.go.dev/github.com/Khan/genqlient/graphql#Client
package anilist

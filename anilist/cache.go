package anilist

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// FetchPolicy says whether a query is answered from the client's [Cache],
// from AniList, or from both. Set it per call with [WithFetchPolicy], per
// operation with [Options.CacheOps], or for every query with
// [Options.CachePolicy]. Mutations always go to AniList and are never
// cached; their answers invalidate the cached answers they touch.
type FetchPolicy int

// The fetch policies. Every policy but CacheOnly stores the answers it
// fetches (answers with errors are never stored). The zero FetchPolicy is
// unset: the call takes the policy of its operation in [Options.CacheOps],
// else [Options.CachePolicy], else NetworkOnly.
const (
	// NetworkOnly always asks AniList: the default, and the client's
	// behaviour without a cache.
	NetworkOnly FetchPolicy = iota + 1
	// CacheFirst answers from the cache while the answer is fresh (younger
	// than its TTL) and asks AniList otherwise.
	CacheFirst
	// NetworkFirst asks AniList, and answers from the cache, even stale,
	// when the call fails on the network, with a 5xx, rate limited past the
	// deadline, or with AniList's API disabled ([ErrAPIDisabled]).
	NetworkFirst
	// CacheOnly answers from the cache, fresh or stale, and never asks
	// AniList: [ErrCacheMiss] when there is no answer.
	CacheOnly
	// StaleWhileRevalidate answers from the cache, fresh or stale; a stale
	// answer is refreshed in the background, through the client's rate
	// limiter like any request. Without a cached answer it asks AniList.
	StaleWhileRevalidate
)

// String names the policy.
func (p FetchPolicy) String() string {
	switch p {
	case 0:
		return "unset"
	case NetworkOnly:
		return "NetworkOnly"
	case CacheFirst:
		return "CacheFirst"
	case NetworkFirst:
		return "NetworkFirst"
	case CacheOnly:
		return "CacheOnly"
	case StaleWhileRevalidate:
		return "StaleWhileRevalidate"
	}
	return fmt.Sprintf("FetchPolicy(%d)", int(p))
}

// ErrCacheMiss is returned by a [CacheOnly] call that found no answer.
var ErrCacheMiss = errors.New("anilist: no cached answer")

// CacheRule is the caching of one operation, set in [Options.CacheOps].
type CacheRule struct {
	// Policy is the operation's default policy ([WithFetchPolicy] still
	// overrides it); zero means [Options.CachePolicy].
	Policy FetchPolicy
	// TTL is how long an answer stays fresh; zero means [Options.CacheTTL].
	TTL time.Duration
}

// CacheInfo tells where the answer of one call came from. Attach one with
// [WithCacheInfo]; the call fills it in.
type CacheInfo struct {
	// Policy is the policy the call ran with.
	Policy FetchPolicy
	// Hit reports an answer read from the cache.
	Hit bool
	// Age is how old a cached answer is (zero for a fresh network answer).
	Age time.Duration
	// Stale reports a cached answer older than its TTL.
	Stale bool
	// Fallback is the network error that [NetworkFirst] answered from the
	// cache instead of returning.
	Fallback error
	// Shared reports a network answer shared with identical concurrent
	// calls: one request answered all of them.
	Shared bool
	// Err is the error of the store, if it failed (the call went on
	// without it).
	Err error
}

type policyKey struct{}

type infoKey struct{}

// WithFetchPolicy returns a copy of ctx that makes the calls it is passed
// to run with policy p. The generated functions take the context first, so
// this is how a call picks its policy:
//
//	ctx := anilist.WithFetchPolicy(ctx, anilist.CacheFirst)
//	data, err := generated.GenreCollection(ctx, client)
func WithFetchPolicy(ctx context.Context, p FetchPolicy) context.Context {
	return context.WithValue(ctx, policyKey{}, p)
}

// WithCacheInfo returns a copy of ctx that makes the next call it is
// passed to fill in *info. Use one CacheInfo per call.
func WithCacheInfo(ctx context.Context, info *CacheInfo) context.Context {
	return context.WithValue(ctx, infoKey{}, info)
}

// cacheInfo returns the CacheInfo attached to ctx, or a throwaway one.
func cacheInfo(ctx context.Context) *CacheInfo {
	if info, ok := ctx.Value(infoKey{}).(*CacheInfo); ok && info != nil {
		*info = CacheInfo{}
		return info
	}
	return new(CacheInfo)
}

// Cache stores answers for a [Client], set in [Options.Cache]. Its methods
// may be called from several goroutines at once. A store that fails makes
// the client go on without it (the error shows in [CacheInfo.Err]).
//
// The package provides [NewMemoryCache] and [NewDiskCache]; the redisstore
// module provides one shared by the processes of a fleet.
type Cache interface {
	// Get returns the entry stored under key, or ok false.
	Get(ctx context.Context, key string) (e *CacheEntry, ok bool, err error)
	// Set stores e under key, replacing what was there, and indexes it by
	// each of e.Entities. The store owns e from then on and may drop it
	// after e.StaleUntil, or sooner to keep within its bounds. A store
	// shared by processes should not store e if one of its entities was
	// invalidated after e.Fetched (by another process: the client keeps
	// the answers its own mutations may have outdated from Set).
	Set(ctx context.Context, key string, e *CacheEntry) error
	// Invalidate deletes every entry indexed by one of entities.
	Invalidate(ctx context.Context, entities []string) error
}

// CacheEntry is one cached answer. Callers must not modify an entry that a
// [Cache] returned.
type CacheEntry struct {
	// Body is AniList's whole response, {"data": …}.
	Body []byte
	// Fetched is when the request that brought the answer was sent, by
	// the same clock as Stored. An answer may predate a mutation made
	// after Fetched, so a store shared by processes must not keep it if
	// one of its entities was invalidated since (the client takes care of
	// the mutations of its own process).
	Fetched time.Time
	// Stored is when the answer arrived.
	Stored time.Time
	// Expires is the end of its TTL: until then the answer is fresh.
	Expires time.Time
	// StaleUntil is when it becomes useless even as a stale answer
	// ([Options.CacheStale] after Expires).
	StaleUntil time.Time
	// Entities are the entities in the answer, as "Type:id" (for example
	// "Media:154587" or "MediaList:459").
	Entities []string

	memo memo // the decoded answer, for later hits
}

// fresh reports whether e is still within its TTL at now.
func (e *CacheEntry) fresh(now time.Time) bool { return now.Before(e.Expires) }

// usable reports whether e may still be served stale at now.
func (e *CacheEntry) usable(now time.Time) bool { return now.Before(e.StaleUntil) }

// size is what e weighs in a store, in bytes: its body, its decoded
// answer once a hit kept one, its entities, the index slots they take, and
// the fixed overhead of an entry.
func (e *CacheEntry) size(key string) int64 {
	n := int64(len(key)+len(e.Body)) + 160 + e.memo.size()
	for _, ent := range e.Entities {
		n += int64(len(ent)) + 64
	}
	return n
}

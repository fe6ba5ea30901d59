package redisstore

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/redis/go-redis/v9"
)

var (
	//go:embed cache_set.lua
	cacheSetLua    string
	cacheSetScript = redis.NewScript(cacheSetLua)
	//go:embed cache_invalidate.lua
	cacheInvalidateLua    string
	cacheInvalidateScript = redis.NewScript(cacheInvalidateLua)
)

// Cache is an [anilist.Cache] on Redis, shared by every process that uses
// the same prefix: an answer one process stores, another reads, and a
// mutation in one process invalidates the answers of all of them.
//
// Each answer is a string "{prefix}:a:<key>" that expires when it is no
// longer of use even stale (CacheEntry.StaleUntil); each entity is a set
// "{prefix}:e:<Type:id>" of the answers holding it, which lives as long as
// the longest of them. Set and Invalidate are one Lua script each, so an
// invalidation never misses an answer stored at the same moment. All keys
// share the hash slot of {prefix}, so the scripts also run on a Cluster
// (one slot holds the whole cache).
//
// An invalidation also leaves a tombstone "{prefix}:t:<Type:id>" with the
// time it happened, by Redis' clock, for [TombstoneTTL]. Set does not
// store an answer whose request was sent (CacheEntry.Fetched) before a
// tombstone of one of its entities, less a margin of [FetchMargin]: such
// an answer, fetched by one process while another mutated, may predate
// the mutation. Set measures the request's age on the client's clock
// (Stored - Fetched), so the processes' clocks need not agree.
type Cache struct {
	rdb redis.UniversalClient
	tag string // "{prefix}"
}

var _ anilist.Cache = (*Cache)(nil)

const (
	// TombstoneTTL is how long an invalidation's tombstone lives. An
	// answer whose request is older than that when it is stored is not
	// stored, since the tombstones that could refuse it may be gone.
	TombstoneTTL = 5 * time.Minute
	// FetchMargin is how much earlier than CacheEntry.Fetched Set takes
	// an answer's request to have been sent, for the time between the
	// client's Set and the script.
	FetchMargin = time.Second
)

// NewCache returns the cache under prefix on rdb. Set it as
// anilist.Options.Cache.
func NewCache(rdb redis.UniversalClient, prefix string) (*Cache, error) {
	if rdb == nil || prefix == "" {
		return nil, errors.New("redisstore: NewCache needs a client and a prefix")
	}
	return &Cache{rdb: rdb, tag: "{" + prefix + "}"}, nil
}

// entry is the stored form of an answer.
type entry struct {
	Body       json.RawMessage `json:"b"`
	Stored     time.Time       `json:"s"`
	Expires    time.Time       `json:"x"`
	StaleUntil time.Time       `json:"u"`
	Entities   []string        `json:"e,omitempty"`
}

func (c *Cache) answerKey(key string) string { return c.tag + ":a:" + key }

func (c *Cache) entityKey(entity string) string { return c.tag + ":e:" + entity }

func (c *Cache) tombstoneKey(entity string) string { return c.tag + ":t:" + entity }

// Get implements [anilist.Cache].
func (c *Cache) Get(ctx context.Context, key string) (*anilist.CacheEntry, bool, error) {
	raw, err := c.rdb.Get(ctx, c.answerKey(key)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("redisstore: cache get: %w", err)
	}
	var e entry
	if err := json.Unmarshal(raw, &e); err != nil || len(e.Body) == 0 {
		return nil, false, nil // not ours, or corrupt: a miss
	}
	return &anilist.CacheEntry{Body: e.Body, Stored: e.Stored, Expires: e.Expires, StaleUntil: e.StaleUntil, Entities: e.Entities}, true, nil
}

// Set implements [anilist.Cache]. The answer is kept for StaleUntil -
// Stored from now, by Redis' clock, so the processes' clocks need not
// agree. It is not stored, and Set returns nil, if one of its entities was
// invalidated since its request was sent.
func (c *Cache) Set(ctx context.Context, key string, e *anilist.CacheEntry) error {
	keep := e.StaleUntil.Sub(e.Stored).Milliseconds()
	if keep <= 0 {
		return nil
	}
	raw, err := json.Marshal(entry{Body: e.Body, Stored: e.Stored, Expires: e.Expires, StaleUntil: e.StaleUntil, Entities: e.Entities})
	if err != nil {
		return fmt.Errorf("redisstore: cache set: %w", err)
	}
	age := FetchMargin
	if !e.Fetched.IsZero() {
		age += max(e.Stored.Sub(e.Fetched), 0)
	}
	keys := make([]string, 0, 1+2*len(e.Entities))
	keys = append(keys, c.answerKey(key))
	for _, ent := range e.Entities {
		keys = append(keys, c.entityKey(ent))
	}
	for _, ent := range e.Entities {
		keys = append(keys, c.tombstoneKey(ent))
	}
	if err := cacheSetScript.Run(ctx, c.rdb, keys, raw, keep, age.Milliseconds(), TombstoneTTL.Milliseconds()).Err(); err != nil {
		return fmt.Errorf("redisstore: cache set: %w", err)
	}
	return nil
}

// Invalidate implements [anilist.Cache].
func (c *Cache) Invalidate(ctx context.Context, entities []string) error {
	if len(entities) == 0 {
		return nil
	}
	keys := make([]string, 2*len(entities))
	for i, ent := range entities {
		keys[i], keys[len(entities)+i] = c.entityKey(ent), c.tombstoneKey(ent)
	}
	if err := cacheInvalidateScript.Run(ctx, c.rdb, keys, TombstoneTTL.Milliseconds()).Err(); err != nil {
		return fmt.Errorf("redisstore: cache invalidate: %w", err)
	}
	return nil
}

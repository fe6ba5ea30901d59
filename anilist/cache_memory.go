package anilist

import (
	"context"
	"math"
	"sync"

	"github.com/maypok86/otter/v2"
)

// MemoryCache is a [Cache] in the process's memory, bounded in bytes. Make
// one with [NewMemoryCache].
//
// It is built on github.com/maypok86/otter/v2, whose weigher bounds the
// cache by the bytes of its entries (hashicorp/golang-lru/v2 bounds only the
// number of entries) and whose reads take no lock. The entity index is a
// map beside it, kept in step by otter's deletion events and counted in
// each entry's weight.
type MemoryCache struct {
	entries *otter.Cache[string, *memEntry]

	mu    sync.Mutex                      // serializes Set, Invalidate and index upkeep
	index map[string]map[string]*memEntry // entity → key → entry

	// deleted holds the entries otter deleted since the index last caught
	// up. OnAtomicDeletion runs under otter's bucket locks, as part of the
	// deletion (not on a goroutine of its own, as OnDeletion does), so it
	// never waits for mu and never calls the cache, and no cache call is
	// made while delMu is held.
	delMu   sync.Mutex
	deleted []*memEntry
}

// memEntry is an entry with the key it is stored under.
type memEntry struct {
	key string
	e   *CacheEntry
}

// NewMemoryCache returns a MemoryCache that holds at most maxBytes of
// answers, their keys, their entity index and the decoded answers that
// hits keep to serve the next ones; it evicts the entries least
// likely to be used again (otter's S3-FIFO) to stay within the bound. An
// answer larger than a tenth of maxBytes is not kept.
func NewMemoryCache(maxBytes int64) *MemoryCache {
	m := &MemoryCache{index: map[string]map[string]*memEntry{}}
	m.entries = otter.Must(&otter.Options[string, *memEntry]{
		MaximumWeight: uint64(max(maxBytes, 1)),
		Weigher: func(key string, v *memEntry) uint32 {
			return uint32(min(v.e.size(key), math.MaxUint32))
		},
		OnAtomicDeletion: func(ev otter.DeletionEvent[string, *memEntry]) {
			m.delMu.Lock()
			m.deleted = append(m.deleted, ev.Value)
			m.delMu.Unlock()
		},
	})
	return m
}

// Get implements [Cache].
func (m *MemoryCache) Get(_ context.Context, key string) (*CacheEntry, bool, error) {
	v, ok := m.entries.GetIfPresent(key)
	if !ok {
		return nil, false, nil
	}
	return v.e, true, nil
}

// Set implements [Cache].
func (m *MemoryCache) Set(_ context.Context, key string, e *CacheEntry) error {
	if e.size(key) > int64(m.entries.GetMaximum()/10) {
		return nil
	}
	v := &memEntry{key: key, e: e}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.catchUp()
	for _, ent := range e.Entities {
		keys := m.index[ent]
		if keys == nil {
			keys = map[string]*memEntry{}
			m.index[ent] = keys
		}
		keys[key] = v
	}
	m.entries.Set(key, v)
	return nil
}

// reweigh counts the decoded answer now on e, stored under key, against
// the bound, if e is still the entry there.
func (m *MemoryCache) reweigh(key string, e *CacheEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.catchUp()
	m.entries.Compute(key, func(old *memEntry, found bool) (*memEntry, otter.ComputeOp) {
		if !found || old.e != e {
			return old, otter.CancelOp
		}
		// A new memEntry, so that the deletion event of the old one, a
		// replacement, leaves the index alone.
		v := &memEntry{key: key, e: e}
		for _, ent := range e.Entities {
			if keys := m.index[ent]; keys != nil {
				keys[key] = v
			}
		}
		return v, otter.WriteOp
	})
}

// Invalidate implements [Cache].
func (m *MemoryCache) Invalidate(_ context.Context, entities []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.catchUp()
	for _, ent := range entities {
		for key, v := range m.index[ent] {
			m.entries.Compute(key, func(old *memEntry, found bool) (*memEntry, otter.ComputeOp) {
				if found && old == v {
					return nil, otter.InvalidateOp
				}
				return old, otter.CancelOp
			})
		}
	}
	return nil
}

// catchUp removes the entries otter deleted from the index. m.mu is held.
func (m *MemoryCache) catchUp() {
	m.delMu.Lock()
	deleted := m.deleted
	m.deleted = nil
	m.delMu.Unlock()
	for _, v := range deleted {
		for _, ent := range v.e.Entities {
			if keys := m.index[ent]; keys[v.key] == v {
				delete(keys, v.key)
				if len(keys) == 0 {
					delete(m.index, ent)
				}
			}
		}
	}
}

// Size returns the bytes the cache holds, as its bound counts them.
func (m *MemoryCache) Size() int64 { return int64(m.entries.WeightedSize()) }

// Len returns the number of answers the cache holds.
func (m *MemoryCache) Len() int { return m.entries.EstimatedSize() }

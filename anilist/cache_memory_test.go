package anilist

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// TestMemoryCacheBound stores 100,000 distinct answers of about 1 KB in a
// cache of 8 MB: it stays within the bound, the index with it, and the
// entries it keeps are still found and invalidated by entity.
func TestMemoryCacheBound(t *testing.T) {
	t.Parallel()
	const maxBytes, n = 8 << 20, 100_000
	m := NewMemoryCache(maxBytes)
	ctx := context.Background()
	body := []byte(fmt.Sprintf(`{"data":{"Media":{"id":1,"description":%q}}}`, make([]byte, 900)))
	now := time.Now()
	for i := range n {
		e := &CacheEntry{Body: body, Stored: now, Expires: now.Add(time.Hour), StaleUntil: now.Add(2 * time.Hour),
			Entities: []string{fmt.Sprintf("Media:%d", i), "Studio:1"}}
		if err := m.Set(ctx, fmt.Sprintf("key%07d", i), e); err != nil {
			t.Fatal(err)
		}
	}
	m.entries.CleanUp()
	m.mu.Lock()
	m.catchUp()
	indexed := len(m.index["Studio:1"])
	m.mu.Unlock()
	if m.Size() > maxBytes {
		t.Errorf("got %d bytes after %d answers; want at most %d", m.Size(), n, maxBytes)
	}
	if m.Len() == 0 || m.Len() >= n/10 {
		t.Errorf("got %d answers kept; want some, and far fewer than %d", m.Len(), n)
	}
	// otter reports deletions asynchronously, so the index may lag by the
	// events still on their way; without them it would hold all 100,000.
	if indexed > 2*m.Len() {
		t.Errorf("the index holds %d keys for %d answers; want at most twice as many", indexed, m.Len())
	}
	t.Logf("after %d answers: %d kept, %d bytes counted, %d keys indexed", n, m.Len(), m.Size(), indexed)

	var last string
	for k := range m.entries.Keys() {
		last = k
		break
	}
	if _, ok, _ := m.Get(ctx, last); !ok {
		t.Fatalf("the kept answer %q is not found", last)
	}
	if err := m.Invalidate(ctx, []string{"Studio:1"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := m.Get(ctx, last); ok {
		t.Error("an answer holding Studio:1 is still found after Invalidate(Studio:1)")
	}
}

// TestMemoryCacheHeap: the heap held by a full cache stays near its bound.
func TestMemoryCacheHeap(t *testing.T) {
	const maxBytes, n = 16 << 20, 100_000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := NewMemoryCache(maxBytes)
	now := time.Now()
	for i := range n {
		body := fmt.Appendf(nil, `{"data":{"Media":{"id":%d,"description":%q}}}`, i, make([]byte, 900))
		m.Set(context.Background(), fmt.Sprintf("key%07d", i), &CacheEntry{Body: body, Stored: now,
			Expires: now.Add(time.Hour), StaleUntil: now.Add(time.Hour), Entities: []string{fmt.Sprintf("Media:%d", i)}})
	}
	m.entries.CleanUp()
	m.mu.Lock()
	m.catchUp()
	m.mu.Unlock()
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("after %d answers of ~1 KB: %d kept, %d bytes counted, heap grew %d bytes (bound %d)", n, m.Len(), m.Size(), heap, maxBytes)
	if heap > 2*maxBytes {
		t.Errorf("the heap grew by %d bytes; want at most twice the bound, %d", heap, 2*maxBytes)
	}
	runtime.KeepAlive(m)
}

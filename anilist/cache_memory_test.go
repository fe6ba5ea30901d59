package anilist

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/anigql/anigql/generated"
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
	// otter reports deletions as part of them (OnAtomicDeletion), so the
	// index holds exactly the answers kept; without the reports it would
	// hold all 100,000.
	if indexed != m.Len() {
		t.Errorf("the index holds %d keys for %d answers; want one each", indexed, m.Len())
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

// TestMemoryCacheHeap: the heap held by a full cache stays near its bound,
// with the decoded answers that hits keep on the entries.
func TestMemoryCacheHeap(t *testing.T) {
	const maxBytes, n = 16 << 20, 100_000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := NewMemoryCache(maxBytes)
	now := time.Now()
	ctx := context.Background()
	hits := 0
	for i := range n {
		key := fmt.Sprintf("key%07d", i)
		body := fmt.Appendf(nil, `{"data":{"Media":{"id":%d,"title":{"romaji":"r%d"},"genres":["Action"],"description":%q}}}`, i, i, strings.Repeat("x", 900))
		m.Set(ctx, key, &CacheEntry{Body: body, Stored: now,
			Expires: now.Add(time.Hour), StaleUntil: now.Add(time.Hour), Entities: []string{fmt.Sprintf("Media:%d", i)}})
		// As a hit decodes it (without the JSON decode, slow under -race).
		romaji, desc, genre := fmt.Sprint("r", i), strings.Repeat("x", 900), "Action"
		data := &generated.MediaByIDResponse{Media: &generated.MediaByIDMedia{Description: &desc,
			MediaFields: generated.MediaFields{Id: i, Title: &generated.MediaFieldsTitleMediaTitle{Romaji: &romaji}, Genres: []*string{&genre}}}}
		if e, ok, _ := m.Get(ctx, key); ok {
			hits++
			if e.keepMemo(data) {
				m.reweigh(key, e)
			}
		}
	}
	m.entries.CleanUp()
	m.mu.Lock()
	m.catchUp()
	m.mu.Unlock()
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("after %d answers of ~1 KB, %d of them hit: %d kept, %d bytes counted, heap grew %d bytes (bound %d)", n, hits, m.Len(), m.Size(), heap, maxBytes)
	if hits < n/2 {
		t.Errorf("only %d of %d answers were found right after Set; want most", hits, n)
	}
	if m.Size() > maxBytes {
		t.Errorf("got %d bytes counted; want at most %d", m.Size(), maxBytes)
	}
	if heap > 2*maxBytes {
		t.Errorf("the heap grew by %d bytes; want at most twice the bound, %d", heap, 2*maxBytes)
	}
	runtime.KeepAlive(m)
}

// hit serves the entry under key, if the cache holds it, as a client's hit
// does, keeping its decoded answer on it, and returns that answer.
func hit(t *testing.T, m *MemoryCache, key string) *generated.MediaByIDResponse {
	t.Helper()
	e, ok, _ := m.Get(context.Background(), key)
	if !ok {
		return nil // evicted already
	}
	var resp struct{ Data *generated.MediaByIDResponse }
	if err := json.Unmarshal(e.Body, &resp); err != nil {
		t.Fatal(err)
	}
	if e.keepMemo(resp.Data) {
		m.reweigh(key, e)
	}
	return resp.Data
}

// TestMemoryCacheCountsDecodedAnswers: the decoded answer a hit keeps on an
// entry counts against the bound, and the entry stays indexed.
func TestMemoryCacheCountsDecodedAnswers(t *testing.T) {
	t.Parallel()
	m := NewMemoryCache(1 << 20)
	ctx := context.Background()
	now := time.Now()
	e := &CacheEntry{Body: []byte(`{"data":{"Media":{"id":1,"title":{"romaji":"Cowboy Bebop"},"genres":["Action","Drama"],"tags":[{"id":1,"name":"Space"}]}}}`),
		Stored: now, Expires: now.Add(time.Hour), StaleUntil: now.Add(time.Hour), Entities: []string{"Media:1"}}
	if err := m.Set(ctx, "k", e); err != nil {
		t.Fatal(err)
	}
	m.entries.CleanUp()
	bare := m.Size()
	if hit(t, m, "k") == nil {
		t.Fatal("the only entry is not found")
	}
	m.entries.CleanUp()
	if got, want := m.Size()-bare, e.memo.size(); want <= int64(unsafe.Sizeof(generated.MediaByIDResponse{})) || got != want {
		t.Errorf("a hit added %d bytes to the cache; want the decoded answer's %d", got, want)
	}
	if err := m.Invalidate(ctx, []string{"Media:1"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := m.Get(ctx, "k"); ok {
		t.Error("the entry is still found after Invalidate(Media:1); the hit lost its index")
	}
}

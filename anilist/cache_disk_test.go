package anilist_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDiskCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	d, err := anilist.NewDiskCache(dir, 3000)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	entry := func(body string, ents ...string) *anilist.CacheEntry {
		return &anilist.CacheEntry{Body: []byte(body), Stored: now, Expires: now.Add(time.Minute), StaleUntil: now.Add(time.Hour), Entities: ents}
	}
	want := entry(`{"data":{"Media":{"id":1}}}`, "Media:1")
	if err := d.Set(ctx, "a1", want); err != nil {
		t.Fatal(err)
	}
	// Another process's store on the same directory sees it.
	other, _ := anilist.NewDiskCache(dir, 3000)
	got, ok, err := other.Get(ctx, "a1")
	if err != nil || !ok {
		t.Fatalf("got %v, %v; want the entry", ok, err)
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreUnexported(anilist.CacheEntry{})); diff != "" {
		t.Errorf("entry (-want +got):\n%s", diff)
	}
	if err := d.Set(ctx, "b2", entry(`{"data":{"Media":{"id":2}}}`, "Media:2")); err != nil {
		t.Fatal(err)
	}
	if err := other.Invalidate(ctx, []string{"Media:1", "Studio:9"}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := d.Get(ctx, "a1"); ok {
		t.Error("a1 survived Invalidate(Media:1)")
	}
	if _, ok, _ := d.Get(ctx, "b2"); !ok {
		t.Error("b2 was invalidated with Media:1")
	}

	// Corrupt files and odd keys are misses, never errors or escapes.
	os.WriteFile(filepath.Join(dir, "c3.json"), []byte("{not json"), 0o600)
	for _, key := range []string{"c3", "../x", "", "none"} {
		if _, ok, err := d.Get(ctx, key); ok || err != nil {
			t.Errorf("Get(%q) = %v, %v; want a miss", key, ok, err)
		}
	}
	if err := d.Set(ctx, "../x", want); err == nil {
		t.Error("Set(../x) succeeded; want an error")
	}

	// The bound: each answer's file is ~200 bytes; 3000 keep at most 15.
	for i := range 40 {
		if err := d.Set(ctx, "k"+string(rune('a'+i%26))+string(rune('a'+i/26)), want); err != nil {
			t.Fatal(err)
		}
	}
	var total int64
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		info, _ := f.Info()
		total += info.Size()
	}
	if total > 3000 {
		t.Errorf("got %d bytes in the directory; want at most 3000", total)
	}
}

// TestDiskCacheClients: two clients on one directory, as two runs of the
// command, spend one request for the same CacheFirst query.
func TestDiskCacheClients(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	dir := t.TempDir()
	for range 2 {
		d, err := anilist.NewDiskCache(dir, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		c, err := anilist.NewClient(nil, &anilist.Options{Endpoint: r.url, Cache: d, CachePolicy: anilist.CacheFirst})
		if err != nil {
			t.Fatal(err)
		}
		if d, err := generated.MediaByID(t.Context(), c, bebop, nil); err != nil || d.Media.Id != bebop {
			t.Fatal(d, err)
		}
	}
	if n := r.requests(); n != 1 {
		t.Errorf("got %d requests; want 1", n)
	}
}

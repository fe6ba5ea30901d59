package anilist_test

import (
	"context"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
	"github.com/google/go-cmp/cmp"
)

// countingTransport counts the requests that reach the server.
type countingTransport struct{ n atomic.Int64 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

// mangaPages returns a PageFunc over every manga, most popular first.
func mangaPages(c *anilist.Client) anilist.PageFunc[*generated.MediaFields] {
	manga := generated.MediaTypeManga
	return func(ctx context.Context, page, perPage int) ([]*generated.MediaFields, bool, error) {
		d, err := generated.SearchMedia(ctx, c, nil, &manga, &page, &perPage, []generated.MediaSort{generated.MediaSortIdDesc}, nil)
		if err != nil || d.Page == nil {
			return nil, false, err
		}
		return d.Page.Media, d.Page.PageInfo != nil && d.Page.PageInfo.HasNextPage != nil && *d.Page.PageInfo.HasNextPage, nil
	}
}

func TestEmulatorPages(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	c, ct := countingClient(t, srv)
	ids := func(perPage int) []int {
		var out []int
		for m, err := range anilist.Pages(t.Context(), perPage, mangaPages(c)) {
			if err != nil {
				t.Fatal(err)
			}
			if *m.Type != generated.MediaTypeManga {
				t.Errorf("got %v for id %d; want MANGA", *m.Type, m.Id)
			}
			out = append(out, m.Id)
		}
		return out
	}
	ct.n.Store(0)
	full := ids(50)
	if want := int64((len(full) + 49) / 50); ct.n.Load() != want && ct.n.Load() != want+1 {
		t.Errorf("got %d requests for %d manga; want %d", ct.n.Load(), len(full), want)
	}
	if len(full) < 300 || !slices.IsSortedFunc(full, func(a, b int) int { return b - a }) {
		t.Errorf("got %d manga; want ≥ 300, sorted by id descending", len(full))
	}
	if d := cmp.Diff(full, ids(37)); d != "" {
		t.Errorf("perPage 37 vs 50 (-50 +37):\n%s", d)
	}
}

func TestEmulatorChunks(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	c := emulatorClient(t, srv, "", anilist.Options{})
	user := anilisttest.DemoUserID
	entries := func(perChunk int) (ids []int, requests int) {
		fetch := func(ctx context.Context, chunk, perChunk int) ([]*generated.MediaListGroupEntry, bool, error) {
			requests++
			d, err := generated.MediaListCollection(ctx, c, &user, nil, generated.MediaTypeAnime, &chunk, &perChunk, nil)
			if err != nil || d.MediaListCollection == nil {
				return nil, false, err
			}
			var out []*generated.MediaListGroupEntry
			for _, l := range d.MediaListCollection.Lists {
				out = append(out, l.Entries...)
			}
			return out, d.MediaListCollection.HasNextChunk != nil && *d.MediaListCollection.HasNextChunk, nil
		}
		for e, err := range anilist.Chunks(t.Context(), perChunk, fetch) {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.Id)
		}
		slices.Sort(ids)
		return ids, requests
	}
	whole, _ := entries(500)
	chunked, requests := entries(50)
	if len(whole) == 0 {
		t.Fatal("got no list entries for the demo user; want some")
	}
	if d := cmp.Diff(whole, chunked); d != "" {
		t.Errorf("chunks of 50 vs one chunk (-one +chunks):\n%s", d)
	}
	if requests < 2 {
		t.Errorf("got %d requests for %d entries; want several chunks", requests, len(whole))
	}
}

// checkByIDs looks ids up with ByIDs through fetch, which makes its requests
// through ct, and checks the answer: ⌈distinct ids/50⌉ requests, results
// in the order of ids, and absent (the ids the emulator does not have)
// reported missing.
func checkByIDs[E any](t *testing.T, ct *countingTransport, ids, absent []int, fetch anilist.BatchFunc[*E], idOf func(*E) int) {
	t.Helper()
	ct.n.Store(0)
	got, missing, err := anilist.ByIDs(t.Context(), ids, fetch, idOf)
	if err != nil {
		t.Fatal(err)
	}
	distinct := len(slices.Compact(slices.Sorted(slices.Values(ids))))
	if want := int64((distinct + anilist.BatchSize - 1) / anilist.BatchSize); ct.n.Load() != want {
		t.Errorf("got %d requests for %d distinct ids; want %d", ct.n.Load(), distinct, want)
	}
	if d := cmp.Diff(absent, missing); d != "" {
		t.Errorf("missing (-want +got):\n%s", d)
	}
	for i, id := range ids {
		if slices.Contains(absent, id) != (got[i] == nil) || (got[i] != nil && idOf(got[i]) != id) {
			t.Errorf("results[%d] = %v; want the item %d", i, got[i], id)
		}
	}
}

// countingClient returns a client for srv whose requests ct counts.
func countingClient(t *testing.T, srv *anilisttest.Server) (*anilist.Client, *countingTransport) {
	t.Helper()
	ct := new(countingTransport)
	c, err := anilist.NewClient(&http.Client{Transport: ct}, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return c, ct
}

func TestEmulatorByIDs(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	c, ct := countingClient(t, srv)
	var ids []int
	for i := range 110 {
		ids = append(ids, 100001+i*3)
	}
	absent := []int{99999991, 99999992}
	ids = append([]int{absent[0]}, append(ids, absent[1], 100001)...) // missing ids and a repeat
	checkByIDs(t, ct, ids, absent, func(ctx context.Context, batch []int) ([]*generated.MediaFields, error) {
		perPage := anilist.BatchSize
		d, err := generated.MediaByIDs(ctx, c, batch, nil, &perPage)
		if err != nil || d.Page == nil {
			return nil, err
		}
		return d.Page.Media, nil
	}, func(m *generated.MediaFields) int { return m.Id })
}

func TestEmulatorByIDsCharacters(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	c, ct := countingClient(t, srv)
	// A range of ids, from the top down, and which of them the emulator has.
	var ids, absent []int
	for id := 120500; id > 119900; id-- {
		ids = append(ids, id)
		if srv.Get("Character", id) == nil {
			absent = append(absent, id)
		}
	}
	if len(ids)-len(absent) < 100 {
		t.Fatalf("the emulator has %d of the characters %d…%d; want more", len(ids)-len(absent), ids[0], ids[len(ids)-1])
	}
	checkByIDs(t, ct, ids, absent, func(ctx context.Context, batch []int) ([]*generated.CharacterFields, error) {
		perPage := anilist.BatchSize
		d, err := generated.CharactersByIDs(ctx, c, batch, nil, &perPage)
		if err != nil || d.Page == nil {
			return nil, err
		}
		return d.Page.Characters, nil
	}, func(ch *generated.CharacterFields) int { return ch.Id })
}

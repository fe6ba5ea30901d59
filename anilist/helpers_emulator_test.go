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
	ct := new(countingTransport)
	c, err := anilist.NewClient(&http.Client{Transport: ct}, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
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

func TestEmulatorByIDs(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	ct := new(countingTransport)
	c, err := anilist.NewClient(&http.Client{Transport: ct}, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for i := range 110 {
		ids = append(ids, 100001+i*3)
	}
	absent := []int{99999991, 99999992}
	ids = append([]int{absent[0]}, append(ids, absent[1], 100001)...) // missing ids and a repeat
	fetch := func(ctx context.Context, batch []int) ([]*generated.MediaFields, error) {
		perPage := anilist.BatchSize
		d, err := generated.MediaByIDs(ctx, c, batch, nil, &perPage)
		if err != nil || d.Page == nil {
			return nil, err
		}
		return d.Page.Media, nil
	}
	got, missing, err := anilist.ByIDs(t.Context(), ids, fetch, func(m *generated.MediaFields) int { return m.Id })
	if err != nil {
		t.Fatal(err)
	}
	if n := ct.n.Load(); n != 3 {
		t.Errorf("got %d requests for 112 distinct ids; want 3", n)
	}
	if d := cmp.Diff(absent, missing); d != "" {
		t.Errorf("missing (-want +got):\n%s", d)
	}
	for i, id := range ids {
		if slices.Contains(absent, id) != (got[i] == nil) || (got[i] != nil && got[i].Id != id) {
			t.Errorf("results[%d] = %v; want the media %d", i, got[i], id)
		}
	}
}

package anilist_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
	"github.com/google/go-cmp/cmp"
)

// listEntries returns the demo user's anime list, CacheFirst, by media id.
func listEntries(t *testing.T, c *anilist.Client) map[int]*generated.MediaListGroupEntry {
	t.Helper()
	user := anilisttest.DemoUserID
	ctx := anilist.WithFetchPolicy(t.Context(), anilist.CacheFirst)
	d, err := generated.MediaListCollection(ctx, c, &user, nil, generated.MediaTypeAnime, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]*generated.MediaListGroupEntry{}
	for _, l := range d.MediaListCollection.Lists {
		for _, e := range l.Entries {
			out[e.MediaId] = e
		}
	}
	return out
}

// TestEmulatorInvalidation: a mutation invalidates the cached answers that
// hold its entities, so the next CacheFirst call sees the change, for an
// entry already in the list (MediaList:id), for a new one (the list's
// User:id, which the new entry's userId names) and for a deleted one (the
// MediaList:id of DeleteMediaListEntry's argument).
func TestEmulatorInvalidation(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	c := r.client(t, r.srv.ViewerToken(), anilist.Options{})
	before := listEntries(t, c)
	if len(before) == 0 {
		t.Fatal("got an empty list for the demo user; want entries")
	}
	listEntries(t, c)
	if n := r.requests(); n != 1 {
		t.Fatalf("got %d requests for two CacheFirst calls; want 1", n)
	}
	ids := slices.Sorted(func(yield func(int) bool) {
		for id := range before {
			if !yield(id) {
				return
			}
		}
	})
	edited := before[ids[0]]
	progress := 1
	if edited.Progress != nil {
		progress = *edited.Progress + 1
	}
	mediaID := edited.MediaId
	if _, err := generated.SaveMediaListEntry(t.Context(), c, nil, &mediaID, nil, nil, &progress, nil, nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	after := listEntries(t, c)
	if got := after[mediaID].Progress; got == nil || *got != progress {
		t.Errorf("got progress %v after SaveMediaListEntry; want %d", got, progress)
	}
	if n := r.requests(); n != 2 {
		t.Errorf("got %d requests (mutation, list); want 2", n)
	}

	// A media the list does not have yet: the cached page of planned
	// entries holds User:1, which the new entry's userId names.
	planned(t, c)
	added := 0
	for id := 1; id < 200000 && added == 0; id++ {
		if m := r.srv.Get("Media", id); m != nil && m["type"] == "ANIME" && after[id] == nil {
			added = id
		}
	}
	status := generated.MediaListStatusPlanning
	saved, err := generated.SaveMediaListEntry(t.Context(), c, nil, &added, &status, nil, nil, nil, nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(planned(t, c), added) {
		t.Errorf("media %d missing from the CacheFirst planning list after adding it", added)
	}

	// A deletion, whose answer ({"deleted": true}) names no entity: its
	// id argument names MediaList:id.
	if _, err := generated.DeleteMediaListEntry(t.Context(), c, saved.SaveMediaListEntry.Id); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(planned(t, c), added) {
		t.Errorf("media %d still on the CacheFirst planning list after DeleteMediaListEntry", added)
	}
	if _, ok := listEntries(t, c)[added]; ok {
		t.Errorf("media %d still in the CacheFirst MediaListCollection after DeleteMediaListEntry", added)
	}
}

// planned returns the media ids of the demo user's latest planned anime,
// CacheFirst.
func planned(t *testing.T, c *anilist.Client) []int {
	t.Helper()
	user, anime := anilisttest.DemoUserID, generated.MediaTypeAnime
	ctx := anilist.WithFetchPolicy(t.Context(), anilist.CacheFirst)
	d, err := generated.UserMediaList(ctx, c, &user, nil, &anime, []generated.MediaListStatus{generated.MediaListStatusPlanning}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, e := range d.Page.MediaList {
		ids = append(ids, e.MediaId)
	}
	return ids
}

// TestCacheViewers: public and viewer answers never mix in one store, and
// a client with a custom *http.Client must say whose answers it caches.
func TestCacheViewers(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	public := r.client(t, "", anilist.Options{})
	viewer := r.client(t, r.srv.ViewerToken(), anilist.Options{})
	ctx := anilist.WithFetchPolicy(t.Context(), anilist.CacheFirst)
	for _, c := range []*anilist.Client{public, viewer, public, viewer} {
		if _, err := generated.MediaByID(ctx, c, bebop, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := r.requests(); n != 2 {
		t.Errorf("got %d requests for public, viewer, public, viewer; want 2", n)
	}
	_, err := anilist.NewClient(&http.Client{}, &anilist.Options{Cache: r.cache})
	if err == nil {
		t.Error("NewClient with a Cache, a custom *http.Client and no Viewer succeeded; want an error")
	}
}

// TestCacheOnlyWithoutCache: CacheOnly without a cache is a miss, and
// never a request.
func TestCacheOnlyWithoutCache(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	c, err := anilist.NewClient(nil, &anilist.Options{Endpoint: r.url})
	if err != nil {
		t.Fatal(err)
	}
	_, err = generated.MediaByID(anilist.WithFetchPolicy(t.Context(), anilist.CacheOnly), c, bebop, nil)
	if !errors.Is(err, anilist.ErrCacheMiss) || r.requests() != 0 {
		t.Errorf("got %v; want ErrCacheMiss and no request", err)
	}
}

// TestCacheNoErrors: answers with errors and mutations are never cached.
func TestCacheNoErrors(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	c := r.client(t, "", anilist.Options{})
	ctx := anilist.WithFetchPolicy(context.Background(), anilist.CacheFirst)
	for range 2 {
		if _, err := generated.MediaByID(ctx, c, 999999999, nil); !errors.Is(err, anilist.ErrNotFound) {
			t.Fatalf("got %v; want ErrNotFound", err)
		}
	}
	if n := r.requests(); n != 2 {
		t.Errorf("got %d requests for two CacheFirst calls that failed; want 2", n)
	}
	if r.cache.Len() != 0 {
		t.Errorf("got %d cached answers; want none", r.cache.Len())
	}
}

// TestCacheHitsAreCopies: changing an answer from the cache changes
// neither the cache nor another caller's answer.
func TestCacheHitsAreCopies(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	c := r.client(t, "", anilist.Options{})
	ctx := anilist.WithFetchPolicy(t.Context(), anilist.CacheFirst)
	var answers []*generated.MediaByIDResponse
	for range 3 {
		d, err := generated.MediaByID(ctx, c, bebop, nil)
		if err != nil {
			t.Fatal(err)
		}
		answers = append(answers, d)
		*d.Media.Title.Romaji = "changed"
		d.Media.Genres[0] = nil
		d.Media.Tags = nil
	}
	d, err := generated.MediaByID(ctx, c, bebop, nil)
	if err != nil {
		t.Fatal(err)
	}
	if *d.Media.Title.Romaji != "Cowboy Bebop" || d.Media.Genres[0] == nil || len(d.Media.Tags) == 0 {
		t.Errorf("a hit after callers changed theirs got title %q, genre %v, %d tags; want the original", *d.Media.Title.Romaji, d.Media.Genres[0], len(d.Media.Tags))
	}
	if answers[1].Media == answers[2].Media || answers[1].Media.Title == answers[2].Media.Title {
		t.Error("two hits share memory; want copies")
	}
}

// TestCacheConcurrentHits: goroutines hitting one cached answer at once,
// a plain one and a union list, each get an equal copy of their own,
// whatever the others do to theirs (run it with -race).
func TestCacheConcurrentHits(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	c := r.client(t, r.srv.ViewerToken(), anilist.Options{})
	ctx := anilist.WithFetchPolicy(t.Context(), anilist.CacheFirst)
	per := 50
	media, err := generated.MediaByID(ctx, c, bebop, nil)
	if err != nil {
		t.Fatal(err)
	}
	notes, err := generated.Notifications(ctx, c, nil, &per, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				m, err := generated.MediaByID(ctx, c, bebop, nil)
				if err != nil {
					t.Error(err)
					return
				}
				n, err := generated.Notifications(ctx, c, nil, &per, nil, nil)
				if err != nil {
					t.Error(err)
					return
				}
				if d := cmp.Diff(media, m); d != "" {
					t.Errorf("a concurrent hit differs (-want +got):\n%s", d)
					return
				}
				if d := cmp.Diff(notes, n); d != "" {
					t.Errorf("a concurrent union hit differs (-want +got):\n%s", d)
					return
				}
				*m.Media.Title.Romaji = "changed"
				m.Media.Tags[0].Name = "changed"
				n.Page.Notifications[0] = nil
			}
		})
	}
	wg.Wait()
	if n := r.requests(); n != 2 {
		t.Errorf("got %d requests; want 2 (the first call of each)", n)
	}
}

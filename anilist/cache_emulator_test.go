package anilist_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

// countingHandler counts the GraphQL requests that reach the emulator.
type countingHandler struct {
	next http.Handler
	n    atomic.Int64
}

func (h *countingHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		h.n.Add(1)
	}
	h.next.ServeHTTP(w, r)
}

// testClock is a settable clock for TTLs.
type testClock struct{ ns atomic.Int64 }

func newTestClock() *testClock {
	c := new(testClock)
	c.ns.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *testClock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *testClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// cacheRig is an emulator behind a counting handler and a caching client.
type cacheRig struct {
	srv   *anilisttest.Server
	count *countingHandler
	ts    *httptest.Server
	url   string
	clock *testClock
	cache *anilist.MemoryCache
}

// newCacheRig starts an emulator, with setup applied before it freezes,
// behind a request counter.
func newCacheRig(t testing.TB, setup func(*anilisttest.Server)) *cacheRig {
	t.Helper()
	srv := anilisttest.NewUnstartedServer()
	srv.RateLimit = 1 << 20
	if setup != nil {
		setup(srv)
	}
	count := &countingHandler{next: srv.Handler()}
	ts := httptest.NewServer(count)
	t.Cleanup(ts.Close)
	return &cacheRig{srv: srv, count: count, ts: ts, url: ts.URL, clock: newTestClock(), cache: anilist.NewMemoryCache(64 << 20)}
}

// client returns a client of the rig's cache, signed with token if set.
func (r *cacheRig) client(t testing.TB, token string, opts anilist.Options) *anilist.Client {
	t.Helper()
	hc := &http.Client{Transport: http.DefaultTransport}
	opts.Viewer = anilist.Public
	if token != "" {
		hc = &http.Client{Transport: bearer{token}}
		opts.Viewer = fmt.Sprint(anilisttest.DemoUserID)
	}
	opts.Endpoint, opts.Cache = r.url, r.cache
	if opts.RetryBaseDelay == 0 {
		opts.RetryBaseDelay, opts.RetryMaxDelay = time.Millisecond, 4*time.Millisecond
	}
	c, err := anilist.NewClient(hc, &opts)
	if err != nil {
		t.Fatal(err)
	}
	anilist.SetCacheClock(c, r.clock.Now)
	return c
}

// uncached returns a client of the rig without a cache.
func (r *cacheRig) uncached(t testing.TB, opts anilist.Options) *anilist.Client {
	t.Helper()
	opts.Endpoint = r.url
	c, err := anilist.NewClient(nil, &opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// body returns the emulator's answer to MediaByID(bebop).
func (r *cacheRig) body(t testing.TB) []byte {
	t.Helper()
	req, _ := json.Marshal(map[string]any{"query": generated.MediaByID_Operation, "variables": map[string]any{"id": bebop}})
	resp, err := http.Post(r.url, "application/json", bytes.NewReader(req))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d, %v; want 200", resp.StatusCode, err)
	}
	return body
}

// requests returns the requests counted since the last call.
func (r *cacheRig) requests() int { return int(r.count.n.Swap(0)) }

const bebop = 1 // Cowboy Bebop, in the emulator's dataset

// faults are the emulator's fault switches, as the table names them.
// The emulator allows limit requests per hour (0: no limit).
var faults = []struct {
	name   string
	limit  int
	inject func(r *cacheRig, t *testing.T)
}{
	{"none", 0, func(*cacheRig, *testing.T) {}},
	{"5xx", 0, func(r *cacheRig, _ *testing.T) { r.srv.FailNext(100, http.StatusBadGateway) }},
	{"429", 2, func(r *cacheRig, t *testing.T) {
		// Another client spends the rest of the window.
		other := r.client(t, "", anilist.Options{})
		if _, err := generated.GenreCollection(t.Context(), other); err != nil {
			t.Fatal(err)
		}
	}},
	{"API disabled", 0, func(r *cacheRig, _ *testing.T) { r.srv.DisableAPI(100) }},
	{"network", 0, func(r *cacheRig, _ *testing.T) { r.ts.Close() }}, // connection refused
}

// TestEmulatorFetchPolicies runs every policy against every fault with a
// stale answer in the cache, and checks what the caller gets and how many
// requests reached the emulator (the background refresh of
// StaleWhileRevalidate included).
func TestEmulatorFetchPolicies(t *testing.T) {
	t.Parallel()
	type want struct {
		from     string // "network", "cache" or the error's sentinel
		requests int
	}
	const retries = 2                         // MaxRetries: a 5xx costs 1+2 requests
	table := map[anilist.FetchPolicy][5]want{ // none, 5xx, 429, API disabled, network
		anilist.NetworkOnly:          {{"network", 1}, {"5xx", 3}, {"429", 1}, {"disabled", 1}, {"conn", 0}},
		anilist.CacheFirst:           {{"network", 1}, {"5xx", 3}, {"429", 1}, {"disabled", 1}, {"conn", 0}},
		anilist.NetworkFirst:         {{"network", 1}, {"cache", 3}, {"cache", 1}, {"cache", 1}, {"cache", 0}},
		anilist.CacheOnly:            {{"cache", 0}, {"cache", 0}, {"cache", 0}, {"cache", 0}, {"cache", 0}},
		anilist.StaleWhileRevalidate: {{"cache", 1}, {"cache", 3}, {"cache", 1}, {"cache", 1}, {"cache", 0}},
	}
	for policy, wants := range table {
		for i, f := range faults {
			t.Run(policy.String()+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				r := newCacheRig(t, func(s *anilisttest.Server) {
					if f.limit > 0 {
						s.RateLimit, s.RateWindow = f.limit, time.Hour
					}
				})
				c := r.client(t, "", anilist.Options{MaxRetries: retries, MaxRateLimitRetries: -1})
				if _, err := generated.MediaByID(t.Context(), c, bebop, nil); err != nil {
					t.Fatal(err)
				}
				r.clock.Advance(2 * time.Minute) // past the default TTL of a minute
				f.inject(r, t)
				r.requests()

				ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
				defer cancel()
				var info anilist.CacheInfo
				ctx = anilist.WithCacheInfo(anilist.WithFetchPolicy(ctx, policy), &info)
				data, err := generated.MediaByID(ctx, c, bebop, nil)
				anilist.WaitRefreshes(c)
				got := want{from: outcome(err, &info), requests: r.requests()}
				if got != wants[i] {
					t.Errorf("got %+v (err %v); want %+v", got, err, wants[i])
				}
				if err == nil && (data.Media == nil || data.Media.Id != bebop) {
					t.Errorf("got media %+v; want id %d", data.Media, bebop)
				}
				if info.Hit && (!info.Stale || info.Age != 2*time.Minute) {
					t.Errorf("got CacheInfo %+v; want a stale hit of age 2m", info)
				}
			})
		}
	}
}

// outcome names where a call's answer came from, or its error.
func outcome(err error, info *anilist.CacheInfo) string {
	var re *anilist.ResponseError
	switch {
	case err == nil && info.Hit:
		return "cache"
	case err == nil:
		return "network"
	case errors.Is(err, anilist.ErrRateLimited):
		return "429"
	case errors.Is(err, anilist.ErrAPIDisabled):
		return "disabled"
	case errors.As(err, &re) && re.StatusCode >= 500:
		return "5xx"
	case errors.As(err, new(*net.OpError)):
		return "conn"
	}
	return err.Error()
}

// TestEmulatorCoalescing: 32 goroutines asking for the same Media at once
// spend one request. The emulator holds the answer until all 32 calls have
// joined the flight, so that none of them could be answered by the cache.
func TestEmulatorCoalescing(t *testing.T) {
	t.Parallel()
	for _, policy := range []anilist.FetchPolicy{anilist.NetworkOnly, anilist.CacheFirst} {
		t.Run(policy.String(), func(t *testing.T) {
			t.Parallel()
			r := newCacheRig(t, nil)
			c := r.client(t, "", anilist.Options{})
			const n = 32
			release := make(chan struct{})
			var joined atomic.Int64
			anilist.OnJoin(c, func() {
				if joined.Add(1) == n {
					close(release)
				}
			})
			next := r.count.next
			r.count.next = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				<-release
				next.ServeHTTP(w, req)
			})
			var wg sync.WaitGroup
			var shared atomic.Int64
			errs := make(chan error, n)
			for range n {
				wg.Go(func() {
					var info anilist.CacheInfo
					ctx := anilist.WithCacheInfo(anilist.WithFetchPolicy(t.Context(), policy), &info)
					d, err := generated.MediaByID(ctx, c, bebop, nil)
					if err == nil && d.Media.Id != bebop {
						err = fmt.Errorf("got media %d; want %d", d.Media.Id, bebop)
					}
					if info.Shared {
						shared.Add(1)
					}
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			if got := r.requests(); got != 1 {
				t.Errorf("got %d requests for %d identical calls; want 1", got, n)
			}
			if shared.Load() != n {
				t.Errorf("got %d calls with CacheInfo.Shared; want %d", shared.Load(), n)
			}
		})
	}
}

// TestCacheTTLs: an operation's TTL from CacheOps outlives the default one,
// and a policy from CacheOps applies without a context policy.
func TestCacheTTLs(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	c := r.client(t, "", anilist.Options{CachePolicy: anilist.CacheFirst, CacheTTL: time.Minute,
		CacheOps: map[string]anilist.CacheRule{"MediaByID": {TTL: time.Hour}, "GenreCollection": {Policy: anilist.NetworkOnly}}})
	call := func() (media, genres anilist.CacheInfo) {
		if _, err := generated.MediaByID(anilist.WithCacheInfo(t.Context(), &media), c, bebop, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := generated.GenreCollection(anilist.WithCacheInfo(t.Context(), &genres), c); err != nil {
			t.Fatal(err)
		}
		return media, genres
	}
	call()
	r.clock.Advance(30 * time.Minute)
	media, genres := call()
	if !media.Hit || media.Age != 30*time.Minute || media.Stale || media.Policy != anilist.CacheFirst {
		t.Errorf("MediaByID after 30m: got %+v; want a fresh CacheFirst hit of age 30m (TTL 1h)", media)
	}
	if genres.Hit || genres.Policy != anilist.NetworkOnly {
		t.Errorf("GenreCollection: got %+v; want NetworkOnly from CacheOps", genres)
	}
	r.clock.Advance(31 * time.Minute)
	if media, _ = call(); media.Hit {
		t.Errorf("MediaByID after 61m: got %+v; want a network answer", media)
	}
	if n := r.requests(); n != 5 {
		t.Errorf("got %d requests; want 5 (2 MediaByID, 3 GenreCollection)", n)
	}
}

// recordingCache is a Cache that records the entries it is given and the
// entities it is told to invalidate.
type recordingCache struct {
	anilist.Cache
	mu   sync.Mutex
	sets []*anilist.CacheEntry
	ents [][]string
}

func (c *recordingCache) Set(ctx context.Context, key string, e *anilist.CacheEntry) error {
	c.mu.Lock()
	c.sets = append(c.sets, e)
	c.mu.Unlock()
	return c.Cache.Set(ctx, key, e)
}

func (c *recordingCache) Invalidate(ctx context.Context, entities []string) error {
	c.mu.Lock()
	c.ents = append(c.ents, entities)
	c.mu.Unlock()
	return c.Cache.Invalidate(ctx, entities)
}

// TestCacheMutationWithoutEntities: a mutation whose answer and arguments
// name no entity invalidates the answers that hold the viewer; one that
// failed, or of a public client, invalidates nothing.
func TestCacheMutationWithoutEntities(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body, viewer string
		want               [][]string
	}{
		{"viewer", `{"data":{"DeleteCustomList":{"deleted":true}}}`, "7", [][]string{{"User:7"}}},
		{"failed", `{"data":null,"errors":[{"message":"Unauthorized.","status":401}]}`, "7", nil},
		{"public", `{"data":{"DeleteCustomList":{"deleted":true}}}`, anilist.Public, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := serve(t, []byte(tc.body))
			store := &recordingCache{Cache: anilist.NewMemoryCache(1 << 20)}
			c, err := anilist.NewClient(srv.Client(), &anilist.Options{Endpoint: srv.URL, DisableRateLimit: true,
				Cache: store, Viewer: tc.viewer, MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			generated.DeleteCustomList(t.Context(), c, "Rewatch", generated.MediaTypeAnime)
			if !slices.EqualFunc(store.ents, tc.want, slices.Equal) {
				t.Errorf("invalidated %q; want %q", store.ents, tc.want)
			}
		})
	}
}

// TestCacheEntryFetched: an entry says when its request was sent (that of
// the attempt that was answered, after a retry) and when it arrived, by
// the cache's clock, for the stores shared by processes.
func TestCacheEntryFetched(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	rec := &recordingCache{Cache: r.cache}
	slow := r.count.next
	r.count.next = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.clock.Advance(3 * time.Second) // each round trip takes 3 s
		slow.ServeHTTP(w, req)
	})
	r.srv.FailNext(1, http.StatusBadGateway)
	c := r.client(t, "", anilist.Options{})
	anilist.SetCacheStore(c, rec)
	start := r.clock.Now()
	if _, err := generated.MediaByID(t.Context(), c, bebop, nil); err != nil {
		t.Fatal(err)
	}
	if len(rec.sets) != 1 {
		t.Fatalf("got %d entries stored; want 1", len(rec.sets))
	}
	e := rec.sets[0]
	if got, want := e.Fetched.Sub(start), 3*time.Second; got != want {
		t.Errorf("Fetched is %v after the call began; want %v (the retry's request)", got, want)
	}
	if got := e.Stored.Sub(e.Fetched); got != 3*time.Second {
		t.Errorf("Stored is %v after Fetched; want 3s", got)
	}
}

// TestEmulatorNetworkFirstOutage: in outage mode (after AniList's 403 "API
// disabled") the client fails fast without a request, and NetworkFirst
// answers from the cache, for every call of the cooldown.
func TestEmulatorNetworkFirstOutage(t *testing.T) {
	t.Parallel()
	r := newCacheRig(t, nil)
	c := r.client(t, "", anilist.Options{OutageCooldown: time.Hour})
	if _, err := generated.MediaByID(t.Context(), c, bebop, nil); err != nil {
		t.Fatal(err)
	}
	r.srv.DisableAPI(1)
	r.requests()
	ctx := anilist.WithFetchPolicy(t.Context(), anilist.NetworkFirst)
	for i := range 3 {
		var info anilist.CacheInfo
		d, err := generated.MediaByID(anilist.WithCacheInfo(ctx, &info), c, bebop, nil)
		if err != nil || !info.Hit || !errors.Is(info.Fallback, anilist.ErrAPIDisabled) || d.Media.Id != bebop {
			t.Errorf("call %d: got %v, %+v; want a cached answer falling back from ErrAPIDisabled", i, err, info)
		}
	}
	if n := r.requests(); n != 1 {
		t.Errorf("got %d requests for 3 calls; want 1 (the 403), then outage mode", n)
	}
	var oe *anilist.APIDisabledError
	_, err := generated.MediaByID(t.Context(), c, bebop, nil)
	if !errors.As(err, &oe) {
		t.Errorf("NetworkOnly in the cooldown: got %v; want an *APIDisabledError", err)
	}
}

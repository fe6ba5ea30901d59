package redisstore_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
	"github.com/anigql/anigql/redisstore"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestCache(t *testing.T) {
	t.Parallel()
	rdb := startRedis(t).client(t)
	ctx := t.Context()
	c, err := redisstore.NewCache(rdb, "test")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Truncate(time.Millisecond).UTC()
	put := func(key string, keep time.Duration, ents ...string) *anilist.CacheEntry {
		e := &anilist.CacheEntry{Body: []byte(`{"data":{"k":"` + key + `"}}`), Stored: now,
			Expires: now.Add(keep / 2), StaleUntil: now.Add(keep), Entities: ents}
		if err := c.Set(ctx, key, e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	a := put("a", time.Hour, "Media:1", "User:1")
	put("b", 2*time.Hour, "Media:2", "User:1")
	put("c", time.Hour, "Media:3")
	got, ok, err := c.Get(ctx, "a")
	if err != nil || !ok {
		t.Fatalf("Get(a) = %v, %v; want the entry", ok, err)
	}
	if d := cmp.Diff(a, got, cmpopts.IgnoreUnexported(anilist.CacheEntry{})); d != "" {
		t.Errorf("entry (-want +got):\n%s", d)
	}
	// The answer expires when it is useless; User:1's set outlives b.
	if ttl := rdb.PTTL(ctx, "{test}:a:a").Val(); ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("got a TTL of %v for a; want 1h", ttl)
	}
	if ttl := rdb.PTTL(ctx, "{test}:e:User:1").Val(); ttl <= 119*time.Minute {
		t.Errorf("got a TTL of %v for User:1's index; want 2h, as long as b", ttl)
	}
	if err := c.Invalidate(ctx, []string{"User:1", "Studio:9"}); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]bool{"a": false, "b": false, "c": true, "none": false} {
		if _, ok, err := c.Get(ctx, key); ok != want || err != nil {
			t.Errorf("after Invalidate(User:1): Get(%s) = %v, %v; want %v", key, ok, err, want)
		}
	}
	// User:1 has a tombstone: an answer holding it whose request was sent
	// before the invalidation is not stored; one without it is.
	if ttl := rdb.PTTL(ctx, "{test}:t:User:1").Val(); ttl <= redisstore.TombstoneTTL-time.Minute || ttl > redisstore.TombstoneTTL {
		t.Errorf("got a TTL of %v for User:1's tombstone; want %v", ttl, redisstore.TombstoneTTL)
	}
	late := put("late", time.Hour, "User:1", "Media:4")
	late.Fetched = late.Stored.Add(-time.Second)
	if err := c.Set(ctx, "late", late); err != nil {
		t.Fatal(err)
	}
	old := &anilist.CacheEntry{Body: []byte(`{"data":{}}`), Fetched: now.Add(-redisstore.TombstoneTTL), Stored: now,
		Expires: now.Add(time.Hour), StaleUntil: now.Add(time.Hour), Entities: []string{"Media:5"}}
	if err := c.Set(ctx, "old", old); err != nil {
		t.Fatal(err)
	}
	put("public", time.Hour)
	for key, want := range map[string]bool{"late": false, "old": false, "public": true} {
		if _, ok, err := c.Get(ctx, key); ok != want || err != nil {
			t.Errorf("Get(%s) = %v, %v; want %v", key, ok, err, want)
		}
	}
	if rdb.Exists(ctx, "{test}:e:Media:4").Val() != 0 {
		t.Error("a refused answer left its entity's index set")
	}

	rdb.Set(ctx, "{test}:a:junk", "not json", time.Minute)
	if _, ok, err := c.Get(ctx, "junk"); ok || err != nil {
		t.Errorf("Get(junk) = %v, %v; want a miss", ok, err)
	}
	if _, err := redisstore.NewCache(nil, "x"); err == nil {
		t.Error("NewCache(nil) succeeded; want an error")
	}
}

// The environment of the helper process of TestCacheTwoProcesses.
const (
	envHelper = "REDISSTORE_CACHE_HELPER"
	envRedis  = "REDISSTORE_CACHE_REDIS"
	envEmu    = "REDISSTORE_CACHE_EMULATOR"
	envToken  = "REDISSTORE_CACHE_TOKEN"
	envMedia  = "REDISSTORE_CACHE_MEDIA"
	envProg   = "REDISSTORE_CACHE_PROGRESS"
)

// cacheClient returns a client of the demo viewer on the emulator at url,
// caching in Redis at addr under the prefix "fleet".
func cacheClient(t testing.TB, addr, url, token string) *anilist.Client {
	t.Helper()
	rdb := (&redisServer{addr: addr}).client(t)
	cache, err := redisstore.NewCache(rdb, "fleet")
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{Transport: bearer(token)}
	c, err := anilist.NewClient(hc, &anilist.Options{Endpoint: url, Cache: cache,
		Viewer: strconv.Itoa(anilisttest.DemoUserID), CachePolicy: anilist.CacheFirst})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// bearer signs requests with a token, on a clone, as package auth does.
type bearer string

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+string(b))
	return http.DefaultTransport.RoundTrip(r)
}

// progressOf returns the demo user's progress on media from a CacheFirst
// MediaListCollection, and whether the answer came from the cache.
func progressOf(t testing.TB, c *anilist.Client, media int) (progress int, hit bool) {
	t.Helper()
	var info anilist.CacheInfo
	user := anilisttest.DemoUserID
	d, err := generated.MediaListCollection(anilist.WithCacheInfo(context.Background(), &info), c, &user, nil, generated.MediaTypeAnime, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range d.MediaListCollection.Lists {
		for _, e := range l.Entries {
			if e.MediaId == media && e.Progress != nil {
				return *e.Progress, info.Hit
			}
		}
	}
	return -1, info.Hit
}

// TestCacheTwoProcesses: process A caches the demo user's list in Redis;
// process B, another OS process on the same Redis, reads A's answer from
// the cache and saves a new progress; A's next CacheFirst call misses and
// shows it.
func TestCacheTwoProcesses(t *testing.T) {
	t.Parallel()
	redisSrv := startRedis(t)
	srv := anilisttest.NewUnstartedServer()
	var requests atomic.Int64
	next := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		next.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	token := srv.ViewerToken()
	a := cacheClient(t, redisSrv.addr, ts.URL, token)

	user := anilisttest.DemoUserID
	d, err := generated.MediaListCollection(t.Context(), a, &user, nil, generated.MediaTypeAnime, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var media []int
	for _, l := range d.MediaListCollection.Lists {
		for _, e := range l.Entries {
			media = append(media, e.MediaId)
		}
	}
	slices.Sort(media)
	before, hit := progressOf(t, a, media[0])
	if !hit || requests.Load() != 1 {
		t.Fatalf("the second CacheFirst call: hit %v after %d requests; want a hit after 1", hit, requests.Load())
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestCacheHelperProcess$", "-test.v")
	cmd.Env = append(os.Environ(), envHelper+"=1", envRedis+"="+redisSrv.addr, envEmu+"="+ts.URL,
		envToken+"="+token, envMedia+"="+strconv.Itoa(media[0]), envProg+"="+strconv.Itoa(before+1))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("process B: %v\n%s", err, out)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("got %d requests after process B; want 2 (B read the list from the cache, then saved)", n)
	}
	after, hit := progressOf(t, a, media[0])
	if hit || after != before+1 {
		t.Errorf("process A after B's mutation: progress %d (hit %v); want %d from AniList", after, hit, before+1)
	}
}

// TestCacheFetchRace: process A's request for the list is answered before
// process B saves a new progress, and A receives the answer only after B
// has invalidated the list. A must not store that answer, which predates
// B's mutation: its next CacheFirst call misses and shows the new
// progress.
func TestCacheFetchRace(t *testing.T) {
	t.Parallel()
	redisSrv := startRedis(t)
	srv := anilisttest.NewUnstartedServer()
	next := srv.Handler()
	var armed atomic.Bool
	answered, release := make(chan struct{}), make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !bytes.Contains(body, []byte("MediaListCollection")) || !armed.CompareAndSwap(true, false) {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r) // AniList answers now...
		close(answered)
		<-release // ...and the answer is on its way while B mutates
		maps.Copy(w.Header(), rec.Header())
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(ts.Close)
	token := srv.ViewerToken()
	a, b := cacheClient(t, redisSrv.addr, ts.URL, token), cacheClient(t, redisSrv.addr, ts.URL, token)

	plain, err := anilist.NewClient(&http.Client{Transport: bearer(token)}, &anilist.Options{Endpoint: ts.URL})
	if err != nil {
		t.Fatal(err)
	}
	media := 0
	for id := range 200 {
		if p, _ := progressOf(t, plain, id); p >= 0 {
			media = id
			break
		}
	}
	before, _ := progressOf(t, plain, media)

	armed.Store(true)
	done := make(chan int)
	go func() {
		p, _ := progressOf(t, a, media)
		done <- p
	}()
	<-answered
	progress := before + 1
	if _, err := generated.SaveMediaListEntry(t.Context(), b, nil, &media, nil, nil, &progress, nil, nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	close(release)
	if p := <-done; p != before {
		t.Fatalf("A's racing call got progress %d; want the old %d", p, before)
	}
	if got, hit := progressOf(t, a, media); hit || got != progress {
		t.Errorf("A's next CacheFirst call: progress %d (hit %v); want %d from AniList", got, hit, progress)
	}
}

// TestCacheHelperProcess is process B of TestCacheTwoProcesses; it does
// nothing in a normal run.
func TestCacheHelperProcess(t *testing.T) {
	if os.Getenv(envHelper) != "1" {
		t.Skip("the helper process of TestCacheTwoProcesses")
	}
	b := cacheClient(t, os.Getenv(envRedis), os.Getenv(envEmu), os.Getenv(envToken))
	media, _ := strconv.Atoi(os.Getenv(envMedia))
	progress, _ := strconv.Atoi(os.Getenv(envProg))
	if _, hit := progressOf(t, b, media); !hit {
		t.Error("process B missed the list process A cached")
	}
	if _, err := generated.SaveMediaListEntry(t.Context(), b, nil, &media, nil, nil, &progress, nil, nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	fmt.Println("saved progress", progress, "on media", media)
}

package anilisttest_test

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

// loadQueries are mixed reads the load test and benchmark send.
var loadQueries = []string{
	`{"query":"{ Media(id: 154587) { id title { romaji english } episodes genres } }"}`,
	`{"query":"query ($s: String) { Page(perPage: 10) { pageInfo { hasNextPage } media(search: $s, type: ANIME) { id title { romaji } } } }","variables":{"s":"no"}}`,
	`{"query":"{ User(id: 1) { name favourites { anime(perPage: 5) { nodes { id } } } } }"}`,
	`{"query":"{ Page(perPage: 20) { mediaList(userId: 1, status: CURRENT) { id progress media { id } } } }"}`,
}

// lightQueries keep the load test quick under -race; the benchmark uses
// the heavier loadQueries.
var lightQueries = []string{
	`{"query":"{ Media(id: 154587) { id title { romaji } } }"}`,
	`{"query":"query ($id: Int) { User(id: $id) { id name } }","variables":{"id":1}}`,
	`{"query":"{ Viewer { id } }"}`,
	`{"query":"{ Media(id: 1) { isFavourite mediaListEntry { progress customLists advancedScores } } }"}`,
}

// TestLoad sends 10,000 requests from 32 goroutines and expects every one
// answered 200, with mutations mixed in to exercise the write lock; the 100
// posts among them must all be stored, once each.
func TestLoad(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	s := fresh(t)
	tok := s.ViewerToken()
	const workers, total = 32, 10000
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	before := s.Count("TextActivity")
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				n := next.Add(1)
				if n > total {
					return
				}
				body := lightQueries[n%int64(len(lightQueries))]
				switch n % 100 {
				case 0:
					body = `{"query":"mutation { SaveMediaListEntry(mediaId: 1, progress: 3, customLists: [\"A\"]) { id } }"}`
				case 25:
					body = `{"query":"mutation { SaveTextActivity(text: \"load test post\") { id } }"}`
				case 50:
					body = `{"query":"mutation { ToggleFavourite(animeId: 1) { anime { nodes { id } } } }"}`
				}
				if code := send(client, s, tok, body); code != http.StatusOK {
					failed.Add(1)
					t.Errorf("request %d: got %d; want 200", n, code)
				}
			}
		})
	}
	wg.Wait()
	if failed.Load() > 0 {
		t.Fatalf("%d of %d requests failed", failed.Load(), total)
	}
	if got := s.Count("TextActivity") - before; got != total/100 {
		t.Errorf("got %d activities stored; want %d", got, total/100)
	}
}

func send(c *http.Client, s *anilisttest.Server, tok, body string) int {
	req, err := http.NewRequest(http.MethodPost, s.URL, bytes.NewBufferString(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0
	}
	return resp.StatusCode
}

// BenchmarkServer measures requests per second over HTTP with mixed reads:
//
//	go test -run '^$' -bench BenchmarkServer ./anilisttest/
func BenchmarkServer(b *testing.B) {
	s := anilisttest.NewUnstartedServer()
	s.RateLimit = 1 << 30
	s.Start()
	defer s.Close()
	tok := s.ViewerToken()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var i atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := loadQueries[i.Add(1)%int64(len(loadQueries))]
			if code := send(client, s, tok, body); code != http.StatusOK {
				b.Errorf("got %d; want 200", code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkHandler measures the emulator in-process, without HTTP.
func BenchmarkHandler(b *testing.B) {
	s := anilisttest.NewUnstartedServer()
	s.RateLimit = 1 << 30
	h := s.Handler()
	var i atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body := loadQueries[i.Add(1)%int64(len(loadQueries))]
			req, _ := http.NewRequest(http.MethodPost, "/", bytes.NewBufferString(body))
			rec := &discard{h: http.Header{}}
			h.ServeHTTP(rec, req)
			if rec.code != http.StatusOK {
				b.Errorf("got %d; want 200", rec.code)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// discard is a ResponseWriter that keeps only the status.
type discard struct {
	h    http.Header
	code int
}

func (d *discard) Header() http.Header { return d.h }
func (d *discard) WriteHeader(c int)   { d.code = c }
func (d *discard) Write(b []byte) (int, error) {
	if d.code == 0 {
		d.code = http.StatusOK
	}
	return len(b), nil
}

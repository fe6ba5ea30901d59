package anilist_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

// windowLog records, per rate-limit window of the server, how many requests
// it served and how many it refused.
type windowLog struct {
	window time.Duration
	mu     sync.Mutex
	served map[int64]int
	shed   map[int64]int
}

func (l *windowLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &codeRecorder{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(rec, r)
		slot := time.Now().UnixNano() / int64(l.window)
		l.mu.Lock()
		defer l.mu.Unlock()
		if rec.code == http.StatusTooManyRequests {
			l.shed[slot]++
		} else {
			l.served[slot]++
		}
	})
}

func (l *windowLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.served, l.shed = map[int64]int{}, map[int64]int{}
}

// stats returns the requests served per window over the windows that served
// any, and the most 429s in one window.
func (l *windowLog) stats() (perWindow float64, maxShed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	total := 0
	for _, n := range l.served {
		total += n
	}
	for _, n := range l.shed {
		maxShed = max(maxShed, n)
	}
	if len(l.served) == 0 {
		return 0, maxShed
	}
	return float64(total) / float64(len(l.served)), maxShed
}

type codeRecorder struct {
	http.ResponseWriter
	code int
}

func (r *codeRecorder) WriteHeader(code int) { r.code = code; r.ResponseWriter.WriteHeader(code) }

// BenchmarkSaturation runs 32 goroutines against the emulator limited to 30
// requests per 1-second window, through one anilist.Client with its default
// rate limiting. Each op is one window's worth of calls (30). It reports
// utilization (requests served per window ÷ the limit, over the windows of
// the measurement), failed (calls that returned an error) and max429 (the
// most 429 answers in one window). The first windows, in which the client
// learns the limit and the window, are a warm-up outside the measurement.
func BenchmarkSaturation(b *testing.B) {
	const limit, window, workers = 30, time.Second, 32
	emu := anilisttest.NewUnstartedServer()
	emu.RateLimit, emu.RateWindow = limit, window
	log := &windowLog{window: window}
	log.reset()
	srv := httptest.NewServer(log.wrap(emu.Handler()))
	b.Cleanup(srv.Close)
	c, err := anilist.NewClient(srv.Client(), &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		b.Fatal(err)
	}
	perPage := 5
	var failed atomic.Int64
	run := func(ctx context.Context, calls int) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for next.Add(1) <= int64(calls) {
					if _, err := generated.SearchMedia(ctx, c, nil, nil, nil, &perPage, nil, nil); err != nil {
						failed.Add(1)
					}
				}
			})
		}
		wg.Wait()
	}
	run(b.Context(), 3*limit) // warm-up: learn the limit and the window
	if r := c.Rate(); r.Window != window {
		b.Fatalf("after warm-up got Rate %+v; want the 1s window learned", r)
	}
	log.reset()
	failed.Store(0)
	b.ResetTimer()
	run(b.Context(), b.N*limit)
	b.StopTimer()
	perWindow, maxShed := log.stats()
	b.ReportMetric(perWindow/limit, "utilization")
	b.ReportMetric(float64(failed.Load()), "failed")
	b.ReportMetric(float64(maxShed), "max429")
}

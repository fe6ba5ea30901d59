package anilist

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/anigql/anigql/internal/emu/limits"
	"github.com/google/go-cmp/cmp"
)

// handlerTransport serves requests in memory with a handler, so that tests
// in a synctest bubble have no real I/O and run on the bubble's fake clock.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

// windowServer is the emulator's fixed-window limiter in front of a handler
// that always succeeds. It counts served requests and 429s.
type windowServer struct {
	lim          *limits.Limiter
	served, shed atomic.Int64
}

func newWindowServer(limit int, window time.Duration) *windowServer {
	return &windowServer{lim: &limits.Limiter{Limit: limit, Window: window,
		Key: func(*http.Request) string { return "client" }}}
}

func (ws *windowServer) client(t *testing.T, opts Options) *Client {
	t.Helper()
	h := ws.lim.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws.served.Add(1)
		reply(w, http.StatusOK, okBody)
	}))
	counting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code == http.StatusTooManyRequests {
			ws.shed.Add(1)
		}
		maps.Copy(w.Header(), rec.Header())
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
	opts.Endpoint = "http://anilist.test/"
	c, err := NewClient(&http.Client{Transport: handlerTransport{counting}}, &opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hammer makes workers×each queries with c and reports lost calls.
func hammer(t *testing.T, c *Client, workers, each int) {
	t.Helper()
	var wg sync.WaitGroup
	var lost atomic.Int64
	for range workers {
		wg.Go(func() {
			for range each {
				if _, err := query(t.Context(), c); err != nil {
					lost.Add(1)
					t.Errorf("lost call: %v", err)
				}
			}
		})
	}
	wg.Wait()
}

func TestLearnsWindowAndSpendsTheBudget(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		ws := newWindowServer(30, time.Second)
		c := ws.client(t, Options{})
		start := time.Now()
		const workers, each = 32, 30
		hammer(t, c, workers, each)
		if got := ws.served.Load(); got != workers*each {
			t.Errorf("served %d; want %d", got, workers*each)
		}
		// Learning the window costs at most two 429s (one per window until
		// the client knows the window's end and length); after that none.
		if got := ws.shed.Load(); got > 2 {
			t.Errorf("got %d 429s; want ≤ 2", got)
		}
		windows := time.Since(start).Seconds()
		if util := float64(workers*each) / (30 * windows); util < 0.95 {
			t.Errorf("utilization %.3f over %.2f windows; want ≥ 0.95", util, windows)
		}
		if r := c.Rate(); r.Limit != 30 || r.Window != time.Second || r.Pace != 30 || r.Degraded {
			t.Errorf("got Rate %+v; want limit 30, window 1s, pace 30", r)
		}
	})
}

func TestDegradedMode(t *testing.T) {
	t.Parallel()
	var n counter
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.next() == 1 {
			reply(w, http.StatusTooManyRequests, tooMany, "Retry-After", "60",
				"X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "60")
			return
		}
		reply(w, http.StatusOK, okBody, "X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "59")
	}, &Options{})
	if _, err := query(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if r := c.Rate(); !r.Degraded || r.Pace != 30 || r.Limit != 90 {
		t.Errorf("got Rate %+v; want degraded, pace 30 of limit 90", r)
	}
}

func TestStartsBelowNominalLimit(t *testing.T) {
	t.Parallel()
	c, err := NewClient(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Rate(); r.Pace >= 90 || r.Pace <= 0 || r.Window != time.Minute {
		t.Errorf("got Rate %+v; want a pace below 90 per minute", r)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"30":                            30 * time.Second,
		"-1":                            0,
		"soon":                          0,
		"Mon, 23 Nov 2026 12:00:05 GMT": 5 * time.Second,
		"Mon, 23 Nov 2026 11:00:00 GMT": 0,
	} {
		h := http.Header{"Retry-After": {v}}
		if got := retryAfter(h, now); got != want {
			t.Errorf("retryAfter(%q) = %v; want %v", v, got, want)
		}
	}
	for v, want := range map[string]time.Time{
		"":                                     {},
		strconv.FormatInt(now.Unix()+30, 10):   now.Add(30 * time.Second),
		strconv.FormatInt(now.Unix()+7200, 10): {},
		"x":                                    {},
	} {
		h := http.Header{"X-Ratelimit-Reset": {v}}
		if got := resetTime(h, now); !got.Equal(want) {
			t.Errorf("resetTime(%q) = %v; want %v", v, got, want)
		}
	}
}

func TestPacesServersWithoutHeaders(t *testing.T) {
	t.Parallel()
	var n counter
	c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.next()
		reply(w, http.StatusOK, okBody) // no X-RateLimit-* headers
	}, &Options{RateLimit: 60, RateWindow: time.Minute})
	for range 4 {
		if _, err := query(t.Context(), c); err != nil {
			t.Fatal(err)
		}
	}
	// The first request goes at once, the second learns there are no
	// headers (burst 1), then one a second.
	want := []time.Duration{time.Second, time.Second}
	if d := cmp.Diff(want, fc.Sleeps()); d != "" {
		t.Errorf("sleeps (-want +got):\n%s", d)
	}
	ctx, cancel := context.WithDeadline(t.Context(), fc.Now().Add(100*time.Millisecond))
	defer cancel()
	var rl *RateLimitError
	if _, err := query(ctx, c); !errors.As(err, &rl) || n.n.Load() != 4 {
		t.Errorf("got %v after %d requests; want *RateLimitError without a request", err, n.n.Load())
	}
}

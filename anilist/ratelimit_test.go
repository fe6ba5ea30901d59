package anilist

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
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
	// latency, if set, delays the arrival of request n (1-based) at the
	// server, on the synctest bubble's clock.
	latency func(n int64) time.Duration
	arrived atomic.Int64
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
		if n := ws.arrived.Add(1); ws.latency != nil {
			time.Sleep(ws.latency(n))
		}
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
	for _, tc := range []struct {
		name    string
		offset  time.Duration // after a whole second, when the calls start
		latency func(n int64) time.Duration
	}{
		{"no latency", 0, nil},
		// The first request is sent in one second and arrives in the next,
		// where the server opens its window.
		{"first request straddles a second", 900 * time.Millisecond, func(n int64) time.Duration {
			if n == 1 {
				return 200 * time.Millisecond
			}
			return 3 * time.Millisecond
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				ws := newWindowServer(30, time.Second)
				ws.latency = tc.latency
				c := ws.client(t, Options{})
				time.Sleep(tc.offset) // the bubble starts on a whole second
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
		})
	}
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

// TestCancelWhileWaiting cancels calls that wait in the limiter, for an
// answer in flight and for the end of a 429's pause: they must return at
// once with the context's error, and the limiter must go on serving.
func TestCancelWhileWaiting(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		var n counter
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch n.next() {
			case 1: // the first request: held until released
				<-release
				reply(w, http.StatusOK, okBody, "X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "89")
			case 2:
				reply(w, http.StatusTooManyRequests, tooMany, "Retry-After", "60",
					"X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "0")
			default:
				reply(w, http.StatusOK, okBody, "X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "80")
			}
		})
		c, err := NewClient(&http.Client{Transport: handlerTransport{h}}, &Options{Endpoint: "http://anilist.test/"})
		if err != nil {
			t.Fatal(err)
		}
		cancelled := func(wait func()) {
			t.Helper()
			ctx, cancel := context.WithCancel(t.Context())
			errc := make(chan error, 1)
			go func() { _, err := query(ctx, c); errc <- err }()
			synctest.Wait() // the call is blocked in the limiter
			wait()
			cancel()
			if err := <-errc; !errors.Is(err, context.Canceled) {
				t.Errorf("got %v; want context.Canceled", err)
			}
		}

		first := make(chan error, 1)
		go func() { _, err := query(t.Context(), c); first <- err }()
		synctest.Wait()
		// Before the first answer, a second call waits for it.
		cancelled(func() {})
		close(release)
		if err := <-first; err != nil {
			t.Fatal(err)
		}
		// A 429 pauses the client for a minute; a call waiting it out is
		// cancelled after 10s.
		start := time.Now()
		cancelled(func() { time.Sleep(10 * time.Second) })
		if d := time.Since(start); d != 10*time.Second {
			t.Errorf("the cancelled call took %v; want 10s", d)
		}
		if _, err := query(t.Context(), c); err != nil {
			t.Errorf("after the pause: got %v; want success", err)
		}
		if c.lim.inflight != 0 {
			t.Errorf("got %d requests in flight; want 0", c.lim.inflight)
		}
	})
}

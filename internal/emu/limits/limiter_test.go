package limits

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// clock is a settable clock for tests.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// okHandler answers 200 {"data":{}} and counts its calls.
type okHandler struct{ calls atomic.Int64 }

func (h *okHandler) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	h.calls.Add(1)
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"data":{"Viewer":{"id":1,"name":"Josh"}}}`))
}

// get sends one request from ip through h.
func get(h http.Handler, ip string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "http://emu.test/", nil)
	r.RemoteAddr = ip + ":40000"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// rateHeaders picks the rate-limit headers of w.
func rateHeaders(w *httptest.ResponseRecorder) map[string]string {
	m := map[string]string{}
	for _, k := range []string{HeaderLimit, HeaderRemaining, HeaderReset, HeaderRetryAfter} {
		if v := w.Header().Get(k); v != "" {
			m[k] = v
		}
	}
	return m
}

func TestLimiterCountsDownThen429(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0.Add(300 * time.Millisecond)}
	next := &okHandler{}
	h := (&Limiter{Limit: 5, Now: clk.Now}).Wrap(next)
	for i := range 5 {
		w := get(h, "10.0.0.1")
		want := map[string]string{HeaderLimit: "5", HeaderRemaining: strconv.Itoa(4 - i)}
		if w.Code != http.StatusOK {
			t.Fatalf("request %d: got status %d; want 200", i+1, w.Code)
		}
		if diff := cmp.Diff(want, rateHeaders(w)); diff != "" {
			t.Errorf("request %d headers (-want +got):\n%s", i+1, diff)
		}
	}
	clk.Set(t0.Add(20*time.Second + 400*time.Millisecond))
	w := get(h, "10.0.0.1")
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("request 6: got status %d; want 429", w.Code)
	}
	want := map[string]string{HeaderLimit: "5", HeaderRemaining: "0", HeaderRetryAfter: "40",
		HeaderReset: strconv.FormatInt(t0.Add(time.Minute).Unix(), 10)}
	if diff := cmp.Diff(want, rateHeaders(w)); diff != "" {
		t.Errorf("429 headers (-want +got):\n%s", diff)
	}
	if got := w.Body.String(); got != TooManyRequestsBody {
		t.Errorf("got body %s; want %s", got, TooManyRequestsBody)
	}
	if got := w.Header().Get("Content-Type"); got != "application/json" {
		t.Errorf("got Content-Type %q; want application/json", got)
	}
	if n := next.calls.Load(); n != 5 {
		t.Errorf("next handler ran %d times; want 5", n)
	}
}

func TestLimiterRetryAfterMatchesReset(t *testing.T) {
	t.Parallel()
	// The window opened at t0+0.7s, so it ends at t0+60s exactly.
	reset := t0.Add(time.Minute).Unix()
	tests := []struct {
		at             time.Duration
		wantRetryAfter int
	}{
		{time.Second, 59},
		{1500 * time.Millisecond, 59},
		{59*time.Second + 999*time.Millisecond, 1},
		{59 * time.Second, 1},
		{30 * time.Second, 30},
	}
	for _, tt := range tests {
		clk := &clock{now: t0.Add(700 * time.Millisecond)}
		l := &Limiter{Limit: 1, Now: clk.Now}
		l.Take("k")
		clk.Set(t0.Add(tt.at))
		d := l.Take("k")
		if d.Allowed || d.RetryAfter != tt.wantRetryAfter || d.Reset.Unix() != reset {
			t.Errorf("at +%v: got allowed %v, Retry-After %d, Reset %d; want false, %d, %d",
				tt.at, d.Allowed, d.RetryAfter, d.Reset.Unix(), tt.wantRetryAfter, reset)
		}
		if now := clk.Now().Unix(); now+int64(d.RetryAfter) != d.Reset.Unix() {
			t.Errorf("at +%v: floor(now) %d + Retry-After %d != Reset %d", tt.at, now, d.RetryAfter, d.Reset.Unix())
		}
	}
}

func TestLimiterWindowResets(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0}
	l := &Limiter{Limit: 2, Window: 10 * time.Second, Now: clk.Now}
	for range 3 {
		l.Take("k")
	}
	clk.Set(t0.Add(10*time.Second - time.Nanosecond))
	if d := l.Take("k"); d.Allowed {
		t.Fatalf("just before the window ends: got allowed; want refused")
	}
	clk.Set(t0.Add(10 * time.Second))
	d := l.Take("k")
	want := Decision{Allowed: true, Limit: 2, Remaining: 1, Reset: t0.Add(20 * time.Second)}
	if diff := cmp.Diff(want, d); diff != "" {
		t.Errorf("first request of the next window (-want +got):\n%s", diff)
	}
}

func TestLimiterDegraded(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0}
	next := &okHandler{}
	l := &Limiter{Now: clk.Now}
	l.SetDegraded(true)
	h := l.Wrap(next)
	for i := range 30 {
		w := get(h, "10.0.0.1")
		if w.Code != http.StatusOK || w.Header().Get(HeaderLimit) != "90" || w.Header().Get(HeaderRemaining) != strconv.Itoa(89-i) {
			t.Fatalf("request %d: got %d with %v; want 200, limit 90, remaining %d", i+1, w.Code, rateHeaders(w), 89-i)
		}
	}
	w := get(h, "10.0.0.1")
	want := map[string]string{HeaderLimit: "90", HeaderRemaining: "0", HeaderRetryAfter: "60",
		HeaderReset: strconv.FormatInt(t0.Add(time.Minute).Unix(), 10)}
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("request 31: got status %d; want 429", w.Code)
	}
	if diff := cmp.Diff(want, rateHeaders(w)); diff != "" {
		t.Errorf("request 31 headers (-want +got):\n%s", diff)
	}
	l.SetDegraded(false)
	if w := get(h, "10.0.0.1"); w.Code != http.StatusOK || w.Header().Get(HeaderRemaining) != "59" {
		t.Errorf("after leaving degraded mode: got %d, remaining %s; want 200, 59", w.Code, w.Header().Get(HeaderRemaining))
	}
}

func TestLimiterDefaultsAndKeys(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0}
	h := (&Limiter{Now: clk.Now}).Wrap(&okHandler{})
	if w := get(h, "10.0.0.1"); w.Header().Get(HeaderLimit) != "90" || w.Header().Get(HeaderRemaining) != "89" {
		t.Errorf("zero Limiter: got %v; want limit 90, remaining 89", rateHeaders(w))
	}
	if w := get(h, "10.0.0.2"); w.Header().Get(HeaderRemaining) != "89" {
		t.Errorf("second IP: got remaining %s; want 89 (own window)", w.Header().Get(HeaderRemaining))
	}
	if w := get(h, "10.0.0.1"); w.Header().Get(HeaderRemaining) != "88" {
		t.Errorf("first IP again: got remaining %s; want 88", w.Header().Get(HeaderRemaining))
	}
	shared := (&Limiter{Now: clk.Now, Key: func(*http.Request) string { return "" }}).Wrap(&okHandler{})
	get(shared, "10.0.0.1")
	if w := get(shared, "10.0.0.2"); w.Header().Get(HeaderRemaining) != "88" {
		t.Errorf("shared key: got remaining %s; want 88", w.Header().Get(HeaderRemaining))
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "@unix"
	if got := (&Limiter{}).key(r); got != "@unix" {
		t.Errorf("key of a RemoteAddr without port: got %q; want @unix", got)
	}
}

func TestLimiterSubSecondWindowRoundsUp(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0.Add(100 * time.Millisecond)}
	l := &Limiter{Limit: 1, Window: 200 * time.Millisecond, Now: clk.Now}
	l.Take("k")
	clk.Set(t0.Add(900 * time.Millisecond))
	if d := l.Take("k"); d.Allowed || d.RetryAfter != 1 || !d.Reset.Equal(t0.Add(time.Second)) {
		t.Errorf("got %+v; want refused until t0+1s", d)
	}
	clk.Set(t0.Add(time.Second))
	if d := l.Take("k"); !d.Allowed {
		t.Errorf("at t0+1s: got refused; want allowed")
	}
}

func TestLimiterReset(t *testing.T) {
	t.Parallel()
	l := &Limiter{Limit: 1, Now: func() time.Time { return t0 }}
	l.Take("k")
	l.Reset()
	if d := l.Take("k"); !d.Allowed {
		t.Errorf("after Reset: got refused; want allowed")
	}
}

func TestLimiterPrunesEndedWindows(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0}
	l := &Limiter{Now: clk.Now}
	for i := range 1100 {
		l.Take(fmt.Sprint(i))
	}
	clk.Set(t0.Add(time.Minute))
	l.Take("new")
	l.mu.Lock()
	n := len(l.windows)
	l.mu.Unlock()
	if n != 1 {
		t.Errorf("got %d windows after all ended; want 1", n)
	}
}

func TestLimiterConcurrency(t *testing.T) {
	t.Parallel()
	const workers, requests, limit = 32, 10_000, 6_000
	next := &okHandler{}
	h := (&Limiter{Limit: limit, Now: func() time.Time { return t0 }}).Wrap(next)
	var mu sync.Mutex
	seen := make(map[string]int)
	refused := 0
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for i := g; i < requests; i += workers {
				w := get(h, "10.0.0.1")
				mu.Lock()
				if w.Code == http.StatusOK {
					seen[w.Header().Get(HeaderRemaining)]++
				} else {
					refused++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != limit || refused != requests-limit || next.calls.Load() != limit {
		t.Fatalf("got %d distinct Remaining values, %d refused, %d served; want %d, %d, %d",
			len(seen), refused, next.calls.Load(), limit, requests-limit, limit)
	}
	for i := range limit {
		if n := seen[strconv.Itoa(i)]; n != 1 {
			t.Errorf("Remaining %d seen %d times; want once", i, n)
		}
	}
}

package limits

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFaultKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		inject     func(*Faults)
		wantStatus int
		wantBody   string
		wantNext   int64
	}{
		{"none", func(*Faults) {}, 200, `{"data":{"Viewer":{"id":1,"name":"Josh"}}}`, 1},
		{"500", func(f *Faults) { f.FailNext(1, 500) }, 500,
			`{"data":null,"errors":[{"message":"Internal Server Error.","status":500}]}`, 0},
		{"502", func(f *Faults) { f.FailNext(1, 502) }, 502,
			`{"data":null,"errors":[{"message":"Bad Gateway.","status":502}]}`, 0},
		{"503", func(f *Faults) { f.FailNext(1, 503) }, 503,
			`{"data":null,"errors":[{"message":"Service Unavailable.","status":503}]}`, 0},
		{"unnamed status", func(f *Faults) { f.FailNext(1, 599) }, 599,
			`{"data":null,"errors":[{"message":"Error.","status":599}]}`, 0},
		{"disabled", func(f *Faults) { f.DisableAPI(1) }, 403, APIDisabledBody, 0},
		{"malformed", func(f *Faults) { f.MalformBodyNext(1) }, 200, `{"data":{"Viewer":{"i`, 1},
		{"stall", func(f *Faults) { f.StallNext(1, time.Nanosecond) }, 200, `{"data":{"Viewer":{"id":1,"name":"Josh"}}}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &Faults{}
			tt.inject(f)
			next := &okHandler{}
			w := get(f.Wrap(next), "10.0.0.1")
			if w.Code != tt.wantStatus || w.Body.String() != tt.wantBody {
				t.Errorf("got %d %s; want %d %s", w.Code, w.Body, tt.wantStatus, tt.wantBody)
			}
			if got := w.Header().Get("Content-Type"); got != "application/json" {
				t.Errorf("got Content-Type %q; want application/json", got)
			}
			if n := next.calls.Load(); n != tt.wantNext {
				t.Errorf("next handler ran %d times; want %d", n, tt.wantNext)
			}
			if w := get(f.Wrap(next), "10.0.0.1"); w.Code != http.StatusOK {
				t.Errorf("second request: got status %d; want 200 (fault used up)", w.Code)
			}
		})
	}
}

func TestAPIDisabledBodyShape(t *testing.T) {
	t.Parallel()
	var got struct {
		Errors []struct {
			Message string
			Status  int
		}
		Data any
	}
	if err := json.Unmarshal([]byte(APIDisabledBody), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Errors) != 1 || got.Errors[0].Status != 403 || got.Data != nil {
		t.Errorf("got %+v; want one error with status 403 and null data", got)
	}
}

func TestMalformedBodyIsInvalidJSON(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body string }{
		{"object", `{"data":{"Page":{"media":[1,2,3]}}}`},
		{"number", `1234`},
		{"empty", ``},
	}
	for _, tt := range tests {
		f := &Faults{}
		f.MalformBodyNext(1)
		h := f.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("X-Extra", "kept")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(tt.body))
		}))
		w := get(h, "10.0.0.1")
		if w.Code != http.StatusOK || json.Valid(w.Body.Bytes()) || w.Body.Len() == 0 {
			t.Errorf("%s: got %d %q; want 200 and invalid, non-empty JSON", tt.name, w.Code, w.Body)
		}
		if w.Header().Get("X-Extra") != "kept" {
			t.Errorf("%s: headers of the real answer were dropped", tt.name)
		}
	}
}

func TestFaultsInOrder(t *testing.T) {
	t.Parallel()
	f := &Faults{}
	f.FailNext(2, 502)
	f.DisableAPI(1)
	f.FailNext(1, 500)
	f.FailNext(0, 500)
	f.DisableAPI(-3)
	if got := f.Pending(); got != 4 {
		t.Fatalf("got %d pending; want 4", got)
	}
	h := f.Wrap(&okHandler{})
	var got []int
	for range 6 {
		got = append(got, get(h, "10.0.0.1").Code)
	}
	if diff := cmp.Diff([]int{502, 502, 403, 500, 200, 200}, got); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	f.FailNext(3, 500)
	f.Clear()
	if code := get(h, "10.0.0.1").Code; code != http.StatusOK || f.Pending() != 0 {
		t.Errorf("after Clear: got %d with %d pending; want 200 and 0", code, f.Pending())
	}
}

func TestFailNextPanicsOnNonError(t *testing.T) {
	t.Parallel()
	for _, status := range []int{0, 200, 302, 600} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("FailNext(1, %d) did not panic", status)
				}
			}()
			(&Faults{}).FailNext(1, status)
		}()
	}
}

func TestStallWaitsForTimer(t *testing.T) {
	t.Parallel()
	fire := make(chan time.Time)
	var asked time.Duration
	f := &Faults{after: func(d time.Duration) <-chan time.Time { asked = d; return fire }}
	f.StallNext(1, time.Hour)
	next := &okHandler{}
	done := make(chan *httptest.ResponseRecorder)
	go func() { done <- get(f.Wrap(next), "10.0.0.1") }()
	select {
	case <-done:
		t.Fatal("stalled request answered before its timer fired")
	case fire <- time.Time{}:
	}
	if w := <-done; w.Code != http.StatusOK || next.calls.Load() != 1 {
		t.Errorf("got %d with %d calls; want 200 after one call", w.Code, next.calls.Load())
	}
	if asked != time.Hour {
		t.Errorf("stalled for %v; want 1h", asked)
	}
}

func TestStallEndsWithRequestContext(t *testing.T) {
	t.Parallel()
	f := &Faults{}
	f.StallNext(1, time.Hour) // a real timer, stopped when the request ends
	next := &okHandler{}
	ctx, cancel := context.WithCancel(t.Context())
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "http://emu.test/", nil)
	done := make(chan struct{})
	go func() {
		f.Wrap(next).ServeHTTP(httptest.NewRecorder(), r)
		close(done)
	}()
	cancel()
	<-done
	if n := next.calls.Load(); n != 0 {
		t.Errorf("next handler ran %d times after the client left; want 0", n)
	}
}

func TestFaultsConsumedOnceUnderConcurrency(t *testing.T) {
	t.Parallel()
	const workers, requests, faults = 32, 2_000, 300
	f := &Faults{}
	f.FailNext(faults/3, 503)
	f.DisableAPI(faults / 3)
	f.MalformBodyNext(faults / 3)
	next := &okHandler{}
	h := f.Wrap(next)
	var mu sync.Mutex
	counts := map[int]int{}
	malformed := 0
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for i := g; i < requests; i += workers {
				w := get(h, "10.0.0.1")
				mu.Lock()
				counts[w.Code]++
				if w.Code == http.StatusOK && !json.Valid(w.Body.Bytes()) {
					malformed++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	want := map[int]int{503: faults / 3, 403: faults / 3, 200: requests - 2*faults/3}
	if diff := cmp.Diff(want, counts); diff != "" {
		t.Errorf("status counts (-want +got):\n%s", diff)
	}
	if malformed != faults/3 || f.Pending() != 0 {
		t.Errorf("got %d malformed bodies, %d pending; want %d, 0", malformed, f.Pending(), faults/3)
	}
}

func TestLimiterOutsideFaults(t *testing.T) {
	t.Parallel()
	f := &Faults{}
	f.FailNext(1, 500)
	h := (&Limiter{Now: func() time.Time { return t0 }}).Wrap(f.Wrap(&okHandler{}))
	w := get(h, "10.0.0.1")
	if w.Code != 500 || w.Header().Get(HeaderRemaining) != "89" {
		t.Errorf("got %d, remaining %q; want 500 with rate-limit headers (89)", w.Code, w.Header().Get(HeaderRemaining))
	}
}

// TestStallEndsWhenClientLeaves stalls a POST over a real connection: the
// handler must notice the client going away although the stall runs before
// anything reads the body, and a stall that ends must hand next the body.
func TestStallEndsWhenClientLeaves(t *testing.T) {
	t.Parallel()
	f := &Faults{}
	returned := make(chan struct{}, 2)
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.Copy(w, r.Body) })
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() { returned <- struct{}{} }()
		f.Wrap(echo).ServeHTTP(w, r)
	}))
	defer srv.Close()

	f.StallNext(1, time.Nanosecond)
	resp, err := srv.Client().Post(srv.URL, "application/json", strings.NewReader(`{"query":"{ Viewer { id } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got, want := string(body), `{"query":"{ Viewer { id } }"}`; got != want {
		t.Errorf("after a short stall next read %q; want %q", got, want)
	}
	<-returned

	f.StallNext(1, time.Hour)
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, strings.NewReader(`{"query":"{ Viewer { id } }"}`))
		_, err := srv.Client().Do(req)
		errc <- err
	}()
	for f.Pending() > 0 {
		time.Sleep(time.Millisecond) // until the handler has taken the stall
	}
	cancel()
	if err := <-errc; err == nil {
		t.Error("got an answer; want the cancelled request to fail")
	}
	select {
	case <-returned:
	case <-time.After(time.Minute): // bounds a failing run only; the stall is an hour
		t.Fatal("the stalled handler is still running after the client left")
	}
}

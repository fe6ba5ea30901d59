package anilist

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

// TestEmulator429StormAnd5xxBurst runs 32 goroutines against the emulator
// (in memory, on the synctest bubble's clock) with a limit of 30 requests a
// second and a burst of 5xx answers: no call may be lost, and after learning
// the window the client must not be refused again.
func TestEmulator429StormAnd5xxBurst(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := anilisttest.NewUnstartedServer()
		srv.RateLimit, srv.RateWindow = 30, time.Second
		h := srv.Handler()
		var refused, failed atomic.Int64
		counting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			switch {
			case rec.Code == http.StatusTooManyRequests:
				refused.Add(1)
			case rec.Code >= 500:
				failed.Add(1)
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
		})
		c, err := NewClient(&http.Client{Transport: handlerTransport{counting}},
			&Options{Endpoint: "http://anilist.test/", MaxRetries: 6})
		if err != nil {
			t.Fatal(err)
		}
		srv.FailNext(6, http.StatusBadGateway)
		start := time.Now()
		const workers, each = 32, 5
		var lost atomic.Int64
		perPage := 5
		done := make(chan struct{})
		for range workers {
			go func() {
				defer func() { done <- struct{}{} }()
				for range each {
					d, err := generated.SearchMedia(t.Context(), c, nil, nil, nil, &perPage, nil, nil)
					if err != nil || d.Page == nil || len(d.Page.Media) != perPage {
						lost.Add(1)
						t.Errorf("lost call: %v", err)
					}
				}
			}()
		}
		for range workers {
			<-done
		}
		if lost.Load() != 0 || failed.Load() != 6 {
			t.Errorf("got %d lost calls after %d 5xx; want 0 after 6", lost.Load(), failed.Load())
		}
		windows := time.Since(start).Seconds()
		if n := refused.Load(); n == 0 || n > 2 {
			t.Errorf("got %d 429s in %.1f windows; want 1 or 2 (learning the window)", n, windows)
		}
		if util := float64(workers*each+6) / (30 * windows); util < 0.9 {
			t.Errorf("utilization %.3f over %.2f windows; want ≥ 0.9", util, windows)
		}
	})
}

// TestEmulatorDegradedMode runs against the emulator in AniList's degraded
// mode (30 of the announced 90 per minute): the client must notice it from
// the first 429, pace itself at 30 and lose no call.
func TestEmulatorDegradedMode(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		srv := anilisttest.NewUnstartedServer()
		srv.Degraded = true
		var refused atomic.Int64
		h := srv.Handler()
		counting := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code == http.StatusTooManyRequests {
				refused.Add(1)
			}
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
		})
		c, err := NewClient(&http.Client{Transport: handlerTransport{counting}}, &Options{Endpoint: "http://anilist.test/"})
		if err != nil {
			t.Fatal(err)
		}
		perPage := 1
		for i := range 100 {
			if _, err := generated.SearchMedia(t.Context(), c, nil, nil, nil, &perPage, nil, nil); err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
		}
		if r := c.Rate(); !r.Degraded || r.Pace != 30 || r.Limit != 90 || r.Window != time.Minute {
			t.Errorf("got Rate %+v; want degraded, pace 30 of 90 per minute", r)
		}
		if refused.Load() > 2 {
			t.Errorf("got %d 429s; want ≤ 2", refused.Load())
		}
	})
}

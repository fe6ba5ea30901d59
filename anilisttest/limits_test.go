package anilisttest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
)

const ping = `{ Media(id: 1) { id } }`

// clockServer starts a server with a fixed clock and the given limit.
func clockServer(t *testing.T, limit int, degraded bool) (*anilisttest.Server, time.Time) {
	t.Helper()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s := anilisttest.NewUnstartedServer()
	s.RateLimit, s.RateWindow, s.Degraded = limit, time.Minute, degraded
	s.Now = func() time.Time { return now }
	s.Start()
	t.Cleanup(s.Close)
	return s, now
}

// TestRateLimit checks AniList's headers, the 429 answer and degraded mode.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		limit    int
		degraded bool
		allowed  int
	}{
		{"normal", 5, false, 5},
		{"degraded allows a third", 9, true, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, now := clockServer(t, tt.limit, tt.degraded)
			for i := range tt.allowed {
				a := post(t, s, "", ping, nil).ok(t)
				if got := a.Header.Get("X-RateLimit-Limit"); got != strconv.Itoa(tt.limit) {
					t.Errorf("request %d: got X-RateLimit-Limit %q; want %d", i, got, tt.limit)
				}
				if got := a.Header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(tt.limit-i-1) {
					t.Errorf("request %d: got X-RateLimit-Remaining %q; want %d", i, got, tt.limit-i-1)
				}
			}
			a := post(t, s, "", ping, nil)
			if a.Status != http.StatusTooManyRequests {
				t.Fatalf("got %d; want 429", a.Status)
			}
			if got, want := string(a.Raw), `{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}`; got != want {
				t.Errorf("got body %s; want %s", got, want)
			}
			if got := a.Header.Get("Retry-After"); got != "60" {
				t.Errorf("got Retry-After %q; want 60", got)
			}
			if got, want := a.Header.Get("X-RateLimit-Reset"), strconv.FormatInt(now.Add(time.Minute).Unix(), 10); got != want {
				t.Errorf("got X-RateLimit-Reset %q; want %s", got, want)
			}
		})
	}
}

// TestFaults checks every injected fault through the server.
func TestFaults(t *testing.T) {
	t.Parallel()
	s := fresh(t)

	s.FailNext(2, http.StatusBadGateway)
	for range 2 {
		if a := post(t, s, "", ping, nil); a.Status != http.StatusBadGateway || a.Header.Get("X-RateLimit-Limit") == "" {
			t.Errorf("got %d with limit header %q; want 502 with rate-limit headers", a.Status, a.Header.Get("X-RateLimit-Limit"))
		}
	}
	post(t, s, "", ping, nil).ok(t)

	s.DisableAPI(1)
	a := post(t, s, "", ping, nil)
	if a.Status != http.StatusForbidden || !strings.Contains(string(a.Raw), "temporarily disabled") {
		t.Errorf("got %d %s; want AniList's 403 API disabled body", a.Status, a.Raw)
	}

	s.MalformBodyNext(1)
	resp := rawPost(t, s, t.Context())
	var v any
	if err := json.NewDecoder(resp.Body).Decode(&v); err == nil || resp.StatusCode != http.StatusOK {
		t.Errorf("got %d and decode error %v; want 200 with a malformed body", resp.StatusCode, err)
	}
	resp.Body.Close()

	s.StallNext(1, 2*time.Second) // short, in case the fault outlives the first request
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, strings.NewReader(`{"query":"{__typename}"}`))
	if _, err := s.Client().Do(req); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v; want the stalled request to time out", err)
	}
	post(t, s, "", ping, nil).ok(t)
}

func rawPost(t *testing.T, s *anilisttest.Server, ctx context.Context) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, strings.NewReader(`{"query":"{ Media(id: 1) { id title { romaji } } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// TestOptionsAfterStart checks misuse fails loudly.
func TestOptionsAfterStart(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	s.RateLimit = 7
	defer func() {
		s.RateLimit = 1 << 30
		if recover() == nil {
			t.Error("got no panic for RateLimit changed after Start; want one")
		}
	}()
	s.ViewerToken()
}

// TestStartTwice panics like httptest.
func TestStartTwice(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	defer func() {
		if recover() == nil {
			t.Error("got no panic for a second Start; want one")
		}
	}()
	s.Start()
}

// TestRequireReferer answers 403 without a Referer, as AniList did in 2026.
func TestRequireReferer(t *testing.T) {
	t.Parallel()
	s := anilisttest.NewUnstartedServer()
	s.RequireReferer = true
	s.Start()
	t.Cleanup(s.Close)
	if a := post(t, s, "", ping, nil); a.Status != http.StatusForbidden || !strings.Contains(string(a.Raw), "temporarily disabled") {
		t.Errorf("without Referer: got %d %s; want AniList's 403", a.Status, a.Raw)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL, strings.NewReader(`{"query":"{ Media(id: 1) { id } }"}`))
	req.Header.Set("Referer", "https://anilist.co")
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("with Referer: got %d; want 200", resp.StatusCode)
	}
}

// TestSwitches checks FailRate and SetAPIDisabled through the server.
func TestSwitches(t *testing.T) {
	t.Parallel()
	s := anilisttest.NewUnstartedServer()
	s.RateLimit, s.FailRate = 1<<30, 0.5
	s.Start()
	t.Cleanup(s.Close)
	var got []int
	for range 4 {
		got = append(got, post(t, s, "", ping, nil).Status)
	}
	if want := []int{200, 500, 200, 500}; !slices.Equal(got, want) {
		t.Errorf("FailRate 0.5: got %v; want %v", got, want)
	}
	s.SetAPIDisabled(true)
	if a := post(t, s, "", ping, nil); a.Status != http.StatusForbidden || !strings.Contains(string(a.Raw), "temporarily disabled") {
		t.Errorf("disabled: got %d %s; want AniList's 403", a.Status, a.Raw)
	}
	s.SetAPIDisabled(false)
	if a := post(t, s, "", ping, nil); a.Status != http.StatusInternalServerError { // the sixth request, failed by the rate
		t.Errorf("enabled again: got %d; want the rate's 500", a.Status)
	}
	if msg := panicOf(func() {
		bad := anilisttest.NewUnstartedServer()
		bad.FailRate = 2
		bad.Handler()
	}); !strings.Contains(msg, "FailRate") {
		t.Errorf("FailRate 2: got panic %q; want one naming FailRate", msg)
	}
}

package anilist

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

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

// TestTrustsRetryAfterOverASkewedReset answers a 429 whose X-RateLimit-Reset,
// on the client's clock, disagrees with Retry-After (the clocks differ by
// 20s either way): the client waits Retry-After, not until Reset.
func TestTrustsRetryAfterOverASkewedReset(t *testing.T) {
	t.Parallel()
	for _, skew := range []time.Duration{-20 * time.Second, 20 * time.Second} {
		t.Run(skew.String(), func(t *testing.T) {
			t.Parallel()
			var n counter
			var fc *fakeClock
			var c *Client
			c, fc = newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				if n.next() == 1 {
					reset := fc.Now().Add(30*time.Second + skew).Unix()
					reply(w, http.StatusTooManyRequests, tooMany, "Retry-After", "30",
						"X-RateLimit-Reset", strconv.FormatInt(reset, 10))
					return
				}
				reply(w, http.StatusOK, okBody)
			}, &Options{DisableRateLimit: true})
			if _, err := query(t.Context(), c); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff([]time.Duration{30 * time.Second}, fc.Sleeps()); d != "" {
				t.Errorf("sleeps (-want +got):\n%s", d)
			}
		})
	}
}

// TestLearnsWindowFromTheRequestThatOpenedIt drives the limiter by hand
// through ways of mistaking the window's length: the request that opened
// the server's window was sent in the second before the one in which it
// arrived, the server's window rolled over between two of the client's,
// and the client's window ended before the server's.
func TestLearnsWindowFromTheRequestThatOpenedIt(t *testing.T) {
	t.Parallel()
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	type req struct {
		sent, answered time.Duration // after a whole second t0
		rem            int
		reset          time.Duration // after t0, for a 429; 0 for a 200
	}
	for _, tc := range []struct {
		name string
		reqs []req
		want time.Duration
	}{
		{"first answer straddles a second", []req{
			{ms(900), ms(1100), 2, 0}, {ms(1200), ms(1200), 1, 0}, {ms(1200), ms(1200), 0, 0},
			{ms(1300), ms(1300), 0, 2 * time.Second},
		}, time.Second},
		{"server window rolled over unseen", []req{
			{ms(100), ms(100), 2, 0}, {ms(200), ms(200), 1, 0}, {ms(200), ms(200), 0, 0},
			{ms(1500), ms(1500), 2, 0}, {ms(1600), ms(1600), 1, 0}, {ms(1600), ms(1600), 0, 0},
			{ms(1700), ms(1700), 0, 2 * time.Second},
		}, time.Second},
		// A 2s window first learned as 1s (its opening is ambiguous): the
		// client's next window ends a second early, and the 429 that
		// follows is measured from the opening in the window before.
		{"client window ended first", []req{
			{ms(900), ms(1100), 2, 0}, {ms(1200), ms(1200), 1, 0}, {ms(1200), ms(1200), 0, 0},
			{ms(1300), ms(1300), 0, 2 * time.Second},
			{ms(2050), ms(2050), 2, 0}, {ms(2100), ms(2100), 1, 0}, {ms(2100), ms(2100), 0, 0},
			{ms(3050), ms(3050), 0, 4 * time.Second},
		}, 2 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fc := newFakeClock()
			t0 := fc.Now()
			o, _ := (&Options{}).withDefaults()
			l := newLimiter(o, fc)
			for i, r := range tc.reqs {
				fc.now = t0.Add(r.sent)
				g := l.try()
				if !g.ok {
					t.Fatalf("request %d: got a wait (%+v); want a ticket", i+1, g)
				}
				fc.now = t0.Add(r.answered)
				h := http.Header{"X-Ratelimit-Limit": {"3"}, "X-Ratelimit-Remaining": {strconv.Itoa(r.rem)}}
				status := http.StatusOK
				if r.reset > 0 {
					status = http.StatusTooManyRequests
					h.Set("Retry-After", strconv.Itoa(int((r.reset-r.answered+time.Second-1)/time.Second)))
					h.Set("X-Ratelimit-Reset", strconv.FormatInt(t0.Add(r.reset).Unix(), 10))
				}
				l.release(g.t, fallbackAnswer(status, h, fc.Now()))
			}
			if got := l.snapshot().Window; got != tc.want {
				t.Errorf("got window %v; want %v", got, tc.want)
			}
		})
	}
}

package anilist

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const tooMany = `{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}`

func TestRetriesQueriesAfter5xx(t *testing.T) {
	t.Parallel()
	var n counter
	c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch n.next() {
		case 1:
			reply(w, http.StatusBadGateway, `<html>bad gateway</html>`)
		case 2:
			reply(w, http.StatusServiceUnavailable, `{"errors":[{"message":"busy","status":503}],"data":null}`)
		default:
			reply(w, http.StatusOK, okBody)
		}
	}, nil)
	data, err := query(t.Context(), c)
	if err != nil || data.Media == nil {
		t.Fatalf("got %v, %+v; want data", err, data)
	}
	if got := n.n.Load(); got != 3 {
		t.Errorf("got %d requests; want 3", got)
	}
	if s := fc.Sleeps(); len(s) != 2 || s[0] > time.Millisecond || s[1] > 2*time.Millisecond {
		t.Errorf("got backoff sleeps %v; want two jittered ones ≤ 1ms, ≤ 2ms", s)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	t.Parallel()
	var n counter
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.next()
		reply(w, http.StatusInternalServerError, `{"errors":[{"message":"Internal Server Error","status":500}],"data":null}`)
	}, &Options{MaxRetries: 2, DisableRateLimit: true})
	_, err := query(t.Context(), c)
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != 500 {
		t.Fatalf("got %v; want the 500 ResponseError", err)
	}
	if got := n.n.Load(); got != 3 {
		t.Errorf("got %d requests; want 3 (1 + 2 retries)", got)
	}
}

func TestMutationsRetryOnlyOn429UnlessOptedIn(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		opts   Options
		status int
		want   int64
		ok     bool
	}{
		{"5xx not retried", Options{}, http.StatusBadGateway, 1, false},
		{"5xx retried when opted in", Options{RetryMutations: true}, http.StatusBadGateway, 2, true},
		{"429 always retried", Options{}, http.StatusTooManyRequests, 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var n counter
			tc.opts.DisableRateLimit = true
			c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				if n.next() == 1 {
					reply(w, tc.status, tooMany, "Retry-After", "1")
					return
				}
				reply(w, http.StatusOK, `{"data":{"SaveMediaListEntry":{"id":1}}}`)
			}, &tc.opts)
			err := mutate(t.Context(), c)
			if (err == nil) != tc.ok {
				t.Errorf("got %v; want success %v", err, tc.ok)
			}
			if got := n.n.Load(); got != tc.want {
				t.Errorf("got %d requests; want %d", got, tc.want)
			}
		})
	}
}

func TestRetriesNetworkErrors(t *testing.T) {
	t.Parallel()
	var n counter
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.next() == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // the client sees EOF before any response
			}
			return
		}
		reply(w, http.StatusOK, okBody)
	}, nil)
	if _, err := query(t.Context(), c); err != nil {
		t.Fatalf("got %v; want success after a retry", err)
	}
	if got := n.n.Load(); got != 2 {
		t.Errorf("got %d requests; want 2", got)
	}
}

func TestWaitsRetryAfterOn429(t *testing.T) {
	t.Parallel()
	var n counter
	var waits []Wait
	var mu sync.Mutex
	c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.next() == 1 {
			reply(w, http.StatusTooManyRequests, tooMany, "Retry-After", "12",
				"X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "0")
			return
		}
		reply(w, http.StatusOK, okBody, "X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "89")
	}, &Options{DisableRateLimit: true, OnWait: func(w Wait) { mu.Lock(); waits = append(waits, w); mu.Unlock() }})
	if _, err := query(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]time.Duration{12 * time.Second}, fc.Sleeps()); d != "" {
		t.Errorf("sleeps (-want +got):\n%s", d)
	}
	want := []Wait{{Op: "MediaByID", Reason: WaitRateLimited, Delay: 12 * time.Second, Attempt: 2}}
	if d := cmp.Diff(want, waits); d != "" {
		t.Errorf("OnWait calls (-want +got):\n%s", d)
	}
	if r := c.Rate(); r.Limit != 90 || r.Remaining != 89 || r.RetryAfter != 0 {
		t.Errorf("got Rate %+v; want limit 90, remaining 89", r)
	}
}

func TestUsesResetWhenNoRetryAfter(t *testing.T) {
	t.Parallel()
	var n counter
	var fc *fakeClock
	var c *Client
	c, fc = newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.next() == 1 {
			reset := fc.Now().Add(20 * time.Second).Unix()
			reply(w, http.StatusTooManyRequests, tooMany, "X-RateLimit-Reset", strconv.FormatInt(reset, 10))
			return
		}
		reply(w, http.StatusOK, okBody)
	}, &Options{DisableRateLimit: true})
	if _, err := query(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if s := fc.Sleeps(); len(s) != 1 || s[0] != 20*time.Second {
		t.Errorf("got sleeps %v; want [20s]", s)
	}
}

func TestReturnsRateLimitErrorWhenWaitPassesDeadline(t *testing.T) {
	t.Parallel()
	var n counter
	c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.next()
		reply(w, http.StatusTooManyRequests, tooMany, "Retry-After", "60")
	}, &Options{DisableRateLimit: true})
	ctx, cancel := context.WithDeadline(t.Context(), fc.Now().Add(10*time.Second))
	defer cancel()
	_, err := query(ctx, c)
	var rl *RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != time.Minute {
		t.Fatalf("got %v; want *RateLimitError with RetryAfter 1m", err)
	}
	if len(fc.Sleeps()) != 0 || n.n.Load() != 1 {
		t.Errorf("got sleeps %v, %d requests; want no wait and 1 request", fc.Sleeps(), n.n.Load())
	}
	// The pause is shared: the next call fails at once without a request.
	if _, err := query(ctx, c); !errors.Is(err, ErrRateLimited) || n.n.Load() != 1 {
		t.Errorf("got %v after %d requests; want ErrRateLimited without a request", err, n.n.Load())
	}
}

func TestStopsWhenContextEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		cancel()
		reply(w, http.StatusBadGateway, `oops`)
	}, nil)
	_, err := query(ctx, c)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v; want context.Canceled", err)
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]time.Duration{1: 100, 2: 200, 3: 400, 4: 800, 5: 1000, 30: 1000} {
		for range 20 {
			d := backoff(n, 100, 1000)
			if d < want/2 || d > want {
				t.Errorf("backoff(%d) = %d; want in [%d, %d]", n, d, want/2, want)
			}
		}
	}
}

func TestRetriesTruncatedBody(t *testing.T) {
	t.Parallel()
	var n counter
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.next() == 1 {
			reply(w, http.StatusOK, okBody[:len(okBody)/2])
			return
		}
		reply(w, http.StatusOK, okBody)
	}, nil)
	if _, err := query(t.Context(), c); err != nil || n.n.Load() != 2 {
		t.Errorf("got %v after %d requests; want success after 2", err, n.n.Load())
	}
	// A mutation is not retried: AniList may have applied it.
	n.n.Store(0)
	if err := mutate(t.Context(), c); err == nil || n.n.Load() != 1 {
		t.Errorf("got %v after %d requests; want the decoding error after 1", err, n.n.Load())
	}
}

func TestHonoursRetryAfterOn5xx(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		after func(now time.Time) string
		want  time.Duration
	}{
		{"seconds", func(time.Time) string { return "7" }, 7 * time.Second},
		{"HTTP date", func(now time.Time) string { return now.Add(9 * time.Second).UTC().Format(http.TimeFormat) }, 9 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var n counter
			var fc *fakeClock
			var c *Client
			var waits []Wait
			var mu sync.Mutex
			c, fc = newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				if n.next() == 1 {
					reply(w, http.StatusServiceUnavailable, `{"errors":[{"message":"Service Unavailable","status":503}],"data":null}`,
						"Retry-After", tc.after(fc.Now()))
					return
				}
				reply(w, http.StatusOK, okBody)
			}, &Options{DisableRateLimit: true, OnWait: func(w Wait) { mu.Lock(); waits = append(waits, w); mu.Unlock() }})
			if _, err := query(t.Context(), c); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff([]time.Duration{tc.want}, fc.Sleeps()); d != "" {
				t.Errorf("sleeps (-want +got):\n%s", d)
			}
			want := []Wait{{Op: "MediaByID", Reason: WaitRetry, Delay: tc.want, Attempt: 2}}
			if d := cmp.Diff(want, waits); d != "" {
				t.Errorf("OnWait calls (-want +got):\n%s", d)
			}
		})
	}
}

func TestRetryAfterOn5xxPastDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	var n counter
	c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.next()
		reply(w, http.StatusServiceUnavailable, `{"errors":[{"message":"Service Unavailable","status":503}],"data":null}`, "Retry-After", "120")
	}, nil)
	ctx, cancel := context.WithDeadline(t.Context(), fc.Now().Add(time.Minute))
	defer cancel()
	_, err := query(ctx, c)
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("got %v; want the 503 ResponseError", err)
	}
	if len(fc.Sleeps()) != 0 || n.n.Load() != 1 {
		t.Errorf("got sleeps %v after %d requests; want no wait after 1", fc.Sleeps(), n.n.Load())
	}
}

package anilist

import (
	"net/http"
	"strconv"
	"time"
)

// release returns t's place in flight and learns from the answer's headers
// (h is nil when the request failed without an answer). For a 429 it pauses
// every request of the client until the limit resets and returns how long.
func (l *limiter) release(t ticket, h http.Header, status int, fallback time.Duration) time.Duration {
	now := l.clock.Now()
	limit, hasLimit := headerInt(h, "X-RateLimit-Limit")
	rem, hasRem := headerInt(h, "X-RateLimit-Remaining")
	l.mu.Lock()
	defer l.mu.Unlock()
	defer l.broadcast()
	if t.counted {
		l.inflight--
	}
	if h == nil {
		return 0
	}
	s := &l.state
	s.Updated = now
	s.Reset, s.RetryAfter = resetTime(h, now), retryAfter(h, now)
	switch {
	case hasLimit && hasRem && limit > 0:
		l.known, s.Limit, s.Remaining = true, limit, rem
	case !l.known:
		l.headless = true
	}
	var pause time.Duration
	if status == http.StatusTooManyRequests {
		pause = l.throttled(now, t, rem, hasRem, fallback)
	} else if l.known && hasRem && t.gen == l.gen {
		l.spend(t, rem)
	}
	l.describe(now)
	return pause
}

// spend learns the budget from a successful answer. When the server
// counted request t, rem requests were left; since then at most the
// requests sent after t, and those in flight when t was sent, were counted
// too. So the window's sent+left is at least rem+seq-before, and the best
// such bound over all answers is the budget (answers arrive out of order).
func (l *limiter) spend(t ticket, rem int) {
	if l.minRem < 0 || rem < l.minRem {
		l.minRem = rem
	}
	rem -= l.state.Limit - l.pace() // degraded mode
	if b := rem + t.seq - t.before; b > l.best {
		l.best = b
	}
}

// throttled handles a 429: it pauses all requests until the window ends,
// learns that end and the window's length, and detects degraded mode.
func (l *limiter) throttled(now time.Time, t ticket, rem int, hasRem bool, fallback time.Duration) time.Duration {
	s := &l.state
	pause := s.RetryAfter
	if d := s.Reset.Sub(now); !s.Reset.IsZero() && d > 0 {
		pause = d // the exact end; Retry-After is rounded up to seconds
	}
	if pause <= 0 {
		pause = fallback
	}
	if until := now.Add(pause); until.After(l.paused) {
		l.paused = until
	}
	if t.gen != l.gen || !l.known {
		return pause
	}
	if !s.Reset.IsZero() && !l.start.IsZero() {
		if w := s.Reset.Sub(l.start.Truncate(time.Second)); w >= time.Second && w <= time.Hour {
			l.window = w
		}
	}
	// Degraded mode: refused while the budget announced was not spent
	// (AniList still says Remaining 60 of 90 when it stops at 30).
	if left := l.minRem; (hasRem && rem > 0) || left > 0 {
		if hasRem && rem > 0 {
			left = rem
		}
		l.degraded = max(s.Limit-left, 1)
		l.degradedT = now.Add(10 * max(l.window, s.Window))
	}
	l.end, l.best = now.Add(pause), l.sent
	return pause
}

// describe refreshes the public Rate. The caller holds l.mu.
func (l *limiter) describe(now time.Time) {
	s := &l.state
	if l.window > 0 {
		s.Window = l.window
	}
	if l.known {
		s.Pace = l.pace()
	}
	s.Degraded = now.Before(l.degradedT)
}

// headerInt parses a non-negative integer header.
func headerInt(h http.Header, key string) (int, bool) {
	v := h.Get(key)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 0
}

// resetTime parses X-RateLimit-Reset, a Unix timestamp.
func resetTime(h http.Header, now time.Time) time.Time {
	n, ok := headerInt(h, "X-RateLimit-Reset")
	if !ok || n == 0 {
		return time.Time{}
	}
	t := time.Unix(int64(n), 0)
	if t.Sub(now) > time.Hour {
		return time.Time{} // not a timestamp we can trust
	}
	return t
}

// retryAfter parses Retry-After, in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

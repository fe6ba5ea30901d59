package anilist

import (
	"net/http"
	"strconv"
	"time"
)

// release returns t's place in flight and learns from the answer a
// (a.Status is 0 when the request failed without an answer). For a 429 it
// pauses every request of the client until the limit resets and returns
// how long; for a 403 "API disabled" it fails every request until
// a.Disabled.
func (l *limiter) release(t ticket, a Answer) time.Duration {
	now := l.clock.Now()
	limit, hasLimit := a.Limit, a.Limit >= 0
	rem, hasRem := a.Remaining, a.Remaining >= 0
	l.mu.Lock()
	defer l.mu.Unlock()
	defer l.broadcast()
	if t.counted {
		l.inflight--
	}
	if a.Status == 0 {
		return 0
	}
	if a.Disabled.After(l.outage) {
		l.outage, l.cause = a.Disabled, a.Cause
	}
	s := &l.state
	s.Updated = now
	s.Reset, s.RetryAfter = a.Reset, a.RetryAfter
	switch {
	case hasLimit && hasRem && limit > 0:
		l.known, s.Limit, s.Remaining = true, limit, rem
	case !l.known:
		l.headless = true
	}
	var pause time.Duration
	if a.Status == http.StatusTooManyRequests {
		pause = l.throttled(now, t, rem, hasRem, a.Fallback)
	} else if l.known && hasRem {
		if rem == s.Limit-1 { // t opened a window of the server's
			l.opened(t, now)
		}
		if t.gen == l.gen {
			l.spend(t, rem)
		}
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

// opened learns from request t, answered at recv, that opened one of the
// server's windows: that window opened in between, at a whole second. The
// latest such request counts. Once the window's length is known, the
// limiter's window ends no earlier than the server's can.
func (l *limiter) opened(t ticket, recv time.Time) {
	if t.sent.Before(l.openSent) {
		return // the late answer of an older window
	}
	l.openSent, l.openRecv, l.openGen = t.sent, recv, t.gen
	if end := recv.Truncate(time.Second).Add(l.window); l.window > 0 && end.After(l.end) {
		l.end = end
	}
}

// windowFrom estimates the window's length from reset, the end of the
// server's current window: reset less the second in which that window
// opened, as the latest opening seen bounds it if it was seen in this
// window or the one before (the server's window may have outlasted the
// limiter's), else as this window's first request does. Of the lengths that
// fit, it takes the shortest: one too short costs a 429 in a later window
// and is then learned again, while one too long would idle away the end of
// every window unnoticed.
func (l *limiter) windowFrom(reset time.Time) (time.Duration, bool) {
	sent, recv := l.start, l.start
	if !l.openSent.IsZero() && l.openGen >= l.gen-1 {
		sent, recv = l.openSent, l.openRecv
	}
	if reset.IsZero() || sent.IsZero() {
		return 0, false
	}
	if longest := reset.Sub(sent.Truncate(time.Second)); longest < time.Second || longest > time.Hour {
		return 0, false // the evidence is from another window
	}
	return max(reset.Sub(recv.Truncate(time.Second)), time.Second), true
}

// throttled handles a 429: it pauses all requests until the window ends,
// learns that end and the window's length, and detects degraded mode.
func (l *limiter) throttled(now time.Time, t ticket, rem int, hasRem bool, fallback time.Duration) time.Duration {
	s := &l.state
	end := windowEnd(now, s.Reset, s.RetryAfter)
	pause := end.Sub(now)
	if end.IsZero() || pause <= 0 {
		pause = fallback
	}
	if until := now.Add(pause); until.After(l.paused) {
		l.paused = until
	}
	if t.gen != l.gen || !l.known {
		return pause
	}
	if w, ok := l.windowFrom(end); ok {
		l.window = w
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

// windowEnd returns when the server's window ends, on the client's clock:
// X-RateLimit-Reset if it agrees with Retry-After (Reset is exact, while
// Retry-After is rounded up to whole seconds), else, as the two clocks
// disagree, now plus Retry-After. Without Retry-After it is Reset, or zero.
func windowEnd(now, reset time.Time, after time.Duration) time.Time {
	if after <= 0 {
		return reset
	}
	if d := reset.Sub(now); !reset.IsZero() && d > after-time.Second && d <= after {
		return reset
	}
	return now.Add(after)
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

package anilist

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Rate is what the client last learned about AniList's rate limit.
type Rate struct {
	// Limit and Remaining are the last X-RateLimit-Limit and -Remaining
	// headers (zero before the first response that carried them).
	Limit, Remaining int
	// Reset is the last X-RateLimit-Reset (zero unless AniList sent one).
	Reset time.Time
	// RetryAfter is the last Retry-After (zero unless AniList sent one).
	RetryAfter time.Duration
	// Window is the length of AniList's rate-limit window as learned from
	// 429 answers, or [Options.RateWindow] until one arrived.
	Window time.Duration
	// Pace is the number of requests per Window the client allows itself:
	// Limit, lower in degraded mode, or [Options.RateLimit] while the
	// server has sent no rate-limit headers.
	Pace int
	// Degraded reports AniList's degraded mode: a 429 although Remaining was
	// still above zero, so the real limit is lower than Limit says.
	Degraded bool
	// Updated is when a response last changed this value.
	Updated time.Time
}

// limiter is the default [Budget]: the rate limiter one Client shares
// between its goroutines, in memory.
//
// AniList (and the emulator) count requests in fixed windows and announce
// the budget left in X-RateLimit-Remaining, so the limiter spends exactly
// that budget, minus the requests still in flight, and never more. Before
// the first answer it sends a single request; when the budget is spent it
// waits for the window's end. It learns that end from a 429 (its
// X-RateLimit-Reset, or its Retry-After where the clocks of client and
// server disagree), and the window's length from the time between the
// window's first request and that end, so from then on it rolls from one
// window into the next without another 429. The request that opens one of the
// server's windows (the answer says Remaining = Limit-1) tells when that
// window opened, to within its round trip. A server that sends no
// rate-limit headers is paced at Options.RateLimit per Options.RateWindow
// instead.
type limiter struct {
	clock    clock
	off      bool          // Options.DisableRateLimit
	fallback *rate.Limiter // pacing while the server sends no headers

	mu      sync.Mutex
	changed chan struct{} // closed and replaced when the budget may have grown
	state   Rate

	known     bool // the server has sent rate-limit headers
	headless  bool // the server answered without them
	sent      int  // requests sent in this window
	best      int  // sent + the budget left, as the best answer bounds it; -1 unknown
	inflight  int
	minRem    int       // lowest Remaining answered in this window; -1 none
	gen       int       // window generation, to spot stale answers
	start     time.Time // when this window's first request was sent
	end       time.Time // when this window ends; zero if unknown
	window    time.Duration
	paused    time.Time // no request before this (after a 429)
	degraded  int       // the real limit in degraded mode
	degradedT time.Time // degraded mode lasts until then
	outage    time.Time // outage mode (API disabled) lasts until then
	cause     *ResponseError

	// openSent and openRecv are when the latest request seen opening one
	// of the server's windows (its answer said Remaining = Limit-1) was
	// sent and answered: the server's window opened in between. openGen is
	// the generation it was sent in.
	openSent, openRecv time.Time
	openGen            int
}

// ticket identifies one request between acquire and release.
type ticket struct {
	sent time.Time
	gen  int
	// counted tells whether the request took from the budget.
	counted bool
	// seq is its number among the window's requests; before is the number
	// of requests in flight when it was sent (which the server may count
	// after it).
	seq, before int
}

func newLimiter(o Options, c clock) *limiter {
	return &limiter{
		clock:    c,
		off:      o.DisableRateLimit,
		fallback: rate.NewLimiter(rate.Limit(float64(o.RateLimit)/o.RateWindow.Seconds()), 1),
		changed:  make(chan struct{}),
		state:    Rate{Window: o.RateWindow, Pace: o.RateLimit},
		best:     -1,
		minRem:   -1,
	}
}

// snapshot returns the current Rate.
func (l *limiter) snapshot() Rate {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state
}

// margin is how long after a window's end the limiter waits before it
// trusts a fresh budget, to allow for skew between client and server.
func (l *limiter) margin() time.Duration {
	return min(l.window/50, time.Second)
}

// grant is the limiter's answer to one request for a ticket: the ticket
// (ok), a time to wait until, or a channel closed when an answer arrives.
type grant struct {
	t        ticket
	ok       bool
	until    time.Time
	why      WaitReason
	ch       chan struct{}
	disabled time.Time
	cause    *ResponseError
}

var _ Budget = (*limiter)(nil)

// Acquire implements [Budget].
func (l *limiter) Acquire(context.Context) (Grant, error) {
	g := l.try()
	if g.ok {
		return Grant{OK: true, t: g.t}, nil
	}
	if !g.disabled.IsZero() {
		return Grant{Disabled: g.disabled, Cause: g.cause}, nil
	}
	if g.ch != nil {
		return Grant{Wake: g.ch}, nil
	}
	return Grant{Wait: g.until.Sub(l.clock.Now()), Reason: g.why}, nil
}

// Settle implements [Budget].
func (l *limiter) Settle(_ context.Context, g Grant, a Answer) time.Duration {
	return l.release(g.t, a)
}

// Rate implements [Budget].
func (l *limiter) Rate() Rate { return l.snapshot() }

// try takes a ticket if the limits allow one now.
func (l *limiter) try() grant {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	switch {
	case now.Before(l.outage):
		return grant{disabled: l.outage, cause: l.cause}
	case now.Before(l.paused):
		return grant{until: l.paused, why: WaitRateLimited}
	case l.off:
		return grant{t: ticket{sent: now, gen: l.gen}, ok: true}
	case !l.known && l.headless:
		return l.paced(now)
	}
	if !l.end.IsZero() && !now.Before(l.end.Add(l.margin())) {
		l.roll(now)
	}
	switch avail := l.best - l.sent; {
	case l.best >= 0 && avail > 0:
	case l.best < 0 || l.end.IsZero():
		if l.inflight > 0 { // let the answers in flight tell the budget
			return grant{ch: l.changed}
		}
		// A probe: the first request, or one to learn when the window ends.
	default:
		return grant{until: l.end.Add(l.margin()), why: WaitPacing}
	}
	return grant{t: l.take(now), ok: true}
}

// paced applies the fallback pacing for servers without rate-limit headers.
func (l *limiter) paced(now time.Time) grant {
	r := l.fallback.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return grant{until: now.Add(d), why: WaitPacing}
	}
	return grant{t: ticket{sent: now, gen: l.gen}, ok: true}
}

// take counts one request sent at now against the window's budget.
func (l *limiter) take(now time.Time) ticket {
	t := ticket{sent: now, gen: l.gen, counted: true, before: l.inflight}
	l.inflight++
	l.sent++
	t.seq = l.sent
	if l.start.IsZero() {
		l.start = now
	}
	return t
}

// roll starts a new window at now: its budget is the whole limit, less the
// requests still in flight, which the server may count in it.
func (l *limiter) roll(now time.Time) {
	l.gen++
	l.start, l.minRem = now, -1
	l.end = time.Time{}
	if l.window > 0 {
		l.end = now.Truncate(time.Second).Add(l.window)
	}
	l.sent, l.best = 0, max(l.pace()-l.inflight, 0)
	l.broadcast()
}

// pace is the number of requests per window the limiter allows itself.
func (l *limiter) pace() int {
	if l.clock.Now().Before(l.degradedT) {
		return min(l.degraded, l.state.Limit)
	}
	return l.state.Limit
}

// broadcast wakes the goroutines waiting for an answer.
func (l *limiter) broadcast() {
	close(l.changed)
	l.changed = make(chan struct{})
}

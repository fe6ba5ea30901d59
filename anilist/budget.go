package anilist

import (
	"context"
	"net/http"
	"time"
)

// Budget holds AniList's rate-limit budget: what a [Client] learns about
// the limit and what it spends of it. AniList counts requests per IP, not
// per process, so processes that share an IP should share one Budget: set
// [Options.Budget] to a shared implementation, such as the Redis store of
// github.com/anigql/anigql/redisstore or the file store of package
// github.com/anigql/anigql/anilist/budget. The default, used when
// Options.Budget is nil, lives in the Client's memory.
//
// A Budget holds the requests allowed per window and the window's length
// as learned from the X-RateLimit-* headers, the cooldown after a 429 (until
// its Retry-After or X-RateLimit-Reset), AniList's degraded mode (a lower
// limit while the headers still announce the normal one) and its outage
// mode (after a 403 "API disabled" answer every holder fails fast until
// the outage cooldown ends).
//
// A Budget must be safe for concurrent use. Its methods never sleep: the
// Client waits, so that it can honor context deadlines and call
// [Options.OnWait].
type Budget interface {
	// Acquire asks for one request's share of the budget. If g.OK, the
	// request may be sent now; the Client hands g back to Settle once the
	// request is answered or has failed. Otherwise the Client waits for
	// g.Wait (or until g.Wake is closed, if set) and asks again, or fails
	// the call at once if g.Disabled is set. A non-nil error fails the
	// call.
	Acquire(ctx context.Context) (g Grant, err error)
	// Settle reports what became of a request that Acquire allowed. For a
	// 429 it returns how long every holder of the budget pauses.
	Settle(ctx context.Context, g Grant, a Answer) (pause time.Duration)
	// Rate returns what the budget last learned about the limit.
	Rate() Rate
}

// Grant is a [Budget]'s answer to [Budget.Acquire].
type Grant struct {
	// OK allows the request now.
	OK bool
	// Wait, when not OK, is how long to wait before asking again, and
	// Reason is why.
	Wait   time.Duration
	Reason WaitReason
	// Wake, if not nil, is closed when asking again may succeed before Wait
	// has passed (for instance when an answer in flight tells the budget
	// left). A zero Wait with a Wake waits for Wake alone.
	Wake <-chan struct{}
	// Disabled, when not zero, is the end of an outage: AniList answered
	// 403 "API disabled" and the call fails at once with an
	// [*APIDisabledError] until then.
	Disabled time.Time
	// Cause is the 403 answer that started the outage, when this holder has
	// it (an outage reported by another process may come without one).
	Cause *ResponseError
	// Ticket is the budget's own record of an allowed request.
	Ticket any

	t ticket // the default budget's record, which needs no allocation
}

// Answer is what a [Client] saw of the request a [Grant] allowed, as it
// reports it to [Budget.Settle].
type Answer struct {
	// Status is the HTTP status, or 0 if the request failed without one.
	Status int
	// Limit and Remaining are the X-RateLimit-Limit and -Remaining
	// headers, or -1 when the answer had none.
	Limit, Remaining int
	// Reset is X-RateLimit-Reset and RetryAfter is Retry-After (zero when
	// absent).
	Reset      time.Time
	RetryAfter time.Duration
	// Fallback is how long to pause after a 429 that says not how long.
	Fallback time.Duration
	// Disabled, for a 403 "API disabled" answer, is when the outage
	// cooldown ([Options.OutageCooldown]) ends; Cause is the answer.
	Disabled time.Time
	Cause    *ResponseError
}

// NewAnswer builds the Answer for a response's status and headers (h nil
// and status 0 for a request that failed without an answer), as seen at now.
func NewAnswer(status int, h http.Header, now time.Time) Answer {
	a := Answer{Status: status, Limit: -1, Remaining: -1}
	if h == nil {
		return a
	}
	if n, ok := headerInt(h, "X-RateLimit-Limit"); ok {
		a.Limit = n
	}
	if n, ok := headerInt(h, "X-RateLimit-Remaining"); ok {
		a.Remaining = n
	}
	a.Reset, a.RetryAfter = resetTime(h, now), retryAfter(h, now)
	return a
}

// WindowEnd returns when the server's window ends after a 429 answered at
// now: X-RateLimit-Reset if it agrees with Retry-After, else now plus
// Retry-After, else Reset (zero if the answer said neither).
func (a Answer) WindowEnd(now time.Time) time.Time { return windowEnd(now, a.Reset, a.RetryAfter) }

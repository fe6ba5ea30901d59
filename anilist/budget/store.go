package budget

import (
	"context"
	"sync"
	"time"
)

// Store keeps the [State] of a budget that several processes share. Each
// method runs one step of the algorithm atomically on the shared state:
// [FileStore] under an exclusive file lock, the Redis store of
// github.com/anigql/anigql/redisstore as a Lua script. A store that keeps
// its own clock (Redis' TIME) may ignore the Now fields.
type Store interface {
	// Take runs [State.Take].
	Take(ctx context.Context, r Take) (Taken, error)
	// Report runs [State.Report].
	Report(ctx context.Context, r Report) error
}

// Take is a request for one request's share of the budget.
type Take struct {
	// Now is the time on the caller's clock.
	Now time.Time
	// Window is the length of AniList's rate-limit window.
	Window time.Duration
	// Limit is the number of requests per window to allow until an answer
	// has reported AniList's X-RateLimit-Limit.
	Limit int
	// Share, between 0 and 1, takes only that part of the limit (the
	// local share while the shared store is out of reach); 0 means all.
	Share float64
	// Spread keeps the grants at least half a window's even share apart
	// (Window/(2·limit)), so that a window's budget is spent in its first
	// half rather than in one burst.
	Spread bool
	// ID names the request, unique across the processes sharing the
	// store; a 429 gives its place back.
	ID string
}

// Taken is the answer to a [Take].
type Taken struct {
	// OK grants the request.
	OK bool
	// Wait, when not OK, is how long to wait before asking again.
	Wait time.Duration
	// Off, when not zero, is how long outage mode lasts; OffMsg is the
	// message of the 403 that started it.
	Off    time.Duration
	OffMsg string
	// Limit is the limit the store knows (reported, or Take.Limit); Pace
	// is the number of requests per window it allows now; Degraded tells
	// whether AniList's degraded mode lowers it.
	Limit, Pace int
	Degraded    bool
}

// Report is what became of a granted request.
type Report struct {
	// Now is the time on the caller's clock.
	Now time.Time
	// Window is the length of AniList's rate-limit window.
	Window time.Duration
	// ID is the Take.ID of the request.
	ID string
	// Status is the HTTP status of the answer.
	Status int
	// Limit and Remaining are its X-RateLimit-* headers, or -1.
	Limit, Remaining int
	// Pause, for a 429, is how long every holder waits.
	Pause time.Duration
	// Off, for a 403 "API disabled", is how long outage mode lasts, and
	// OffMsg is the answer's message.
	Off    time.Duration
	OffMsg string
}

// memory is a Store in memory: the local share while a shared store is out
// of reach.
type memory struct {
	mu sync.Mutex
	s  State
}

func (m *memory) Take(_ context.Context, r Take) (Taken, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.s.Take(r), nil
}

func (m *memory) Report(_ context.Context, r Report) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.s.Report(r)
	return nil
}

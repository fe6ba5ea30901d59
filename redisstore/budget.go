package redisstore

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/anigql/anigql/anilist/budget"
	"github.com/redis/go-redis/v9"
)

var (
	//go:embed take.lua
	takeLua    string
	takeScript = redis.NewScript(takeLua)
	//go:embed report.lua
	reportLua    string
	reportScript = redis.NewScript(reportLua)
)

// Store is a [budget.Store] on Redis.
type Store struct {
	rdb  redis.UniversalClient
	keys []string
}

var _ budget.Store = (*Store)(nil)

// NewStore returns the store of the budget named key on rdb.
func NewStore(rdb redis.UniversalClient, key string) (*Store, error) {
	if rdb == nil || key == "" {
		return nil, errors.New("redisstore: NewStore needs a client and a key")
	}
	tag := "{" + key + "}"
	return &Store{rdb: rdb, keys: []string{tag + ":s", tag + ":g", tag + ":o"}}, nil
}

// An Option configures [NewBudget].
type Option func(*budget.Options) error

// NewBudget returns an anilist.Budget that every process calling it with
// the same key on the same Redis shares. Set it as anilist.Options.Budget.
func NewBudget(rdb redis.UniversalClient, key string, opts ...Option) (*budget.Shared, error) {
	s, err := NewStore(rdb, key)
	if err != nil {
		return nil, err
	}
	var o budget.Options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	return budget.New(s, &o)
}

// WithWindow sets AniList's rate-limit window (default one minute).
func WithWindow(d time.Duration) Option {
	return func(o *budget.Options) error {
		if d < time.Millisecond {
			return fmt.Errorf("redisstore: window %v is shorter than a millisecond", d)
		}
		o.Window = d
		return nil
	}
}

// WithLimit sets the requests per window to allow until AniList's
// X-RateLimit-Limit is known (default 90).
func WithLimit(n int) Option {
	return func(o *budget.Options) error {
		if n <= 0 {
			return fmt.Errorf("redisstore: limit %d is not positive", n)
		}
		o.Limit = n
		return nil
	}
}

// WithFallbackShare sets the part of the limit a process allows itself
// while Redis is out of reach (default 1/4): one over the number of
// processes that share the budget.
func WithFallbackShare(f float64) Option {
	return func(o *budget.Options) error {
		if f <= 0 || f > 1 {
			return fmt.Errorf("redisstore: fallback share %v is not in (0, 1]", f)
		}
		o.FallbackShare = f
		return nil
	}
}

// WithOnFallback sets a function called with Redis' error when the budget
// falls back to the local share, and with nil when sharing resumes.
func WithOnFallback(f func(error)) Option {
	return func(o *budget.Options) error { o.OnFallback = f; return nil }
}

// WithRetry sets how often Redis is tried again while out of reach.
func WithRetry(d time.Duration) Option {
	return func(o *budget.Options) error { o.Retry = d; return nil }
}

// WithTimeout bounds each Redis call (default 250ms).
func WithTimeout(d time.Duration) Option {
	return func(o *budget.Options) error { o.Timeout = d; return nil }
}

// WithBurst lets a window's budget go out as fast as it is asked for,
// instead of spread over the window's first half.
func WithBurst() Option {
	return func(o *budget.Options) error { o.Burst = true; return nil }
}

// Take implements [budget.Store]. It runs on Redis' clock.
func (s *Store) Take(ctx context.Context, r budget.Take) (budget.Taken, error) {
	spread := "0"
	if r.Spread {
		spread = "1"
	}
	v, err := takeScript.Run(ctx, s.rdb, s.keys, ms(r.Window), r.Limit,
		strconv.FormatFloat(r.Share, 'f', -1, 64), spread, r.ID).Slice()
	if err != nil {
		return budget.Taken{}, fmt.Errorf("redisstore: %w", err)
	}
	if len(v) != 7 {
		return budget.Taken{}, fmt.Errorf("redisstore: take script answered %d values", len(v))
	}
	n := func(i int) int64 { x, _ := v[i].(int64); return x }
	msg, _ := v[3].(string)
	return budget.Taken{OK: n(0) == 1, Wait: dur(n(1)), Off: dur(n(2)), OffMsg: msg,
		Limit: int(n(4)), Pace: int(n(5)), Degraded: n(6) == 1}, nil
}

// Report implements [budget.Store]. It runs on Redis' clock.
func (s *Store) Report(ctx context.Context, r budget.Report) error {
	err := reportScript.Run(ctx, s.rdb, s.keys, ms(r.Window), r.ID, r.Status, r.Limit, r.Remaining,
		ms(r.Pause), ms(r.Off), r.OffMsg).Err()
	if err != nil {
		return fmt.Errorf("redisstore: %w", err)
	}
	return nil
}

// ms rounds d up to whole milliseconds.
func ms(d time.Duration) int64 { return int64((d + time.Millisecond - 1) / time.Millisecond) }

func dur(ms int64) time.Duration { return time.Duration(ms) * time.Millisecond }

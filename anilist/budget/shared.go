package budget

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/anigql/anigql/anilist"
)

// Options configures a [Shared] budget. The zero value gives the defaults
// documented on each field.
type Options struct {
	// Window is the length of AniList's rate-limit window. Default: one
	// minute.
	Window time.Duration
	// Limit is the number of requests per Window to allow until an answer
	// reports AniList's X-RateLimit-Limit. Default: 90.
	Limit int
	// Burst lets a window's budget go out as fast as it is asked for.
	// By default grants are kept Window/(2·limit) apart, so the budget is
	// spent in the first half of each window and a 403 or 429 reaches every
	// process before the next request leaves.
	Burst bool
	// FallbackShare is the part of the limit this process allows itself
	// while the store is out of reach: the limit divided by the number of
	// processes expected to share it. Default: 1/4.
	FallbackShare float64
	// Retry is how often the store is tried again while it is out of reach.
	// Default: a tenth of Window, at least 100ms and at most 5s.
	Retry time.Duration
	// Timeout bounds each call to the store. Default: 250ms.
	Timeout time.Duration
	// OnFallback, if set, is called with the store's error when the budget
	// falls back to the local share, and with nil when sharing resumes. It
	// must not block.
	OnFallback func(error)

	now func() time.Time // tests
}

// Shared is an [anilist.Budget] kept in a [Store] that several processes
// share: they spend one budget, learn one limit and share one cooldown,
// one degraded mode and one outage mode. When the store is out of reach,
// each process falls back to its share of the limit
// ([Options.FallbackShare]) in memory, so that no call is lost and the
// processes together stay within the limit; it tries the store again every
// [Options.Retry] and, once the store answers, keeps to its share for one
// more window, until every process has resumed sharing.
//
// A Shared budget is safe for concurrent use. Set it as
// [anilist.Options.Budget].
type Shared struct {
	store  Store
	opts   Options
	local  memory // the fallback share
	prefix string // of the request IDs
	seq    atomic.Uint64

	mu       sync.Mutex
	asking   chan struct{} // closed when the goroutine asking the store is done
	next     time.Time     // no request before this
	why      anilist.WaitReason
	off      time.Time // outage mode until then
	cause    *anilist.ResponseError
	fallback bool      // the store is out of reach
	probe    time.Time // when to try the store again
	grace    time.Time // keep to the local share until then
	rate     anilist.Rate
	mine     []Mark // this process's grants from the store in the last window
}

var _ anilist.Budget = (*Shared)(nil)

// ticket is a Shared budget's record of a granted request.
type ticket struct {
	id    string
	local bool // granted by the local share
}

// New returns a budget kept in store. opts may be nil.
func New(store Store, opts *Options) (*Shared, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Window < 0 || o.Limit < 0 || o.Retry < 0 || o.Timeout < 0 || o.FallbackShare < 0 || o.FallbackShare > 1 {
		return nil, errors.New("budget: negative option, or FallbackShare above 1")
	}
	def(&o.Window, time.Minute)
	def(&o.Limit, 90)
	def(&o.FallbackShare, 0.25)
	def(&o.Retry, min(max(o.Window/10, 100*time.Millisecond), 5*time.Second))
	def(&o.Timeout, 250*time.Millisecond)
	if o.now == nil {
		o.now = time.Now
	}
	var id [6]byte
	_, _ = rand.Read(id[:]) // never fails
	b := &Shared{store: store, opts: o, prefix: hex.EncodeToString(id[:]) + "-"}
	b.rate = anilist.Rate{Window: o.Window, Pace: o.Limit}
	return b, nil
}

func def[T int | float64 | time.Duration](v *T, d T) {
	if *v == 0 {
		*v = d
	}
}

// Rate implements [anilist.Budget].
func (b *Shared) Rate() anilist.Rate {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.rate
}

// Acquire implements [anilist.Budget]. One goroutine of the process asks the
// store at a time; the others wait for its answer, which tells them how
// long the whole process waits.
func (b *Shared) Acquire(ctx context.Context) (anilist.Grant, error) {
	now := b.opts.now()
	b.mu.Lock()
	switch {
	case now.Before(b.off):
		defer b.mu.Unlock()
		return anilist.Grant{Disabled: b.off, Cause: b.cause}, nil
	case now.Before(b.next):
		defer b.mu.Unlock()
		return anilist.Grant{Wait: b.next.Sub(now), Reason: b.why}, nil
	case b.fallback && (now.Before(b.probe) || b.asking != nil):
		// Out of reach: the local share, also while one goroutine probes.
		defer b.mu.Unlock()
		return b.takeLocal(now), nil
	case b.asking != nil:
		defer b.mu.Unlock()
		return anilist.Grant{Wake: b.asking}, nil
	}
	done := make(chan struct{})
	b.asking = done
	grace := b.fallback || now.Before(b.grace)
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		b.asking = nil
		b.mu.Unlock()
		close(done)
	}()
	return b.ask(ctx, now, grace)
}

// ask takes from the store, after the local share while the store was out
// of reach and during the grace after. The caller is the only goroutine
// asking.
func (b *Shared) ask(ctx context.Context, now time.Time, grace bool) (anilist.Grant, error) {
	var local anilist.Grant
	if grace {
		b.mu.Lock()
		local = b.takeLocal(now)
		b.mu.Unlock()
		if !local.OK {
			return local, nil
		}
	}
	id := b.prefix + strconv.FormatUint(b.seq.Add(1), 36)
	sctx, cancel := context.WithTimeout(ctx, b.opts.Timeout)
	t, err := b.store.Take(sctx, Take{Now: now, Window: b.opts.Window, Limit: b.limit(), Spread: !b.opts.Burst, ID: id})
	cancel()
	if err != nil && ctx.Err() != nil {
		return anilist.Grant{}, context.Cause(ctx)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if err != nil {
		b.fail(now, err)
		if grace {
			return local, nil
		}
		return b.takeLocal(now), nil
	}
	if b.fallback {
		b.fallback = false
		b.grace = now.Add(b.opts.Window + b.opts.Retry)
		b.hook(nil)
	}
	b.learn(now, t)
	switch {
	case t.Off > 0:
		b.off = now.Add(t.Off)
		return anilist.Grant{Disabled: b.off, Cause: b.cause}, nil
	case !t.OK:
		b.next, b.why = now.Add(t.Wait), anilist.WaitPacing
		return anilist.Grant{Wait: t.Wait, Reason: anilist.WaitPacing}, nil
	}
	b.mine = append(dropBefore(b.mine, micros(now)-held(micros64(b.opts.Window))), Mark{At: micros(now), ID: id})
	return anilist.Grant{OK: true, Ticket: ticket{id: id, local: grace}}, nil
}

// takeLocal takes from the local share. b.mu is held.
func (b *Shared) takeLocal(now time.Time) anilist.Grant {
	id := b.prefix + strconv.FormatUint(b.seq.Add(1), 36)
	t, _ := b.local.Take(context.Background(), Take{Now: now, Window: b.opts.Window, Limit: b.limit(),
		Share: b.opts.FallbackShare, Spread: !b.opts.Burst, ID: id})
	switch {
	case t.Off > 0:
		return anilist.Grant{Disabled: now.Add(t.Off), Cause: b.cause}
	case !t.OK:
		return anilist.Grant{Wait: t.Wait, Reason: anilist.WaitPacing}
	}
	return anilist.Grant{OK: true, Ticket: ticket{id: id, local: true}}
}

// limit is the limit to assume until the store reports one.
func (b *Shared) limit() int {
	if l := b.rate.Limit; l > 0 {
		return l
	}
	return b.opts.Limit
}

// learn records what the store said. b.mu is held.
func (b *Shared) learn(now time.Time, t Taken) {
	b.rate.Pace, b.rate.Degraded = t.Pace, t.Degraded
	if t.Limit > 0 {
		b.rate.Limit = t.Limit
	}
	b.rate.Updated = now
}

// fail falls back to the local share. b.mu is held.
func (b *Shared) fail(now time.Time, err error) {
	b.probe = now.Add(b.opts.Retry)
	if !b.fallback {
		// The other processes have spent about as much of the window as
		// this one: its own recent grants count against its share.
		b.local.mu.Lock()
		b.local.s.Grants = mergeMarks(b.local.s.Grants, b.mine)
		b.local.mu.Unlock()
		b.fallback = true
		b.hook(fmt.Errorf("budget: store out of reach, using the local share: %w", err))
	}
}

// hook calls OnFallback. b.mu is held.
func (b *Shared) hook(err error) {
	if b.opts.OnFallback != nil {
		b.opts.OnFallback(err)
	}
}

// Settle implements [anilist.Budget]: it reports the answer to the store
// (and to the local share, for a request that took from it).
func (b *Shared) Settle(ctx context.Context, g anilist.Grant, a anilist.Answer) time.Duration {
	t, _ := g.Ticket.(ticket)
	now := b.opts.now()
	if a.Status == 0 {
		return 0 // no answer: nothing learned, and the request still counts
	}
	r := Report{Now: now, Window: b.opts.Window, ID: t.id, Status: a.Status, Limit: a.Limit, Remaining: a.Remaining}
	if a.Status == http.StatusTooManyRequests {
		end := a.WindowEnd(now)
		if r.Pause = end.Sub(now); end.IsZero() || r.Pause <= 0 {
			r.Pause = a.Fallback
		}
	}
	if !a.Disabled.IsZero() {
		r.Off = a.Disabled.Sub(now)
		if a.Cause != nil && len(a.Cause.Errors) > 0 {
			r.OffMsg = a.Cause.Errors[0].Message
		}
	}
	b.mu.Lock()
	b.observe(now, a, r)
	remote := !b.fallback
	b.mu.Unlock()
	if t.local {
		_ = b.local.Report(ctx, r)
	}
	if remote {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.opts.Timeout)
		err := b.store.Report(sctx, r)
		cancel()
		if err != nil {
			b.mu.Lock()
			b.fail(now, err)
			b.mu.Unlock()
		}
	}
	return r.Pause
}

// observe updates what this process knows at once from an answer. b.mu is
// held.
func (b *Shared) observe(now time.Time, a anilist.Answer, r Report) {
	if a.Limit > 0 && a.Remaining >= 0 {
		b.rate.Limit, b.rate.Remaining = a.Limit, a.Remaining
	}
	b.rate.Reset, b.rate.RetryAfter, b.rate.Updated = a.Reset, a.RetryAfter, now
	if r.Pause > 0 {
		if until := now.Add(r.Pause); until.After(b.next) {
			b.next, b.why = until, anilist.WaitRateLimited
		}
	}
	if !a.Disabled.IsZero() && a.Disabled.After(b.off) {
		b.off, b.cause = a.Disabled, a.Cause
	}
}

// mergeMarks merges two lists sorted by time, without duplicate IDs.
func mergeMarks(a, b []Mark) []Mark {
	seen := make(map[string]bool, len(a))
	out := make([]Mark, 0, len(a)+len(b))
	for _, m := range a {
		seen[m.ID] = true
		out = append(out, m)
	}
	for _, m := range b {
		if !seen[m.ID] {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(x, y Mark) int { return cmp.Compare(x.At, y.At) })
	return out
}

package budget

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
)

// clock is a settable clock for a Shared budget.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// flaky is a store in memory that fails while down is set.
type flaky struct {
	memory
	mu   sync.Mutex
	down bool
}

var errDown = errors.New("connection refused")

func (f *flaky) setDown(d bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = d
}

func (f *flaky) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.down {
		return errDown
	}
	return nil
}

func (f *flaky) Take(ctx context.Context, r Take) (Taken, error) {
	if err := f.err(); err != nil {
		return Taken{}, err
	}
	return f.memory.Take(ctx, r)
}

func (f *flaky) Report(ctx context.Context, r Report) error {
	if err := f.err(); err != nil {
		return err
	}
	return f.memory.Report(ctx, r)
}

func newShared(t *testing.T, s Store, c *clock, o Options) *Shared {
	t.Helper()
	o.now = c.Now
	b, err := New(s, &o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// grants counts the grants b gives at each millisecond of [from, to),
// settling each with a 200.
func grants(t *testing.T, c *clock, from, to int, bs ...*Shared) int {
	t.Helper()
	n := 0
	for ms := from; ms < to; ms++ {
		c.set(at(ms))
		for _, b := range bs {
			g, err := b.Acquire(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if g.OK {
				n++
				b.Settle(t.Context(), g, anilist.Answer{Status: 200, Limit: 20, Remaining: 5})
			}
		}
	}
	return n
}

func TestSharedFileStoreTwoProcesses(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "budget.json")
	c := &clock{now: t0}
	o := Options{Window: time.Second, Limit: 20}
	var bs []*Shared
	for range 2 {
		fs, err := NewFileStore(path)
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, newShared(t, fs, c, o))
	}
	if n := grants(t, c, 0, 1000, bs...); n != 20 {
		t.Errorf("two budgets on one file granted %d in a window; want the limit, 20", n)
	}
	if n := grants(t, c, 1000, 3000, bs...); n != 40 {
		t.Errorf("two more windows: granted %d; want 40", n)
	}
}

func TestSharedFallbackAndResume(t *testing.T) {
	t.Parallel()
	st := &flaky{}
	c := &clock{now: t0}
	var events []error
	b := newShared(t, st, c, Options{Window: time.Second, Limit: 20, Retry: 100 * time.Millisecond,
		OnFallback: func(err error) { events = append(events, err) }})
	if n := grants(t, c, 0, 1000, b); n != 20 {
		t.Fatalf("store up: granted %d in a window; want 20", n)
	}
	st.setDown(true)
	if n := grants(t, c, 1000, 2000, b); n != 5 {
		t.Errorf("store down: granted %d in a window; want the quarter share, 5", n)
	}
	if len(events) != 1 || !errors.Is(events[0], errDown) {
		t.Fatalf("OnFallback got %v; want one call with the store's error", events)
	}
	st.setDown(false)
	// The first window after the store is back keeps to the share.
	if n := grants(t, c, 2000, 3000, b); n != 5 {
		t.Errorf("first window after the store returned: granted %d; want 5", n)
	}
	if len(events) != 2 || events[1] != nil {
		t.Fatalf("OnFallback got %v; want a second call with nil", events)
	}
	if n := grants(t, c, 3200, 4200, b); n != 20 {
		t.Errorf("after the grace: granted %d; want 20", n)
	}
}

func TestSharedOutageAndCooldown(t *testing.T) {
	t.Parallel()
	st := &memory{}
	c := &clock{now: t0}
	o := Options{Window: time.Second, Limit: 20}
	a, b := newShared(t, st, c, o), newShared(t, st, c, o)
	g, _ := a.Acquire(t.Context())
	cause := &anilist.ResponseError{StatusCode: 403, Errors: anilist.Errors{{Message: "disabled", Status: 403}}}
	a.Settle(t.Context(), g, anilist.Answer{Status: 403, Limit: -1, Remaining: -1, Disabled: at(3000), Cause: cause})
	got, _ := b.Acquire(t.Context())
	if !got.Disabled.Equal(at(3000)) || got.Cause != nil {
		t.Errorf("the other process: got %+v; want outage mode until 3s, without a cause", got)
	}
	if got, _ := a.Acquire(t.Context()); got.Cause != cause {
		t.Errorf("the process that saw the 403: got %+v; want its cause", got)
	}
	c.set(at(3000))
	g, _ = b.Acquire(t.Context())
	if !g.OK {
		t.Fatalf("after the outage: got %+v; want a grant", g)
	}
	pause := b.Settle(t.Context(), g, anilist.Answer{Status: 429, Limit: 20, Remaining: 0, RetryAfter: 2 * time.Second})
	if pause != 2*time.Second {
		t.Errorf("429: pause %v; want 2s", pause)
	}
	if got, _ := a.Acquire(t.Context()); got.OK || got.Wait != 2*time.Second {
		t.Errorf("the other process after the 429: got %+v; want a wait of 2s", got)
	}
}

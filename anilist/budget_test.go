package anilist

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/anigql/anigql/internal/emu/limits"
	"github.com/google/go-cmp/cmp"
)

// scriptedBudget is a Budget that answers Acquire from a script and records
// what the client settles.
type scriptedBudget struct {
	mu      sync.Mutex
	grants  []Grant // answered in order; OK once they run out
	answers []Answer
	tickets []any
}

func (b *scriptedBudget) Acquire(context.Context) (Grant, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.grants) == 0 {
		return Grant{OK: true, Ticket: len(b.answers)}, nil
	}
	g := b.grants[0]
	b.grants = b.grants[1:]
	return g, nil
}

func (b *scriptedBudget) Settle(_ context.Context, g Grant, a Answer) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.answers = append(b.answers, a)
	b.tickets = append(b.tickets, g.Ticket)
	return 0
}

func (b *scriptedBudget) Rate() Rate { return Rate{Limit: 7, Pace: 7} }

func TestOptionsBudgetIsUsed(t *testing.T) {
	t.Parallel()
	b := &scriptedBudget{grants: []Grant{{Wait: 3 * time.Second, Reason: WaitPacing}}}
	var waits []Wait
	c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, okBody, "X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "41")
	}, &Options{Budget: b, OnWait: func(w Wait) { waits = append(waits, w) }})
	if _, err := query(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]time.Duration{3 * time.Second}, fc.Sleeps()); d != "" {
		t.Errorf("sleeps (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]Wait{{Op: "MediaByID", Reason: WaitPacing, Delay: 3 * time.Second, Attempt: 1}}, waits); d != "" {
		t.Errorf("OnWait (-want +got):\n%s", d)
	}
	want := []Answer{{Status: 200, Limit: 90, Remaining: 41, Fallback: b.answers[0].Fallback}}
	if d := cmp.Diff(want, b.answers); d != "" {
		t.Errorf("settled (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]any{0}, b.tickets); d != "" {
		t.Errorf("tickets handed back (-want +got):\n%s", d)
	}
	if got := c.Rate().Limit; got != 7 {
		t.Errorf("Rate().Limit = %d; want the budget's 7", got)
	}
}

func TestBudgetOutageWithoutCause(t *testing.T) {
	t.Parallel()
	until := time.Now().Add(time.Minute)
	b := &scriptedBudget{grants: []Grant{{Disabled: until}}}
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		t.Error("the client sent a request during an outage")
	}, &Options{Budget: b})
	_, err := query(t.Context(), c)
	var de *APIDisabledError
	if !errors.As(err, &de) || !errors.Is(err, ErrAPIDisabled) {
		t.Fatalf("got %v; want an *APIDisabledError", err)
	}
	if de.Op != "MediaByID" || !de.Until.Equal(until) || de.Err != nil {
		t.Errorf("got %+v; want op MediaByID, until %v, no cause", de, until)
	}
}

func TestOutageMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		cooldown time.Duration
		wantHits int // requests the server sees for three calls
	}{
		{"default one minute", 0, 2},
		{"custom", 5 * time.Second, 2},
		{"off", -1, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var hits counter
			c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				if hits.next() == 1 {
					reply(w, http.StatusForbidden, limits.APIDisabledBody)
					return
				}
				reply(w, http.StatusOK, okBody)
			}, &Options{OutageCooldown: tc.cooldown, MaxRetries: -1})
			start := fc.Now()
			_, err := query(t.Context(), c)
			var re *ResponseError
			if !errors.Is(err, ErrAPIDisabled) || !errors.As(err, &re) || re.StatusCode != 403 {
				t.Fatalf("first call: got %v; want the 403 as ErrAPIDisabled", err)
			}
			_, err = query(t.Context(), c) // fails fast during the cooldown
			if tc.cooldown < 0 {
				if err != nil {
					t.Fatalf("second call with outage mode off: got %v; want success", err)
				}
			} else {
				var de *APIDisabledError
				want := start.Add(tc.cooldown)
				if tc.cooldown == 0 {
					want = start.Add(time.Minute)
				}
				if !errors.As(err, &de) || !de.Until.Equal(want) || !errors.As(err, &re) {
					t.Fatalf("second call: got %v; want an *APIDisabledError until %v with the 403", err, want)
				}
				fc.SleepUntil(t.Context(), de.Until)
			}
			if _, err := query(t.Context(), c); err != nil {
				t.Fatalf("after the cooldown: got %v; want success", err)
			}
			if n := int(hits.n.Load()); n != tc.wantHits {
				t.Errorf("the server saw %d requests; want %d", n, tc.wantHits)
			}
		})
	}
}

package budget

import (
	"testing"
	"time"
)

var t0 = time.Unix(1_800_000_000, 0)

func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

func TestStateSlidingWindow(t *testing.T) {
	t.Parallel()
	var s State
	take := func(ms int) Taken { return s.Take(Take{Now: at(ms), Window: time.Second, Limit: 3, ID: "r"}) }
	for _, ms := range []int{0, 10, 20} {
		if got := take(ms); !got.OK {
			t.Fatalf("take at %dms: got %+v; want a grant", ms, got)
		}
	}
	// A grant counts for the window and a 25ms margin.
	if got := take(30); got.OK || got.Wait != 995*time.Millisecond {
		t.Fatalf("fourth take: got %+v; want a wait of 995ms, until the first grant leaves the window", got)
	}
	if got := take(1025); !got.OK {
		t.Fatalf("take at 1025ms: got %+v; want a grant", got)
	}
	if got := take(1026); got.OK || got.Wait != 9*time.Millisecond {
		t.Fatalf("take at 1026ms: got %+v; want a wait of 9ms", got)
	}
}

func TestStateSpread(t *testing.T) {
	t.Parallel()
	var s State
	r := Take{Now: at(0), Window: time.Second, Limit: 10, Spread: true}
	if got := s.Take(r); !got.OK {
		t.Fatalf("first take: got %+v", got)
	}
	r.Now = at(20)
	if got := s.Take(r); got.OK || got.Wait != 30*time.Millisecond {
		t.Fatalf("take 20ms later: got %+v; want a wait of 30ms (1s/(2·10) apart)", got)
	}
	r.Now = at(50)
	if got := s.Take(r); !got.OK {
		t.Fatalf("take 50ms later: got %+v; want a grant", got)
	}
}

func TestStateDegradedAndCooldown(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		lowest   int // the lowest Remaining reported before the 429
		degraded bool
		pace     int
	}{
		{"degraded: refused at 20 of 30", 20, true, 10},
		{"the window's end: refused at 0", 0, false, 30},
		{"answers out of order: refused at 2", 2, false, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var s State
			w := time.Second
			for i, rem := 0, 29; rem >= tc.lowest; i, rem = i+1, rem-1 {
				s.Take(Take{Now: at(i), Window: w, Limit: 30, ID: "ok"})
				s.Report(Report{Now: at(i), Window: w, Status: 200, Limit: 30, Remaining: rem})
			}
			s.Take(Take{Now: at(100), Window: w, Limit: 30, ID: "refused"})
			s.Report(Report{Now: at(100), Window: w, ID: "refused", Status: 429, Limit: 30, Remaining: 0, Pause: 900 * time.Millisecond})
			got := s.Take(Take{Now: at(200), Window: w, Limit: 30})
			if got.OK || got.Wait != 800*time.Millisecond {
				t.Errorf("take in the cooldown: got %+v; want a wait of 800ms", got)
			}
			got = s.Take(Take{Now: at(1200), Window: w, Limit: 30})
			if got.Degraded != tc.degraded || got.Pace != tc.pace {
				t.Errorf("after the cooldown: got degraded %v, pace %d; want %v, %d", got.Degraded, got.Pace, tc.degraded, tc.pace)
			}
			for _, m := range s.Grants {
				if m.ID == "refused" {
					t.Errorf("the refused request still counts in the window")
				}
			}
			if tc.degraded {
				got = s.Take(Take{Now: at(11_200), Window: w, Limit: 30})
				if got.Degraded || got.Pace != 30 {
					t.Errorf("ten windows later: got degraded %v, pace %d; want the full limit again", got.Degraded, got.Pace)
				}
			}
		})
	}
}

func TestStateOutage(t *testing.T) {
	t.Parallel()
	var s State
	w := time.Second
	s.Report(Report{Now: at(0), Window: w, Status: 403, Off: 3 * time.Second, OffMsg: "disabled", Limit: -1, Remaining: -1})
	got := s.Take(Take{Now: at(1000), Window: w, Limit: 30})
	if got.OK || got.Off != 2*time.Second || got.OffMsg != "disabled" {
		t.Fatalf("take during the outage: got %+v; want 2s of outage left", got)
	}
	if got := s.Take(Take{Now: at(3000), Window: w, Limit: 30}); !got.OK {
		t.Fatalf("take after the outage: got %+v; want a grant", got)
	}
}

func TestStateShare(t *testing.T) {
	t.Parallel()
	var s State
	n := 0
	for ms := 0; ms < 1000; ms++ {
		if s.Take(Take{Now: at(ms), Window: time.Second, Limit: 30, Share: 0.25}).OK {
			n++
		}
	}
	if n != 7 {
		t.Errorf("a quarter share of 30 granted %d in a window; want 7", n)
	}
}

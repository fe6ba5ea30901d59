package limits

import (
	"testing"
	"time"
)

// step is one request of a limiter script: at an offset from t0, whether it
// is allowed and, when refused, the Retry-After and Reset offset expected.
type step struct {
	at         time.Duration
	allowed    bool
	retryAfter int
	reset      time.Duration
}

func runSteps(t *testing.T, l *Limiter, clk *clock, steps []step) {
	t.Helper()
	for i, st := range steps {
		clk.Set(t0.Add(st.at))
		d := l.Take("k")
		if d.Allowed != st.allowed {
			t.Fatalf("step %d at +%v: got allowed %v; want %v", i, st.at, d.Allowed, st.allowed)
		}
		if st.allowed {
			continue
		}
		if d.RetryAfter != st.retryAfter || !d.Reset.Equal(t0.Add(st.reset)) {
			t.Errorf("step %d at +%v: got Retry-After %d, Reset +%v; want %d, +%v",
				i, st.at, d.RetryAfter, d.Reset.Sub(t0), st.retryAfter, st.reset)
		}
		if floor := clk.Now().Unix(); floor+int64(d.RetryAfter) != d.Reset.Unix() {
			t.Errorf("step %d: floor(now) %d + Retry-After %d != Reset %d", i, floor, d.RetryAfter, d.Reset.Unix())
		}
	}
}

// TestLimiterTimeout checks AniList's timeout after going over: refusals
// last Timeout from the first refused request, past the window's end, and
// a fresh window opens after it.
func TestLimiterTimeout(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0}
	l := &Limiter{Limit: 2, Window: time.Minute, Timeout: time.Minute, Now: clk.Now}
	runSteps(t, l, clk, []step{
		{0, true, 0, 0},
		{10 * time.Second, true, 0, 0},
		{50 * time.Second, false, 60, 110 * time.Second}, // over: the timeout starts now
		{70 * time.Second, false, 40, 110 * time.Second}, // the window has ended, the timeout has not
		{109*time.Second + 500*time.Millisecond, false, 1, 110 * time.Second},
		{110 * time.Second, true, 0, 0}, // a fresh window
		{111 * time.Second, true, 0, 0},
		{112 * time.Second, false, 60, 172 * time.Second},
	})
}

// TestLimiterTimeoutOneWindow is the fleet tests' setting: 30 requests per
// 1 s window and a 1 s timeout, so a client that overshoots loses one
// window, not a minute.
func TestLimiterTimeoutOneWindow(t *testing.T) {
	t.Parallel()
	clk := &clock{now: t0}
	l := &Limiter{Limit: 30, Window: time.Second, Timeout: time.Second, Now: clk.Now}
	for range 30 {
		if d := l.Take("k"); !d.Allowed {
			t.Fatal("refused within the limit")
		}
	}
	runSteps(t, l, clk, []step{
		{500 * time.Millisecond, false, 1, time.Second},
		{time.Second, true, 0, 0},
	})
}

// TestLimiterBurst checks the burst limiter on top of the window.
func TestLimiterBurst(t *testing.T) {
	t.Parallel()
	t.Run("with a timeout", func(t *testing.T) {
		t.Parallel()
		clk := &clock{now: t0}
		l := &Limiter{Limit: 90, Burst: 2, BurstWindow: time.Second, Timeout: 5 * time.Second, Now: clk.Now}
		runSteps(t, l, clk, []step{
			{0, true, 0, 0},
			{100 * time.Millisecond, true, 0, 0},
			{200 * time.Millisecond, false, 5, 5 * time.Second}, // third in one second
			{3 * time.Second, false, 2, 5 * time.Second},
			{5 * time.Second, true, 0, 0},
		})
	})
	t.Run("without a timeout", func(t *testing.T) {
		t.Parallel()
		clk := &clock{now: t0}
		l := &Limiter{Limit: 90, Burst: 2, Now: clk.Now}
		runSteps(t, l, clk, []step{
			{0, true, 0, 0},
			{0, true, 0, 0},
			{900 * time.Millisecond, false, 1, time.Second},
			{time.Second, true, 0, 0},
			{1500 * time.Millisecond, true, 0, 0},
		})
		clk.Set(t0.Add(2 * time.Second))
		if d := l.Take("k"); !d.Allowed || d.Remaining != 85 {
			t.Errorf("fifth allowed request: got allowed %v, Remaining %d; want true, 85 (refusals are not counted)", d.Allowed, d.Remaining)
		}
	})
}

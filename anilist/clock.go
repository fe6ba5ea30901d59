package anilist

import (
	"context"
	"math/rand/v2"
	"time"
)

// clock is the time source of a Client; tests replace it to make waits
// instant and deterministic.
type clock interface {
	Now() time.Time
	// SleepUntil waits until t or until ctx is done, whichever comes first.
	SleepUntil(ctx context.Context, t time.Time) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) SleepUntil(ctx context.Context, until time.Time) error {
	d := time.Until(until)
	if d <= 0 {
		return context.Cause(ctx)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// backoff returns the jittered exponential delay before retry number n
// (1-based): a random duration in [d/2, d] with d = base·2^(n-1) capped at max.
func backoff(n int, base, max time.Duration) time.Duration {
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// exceedsDeadline reports whether waiting d from now would pass ctx's
// deadline.
func exceedsDeadline(ctx context.Context, now time.Time, d time.Duration) bool {
	dl, ok := ctx.Deadline()
	return ok && now.Add(d).After(dl)
}

// sleepOrWake waits until t, until wake is closed (a nil wake never is) or
// until ctx is done. Only the last is an error.
func sleepOrWake(ctx context.Context, c clock, t time.Time, wake <-chan struct{}) error {
	if wake == nil {
		return c.SleepUntil(ctx, t)
	}
	sleep, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		select {
		case <-wake:
			stop()
		case <-sleep.Done():
		}
	}()
	if err := c.SleepUntil(sleep, t); err != nil && ctx.Err() != nil {
		return err
	}
	return nil
}

package redisstore_test

import (
	"testing"
	"time"

	"github.com/anigql/anigql/anilist/budget"
	"github.com/anigql/anigql/redisstore"
)

func TestStoreOnRedis(t *testing.T) {
	t.Parallel()
	srv := startRedis(t)
	s, err := redisstore.NewStore(srv.client(t), "test:"+t.Name())
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	take := budget.Take{Window: 10 * time.Second, Limit: 3}
	for i := range 3 {
		take.ID = string(rune('a' + i))
		got, err := s.Take(ctx, take)
		if err != nil || !got.OK || got.Limit != 3 || got.Pace != 3 {
			t.Fatalf("take %d: got %+v, %v; want a grant at limit 3", i+1, got, err)
		}
	}
	got, err := s.Take(ctx, take)
	if err != nil || got.OK || got.Wait <= 10*time.Second || got.Wait > 10250*time.Millisecond {
		t.Fatalf("fourth take: got %+v, %v; want a wait of about 10.25s (the window and its margin)", got, err)
	}
	// A 429 gives its place back and starts a cooldown for everyone.
	rep := budget.Report{Window: take.Window, ID: "c", Status: 429, Limit: 3, Remaining: 0, Pause: 5 * time.Second}
	if err := s.Report(ctx, rep); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Take(ctx, take)
	if got.OK || got.Wait <= 4*time.Second || got.Wait > 5*time.Second {
		t.Fatalf("take in the cooldown: got %+v; want a wait of about 5s", got)
	}
	// Outage mode wins over the cooldown, with the 403's message.
	rep = budget.Report{Window: take.Window, ID: "d", Status: 403, Limit: -1, Remaining: -1, Off: time.Minute, OffMsg: "disabled"}
	if err := s.Report(ctx, rep); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Take(ctx, take)
	if got.Off <= 59*time.Second || got.OffMsg != "disabled" {
		t.Fatalf("take in an outage: got %+v; want a minute of outage mode", got)
	}
}

func TestStoreDegradedOnRedis(t *testing.T) {
	t.Parallel()
	srv := startRedis(t)
	s, _ := redisstore.NewStore(srv.client(t), "test:"+t.Name())
	ctx := t.Context()
	w := 10 * time.Second
	for rem := 29; rem >= 20; rem-- {
		id := "ok" + string(rune('a'+rem))
		if got, err := s.Take(ctx, budget.Take{Window: w, Limit: 30, ID: id}); err != nil || !got.OK {
			t.Fatalf("take: %+v, %v", got, err)
		}
		if err := s.Report(ctx, budget.Report{Window: w, ID: id, Status: 200, Limit: 30, Remaining: rem}); err != nil {
			t.Fatal(err)
		}
	}
	s.Take(ctx, budget.Take{Window: w, Limit: 30, ID: "refused"})
	if err := s.Report(ctx, budget.Report{Window: w, ID: "refused", Status: 429, Limit: 30, Remaining: 0, Pause: time.Second}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Take(ctx, budget.Take{Window: w, Limit: 30, ID: "next"})
	if !got.Degraded || got.Pace != 10 || got.OK {
		t.Errorf("after a 429 at Remaining 20 of 30: got %+v; want degraded at 10, in the cooldown", got)
	}
}

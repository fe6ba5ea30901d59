package anilist_test

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

// Run the cache benchmarks with
//
//	go test ./anilist -run '^$' -bench 'Cache' -benchtime 1x -count 1  # the workload
//	go test ./anilist -run '^$' -bench 'CacheHit' -count 6
//
// BenchmarkCacheHit compares one MediaByID call answered from a
// MemoryCache with the same call over loopback: to a server that sends a
// fixed answer (the round trip and the decode only) and to the emulator
// (which also parses, validates and executes the query, as AniList does);
// then the same for a page of notifications, a union list.

func BenchmarkCacheHit(b *testing.B) {
	r := newCacheRig(b, nil)
	ctx := anilist.WithFetchPolicy(b.Context(), anilist.CacheFirst)
	run := func(b *testing.B, c *anilist.Client, policy anilist.FetchPolicy) {
		ctx := anilist.WithFetchPolicy(b.Context(), policy)
		b.ReportAllocs()
		for b.Loop() {
			d, err := generated.MediaByID(ctx, c, bebop, nil)
			if err != nil || d.Media.Id != bebop {
				b.Fatal(d, err)
			}
		}
	}
	cached := r.client(b, "", anilist.Options{DisableRateLimit: true})
	if _, err := generated.MediaByID(ctx, cached, bebop, nil); err != nil {
		b.Fatal(err)
	}
	b.Run("hit", func(b *testing.B) { run(b, cached, anilist.CacheFirst) })
	b.Run("loopback_emulator", func(b *testing.B) { run(b, cached, anilist.NetworkOnly) })
	// The emulator's answer, served as fixed bytes.
	fixed := serve(b, r.body(b))
	b.Run("loopback_fixed", func(b *testing.B) { run(b, newLocalClient(b, fixed), anilist.NetworkOnly) })

	// A union list: the viewer's latest notifications, of several types.
	viewer := r.client(b, r.srv.ViewerToken(), anilist.Options{DisableRateLimit: true})
	per := 50
	notifications := func(b *testing.B, policy anilist.FetchPolicy) {
		ctx := anilist.WithFetchPolicy(b.Context(), policy)
		b.ReportAllocs()
		for b.Loop() {
			d, err := generated.Notifications(ctx, viewer, nil, &per, nil, nil)
			if err != nil || len(d.Page.Notifications) < 10 {
				b.Fatal(d, err)
			}
			b.ReportMetric(float64(len(d.Page.Notifications)), "items")
		}
	}
	b.Run("notifications_hit", func(b *testing.B) { notifications(b, anilist.CacheFirst) })
	b.Run("notifications_loopback_emulator", func(b *testing.B) { notifications(b, anilist.NetworkOnly) })
}

// BenchmarkCacheWorkload makes 1,000 MediaByID lookups over 100 distinct
// ids, from 8 goroutines, against the emulator limited to 30 requests per
// 1 s window, with and without the cache, and reports the calls answered
// per window. It takes about 40 s: run it with -benchtime 1x.
func BenchmarkCacheWorkload(b *testing.B) {
	const lookups, distinct, workers = 1000, 100, 8
	known := anilisttest.NewUnstartedServer()
	var pool []int // the first ids the emulator has
	for id := 1; len(pool) < distinct; id++ {
		if known.Get("Media", id) != nil {
			pool = append(pool, id)
		}
	}
	ids := make([]int, lookups)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range ids {
		ids[i] = pool[rng.IntN(distinct)]
	}
	for _, cached := range []bool{false, true} {
		name := "nocache"
		if cached {
			name = "cache"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				r := newCacheRig(b, func(s *anilisttest.Server) { s.RateLimit, s.RateWindow = 30, time.Second })
				opts := anilist.Options{RateWindow: time.Second, RateLimit: 30, CachePolicy: anilist.CacheFirst, MaxRateLimitRetries: 100}
				c := r.client(b, "", opts)
				if !cached {
					c = r.uncached(b, opts)
				}
				var next atomic.Int64
				var failed atomic.Int64
				start := time.Now()
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for i := next.Add(1) - 1; i < lookups; i = next.Add(1) - 1 {
							if _, err := generated.MediaByID(b.Context(), c, ids[i], nil); err != nil {
								if failed.Add(1) == 1 {
									b.Log(err)
								}
							}
						}
					})
				}
				wg.Wait()
				windows := time.Since(start).Seconds()
				b.ReportMetric(lookups/windows, "calls/window")
				b.ReportMetric(float64(r.requests()), "requests")
				b.ReportMetric(float64(failed.Load()), "failed")
			}
		})
	}
}

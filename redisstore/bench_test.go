package redisstore_test

import (
	"testing"
	"time"

	"github.com/anigql/anigql/redisstore"
)

// BenchmarkAcquire measures one Acquire: one EVALSHA round trip to a real
// redis-server on loopback. Compare it with BenchmarkCall in package
// anilist (one whole call to a loopback server):
//
//	go test ./redisstore -run '^$' -bench Acquire -benchmem
func BenchmarkAcquire(b *testing.B) {
	srv := startRedis(b)
	bud, err := redisstore.NewBudget(srv.client(b), "bench", redisstore.WithWindow(time.Second),
		redisstore.WithLimit(1<<30), redisstore.WithBurst())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		g, err := bud.Acquire(b.Context())
		if err != nil || !g.OK {
			b.Fatalf("got %+v, %v; want a grant", g, err)
		}
	}
}

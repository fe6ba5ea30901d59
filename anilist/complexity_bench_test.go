package anilist_test

import (
	"testing"

	"github.com/anigql/anigql/cost"
	"github.com/anigql/anigql/generated"
)

// BenchmarkComplexity measures the estimate every request pays before it
// is sent (Options.MaxComplexity), on the largest operation in queries/
// (Notifications: 3,419 bytes, worst case 291). "cached" is what a client
// pays from the second request of an operation on: the parse and, for an
// operation whose cost does not depend on its variables, the result are
// cached per query text. "first" is the first request: parse, validate
// and score. Compare with BenchmarkCall/anigql, one loopback call:
//
//	go test ./anilist -run '^$' -bench 'Complexity|Call/anigql' -benchmem -count 5
func BenchmarkComplexity(b *testing.B) {
	query := generated.Notifications_Operation
	vars := func() (map[string]any, error) { return map[string]any{"page": 1, "perPage": 50}, nil }
	b.Run("cached", func(b *testing.B) {
		m, err := cost.Default()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if r, err := m.ScoreFunc(query, "Notifications", vars); err != nil || r.Cost == 0 {
				b.Fatal(r.Cost, err)
			}
		}
	})
	b.Run("first", func(b *testing.B) {
		base, err := cost.Default()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			m := cost.New(base.Schema(), cost.AniList)
			if r, err := m.ScoreFunc(query, "Notifications", vars); err != nil || r.Cost == 0 {
				b.Fatal(r.Cost, err)
			}
		}
	})
}

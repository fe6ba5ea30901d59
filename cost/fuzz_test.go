package cost_test

import (
	"testing"

	"github.com/anigql/anigql/cost"
)

// FuzzScore feeds arbitrary documents and variables to the scorer, which
// must never panic: the emulator and the client score whatever they are
// given. Run it with
//
//	go test ./cost -run '^$' -fuzz FuzzScore -fuzztime 30s
func FuzzScore(f *testing.F) {
	f.Add(`{ Media(id: 1) { id title { romaji } } }`, true)
	f.Add(aliasedMedia(3, mediaCard35), false)
	f.Add(schedule(2), true)
	f.Add(saberr(2), false)
	f.Add(`query ($x: Boolean!) { Media(id: 1) { id @include(if: $x) ...F } } fragment F on Media { ...F }`, true)
	f.Add(`{ Staff(id: 1) { characters { edges { node { media { edges { node { id } } } } } } } }`, false)
	m, err := modelOrErr()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query string, x bool) {
		vars := map[string]any{"x": x, "mediaId0": 1}
		r, err := m.Score(query, "", vars)
		if err == nil && r.Cost < 0 {
			t.Errorf("negative cost %d", r.Cost)
		}
		if w, err := m.WorstCase(query, ""); err == nil && w.Cost < r.Cost {
			t.Errorf("worst case %d below a given case %d", w.Cost, r.Cost)
		}
	})
}

// FuzzParseMessage feeds arbitrary error text to the parser of AniList's
// complexity message, which reads what a server sends. Run it with
//
//	go test ./cost -run '^$' -fuzz FuzzParseMessage -fuzztime 30s
func FuzzParseMessage(f *testing.F) {
	f.Add("Max query complexity should be 500 but got 525.")
	f.Add("Bad request: Max query complexity should be 500 but got 646.")
	f.Add("Max query complexity should be 99999999999999999999 but got 1.")
	f.Add("validation")
	f.Fuzz(func(t *testing.T, s string) {
		limit, got, ok := cost.ParseMessage(s)
		if !ok {
			return
		}
		if limit < 0 || got < 0 {
			t.Errorf("ParseMessage(%q) = %d, %d", s, limit, got)
		}
		if l, g, ok := cost.ParseMessage(cost.Message(limit, got)); !ok || l != limit || g != got {
			t.Errorf("round trip of %d, %d: %d, %d, %v", limit, got, l, g, ok)
		}
	})
}

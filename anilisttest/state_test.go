package anilisttest_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anigql/anigql/anilisttest"
)

// TestStateRoundTrip changes the dataset through every kind of mutation the
// CLI and common apps send, saves the state, loads it into a fresh server
// and requires both to answer the same queries byte for byte; a fresh
// server without the state must answer differently, so the test cannot pass
// by accident.
func TestStateRoundTrip(t *testing.T) {
	t.Parallel()
	srv := anilisttest.NewServer()
	defer srv.Close()
	for _, m := range []string{
		`mutation { SaveMediaListEntry(mediaId: 154587, progress: 3, score: 9.5, status: CURRENT) { id } }`,
		`mutation { SaveMediaListEntry(mediaId: 1, status: PLANNING) { id } }`,
		`mutation { ToggleFavourite(animeId: 154587) { anime { nodes { id } } } }`,
		`mutation { SaveTextActivity(text: "kept between runs") { id } }`,
		`mutation { ToggleFollow(userId: 2) { id } }`,
	} {
		if body := gql(srv, m); strings.Contains(body, `"errors"`) {
			t.Fatalf("%s: %s", m, body)
		}
	}
	queries := []string{
		`{ MediaList(mediaId: 154587, userId: 1) { status progress score updatedAt } }`,
		`{ MediaList(mediaId: 1, userId: 1) { id status } }`,
		`{ Viewer { favourites { anime { nodes { id } } } } }`,
		`{ Page { activities(userId: 1, sort: ID_DESC) { ... on TextActivity { id text } } } }`,
		`{ Page { following(userId: 1) { id } } }`,
		`{ MediaListCollection(userId: 1, type: ANIME) { lists { name entries { id progress } } } }`,
	}
	var state bytes.Buffer
	if err := srv.SaveState(&state); err != nil {
		t.Fatal(err)
	}
	if state.Len() > 64<<10 {
		t.Errorf("state is %d bytes; want it small (only what changed)", state.Len())
	}
	saved := state.String()

	restored := anilisttest.NewServer()
	defer restored.Close()
	if err := restored.LoadState(strings.NewReader(saved)); err != nil {
		t.Fatal(err)
	}
	fresh := anilisttest.NewServer()
	defer fresh.Close()
	differ := 0
	for _, q := range queries {
		want := gql(srv, q)
		if diff := cmp.Diff(want, gql(restored, q)); diff != "" {
			t.Errorf("%s after LoadState (-saved +restored):\n%s", q, diff)
		}
		if gql(fresh, q) != want {
			differ++
		}
	}
	if differ != len(queries) {
		t.Errorf("%d of %d queries differ on a fresh server; want all (the mutations changed nothing?)", differ, len(queries))
	}

	// saving the restored server gives the same state
	var again bytes.Buffer
	if err := restored.SaveState(&again); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(saved, again.String()); diff != "" {
		t.Errorf("state of the restored server (-first +second):\n%s", diff)
	}
}

func TestLoadStateRejectsBadInput(t *testing.T) {
	t.Parallel()
	srv := anilisttest.NewUnstartedServer()
	for _, in := range []string{``, `{"version":99}`, `{"version":1,"tables":{"MediaList":{"x":{}}}}`, `{"version":1,"tables":{"MediaList":{"1":{"set":{"progress":{}}}}}}`} {
		if err := srv.LoadState(strings.NewReader(in)); err == nil {
			t.Errorf("LoadState(%q) = nil; want an error", in)
		}
	}
}

package data_test

import (
	"testing"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/emu/data"
	"github.com/anigql/anigql/internal/emu/exec"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

func newStore(t *testing.T) *data.Store {
	t.Helper()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	return data.New(schema, 1)
}

// TestDatasetSize checks the generated dataset has the documented size.
func TestDatasetSize(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	want := map[string]int{
		data.MediaTable: 1020, data.CharacterTable: 401, data.StaffTable: 200, data.StudioTable: 30,
		data.UserTable: 50, data.ActivityTable: 155, data.ReplyTable: 60, data.NotificationTable: 22,
		data.ReviewTable: 60, data.ThreadTable: 20, data.CommentTable: 60,
	}
	got := map[string]int{}
	for table := range want {
		got[table] = s.Count(table)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("table sizes (-want +got):\n%s", diff)
	}
	if n := s.Count(data.MediaListTable); n < 2000 {
		t.Errorf("got %d list entries; want at least 2000", n)
	}
}

// TestDeterministic checks one seed always builds the same records.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, b := newStore(t), newStore(t)
	for _, id := range []int{1, 154587, 100001, 100500, 200100} {
		if diff := cmp.Diff(a.Get(data.MediaTable, id), b.Get(data.MediaTable, id), cmp.AllowUnexported()); diff != "" {
			t.Errorf("media %d differs between two builds:\n%.500s", id, diff)
		}
	}
	if diff := cmp.Diff(a.Get(data.MediaListTable, 300), b.Get(data.MediaListTable, 300)); diff != "" {
		t.Errorf("list entry 300 differs:\n%s", diff)
	}
}

// TestFrieren checks the facts the CLI's offline search relies on.
func TestFrieren(t *testing.T) {
	t.Parallel()
	m := newStore(t).Get(data.MediaTable, 154587)
	got := map[string]any{"title": m["title"], "type": m["type"], "format": m["format"],
		"episodes": m["episodes"], "season": m["season"], "seasonYear": m["seasonYear"]}
	want := map[string]any{
		"title": map[string]any{"romaji": "Sousou no Frieren", "english": "Frieren: Beyond Journey's End",
			"native": "葬送のフリーレン", "userPreferred": "Sousou no Frieren"},
		"type": "ANIME", "format": "TV", "episodes": 28, "season": "FALL", "seasonYear": 2023,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Frieren (-want +got):\n%s", diff)
	}
}

// TestEveryRootSupported checks the emulator answers every root field of
// the committed schema; a root added by a schema update shows up here.
func TestEveryRootSupported(t *testing.T) {
	t.Parallel()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	if got := data.UnsupportedRoots(schema); len(got) > 0 {
		t.Errorf("got unsupported roots %v; want none", got)
	}
}

// TestUnsupportedRoot checks a root the emulator does not know answers an
// error naming it.
func TestUnsupportedRoot(t *testing.T) {
	t.Parallel()
	schema, err := gqlparser.LoadSchema(&ast.Source{Input: "type Query { Brand: Int New: Int }"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Query.Brand", "Query.New"}, data.UnsupportedRoots(schema)); diff != "" {
		t.Errorf("unsupported roots (-want +got):\n%s", diff)
	}
	e := &exec.Executor{Schema: schema, Resolvers: data.Resolvers(data.New(schema, 1), schema)}
	resp := e.Execute(t.Context(), exec.Request{Query: "{ Brand }"})
	want := `{"errors":[{"message":"anilisttest: Query.Brand is not supported by the emulator","status":400,"locations":[{"line":1,"column":3}]}],"data":{"Brand":null}}`
	if got := string(resp.JSON()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

package cost_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/anigql/anigql/cost"
)

// TestRules holds the webonyx rules one by one.
func TestRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  int
	}{
		{"leaf costs 1, object 1 + children", `{ Media(id: 1) { id title { romaji } } }`, nil, 4},
		{"aliases each count", `{ a: Media(id: 1) { id } b: Media(id: 2) { id } }`, nil, 4},
		{"__typename costs 1", `{ Media(id: 1) { __typename id } }`, nil, 3},
		{"list size does not multiply", `{ Page(perPage: 50) { media { id } } }`, nil, 3},
		{"fragment expanded", `query { Media(id: 1) { ...F } } fragment F on Media { id idMal }`, nil, 3},
		{"fragment spread twice counts twice", `query { Media(id: 1) { ...F ...F } } fragment F on Media { id }`, nil, 3},
		{"nested fragments", `query { Media(id: 1) { ...F } } fragment F on Media { id ...G } fragment G on Media { idMal }`, nil, 3},
		{"union branches are summed, not maxed (5)", `{ Page { activities { ... on TextActivity { id text } ... on ListActivity { id status progress } } } }`, nil, 7},
		{"@include(if: false) drops the field", `{ Media(id: 1) { id idMal @include(if: false) } }`, nil, 2},
		{"@skip(if: true) drops the field and its selection", `{ Media(id: 1) { id title @skip(if: true) { romaji } } }`, nil, 2},
		{"@include from a variable", `query ($x: Boolean!) { Media(id: 1) { id title @include(if: $x) { romaji } } }`, map[string]any{"x": false}, 2},
		{"@include from a variable, true", `query ($x: Boolean!) { Media(id: 1) { id title @include(if: $x) { romaji } } }`, map[string]any{"x": true}, 4},
		{"@skip from a default", `query ($x: Boolean = true) { Media(id: 1) { id idMal @skip(if: $x) } }`, nil, 2},
		{"directive on a fragment spread is ignored", `query { Media(id: 1) { id ...F @skip(if: true) } } fragment F on Media { idMal }`, nil, 3},
		{"directive on an inline fragment is ignored", `query { Media(id: 1) { id ... on Media @include(if: false) { idMal } } }`, nil, 3},
		{"mutation", `mutation { SaveMediaListEntry(mediaId: 1, progress: 2) { id progress } }`, nil, 3},
	}
	m := model(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := m.Score(tt.query, "", tt.vars)
			if err != nil {
				t.Fatal(err)
			}
			if r.Cost != tt.want {
				t.Errorf("cost = %d; want %d", r.Cost, tt.want)
			}
		})
	}
}

// TestWorstCase binds unset variables the costly way.
func TestWorstCase(t *testing.T) {
	t.Parallel()
	m := model(t)
	q := `query Q($a: Boolean!, $b: Boolean = true) { Media(id: 1) { id idMal @include(if: $a) format @skip(if: $b) } }`
	r, err := m.WorstCase(q, "Q")
	if err != nil {
		t.Fatal(err)
	}
	if r.Cost != 4 || r.Op != "Q" {
		t.Errorf("WorstCase = %d for %q; want 4 for Q", r.Cost, r.Op)
	}
	given, err := m.Score(q, "Q", map[string]any{"a": false})
	if err != nil {
		t.Fatal(err)
	}
	if given.Cost != 2 {
		t.Errorf("Score with a=false, b=true = %d; want 2", given.Cost)
	}
}

// TestTableRule gives a field a rule that weighs its arguments.
func TestTableRule(t *testing.T) {
	t.Parallel()
	base := model(t)
	perItem := cost.Table{"Query.Page": func(children int, args map[string]any) int {
		n, _ := args["perPage"].(int64)
		if i, ok := args["perPage"].(int); ok {
			n = int64(i)
		}
		return 1 + children*int(n)
	}}
	m := cost.New(base.Schema(), perItem)
	q := `query P($n: Int) { Page(perPage: $n) { media { id } } }`
	r, err := m.Score(q, "P", map[string]any{"n": 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.Cost != 1+2*3 {
		t.Errorf("Score(n=3) = %d; want 7", r.Cost)
	}
	w, err := m.WorstCase(q, "P")
	if err != nil {
		t.Fatal(err)
	}
	if w.Cost != 1+2*50 {
		t.Errorf("WorstCase = %d; want 101 (perPage at its bound, 50)", w.Cost)
	}
}

// TestTop lists the biggest contributors below the chain of majorities.
func TestTop(t *testing.T) {
	t.Parallel()
	m := model(t)
	r, err := m.Score(`{ Page { pageInfo { hasNextPage } media { id title { romaji english native } characters { nodes { id name { full } } } } } }`, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range r.Top {
		got = append(got, c.String())
	}
	want := []string{"Page.media.characters 5", "Page.media.title 4", "Page.media.id 1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Top (-want +got):\n%s", diff)
	}
	if r.Top[0].Position == nil || r.Top[0].Position.Line != 1 {
		t.Errorf("Top[0].Position = %+v; want line 1", r.Top[0].Position)
	}
	union, err := m.Score(`{ Page { activities { ... on TextActivity { id user { id name } } ... on ListActivity { id status } } } }`, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(union.Top) == 0 || union.Top[0].Path != "Page.activities[TextActivity].user" || union.Top[1].Path != "Page.activities[TextActivity].id" {
		t.Errorf("union Top = %v; want the branches named", union.Top)
	}
	batch, err := m.Score(aliasedMedia(15, mediaCard35), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(batch.Top) != 3 || batch.Top[0].Path != "a0" || batch.Top[0].Cost != 35 {
		t.Errorf("alias batch Top = %v; want a0 35 first of 3", batch.Top)
	}
}

// TestFailure finds the nestings AniList answers with HTTP 500.
func TestFailure(t *testing.T) {
	t.Parallel()
	m := model(t)
	deep := `query GetStaffCharacters($id: Int!) { Staff(id: $id) { characters(perPage: 5) { ...StaffCharacters } } }
fragment StaffCharacters on CharacterConnection { edges { node { name { first } media(perPage: 25) { pageInfo { total } edges { characterRole node { id } } } } } }`
	r, err := m.Score(deep, "", map[string]any{"id": 1})
	if err != nil {
		t.Fatal(err)
	}
	want := &cost.Failure{Path: "Staff.characters.edges.node.media.edges.node", Root: "Staff",
		Pattern: "Staff.characters.edges.node.media.edges.node", Source: "AniList/docs#132"}
	if diff := cmp.Diff(want, r.Failure, cmpIgnorePos); diff != "" {
		t.Errorf("Failure (-want +got):\n%s", diff)
	}
	fine, err := m.Score(`{ Staff(id: 1) { characters { nodes { media { nodes { id } } } } } }`, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if fine.Failure != nil {
		t.Errorf("nodes instead of edges: Failure = %+v; want nil", fine.Failure)
	}
}

var cmpIgnorePos = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Position" }, cmp.Ignore())

// TestInvalid reports what AniList would reject before scoring.
func TestInvalid(t *testing.T) {
	t.Parallel()
	m := model(t)
	for _, q := range []string{`{ Media { nope } }`, `{`, `query A { Viewer { id } } query B { Viewer { id } }`} {
		if _, err := m.Score(q, "", nil); !errors.Is(err, cost.ErrInvalid) {
			t.Errorf("Score(%q) error = %v; want ErrInvalid", q, err)
		}
	}
	if _, err := m.Score(`query ($x: Boolean!) { Media(id: 1) { id @include(if: $x) } }`, "", nil); !errors.Is(err, cost.ErrInvalid) {
		t.Errorf("missing required variable: error = %v; want ErrInvalid", err)
	}
}

// TestScoreFuncLazy asks for the variables only when they matter, and
// caches results that do not depend on them.
func TestScoreFuncLazy(t *testing.T) {
	t.Parallel()
	m := model(t)
	calls := 0
	vars := func() (map[string]any, error) { calls++; return map[string]any{"x": true}, nil }
	static := `query S($id: Int) { Media(id: $id) { id } }`
	for range 2 {
		if r, err := m.ScoreFunc(static, "S", vars); err != nil || r.Cost != 2 {
			t.Fatalf("static: %d, %v; want 2", r.Cost, err)
		}
	}
	if calls != 0 {
		t.Errorf("static operation asked for its variables %d times; want 0", calls)
	}
	dynamic := `query D($x: Boolean!) { Media(id: 1) { id idMal @include(if: $x) } }`
	for range 2 {
		if r, err := m.ScoreFunc(dynamic, "D", vars); err != nil || r.Cost != 3 {
			t.Fatalf("dynamic: %d, %v; want 3", r.Cost, err)
		}
	}
	if calls != 2 {
		t.Errorf("dynamic operation asked for its variables %d times over 2 scores; want 2", calls)
	}
}

// TestMessage round-trips AniList's message.
func TestMessage(t *testing.T) {
	t.Parallel()
	msg := cost.Message(500, 525)
	if msg != "Max query complexity should be 500 but got 525." {
		t.Errorf("Message = %q", msg)
	}
	for _, s := range []string{msg, "Bad request: " + msg, "anilist: Q: HTTP 400: anilist: " + msg + " (status 400)"} {
		if l, g, ok := cost.ParseMessage(s); !ok || l != 500 || g != 525 {
			t.Errorf("ParseMessage(%q) = %d, %d, %v", s, l, g, ok)
		}
	}
	if _, _, ok := cost.ParseMessage("Max query complexity should be many"); ok {
		t.Error("ParseMessage accepted a message without numbers")
	}
}

// TestOperation scores a document validated elsewhere, as the linter does.
func TestOperation(t *testing.T) {
	t.Parallel()
	m := model(t)
	r, err := m.Score(`query A { Media(id: 1) { id } } query B { Viewer { id name } }`, "B", nil)
	if err != nil || r.Cost != 3 || r.Op != "B" {
		t.Errorf("Score(B) = %d %q, %v; want 3 B", r.Cost, r.Op, err)
	}
	doc := &ast.QueryDocument{}
	op := &ast.OperationDefinition{Name: "Empty", Operation: ast.Query}
	doc.Operations = append(doc.Operations, op)
	if r, err := m.Operation(doc, op, cost.WorstCase); err != nil || r.Cost != 0 {
		t.Errorf("empty operation: %d, %v", r.Cost, err)
	}
	if !strings.Contains(cost.Message(1, 2), "1") {
		t.Error("Message lost its limit")
	}
}

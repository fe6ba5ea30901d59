package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// aliasBatch is an operation of n aliased Media lookups at 35 each, the
// batch that AniList rejected at fifteen ("got 525").
func aliasBatch(n int) string {
	var b strings.Builder
	b.WriteString(omit + "query Batch {\n")
	for i := range n {
		fmt.Fprintf(&b, "  a%d: Media(id: %d) { id isAdult title { romaji english native } coverImage { extraLarge large } bannerImage description format type status genres episodes averageScore season seasonYear startDate { year month day } nextAiringEpisode { episode airingAt } studios(isMain: true) { edges { isMain node { name } } } trailer { id site } }\n", i, i+1)
	}
	b.WriteString("}\n")
	return b.String()
}

func TestCheckCost(t *testing.T) {
	t.Parallel()
	s := schema(t)
	deep := omit + `query Deep($id: Int) {
  Staff(id: $id) {
    characters { edges { node { id media { edges { node { id } } } } } }
  }
}
`
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"14 aliases fit", aliasBatch(14), nil},
		{"15 aliases are over", aliasBatch(15), []string{"q.graphql:2:1 complexity"}},
		{"deep nesting answers 500", deep, []string{"q.graphql:4:52 server-error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := brief(Check(s, []File{{Name: "q.graphql", Src: tt.src}}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCostFindingText(t *testing.T) {
	t.Parallel()
	fs := Check(schema(t), []File{{Name: "q.graphql", Src: aliasBatch(15)}})
	if len(fs) != 1 {
		t.Fatalf("findings = %v; want 1", fs)
	}
	got := fs[0].String()
	for _, want := range []string{
		"q.graphql:2:1: error: operation Batch can cost 525, over AniList's query complexity limit of 500",
		"(biggest: a0 35, a1 35, a2 35)",
		"at most 14 fit in one request",
		"id_in",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("finding %q lacks %q", got, want)
		}
	}
}

func TestCosts(t *testing.T) {
	t.Parallel()
	files := []File{
		{Name: "a.graphql", Src: omit + "query A { Media(id: 1) { ...F } }\n"},
		{Name: "b.graphql", Src: omit + "fragment F on Media { id title { romaji } }\nquery B($p: Int) { Page(perPage: $p) { pageInfo { hasNextPage } media { id } } }\n"},
	}
	var got []string
	for _, c := range Costs(schema(t), files) {
		got = append(got, fmt.Sprintf("%s:%d:%d %s %d %v", c.File, c.Line, c.Col, c.Op, c.Cost, c.Top))
	}
	want := []string{
		"a.graphql:2:1 A 4 [Media.title 2 Media.id 1]",
		"b.graphql:3:1 B 5 [Page.pageInfo 2 Page.media 2]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Costs (-want +got):\n%s", diff)
	}
}

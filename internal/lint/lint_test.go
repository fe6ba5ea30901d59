package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/anigql/anigql"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"
)

func schema(t testing.TB) *ast.Schema {
	t.Helper()
	s, err := anigql.LoadSchema()
	if err != nil {
		t.Fatalf("LoadSchema: %v", err)
	}
	return s
}

// brief renders findings as "file:line:col rule fixable" for comparison.
func brief(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		fix := ""
		if f.Fixable {
			fix = " fix"
		}
		out = append(out, fmt.Sprintf("%s:%d:%d %s%s", f.File, f.Line, f.Col, f.Rule, fix))
	}
	return out
}

const omit = OmitemptyLine + "\n"

func TestCheck(t *testing.T) {
	t.Parallel()
	s := schema(t)
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"clean", []File{{"a.graphql", omit + "query A($id: Int) { Media(id: $id) { id } }"}}, nil},
		{"anonymous shorthand", []File{{"a.graphql", omit + "{ Viewer { id } }"}},
			[]string{"a.graphql:2:1 anonymous-operation fix"}},
		{"anonymous with keyword", []File{{"a.graphql", omit + "query ($id: Int) { Media(id: $id) { id } }"}},
			[]string{"a.graphql:2:1 anonymous-operation fix"}},
		{"operation named after keyword", []File{{"a.graphql", omit + "query type { Viewer { id } }"}},
			[]string{"a.graphql:2:1 keyword-name"}},
		{"keyword variable", []File{{"a.graphql", omit + "query A($type: MediaType) { Media(type: $type) { id } }"}},
			[]string{"a.graphql:2:9 keyword-variable fix"}},
		{"keyword variable, replacement taken", []File{{"a.graphql", omit + "query A($type: MediaType, $typ: MediaType) { a: Media(type: $type) { id } b: Media(type: $typ) { id } }"}},
			[]string{"a.graphql:2:9 keyword-variable"}},
		{"missing omitempty", []File{{"a.graphql", "# doc\nquery A { Viewer { id } }"}},
			[]string{"a.graphql:2:1 omitempty-policy fix"}},
		{"omitempty false", []File{{"a.graphql", "# @genqlient(omitempty: false)\nquery A { Viewer { id } }"}},
			[]string{"a.graphql:2:1 omitempty-policy"}},
		{"omitempty among other directives", []File{{"a.graphql", "# @genqlient(pointer: true, omitempty: true)\n# doc\nquery A { Viewer { id } }"}}, nil},
		{"non-null variable on the operation's line", []File{{"a.graphql", omit + "query A($id: Int!, $s: String) { Media(id: $id, search: $s) { id } }"}},
			[]string{"a.graphql:2:9 omitempty-policy fix"}},
		{"non-null variable on its own line", []File{{"a.graphql", omit + "query A(\n  $id: Int!\n) { Media(id: $id) { id } }"}}, nil},
		{"non-null variable with default on the operation's line", []File{{"a.graphql", omit + "query A($id: Int! = 1) { Media(id: $id) { id } }"}}, nil},
		{"omitempty separated by blank line", []File{{"a.graphql", omit + "\nquery A { Viewer { id } }"}},
			[]string{"a.graphql:3:1 omitempty-policy fix"}},
		{"identical duplicate fragment", []File{
			{"a.graphql", omit + "query A { Viewer { ...U } }\nfragment U on User { id }"},
			{"b.graphql", omit + "query B { User { ...U } }\n\nfragment U on User {\n  id\n}\n"},
		}, []string{"b.graphql:4:1 duplicate-fragment fix"}},
		{"different duplicate fragment", []File{
			{"a.graphql", omit + "query A { Viewer { ...U } }\nfragment U on User { id }"},
			{"b.graphql", omit + "query B { User { ...U } }\nfragment U on User { name }"},
		}, []string{"b.graphql:3:1 duplicate-fragment"}},
		{"fragment from another file", []File{
			{"a.graphql", omit + "query A { Viewer { ...U } }"},
			{"b.graphql", "fragment U on User { id }"},
		}, nil},
		{"unknown field", []File{{"a.graphql", omit + "query A { Viewer { nope } }"}},
			[]string{"a.graphql:2:20 schema"}},
		{"syntax error", []File{{"a.graphql", "query A { Viewer { id }"}},
			[]string{"a.graphql:1:24 syntax"}},
		{"perPage literal over 50", []File{{"a.graphql", omit + "query A { Page(perPage: 51) { pageInfo { hasNextPage } media { id } } }"}},
			[]string{"a.graphql:2:25 per-page"}},
		{"perPage default over 50", []File{{"a.graphql", omit + "query A($n: Int = 100) { Page(perPage: $n) { pageInfo { hasNextPage } media { id } } }"}},
			[]string{"a.graphql:2:19 per-page"}},
		{"perPage 50 is fine", []File{{"a.graphql", omit + "query A { Page(perPage: 50) { pageInfo { hasNextPage } media { id } } }"}}, nil},
		{"nested perPage over 25", []File{{"a.graphql", omit + "query A { Media { characters(perPage: 26) { nodes { id } } } }"}},
			[]string{"a.graphql:2:39 nested-per-page"}},
		{"two lists in one Page", []File{{"a.graphql", omit + "query A { Page { pageInfo { hasNextPage } media { id } characters { id } } }"}},
			[]string{"a.graphql:2:56 page-fields"}},
		{"Page without hasNextPage", []File{{"a.graphql", omit + "query A { Page { pageInfo { total } media { id } } }"}},
			[]string{"a.graphql:2:11 page-info"}},
		{"Page rules see through fragments", []File{{"a.graphql", omit + "query A { Page { ...P media { id } } }\nfragment P on Page { pageInfo { hasNextPage } }"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := brief(Check(s, tt.files))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindingString(t *testing.T) {
	t.Parallel()
	f := Finding{File: "q.graphql", Line: 3, Col: 7, Rule: RuleKeywordVariable, Severity: Error,
		Message: "variable $type is a Go keyword", Hint: "rename it"}
	want := "q.graphql:3:7: error: variable $type is a Go keyword [keyword-variable] (rename it)"
	if got := f.String(); got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

// TestEveryFindingHasHint: each finding says how to fix it.
func TestEveryFindingHasHint(t *testing.T) {
	t.Parallel()
	files := []File{
		{"a.graphql", "{ Viewer { nope } }\nquery type($type: Int) { Page(perPage: 99) { media { id } characters { id } } }\nfragment U on User { id }\n"},
		{"b.graphql", "fragment U on User { name }\nquery B { Media { characters(perPage: 30) { nodes { id } } } }\n"},
		{"c.graphql", "query {"},
	}
	fs := Check(schema(t), files)
	rules := map[string]bool{}
	for _, f := range fs {
		rules[f.Rule] = true
		if f.Hint == "" {
			t.Errorf("finding without a hint: %v", f)
		}
	}
	if len(rules) < 9 {
		t.Errorf("fixture raised %d rules (%v); want at least 9 to make the test meaningful", len(rules), rules)
	}
}

func TestHasErrors(t *testing.T) {
	t.Parallel()
	if HasErrors([]Finding{{Severity: Warning}}) {
		t.Error("HasErrors(warnings only) = true; want false")
	}
	if !HasErrors([]Finding{{Severity: Warning}, {Severity: Error}}) {
		t.Error("HasErrors(with an error) = false; want true")
	}
}

func TestNameFromFile(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"queries/02_page_media_search.graphql": "PageMediaSearch",
		"media-by id.gql":                      "MediaById",
		"viewer.graphql":                       "Viewer",
		"123.graphql":                          "Operation",
		"日本.graphql":                           "Operation",
	} {
		if got := nameFromFile(in); got != want {
			t.Errorf("nameFromFile(%q) = %q; want %q", in, got, want)
		}
	}
}

func readDir(t *testing.T, dirs ...string) []File {
	t.Helper()
	var files []File
	for _, d := range dirs {
		ms, err := filepath.Glob(filepath.Join("testdata", d, "*.graphql"))
		if err != nil || len(ms) == 0 {
			t.Fatalf("no fixtures in %s: %v", d, err)
		}
		for _, m := range ms {
			b, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, File{Name: filepath.ToSlash(m), Src: string(b)})
		}
	}
	return files
}

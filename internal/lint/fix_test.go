package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func TestFix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in, want []File
	}{
		{
			name: "names shorthand and adds omitempty",
			in:   []File{{"queries/viewer_info.graphql", "# who am I\n{ Viewer { id } }\n"}},
			want: []File{{"queries/viewer_info.graphql", "# who am I\n" + omit + "query ViewerInfo { Viewer { id } }\n"}},
		},
		{
			name: "names keyword form, keeps comments and layout",
			in:   []File{{"media.graphql", "query ($id: Int) { # comment\n  Media (id: $id) { id }\n}\n"}},
			want: []File{{"media.graphql", omit + "query Media ($id: Int) { # comment\n  Media (id: $id) { id }\n}\n"}},
		},
		{
			name: "unique names across files",
			in: []File{
				{"a/media.graphql", omit + "query Media { Viewer { id } }\n"},
				{"b/media.graphql", "  query { Viewer { id } }\n"},
			},
			want: []File{
				{"a/media.graphql", omit + "query Media { Viewer { id } }\n"},
				{"b/media.graphql", "  " + omit + "  query Media2 { Viewer { id } }\n"},
			},
		},
		{
			name: "does not name an operation after a fragment",
			in:   []File{{"titles.graphql", "{ Media { ...Titles } }\nfragment Titles on Media { id }\n"}},
			want: []File{{"titles.graphql", omit + "query Titles2 { Media { ...Titles } }\nfragment Titles on Media { id }\n"}},
		},
		{
			name: "renames keyword variables everywhere, fragments included",
			in: []File{{"l.graphql", omit + "query L($type: MediaType, $s: String) @include(if: true) {\n" +
				"  Page { pageInfo { hasNextPage } media(type: $type, search: $s) { ...F } }\n}\n" +
				"fragment F on Media { relations @include(if: true) { nodes(type: $ type) { id } } }\n"}},
			want: []File{{"l.graphql", omit + "query L($typ: MediaType, $s: String) @include(if: true) {\n" +
				"  Page { pageInfo { hasNextPage } media(type: $typ, search: $s) { ...F } }\n}\n" +
				"fragment F on Media { relations @include(if: true) { nodes(type: $ typ) { id } } }\n"}},
		},
		{
			name: "moves non-null variables off the operation's line",
			in:   []File{{"w.graphql", "# source: elsewhere\nquery W($id: Int!, $page: Int) { Page(page: $page) { pageInfo { hasNextPage } mediaList(userId: $id) { id } } }\n"}},
			want: []File{{"w.graphql", "# source: elsewhere\n" + omit + "query W(\n  $id: Int!, $page: Int) { Page(page: $page) { pageInfo { hasNextPage } mediaList(userId: $id) { id } } }\n"}},
		},
		{
			name: "non-ASCII text before an edit",
			in:   []File{{"q.graphql", "# フリーレン\nquery Q($type: MediaType) { Media(search: \"葬送\", type: $type) { id } }\n"}},
			want: []File{{"q.graphql", "# フリーレン\n" + omit + "query Q($typ: MediaType) { Media(search: \"葬送\", type: $typ) { id } }\n"}},
		},
		{
			name: "keeps the first of identical fragments with its comment",
			in: []File{
				{"a.graphql", omit + "query A { Viewer { ...U } }\n\n# shared\nfragment U on User { id }\n"},
				{"b.graphql", omit + "query B { User { ...U } }\n\n# copied from a\nfragment U on User {\n  id\n}\n\nfragment V on User { name }\n"},
			},
			want: []File{
				{"a.graphql", omit + "query A { Viewer { ...U } }\n\n# shared\nfragment U on User { id }\n"},
				{"b.graphql", omit + "query B { User { ...U } }\n\nfragment V on User { name }\n"},
			},
		},
		{
			name: "leaves different fragments and syntax errors alone",
			in: []File{
				{"a.graphql", omit + "query A { Viewer { ...U } }\nfragment U on User { id }\n"},
				{"b.graphql", omit + "query B { User { ...U } }\nfragment U on User { name }\n"},
				{"c.graphql", "query { Viewer { id }\n"},
			},
			want: []File{
				{"a.graphql", omit + "query A { Viewer { ...U } }\nfragment U on User { id }\n"},
				{"b.graphql", omit + "query B { User { ...U } }\nfragment U on User { name }\n"},
				{"c.graphql", "query { Viewer { id }\n"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, _ := Fix(schema(t), tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Fix (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFixCopiedOperations lints operations in the styles copied from other
// AniList apps (Apollo apps with per-file copies of global fragments, the
// docs' anonymous queries): after Fix nothing is left, and Fix is idempotent.
func TestFixCopiedOperations(t *testing.T) {
	t.Parallel()
	s := schema(t)
	files := readDir(t, "apollo", "docs")
	before := Check(s, files)
	if !HasErrors(before) {
		t.Fatalf("fixtures have no errors before Fix; the test would prove nothing")
	}
	for _, f := range before {
		if !f.Fixable {
			t.Errorf("unfixable finding in fixtures: %v", f)
		}
	}
	fixed, _ := Fix(s, files)
	if got := Check(s, fixed); len(got) != 0 {
		t.Errorf("findings after Fix: %v", got)
	}
	if again, _ := Fix(s, fixed); !cmp.Equal(fixed, again) {
		diff := cmp.Diff(fixed, again)
		t.Errorf("Fix is not idempotent (-once +twice):\n%s", diff)
	}
}

// FuzzFix feeds arbitrary text to the linter's parser entry point. Check and
// Fix must not panic; Fix must keep a parsable file parsable, leave nothing
// it claims to fix (the fixed files re-lint without fixable findings) and
// change nothing when run again.
// Run: go test ./internal/lint -run '^$' -fuzz FuzzFix -fuzztime 30s
func FuzzFix(f *testing.F) {
	for _, seed := range []string{
		"{ Viewer { id } }",
		"query ($type: MediaType) { Media(type: $type) { id } }",
		"query A { Page(perPage: 99) { media { id } characters { id } } }\nfragment U on User { id }\nfragment U on User { id }",
		"# @genqlient(omitempty: true)\nquery Q($t: Int = 3) { Media(id: $t) { characters(perPage: 30) { nodes { id } } } }",
		"fragment F on Media @x(a: {b: 1}) { id }",
		"# フリーレン\nmutation { SaveMediaListEntry(mediaId: 1) { id } }",
		"# docs\r\nquery ($type: MediaType, $id: Int!) {\r\n  Media(id: $id, type: $type) { ...T }\r\n}\r\n\r\n# copy\r\nfragment T on Media { id }\r\n",
		"query ($type: MediaType) { Page { media(type: $type) { ...M } } }\nquery B($type: MediaType, $typ: MediaType) { Media(type: $typ) { ...M } }\nfragment M on Media { relations { nodes(type: $type) { id } } }",
		"{ a: Viewer { id } } { b: Viewer { id } } fragment A on User { id }",
		"query StaffCard { Staff { ...StaffCard } }\nfragment StaffCard on Staff { id }\nquery StaffCardFragment { Viewer { id } }",
		"query MediaSort { Media { ...MediaSort } }\nfragment MediaSort on Media { title { romaji } }\nquery MTitleMediaTitle { Viewer { id } }",
	} {
		f.Add(seed)
	}
	s := schema(f)
	f.Fuzz(func(t *testing.T, src string) {
		files := []File{{"a.graphql", src}, {"b.graphql", src}}
		Check(s, files)
		fixed, _ := Fix(s, files)
		for i, fx := range fixed {
			_, errIn := parser.ParseQuery(&ast.Source{Input: files[i].Src})
			_, errOut := parser.ParseQuery(&ast.Source{Input: fx.Src})
			if errIn == nil && errOut != nil {
				t.Fatalf("Fix broke a parsable file:\n%s\n-->\n%s\n%v", files[i].Src, fx.Src, errOut)
			}
		}
		for _, fd := range Check(s, fixed) {
			if fd.Fixable {
				t.Fatalf("fixable finding left after Fix: %v\n%s\n-->\n%s", fd, src, fixed[0].Src)
			}
		}
		if again, _ := Fix(s, fixed); !cmp.Equal(fixed, again) {
			diff := cmp.Diff(fixed, again)
			t.Fatalf("Fix is not idempotent on %q (-once +twice):\n%s", src, diff)
		}
	})
}

func TestFixAdjacentDuplicates(t *testing.T) {
	t.Parallel()
	frags := "\n# one\nfragment A on User { id }\n\n# two\nfragment B on User { name }\n"
	in := []File{
		{"a.graphql", omit + "query Q { Viewer { ...A ...B } }\n" + frags},
		{"b.graphql", omit + "query R { Viewer { ...A ...B } }\n" + frags},
	}
	got, _ := Fix(schema(t), in)
	want := omit + "query R { Viewer { ...A ...B } }\n"
	if got[1].Src != want {
		t.Errorf("b.graphql after Fix = %q; want %q", got[1].Src, want)
	}
}

package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckCollisions(t *testing.T) {
	t.Parallel()
	s := schema(t)
	tests := []struct {
		name  string
		files []File
		want  []string // brief findings of the go-name-collision rule
		in    string   // a word every message must contain
	}{
		{"operation and fragment of one name", []File{
			{"staff.graphql", omit + "query StaffCard($id: Int) { Staff(id: $id) { ...StaffCard } }\n\nfragment StaffCard on Staff { id }\n"},
		}, []string{"staff.graphql:4:1 go-name-collision fix"}, "StaffCard"},
		{"operation named like an enum", []File{
			{"sort.graphql", omit + "query MediaSort { Media { id } }\n"},
		}, []string{"sort.graphql:2:1 go-name-collision"}, "MediaSort"},
		{"operation named like an input object", []File{
			{"d.graphql", omit + "query FuzzyDateInput { Media { id } }\n"},
		}, []string{"d.graphql:2:1 go-name-collision"}, "FuzzyDateInput"},
		{"fragment named like an enum value constant", []File{
			{"f.graphql", omit + "query A { Media { ...MediaSortId } }\nfragment MediaSortId on Media { id }\n"},
		}, []string{"f.graphql:3:1 go-name-collision fix"}, "MediaSortId"},
		{"one operation's field type against another operation", []File{
			{"a.graphql", omit + "query Search { Page { pageInfo { hasNextPage } media { id } } }\n"},
			{"b.graphql", omit + "query SearchPage { Viewer { id } }\n"},
		}, []string{"b.graphql:2:1 go-name-collision"}, "SearchPage"},
		{"operation response against another's field type", []File{
			{"a.graphql", omit + "query Viewer { Viewer { id } }\n"},
			{"b.graphql", omit + "query ViewerResponse { Viewer { name } }\n"},
		}, []string{"b.graphql:2:1 go-name-collision"}, "ViewerResponse"},
		{"fragment's field type against an operation", []File{
			{"a.graphql", omit + "query Bits { Media { ...M } }\nfragment M on Media { title { romaji } }\n"},
			{"b.graphql", omit + "query MTitleMediaTitle { Viewer { id } }\n"},
		}, []string{"a.graphql:3:1 go-name-collision fix"}, "MTitleMediaTitle"},
		{"the same type shared by two operations is fine", []File{
			{"a.graphql", omit + "query A {\n  # @genqlient(typename: \"Info\")\n  Page {\n    pageInfo { hasNextPage }\n  }\n}\n"},
			{"b.graphql", omit + "query B {\n  # @genqlient(typename: \"Info\")\n  Page {\n    pageInfo { hasNextPage }\n  }\n}\n"},
		}, nil, ""},
		{"distinct names are fine", []File{
			{"a.graphql", omit + "query StaffCard { Staff { ...StaffCardFields } }\nfragment StaffCardFields on Staff { id }\n"},
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []Finding
			for _, f := range Check(s, tt.files) {
				if f.Rule == RuleGoName {
					got = append(got, f)
					if !strings.Contains(f.Message, tt.in) || f.Hint == "" {
						t.Errorf("finding %v: want %q in the message and a hint", f, tt.in)
					}
				}
			}
			if diff := cmp.Diff(tt.want, brief(got)); diff != "" {
				t.Errorf("collision findings (-want +got):\n%s\nall: %v", diff, Check(s, tt.files))
			}
		})
	}
}

func TestFixRenamesCollidingFragments(t *testing.T) {
	t.Parallel()
	s := schema(t)
	in := []File{
		{"a.graphql", omit + "query StaffCard($id: Int) {\n  Staff(id: $id) { ... StaffCard } # the card\n}\n\n# shared\nfragment StaffCard on Staff { id ...Name }\nfragment Name on Staff { name { full } }\n"},
		{"b.graphql", omit + "query Other { Staff { ...StaffCard } }\n\n# copied from a.graphql\nfragment StaffCard on Staff { id ...Name }\n"},
		// StaffCardFragment is taken by an operation: the fragment becomes StaffCardFragment2
		{"c.graphql", omit + "query StaffCardFragment { Viewer { id } }\n"},
	}
	want := []File{
		{"a.graphql", omit + "query StaffCard($id: Int) {\n  Staff(id: $id) { ... StaffCardFragment2 } # the card\n}\n\n# shared\nfragment StaffCardFragment2 on Staff { id ...Name }\nfragment Name on Staff { name { full } }\n"},
		{"b.graphql", omit + "query Other { Staff { ...StaffCardFragment2 } }\n"},
		in[2],
	}
	got, renames := Fix(s, in)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fix (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Rename{{From: "StaffCard", To: "StaffCardFragment2", Spreads: 2}}, renames); diff != "" {
		t.Errorf("renames (-want +got):\n%s", diff)
	}
	if fs := Check(s, got); len(fs) != 0 {
		t.Errorf("findings after Fix: %v", fs)
	}
	again, renames := Fix(s, got)
	if diff := cmp.Diff(got, again); diff != "" || len(renames) != 0 {
		t.Errorf("Fix is not idempotent (renames %v; -once +twice):\n%s", renames, diff)
	}
}

func TestFixRenamesBothOfAChain(t *testing.T) {
	t.Parallel()
	s := schema(t)
	// two fragments to rename; the first's new name must not take the
	// second's, and the result is the same whatever the file order
	a := File{"a.graphql", omit + "query MediaSort { Media { ...MediaSort ...Card } }\nquery Card { Media { ...Card } }\n"}
	b := File{"b.graphql", "fragment MediaSort on Media { id }\nfragment Card on Media { title { romaji } }\nfragment MediaSortFragment on Media { id }\n"}
	got1, r1 := Fix(s, []File{a, b})
	got2, r2 := Fix(s, []File{b, a})
	if diff := cmp.Diff(r1, r2); diff != "" {
		t.Errorf("renames depend on file order (-ab +ba):\n%s", diff)
	}
	if got1[1].Src != got2[0].Src {
		t.Errorf("b.graphql depends on file order:\n%s\n---\n%s", got1[1].Src, got2[0].Src)
	}
	want := []Rename{{From: "Card", To: "CardFragment", Spreads: 2}, {From: "MediaSort", To: "MediaSortFragment2", Spreads: 1}}
	if diff := cmp.Diff(want, r1); diff != "" {
		t.Errorf("renames (-want +got):\n%s", diff)
	}
	var left []string
	for _, f := range Check(s, got1) {
		if f.Rule == RuleGoName && f.Fixable {
			left = append(left, f.String())
		}
	}
	if len(left) > 0 {
		t.Errorf("fixable collisions left: %v", left)
	}
}

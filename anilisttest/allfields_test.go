package anilisttest_test

import (
	"strings"
	"testing"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/anilisttest"
	"github.com/vektah/gqlparser/v2/ast"
)

// selectAll writes a selection of every field of typeName that needs no
// arguments, descending depth levels into objects and unions. It stands
// for "an operation nobody here wrote".
func selectAll(s *ast.Schema, typeName string, depth int) string {
	def := s.Types[typeName]
	var b strings.Builder
	b.WriteString("{ __typename")
	if def.Kind == ast.Union {
		for _, m := range s.PossibleTypes[typeName] {
			b.WriteString(" ... on " + m.Name + " " + selectAll(s, m.Name, min(depth, 1)))
		}
		b.WriteString(" }")
		return b.String()
	}
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") || needsArgs(f) {
			continue
		}
		inner := s.Types[f.Type.Name()]
		switch {
		case inner.Kind == ast.Scalar || inner.Kind == ast.Enum:
			b.WriteString(" " + f.Name)
		case depth > 0:
			b.WriteString(" " + f.Name + " " + selectAll(s, inner.Name, depth-1))
		}
	}
	b.WriteString(" }")
	return b.String()
}

func needsArgs(f *ast.FieldDefinition) bool {
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			return true
		}
	}
	return false
}

// TestEveryField selects every field of every root this emulator serves,
// two levels deep, and expects no errors: no missing non-null value, no
// wrongly typed scalar, no unknown enum value.
func TestEveryField(t *testing.T) {
	t.Parallel()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	// Every field at once is far over AniList's query complexity limit (about
	// 1,400 for a Media): the limit is off, the resolvers are under test.
	s := anilisttest.NewUnstartedServer()
	s.RateLimit, s.MaxComplexity = 1<<30, 0
	s.Start()
	t.Cleanup(s.Close)
	roots := []struct{ root, args, typ string }{
		{"Media", "(id: 154587)", "Media"}, {"Media", "(id: 30002)", "Media"},
		{"Character", "(id: 176754)", "Character"}, {"Staff", "(id: 95000)", "Staff"},
		{"Studio", "(id: 1)", "Studio"}, {"User", "(id: 1)", "User"}, {"Viewer", "", "User"},
		{"MediaList", "(id: 1)", "MediaList"}, {"AiringSchedule", "(id: 1)", "AiringSchedule"},
		{"Activity", "(id: 1)", "ActivityUnion"}, {"Activity", "(id: 2)", "ActivityUnion"},
		{"Activity", "(type: MESSAGE)", "ActivityUnion"}, {"ActivityReply", "(id: 1)", "ActivityReply"},
		{"Review", "(id: 1)", "Review"}, {"Recommendation", "(id: 1)", "Recommendation"},
		{"Thread", "(id: 1)", "Thread"}, {"ThreadComment", "(id: 1)", "ThreadComment"},
		{"SiteStatistics", "", "SiteStatistics"}, {"MediaTagCollection", "", "MediaTag"},
		{"MediaListCollection", "(userId: 1, type: MANGA, perChunk: 3, chunk: 1)", "MediaListCollection"},
		{"Follower", "(userId: 1)", "User"},
	}
	for _, r := range roots {
		t.Run(r.root+r.args, func(t *testing.T) {
			t.Parallel()
			q := "{ " + r.root + r.args + " " + selectAll(schema, r.typ, 3) + " }"
			a := post(t, s, s.ViewerToken(), q, nil)
			t.Logf("%d bytes of query, %d bytes of answer", len(q), len(a.Raw))
			if a.Status != 200 || len(a.Errors) > 0 {
				t.Errorf("got %d %.1500s", a.Status, a.Raw[max(0, strings.Index(string(a.Raw), `"errors"`)):])
			}
		})
	}
	t.Run("Page notifications", func(t *testing.T) {
		t.Parallel()
		q := "{ Page(perPage: 50) { notifications " + selectAll(schema, "NotificationUnion", 2) + " } }"
		if a := post(t, s, s.ViewerToken(), q, nil); a.Status != 200 || len(a.Errors) > 0 {
			t.Errorf("got %d %.1500s", a.Status, a.Raw[max(0, strings.Index(string(a.Raw), `"errors"`)):])
		}
	})
}

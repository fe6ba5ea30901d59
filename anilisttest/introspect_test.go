package anilisttest_test

import (
	"testing"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/sdl"
	"github.com/google/go-cmp/cmp"
)

// TestIntrospectionRoundTrip introspects the emulator and prints SDL, which
// must be the committed schema.graphql byte for byte.
func TestIntrospectionRoundTrip(t *testing.T) {
	t.Parallel()
	s := shared()
	got, err := sdl.Fetch(t.Context(), s.Client(), s.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(anigql.Schema, string(sdl.Print(got))); diff != "" {
		t.Errorf("introspected SDL differs from schema.graphql (-want +got):\n%.3000s", diff)
	}
}

// TestIntrospectionType answers __type with deprecated fields filtered.
func TestIntrospectionType(t *testing.T) {
	t.Parallel()
	s := shared()
	q := `{ __type(name: "MediaListStatus") { kind name enumValues { name } }
		u: __type(name: "NotificationUnion") { kind possibleTypes { name } }
		missing: __type(name: "Nope") { name } }`
	d := post(t, s, "", q, nil).ok(t).Data
	if got := at(d, "__type", "enumValues", 0, "name"); got != "CURRENT" {
		t.Errorf("got first MediaListStatus %v; want CURRENT", got)
	}
	if got := len(at(d, "u", "possibleTypes").([]any)); got < 20 {
		t.Errorf("got %d NotificationUnion members; want at least 20", got)
	}
	if at(d, "missing") != nil {
		t.Errorf("got %v for an unknown type; want null", at(d, "missing"))
	}
}

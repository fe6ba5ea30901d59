package sdl_test

import (
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/sdl"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.graphql")

// TestGolden checks that an introspection result and a schema dump of the
// same schema both print the golden SDL.
func TestGolden(t *testing.T) {
	t.Parallel()
	golden := filepath.Join("testdata", "golden.graphql")
	for _, in := range []string{"introspection.json", "dump.graphqls"} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			got := printFile(t, filepath.Join("testdata", in))
			if *update && in == "dump.graphqls" {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Print(%s) mismatch (-want +got):\n%s", in, diff)
			}
		})
	}
}

// TestCommittedSchemaIsNormalised checks that schema.graphql is exactly what
// the schema command prints for it, so it was not edited by hand.
func TestCommittedSchemaIsNormalised(t *testing.T) {
	t.Parallel()
	s, err := sdl.ParseSDL("schema.graphql", anigql.Schema)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(anigql.Schema, string(sdl.Print(s))); diff != "" {
		t.Errorf("schema.graphql is not normalised (-committed +printed):\n%s", diff)
	}
}

// TestIntrospectionRoundTrip answers introspection from the loaded schema, as
// the emulator does, and checks that printing the answer gives schema.graphql.
func TestIntrospectionRoundTrip(t *testing.T) {
	t.Parallel()
	loaded, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	answer, err := json.Marshal(map[string]any{"data": map[string]any{"__schema": sdl.FromAST(loaded)}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := sdl.ParseIntrospection(answer)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(anigql.Schema, string(sdl.Print(s))); diff != "" {
		t.Errorf("introspection round trip differs (-committed +printed):\n%s", diff)
	}
}

func TestCommittedSchemaContents(t *testing.T) {
	t.Parallel()
	loaded, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(loaded.Query.Fields)-2, 27; got != want { // less __schema, __type
		t.Errorf("Query has %d fields; want %d", got, want)
	}
	if got, want := len(loaded.Mutation.Fields), 29; got != want {
		t.Errorf("Mutation has %d fields; want %d", got, want)
	}
	if loaded.Types["MediaRelation"].EnumValues.ForName("SAME_UNIVERSE") == nil {
		t.Error("MediaRelation.SAME_UNIVERSE missing")
	}
	union := loaded.Types["NotificationUnion"]
	if !strings.Contains(strings.Join(union.Types, ","), "MediaSubmissionUpdateNotification") {
		t.Errorf("NotificationUnion = %v; want MediaSubmissionUpdateNotification in it", union.Types)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input, want string
	}{
		{"bad json", `{"data":`, "decoding introspection result"},
		{"graphql errors", `{"data":null,"errors":[{"message":"Invalid token","status":400}]}`, "introspection failed: Invalid token"},
		{"no schema", `{"data":{}}`, `has no "__schema"`},
		{"bad default", `{"__schema":{"types":[{"kind":"INPUT_OBJECT","name":"I","inputFields":[{"name":"a","type":{"kind":"SCALAR","name":"Int"},"defaultValue":"[1,"}]}]}}`, "default value of I.a"},
		{"bad sdl", "type Query {", "sdl:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := sdl.Parse("input", []byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v; want it to contain %q", tt.input, err, tt.want)
			}
		})
	}
}

func TestFetch(t *testing.T) {
	t.Parallel()
	answer, err := os.ReadFile(filepath.Join("testdata", "introspection.json"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Query string }
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Query != sdl.IntrospectionQuery {
			http.Error(w, "not the introspection query", http.StatusBadRequest)
			return
		}
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Referer") != "https://example.test" {
			http.Error(w, "bad request headers", http.StatusForbidden)
			return
		}
		w.Write(answer)
	}))
	defer srv.Close()

	s, err := sdl.Fetch(t.Context(), srv.Client(), srv.URL, http.Header{"Referer": {"https://example.test"}})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join("testdata", "golden.graphql"))
	if diff := cmp.Diff(string(want), string(sdl.Print(s))); diff != "" {
		t.Errorf("Fetch result mismatch (-want +got):\n%s", diff)
	}
	if _, err := sdl.Fetch(t.Context(), srv.Client(), srv.URL, nil); err == nil || !strings.Contains(err.Error(), "HTTP 403") {
		t.Errorf("Fetch without Referer: error = %v; want HTTP 403", err)
	}
}

// FuzzParse checks that no input panics and that whatever parses prints to
// SDL that parses back to the same text. Run: go test ./internal/sdl -fuzz FuzzParse
func FuzzParse(f *testing.F) {
	for _, name := range []string{"introspection.json", "dump.graphqls", "golden.graphql"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"__schema":{"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","type":{"kind":"LIST","ofType":null}}]}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := sdl.Parse("fuzz", data)
		if err != nil {
			return
		}
		first := sdl.Print(s)
		again, err := sdl.ParseSDL("printed", string(first))
		if err != nil {
			return // e.g. an introspection result naming types with invalid names
		}
		if second := sdl.Print(again); string(second) != string(first) {
			t.Errorf("Print is not stable:\nfirst:\n%s\nsecond:\n%s", first, second)
		}
	})
}

func printFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sdl.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return sdl.Print(s)
}

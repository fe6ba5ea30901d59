package cli

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func varsOp(t testing.TB) *ast.OperationDefinition {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: "query Q($s: String, $n: Int, $f: Float, $b: Boolean, $e: MediaType, $l: [Int], $d: FuzzyDateInput) { Viewer { id } }"})
	if err != nil {
		t.Fatal(err)
	}
	return doc.Operations[0]
}

func TestParseVars(t *testing.T) {
	t.Parallel()
	got, err := parseVars(varsOp(t), []string{"s=123", "$n=4", "f=1.5", "b=true", "e=ANIME", "l=[1,2]", `d={"year":2024}`})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	want := `{"b":true,"d":{"year":2024},"e":"ANIME","f":1.5,"l":[1,2],"n":4,"s":"123"}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("variables (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"n=x", "noequals", "l=[1", "zz=1"} {
		if _, err := parseVars(varsOp(t), []string{bad}); err == nil {
			t.Errorf("parseVars(%q) succeeded; want an error", bad)
		}
	}
}

// FuzzParseVars: --var values never panic, and what parses marshals to JSON.
// Run: go test ./internal/cli -run '^$' -fuzz FuzzParseVars -fuzztime 30s
func FuzzParseVars(f *testing.F) {
	for _, s := range []string{"s=x", "n=1", "l=[1,2]", `d={"year":1}`, "e=ANIME", "b=maybe", "=", "$=1"} {
		f.Add(s)
	}
	op := varsOp(f)
	f.Fuzz(func(t *testing.T, pair string) {
		vars, err := parseVars(op, []string{pair})
		if err != nil {
			return
		}
		if _, err := json.Marshal(vars); err != nil {
			t.Errorf("parseVars(%q) = %v, which does not marshal: %v", pair, vars, err)
		}
	})
}

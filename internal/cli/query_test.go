package cli

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/anigql/anigql"
)

// varsOp is an operation declaring a variable of each kind, validated
// against the schema as the query command does.
func varsOp(t testing.TB) (*ast.Schema, *ast.OperationDefinition) {
	t.Helper()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	const src = `mutation Q($s: String, $n: Int, $f: Float, $b: Boolean, $e: MediaListStatus, $l: [Float], $d: FuzzyDateInput, $sort: [String], $r: Int! = 1) {
  SaveMediaListEntry(notes: $s, mediaId: $n, score: $f, private: $b, status: $e, advancedScores: $l, startedAt: $d, customLists: $sort, progress: $r) { id }
}`
	op, err := checkOperation(schema, "q.graphql", src, "")
	if err != nil {
		t.Fatal(err)
	}
	return schema, op
}

func TestParseVars(t *testing.T) {
	t.Parallel()
	schema, op := varsOp(t)
	if _, err := parseVars(schema, op, []string{"sort=[a]"}); err == nil {
		t.Fatalf("parseVars with a list that is not JSON succeeded; want an error")
	}
	got, err := parseVars(schema, op, []string{"s=123", "$n=4", "f=1.5", "b=true", "e=CURRENT", "l=[1,2]", `d={"year":2024}`, `sort=["a"]`})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	want := `{"b":true,"d":{"year":2024},"e":"CURRENT","f":1.5,"l":[1,2],"n":4,"s":"123","sort":["a"]}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("variables (-want +got):\n%s", diff)
	}
}

func TestParseVarsErrors(t *testing.T) {
	t.Parallel()
	schema, op := varsOp(t)
	for _, tt := range []struct{ pair, want string }{
		{"n=x", `--var n: "x" is not an Int`},
		{"n=3000000000", `--var n: "3000000000" is not an Int`},
		{"f=fast", `--var f: "fast" is not a Float`},
		{"b=maybe", `--var b: "maybe" is not a Boolean (true or false)`},
		{"e=WATCHING", "--var e: WATCHING is not a valid MediaListStatus"},
		{"l=[1", `--var l: "[1" is not JSON for type [Float]`},
		{`l=["x"]`, "--var l[0]: cannot use string as Float"},
		{`d={"yr":2024}`, "--var d.yr: unknown field"},
		{"r=null", `--var r: "null" is not an Int`},
		{"noequals", `--var "noequals": want name=value`},
		{"zz=1", "--var zz: the operation declares no $zz"},
	} {
		_, err := parseVars(schema, op, []string{tt.pair})
		if err == nil {
			t.Errorf("parseVars(%q) succeeded; want usage error %q", tt.pair, tt.want)
		} else if err.Error() != tt.want || exitCode(err) != ExitUsage {
			t.Errorf("parseVars(%q) = %v (exit %d); want usage error %q", tt.pair, err, exitCode(err), tt.want)
		}
	}
}

func TestParseVarsRequired(t *testing.T) {
	t.Parallel()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	op, err := checkOperation(schema, "q.graphql", "query Q($id: Int!) { Media(id: $id) { id } }", "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = parseVars(schema, op, nil)
	if want := "$id is required: pass --var id=VALUE"; err == nil || err.Error() != want || exitCode(err) != ExitUsage {
		t.Errorf("parseVars without a required variable = %v; want usage error %q", err, want)
	}
}

// FuzzParseVars: --var values never panic, and what parses marshals to JSON.
// Run: go test ./internal/cli -run '^$' -fuzz FuzzParseVars -fuzztime 30s
func FuzzParseVars(f *testing.F) {
	for _, s := range []string{"s=x", "n=1", "l=[1,2]", `d={"year":1}`, "e=CURRENT", "b=maybe", "=", "$=1", `sort=["a"]`, "r=null"} {
		f.Add(s)
	}
	schema, op := varsOp(f)
	f.Fuzz(func(t *testing.T, pair string) {
		vars, err := parseVars(schema, op, []string{pair})
		if err != nil {
			if exitCode(err) != ExitUsage {
				t.Errorf("parseVars(%q): %v is not a usage error", pair, err)
			}
			return
		}
		if _, err := json.Marshal(vars); err != nil {
			t.Errorf("parseVars(%q) = %v, which does not marshal: %v", pair, vars, err)
		}
	})
}

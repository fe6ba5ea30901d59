package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeAliasBatch writes an operation file of n aliased Media lookups that
// cost 11 each, as AniList measured ("got 550" at fifty).
func writeAliasBatch(t *testing.T, dir string, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("# @genqlient(omitempty: true)\nquery Mapping {\n")
	for i := range n {
		fmt.Fprintf(&b, "  a%d: Media(id: %d, type: ANIME) { id idMal format genres title { romaji english native } startDate { year } }\n", i, i+1)
	}
	b.WriteString("}\n")
	path := filepath.Join(dir, "mapping.graphql")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLintCost(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	over := writeAliasBatch(t, t.TempDir(), 50)
	r := h.run("lint", "--cost", over)
	if r.code != ExitError {
		t.Fatalf("lint --cost over the limit: exit %d; want %d\n%s%s", r.code, ExitError, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"COST  OPERATION",
		" 550  Mapping    ",
		"mapping.graphql:2:1",
		"a0 11, a1 11, a2 11  over 500",
		"mapping.graphql:2:1: error: operation Mapping can cost 550, over AniList's query complexity limit of 500",
		"at most 45 fit in one request",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lint --cost output lacks %q:\n%s", want, r.stdout)
		}
	}
	under := writeAliasBatch(t, t.TempDir(), 45)
	r = h.run("--json", "lint", "--cost", under)
	if r.code != 0 {
		t.Fatalf("lint --cost under the limit: exit %d; want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	var out struct {
		Costs []struct {
			Operation string `json:"operation"`
			Cost      int    `json:"cost"`
			Line      int    `json:"line"`
			Top       []struct {
				Path string `json:"path"`
				Cost int    `json:"cost"`
			} `json:"top"`
		} `json:"costs"`
		Findings []any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("lint --json --cost: %v\n%s", err, r.stdout)
	}
	if len(out.Costs) != 1 || out.Costs[0].Cost != 495 || out.Costs[0].Operation != "Mapping" || len(out.Costs[0].Top) != 3 || out.Findings == nil {
		t.Errorf("lint --json --cost = %+v; want Mapping at 495 with 3 contributors and no findings", out)
	}
}

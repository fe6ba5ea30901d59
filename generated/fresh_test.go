package generated_test

import (
	"os"
	"testing"

	"github.com/anigql/anigql/internal/genpost"
	"github.com/google/go-cmp/cmp"
)

// TestGeneratedIsFresh regenerates the client in memory from genqlient.yaml,
// schema.graphql and queries/, as the go:generate line does (genqlient, then
// anigql's post-processing), and compares it with the committed file, so a
// stale generated/ fails here as well as in CI's `go generate` check.
func TestGeneratedIsFresh(t *testing.T) {
	t.Parallel()
	files, err := genpost.Generate("../genqlient.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("genqlient generated no files")
	}
	for path, want := range files {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go generate ./...)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s is stale; run go generate ./...\n%s", path, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff keeps the failure short: the full diff of a 20,000-line file is
// no help.
func firstDiff(want, got string) string {
	diff := cmp.Diff(want, got)
	if len(diff) > 2000 {
		diff = diff[:2000] + "\n…"
	}
	return "(-generated +committed):\n" + diff
}

package genpost

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/out.golden")

// TestGenerateGolden runs genqlient and the rewrite on a small project
// holding each case Rewrite distinguishes, and compares with the golden file.
func TestGenerateGolden(t *testing.T) {
	files, err := Generate("testdata/genqlient.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("got %d files; want 1", len(files))
	}
	var got []byte
	for path, src := range files {
		if filepath.Base(path) != "genqlient.go" {
			t.Fatalf("unexpected file %s", path)
		}
		got = src
	}
	golden := filepath.Join("testdata", "out.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("rewritten output (-golden +got), run go test -update to accept:\n%s", d)
	}
}

// TestRewriteDecisions checks which structs lose their UnmarshalJSON.
func TestRewriteDecisions(t *testing.T) {
	files, err := Generate("testdata/genqlient.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range files {
		var kept []string
		for _, line := range strings.Split(string(src), "\n") {
			if rest, ok := strings.CutPrefix(line, "func (v *"); ok && strings.Contains(rest, ") UnmarshalJSON(") {
				kept = append(kept, rest[:strings.Index(rest, ")")])
			}
		}
		slices.Sort(kept)
		if d := cmp.Diff([]string{"ConflictMedia", "EntryWithFeed", "FeedResponse", "HolderEntriesEntry"}, kept); d != "" {
			t.Errorf("structs keeping UnmarshalJSON (-want +got):\n%s", d)
		}
		for _, want := range []string{
			"\tEntryFields\n", "\tMediaFull\n", "\tMediaCore\n", // flattened embeds lose json:"-"
			"MediaCore `json:\"-\"`", // the conflicting one keeps it
			"return gojson.Unmarshal(b, *v)", Header,
		} {
			if !strings.Contains(string(src), want) {
				t.Errorf("output lacks %q", want)
			}
		}
		if strings.Contains(string(src), "json.Unmarshal(") && strings.Count(string(src), "json.Unmarshal(") != strings.Count(string(src), "gojson.Unmarshal(") {
			t.Error("output still calls encoding/json's Unmarshal")
		}
	}
}

// TestRewriteIsIdempotent checks that rewriting twice changes nothing more.
func TestRewriteIsIdempotent(t *testing.T) {
	files, err := Generate("testdata/genqlient.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range files {
		again, err := Rewrite(src)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(string(src), string(again)); d != "" {
			t.Errorf("second rewrite changed the file (-first +second):\n%s", d)
		}
	}
}

// TestRewriteRejectsBadSource checks that a file that is not Go is an
// error, not a panic.
func TestRewriteRejectsBadSource(t *testing.T) {
	if _, err := Rewrite([]byte("package x\nfunc {")); err == nil {
		t.Error("got nil error for invalid Go")
	}
}

func TestDistinctFold(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  bool
	}{
		{nil, true},
		{[]string{"id", "mediaId", "media"}, true},
		{[]string{"id", "ID"}, false},
		{[]string{"siteUrl", "siteURL"}, false},
		{[]string{"__typename", "typename"}, true},
	} {
		if got := distinctFold(tc.names); got != tc.want {
			t.Errorf("distinctFold(%q) = %v; want %v", tc.names, got, tc.want)
		}
	}
}

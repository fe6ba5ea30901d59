package atomicfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/anigql/anigql/internal/atomicfile"
)

func TestWriteAll(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.graphql"), filepath.Join(dir, "b.graphql")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// the second change cannot be staged: nothing may change
	err := atomicfile.WriteAll([]atomicfile.Change{
		{Path: a, Data: []byte("new"), Perm: 0o644},
		{Path: filepath.Join(dir, "missing", "c.graphql"), Data: []byte("new"), Perm: 0o644},
	})
	if err == nil {
		t.Fatal("WriteAll into a missing directory: nil error")
	}
	if got, _ := os.ReadFile(a); string(got) != "old" {
		t.Errorf("a after a failed WriteAll = %q; want old", got)
	}
	if err := atomicfile.WriteAll([]atomicfile.Change{{Path: a, Data: []byte("A"), Perm: 0o600}, {Path: b, Data: []byte("B"), Perm: 0o644}}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{a: "A", b: "B"} {
		if got, _ := os.ReadFile(p); string(got) != want {
			t.Errorf("%s = %q; want %q", filepath.Base(p), got, want)
		}
	}
	if info, _ := os.Stat(a); info.Mode().Perm() != 0o600 {
		t.Errorf("mode of a = %v; want 0600", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("directory holds %d entries; want 2 (no temporary files left)", len(entries))
	}
}

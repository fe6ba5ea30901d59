package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anigql/anigql/internal/genpost"
)

// TestRunWritesRewrittenCode runs the command on genpost's test project
// copied to a temporary directory, and checks that it writes what
// genpost.Generate returns.
func TestRunWritesRewrittenCode(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "internal", "genpost", "testdata")
	for _, name := range []string{"genqlient.yaml", "schema.graphql", filepath.Join("queries", "cases.graphql")} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(dir, "genqlient.yaml")
	var stderr bytes.Buffer
	if code := run([]string{config}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "out", "genqlient.go"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := genpost.Generate(config)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want[filepath.Join(dir, "out", "genqlient.go")]) {
		t.Error("written file differs from genpost.Generate")
	}
	if !strings.Contains(string(got), genpost.Header) {
		t.Error("written file lacks the post-processing header")
	}
}

func TestRunReportsErrors(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{filepath.Join(t.TempDir(), "missing.yaml")}, &stderr); code != 1 || stderr.Len() == 0 {
		t.Errorf("exit %d, stderr %q; want 1 and a message", code, stderr.String())
	}
	if code := run([]string{"a", "b"}, &stderr); code != 2 {
		t.Errorf("exit %d for two arguments; want 2", code)
	}
}

package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDir copies testdata/name into a temp dir and returns it.
func copyDir(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	ms, err := filepath.Glob(filepath.Join("testdata", name, "*"))
	if err != nil || len(ms) == 0 {
		t.Fatalf("no files in testdata/%s", name)
	}
	for _, m := range ms {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, filepath.Base(m)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func TestLintCommand(t *testing.T) {
	t.Parallel()
	dir := copyDir(t, "copied")
	h := newHarness(t)
	r := h.run("lint", dir)
	if r.code != ExitError {
		t.Fatalf("lint: exit %d; want %d", r.code, ExitError)
	}
	for _, want := range []string{
		"docs_page.graphql:2:1: error: anonymous operation",
		"apollo_entry.graphql:1:35: error: variable $type is a Go keyword",
		"docs_page.graphql:13:1: error: fragment TitleBits is also defined at",
		"[omitempty-policy]",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lint output lacks %q:\n%s", want, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "4 error(s), 2 warning(s); anigql lint --fix fixes 6") {
		t.Errorf("lint summary = %q", r.stderr)
	}
	r = h.run("--json", "lint", dir)
	var findings []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &findings); err != nil || len(findings) == 0 || findings[0].Severity == "" {
		t.Errorf("lint --json = %s (%v); want findings with severities", r.stdout, err)
	}
	r = h.run("lint", "--fix", dir)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("lint --fix: exit %d, stdout %q; want 0 and no findings left", r.code, r.stdout)
	}
	if strings.Count(r.stderr, "fixed ") != 2 {
		t.Errorf("lint --fix stderr = %q; want both files reported fixed", r.stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "docs_page.graphql"))
	if !strings.Contains(string(b), "# In the style of the AniList docs") || !strings.Contains(string(b), "query DocsPage (") {
		t.Errorf("fixed file lost its comment or name:\n%s", b)
	}
	h.mustRun("lint", "--strict", dir)
}

func TestLintOwnQueries(t *testing.T) {
	t.Parallel()
	r := newHarness(t).run("lint", "../../queries")
	if r.code != 0 {
		t.Errorf("lint of the project's own queries: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestLintUsage(t *testing.T) {
	t.Parallel()
	r := newHarness(t).run("lint", filepath.Join(t.TempDir(), "none*.graphql"))
	if r.code != ExitUsage {
		t.Errorf("lint of nothing: exit %d; want %d (%s)", r.code, ExitUsage, r.stderr)
	}
}

func TestInitCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	h := newHarness(t)
	if r := h.run("init", dir); r.code != ExitError || !strings.Contains(r.stderr, "go mod init") {
		t.Errorf("init outside a module: exit %d, stderr %q; want %d and a go mod init hint", r.code, r.stderr, ExitError)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/x\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := h.mustRun("init", dir)
	for _, want := range []string{"wrote " + filepath.Join(dir, "genqlient.yaml"), "updated ", "Next steps:", "go mod tidy", "go generate ./..."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := h.mustRun("init", dir); !strings.Contains(r.stdout, "kept  ") {
		t.Errorf("second init = %q; want files kept", r.stdout)
	}
}

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
	// a read-only-for-others file keeps its mode, a symbolic link stays one
	docs := filepath.Join(dir, "docs_page.graphql")
	if err := os.Chmod(docs, 0o600); err != nil {
		t.Fatal(err)
	}
	apollo := filepath.Join(dir, "apollo_entry.graphql")
	target := filepath.Join(t.TempDir(), "apollo_entry.graphql")
	if err := os.Rename(apollo, target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, apollo); err != nil {
		t.Fatal(err)
	}
	r = h.run("lint", "--fix", dir)
	if r.code != 0 || r.stdout != "" {
		t.Fatalf("lint --fix: exit %d, stdout %q; want 0 and no findings left", r.code, r.stdout)
	}
	if strings.Count(r.stderr, "fixed ") != 2 {
		t.Errorf("lint --fix stderr = %q; want both files reported fixed", r.stderr)
	}
	b, _ := os.ReadFile(docs)
	if !strings.Contains(string(b), "# In the style of the AniList docs") || !strings.Contains(string(b), "query DocsPage (") {
		t.Errorf("fixed file lost its comment or name:\n%s", b)
	}
	if info, err := os.Stat(docs); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("fixed file: %v, mode %v; want mode 0600 kept", err, info)
	}
	if info, err := os.Lstat(apollo); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("fixed symbolic link: %v, %v; want it still a link", err, info)
	}
	if b, _ := os.ReadFile(target); !strings.Contains(string(b), "$typ: MediaType") {
		t.Errorf("link target not fixed:\n%s", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("directory after --fix holds %d entries; want the 2 files and no temporary ones", len(entries))
	}
	h.mustRun("lint", "--strict", dir)
	if r := h.mustRun("lint", "--fix", dir); r.stderr != "" || r.stdout != "" {
		t.Errorf("second lint --fix printed %q %q; want nothing to fix", r.stdout, r.stderr)
	}
	if b2, _ := os.ReadFile(docs); string(b2) != string(b) {
		t.Errorf("second lint --fix changed the file:\n%s", b2)
	}
}

func TestLintOwnQueries(t *testing.T) {
	t.Parallel()
	r := newHarness(t).run("lint", "../../queries")
	if r.code != 0 {
		t.Errorf("lint of the project's own queries: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestLintSameFileTwice: a file named twice (or through a link) is linted
// once, so --fix does not take it for its own duplicate and delete its
// fragments.
func TestLintSameFileTwice(t *testing.T) {
	t.Parallel()
	dir := copyDir(t, "copied")
	name := filepath.Join(dir, "apollo_entry.graphql")
	dotted := dir + string(filepath.Separator) + "." + string(filepath.Separator) + "apollo_entry.graphql"
	link := filepath.Join(t.TempDir(), "link.graphql")
	if err := os.Symlink(name, link); err != nil {
		t.Fatal(err)
	}
	newHarness(t).run("lint", "--fix", name, dotted, link)
	if b := readFile(t, name); !strings.Contains(b, "fragment TitleBits on Media") {
		t.Errorf("lint --fix of one file named three ways deleted its fragment:\n%s", b)
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
	for _, want := range []string{"wrote " + filepath.Join(dir, "genqlient.yaml"), "updated ", "Next steps:\n  cd " + dir + "\n  go get github.com/anigql/anigql@latest", "\n  go mod tidy\n", "go generate ./..."} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := h.mustRun("init", dir); !strings.Contains(r.stdout, "kept  ") {
		t.Errorf("second init = %q; want files kept", r.stdout)
	}
	var res struct {
		Written, Kept []string
	}
	if r := h.mustRun("--json", "init", dir); json.Unmarshal([]byte(r.stdout), &res) != nil || len(res.Written) != 0 || len(res.Kept) != 5 {
		t.Errorf("init --json = %s; want nothing written and 5 files kept", r.stdout)
	}
	if r := h.mustRun("init", "--force", dir); strings.Count(r.stdout, "wrote ") != 5 {
		t.Errorf("init --force = %q; want all 5 files written", r.stdout)
	}
}

// TestLintUsesGenqlientSchema: in a directory with a genqlient.yaml, lint
// validates against that file's schema (a downstream repo may have refreshed
// it), and lints its operations when given no paths.
func TestLintUsesGenqlientSchema(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "genqlient.yaml"), "schema: graph/*.graphqls\noperations:\n- ops/*.graphql\n")
	write(t, filepath.Join(dir, "graph", "schema.graphqls"), "type Query { hello: String }\n")
	write(t, filepath.Join(dir, "ops", "hello.graphql"), "# @genqlient(omitempty: true)\nquery Hello { hello }\n")
	write(t, filepath.Join(dir, "queries", "broken.graphql"), "query {") // not in genqlient.yaml
	for _, args := range [][]string{{"lint"}, {"lint", "ops"}} {
		cmd := command(t, args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("anigql %s with a genqlient.yaml: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	write(t, filepath.Join(dir, "ops", "viewer.graphql"), "# @genqlient(omitempty: true)\nquery V { Viewer { id } }\n")
	cmd := command(t, "lint")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if exitCodeOf(err) != ExitError || !strings.Contains(string(out), filepath.Join("ops", "viewer.graphql")+`:2:11: error: Cannot query field "Viewer" on type "Query".`) {
		t.Errorf("lint of a field the schema lacks: %v\n%s", err, out)
	}
}

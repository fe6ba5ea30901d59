package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDownstream does what a downstream user does: a fresh module that
// replaces github.com/anigql/anigql with this checkout, `anigql init`, go mod
// tidy, new .graphql files copied from other apps (every Apollo- and
// docs-style fixture of this checkout), `anigql lint --fix`, go generate and
// go build untouched, then code that runs the new functions through anigql's
// client and auth against the emulator. It uses only files of this checkout
// and the environment's Go settings (GOFLAGS, GOPROXY, GOCACHE…); it needs
// the module cache or the proxy for genqlient and its dependencies, and
// takes a few seconds with a warm build cache and about 15 s more when
// genqlient has to be compiled.
func TestDownstream(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds genqlient and a downstream module")
	}
	t.Parallel()
	m := newDownstreamModule(t)
	dir := m.dir
	anigql := func(args ...string) string {
		t.Helper()
		return m.anigql(".", args...)
	}
	goCmd := m.mustGo

	if out := anigql("init"); !strings.Contains(out, "go mod tidy") {
		t.Errorf("init printed no next steps:\n%s", out)
	}
	goCmd("mod", "tidy")
	// operations copied from other apps: the downstream ones, the lint
	// command's and the linter's fixtures (Apollo apps' per-file copies of
	// global fragments, the docs' anonymous queries with $type)
	for _, pattern := range []string{"testdata/downstream/*.graphql", "testdata/copied/*.graphql", "../lint/testdata/apollo/*.graphql", "../lint/testdata/docs/*.graphql"} {
		ms, err := filepath.Glob(pattern)
		if err != nil || len(ms) == 0 {
			t.Fatalf("no fixtures match %s", pattern)
		}
		for _, m := range ms {
			copyFile(t, m, filepath.Join(dir, "queries", filepath.Base(m)))
		}
	}
	anigql("lint", "--fix")
	anigql("lint", "--strict") // nothing left, warnings included
	goCmd("generate", "./...")
	goCmd("build", "./...")
	goCmd("vet", "./...")

	copyFile(t, filepath.Join("testdata", "downstream", "main.go.txt"), filepath.Join(dir, "main.go"))
	goCmd("mod", "tidy")
	out := goCmd("run", ".")
	for _, want := range []string{"MediaByTitle: 154587 Sousou no Frieren", "PageTitles: ", "SearchAnime: ", "SearchTitles: ", "MediaById: Sousou no Frieren", "EntryForUser: "} {
		if !strings.Contains(out, want) {
			t.Errorf("downstream program output lacks %q:\n%s", want, out)
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	write(t, to, readFile(t, from))
}

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDownstream does what a downstream user does: a fresh module that
// replaces github.com/anigql/anigql with this checkout, `anigql init`, go mod
// tidy, a new .graphql file copied from another app's style, `anigql lint
// --fix`, go generate and go build untouched, then code that runs the new
// functions through anigql's client and auth against the emulator. It needs
// the Go module cache or the module proxy (GOPROXY from the environment) for
// genqlient and its dependencies; it takes a few seconds with a warm build
// cache and about 15 s more when genqlient has to be compiled.
func TestDownstream(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds genqlient and a downstream module")
	}
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module example.com/downstream\n\ngo 1.26\n\nrequire github.com/anigql/anigql v0.0.0\n\nreplace github.com/anigql/anigql => " + root + "\n"
	write(t, filepath.Join(dir, "go.mod"), gomod)
	// Seed go.sum with ours (genqlient, x/tools and our dependencies) so that
	// tidy needs no checksum-database lookups for modules already cached.
	copyFile(t, filepath.Join(root, "go.sum"), filepath.Join(dir, "go.sum"))

	anigql := func(args ...string) string {
		t.Helper()
		cmd := command(t, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("anigql %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	goCmd := func(args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(t.Context(), "go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-buildvcs=false")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}

	if out := anigql("init"); !strings.Contains(out, "go mod tidy") {
		t.Errorf("init printed no next steps:\n%s", out)
	}
	goCmd("mod", "tidy")
	for _, f := range []string{"media_by_title.graphql", "page_titles.graphql", "entry_for_user.graphql"} {
		copyFile(t, filepath.Join("testdata", "downstream", f), filepath.Join(dir, "queries", f))
	}
	anigql("lint", "--fix")
	anigql("lint", "--strict") // nothing left, warnings included
	goCmd("generate", "./...")
	goCmd("build", "./...")
	goCmd("vet", "./...")

	copyFile(t, filepath.Join("testdata", "downstream", "main.go.txt"), filepath.Join(dir, "main.go"))
	goCmd("mod", "tidy")
	out := goCmd("run", ".")
	for _, want := range []string{"MediaByTitle: 154587 Sousou no Frieren", "PageTitles: ", "SearchAnime: ", "EntryForUser: "} {
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

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	write(t, to, string(b))
}

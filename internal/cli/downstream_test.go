package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

	// The README's steps, followed literally, must be what init prints.
	steps := readmeDownstreamSteps(t)
	m.mustGo("mod", "edit", "-droprequire=github.com/anigql/anigql") // as before `go get`
	printed := initSteps(anigql("init"))
	if !slices.Equal(printed, steps[1:]) {
		t.Errorf("init prints the steps\n%s\nthe README lists\n%s", strings.Join(printed, "\n"), strings.Join(steps[1:], "\n"))
	}
	for _, step := range steps[1:] {
		args := strings.Fields(step)[1:] // after "go"
		switch {
		case step == "go get github.com/anigql/anigql@latest":
			// the checkout stands in for @latest (no network): require it,
			// the replace directive points at it
			goCmd("mod", "edit", "-require=github.com/anigql/anigql@v0.0.0")
			continue
		case strings.Contains(step, "lint --fix"):
			// operations copied from other apps: the downstream ones, the
			// lint command's and the linter's fixtures (Apollo apps'
			// per-file copies of global fragments, the docs' anonymous
			// queries with $type)
			for _, pattern := range []string{"testdata/downstream/*.graphql", "testdata/copied/*.graphql", "../lint/testdata/apollo/*.graphql", "../lint/testdata/docs/*.graphql"} {
				ms, err := filepath.Glob(pattern)
				if err != nil || len(ms) == 0 {
					t.Fatalf("no fixtures match %s", pattern)
				}
				for _, m := range ms {
					copyFile(t, m, filepath.Join(dir, "queries", filepath.Base(m)))
				}
			}
		}
		goCmd(args...)
	}
	anigql("lint", "--strict") // nothing left, warnings included
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

// readmeDownstreamSteps returns the commands of the README's downstream
// block, comments dropped, starting with the init line.
func readmeDownstreamSteps(t *testing.T) []string {
	t.Helper()
	readme := readFile(t, "../../README.md")
	m := regexp.MustCompile("(?s)## Use your own queries.*?```sh\n(.*?)```").FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("README has no sh block under \"## Use your own queries\"")
	}
	var steps []string
	for _, l := range strings.Split(m[1], "\n") {
		if c, _, _ := strings.Cut(l, "#"); strings.TrimSpace(c) != "" {
			steps = append(steps, strings.Join(strings.Fields(c), " "))
		}
	}
	if len(steps) < 2 || !strings.HasSuffix(steps[0], "/cmd/anigql@latest init") {
		t.Fatalf("README's downstream steps do not start with init: %q", steps)
	}
	return steps
}

// initSteps returns the commands init printed under "Next steps:",
// comments dropped.
func initSteps(out string) []string {
	_, rest, _ := strings.Cut(out, "Next steps:\n")
	var steps []string
	for _, l := range strings.Split(rest, "\n") {
		c, _, _ := strings.Cut(l, "#")
		if c = strings.Join(strings.Fields(c), " "); strings.HasPrefix(c, "go ") {
			steps = append(steps, c)
		}
	}
	return steps
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

package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/anigql/anigql/internal/lint"
)

// collisionSet is one generated operation set: its files, and the
// operations whose names collide in Go in ways only a person can fix
// (lint reports them; --fix leaves them), with the name each gets.
type collisionSet struct {
	files   map[string]string
	renames map[string]string // operation → new name, as the hint says
	// clashes are the identifiers the Go compiler reports as redeclared
	// when the set is generated with only the duplicate fragment copies
	// removed (the enum-named fragment renamed, as genqlient itself would
	// stop at it)
	clashes []string
	enum    string // the fragment named like an enum
}

// genCollisionSet builds an operation set in which every kind of Go
// identifier collision genqlient would produce is forced at least once,
// with names, fields, file layout and fragment copies drawn from rng:
//
//   - an operation and the fragment it spreads of one name, the fragment
//     copied into several files (Apollo Kotlin);
//   - the same, with <Name>Fragment taken by an operation (second choice);
//   - a fragment named like a schema enum that an operation uses;
//   - a fragment's field type (F<Field><Type>) against an operation's name;
//   - an operation named like an enum or an input object (not fixable);
//   - one operation's field type (<Op>Page) against another's name (not
//     fixable).
func genCollisionSet(rng *rand.Rand, k int) collisionSet {
	s := collisionSet{files: map[string]string{}, renames: map[string]string{}}
	nfiles := 2 + rng.IntN(3)
	put := func(text string) {
		name := fmt.Sprintf("q%d.graphql", rng.IntN(nfiles))
		s.files[name] += text + "\n"
	}
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	sub := pick("name { full }", "image { medium }", "name { native }")

	card := fmt.Sprintf("%sCard%d", pick("Staff", "Person", "Crew"), k)
	frag := fmt.Sprintf("fragment %s on Staff {\n  id\n  %s\n}\n", card, sub)
	put(fmt.Sprintf("query %s($id: Int) {\n  Staff(id: $id) {\n    ...%s\n  }\n}\n\n%s", card, card, frag))
	for range 1 + rng.IntN(2) { // Apollo: a copy of the global fragment in each file using it
		put(fmt.Sprintf("query %sList%d {\n  Page {\n    pageInfo { hasNextPage }\n    staff {\n      ...%s\n    }\n  }\n}\n\n%s", card, rng.IntN(1000), card, frag))
	}

	second := fmt.Sprintf("Media%dCard", k)
	put(fmt.Sprintf("query %s {\n  Media {\n    ...%s\n  }\n}\n\nfragment %s on Media {\n  id\n}\n", second, second, second))
	s.clashes = append(s.clashes, card, second)
	put(fmt.Sprintf("query %sFragment {\n  Viewer {\n    id\n  }\n}\n", second))

	enum, arg := pick("MediaSort", "MediaFormat"), ""
	s.enum = enum
	if enum == "MediaSort" {
		arg = "$v: [MediaSort]) {\n  Page {\n    pageInfo { hasNextPage }\n    media(sort: $v)"
	} else {
		arg = "$v: MediaFormat) {\n  Page {\n    pageInfo { hasNextPage }\n    media(format: $v)"
	}
	put(fmt.Sprintf("query Uses%s%d(%s {\n      ...%s\n    }\n  }\n}\n\nfragment %s on Media {\n  %s\n}\n", enum, k, arg, enum, enum, pick("id", "episodes", "title { romaji }")))

	f := fmt.Sprintf("Bits%d", k)
	put(fmt.Sprintf("query With%s {\n  Media {\n    ...%s\n  }\n}\n\nfragment %s on Media {\n  title {\n    romaji\n  }\n}\n", f, f, f))
	s.clashes = append(s.clashes, f+"TitleMediaTitle")
	put(fmt.Sprintf("query %sTitleMediaTitle {\n  Viewer {\n    name\n  }\n}\n", f))

	named := pick("MediaStatus", "MediaSource", "MediaSeason", "FuzzyDateInput", "MediaTitleInput")
	put(fmt.Sprintf("query %s {\n  Media {\n    id\n  }\n}\n", named))
	s.renames[named] = named + "Query"

	find := fmt.Sprintf("Find%d", k)
	put(fmt.Sprintf("query %s($search: String) {\n  Page {\n    pageInfo { hasNextPage }\n    media(search: $search) {\n      id\n    }\n  }\n}\n", find))
	put(fmt.Sprintf("query %sPage {\n  Viewer {\n    id\n  }\n}\n", find))
	s.renames[find+"Page"] = find + "PageQuery"
	s.clashes = append(s.clashes, find+"Page")
	return s
}

// TestCollisionsGenerateAndCompile is the promise of lint, tested as a
// property: for generated operation sets with every kind of Go identifier
// collision forced, `anigql lint --fix` renames the fragments, `anigql lint`
// then reports exactly the operations only a person can rename, and once
// they are renamed as the hints say `lint --strict` passes and `go generate`
// and `go build` succeed. The same holds for a set of 47 operations written
// as Apollo Kotlin apps write them (global fragments copied into each file,
// $type, operations named like their fragments). One set left unfixed shows
// the collisions are real: genqlient's output for it does not build. All
// sets are packages of one temporary module, generated and built at once.
func TestCollisionsGenerateAndCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: builds genqlient and a downstream module")
	}
	t.Parallel()
	m := newDownstreamModule(t)
	var control collisionSet
	seeds := []uint64{1, 2, 3, 4}
	for i, seed := range seeds {
		set := genCollisionSet(rand.New(rand.NewPCG(seed, 9)), i)
		pkg := fmt.Sprintf("set%d", i)
		m.anigql(".", "init", pkg)
		for name, text := range set.files {
			write(t, filepath.Join(m.dir, pkg, "queries", name), text)
		}
		out, code := m.anigqlCode(pkg, "lint", "--fix")
		if code != ExitError {
			t.Errorf("%s: lint --fix with unfixable collisions left: exit %d; want %d", pkg, code, ExitError)
		}
		if n := strings.Count(out, "renamed fragment "); n != 4 {
			t.Errorf("%s: lint --fix renamed %d fragments; want 4:\n%s", pkg, n, out)
		}
		left := m.lintJSON(pkg)
		var got []string
		for _, f := range left {
			if f.Rule != lint.RuleGoName || f.Fixable {
				t.Errorf("%s: after --fix: %v", pkg, f)
			}
			got = append(got, opNameAt(t, filepath.Join(m.dir, pkg, f.File), f.Line))
		}
		slices.Sort(got)
		want := slices.Sorted(maps.Keys(set.renames))
		if !slices.Equal(got, want) {
			t.Errorf("%s: collisions left after --fix at operations %v; want %v", pkg, got, want)
		}
		if i == 0 {
			control = set
			m.anigql(".", "init", "_raw")
			unrename(t, filepath.Join(m.dir, pkg, "queries"), filepath.Join(m.dir, "_raw", "queries"), out, set.enum)
		}
		renameOperations(t, filepath.Join(m.dir, pkg, "queries"), set.renames)
		m.anigql(pkg, "lint", "--strict")
	}
	m.anigql(".", "init", "apollo")
	ms, err := filepath.Glob(filepath.Join("testdata", "apollo", "*.graphql"))
	if err != nil || len(ms) < 40 {
		t.Fatalf("%d Apollo fixtures; want at least 40", len(ms))
	}
	for _, f := range ms {
		copyFile(t, f, filepath.Join(m.dir, "apollo", "queries", filepath.Base(f)))
	}
	m.anigql("apollo", "lint", "--fix")
	m.anigql("apollo", "lint", "--strict")

	m.mustGo("mod", "tidy")
	m.mustGo("generate", "./...")
	m.mustGo("build", "./...")

	// the control: without the renames genqlient's output does not build,
	// and the compiler names each identifier lint reported
	m.mustGo("generate", "./_raw/generated")
	out, err := m.goCmd("build", "-gcflags=-e", "./_raw/generated")
	if err == nil {
		t.Fatal("the set without its renames builds: the collisions are not real")
	}
	for _, name := range control.clashes {
		if !regexp.MustCompile(`\b` + name + ` redeclared`).MatchString(out) {
			t.Errorf("go build of the set without renames does not report %s redeclared:\n%s", name, out)
		}
	}
}

// unrename copies the fixed files of from into to with lint --fix's
// fragment renames undone (all but the one of the fragment keep), as the
// renames were printed in fixOut.
func unrename(t *testing.T, from, to, fixOut, keep string) {
	t.Helper()
	renamed := regexp.MustCompile(`renamed fragment (\w+) to (\w+)`).FindAllStringSubmatch(fixOut, -1)
	ms, _ := filepath.Glob(filepath.Join(from, "*.graphql"))
	for _, f := range ms {
		text := readFile(t, f)
		for _, r := range renamed {
			if r[1] != keep {
				text = regexp.MustCompile(`\b`+r[2]+`\b`).ReplaceAllString(text, r[1])
			}
		}
		write(t, filepath.Join(to, filepath.Base(f)), text)
	}
}

// opNameAt returns the name of the operation defined at line of file.
func opNameAt(t *testing.T, file string, line int) string {
	t.Helper()
	lines := strings.Split(readFile(t, file), "\n")
	if line < 1 || line > len(lines) {
		t.Fatalf("%s has no line %d", file, line)
	}
	m := regexp.MustCompile(`^(?:query|mutation) (\w+)`).FindStringSubmatch(lines[line-1])
	if m == nil {
		t.Fatalf("%s:%d is no operation: %q", file, line, lines[line-1])
	}
	return m[1]
}

// renameOperations renames operations in every file of dir, as a person
// following lint's hint would.
func renameOperations(t *testing.T, dir string, renames map[string]string) {
	t.Helper()
	ms, _ := filepath.Glob(filepath.Join(dir, "*.graphql"))
	for _, f := range ms {
		text := readFile(t, f)
		for from, to := range renames {
			text = regexp.MustCompile(`(?m)^query `+from+`\b`).ReplaceAllString(text, "query "+to)
		}
		write(t, f, text)
	}
}

// downstreamModule is a fresh module that replaces github.com/anigql/anigql
// with this checkout.
type downstreamModule struct {
	t   *testing.T
	dir string
}

func newDownstreamModule(t *testing.T) *downstreamModule {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// the go line of this checkout, so that no other toolchain is fetched
	goLine := regexp.MustCompile(`(?m)^go [0-9.]+$`).FindString(readFile(t, filepath.Join(root, "go.mod")))
	if goLine == "" {
		t.Fatal("no go line in go.mod")
	}
	gomod := "module example.com/downstream\n\n" + goLine + "\n\nrequire github.com/anigql/anigql v0.0.0\n\nreplace github.com/anigql/anigql => " + root + "\n"
	write(t, filepath.Join(dir, "go.mod"), gomod)
	// Seed go.sum with ours (genqlient, x/tools and our dependencies) so that
	// tidy needs no checksum-database lookups for modules already cached.
	copyFile(t, filepath.Join(root, "go.sum"), filepath.Join(dir, "go.sum"))
	return &downstreamModule{t: t, dir: dir}
}

// anigql runs the built binary in dir (relative to the module) and fails
// the test unless it exits 0.
func (m *downstreamModule) anigql(dir string, args ...string) string {
	m.t.Helper()
	cmd := command(m.t, args...)
	cmd.Dir = filepath.Join(m.dir, dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		m.t.Fatalf("anigql %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, out)
	}
	return string(out)
}

// anigqlCode runs the built binary in dir and returns its output and exit
// code.
func (m *downstreamModule) anigqlCode(dir string, args ...string) (string, int) {
	m.t.Helper()
	cmd := command(m.t, args...)
	cmd.Dir = filepath.Join(m.dir, dir)
	out, err := cmd.CombinedOutput()
	return string(out), exitCodeOf(err)
}

// lintJSON runs `anigql --json lint` in dir and returns its findings.
func (m *downstreamModule) lintJSON(dir string) []lint.Finding {
	m.t.Helper()
	cmd := command(m.t, "--json", "lint")
	cmd.Dir = filepath.Join(m.dir, dir)
	out, err := cmd.Output()
	if code := exitCodeOf(err); code != ExitOK && code != ExitError {
		m.t.Fatalf("anigql --json lint (in %s): exit %d", dir, code)
	}
	var fs []lint.Finding
	if err := json.Unmarshal(out, &fs); err != nil {
		m.t.Fatalf("anigql --json lint: %v\n%s", err, out)
	}
	return fs
}

// goCmd runs the go command in the module with the user's GOFLAGS,
// GOPROXY, GOCACHE…; the module is in no workspace and no repository.
func (m *downstreamModule) goCmd(args ...string) (string, error) {
	cmd := exec.CommandContext(m.t.Context(), "go", args...)
	cmd.Dir = m.dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -buildvcs=false"))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (m *downstreamModule) mustGo(args ...string) string {
	m.t.Helper()
	out, err := m.goCmd(args...)
	if err != nil {
		m.t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

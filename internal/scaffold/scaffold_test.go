package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/lint"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/mod/modfile"
)

func writeGoMod(t *testing.T, dir, text string) string {
	t.Helper()
	p := filepath.Join(dir, "go.mod")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInitWritesEverything(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gomod := writeGoMod(t, dir, "module example.com/my-app\n\ngo 1.26\n\nrequire golang.org/x/tools v0.24.0\n")
	res, err := Init(dir, Options{})
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	want := []string{"genqlient.yaml", "schema.graphql", filepath.Join("queries", "example.graphql"), filepath.Join("generated", "doc.go"), "tools.go"}
	if diff := cmp.Diff(want, res.Written); diff != "" {
		t.Errorf("Written (-want +got):\n%s", diff)
	}
	if !res.GoModUpdated || res.HasAnigql {
		t.Errorf("GoModUpdated, HasAnigql = %v, %v; want true, false", res.GoModUpdated, res.HasAnigql)
	}
	if steps := strings.Join(res.NextSteps(), "\n"); !strings.Contains(steps, "go get "+AnigqlModule) {
		t.Errorf("NextSteps lack go get %s for a module that does not require it:\n%s", AnigqlModule, steps)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := read("schema.graphql"); got != anigql.Schema {
		t.Error("schema.graphql differs from anigql.Schema")
	}
	if got := read("tools.go"); !strings.Contains(got, "package myapp\n") || !strings.Contains(got, "//go:build tools") {
		t.Errorf("tools.go = %q; want package myapp behind the tools tag", got)
	}
	if got := read("generated/doc.go"); !strings.Contains(got, "//go:generate go run github.com/anigql/anigql/cmd/anigql-genqlient ../genqlient.yaml\n") {
		t.Errorf("generated/doc.go lacks the go:generate line:\n%s", got)
	}
	f, err := modfile.Parse(gomod, []byte(read("go.mod")), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range f.Require {
		got[r.Mod.Path] = r.Mod.Version
	}
	wantReq := map[string]string{GenqlientModule: GenqlientVersion, XToolsModule: XToolsVersion}
	if diff := cmp.Diff(wantReq, got); diff != "" {
		t.Errorf("go.mod requires (-want +got):\n%s", diff)
	}
}

func TestExampleIsLintClean(t *testing.T) {
	t.Parallel()
	s, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	if got := lint.Check(s, []lint.File{{Name: "example.graphql", Src: exampleGraphQL}}); len(got) != 0 {
		t.Errorf("example operation has findings: %v", got)
	}
}

func TestInitKeepsExistingFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeGoMod(t, dir, "module example.com/x\n\ngo 1.26\n\nrequire (\n\tgithub.com/Khan/genqlient v0.8.1\n\tgithub.com/anigql/anigql v0.1.0\n\tgolang.org/x/tools v0.40.0\n)\n")
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "genqlient.yaml"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Init(dir, Options{})
	if err != nil {
		t.Fatalf("Init: %v", err)
	}
	if diff := cmp.Diff([]string{"genqlient.yaml"}, res.Kept); diff != "" {
		t.Errorf("Kept (-want +got):\n%s", diff)
	}
	if res.GoModUpdated {
		t.Error("GoModUpdated = true for a go.mod that already has newer versions; want false")
	}
	if steps := strings.Join(res.NextSteps(), "\n"); !res.HasAnigql || strings.Contains(steps, "go get") {
		t.Errorf("HasAnigql = %v, NextSteps:\n%s\nwant true and no go get for a module that requires anigql", res.HasAnigql, steps)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "genqlient.yaml")); string(b) != "mine" {
		t.Errorf("genqlient.yaml = %q; want it kept", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "tools.go")); !strings.Contains(string(b), "package main\n") {
		t.Errorf("tools.go = %q; want the package of main.go", b)
	}
	res, err = Init(dir, Options{Force: true})
	if err != nil || len(res.Kept) != 0 {
		t.Errorf("Init(Force) kept %v, err %v; want all written", res.Kept, err)
	}
}

func TestInitOutsideModule(t *testing.T) {
	t.Parallel()
	if _, err := Init(t.TempDir(), Options{}); !errors.Is(err, ErrNoModule) {
		t.Errorf("Init outside a module: err = %v; want ErrNoModule", err)
	}
}

// TestConfigInStep keeps the downstream genqlient.yaml's policy and bindings
// identical to the anigql module's own.
func TestConfigInStep(t *testing.T) {
	t.Parallel()
	root, err := os.ReadFile("../../genqlient.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const from = "# Nullable fields"
	i, j := strings.Index(string(root), from), strings.Index(genqlientYAML, from)
	if i < 0 || j < 0 {
		t.Fatalf("%q not found in both files", from)
	}
	if diff := cmp.Diff(string(root[i:]), genqlientYAML[j:]); diff != "" {
		t.Errorf("downstream genqlient.yaml drifted from ours (-ours +downstream):\n%s", diff)
	}
}

// TestVersionsInStep keeps the pinned versions equal to the ones this module
// builds with.
func TestVersionsInStep(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.Require {
		want := map[string]string{GenqlientModule: GenqlientVersion, XToolsModule: XToolsVersion}[r.Mod.Path]
		if want != "" && r.Mod.Version != want {
			t.Errorf("go.mod requires %s %s; scaffold pins %s", r.Mod.Path, r.Mod.Version, want)
		}
	}
}

func TestIdentifier(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"my-app.v2": "myappv2", "2fa": "p2fa", "go": "tools", "---": "tools", "Tools_X": "tools_x"} {
		if got := identifier(in); got != want {
			t.Errorf("identifier(%q) = %q; want %q", in, got, want)
		}
	}
}

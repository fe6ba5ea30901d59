package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/Khan/genqlient/generate"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/anigql/anigql"
)

// genqlientConfig is the part of the project's genqlient.yaml that decides
// names: default casing, pointers, the scalar bindings.
const genqlientConfig = `schema: schema.graphql
operations:
  - queries/*.graphql
generated: generated/genqlient.go
package: generated
optional: pointer
bindings:
  Json:
    type: encoding/json.RawMessage
  CountryCode:
    type: string
  FuzzyDateInt:
    type: int
`

// genqlientNames runs genqlient v0.8.1 itself over files and returns the
// package-level identifiers of its output, without the __marshal…,
// __unmarshal… and __premarshal… helpers (named after types, so unique
// when the types are).
func genqlientNames(t *testing.T, files []File) map[string]bool {
	t.Helper()
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "queries"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "schema.graphql"), []byte(anigql.Schema), 0o644))
	must(os.WriteFile(filepath.Join(dir, "genqlient.yaml"), []byte(genqlientConfig), 0o644))
	for i, f := range files {
		name := filepath.Join(dir, "queries", strings.ReplaceAll(strings.TrimSuffix(f.Name, ".graphql"), "/", "_")+".graphql")
		if _, err := os.Stat(name); err == nil {
			name = filepath.Join(dir, "queries", "dup"+string(rune('a'+i))+".graphql")
		}
		must(os.WriteFile(name, []byte(f.Src), 0o644))
	}
	cfg, err := generate.ReadAndValidateConfig(filepath.Join(dir, "genqlient.yaml"))
	must(err)
	out, err := generate.Generate(cfg)
	must(err)
	src := out[cfg.Generated]
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "genqlient.go", src, parser.SkipObjectResolution)
	must(err)
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
	for n := range names {
		if n == "_" || strings.HasPrefix(n, "__marshal") || strings.HasPrefix(n, "__unmarshal") || strings.HasPrefix(n, "__premarshal") {
			delete(names, n)
		}
	}
	return names
}

// ourNames returns the identifiers the linter predicts for files: those of
// operations and fragments, and of the schema types genqlient emitted.
func ourNames(t *testing.T, files []File, emitted map[string]bool) map[string]bool {
	t.Helper()
	s := schema(t)
	set := parseSet(files)
	if errs := validator.ValidateWithRules(s, set.merged, nil); len(errs) > 0 {
		t.Fatalf("fixtures do not validate: %v", errs)
	}
	names := map[string]bool{}
	for _, d := range collectDecls(s, set, nil).decls {
		if d.owner.kind != ownedBySchema || emitted[d.name] {
			names[d.name] = true
		}
	}
	return names
}

// TestGoNamesMatchGenqlient holds the linter's model of genqlient's naming
// to genqlient itself: for the project's own operations (typename, flatten,
// unions) and for shapes that stress the algorithm (interfaces, inline
// fragments, aliases, shortened type names), the package-level identifiers
// it predicts are exactly those genqlient declares.
func TestGoNamesMatchGenqlient(t *testing.T) {
	t.Parallel()
	sets := map[string][]File{
		"repository queries": readGlob(t, "../../queries/*.graphql"),
		"shapes": {{"shapes.graphql", omit + `query Shapes($id: Int) {
  Media(id: $id) { id title { romaji } studios { nodes { name } } }
  staff: Staff { ...StaffBits }
  notes: Notification { ... on AiringNotification { media { id } } ...Notes }
  Page { pageInfo { hasNextPage } activities { __typename ... on TextActivity { user { name } } ... on ListActivity { media { id } } } }
}
` + omit + `mutation Save($id: Int) {
  SaveMediaListEntry(mediaId: $id) { id media { id } }
}
fragment StaffBits on Staff { id name { full } staffMedia { nodes { id } } }
fragment Notes on NotificationUnion { ... on ActivityLikeNotification { user { id } } ... on AiringNotification { episode } }
`}},
	}
	for name, files := range sets {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want := genqlientNames(t, files)
			got := ourNames(t, files, want)
			if diff := cmp.Diff(sortedKeys(want), sortedKeys(got)); diff != "" {
				t.Errorf("package-level identifiers (-genqlient +lint):\n%s", diff)
			}
		})
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func readGlob(t *testing.T, pattern string) []File {
	t.Helper()
	ms, err := filepath.Glob(pattern)
	if err != nil || len(ms) == 0 {
		t.Fatalf("no files match %s: %v", pattern, err)
	}
	var files []File
	for _, m := range ms {
		b, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: filepath.Base(m), Src: string(b)})
	}
	return files
}

package generated_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/anigql/anigql/cost"
)

// operationTexts returns every <Name>_Operation constant of genqlient.go:
// the documents the generated functions send, fragments and the
// __typename genqlient adds to abstract selections included.
func operationTexts(t *testing.T) map[string]string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "genqlient.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]string{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok || !strings.HasSuffix(name.Name, "_Operation") {
					continue
				}
				text, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatalf("%s: %v", name.Name, err)
				}
				ops[strings.TrimSuffix(name.Name, "_Operation")] = text
			}
		}
	}
	if len(ops) == 0 {
		t.Fatal("no _Operation constants in genqlient.go")
	}
	return ops
}

// TestOperationsUnderComplexityLimit holds every generated operation, as
// sent, under AniList's query complexity limit of 500 for any values of its
// variables (cost.WorstCase: perPage at 50, every @include on), and clear of
// the nestings AniList answers with HTTP 500. go test -v lists the costs.
func TestOperationsUnderComplexityLimit(t *testing.T) {
	t.Parallel()
	m, err := cost.Default()
	if err != nil {
		t.Fatal(err)
	}
	ops := operationTexts(t)
	names := make([]string, 0, len(ops))
	for name := range ops {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		r, err := m.WorstCase(ops[name], name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		t.Logf("%-32s %4d  %v", name, r.Cost, r.Top)
		if r.Over(cost.Limit) {
			t.Errorf("%s: complexity %d is over AniList's limit of %d (top: %v)", name, r.Cost, cost.Limit, r.Top)
		}
		if r.Failure != nil {
			t.Errorf("%s: %s is answered with HTTP 500 by AniList (%s)", name, r.Failure.Path, r.Failure.Source)
		}
	}
}

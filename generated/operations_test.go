package generated_test

import (
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/lint"
)

// readOperations reads every file in queries/.
func readOperations(t *testing.T) []lint.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "queries", "*.graphql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no operations in queries/: %v", err)
	}
	files := make([]lint.File, len(paths))
	for i, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = lint.File{Name: filepath.Base(path), Src: string(src)}
	}
	return files
}

// TestOperationsLintClean holds the project's own operations to everything
// `anigql lint` checks, warnings included: they validate against the schema,
// are named, carry the optional-argument policy line, use no Go keyword as a
// variable, select pageInfo.hasNextPage and one list per Page, keep perPage
// within AniList's limits and define each fragment once.
func TestOperationsLintClean(t *testing.T) {
	t.Parallel()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lint.Check(schema, readOperations(t)) {
		t.Error(f)
	}
}

// loadOperations parses every file in queries/ into one document, as
// genqlient does: fragments are shared across files.
func loadOperations(t *testing.T) *ast.QueryDocument {
	t.Helper()
	all := &ast.QueryDocument{}
	for _, f := range readOperations(t) {
		doc, err := parser.ParseQuery(&ast.Source{Name: f.Name, Input: f.Src})
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		all.Operations = append(all.Operations, doc.Operations...)
		all.Fragments = append(all.Fragments, doc.Fragments...)
	}
	return all
}

// TestOperationNames checks that every operation is named as the exported Go
// function users call.
func TestOperationNames(t *testing.T) {
	t.Parallel()
	for _, op := range loadOperations(t).Operations {
		if !token.IsExported(op.Name) {
			t.Errorf("%s: operation %q is not named in PascalCase", op.Position.Src.Name, op.Name)
		}
	}
}

// flatten lists the fields of a selection set, looking through fragments.
func flatten(set ast.SelectionSet, frags ast.FragmentDefinitionList) []*ast.Field {
	var out []*ast.Field
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			out = append(out, s)
		case *ast.InlineFragment:
			out = append(out, flatten(s.SelectionSet, frags)...)
		case *ast.FragmentSpread:
			if def := frags.ForName(s.Name); def != nil {
				out = append(out, flatten(def.SelectionSet, frags)...)
			}
		}
	}
	return out
}

// TestRootCoverage checks the coverage goal: at least 24 of the 27 Query
// roots and 24 of the 29 Mutation roots are used by some operation.
func TestRootCoverage(t *testing.T) {
	t.Parallel()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc := loadOperations(t)
	used := map[string]bool{}
	for _, op := range doc.Operations {
		for _, f := range flatten(op.SelectionSet, doc.Fragments) {
			used[string(op.Operation)+"."+f.Name] = true
		}
	}
	for _, root := range []struct {
		op   ast.Operation
		def  *ast.Definition
		want int
	}{{ast.Query, schema.Query, 24}, {ast.Mutation, schema.Mutation, 24}} {
		var covered, missing []string
		for _, f := range root.def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if used[string(root.op)+"."+f.Name] {
				covered = append(covered, f.Name)
			} else {
				missing = append(missing, f.Name)
			}
		}
		t.Logf("%s roots covered: %d/%d; not covered: %v", root.def.Name, len(covered), len(covered)+len(missing), missing)
		if len(covered) < root.want {
			t.Errorf("%s roots covered: %d; want at least %d (missing %v)", root.def.Name, len(covered), root.want, missing)
		}
	}
}

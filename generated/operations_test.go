package generated_test

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/anigql/anigql"
)

// loadOperations parses every file in queries/ into one document, as
// genqlient does: fragments are shared across files.
func loadOperations(t *testing.T) (*ast.Schema, *ast.QueryDocument) {
	t.Helper()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join("..", "queries", "*.graphql"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no operations in queries/: %v", err)
	}
	all := &ast.QueryDocument{}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := parser.ParseQuery(&ast.Source{Name: filepath.Base(path), Input: string(src)})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		all.Operations = append(all.Operations, doc.Operations...)
		all.Fragments = append(all.Fragments, doc.Fragments...)
	}
	return schema, all
}

func TestOperationsValidate(t *testing.T) {
	t.Parallel()
	schema, doc := loadOperations(t)
	for _, err := range validator.Validate(schema, doc) {
		t.Error(err)
	}
}

// TestOperationRules checks the rules every operation in queries/ follows:
// named with the Go name users call, the optional-argument policy line, no
// Go keyword as a variable name, pageInfo.hasNextPage and one list per Page,
// perPage defaults within AniList's limits.
func TestOperationRules(t *testing.T) {
	t.Parallel()
	_, doc := loadOperations(t)
	for _, op := range doc.Operations {
		where := op.Position.Src.Name + ": " + op.Name
		if op.Name == "" || !token.IsExported(op.Name) {
			t.Errorf("%s: operation must be named in PascalCase", where)
		}
		if !hasPolicyLine(op) {
			t.Errorf("%s: missing `# @genqlient(omitempty: true)` above the operation", where)
		}
		for _, v := range op.VariableDefinitions {
			if token.IsKeyword(v.Variable) {
				t.Errorf("%s: variable $%s is a Go keyword", where, v.Variable)
			}
		}
		checkPages(t, where, op.SelectionSet, doc.Fragments)
		checkPerPage(t, where, op, doc.Fragments)
	}
	seen := map[string]bool{}
	for _, f := range doc.Fragments {
		if seen[f.Name] {
			t.Errorf("fragment %s is defined more than once", f.Name)
		}
		seen[f.Name] = true
	}
}

func hasPolicyLine(op *ast.OperationDefinition) bool {
	src := op.Position.Src.Input
	before := strings.TrimRight(src[:op.Position.Start], " \t\n")
	lastLine := before[strings.LastIndex(before, "\n")+1:]
	return strings.TrimSpace(lastLine) == "# @genqlient(omitempty: true)"
}

// checkPages finds every Page field reachable from set and checks it.
func checkPages(t *testing.T, where string, set ast.SelectionSet, frags ast.FragmentDefinitionList) {
	t.Helper()
	for _, f := range flatten(set, frags) {
		if f.Name == "Page" {
			checkPage(t, where, f, frags)
		}
		checkPages(t, where, f.SelectionSet, frags)
	}
}

func checkPage(t *testing.T, where string, page *ast.Field, frags ast.FragmentDefinitionList) {
	t.Helper()
	var lists []string
	hasNext := false
	for _, f := range flatten(page.SelectionSet, frags) {
		switch {
		case f.Name == "pageInfo":
			hasNext = hasNext || slices.ContainsFunc(flatten(f.SelectionSet, frags), func(g *ast.Field) bool { return g.Name == "hasNextPage" })
		case f.Name != "__typename":
			lists = append(lists, f.Name)
		}
	}
	if !hasNext {
		t.Errorf("%s: Page does not select pageInfo { hasNextPage }", where)
	}
	if len(lists) != 1 {
		t.Errorf("%s: Page selects %d list fields %v; AniList allows one", where, len(lists), lists)
	}
}

// checkPerPage checks every perPage argument, literal or through a
// variable's default: at most 50 on Page, 25 on nested connections.
func checkPerPage(t *testing.T, where string, op *ast.OperationDefinition, frags ast.FragmentDefinitionList) {
	t.Helper()
	var walk func(set ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, f := range flatten(set, frags) {
			limit := 25
			if f.Name == "Page" {
				limit = 50
			}
			if arg := f.Arguments.ForName("perPage"); arg != nil {
				if n, ok := intValue(arg.Value, op); ok && n > limit {
					t.Errorf("%s: %s(perPage: %d); AniList allows at most %d", where, f.Name, n, limit)
				}
			}
			walk(f.SelectionSet)
		}
	}
	walk(op.SelectionSet)
}

// intValue resolves an Int literal or a variable's default value.
func intValue(v *ast.Value, op *ast.OperationDefinition) (int, bool) {
	if v.Kind == ast.Variable {
		def := op.VariableDefinitions.ForName(v.Raw)
		if def == nil || def.DefaultValue == nil {
			return 0, false
		}
		v = def.DefaultValue
	}
	n, err := strconv.Atoi(v.Raw)
	return n, err == nil && v.Kind == ast.IntValue
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
	schema, doc := loadOperations(t)
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

package anilisttest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anigql/anigql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// sampleValue invents a value of type t for a variable called name.
func sampleValue(s *ast.Schema, name string, t *ast.Type) any {
	if t.Elem != nil {
		return []any{sampleValue(s, name, t.Elem)}
	}
	n := strings.ToLower(name)
	switch t.NamedType {
	case "Int":
		switch {
		case strings.Contains(n, "media") || strings.Contains(n, "anime"):
			return 154587
		case strings.Contains(n, "perpage"):
			return 5
		}
		return 1
	case "Float":
		return 80
	case "String":
		if strings.Contains(n, "name") {
			return "DemoUser"
		}
		return "Frieren"
	case "Boolean":
		return false
	case "FuzzyDateInt":
		return 20240101
	case "CountryCode":
		return "JP"
	case "Json":
		return map[string]any{}
	}
	if d := s.Types[t.NamedType]; d.Kind == ast.Enum {
		return d.EnumValues[0].Name
	}
	return map[string]any{}
}

// inputRefused reports whether a is AniList's answer to mutation input that
// fails validation ("data":null with a "validation" map), as opposed to an
// operation the schema rejects.
func inputRefused(a answer) bool {
	return len(a.Errors) == 1 && a.Errors[0]["message"] == "validation" && a.Errors[0]["validation"] != nil
}

// TestProjectOperations runs every operation in the module's queries/
// against the emulator with invented variables. Input may be refused (404,
// validation), but nothing may fail schema validation or answer 500.
func TestProjectOperations(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("..", "queries", "*.graphql"))
	if len(files) == 0 {
		t.Skip("no ../queries/*.graphql")
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteString("\n")
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: all.String()})
	if err != nil {
		t.Fatalf("queries/ does not parse: %v", err)
	}
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	s := fresh(t)
	for _, op := range doc.Operations {
		vars := map[string]any{}
		for _, v := range op.VariableDefinitions {
			vars[v.Variable] = sampleValue(schema, v.Variable, v.Type)
		}
		a := postOp(t, s, s.ViewerToken(), all.String(), op.Name, vars)
		if a.Status >= 500 || a.Data == nil && !inputRefused(a) {
			t.Errorf("%s %s: got %d %.400s", op.Operation, op.Name, a.Status, a.Raw)
		}
	}
}

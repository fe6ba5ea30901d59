package lint

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// schemaHint goes with every schema validation error.
const schemaHint = "check the operation against schema.graphql; for a field AniList added since, refresh it with anigql schema -o schema.graphql"

// validate runs gqlparser's validation over the merged document, as genqlient
// does, minus the rules this package reports in its own words.
func validate(schema *ast.Schema, set *opSet) []Finding {
	if len(set.merged.Operations) == 0 && len(set.merged.Fragments) == 0 {
		return nil
	}
	r := rules.NewDefaultRules()
	r.RemoveRule("UniqueFragmentNames")    // checkFragments
	r.RemoveRule("LoneAnonymousOperation") // checkNames
	var out []Finding
	for _, e := range validator.ValidateWithRules(schema, set.merged, r) {
		if e.Rule == "UniqueOperationNames" && strings.Contains(e.Message, `named "".`) {
			continue // anonymous operations: checkNames
		}
		f := Finding{Rule: RuleSchema, Severity: Error, Message: e.Message, Line: 1, Col: 1, Hint: schemaHint}
		if name, ok := e.Extensions["file"].(string); ok {
			f.File = name
		}
		if len(e.Locations) > 0 && e.Locations[0].Line > 0 {
			f.Line, f.Col = e.Locations[0].Line, e.Locations[0].Column
		}
		out = append(out, f)
	}
	return out
}

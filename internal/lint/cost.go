package lint

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/anigql/anigql/cost"
)

// Rules of the complexity checks.
const (
	// RuleComplexity marks an operation that can exceed AniList's query
	// complexity limit.
	RuleComplexity = "complexity"
	// RuleServerError marks a nesting AniList answers with HTTP 500.
	RuleServerError = "server-error"
)

// OpCost is one operation's estimated query complexity.
type OpCost struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Op   string `json:"operation"`
	// Cost is the worst case over the operation's variables, as AniList
	// computes it (package cost).
	Cost int `json:"cost"`
	// Top are the biggest contributors, costliest first.
	Top []cost.Contribution `json:"top"`
	// Failure is a nesting AniList answers with HTTP 500, if any.
	Failure *cost.Failure `json:"failure,omitempty"`
}

// Costs scores every operation of files (fragments shared across them, as
// in [Check]) at its worst case over its variables, in file order.
// Operations that do not validate are scored as far as they go.
func Costs(schema *ast.Schema, files []File) []OpCost {
	set := parseSet(files)
	validator.ValidateWithRules(schema, set.merged, nil) // fills in the definitions the scorer reads
	return costs(schema, set)
}

func costs(schema *ast.Schema, set *opSet) []OpCost {
	m := cost.New(schema, cost.AniList)
	var out []OpCost
	for _, op := range set.merged.Operations {
		r, err := m.Operation(set.merged, op, cost.WorstCase)
		if err != nil {
			continue
		}
		oc := OpCost{Op: op.Name, Cost: r.Cost, Top: r.Top, Failure: r.Failure}
		if pos := op.Position; pos != nil {
			oc.Line, oc.Col = pos.Line, pos.Column
			if pos.Src != nil {
				oc.File = pos.Src.Name
			}
		}
		out = append(out, oc)
	}
	return out
}

// checkCost reports the operations that can exceed AniList's limit and the
// nestings AniList answers with HTTP 500. It runs after validate, which
// fills in the field definitions.
func checkCost(schema *ast.Schema, set *opSet) []Finding {
	var out []Finding
	for _, oc := range costs(schema, set) {
		if oc.Cost > cost.Limit {
			out = append(out, Finding{File: oc.File, Line: oc.Line, Col: oc.Col, Rule: RuleComplexity, Severity: Error,
				Message: fmt.Sprintf("operation %s can cost %d, over AniList's query complexity limit of %d (biggest: %s)",
					opLabel(oc.Op), oc.Cost, cost.Limit, joinTop(oc.Top)),
				Hint: costHint(oc)})
		}
		if f := oc.Failure; f != nil {
			fd := findingAt(f.Position, RuleServerError, Error,
				fmt.Sprintf("AniList answers %s with HTTP 500 Internal Server Error (%s, %s)", f.Path, f.Pattern, f.Source),
				"select nodes instead of edges on one of the connections, or fetch the inner one in a second request", false)
			if fd.File == "" {
				fd.File = oc.File
			}
			out = append(out, fd)
		}
	}
	return out
}

// costHint says how to bring an operation under the limit.
func costHint(oc OpCost) string {
	if len(oc.Top) > 1 && !strings.Contains(oc.Top[0].Path, ".") && oc.Top[0].Cost > 0 {
		per := oc.Top[0].Cost
		return fmt.Sprintf("split the aliases: at %d each, at most %d fit in one request; for ids, query one Page with id_in instead of one alias per id",
			per, cost.Limit/per)
	}
	return "select fewer fields, or split the operation in two; anigql lint --cost lists the biggest contributors"
}

func opLabel(name string) string {
	if name == "" {
		return "(anonymous)"
	}
	return name
}

func joinTop(top []cost.Contribution) string {
	parts := make([]string, len(top))
	for i, c := range top {
		parts[i] = c.String()
	}
	return strings.Join(parts, ", ")
}

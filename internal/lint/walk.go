package lint

import "github.com/vektah/gqlparser/v2/ast"

// eachSelection calls fn for every field, fragment spread and inline fragment
// in ss, depth first, without following fragment spreads.
func eachSelection(ss ast.SelectionSet, fn func(ast.Selection)) {
	for _, sel := range ss {
		fn(sel)
		switch s := sel.(type) {
		case *ast.Field:
			eachSelection(s.SelectionSet, fn)
		case *ast.InlineFragment:
			eachSelection(s.SelectionSet, fn)
		}
	}
}

// eachVariableUse calls fn for every variable value used in ss, in the
// arguments of fields and of directives.
func eachVariableUse(ss ast.SelectionSet, fn func(*ast.Value)) {
	eachSelection(ss, func(sel ast.Selection) {
		switch s := sel.(type) {
		case *ast.Field:
			for _, a := range s.Arguments {
				eachVariable(a.Value, fn)
			}
			directiveVariables(s.Directives, fn)
		case *ast.InlineFragment:
			directiveVariables(s.Directives, fn)
		case *ast.FragmentSpread:
			directiveVariables(s.Directives, fn)
		}
	})
}

func directiveVariables(dl ast.DirectiveList, fn func(*ast.Value)) {
	for _, d := range dl {
		for _, a := range d.Arguments {
			eachVariable(a.Value, fn)
		}
	}
}

func eachVariable(v *ast.Value, fn func(*ast.Value)) {
	if v == nil {
		return
	}
	if v.Kind == ast.Variable {
		fn(v)
		return
	}
	for _, c := range v.Children {
		eachVariable(c.Value, fn)
	}
}

// collectFields returns the fields selected directly in ss, looking through
// inline fragments and fragment spreads (whose definitions the validator
// resolved).
func collectFields(ss ast.SelectionSet) []*ast.Field {
	var out []*ast.Field
	seen := map[*ast.FragmentDefinition]bool{}
	var walk func(ast.SelectionSet)
	walk = func(ss ast.SelectionSet) {
		for _, sel := range ss {
			switch s := sel.(type) {
			case *ast.Field:
				out = append(out, s)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if s.Definition != nil && !seen[s.Definition] {
					seen[s.Definition] = true
					walk(s.Definition.SelectionSet)
				}
			}
		}
	}
	walk(ss)
	return out
}

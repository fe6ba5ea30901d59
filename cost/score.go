package cost

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
)

// scorer walks one operation as webonyx's QueryComplexity rule does.
type scorer struct {
	m    *Model
	doc  *ast.QueryDocument
	op   *ast.OperationDefinition
	mode Mode

	lazy     func() (map[string]any, error) // Given: the request's variables
	vars     map[string]any                 // resolved on first use
	varsDone bool
	dynamic  bool // the result depends on the variables
	err      error

	active  map[string]bool // fragments being expanded, against cycles
	path    []step          // the fields from the root to the current one
	failure *Failure
}

// step is one field on the path: its response name, schema name and type.
type step struct{ alias, name, typ string }

// node is a scored field, kept to find the biggest contributors.
type node struct {
	field    *ast.Field
	path     string
	cost     int
	children []node
}

func newScorer(m *Model, doc *ast.QueryDocument, op *ast.OperationDefinition, mode Mode) *scorer {
	return &scorer{m: m, doc: doc, op: op, mode: mode}
}

// run scores the operation.
func (s *scorer) run() (Result, error) {
	nodes, total := s.set(s.op.SelectionSet, "")
	if s.err != nil {
		return Result{}, s.err
	}
	return Result{Op: s.op.Name, Cost: total, Position: s.op.Position, Top: top(nodes, total), Failure: s.failure}, nil
}

// set scores a selection set: the sum over its selections, fragments
// expanded in place.
func (s *scorer) set(set ast.SelectionSet, prefix string) (nodes []node, total int) {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if n, ok := s.field(sel, prefix); ok {
				nodes = append(nodes, n)
				total += n.cost
			}
		case *ast.InlineFragment:
			ns, t := s.set(sel.SelectionSet, s.branch(prefix, sel.TypeCondition))
			nodes, total = append(nodes, ns...), total+t
		case *ast.FragmentSpread:
			ns, t := s.spread(sel, prefix)
			nodes, total = append(nodes, ns...), total+t
		}
	}
	return nodes, total
}

// spread scores a fragment spread as its fragment's selection.
func (s *scorer) spread(sp *ast.FragmentSpread, prefix string) ([]node, int) {
	def := sp.Definition
	if def == nil {
		def = s.doc.Fragments.ForName(sp.Name)
	}
	if def == nil || s.active[sp.Name] {
		return nil, 0
	}
	if s.active == nil {
		s.active = map[string]bool{}
	}
	s.active[sp.Name] = true
	defer delete(s.active, sp.Name)
	return s.set(def.SelectionSet, s.branch(prefix, def.TypeCondition))
}

// branch returns the path prefix inside a fragment on typ: the prefix
// itself, or with "[typ]" when typ is one branch of the enclosing field's
// union or interface, so that the contributors of two branches read apart
// (Page.notifications[AiringNotification].media).
func (s *scorer) branch(prefix, typ string) string {
	if typ == "" || prefix == "" || len(s.path) == 0 || s.path[len(s.path)-1].typ == typ {
		return prefix
	}
	return strings.TrimSuffix(prefix, ".") + "[" + typ + "]."
}

// field scores one field: 0 when a directive excludes it, else its rule
// (default: children + 1).
func (s *scorer) field(f *ast.Field, prefix string) (node, bool) {
	if s.excluded(f) {
		return node{}, false
	}
	name := f.Alias
	if name == "" {
		name = f.Name
	}
	n := node{field: f, path: prefix + name}
	s.push(f, name)
	var children int
	if len(f.SelectionSet) > 0 {
		n.children, children = s.set(f.SelectionSet, n.path+".")
	}
	s.path = s.path[:len(s.path)-1]
	n.cost = children + 1
	if rule := s.rule(f); rule != nil {
		n.cost = rule(children, s.args(f))
	}
	return n, true
}

// rule returns the table's rule for f, or nil.
func (s *scorer) rule(f *ast.Field) Rule {
	if len(s.m.table) == 0 || f.ObjectDefinition == nil {
		return nil
	}
	return s.m.table[f.ObjectDefinition.Name+"."+f.Name]
}

// push adds f to the path and records a known failing pattern it completes.
func (s *scorer) push(f *ast.Field, alias string) {
	st := step{alias: alias, name: f.Name}
	if f.Definition != nil && f.Definition.Type != nil {
		st.typ = f.Definition.Type.Name()
	}
	s.path = append(s.path, st)
	if s.failure == nil {
		s.failure = matchFailure(s.path, f)
	}
}

// excluded reports whether @include or @skip leaves f out. As in webonyx,
// the first of @deprecated, @include and @skip decides.
func (s *scorer) excluded(f *ast.Field) bool {
	for _, d := range f.Directives {
		switch d.Name {
		case "deprecated":
			return false
		case "include":
			v, ok := s.condition(d)
			return ok && !v
		case "skip":
			v, ok := s.condition(d)
			return ok && v
		}
	}
	return false
}

// condition evaluates a directive's "if"; ok is false when it is unknown
// (a variable in WorstCase mode, or a bad value), which counts the field.
func (s *scorer) condition(d *ast.Directive) (value, ok bool) {
	arg := d.Arguments.ForName("if")
	if arg == nil || arg.Value == nil {
		return false, false
	}
	var vars map[string]any
	if hasVariable(arg.Value) {
		s.dynamic = true
		if s.mode == WorstCase {
			return false, false
		}
		vars = s.variables()
	}
	v, err := arg.Value.Value(vars)
	b, isBool := v.(bool)
	return b, err == nil && isBool
}

// args returns f's arguments for its rule.
func (s *scorer) args(f *ast.Field) map[string]any {
	var vars map[string]any
	withVars := slices.ContainsFunc(f.Arguments, func(a *ast.Argument) bool { return hasVariable(a.Value) })
	if withVars {
		s.dynamic = true
		vars = s.variables()
	}
	args := f.ArgumentMap(vars)
	if s.mode == WorstCase && withVars {
		for _, a := range f.Arguments {
			if bound, ok := Bounds[a.Name]; ok && hasVariable(a.Value) {
				args[a.Name] = bound
			}
		}
	}
	return args
}

// variables returns the operation's variables: the request's, coerced, with
// defaults (Given), or only the defaults (WorstCase).
func (s *scorer) variables() map[string]any {
	if s.varsDone {
		return s.vars
	}
	s.varsDone = true
	if s.mode == WorstCase {
		s.vars = map[string]any{}
		for _, def := range s.op.VariableDefinitions {
			if def.DefaultValue != nil {
				if v, err := def.DefaultValue.Value(nil); err == nil {
					s.vars[def.Variable] = v
				}
			}
		}
		return s.vars
	}
	var raw map[string]any
	if s.lazy != nil {
		var err error
		if raw, err = s.lazy(); err != nil {
			s.err = fmt.Errorf("cost: variables: %w", err)
			return nil
		}
	}
	vars, err := validator.VariableValues(s.m.schema, s.op, raw)
	if err != nil {
		s.err = fmt.Errorf("%w: %s", ErrInvalid, strings.TrimSpace(err.Error()))
		return nil
	}
	s.vars = vars
	return s.vars
}

// hasVariable reports whether v is, or contains, a variable.
func hasVariable(v *ast.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == ast.Variable {
		return true
	}
	return slices.ContainsFunc(v.Children, func(c *ast.ChildValue) bool { return hasVariable(c.Value) })
}

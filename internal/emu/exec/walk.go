package exec

import (
	"context"
	"reflect"

	"github.com/vektah/gqlparser/v2/ast"
)

// Ctx is what a resolver sees of the running operation.
type Ctx struct {
	Context context.Context
	// State is Request.State: whatever the server attached (e.g. the viewer).
	State any
	// Vars are the coerced variables, defaults applied.
	Vars map[string]any
	// Doc is the parsed operation document.
	Doc *ast.QueryDocument
	// Field is the field being resolved.
	Field *ast.Field

	exec    *Executor
	errors  []*Error
	objects int    // objects built so far, see spend
	stopped *Error // set when the operation was cut short
}

// collected is one response key with every field merged under it.
type collected struct {
	Alias  string
	Field  *ast.Field
	Fields []*ast.Field
}

// Children returns the response keys and fields selected under the current
// field when its value has the object type typeName, in selection order.
func (c *Ctx) Children(typeName string) []*ast.Field {
	def := c.exec.Schema.Types[typeName]
	if def == nil || c.Field == nil {
		return nil
	}
	var out []*ast.Field
	for _, f := range c.collect(def, c.Field.SelectionSet, nil) {
		out = append(out, f.Field)
	}
	return out
}

// Args returns the arguments of f with variables and defaults applied.
func (c *Ctx) Args(f *ast.Field) map[string]any {
	return f.ArgumentMap(c.Vars)
}

// addError records err at field f.
func (c *Ctx) addError(err *Error, f *ast.Field) {
	e := *err
	if f != nil && f.Position != nil && e.Locations == nil {
		e.Locations = []Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	c.errors = append(c.errors, &e)
}

// collect merges the fields of set that apply to def, in order.
func (c *Ctx) collect(def *ast.Definition, set ast.SelectionSet, out []*collected) []*collected {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !c.included(s.Directives) {
				continue
			}
			out = merge(out, s)
		case *ast.InlineFragment:
			if c.included(s.Directives) && c.applies(s.TypeCondition, def) {
				out = c.collect(def, s.SelectionSet, out)
			}
		case *ast.FragmentSpread:
			frag := s.Definition
			if frag == nil {
				frag = c.Doc.Fragments.ForName(s.Name)
			}
			if frag != nil && c.included(s.Directives) && c.applies(frag.TypeCondition, def) {
				out = c.collect(def, frag.SelectionSet, out)
			}
		}
	}
	return out
}

func merge(out []*collected, f *ast.Field) []*collected {
	for _, e := range out {
		if e.Alias == f.Alias {
			e.Fields = append(e.Fields, f)
			return out
		}
	}
	return append(out, &collected{Alias: f.Alias, Field: f, Fields: []*ast.Field{f}})
}

// included applies @skip and @include.
func (c *Ctx) included(dirs ast.DirectiveList) bool {
	if d := dirs.ForName("skip"); d != nil && d.ArgumentMap(c.Vars)["if"] == true {
		return false
	}
	if d := dirs.ForName("include"); d != nil && d.ArgumentMap(c.Vars)["if"] != true {
		return false
	}
	return true
}

// applies reports whether a fragment on cond applies to the object type def.
func (c *Ctx) applies(cond string, def *ast.Definition) bool {
	if cond == "" || cond == def.Name {
		return true
	}
	for _, p := range c.exec.Schema.PossibleTypes[cond] {
		if p.Name == def.Name {
			return true
		}
	}
	return false
}

// object resolves set on parent, an object of type def. ok is false when a
// non-null field failed, so the object itself must become null.
func (c *Ctx) object(def *ast.Definition, set ast.SelectionSet, fields []*ast.Field, parent any) (*Object, bool) {
	if !c.spend() {
		return nil, true
	}
	var keys []*collected
	if fields == nil {
		keys = c.collect(def, set, nil)
	} else {
		for _, f := range fields {
			keys = c.collect(def, f.SelectionSet, keys)
		}
	}
	out := &Object{Keys: make([]string, 0, len(keys)), Values: make([]any, 0, len(keys))}
	for _, k := range keys {
		v, ok := c.field(def, k, parent)
		if !ok {
			return nil, false
		}
		out.Keys = append(out.Keys, k.Alias)
		out.Values = append(out.Values, v)
	}
	return out, true
}

// field resolves and completes one response key.
func (c *Ctx) field(def *ast.Definition, k *collected, parent any) (any, bool) {
	name := k.Field.Name
	if name == "__typename" {
		return def.Name, true
	}
	fd := def.Fields.ForName(name)
	if fd == nil {
		fd = k.Field.Definition
	}
	if fd == nil {
		return nil, true
	}
	v, err := c.resolve(def, k.Field, parent)
	if err != nil {
		c.addError(asError(err), k.Field)
		return nil, !fd.Type.NonNull
	}
	return c.complete(fd.Type, v, k)
}

func (c *Ctx) resolve(def *ast.Definition, f *ast.Field, parent any) (any, error) {
	if len(c.exec.Refused) > 0 && len(f.Arguments) > 0 {
		if err := c.refused(def, f, f.ArgumentMap(c.Vars)); err != nil {
			return nil, err
		}
	}
	r := c.exec.Resolvers[def.Name+"."+f.Name]
	if r == nil {
		r = builtin[def.Name+"."+f.Name]
	}
	if r == nil {
		if m, ok := parent.(map[string]any); ok {
			return m[f.Name], nil
		}
		return nil, nil
	}
	saved := c.Field
	c.Field = f
	defer func() { c.Field = saved }()
	return r(c, parent, f.ArgumentMap(c.Vars))
}

// complete shapes v as type t: nulls, lists, leaves and objects.
func (c *Ctx) complete(t *ast.Type, v any, k *collected) (any, bool) {
	if t.NonNull {
		nt := *t
		nt.NonNull = false
		out, ok := c.complete(&nt, v, k)
		if ok && out == nil {
			c.addError(Errorf(500, "Cannot return null for non-nullable field %s.", k.Field.Name), k.Field)
		}
		return out, ok && out != nil
	}
	if isNil(v) {
		return nil, true
	}
	if t.Elem != nil {
		return c.list(t.Elem, v, k)
	}
	def := c.exec.Schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Object, ast.Union, ast.Interface:
		return c.completeObject(def, v, k), true
	}
	out, err := leaf(def, v)
	if err != nil {
		c.addError(err, k.Field)
		return nil, true
	}
	return out, true
}

// completeObject resolves the sub-selection on v, finding the concrete type
// of a union or interface value; a failed non-null field makes it null.
//
// A value whose __typename the schema does not know stands for a member the
// live server added after the client's schema (AniList adds NotificationUnion
// members every few months): it answers what the selection asks of the
// abstract type itself, __typename above all, and no fragment applies to it,
// exactly what a client generated from the older schema then receives.
func (c *Ctx) completeObject(def *ast.Definition, v any, k *collected) any {
	if def.Kind != ast.Object {
		name := typeOf(v)
		concrete := c.exec.Schema.Types[name]
		switch {
		case concrete != nil:
			def = concrete
		case name != "":
			def = &ast.Definition{Kind: ast.Object, Name: name}
		default:
			c.addError(Errorf(500, "Cannot resolve the concrete type of %s.", def.Name), k.Field)
			return nil
		}
	}
	if obj, ok := c.object(def, nil, k.Fields, v); ok {
		return obj
	}
	return nil
}

func (c *Ctx) list(elem *ast.Type, v any, k *collected) (any, bool) {
	items := ToList(v)
	out := make([]any, len(items))
	for i, item := range items {
		r, ok := c.complete(elem, item, k)
		if !ok {
			return nil, true
		}
		out[i] = r
	}
	return out, true
}

// typeOf names the concrete type of a union member: its "__typename" key.
func typeOf(v any) string {
	if m, ok := v.(map[string]any); ok {
		s, _ := m["__typename"].(string)
		return s
	}
	return ""
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch v := v.(type) {
	case map[string]any:
		return v == nil
	case []any:
		return v == nil
	}
	return false
}

// ToList turns any slice into []any: nil for nil, a one-item list for a
// value that is not a slice. Resolvers share it for list arguments and data.
func ToList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = e
		}
		return out
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		return []any{v}
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

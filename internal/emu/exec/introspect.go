package exec

import (
	"sort"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"
)

// introspection holds the schema as plain maps shaped like the standard
// __Schema/__Type/__Field objects, built once, so the walker answers
// __schema and __type like any other data.
type introspection struct {
	once   sync.Once
	schema map[string]any
	types  map[string]map[string]any
}

// builtin resolves the introspection fields for every executor.
var builtin = map[string]Resolver{
	"Query.__schema": func(c *Ctx, _ any, _ map[string]any) (any, error) {
		return c.exec.introspect().schema, nil
	},
	"Query.__type": func(c *Ctx, _ any, args map[string]any) (any, error) {
		name, _ := args["name"].(string)
		if t, ok := c.exec.introspect().types[name]; ok {
			return t, nil
		}
		return nil, nil
	},
	"__Type.fields":        deprecatedFilter("fields"),
	"__Type.enumValues":    deprecatedFilter("enumValues"),
	"__Type.inputFields":   deprecatedFilter("inputFields"),
	"__Field.args":         deprecatedFilter("args"),
	"__Directive.args":     deprecatedFilter("args"),
	"__Type.ofType":        plain("ofType"),
	"__Schema.types":       plain("types"),
	"__Type.possibleTypes": plain("possibleTypes"),
}

func plain(key string) Resolver {
	return func(_ *Ctx, parent any, _ map[string]any) (any, error) {
		return parent.(map[string]any)[key], nil
	}
}

// deprecatedFilter drops deprecated entries unless includeDeprecated is true.
func deprecatedFilter(key string) Resolver {
	return func(_ *Ctx, parent any, args map[string]any) (any, error) {
		list, _ := parent.(map[string]any)[key].([]any)
		if list == nil || args["includeDeprecated"] == true {
			return list, nil
		}
		out := make([]any, 0, len(list))
		for _, e := range list {
			if e.(map[string]any)["isDeprecated"] != true {
				out = append(out, e)
			}
		}
		return out, nil
	}
}

func (e *Executor) introspect() *introspection {
	in := &e.intro
	in.once.Do(func() { in.build(e.Schema) })
	return in
}

func (in *introspection) build(s *ast.Schema) {
	in.types = make(map[string]map[string]any, len(s.Types))
	names := make([]string, 0, len(s.Types))
	for name := range s.Types {
		names = append(names, name)
		in.types[name] = map[string]any{}
	}
	sort.Strings(names)
	all := make([]any, len(names))
	for i, name := range names {
		in.fillType(s, s.Types[name])
		all[i] = in.types[name]
	}
	in.schema = map[string]any{
		"description":      nil,
		"types":            all,
		"queryType":        in.named(s.Query),
		"mutationType":     in.named(s.Mutation),
		"subscriptionType": in.named(s.Subscription),
		"directives":       in.directives(s),
	}
}

func (in *introspection) named(d *ast.Definition) any {
	if d == nil {
		return nil
	}
	return in.types[d.Name]
}

func (in *introspection) fillType(s *ast.Schema, d *ast.Definition) {
	t := in.types[d.Name]
	t["kind"] = string(d.Kind)
	t["name"] = d.Name
	t["description"] = nilIfEmpty(d.Description)
	t["specifiedByURL"] = nil
	t["isOneOf"] = false
	if d.Kind == ast.Object || d.Kind == ast.Interface {
		fields := []any{}
		for _, f := range d.Fields {
			if len(f.Name) > 1 && f.Name[:2] == "__" {
				continue
			}
			fields = append(fields, in.field(f))
		}
		t["fields"] = fields
		ifaces := []any{}
		for _, i := range d.Interfaces {
			ifaces = append(ifaces, in.types[i])
		}
		t["interfaces"] = ifaces
	}
	if d.Kind == ast.Union || d.Kind == ast.Interface {
		possible := []any{}
		for _, p := range s.PossibleTypes[d.Name] {
			possible = append(possible, in.types[p.Name])
		}
		t["possibleTypes"] = possible
	}
	if d.Kind == ast.Enum {
		values := []any{}
		for _, v := range d.EnumValues {
			reason, dep := deprecation(v.Directives)
			values = append(values, map[string]any{"name": v.Name, "description": nilIfEmpty(v.Description), "isDeprecated": dep, "deprecationReason": reason})
		}
		t["enumValues"] = values
	}
	if d.Kind == ast.InputObject {
		t["inputFields"] = in.inputValues(d.Fields)
	}
}

func (in *introspection) field(f *ast.FieldDefinition) map[string]any {
	reason, dep := deprecation(f.Directives)
	return map[string]any{
		"name":              f.Name,
		"description":       nilIfEmpty(f.Description),
		"args":              in.args(f.Arguments),
		"type":              in.ref(f.Type),
		"isDeprecated":      dep,
		"deprecationReason": reason,
	}
}

func (in *introspection) args(list ast.ArgumentDefinitionList) []any {
	out := []any{}
	for _, a := range list {
		out = append(out, in.inputValue(a.Name, a.Description, a.Type, a.DefaultValue, a.Directives))
	}
	return out
}

func (in *introspection) inputValues(list ast.FieldList) []any {
	out := []any{}
	for _, f := range list {
		out = append(out, in.inputValue(f.Name, f.Description, f.Type, f.DefaultValue, f.Directives))
	}
	return out
}

func (in *introspection) inputValue(name, desc string, t *ast.Type, def *ast.Value, dirs ast.DirectiveList) map[string]any {
	reason, dep := deprecation(dirs)
	var dv any
	if def != nil {
		dv = def.String()
	}
	return map[string]any{
		"name": name, "description": nilIfEmpty(desc), "type": in.ref(t),
		"defaultValue": dv, "isDeprecated": dep, "deprecationReason": reason,
	}
}

// ref is a type reference: wrappers for NON_NULL and LIST, else the type.
func (in *introspection) ref(t *ast.Type) map[string]any {
	if t.NonNull {
		inner := *t
		inner.NonNull = false
		return map[string]any{"kind": "NON_NULL", "name": nil, "ofType": in.ref(&inner)}
	}
	if t.Elem != nil {
		return map[string]any{"kind": "LIST", "name": nil, "ofType": in.ref(t.Elem)}
	}
	return in.types[t.NamedType]
}

func (in *introspection) directives(s *ast.Schema) []any {
	names := make([]string, 0, len(s.Directives))
	for n := range s.Directives {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]any, 0, len(names))
	for _, n := range names {
		d := s.Directives[n]
		locs := make([]any, len(d.Locations))
		for i, l := range d.Locations {
			locs[i] = string(l)
		}
		out = append(out, map[string]any{
			"name": d.Name, "description": nilIfEmpty(d.Description), "locations": locs,
			"args": in.args(d.Arguments), "isRepeatable": d.IsRepeatable,
		})
	}
	return out
}

func deprecation(dirs ast.DirectiveList) (any, bool) {
	d := dirs.ForName("deprecated")
	if d == nil {
		return nil, false
	}
	if a := d.Arguments.ForName("reason"); a != nil && a.Value != nil {
		return a.Value.Raw, true
	}
	return "No longer supported", true
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

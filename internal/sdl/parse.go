package sdl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Parse reads a schema from data, which is either an introspection result
// (JSON: {"data":{"__schema":…}} or {"__schema":…}) or SDL. SDL may redeclare
// the built-in scalars, introspection types and directives, as schema dumps
// often do; they are dropped.
func Parse(name string, data []byte) (*Schema, error) {
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		return ParseIntrospection(data)
	}
	return ParseSDL(name, string(data))
}

// ParseIntrospection decodes an introspection result. It accepts the whole
// GraphQL response ({"data":{"__schema":…}}) or its data ({"__schema":…}) and
// reports the response's errors, if any.
func ParseIntrospection(data []byte) (*Schema, error) {
	var resp struct {
		Data *struct {
			Schema *Schema `json:"__schema"`
		} `json:"data"`
		Schema *Schema `json:"__schema"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(data, &resp); err != nil {
		return nil, fmt.Errorf("sdl: decoding introspection result: %w", err)
	}
	if len(resp.Errors) > 0 {
		return nil, fmt.Errorf("sdl: introspection failed: %s", resp.Errors[0].Message)
	}
	s := resp.Schema
	if resp.Data != nil && resp.Data.Schema != nil {
		s = resp.Data.Schema
	}
	if s == nil {
		return nil, errors.New(`sdl: introspection result has no "__schema"`)
	}
	if err := check(s); err != nil {
		return nil, err
	}
	if err := normaliseDefaults(s); err != nil {
		return nil, err
	}
	sortSchema(s)
	return s, nil
}

// ParseSDL parses schema definition language (without validating it against
// the built-in prelude, so dumps that redeclare Int still load).
func ParseSDL(name, src string) (*Schema, error) {
	doc, err := parser.ParseSchema(&ast.Source{Name: name, Input: src})
	if err != nil {
		return nil, fmt.Errorf("sdl: %w", err)
	}
	s := &Schema{}
	roots := map[ast.Operation]string{ast.Query: "Query", ast.Mutation: "Mutation", ast.Subscription: "Subscription"}
	for _, sd := range append(doc.Schema, doc.SchemaExtension...) {
		for _, op := range sd.OperationTypes {
			roots[op.Operation] = op.Type
		}
	}
	byName := map[string]int{}
	for _, def := range append(doc.Definitions, doc.Extensions...) {
		t := fromDefinition(def)
		if i, ok := byName[t.Name]; ok { // an extension: merge into the type
			mergeType(&s.Types[i], t)
			continue
		}
		byName[t.Name] = len(s.Types)
		s.Types = append(s.Types, t)
	}
	for _, d := range doc.Directives {
		s.Directives = append(s.Directives, fromDirective(d))
	}
	s.QueryType = &NamedRef{Name: roots[ast.Query]}
	s.MutationType = &NamedRef{Name: roots[ast.Mutation]}
	s.SubscriptionType = &NamedRef{Name: roots[ast.Subscription]}
	sortSchema(s)
	return s, nil
}

// FromAST converts a loaded schema, built-in types and directives included, so
// that the result answers an introspection query as a real server would.
func FromAST(schema *ast.Schema) *Schema {
	s := &Schema{}
	for _, def := range schema.Types {
		s.Types = append(s.Types, fromDefinition(def))
	}
	for _, d := range schema.Directives {
		s.Directives = append(s.Directives, fromDirective(d))
	}
	named := func(d *ast.Definition) *NamedRef {
		if d == nil {
			return nil
		}
		return &NamedRef{Name: d.Name}
	}
	s.QueryType, s.MutationType, s.SubscriptionType = named(schema.Query), named(schema.Mutation), named(schema.Subscription)
	sortSchema(s)
	return s
}

func mergeType(dst *Type, ext Type) {
	dst.Fields = append(dst.Fields, ext.Fields...)
	dst.InputFields = append(dst.InputFields, ext.InputFields...)
	dst.Interfaces = append(dst.Interfaces, ext.Interfaces...)
	dst.EnumValues = append(dst.EnumValues, ext.EnumValues...)
	dst.PossibleTypes = append(dst.PossibleTypes, ext.PossibleTypes...)
	if dst.Description == nil {
		dst.Description = ext.Description
	}
}

func fromDefinition(def *ast.Definition) Type {
	t := Type{Kind: string(def.Kind), Name: def.Name, Description: optString(def.Description)}
	for _, f := range def.Fields {
		if def.Kind == ast.InputObject {
			t.InputFields = append(t.InputFields, fromArgLike(f.Name, f.Description, f.Type, f.DefaultValue, f.Directives))
			continue
		}
		if strings.HasPrefix(f.Name, "__") { // __typename, __schema, __type are implicit
			continue
		}
		t.Fields = append(t.Fields, fromField(f))
	}
	for _, name := range def.Interfaces {
		t.Interfaces = append(t.Interfaces, namedType("INTERFACE", name))
	}
	for _, name := range def.Types {
		t.PossibleTypes = append(t.PossibleTypes, namedType("OBJECT", name))
	}
	for _, v := range def.EnumValues {
		reason, deprecated := deprecation(v.Directives)
		t.EnumValues = append(t.EnumValues, EnumValue{Name: v.Name, Description: optString(v.Description), IsDeprecated: deprecated, DeprecationReason: reason})
	}
	if d := def.Directives.ForName("specifiedBy"); d != nil {
		if arg := d.Arguments.ForName("url"); arg != nil && arg.Value != nil {
			t.SpecifiedByURL = &arg.Value.Raw
		}
	}
	return t
}

func fromField(f *ast.FieldDefinition) Field {
	reason, deprecated := deprecation(f.Directives)
	out := Field{Name: f.Name, Description: optString(f.Description), Type: fromType(f.Type), IsDeprecated: deprecated, DeprecationReason: reason}
	out.Args = []InputValue{}
	for _, a := range f.Arguments {
		out.Args = append(out.Args, fromArgLike(a.Name, a.Description, a.Type, a.DefaultValue, a.Directives))
	}
	return out
}

func fromDirective(d *ast.DirectiveDefinition) Directive {
	out := Directive{Name: d.Name, Description: optString(d.Description), IsRepeatable: d.IsRepeatable, Args: []InputValue{}}
	for _, loc := range d.Locations {
		out.Locations = append(out.Locations, string(loc))
	}
	for _, a := range d.Arguments {
		out.Args = append(out.Args, fromArgLike(a.Name, a.Description, a.Type, a.DefaultValue, a.Directives))
	}
	return out
}

func fromArgLike(name, desc string, typ *ast.Type, def *ast.Value, dirs ast.DirectiveList) InputValue {
	reason, deprecated := deprecation(dirs)
	v := InputValue{Name: name, Description: optString(desc), Type: fromType(typ), IsDeprecated: deprecated, DeprecationReason: reason}
	if def != nil {
		lit := formatValue(def)
		v.DefaultValue = &lit
	}
	return v
}

func fromType(t *ast.Type) TypeRef {
	var ref TypeRef
	if t.Elem != nil {
		elem := fromType(t.Elem)
		ref = TypeRef{Kind: "LIST", OfType: &elem}
	} else {
		ref = namedType("", t.NamedType)
	}
	if t.NonNull {
		inner := ref
		return TypeRef{Kind: "NON_NULL", OfType: &inner}
	}
	return ref
}

// namedType references a type by name. Kind is filled in later from the
// type's own definition (see resolveKinds) when it is not known here.
func namedType(kind, name string) TypeRef {
	n := name
	return TypeRef{Kind: kind, Name: &n}
}

// DefaultDeprecationReason is the reason introspection reports for a bare
// @deprecated.
const DefaultDeprecationReason = "No longer supported"

func deprecation(dirs ast.DirectiveList) (*string, bool) {
	d := dirs.ForName("deprecated")
	if d == nil {
		return nil, false
	}
	reason := DefaultDeprecationReason
	if arg := d.Arguments.ForName("reason"); arg != nil && arg.Value != nil {
		reason = arg.Value.Raw
	}
	return &reason, true
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

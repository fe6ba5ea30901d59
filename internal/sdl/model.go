// Package sdl turns a GraphQL schema, given as an introspection result or as
// SDL, into normalised SDL text: descriptions, default values and @deprecated
// kept, types in a stable order, so the same input always prints the same
// bytes. The anigql schema command is a thin wrapper around it.
//
// The model types mirror the standard introspection result field for field, so
// a [Schema] marshals to JSON as the "__schema" object of an introspection
// answer. The offline emulator serves introspection from it.
package sdl

// Schema is the "__schema" object of an introspection result.
type Schema struct {
	QueryType        *NamedRef   `json:"queryType"`
	MutationType     *NamedRef   `json:"mutationType"`
	SubscriptionType *NamedRef   `json:"subscriptionType"`
	Types            []Type      `json:"types"`
	Directives       []Directive `json:"directives"`
	Description      *string     `json:"description,omitempty"`
}

// NamedRef names a type, as queryType and friends do.
type NamedRef struct {
	Name string `json:"name"`
}

// Type is one "__Type" of the schema.
type Type struct {
	Kind           string       `json:"kind"`
	Name           string       `json:"name"`
	Description    *string      `json:"description"`
	SpecifiedByURL *string      `json:"specifiedByURL,omitempty"`
	Fields         []Field      `json:"fields"`
	InputFields    []InputValue `json:"inputFields"`
	Interfaces     []TypeRef    `json:"interfaces"`
	EnumValues     []EnumValue  `json:"enumValues"`
	PossibleTypes  []TypeRef    `json:"possibleTypes"`
}

// Field is one "__Field" of an object or interface type.
type Field struct {
	Name              string       `json:"name"`
	Description       *string      `json:"description"`
	Args              []InputValue `json:"args"`
	Type              TypeRef      `json:"type"`
	IsDeprecated      bool         `json:"isDeprecated"`
	DeprecationReason *string      `json:"deprecationReason"`
}

// InputValue is one "__InputValue": an argument or an input object field.
// DefaultValue holds the default as a GraphQL literal, as introspection does.
type InputValue struct {
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	Type              TypeRef `json:"type"`
	DefaultValue      *string `json:"defaultValue"`
	IsDeprecated      bool    `json:"isDeprecated,omitempty"`
	DeprecationReason *string `json:"deprecationReason,omitempty"`
}

// EnumValue is one "__EnumValue".
type EnumValue struct {
	Name              string  `json:"name"`
	Description       *string `json:"description"`
	IsDeprecated      bool    `json:"isDeprecated"`
	DeprecationReason *string `json:"deprecationReason"`
}

// Directive is one "__Directive".
type Directive struct {
	Name         string       `json:"name"`
	Description  *string      `json:"description"`
	Locations    []string     `json:"locations"`
	Args         []InputValue `json:"args"`
	IsRepeatable bool         `json:"isRepeatable"`
}

// TypeRef is a possibly wrapped type reference: kind NON_NULL and LIST wrap
// OfType, every other kind names a type.
type TypeRef struct {
	Kind   string   `json:"kind"`
	Name   *string  `json:"name"`
	OfType *TypeRef `json:"ofType"`
}

// String renders the reference in GraphQL syntax, e.g. "[Int!]!".
func (t TypeRef) String() string {
	switch {
	case t.Kind == "NON_NULL" && t.OfType != nil:
		return t.OfType.String() + "!"
	case t.Kind == "LIST" && t.OfType != nil:
		return "[" + t.OfType.String() + "]"
	case t.Name != nil:
		return *t.Name
	}
	return ""
}

// builtinScalars are the scalars every GraphQL server has; SDL leaves them out.
var builtinScalars = map[string]bool{"Int": true, "Float": true, "String": true, "Boolean": true, "ID": true}

// builtinDirectives are the directives the spec defines, plus the incremental
// delivery ones that gqlparser declares in its prelude; SDL leaves them out.
var builtinDirectives = map[string]bool{"include": true, "skip": true, "deprecated": true, "specifiedBy": true, "oneOf": true, "defer": true, "stream": true}

// isBuiltinType reports whether a named type is part of every schema: the
// standard scalars and the "__" introspection types.
func isBuiltinType(name string) bool {
	return builtinScalars[name] || len(name) > 1 && name[:2] == "__"
}

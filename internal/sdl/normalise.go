package sdl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// sortSchema puts types and directives in name order, fills in the kind of
// every type reference and forgets root operation types that do not exist. Fields, arguments and enum values keep the order the
// server declared them in.
func sortSchema(s *Schema) {
	slices.SortStableFunc(s.Types, func(a, b Type) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortStableFunc(s.Directives, func(a, b Directive) int { return cmp.Compare(a.Name, b.Name) })
	kinds := make(map[string]string, len(s.Types))
	for _, t := range s.Types {
		kinds[t.Name] = t.Kind
	}
	for name := range builtinScalars {
		if kinds[name] == "" {
			kinds[name] = "SCALAR"
		}
	}
	dropMissing := func(ref **NamedRef) {
		if *ref != nil && kinds[(*ref).Name] == "" {
			*ref = nil
		}
	}
	dropMissing(&s.QueryType)
	dropMissing(&s.MutationType)
	dropMissing(&s.SubscriptionType)
	for i := range s.Types {
		t := &s.Types[i]
		for j := range t.Fields {
			resolveKind(&t.Fields[j].Type, kinds)
			resolveArgKinds(t.Fields[j].Args, kinds)
		}
		resolveArgKinds(t.InputFields, kinds)
		for j := range t.Interfaces {
			resolveKind(&t.Interfaces[j], kinds)
		}
		for j := range t.PossibleTypes {
			resolveKind(&t.PossibleTypes[j], kinds)
		}
	}
	for i := range s.Directives {
		resolveArgKinds(s.Directives[i].Args, kinds)
	}
}

func resolveArgKinds(args []InputValue, kinds map[string]string) {
	for i := range args {
		resolveKind(&args[i].Type, kinds)
	}
}

func resolveKind(ref *TypeRef, kinds map[string]string) {
	for r := ref; r != nil; r = r.OfType {
		if r.Name != nil && kinds[*r.Name] != "" {
			r.Kind = kinds[*r.Name]
		}
	}
}

// normaliseDefaults rewrites every default value of an introspection result
// into the canonical literal form used for SDL input, so both inputs print
// alike.
func normaliseDefaults(s *Schema) error {
	fix := func(where string, args []InputValue) error {
		for i := range args {
			if args[i].DefaultValue == nil {
				continue
			}
			lit, err := canonicalLiteral(*args[i].DefaultValue)
			if err != nil {
				return fmt.Errorf("sdl: default value of %s.%s: %w", where, args[i].Name, err)
			}
			args[i].DefaultValue = &lit
		}
		return nil
	}
	for _, t := range s.Types {
		for _, f := range t.Fields {
			if err := fix(t.Name+"."+f.Name, f.Args); err != nil {
				return err
			}
		}
		if err := fix(t.Name, t.InputFields); err != nil {
			return err
		}
	}
	for _, d := range s.Directives {
		if err := fix("@"+d.Name, d.Args); err != nil {
			return err
		}
	}
	return nil
}

// canonicalLiteral parses a GraphQL value literal and prints it back in the
// canonical form.
func canonicalLiteral(lit string) (string, error) {
	doc, err := parser.ParseQuery(&ast.Source{Input: "query($v: Int = " + lit + ") { a }"})
	if err != nil {
		return "", err
	}
	if len(doc.Operations) != 1 || len(doc.Operations[0].VariableDefinitions) != 1 {
		return "", fmt.Errorf("not a single value: %q", lit)
	}
	return formatValue(doc.Operations[0].VariableDefinitions[0].DefaultValue), nil
}

// formatValue prints a value literal as graphql-js does: lists as [A, B],
// objects as {a: 1, b: 2}, strings quoted.
func formatValue(v *ast.Value) string {
	if v == nil {
		return "null"
	}
	switch v.Kind {
	case ast.Variable:
		return "$" + v.Raw
	case ast.StringValue, ast.BlockValue:
		return quote(v.Raw)
	case ast.ListValue:
		parts := make([]string, len(v.Children))
		for i, c := range v.Children {
			parts[i] = formatValue(c.Value)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case ast.ObjectValue:
		parts := make([]string, len(v.Children))
		for i, c := range v.Children {
			parts[i] = c.Name + ": " + formatValue(c.Value)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return v.Raw
}

// quote writes s as a GraphQL string literal.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

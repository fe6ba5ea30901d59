package sdl

import (
	"bytes"
	"strings"
)

// Print writes s as SDL. Built-in scalars, introspection types and built-in
// directives are left out, so that the output loads in gqlparser and genqlient.
// Types come in name order; fields, arguments and enum values in the order
// the schema declares them. Printing the same schema always gives the same
// bytes, and printing what Parse read from Print's output gives them again.
func Print(s *Schema) []byte {
	p := &printer{}
	p.schemaDefinition(s)
	for _, d := range s.Directives {
		if !builtinDirectives[d.Name] {
			p.directive(d)
		}
	}
	for _, t := range s.Types {
		if !isBuiltinType(t.Name) {
			p.typ(t)
		}
	}
	return p.buf.Bytes()
}

type printer struct{ buf bytes.Buffer }

func (p *printer) printf(parts ...string) {
	for _, s := range parts {
		p.buf.WriteString(s)
	}
}

// block starts a new top-level definition, separated by a blank line.
func (p *printer) block() {
	if p.buf.Len() > 0 {
		p.buf.WriteByte('\n')
	}
}

func (p *printer) schemaDefinition(s *Schema) {
	isDefault := func(ref *NamedRef, want string) bool { return ref == nil || ref.Name == want }
	if isDefault(s.QueryType, "Query") && isDefault(s.MutationType, "Mutation") && isDefault(s.SubscriptionType, "Subscription") {
		return
	}
	p.printf("schema {\n")
	for _, r := range []struct {
		op  string
		ref *NamedRef
	}{{"query", s.QueryType}, {"mutation", s.MutationType}, {"subscription", s.SubscriptionType}} {
		if r.ref != nil {
			p.printf("  ", r.op, ": ", r.ref.Name, "\n")
		}
	}
	p.printf("}\n")
}

func (p *printer) directive(d Directive) {
	p.block()
	p.description(d.Description, "")
	p.printf("directive @", d.Name)
	p.args(d.Args, "")
	if d.IsRepeatable {
		p.printf(" repeatable")
	}
	p.printf(" on ", strings.Join(d.Locations, " | "), "\n")
}

func (p *printer) typ(t Type) {
	p.block()
	p.description(t.Description, "")
	switch t.Kind {
	case "SCALAR":
		p.printf("scalar ", t.Name)
		if t.SpecifiedByURL != nil {
			p.printf(" @specifiedBy(url: ", quote(*t.SpecifiedByURL), ")")
		}
		p.printf("\n")
	case "UNION":
		names := make([]string, len(t.PossibleTypes))
		for i, r := range t.PossibleTypes {
			names[i] = r.String()
		}
		p.printf("union ", t.Name, " = ", strings.Join(names, " | "), "\n")
	case "ENUM":
		p.printf("enum ", t.Name, " {\n")
		for _, v := range t.EnumValues {
			p.description(v.Description, "  ")
			p.printf("  ", v.Name, deprecatedSuffix(v.IsDeprecated, v.DeprecationReason), "\n")
		}
		p.printf("}\n")
	case "INPUT_OBJECT":
		p.printf("input ", t.Name, " {\n")
		for _, f := range t.InputFields {
			p.inputValue(f, "  ")
			p.printf("\n")
		}
		p.printf("}\n")
	default: // OBJECT, INTERFACE
		keyword := "type "
		if t.Kind == "INTERFACE" {
			keyword = "interface "
		}
		p.printf(keyword, t.Name, implements(t.Interfaces), " {\n")
		for _, f := range t.Fields {
			p.description(f.Description, "  ")
			p.printf("  ", f.Name)
			p.args(f.Args, "  ")
			p.printf(": ", f.Type.String(), deprecatedSuffix(f.IsDeprecated, f.DeprecationReason), "\n")
		}
		p.printf("}\n")
	}
}

func implements(refs []TypeRef) string {
	if len(refs) == 0 {
		return ""
	}
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.String()
	}
	return " implements " + strings.Join(names, " & ")
}

// args prints an argument list: on one line when no argument has a
// description, otherwise one argument per line.
func (p *printer) args(args []InputValue, indent string) {
	if len(args) == 0 {
		return
	}
	described := false
	for _, a := range args {
		described = described || a.Description != nil
	}
	if !described {
		p.printf("(")
		for i, a := range args {
			if i > 0 {
				p.printf(", ")
			}
			p.inputValue(a, "")
		}
		p.printf(")")
		return
	}
	p.printf("(\n")
	for _, a := range args {
		p.inputValue(a, indent+"  ")
		p.printf("\n")
	}
	p.printf(indent, ")")
}

func (p *printer) inputValue(v InputValue, indent string) {
	p.description(v.Description, indent)
	p.printf(indent, v.Name, ": ", v.Type.String())
	if v.DefaultValue != nil {
		p.printf(" = ", *v.DefaultValue)
	}
	p.printf(deprecatedSuffix(v.IsDeprecated, v.DeprecationReason))
}

// description prints a block-string description above a definition.
func (p *printer) description(desc *string, indent string) {
	if desc == nil || *desc == "" {
		return
	}
	text := strings.ReplaceAll(*desc, `"""`, `\"""`)
	p.printf(indent, `"""`, "\n")
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" {
			p.printf("\n")
			continue
		}
		p.printf(indent, line, "\n")
	}
	p.printf(indent, `"""`, "\n")
}

func deprecatedSuffix(deprecated bool, reason *string) string {
	if !deprecated {
		return ""
	}
	if reason == nil || *reason == DefaultDeprecationReason {
		return " @deprecated"
	}
	return " @deprecated(reason: " + quote(*reason) + ")"
}

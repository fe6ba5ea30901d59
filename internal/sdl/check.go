package sdl

import (
	"fmt"
	"regexp"
)

var nameRE = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

var typeKinds = map[string]bool{"SCALAR": true, "OBJECT": true, "INTERFACE": true, "UNION": true, "ENUM": true, "INPUT_OBJECT": true}

// check reports the first structural defect of an introspection result: a
// missing or invalid name, an unknown kind, a malformed type reference.
func check(s *Schema) error {
	for _, t := range s.Types {
		if err := checkType(t); err != nil {
			return fmt.Errorf("sdl: invalid introspection result: %w", err)
		}
	}
	for _, d := range s.Directives {
		if !nameRE.MatchString(d.Name) {
			return fmt.Errorf("sdl: invalid introspection result: directive name %q", d.Name)
		}
		if err := checkArgs("@"+d.Name, d.Args); err != nil {
			return fmt.Errorf("sdl: invalid introspection result: %w", err)
		}
	}
	return nil
}

func checkType(t Type) error {
	if !nameRE.MatchString(t.Name) {
		return fmt.Errorf("type name %q", t.Name)
	}
	if !typeKinds[t.Kind] {
		return fmt.Errorf("type %s: kind %q", t.Name, t.Kind)
	}
	for _, f := range t.Fields {
		if !nameRE.MatchString(f.Name) {
			return fmt.Errorf("type %s: field name %q", t.Name, f.Name)
		}
		if err := checkRef(t.Name+"."+f.Name, f.Type); err != nil {
			return err
		}
		if err := checkArgs(t.Name+"."+f.Name, f.Args); err != nil {
			return err
		}
	}
	if err := checkArgs(t.Name, t.InputFields); err != nil {
		return err
	}
	for _, v := range t.EnumValues {
		if !nameRE.MatchString(v.Name) {
			return fmt.Errorf("enum %s: value %q", t.Name, v.Name)
		}
	}
	for _, refs := range [][]TypeRef{t.Interfaces, t.PossibleTypes} {
		for _, r := range refs {
			if r.Name == nil || !nameRE.MatchString(*r.Name) {
				return fmt.Errorf("type %s: malformed member or interface reference", t.Name)
			}
		}
	}
	return nil
}

func checkArgs(where string, args []InputValue) error {
	for _, a := range args {
		if !nameRE.MatchString(a.Name) {
			return fmt.Errorf("%s: argument name %q", where, a.Name)
		}
		if err := checkRef(where+"."+a.Name, a.Type); err != nil {
			return err
		}
	}
	return nil
}

func checkRef(where string, ref TypeRef) error {
	for depth, r := 0, &ref; ; depth, r = depth+1, r.OfType {
		switch {
		case depth > 16:
			return fmt.Errorf("%s: type reference nested too deeply", where)
		case r.Kind == "LIST" || r.Kind == "NON_NULL":
			if r.OfType == nil || r.Kind == "NON_NULL" && r.OfType.Kind == "NON_NULL" {
				return fmt.Errorf("%s: malformed %s type reference", where, r.Kind)
			}
		case r.Name == nil || !nameRE.MatchString(*r.Name):
			return fmt.Errorf("%s: type reference without a valid name", where)
		default:
			return nil
		}
	}
}

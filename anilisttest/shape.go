package anilisttest

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// ShapeError reports a value that does not fit the schema, from
// [Server.Put] or from a [ResolverFunc] given to [Server.Override]: what
// was called (Op), the GraphQL type, the field path and what the schema
// wants there.
type ShapeError struct {
	Op    string // "Put Media 999" or "Override Query.Media"
	Type  string // the GraphQL type holding the field
	Field string // dotted path from the record or answer, e.g. "title.romaji"
	Value any    // the offending value
	Want  string // what the schema wants, e.g. "Int" or "a field of Media"
}

// Error implements error.
func (e *ShapeError) Error() string {
	if e.Value == nil && strings.HasPrefix(e.Want, "a field") {
		return fmt.Sprintf("anilisttest: %s: %s has no field %q", e.Op, e.Type, e.Field)
	}
	v := fmt.Sprint(e.Value)
	if s, ok := e.Value.(string); ok {
		v = strconv.Quote(s)
	}
	return fmt.Sprintf("anilisttest: %s: field %s of %s: got %T %s; want %s", e.Op, e.Field, e.Type, e.Value, v, e.Want)
}

// shapeChecker checks Go values against the schema.
type shapeChecker struct {
	schema *ast.Schema
	op     string
}

// record checks the fields of an object of type def. Keys starting with
// "_" are the emulator's own links and "<field>Id" holds the id of a linked
// record; every other key must be a field of def.
func (c shapeChecker) record(def *ast.Definition, obj map[string]any, path string) error {
	for k, v := range obj {
		if strings.HasPrefix(k, "_") {
			continue
		}
		p := join(path, k)
		fd := def.Fields.ForName(k)
		if fd == nil && strings.HasSuffix(k, "Id") && def.Fields.ForName(strings.TrimSuffix(k, "Id")) != nil {
			if _, ok := whole(v); !ok && v != nil {
				return &ShapeError{Op: c.op, Type: def.Name, Field: p, Value: v, Want: "an Int id"}
			}
			continue
		}
		if fd == nil {
			return &ShapeError{Op: c.op, Type: def.Name, Field: p, Want: "a field of " + def.Name}
		}
		if err := c.value(def.Name, fd.Type, v, p); err != nil {
			return err
		}
	}
	return nil
}

// value checks v as a value of type t, the type of field path of owner.
func (c shapeChecker) value(owner string, t *ast.Type, v any, path string) error {
	if v == nil {
		return nil // null, or the zero value for a non-null field
	}
	bad := func(want string) error {
		return &ShapeError{Op: c.op, Type: owner, Field: path, Value: v, Want: want}
	}
	if t.Elem != nil {
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Slice {
			return bad("a list of " + t.Elem.String())
		}
		for i := range rv.Len() {
			if err := c.value(owner, t.Elem, rv.Index(i).Interface(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	}
	def := c.schema.Types[t.NamedType]
	switch def.Kind {
	case ast.Object, ast.Union, ast.Interface:
		m, ok := v.(map[string]any)
		if !ok {
			return bad("an object (map[string]any) of type " + def.Name)
		}
		if def.Kind != ast.Object {
			name, _ := m["__typename"].(string)
			concrete := c.schema.Types[name]
			if concrete == nil || !possible(c.schema, def, concrete) {
				return bad(`a "__typename" naming a member of ` + def.Name)
			}
			def = concrete
		}
		return c.record(def, m, path)
	case ast.Enum:
		if s, ok := v.(string); !ok || def.EnumValues.ForName(s) == nil {
			return bad("a " + def.Name + " value")
		}
		return nil
	}
	if !scalarFits(def.Name, v) {
		return bad(def.Name)
	}
	return nil
}

// scalarFits reports whether v can be answered as the scalar name.
func scalarFits(name string, v any) bool {
	switch name {
	case "Int", "FuzzyDateInt":
		_, ok := whole(v)
		return ok
	case "Float":
		_, isNum := v.(json.Number)
		_, isInt := whole(v)
		_, isFloat := v.(float64)
		return isNum || isInt || isFloat
	case "String", "CountryCode":
		_, ok := v.(string)
		return ok
	case "ID":
		_, isString := v.(string)
		_, isInt := whole(v)
		return isString || isInt
	case "Boolean":
		_, ok := v.(bool)
		return ok
	}
	return true // Json and other custom scalars take anything
}

// whole reads v as an integer: any Go integer, or a whole float64.
func whole(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		return int64(n), n == math.Trunc(n) && !math.IsInf(n, 0)
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint()), true
	}
	return 0, false
}

// possible reports whether concrete is a member of the abstract type def.
func possible(s *ast.Schema, def, concrete *ast.Definition) bool {
	for _, p := range s.PossibleTypes[def.Name] {
		if p.Name == concrete.Name {
			return true
		}
	}
	return false
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

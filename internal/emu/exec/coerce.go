package exec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"reflect"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Bounds of GraphQL's Int, a 32-bit signed integer.
const (
	minInt = math.MinInt32
	maxInt = math.MaxInt32
)

// checkVariables coerces the built-in scalars of the variables as AniList's
// server (webonyx/graphql-php) does, which is stricter than gqlparser: a
// string is never an Int or a Float ("154587" for $id: Int is refused,
// where gqlparser would accept it and the lookup would then miss), an Int is
// a whole JSON number in the 32-bit range, and the message quotes the value
// as the client sent it:
//
//	Variable "$id" got invalid value "154587"; Int cannot represent non-integer value: "154587"
//
// A whole number written with a fraction (154587.0) is refused too, with
// that text in the message: graphql-php would accept it, but a test that
// passes only because the emulator coerced a float is the kinder mistake.
// Variables that are missing, null or of other types are left to gqlparser.
func checkVariables(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) *Error {
	for _, def := range op.VariableDefinitions {
		v, ok := vars[def.Variable]
		if !ok || v == nil {
			continue
		}
		msg, at := checkValue(schema, def.Type, v, "value")
		if msg == "" {
			continue
		}
		if at != "value" {
			msg = fmt.Sprintf("%s at %q", msg, at)
		}
		e := &Error{Status: http.StatusBadRequest,
			Message: fmt.Sprintf("Variable \"$%s\" got invalid value %s; %s", def.Variable, printValue(v), msg)}
		if def.Position != nil {
			e.Locations = []Location{{Line: def.Position.Line, Column: def.Position.Column}}
		}
		return e
	}
	return nil
}

// checkValue returns the coercion message for v as type t, and the path of
// the offending part of v ("value", "value[1]", "value.score").
func checkValue(schema *ast.Schema, t *ast.Type, v any, at string) (string, string) {
	if v == nil {
		return "", ""
	}
	if t.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return checkValue(schema, t.Elem, v, at) // a single value stands for a list of one
		}
		for i, item := range list {
			if msg, where := checkValue(schema, t.Elem, item, fmt.Sprintf("%s[%d]", at, i)); msg != "" {
				return msg, where
			}
		}
		return "", ""
	}
	def := schema.Types[t.NamedType]
	if def != nil && def.Kind == ast.InputObject {
		obj, ok := v.(map[string]any)
		if !ok {
			return "", "" // gqlparser names the type
		}
		for _, f := range def.Fields {
			if msg, where := checkValue(schema, f.Type, obj[f.Name], at+"."+f.Name); msg != "" {
				return msg, where
			}
		}
		return "", ""
	}
	return checkScalar(t.NamedType, v), at
}

// checkScalar is graphql-php's parseValue of the built-in scalars. Values
// from the HTTP server are json.Number, kept as the client wrote them; Go
// integers and whole float64s (from in-process callers) are accepted.
func checkScalar(name string, v any) string {
	switch name {
	case "Int":
		i, whole := integer(v)
		if !whole {
			return "Int cannot represent non-integer value: " + printValue(v)
		}
		if i < minInt || i > maxInt {
			return "Int cannot represent non 32-bit signed integer value: " + printValue(v)
		}
	case "Float":
		if _, ok := number(v); !ok {
			return "Float cannot represent non numeric value: " + printValue(v)
		}
	case "String":
		if _, ok := v.(string); !ok {
			return "String cannot represent a non string value: " + printValue(v)
		}
	case "Boolean":
		if _, ok := v.(bool); !ok {
			return "Boolean cannot represent a non boolean value: " + printValue(v)
		}
	case "ID":
		if _, ok := v.(string); !ok {
			if _, whole := integer(v); !whole {
				return "ID cannot represent a non-string and non-integer value: " + printValue(v)
			}
		}
	}
	return ""
}

// integer reads v as a whole number; a json.Number written with a fraction
// or an exponent is not one.
func integer(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		if strings.ContainsAny(n.String(), ".eE") {
			return 0, false
		}
		i, err := n.Int64()
		if err != nil {
			return math.MaxInt64, true // out of range, reported as such
		}
		return i, true
	case float64:
		if n != math.Trunc(n) || math.IsInf(n, 0) {
			return 0, false
		}
		if math.Abs(n) > math.MaxInt32*2 {
			return math.MaxInt64, true
		}
		return int64(n), true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	}
	return 0, false
}

// number reports whether v is a JSON or Go number.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case float32:
		return float64(n), true
	}
	i, ok := integer(v)
	return float64(i), ok
}

// printValue writes v as JSON, numbers as the client wrote them.
func printValue(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

package exec

import (
	"encoding/json"
	"math"
	"net/http"

	"github.com/vektah/gqlparser/v2/ast"
)

// leaf serializes a scalar or enum value, refusing values of the wrong Go
// type so that a dataset mistake is an error, not a wrongly typed answer.
func leaf(def *ast.Definition, v any) (any, *Error) {
	ok, out := true, v
	switch def.Name {
	case "Int":
		out, ok = toInt(v)
	case "Float":
		out, ok = toFloat(v)
	case "String", "ID":
		_, ok = v.(string)
	case "Boolean":
		_, ok = v.(bool)
	default:
		if def.Kind == ast.Enum {
			var s string
			s, ok = v.(string)
			ok = ok && def.EnumValues.ForName(s) != nil
		}
	}
	if !ok {
		return nil, Errorf(http.StatusInternalServerError, "exec: cannot serialize %v (%T) as %s", v, v, def.Name)
	}
	return out, nil
}

func toInt(v any) (any, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return n, true
	case float64:
		return int64(n), n == math.Trunc(n)
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return nil, false
}

func toFloat(v any) (any, bool) {
	switch n := v.(type) {
	case int, int64, float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return nil, false
}

package exec

import (
	"net/http"
	"reflect"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// refused answers the "not supported" error for the first argument of f
// that the executor's Refused set names, or nil. An argument given its
// schema default (or null) is never refused: the emulator then answers as
// if it were left out, which it does as AniList does. For a list or enum
// argument each value is looked up too, as "Type.field(arg:VALUE)", so a
// sort the emulator cannot order by is refused while the others work.
func (c *Ctx) refused(def *ast.Definition, f *ast.Field, args map[string]any) *Error {
	refused := c.exec.Refused
	if len(refused) == 0 || len(f.Arguments) == 0 || f.Definition == nil {
		return nil
	}
	for _, a := range f.Arguments {
		v := args[a.Name]
		if v == nil {
			continue
		}
		key := def.Name + "." + f.Name + "(" + a.Name
		if ad := f.Definition.Arguments.ForName(a.Name); ad != nil && ad.DefaultValue != nil {
			if dv, err := ad.DefaultValue.Value(nil); err == nil && reflect.DeepEqual(normalizeArg(dv), normalizeArg(v)) {
				continue
			}
		}
		if refused[key+")"] {
			return Errorf(http.StatusBadRequest, "anilisttest: argument %s.%s(%s) is not supported", def.Name, f.Name, a.Name)
		}
		if b, ok := v.(bool); ok && refused[key+":"+strconv.FormatBool(b)+")"] {
			return Errorf(http.StatusBadRequest, "anilisttest: argument %s.%s(%s: %v) is not supported", def.Name, f.Name, a.Name, b)
		}
		for _, item := range ToList(v) {
			if s, ok := item.(string); ok && refused[key+":"+s+")"] {
				return Errorf(http.StatusBadRequest, "anilisttest: %s: %s of %s.%s is not supported", a.Name, s, def.Name, f.Name)
			}
		}
	}
	return nil
}

// normalizeArg makes numbers comparable across int, int64 and float64.
func normalizeArg(v any) any {
	if n, ok := toFloat(v); ok {
		if f, isFloat := n.(float64); isFloat {
			return f
		}
		return reflect.ValueOf(n).Convert(reflect.TypeFor[float64]()).Interface()
	}
	return v
}

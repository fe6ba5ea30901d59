// Package shape turns a decoded Go value into a tree of maps, slices and
// scalars that records every struct's type name and every exported field,
// so that values of distinct but identically declared types (the generated
// package and internal/stockgen) can be compared with cmp.Diff.
package shape

import (
	"fmt"
	"reflect"
)

// Of returns the shape of v. Pointers are followed (nil stays nil), an
// interface records its dynamic type's name, structs become maps holding
// their type name under "type" and each exported field under its Go name,
// byte slices become strings, and nil and empty slices stay distinct.
func Of(v any) any { return of(reflect.ValueOf(v)) }

func of(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return of(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return map[string]any{"dynamic": typeName(v.Elem().Type()), "value": of(v.Elem())}
	case reflect.Struct:
		return structOf(v)
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return "bytes:" + string(v.Bytes())
		}
		fallthrough
	case reflect.Array:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = of(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		out := make(map[string]any, v.Len())
		for it := v.MapRange(); it.Next(); {
			out[fmt.Sprint(it.Key().Interface())] = of(it.Value())
		}
		return out
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint()
	case reflect.Float32, reflect.Float64:
		return v.Float()
	default:
		return fmt.Sprintf("unsupported %s", v.Type())
	}
}

// structOf is the shape of a struct value.
func structOf(v reflect.Value) map[string]any {
	t := v.Type()
	out := map[string]any{"type": typeName(t)}
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() {
			out[f.Name] = of(v.Field(i))
		}
	}
	return out
}

// typeName is a type's name without its package path.
func typeName(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		return "*" + typeName(t.Elem())
	}
	if t.Name() != "" {
		return t.Name()
	}
	return t.String()
}

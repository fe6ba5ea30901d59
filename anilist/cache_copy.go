package anilist

import (
	"reflect"
	"sync/atomic"
)

// A cache hit decodes the cached body the first time and keeps the decoded
// value on the entry; later hits of the same Go type copy that value deeply
// into the caller's, which costs a fraction of decoding the JSON again (the
// generated types decode fragments with encoding/json). Every caller gets
// its own copy: changing an answer never changes the cache or another
// caller's answer. Only stores that hand out the same *CacheEntry again
// (the MemoryCache) profit.

// decoded is the decoded value of an entry for one Go type.
type decoded struct {
	typ reflect.Type
	val reflect.Value // the value the pointer resp.Data points to
}

// memo holds an entry's decoded value. It lives on the entry.
type memo struct{ p atomic.Pointer[decoded] }

// fromMemo copies e's decoded value into data, a pointer of the same type,
// and reports whether it could.
func (e *CacheEntry) fromMemo(data any) bool {
	d := e.memo.p.Load()
	dst := reflect.ValueOf(data)
	if d == nil || dst.Kind() != reflect.Pointer || dst.IsNil() || dst.Type() != d.typ {
		return false
	}
	deepCopy(dst.Elem(), d.val)
	return true
}

// keepMemo keeps a copy of data, just decoded from e's body, on e.
func (e *CacheEntry) keepMemo(data any) {
	src := reflect.ValueOf(data)
	if src.Kind() != reflect.Pointer || src.IsNil() {
		return
	}
	val := reflect.New(src.Elem().Type()).Elem()
	deepCopy(val, src.Elem())
	e.memo.p.Store(&decoded{typ: src.Type(), val: val})
}

// deepCopy sets dst, a settable value, to a deep copy of src of the same
// type: pointers, slices, maps and interfaces are copied, not shared.
// Unexported fields are copied shallowly (as in time.Time).
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		dst.Set(src)
		for i := range src.NumField() {
			if f := dst.Field(i); f.CanSet() && needsCopy(f.Kind()) {
				deepCopy(f, src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if !needsCopy(src.Type().Elem().Kind()) {
			reflect.Copy(s, src)
		} else {
			for i := range src.Len() {
				deepCopy(s.Index(i), src.Index(i))
			}
		}
		dst.Set(s)
	case reflect.Array:
		for i := range src.Len() {
			deepCopy(dst.Index(i), src.Index(i))
		}
	case reflect.Map:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		for it := src.MapRange(); it.Next(); {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Interface:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		deepCopy(v, src.Elem())
		dst.Set(v)
	default:
		dst.Set(src)
	}
}

// needsCopy reports whether values of kind k may share memory.
func needsCopy(k reflect.Kind) bool {
	switch k {
	case reflect.Pointer, reflect.Struct, reflect.Slice, reflect.Array, reflect.Map, reflect.Interface:
		return true
	}
	return false
}

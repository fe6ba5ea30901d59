package anilist

import (
	"math/bits"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A cache hit decodes the cached body the first time and keeps the decoded
// value on the entry; later hits of the same Go type copy that value deeply
// into the caller's, which costs a fraction of decoding the JSON again.
// Every caller gets its own copy: changing an answer never changes the
// cache or another caller's answer. Only stores that hand out the same
// *CacheEntry again (the MemoryCache) profit.
//
// The copy follows a plan compiled once per Go type (see copyPlan), and
// takes the memory of the copy from a few slabs, one array per element
// type, sized by the first copy of the same value: an answer of a hundred
// pointers costs a dozen allocations, not a hundred.

// decoded is the decoded value of an entry for one Go type.
type decoded struct {
	typ  reflect.Type   // the type of the pointer resp.Data
	plan *copyPlan      // the plan of typ.Elem()
	val  unsafe.Pointer // the value, of type typ.Elem()
	uses []int          // how many elements of each slab a copy takes
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
	d.plan.copy(dst.UnsafePointer(), d.val, d.uses, false)
	return true
}

// keepMemo keeps a copy of data, just decoded from e's body, on e.
func (e *CacheEntry) keepMemo(data any) {
	src := reflect.ValueOf(data)
	if src.Kind() != reflect.Pointer || src.IsNil() {
		return
	}
	plan := planOf(src.Type().Elem())
	val := reflect.New(plan.typ).UnsafePointer()
	uses := plan.count(src.UnsafePointer())
	plan.copy(val, src.UnsafePointer(), uses, true)
	e.memo.p.Store(&decoded{typ: src.Type(), plan: plan, val: val, uses: uses})
}

// A copyPlan copies values of one Go type deeply: pointers, slices, maps
// and interfaces are copied, not shared. Unexported fields are copied
// shallowly (as in time.Time), maps, interfaces and arrays of such values
// by reflection (the generated types have few: union fields and
// json.RawMessage).
type copyPlan struct {
	typ   reflect.Type
	root  *copyNode
	slabs []*slabType
}

// A copyNode copies one value of its type: its steps, in order, cover every
// byte of the value.
type copyNode struct {
	size  uintptr
	steps []copyStep
}

// stepKind says what a copyStep does.
type stepKind uint8

const (
	stepBytes   stepKind = iota // n bytes with no pointers in them
	stepWord                    // one pointer word, shared
	stepString                  // a string header: strings are immutable
	stepSlice                   // a slice header, shared
	stepIface                   // an interface, shared
	stepPointer                 // a pointer to a copy of its target
	stepCopy                    // a slice of copies of its elements
	stepReflect                 // a deep copy by reflection
	stepShallow                 // a shallow copy by reflection
)

// A copyStep copies the part of a value at off.
type copyStep struct {
	kind stepKind
	off  uintptr
	n    uintptr      // stepBytes: the length
	elem *copyNode    // stepPointer, stepCopy: the target or element
	slab int          // stepPointer, stepCopy: where their memory comes from
	typ  reflect.Type // stepReflect, stepShallow: the type at off
}

// slabType is the element type of one slab of a plan, with the array
// types that the copies allocate, one per length class.
type slabType struct {
	typ    reflect.Type
	slice  reflect.Type
	size   uintptr
	arrays [maxClass]atomic.Value // of reflect.Type
}

var plans sync.Map // reflect.Type → *copyPlan

// planOf returns the plan of t, compiling it once.
func planOf(t reflect.Type) *copyPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*copyPlan)
	}
	c := &planCompiler{plan: &copyPlan{typ: t}, nodes: map[reflect.Type]*copyNode{}, slabs: map[reflect.Type]int{}}
	c.plan.root = c.node(t)
	p, _ := plans.LoadOrStore(t, c.plan)
	return p.(*copyPlan)
}

// planCompiler compiles one plan.
type planCompiler struct {
	plan  *copyPlan
	nodes map[reflect.Type]*copyNode // so that recursive types end
	slabs map[reflect.Type]int
}

// node returns the node that copies a value of t.
func (c *planCompiler) node(t reflect.Type) *copyNode {
	if n, ok := c.nodes[t]; ok {
		return n
	}
	n := &copyNode{size: t.Size()}
	c.nodes[t] = n
	n.steps = c.steps(nil, t, 0, false)
	return n
}

// slab returns the slab of the values of t.
func (c *planCompiler) slab(t reflect.Type) int {
	if i, ok := c.slabs[t]; ok {
		return i
	}
	i := len(c.plan.slabs)
	c.slabs[t] = i
	c.plan.slabs = append(c.plan.slabs, &slabType{typ: t, slice: reflect.SliceOf(t), size: t.Size()})
	return i
}

// steps appends the steps that copy a value of t at off; shallow copies
// share what the value points to (unexported fields).
func (c *planCompiler) steps(steps []copyStep, t reflect.Type, off uintptr, shallow bool) []copyStep {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			steps = c.steps(steps, f.Type, off+f.Offset, shallow || !f.IsExported())
		}
		return steps
	case reflect.String:
		return append(steps, copyStep{kind: stepString, off: off})
	case reflect.Pointer:
		if shallow {
			return append(steps, copyStep{kind: stepWord, off: off})
		}
		return append(steps, copyStep{kind: stepPointer, off: off, elem: c.node(t.Elem()), slab: c.slab(t.Elem())})
	case reflect.Slice:
		if shallow {
			return append(steps, copyStep{kind: stepSlice, off: off})
		}
		return append(steps, copyStep{kind: stepCopy, off: off, elem: c.node(t.Elem()), slab: c.slab(t.Elem())})
	case reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		if shallow || t.Kind() != reflect.Map {
			return append(steps, copyStep{kind: stepWord, off: off})
		}
	case reflect.Interface:
		if shallow {
			return append(steps, copyStep{kind: stepIface, off: off})
		}
	case reflect.Array:
		if !hasPointers(t) {
			return addBytes(steps, off, t.Size())
		}
		if shallow {
			return append(steps, copyStep{kind: stepShallow, off: off, typ: t})
		}
	default: // booleans and numbers
		return addBytes(steps, off, t.Size())
	}
	return append(steps, copyStep{kind: stepReflect, off: off, typ: t})
}

// addBytes appends a copy of n pointer-free bytes at off, merged with the
// step before it when they touch.
func addBytes(steps []copyStep, off, n uintptr) []copyStep {
	if n == 0 {
		return steps
	}
	if l := len(steps) - 1; l >= 0 && steps[l].kind == stepBytes && steps[l].off+steps[l].n == off {
		steps[l].n += n
		return steps
	}
	return append(steps, copyStep{kind: stepBytes, off: off, n: n})
}

// hasPointers reports whether values of t hold pointers.
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return false
	}
	return true
}

// count returns how many elements of each slab a copy of the value at src,
// of the plan's type, takes.
func (p *copyPlan) count(src unsafe.Pointer) []int {
	uses := make([]int, len(p.slabs))
	p.root.count(src, uses)
	return uses
}

// copy sets the value at dst to a deep copy of the value at src, both of
// the plan's type; uses is the count of src. Each slab is one allocation:
// of exactly the elements it needs when exact (for values that live as
// long as the cache), else of an array of the next length class (for the
// callers' copies: reflect.New of an array type is one allocation, where
// reflect.MakeSlice is two).
func (p *copyPlan) copy(dst, src unsafe.Pointer, uses []int, exact bool) {
	a := slabs{types: p.slabs, free: make([]slab, len(p.slabs)), exact: exact}
	for i, n := range uses {
		a.free[i].want = n
	}
	p.root.copy(dst, src, &a)
}

// slabs hands out the memory of one copy.
type slabs struct {
	types []*slabType
	free  []slab // what is left of each slab
	exact bool
}

// slab is the unused end of an array.
type slab struct {
	base unsafe.Pointer
	n    int // elements left at base
	want int // elements still to take
}

// emptyBase is where the slices of no elements point.
var emptyBase byte

// take returns the address of n zeroed elements of slab i.
func (a *slabs) take(i, n int) unsafe.Pointer {
	if n == 0 {
		return unsafe.Pointer(&emptyBase)
	}
	s := &a.free[i]
	if s.n < n {
		// The first take of the slab, or a count that was wrong.
		size := max(n, s.want)
		if a.exact {
			s.base = reflect.MakeSlice(a.types[i].slice, size, size).UnsafePointer()
		} else {
			var t reflect.Type
			t, size = a.types[i].array(size)
			s.base = reflect.New(t).UnsafePointer()
		}
		s.n = size
	}
	p := s.base
	if s.n -= n; s.n == 0 {
		s.base = nil // never point past the array, not even for a moment
	} else {
		s.base = unsafe.Add(p, uintptr(n)*a.types[i].size)
	}
	s.want -= n
	return p
}

// maxClass bounds the length classes of the arrays: up to 16 elements,
// each length is its own class; beyond, the lengths are 3·2ⁿ and 2ⁿ⁺².
const maxClass = 17 + 2*64

// array returns the array type of the length class of n, and its length.
func (t *slabType) array(n int) (reflect.Type, int) {
	class, length := n, n
	if n > 16 {
		k := bits.Len(uint(n - 1)) // 2ᵏ ≥ n > 2ᵏ⁻¹, k ≥ 5
		class, length = 17+2*(k-5), 3<<(k-2)
		if n > length {
			class, length = class+1, 1<<k
		}
	}
	if a, ok := t.arrays[class].Load().(reflect.Type); ok {
		return a, length
	}
	a := reflect.ArrayOf(length, t.typ)
	t.arrays[class].Store(a)
	return a, length
}

// sliceHeader is the layout of a slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// count adds the slab elements that a copy of the value at src takes to
// uses.
func (n *copyNode) count(src unsafe.Pointer, uses []int) {
	for i := range n.steps {
		s := &n.steps[i]
		v := unsafe.Add(src, s.off)
		switch s.kind {
		case stepPointer:
			if from := *(*unsafe.Pointer)(v); from != nil {
				uses[s.slab]++
				s.elem.count(from, uses)
			}
		case stepCopy:
			from := (*sliceHeader)(v)
			uses[s.slab] += from.len
			for j := range from.len {
				s.elem.count(unsafe.Add(from.data, uintptr(j)*s.elem.size), uses)
			}
		}
	}
}

// copy sets the value at dst to a deep copy of the value at src.
func (n *copyNode) copy(dst, src unsafe.Pointer, a *slabs) {
	for i := range n.steps {
		s := &n.steps[i]
		d, v := unsafe.Add(dst, s.off), unsafe.Add(src, s.off)
		switch s.kind {
		case stepBytes:
			copy(unsafe.Slice((*byte)(d), s.n), unsafe.Slice((*byte)(v), s.n))
		case stepWord:
			*(*unsafe.Pointer)(d) = *(*unsafe.Pointer)(v)
		case stepString:
			*(*string)(d) = *(*string)(v)
		case stepSlice:
			*(*sliceHeader)(d) = *(*sliceHeader)(v)
		case stepIface:
			*(*[2]unsafe.Pointer)(d) = *(*[2]unsafe.Pointer)(v)
		case stepPointer:
			from := *(*unsafe.Pointer)(v)
			if from == nil {
				*(*unsafe.Pointer)(d) = nil
				continue
			}
			to := a.take(s.slab, 1)
			s.elem.copy(to, from, a)
			*(*unsafe.Pointer)(d) = to
		case stepCopy:
			from := (*sliceHeader)(v)
			if from.data == nil {
				*(*sliceHeader)(d) = sliceHeader{}
				continue
			}
			to := a.take(s.slab, from.len)
			for j := range from.len {
				off := uintptr(j) * s.elem.size
				s.elem.copy(unsafe.Add(to, off), unsafe.Add(from.data, off), a)
			}
			*(*sliceHeader)(d) = sliceHeader{data: to, len: from.len, cap: from.len}
		case stepReflect:
			deepCopy(reflect.NewAt(s.typ, d).Elem(), reflect.NewAt(s.typ, v).Elem())
		case stepShallow:
			reflect.NewAt(s.typ, d).Elem().Set(reflect.NewAt(s.typ, v).Elem())
		}
	}
}

// deepCopy sets dst, a settable value, to a deep copy of src of the same
// type, by reflection: the plans use it for maps, interfaces and arrays
// that hold pointers.
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

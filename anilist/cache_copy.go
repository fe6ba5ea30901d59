package anilist

import (
	"math/bits"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// A cache hit decodes the cached body the first time and keeps the decoded
// value on the entry; later hits of the same Go type copy that value deeply
// into the caller's, which costs a fraction of decoding the JSON again.
// Every caller gets its own copy: changing an answer never changes the
// cache or another caller's answer. Only stores that hand out the same
// *CacheEntry again (the MemoryCache, a reweigher) keep one, and they count
// its bytes against their bound.
//
// The copy follows a plan compiled once per Go type (see copyPlan), and
// takes its memory from a few slabs, one array per memory layout (all
// strings share one, all pointers another, and so on), sized by counting
// the value when it is kept: an answer of a hundred pointers costs about
// fifteen allocations, not a hundred. The values behind interfaces (the
// items of a union list) follow the plan of their dynamic type and take
// their memory from the same slabs. A caller that keeps one pointer of its
// answer keeps that pointer's whole slab alive, which is the size of the
// answer at most.

// decoded is the decoded value of an entry for one Go type.
type decoded struct {
	typ  reflect.Type   // the type of the pointer resp.Data
	plan *copyPlan      // the plan of typ.Elem()
	val  unsafe.Pointer // the value, of type typ.Elem()
	// The slabs a copy takes: the plan's, then those of the dynamic types
	// behind interfaces, in the order the copy meets them.
	slabs []*slabType
	bound []binding // where the slabs of those dynamic types are
	uses  []int     // how many elements of each slab a copy takes
	size  int64     // about how many bytes val holds
}

// memo holds an entry's decoded value. It lives on the entry.
type memo struct{ p atomic.Pointer[decoded] }

// size returns about how many bytes the decoded value holds, or 0.
func (m *memo) size() int64 {
	if d := m.p.Load(); d != nil {
		return d.size
	}
	return 0
}

// fromMemo copies e's decoded value into data, a pointer of the same type,
// and reports whether it could.
func (e *CacheEntry) fromMemo(data any) bool {
	d := e.memo.p.Load()
	dst := reflect.ValueOf(data)
	if d == nil || dst.Kind() != reflect.Pointer || dst.IsNil() || dst.Type() != d.typ {
		return false
	}
	a := newCopier(d.slabs, d.uses, false)
	a.bound = slices.Clip(d.bound)
	d.plan.root.copy(dst.UnsafePointer(), d.val, a, nil)
	return true
}

// keepMemo keeps a copy of data, just decoded from e's body, on e, and
// reports whether it did.
func (e *CacheEntry) keepMemo(data any) bool {
	src := reflect.ValueOf(data)
	if src.Kind() != reflect.Pointer || src.IsNil() {
		return false
	}
	plan := planOf(src.Type().Elem())
	// Count what a copy takes, then copy into slabs of exactly that.
	counter := newCopier(plan.slabs, nil, true)
	size := int64(plan.typ.Size()) + plan.root.count(src.UnsafePointer(), counter, nil)
	for i, n := range counter.uses {
		size += int64(n) * int64(counter.slabs[i].size)
	}
	val := reflect.New(plan.typ).UnsafePointer()
	a := newCopier(counter.slabs, counter.uses, true)
	a.bound = slices.Clip(counter.bound)
	plan.root.copy(val, src.UnsafePointer(), a, nil)
	e.memo.p.Store(&decoded{typ: src.Type(), plan: plan, val: val, slabs: counter.slabs,
		bound: counter.bound, uses: counter.uses, size: size})
	return true
}

// A copyPlan copies values of one Go type deeply: pointers, slices,
// interfaces and maps are copied, not shared. Unexported fields are copied
// shallowly (as in time.Time); maps, arrays that hold pointers, and
// interfaces that hold anything but a pointer are copied by reflection
// (the generated types have none of them).
type copyPlan struct {
	typ   reflect.Type
	root  *copyNode
	slabs []*slabType // the slabs its steps name by index
	self  *slabType   // the slab of values of typ, behind an interface
}

// A copyNode copies one value of its type: its steps, in order, cover every
// byte of the value.
type copyNode struct {
	size  uintptr
	steps []copyStep
	flat  bool // the value holds no pointers: one stepBytes copies it
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
	stepAny                     // an interface holding a copy of its value
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
	unit uintptr      // stepPointer, stepCopy: the size of an element of the slab
	typ  reflect.Type // stepAny, stepReflect, stepShallow: the type at off
}

// slabType is the element type of one slab, with the array types that the
// copies allocate, one per length class.
type slabType struct {
	typ    reflect.Type
	slice  reflect.Type
	size   uintptr
	arrays [maxClass]atomic.Value // of reflect.Type
}

func newSlabType(t reflect.Type) *slabType {
	return &slabType{typ: t, slice: reflect.SliceOf(t), size: t.Size()}
}

var plans sync.Map // reflect.Type → *copyPlan

// planOf returns the plan of t, compiling it once.
func planOf(t reflect.Type) *copyPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*copyPlan)
	}
	c := &planCompiler{plan: &copyPlan{typ: t, self: newSlabType(layoutOf(t))},
		nodes: map[reflect.Type]*copyNode{}, slabs: map[reflect.Type]int{}}
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
	n.flat = !hasPointers(t)
	return n
}

// slab returns the slab of the values of t. Types of one layout share a
// slab, since the collector sees only which words hold pointers: all types
// without pointers (held in words), all strings, all pointers and all
// slices.
func (c *planCompiler) slab(t reflect.Type) int {
	t = layoutOf(t)
	if i, ok := c.slabs[t]; ok {
		return i
	}
	i := len(c.plan.slabs)
	c.slabs[t] = i
	c.plan.slabs = append(c.plan.slabs, newSlabType(t))
	return i
}

// into completes s, a step that copies values of t into a slab.
func (c *planCompiler) into(s copyStep, t reflect.Type) copyStep {
	s.elem, s.slab = c.node(t), c.slab(t)
	s.unit = c.plan.slabs[s.slab].size
	return s
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
		return append(steps, c.into(copyStep{kind: stepPointer, off: off}, t.Elem()))
	case reflect.Slice:
		if shallow {
			return append(steps, copyStep{kind: stepSlice, off: off})
		}
		return append(steps, c.into(copyStep{kind: stepCopy, off: off}, t.Elem()))
	case reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		if shallow || t.Kind() != reflect.Map {
			return append(steps, copyStep{kind: stepWord, off: off})
		}
	case reflect.Interface:
		if shallow {
			return append(steps, copyStep{kind: stepIface, off: off})
		}
		return append(steps, copyStep{kind: stepAny, off: off, typ: t})
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

// layoutOf returns the type whose slab holds values of t.
func layoutOf(t reflect.Type) reflect.Type {
	switch {
	case !hasPointers(t) && t.Align() <= 8:
		return reflect.TypeFor[uint64]()
	case t.Kind() == reflect.String:
		return reflect.TypeFor[string]()
	case t.Kind() == reflect.Pointer, t.Kind() == reflect.Map, t.Kind() == reflect.Chan,
		t.Kind() == reflect.Func, t.Kind() == reflect.UnsafePointer:
		return reflect.TypeFor[unsafe.Pointer]()
	case t.Kind() == reflect.Slice:
		return reflect.TypeFor[[]byte]()
	}
	return t
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

// A copier is the state of one count or one copy: its slabs, the root
// plan's first, and the plans of the dynamic types it met, with where
// their slabs are among its own.
type copier struct {
	slabs []*slabType
	uses  []int  // counting: the elements each slab takes
	free  []slab // copying: what is left of each slab
	exact bool
	bound []binding
}

// binding maps the slabs of a dynamic type's plan to a copier's.
type binding struct {
	plan  *copyPlan
	slabs []int // the copier's slab of each of the plan's slabs
	self  int   // the copier's slab of the plan's own values
}

// newCopier returns a copier over slabs. Without uses it counts (and adds
// the slabs of the dynamic types it meets); with them it copies, taking
// each slab in one allocation: of exactly uses elements when exact (for
// the values that live as long as the cache), else of an array of the
// next length class (for the callers' copies: reflect.New of an array type
// is one allocation, where reflect.MakeSlice is two).
func newCopier(slabs []*slabType, uses []int, exact bool) *copier {
	// Clipped: a copier's appends never write into a plan's or a memo's.
	a := &copier{slabs: slices.Clip(slabs), exact: exact}
	if uses == nil {
		a.uses = make([]int, len(slabs))
		return a
	}
	a.free = make([]slab, len(slabs))
	for i, n := range uses {
		a.free[i].want = n
	}
	return a
}

// bind returns the binding of p, the plan of a dynamic type.
func (a *copier) bind(p *copyPlan) *binding {
	for i := range a.bound {
		if a.bound[i].plan == p {
			return &a.bound[i]
		}
	}
	b := binding{plan: p, slabs: make([]int, len(p.slabs)), self: a.slabOf(p.self)}
	for j, st := range p.slabs {
		b.slabs[j] = a.slabOf(st)
	}
	a.bound = append(a.bound, b)
	return &a.bound[len(a.bound)-1]
}

// slabOf returns the copier's slab of the layout of st, adding st if it
// has none (when counting; a copy meets the slabs its count added, in the
// same order).
func (a *copier) slabOf(st *slabType) int {
	for i, s := range a.slabs {
		if s.typ == st.typ {
			return i
		}
	}
	a.slabs = append(a.slabs, st)
	if a.uses != nil {
		a.uses = append(a.uses, 0)
	} else {
		a.free = append(a.free, slab{})
	}
	return len(a.slabs) - 1
}

// slab is the unused end of an array.
type slab struct {
	base unsafe.Pointer
	n    int // elements left at base
	want int // elements still to take
}

// emptyBase is where the slices of no elements point.
var emptyBase byte

// units returns how many elements of size unit hold n of size size.
func units(n int, size, unit uintptr) int {
	if size == unit {
		return n
	}
	return int((uintptr(n)*size + unit - 1) / unit)
}

// take returns the address of the zeroed memory of n values of size size
// in slab i.
func (a *copier) take(i, n int, size uintptr) unsafe.Pointer {
	if n == 0 {
		return unsafe.Pointer(&emptyBase)
	}
	n = units(n, size, a.slabs[i].size)
	s := &a.free[i]
	if s.n < n {
		// The first take of the slab, or a count that was wrong.
		size := max(n, s.want)
		if a.exact {
			s.base = reflect.MakeSlice(a.slabs[i].slice, size, size).UnsafePointer()
		} else {
			var t reflect.Type
			t, size = a.slabs[i].array(size)
			s.base = reflect.New(t).UnsafePointer()
		}
		s.n = size
	}
	p := s.base
	if s.n -= n; s.n == 0 {
		s.base = nil // never point past the array, not even for a moment
	} else {
		s.base = unsafe.Add(p, uintptr(n)*a.slabs[i].size)
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

// dynamic returns the plan of the value behind the interface at v, of type
// t, if it is a pointer to follow (genqlient's union and interface fields
// hold pointers), with the pointer.
func dynamic(t reflect.Type, v unsafe.Pointer) (*copyPlan, unsafe.Pointer) {
	dv := reflect.NewAt(t, v).Elem().Elem()
	if !dv.IsValid() || dv.Kind() != reflect.Pointer || dv.IsNil() {
		return nil, nil
	}
	return planOf(dv.Type().Elem()), dv.UnsafePointer()
}

// slabIndex returns the copier's slab of step s of a node of the plan
// bound in b (nil for the root plan).
func slabIndex(s *copyStep, b *binding) int {
	if b == nil {
		return s.slab
	}
	return b.slabs[s.slab]
}

// count adds the slab elements that a copy of the value at src takes to
// a's, and returns the bytes of the rest: its strings and what it copies
// by reflection.
func (n *copyNode) count(src unsafe.Pointer, a *copier, b *binding) (size int64) {
	for i := range n.steps {
		s := &n.steps[i]
		v := unsafe.Add(src, s.off)
		switch s.kind {
		case stepString:
			size += int64(len(*(*string)(v)))
		case stepPointer:
			if from := *(*unsafe.Pointer)(v); from != nil {
				a.uses[slabIndex(s, b)] += units(1, s.elem.size, s.unit)
				size += s.elem.count(from, a, b)
			}
		case stepCopy:
			from := (*sliceHeader)(v)
			a.uses[slabIndex(s, b)] += units(from.len, s.elem.size, s.unit)
			if s.elem.flat {
				continue
			}
			for j := range from.len {
				size += s.elem.count(unsafe.Add(from.data, uintptr(j)*s.elem.size), a, b)
			}
		case stepAny:
			p, from := dynamic(s.typ, v)
			if p == nil {
				size += sizeOf(reflect.NewAt(s.typ, v).Elem()) - int64(s.typ.Size())
				continue
			}
			db := a.bind(p)
			a.uses[db.self] += units(1, p.root.size, p.self.size)
			size += p.root.count(from, a, db)
		case stepReflect:
			size += sizeOf(reflect.NewAt(s.typ, v).Elem()) - int64(s.typ.Size())
		}
	}
	return size
}

// sizeOf returns about how many bytes v holds, itself included.
func sizeOf(v reflect.Value) int64 {
	n := int64(v.Type().Size())
	switch v.Kind() {
	case reflect.String:
		n += int64(v.Len())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			n += sizeOf(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			n += sizeOf(v.Field(i)) - int64(v.Field(i).Type().Size())
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice {
			n += int64(v.Len()) * int64(v.Type().Elem().Size())
		}
		for i := range v.Len() {
			n += sizeOf(v.Index(i)) - int64(v.Type().Elem().Size())
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			n += sizeOf(it.Key()) + sizeOf(it.Value()) + 16
		}
	}
	return n
}

// copy sets the value at dst to a deep copy of the value at src, with the
// memory of a; b binds the slabs of a dynamic type's plan (nil for the
// root plan).
func (n *copyNode) copy(dst, src unsafe.Pointer, a *copier, b *binding) {
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
			to := a.take(slabIndex(s, b), 1, s.elem.size)
			s.elem.copy(to, from, a, b)
			*(*unsafe.Pointer)(d) = to
		case stepCopy:
			from := (*sliceHeader)(v)
			if from.data == nil {
				*(*sliceHeader)(d) = sliceHeader{}
				continue
			}
			to := a.take(slabIndex(s, b), from.len, s.elem.size)
			if s.elem.flat { // json.RawMessage, []int: one move
				n := uintptr(from.len) * s.elem.size
				copy(unsafe.Slice((*byte)(to), n), unsafe.Slice((*byte)(from.data), n))
			} else {
				for j := range from.len {
					off := uintptr(j) * s.elem.size
					s.elem.copy(unsafe.Add(to, off), unsafe.Add(from.data, off), a, b)
				}
			}
			*(*sliceHeader)(d) = sliceHeader{data: to, len: from.len, cap: from.len}
		case stepAny:
			p, from := dynamic(s.typ, v)
			if p == nil {
				deepCopy(reflect.NewAt(s.typ, d).Elem(), reflect.NewAt(s.typ, v).Elem())
				continue
			}
			db := a.bind(p)
			to := a.take(db.self, 1, p.root.size)
			p.root.copy(to, from, a, db)
			// The interface's type word, and the copy for its pointer.
			words := *(*[2]unsafe.Pointer)(v)
			*(*[2]unsafe.Pointer)(d) = [2]unsafe.Pointer{words[0], to}
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

package anilist

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"testing"
	"time"
	"unsafe"

	"github.com/anigql/anigql/generated"
	"github.com/google/go-cmp/cmp"
)

// copyKinds holds a field of every kind a plan handles.
type copyKinds struct {
	Flag    bool
	Small   int8
	Num     int
	Ratio   float64
	Pair    [2]int32
	Name    string
	Enum    generated.MediaFormat
	PName   *string
	PFlag   *bool
	PPtr    **int
	Ints    []int
	Flags   []bool
	Strs    []*string
	Empty   []int
	Nil     []string
	Raw     json.RawMessage
	Inner   copyInner
	Inners  []copyInner
	PInners []*copyInner
	Map     map[string][]int
	Any     any
	Union   fmt.Stringer   // a struct value behind an interface
	Items   []fmt.Stringer // pointers, as in genqlient's unions
	AnyPtr  any
	Ptrs    [2]*int
	When    time.Time
	Next    *copyKinds // a recursive type
	hidden  *int       // unexported: shared
	copyInner
}

type copyInner struct {
	ID    int
	Title *string
	Tags  []string
}

type stringer struct{ S *string }

func (s stringer) String() string { return *s.S }

type ptrStringer struct {
	Name  *string
	Items []fmt.Stringer
	n     int
}

func (s *ptrStringer) String() string { return *s.Name }

type flatStringer struct{ A, B int }

func (s *flatStringer) String() string { return fmt.Sprint(s.A) }

func ptr[T any](v T) *T { return &v }

func copyKindsValue() *copyKinds {
	n := 7
	pn := &n
	return &copyKinds{
		Flag: true, Small: -3, Num: 42, Ratio: 0.5, Pair: [2]int32{1, 2}, Name: "Bebop", Enum: generated.MediaFormatTv,
		PName: ptr("Spike"), PFlag: ptr(true), PPtr: &pn,
		Ints: []int{1, 2, 3}, Flags: []bool{true, false, true}, Strs: []*string{ptr("a"), nil, ptr("c")},
		Empty: []int{}, Raw: json.RawMessage(`{"a":1}`),
		Inner:   copyInner{ID: 1, Title: ptr("inner"), Tags: []string{"x"}},
		Inners:  []copyInner{{ID: 2, Title: ptr("two")}, {ID: 3, Tags: []string{}}},
		PInners: []*copyInner{{ID: 4, Title: ptr("four")}, nil},
		Map:     map[string][]int{"k": {1}}, Any: []any{map[string]any{"x": ptr(1)}}, Union: stringer{S: ptr("u")},
		Items: []fmt.Stringer{
			&ptrStringer{Name: ptr("a"), Items: []fmt.Stringer{&ptrStringer{Name: ptr("nested")}, nil}, n: 1},
			nil, (*ptrStringer)(nil), &flatStringer{A: 1, B: 2}, stringer{S: ptr("v")}, &ptrStringer{Name: ptr("b")},
		},
		AnyPtr: ptr("behind any"),
		Ptrs:   [2]*int{ptr(8), nil}, When: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Next:      &copyKinds{Name: "next", Next: &copyKinds{Num: 2, Strs: []*string{ptr("deep")}}},
		hidden:    ptr(9),
		copyInner: copyInner{ID: 5, Title: ptr("embedded")},
	}
}

// TestCopyPlan: a copy equals its source and shares none of its memory,
// but for strings and unexported fields; its slices have no spare
// capacity, so that appending to one never writes into another.
func TestCopyPlan(t *testing.T) {
	t.Parallel()
	for _, src := range []any{
		copyKindsValue(),
		&copyKinds{},
		&copyKinds{Next: &copyKinds{}},
		new(generated.MediaByIDResponse),
	} {
		t.Run(reflect.TypeOf(src).Elem().Name(), func(t *testing.T) {
			t.Parallel()
			e := &CacheEntry{}
			if !e.keepMemo(src) {
				t.Fatal("keepMemo declined a pointer")
			}
			for range 3 { // the memo is kept whole by every copy
				dst := reflect.New(reflect.TypeOf(src).Elem()).Interface()
				if !e.fromMemo(dst) {
					t.Fatal("fromMemo declined the type it was kept as")
				}
				runtime.GC() // the copy must hold all it points to
				checkCopy(t, dst, src)
			}
			if e.fromMemo(new(copyInner)) || e.fromMemo(nil) {
				t.Error("fromMemo took a value of another type")
			}
		})
	}
}

// checkCopy fails t unless dst is a deep copy of src.
func checkCopy(t *testing.T, dst, src any) {
	t.Helper()
	opts := cmp.Options{cmp.AllowUnexported(copyKinds{}, stringer{}, ptrStringer{})}
	if d := cmp.Diff(src, dst, opts); d != "" {
		t.Fatalf("the copy differs (-src +copy):\n%s", d)
	}
	if path := shared(reflect.ValueOf(dst), reflect.ValueOf(src), "copy"); path != "" {
		t.Fatalf("%s shares memory with the source", path)
	}
}

// shared returns the path of the first part of a that shares memory with
// the same part of b, or "".
func shared(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		return shared(a.Elem(), b.Elem(), "(*"+path+")")
	case reflect.Interface:
		if a.IsNil() {
			return ""
		}
		return shared(a.Elem(), b.Elem(), path+".("+a.Elem().Type().String()+")")
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				if p := shared(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); p != "" {
					return p
				}
			}
		}
	case reflect.Slice:
		if a.Len() == 0 {
			return ""
		}
		if a.Cap() != a.Len() {
			return path + " (spare capacity)"
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		fallthrough
	case reflect.Array:
		for i := range a.Len() {
			if p := shared(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	case reflect.Map:
		if !a.IsNil() && a.UnsafePointer() == b.UnsafePointer() {
			return path
		}
		for it := a.MapRange(); it.Next(); {
			if p := shared(it.Value(), b.MapIndex(it.Key()), fmt.Sprintf("%s[%v]", path, it.Key())); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestCopyPlanLayouts: the slabs group types by what the collector sees
// of them, and only so.
func TestCopyPlanLayouts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		typ  reflect.Type
		want reflect.Type
	}{
		{reflect.TypeFor[int](), reflect.TypeFor[uint64]()},
		{reflect.TypeFor[bool](), reflect.TypeFor[uint64]()},
		{reflect.TypeFor[[3]int16](), reflect.TypeFor[uint64]()},
		{reflect.TypeFor[struct{ A, B int }](), reflect.TypeFor[uint64]()},
		{reflect.TypeFor[generated.MediaFormat](), reflect.TypeFor[string]()},
		{reflect.TypeFor[*copyInner](), reflect.TypeFor[unsafe.Pointer]()},
		{reflect.TypeFor[map[string]int](), reflect.TypeFor[unsafe.Pointer]()},
		{reflect.TypeFor[[]*string](), reflect.TypeFor[[]byte]()},
		{reflect.TypeFor[copyInner](), reflect.TypeFor[copyInner]()},
		{reflect.TypeFor[struct{ P *int }](), reflect.TypeFor[struct{ P *int }]()},
		{reflect.TypeFor[any](), reflect.TypeFor[any]()},
	} {
		if got := layoutOf(tc.typ); got != tc.want {
			t.Errorf("layoutOf(%v) = %v; want %v", tc.typ, got, tc.want)
		}
	}
}

// TestCopyPlanArrays: the length classes hold their lengths and are few.
func TestCopyPlanArrays(t *testing.T) {
	t.Parallel()
	st := &slabType{typ: reflect.TypeFor[string]()}
	classes := map[int]bool{}
	for n := 1; n <= 1<<20; n += 1 + n/7 {
		a, length := st.array(n)
		if length < n || a.Len() != length || a.Elem() != st.typ {
			t.Fatalf("array(%d) = %v, %d; want an array of at least %d strings", n, a, length, n)
		}
		if n > 16 && length > n*3/2+1 {
			t.Errorf("array(%d) has length %d; want at most half again as many", n, length)
		}
		classes[length] = true
	}
	if len(classes) > 16+2*16 {
		t.Errorf("got %d array types up to a million elements; want a few dozen", len(classes))
	}
}

// FuzzCopyPlan copies answers decoded from arbitrary JSON, unions
// included: each copy must equal its source and share none of its memory.
// Run it with
//
//	go test ./anilist -run '^$' -fuzz FuzzCopyPlan
func FuzzCopyPlan(f *testing.F) {
	f.Add(okBody)
	f.Add(`{"data":{"Page":{"notifications":[{"__typename":"AiringNotification","id":1,"episode":3,"contexts":["a",null]},{"__typename":"ActivityLikeNotification","id":2,"user":{"name":"x"}}]}}}`)
	f.Add(`{"data":{"Media":{"id":1,"synonyms":["a",null,""],"tags":[{"id":1,"name":"t"},null],"relations":{"edges":[{"node":{"id":2}}]}}}}`)
	f.Fuzz(func(t *testing.T, body string) {
		var resp struct{ Data json.RawMessage }
		if json.Unmarshal([]byte(body), &resp) != nil {
			return
		}
		for _, data := range []any{new(generated.MediaByIDResponse), new(generated.NotificationsResponse), new(generated.MediaListCollectionResponse)} {
			if json.Unmarshal(resp.Data, data) != nil {
				continue
			}
			e := &CacheEntry{}
			e.keepMemo(data)
			dst := reflect.New(reflect.TypeOf(data).Elem()).Interface()
			if !e.fromMemo(dst) {
				t.Fatal("fromMemo declined the type it was kept as")
			}
			checkCopy(t, dst, data)
		}
	})
}

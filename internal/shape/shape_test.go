package shape_test

import (
	"encoding/json"
	"testing"

	"github.com/anigql/anigql/internal/shape"
	"github.com/google/go-cmp/cmp"
)

type Frag struct{ ID *int }

type outer struct {
	Frag
	Name  string
	Items []any
	Raw   json.RawMessage
	Tags  []string
}

// twin is declared like outer, as internal/stockgen declares the types of
// the generated package.
type twin struct {
	Frag
	Name  string
	Items []any
	Raw   json.RawMessage
	Tags  []string
}

func TestOf(t *testing.T) {
	one, two := 1, 2
	base := outer{Frag{&one}, "a", []any{&Frag{&two}}, json.RawMessage(`{}`), []string{}}
	for _, tc := range []struct {
		name  string
		a, b  any
		equal bool
	}{
		{"same value", base, base, true},
		{"embedded pointer values", outer{Frag: Frag{&one}}, outer{Frag: Frag{new(int)}}, false},
		{"nil vs empty slice", outer{Tags: nil}, outer{Tags: []string{}}, false},
		{"interface dynamic type", outer{Items: []any{&Frag{}}}, outer{Items: []any{Frag{}}}, false},
		{"embedded field", base, outer{Frag{&two}, "a", []any{&Frag{&two}}, json.RawMessage(`{}`), []string{}}, false},
		{"raw bytes", outer{Raw: json.RawMessage(`1`)}, outer{Raw: json.RawMessage(`2`)}, false},
		{"struct type name", outer{Name: "a"}, twin{Name: "a"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := cmp.Diff(shape.Of(tc.a), shape.Of(tc.b))
			if (d == "") != tc.equal {
				t.Errorf("equal = %v; want %v\n%s", d == "", tc.equal, d)
			}
		})
	}
}

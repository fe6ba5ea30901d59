package data

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestValueRoundTrip: every kind of value a record holds comes back from
// JSON with its Go type, empty lists and maps included.
func TestValueRoundTrip(t *testing.T) {
	t.Parallel()
	for _, v := range []any{
		nil, true, 3, 9.5, 9.0, "x", []int{1, 2}, []int{}, map[int]string{1: "a"}, map[int]string{},
		map[string][]int{"anime": {1}}, map[string][]int{}, []any{}, []any{1, "a", nil, []any{2.5}},
		map[string]any{}, map[string]any{"a": map[string]any{"b": 1}, "c": []int{3}},
	} {
		b, err := json.Marshal(&Value{v})
		if err != nil {
			t.Fatalf("Marshal(%#v): %v", v, err)
		}
		var got Value
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(v, got.v); diff != "" {
			t.Errorf("%s round trip (-want +got):\n%s", b, diff)
		}
	}
	if _, err := newValue(struct{}{}); err == nil {
		t.Error("newValue(struct{}{}) = nil error; want one naming the type")
	}
}

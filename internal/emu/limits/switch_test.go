package limits

import (
	"net/http"
	"strings"
	"testing"
)

// TestFailRate checks that FailRate fails an even, deterministic share.
func TestFailRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rate float64
		want string // F for a 500, . for a pass, over 12 requests
	}{
		{0, "............"},
		{0.25, "...F...F...F"},
		{0.5, ".F.F.F.F.F.F"},
		{1, "FFFFFFFFFFFF"},
		{7, "FFFFFFFFFFFF"}, // clamped
	}
	for _, tt := range tests {
		f := &Faults{FailRate: tt.rate}
		h := f.Wrap(&okHandler{})
		var got strings.Builder
		for range 12 {
			switch w := get(h, "10.0.0.1"); w.Code {
			case http.StatusOK:
				got.WriteByte('.')
			case http.StatusInternalServerError:
				got.WriteByte('F')
				if w.Body.String() != ErrorBody(500) {
					t.Errorf("rate %v: body %s", tt.rate, w.Body)
				}
			default:
				t.Fatalf("rate %v: status %d", tt.rate, w.Code)
			}
		}
		if got.String() != tt.want {
			t.Errorf("rate %v: got %s; want %s", tt.rate, got.String(), tt.want)
		}
	}
}

// TestSetDisabled checks the API switch, which outlasts any queue.
func TestSetDisabled(t *testing.T) {
	t.Parallel()
	f := &Faults{}
	next := &okHandler{}
	h := f.Wrap(next)
	f.SetDisabled(true)
	for range 3 {
		if w := get(h, "10.0.0.1"); w.Code != http.StatusForbidden || w.Body.String() != APIDisabledBody {
			t.Fatalf("disabled: got %d %s", w.Code, w.Body)
		}
	}
	f.SetDisabled(false)
	if w := get(h, "10.0.0.1"); w.Code != http.StatusOK || next.calls.Load() != 1 {
		t.Errorf("enabled again: got %d after %d calls", w.Code, next.calls.Load())
	}
}

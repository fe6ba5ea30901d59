package anilist

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type item struct{ ID int }

func TestByIDs(t *testing.T) {
	t.Parallel()
	var batches [][]int
	known := func(id int) bool { return id%7 != 0 }
	fetch := func(ctx context.Context, ids []int) ([]*item, error) {
		batches = append(batches, ids)
		var out []*item
		for i := len(ids) - 1; i >= 0; i-- { // answer in another order
			if known(ids[i]) {
				out = append(out, &item{ids[i]})
			}
		}
		return out, nil
	}
	var ids []int
	for i := 120; i > 0; i-- {
		ids = append(ids, i)
	}
	ids = append(ids, 5, 14) // repeats
	got, missing, err := ByIDs(t.Context(), ids, fetch, func(it *item) int { return it.ID })
	if err != nil {
		t.Fatal(err)
	}
	if len(batches) != 3 || len(batches[0]) != 50 || len(batches[2]) != 20 {
		t.Errorf("got batches of %d, %d, %d; want 3 (50, 50, 20)", len(batches[0]), len(batches[1]), len(batches[len(batches)-1]))
	}
	for i, id := range ids {
		switch {
		case known(id) && (got[i] == nil || got[i].ID != id):
			t.Errorf("results[%d] = %v; want id %d", i, got[i], id)
		case !known(id) && got[i] != nil:
			t.Errorf("results[%d] = %v; want nil for missing id %d", i, got[i], id)
		}
	}
	want := []int{119, 112, 105, 98, 91, 84, 77, 70, 63, 56, 49, 42, 35, 28, 21, 14, 7}
	if d := cmp.Diff(want, missing); d != "" {
		t.Errorf("missing (-want +got):\n%s", d)
	}
}

// TestByIDsNullItems checks that items AniList answers as null are treated
// as not found and never reach idOf.
func TestByIDsNullItems(t *testing.T) {
	t.Parallel()
	fetch := func(ctx context.Context, ids []int) ([]*item, error) {
		return []*item{nil, {ids[0]}, nil}, nil
	}
	got, missing, err := ByIDs(t.Context(), []int{7, 8}, fetch, func(it *item) int { return it.ID })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] == nil || got[0].ID != 7 || got[1] != nil {
		t.Errorf("results = %v; want [7 <nil>]", got)
	}
	if len(missing) != 1 || missing[0] != 8 {
		t.Errorf("missing = %v; want [8]", missing)
	}
}

func TestByIDsError(t *testing.T) {
	t.Parallel()
	calls := 0
	fetch := func(ctx context.Context, ids []int) ([]item, error) {
		calls++
		if calls == 2 {
			return nil, ErrNotFound
		}
		out := make([]item, len(ids))
		for i, id := range ids {
			out[i] = item{id}
		}
		return out, nil
	}
	ids := make([]int, 160)
	for i := range ids {
		ids[i] = i + 1
	}
	got, missing, err := ByIDs(t.Context(), ids, fetch, func(it item) int { return it.ID })
	if !errors.Is(err, ErrNotFound) || missing != nil || calls != 2 {
		t.Fatalf("got %v, missing %v after %d calls; want the wrapped error after 2", err, missing, calls)
	}
	if got[49].ID != 50 || got[50].ID != 0 {
		t.Errorf("got %v, %v; want the first batch kept", got[49], got[50])
	}
}

func TestByIDsEmpty(t *testing.T) {
	t.Parallel()
	got, missing, err := ByIDs(t.Context(), nil, func(ctx context.Context, ids []int) ([]item, error) {
		t.Error("no request expected")
		return nil, nil
	}, func(it item) int { return it.ID })
	if len(got) != 0 || missing != nil || err != nil {
		t.Errorf("got %v, %v, %v; want nothing", got, missing, err)
	}
}

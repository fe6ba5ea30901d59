package anilist

import (
	"context"
	"fmt"
	"reflect"
)

// BatchSize is the number of ids [ByIDs] sends per request: one full Page.
const BatchSize = MaxPerPage

// BatchFunc looks up at most [BatchSize] ids in one request, typically a
// generated Page operation filtered with id_in (page 1, perPage 50), and
// returns what AniList found, in any order.
type BatchFunc[T any] func(ctx context.Context, ids []int) ([]T, error)

// ByIDs looks up many ids in ⌈N/50⌉ requests (N distinct ids). results is
// aligned with ids: results[i] is the item for ids[i], or the zero value
// when AniList did not return it, in which case ids[i] is in missing (once,
// in the caller's order). idOf returns an item's id; it is not called for
// items AniList answered as null, which count as not found.
//
// If a request fails, ByIDs returns the results of the batches before it
// and the error; missing is then nil, as it would be incomplete.
//
// An id_in request costs the same query complexity for one id as for 50
// (AniList does not multiply a selection by the length of its list), so a
// batch stays under AniList's limit of 500 exactly when one item's
// selection does, and smaller batches would not help: through a [Client],
// a selection over the limit fails the first batch before it is sent, with
// a [*ComplexityError]. For roots without an _in filter, see [Aliased].
func ByIDs[T any](ctx context.Context, ids []int, fetch BatchFunc[T], idOf func(T) int) (results []T, missing []int, err error) {
	unique := distinct(ids)
	found := make(map[int]T, len(unique))
	for start := 0; start < len(unique); start += BatchSize {
		batch := unique[start:min(start+BatchSize, len(unique))]
		items, err := fetch(ctx, batch)
		for _, it := range items {
			if !isNil(it) {
				found[idOf(it)] = it
			}
		}
		if err != nil {
			return align(ids, found), nil, fmt.Errorf("anilist: batch of ids %d…%d: %w", batch[0], batch[len(batch)-1], err)
		}
	}
	for _, id := range unique {
		if _, ok := found[id]; !ok {
			missing = append(missing, id)
		}
	}
	return align(ids, found), missing, nil
}

// isNil reports whether v is a nil pointer, interface, map or slice: the
// form a JSON null takes in a generated type.
func isNil[T any](v T) bool {
	rv := reflect.ValueOf(&v).Elem()
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
		return rv.IsNil()
	}
	return false
}

// distinct returns ids without repeats, in first-seen order.
func distinct(ids []int) []int {
	seen := make(map[int]bool, len(ids))
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// align returns found's items in the order of ids.
func align[T any](ids []int, found map[int]T) []T {
	out := make([]T, len(ids))
	for i, id := range ids {
		out[i] = found[id]
	}
	return out
}

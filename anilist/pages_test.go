package anilist

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pager serves total items in pages and records the requests.
type pager struct {
	total int
	calls [][2]int
	fail  int // page that fails, 0 for none
}

func (p *pager) fetch(ctx context.Context, page, perPage int) ([]int, bool, error) {
	p.calls = append(p.calls, [2]int{page, perPage})
	var items []int
	for i := (page - 1) * perPage; i < min(page*perPage, p.total); i++ {
		items = append(items, i)
	}
	if page == p.fail {
		return items[:1], true, errors.New("boom")
	}
	return items, page*perPage < p.total, nil
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) ([]T, error) {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func TestPages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		total     int
		perPage   int
		fail      int
		wantCalls [][2]int
		wantN     int
		wantErr   error
	}{
		{"one short page", 3, 50, 0, [][2]int{{1, 50}}, 3, nil},
		{"exact pages", 100, 50, 0, [][2]int{{1, 50}, {2, 50}}, 100, nil},
		{"perPage clamped to 50", 60, 500, 0, [][2]int{{1, 50}, {2, 50}}, 60, nil},
		{"zero means 50", 10, 0, 0, [][2]int{{1, 50}}, 10, nil},
		{"empty", 0, 10, 0, [][2]int{{1, 10}}, 0, nil},
		{"error after partial page", 30, 10, 2, [][2]int{{1, 10}, {2, 10}}, 11, errors.New("boom")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := &pager{total: tc.total, fail: tc.fail}
			got, err := collect(t, Pages(t.Context(), tc.perPage, p.fetch))
			if (err == nil) != (tc.wantErr == nil) {
				t.Fatalf("got err %v; want %v", err, tc.wantErr)
			}
			if len(got) != tc.wantN || (len(got) > 0 && got[len(got)-1] != tc.wantN-1) {
				t.Errorf("got %d items ending %v; want %d in order", len(got), got[max(0, len(got)-1):], tc.wantN)
			}
			if d := cmp.Diff(tc.wantCalls, p.calls); d != "" {
				t.Errorf("calls (-want +got):\n%s", d)
			}
		})
	}
}

func TestPagesStopsAtDepthLimit(t *testing.T) {
	t.Parallel()
	p := &pager{total: 1 << 20}
	got, err := collect(t, Pages(t.Context(), 50, p.fetch))
	if !errors.Is(err, ErrPageDepth) || len(got) != MaxPageDepth || len(p.calls) != 100 {
		t.Errorf("got %v after %d items in %d calls; want ErrPageDepth after 5000 in 100", err, len(got), len(p.calls))
	}
}

func TestPagesBreakStopsFetching(t *testing.T) {
	t.Parallel()
	p := &pager{total: 1000}
	for v := range Pages(t.Context(), 10, p.fetch) {
		if v == 15 {
			break
		}
	}
	if len(p.calls) != 2 {
		t.Errorf("got %d calls; want 2", len(p.calls))
	}
}

func TestPagesHonoursContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	p := &pager{total: 100}
	if _, err := collect(t, Pages(ctx, 10, p.fetch)); !errors.Is(err, context.Canceled) || len(p.calls) != 0 {
		t.Errorf("got %v after %d calls; want context.Canceled and no call", err, len(p.calls))
	}
}

func TestChunks(t *testing.T) {
	t.Parallel()
	p := &pager{total: 1201}
	got, err := collect(t, Chunks(t.Context(), 0, p.fetch))
	if err != nil || len(got) != 1201 || !slices.IsSorted(got) {
		t.Fatalf("got %d items, %v; want 1201 in order", len(got), err)
	}
	if d := cmp.Diff([][2]int{{1, 500}, {2, 500}, {3, 500}}, p.calls); d != "" {
		t.Errorf("calls (-want +got):\n%s", d)
	}
}

func TestChunksStopOnEmptyChunk(t *testing.T) {
	t.Parallel()
	calls := 0
	liar := func(ctx context.Context, chunk, perChunk int) ([]int, bool, error) {
		calls++
		if chunk == 1 {
			return []int{1}, true, nil
		}
		return nil, true, nil
	}
	got, err := collect(t, Chunks(t.Context(), 100, liar))
	if err != nil || len(got) != 1 || calls != 2 {
		t.Errorf("got %v, %v after %d calls; want [1] after 2", got, err, calls)
	}
}

// TestIteratorsFetchLazily checks that the iterators fetch a page only
// when the consumer asks for its first item, so they hold one page at a
// time and fetch nothing after the consumer breaks, even at a page's end.
func TestIteratorsFetchLazily(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		breakAt int // the item after which the consumer breaks; -1 never
		want    []string
	}{
		{"whole", -1, []string{"fetch 1", "0", "1", "fetch 2", "2", "3", "fetch 3", "4"}},
		{"break inside a page", 2, []string{"fetch 1", "0", "1", "fetch 2", "2"}},
		{"break at a page's end", 1, []string{"fetch 1", "0", "1"}},
	} {
		for name, iterate := range map[string]func(context.Context, int, PageFunc[int]) iter.Seq2[int, error]{
			"Pages": Pages[int],
			"Chunks": func(ctx context.Context, n int, fetch PageFunc[int]) iter.Seq2[int, error] {
				return Chunks(ctx, n, ChunkFunc[int](fetch))
			},
		} {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				var events []string
				p := &pager{total: 5}
				fetch := func(ctx context.Context, page, perPage int) ([]int, bool, error) {
					events = append(events, fmt.Sprint("fetch ", page))
					return p.fetch(ctx, page, perPage)
				}
				for v, err := range iterate(t.Context(), 2, fetch) {
					if err != nil {
						t.Fatal(err)
					}
					events = append(events, fmt.Sprint(v))
					if v == tc.breakAt {
						break
					}
				}
				if d := cmp.Diff(tc.want, events); d != "" {
					t.Errorf("events (-want +got):\n%s", d)
				}
			})
		}
	}
}

func TestPagesDepthLimitWithOddPerPage(t *testing.T) {
	t.Parallel()
	p := &pager{total: 1 << 20}
	got, err := collect(t, Pages(t.Context(), 37, p.fetch))
	// 135 pages of 37 are 4995 items; page 136 would reach 5032.
	if !errors.Is(err, ErrPageDepth) || len(got) != 135*37 || len(p.calls) != 135 {
		t.Errorf("got %v after %d items in %d calls; want ErrPageDepth after %d in 135", err, len(got), len(p.calls), 135*37)
	}
}

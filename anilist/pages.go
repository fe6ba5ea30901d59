package anilist

import (
	"context"
	"errors"
	"iter"
)

// AniList's paging limits.
const (
	// MaxPerPage is the largest perPage AniList accepts.
	MaxPerPage = 50
	// MaxPageDepth is the largest page×perPage AniList serves.
	MaxPageDepth = 5000
	// MaxPerChunk is the largest perChunk of MediaListCollection.
	MaxPerChunk = 500
)

// ErrPageDepth is yielded by [Pages] when hasNextPage is still true but the
// next page would pass AniList's depth limit of [MaxPageDepth] entries:
// the results are cut short, so narrow the filter or change the sort.
var ErrPageDepth = errors.New("anilist: more results than AniList serves (page×perPage ≤ 5000); narrow the query")

// PageFunc fetches one page of a Page operation: it calls a generated
// function with page and perPage and returns the page's items and its
// pageInfo.hasNextPage.
type PageFunc[T any] func(ctx context.Context, page, perPage int) (items []T, hasNextPage bool, err error)

// ChunkFunc fetches one chunk of MediaListCollection: it calls the generated
// function with chunk and perChunk and returns the chunk's entries and its
// hasNextChunk.
type ChunkFunc[T any] func(ctx context.Context, chunk, perChunk int) (items []T, hasNextChunk bool, err error)

// Pages iterates over every item of a Page operation, one request per page
// of perPage items (clamped to 1..[MaxPerPage]; 0 means the maximum). It
// trusts only hasNextPage, never total or lastPage, and stops at an empty
// page. It fetches a page only when the loop asks for the page's first
// item, so it holds one page in memory at a time, and breaking out of the
// loop stops fetching. A failed request is yielded as the last pair, after
// the items that came with it. AniList serves no page past page×perPage =
// [MaxPageDepth]: if hasNextPage is still true there, the last pair is
// [ErrPageDepth] (the results were cut short) instead of a request.
func Pages[T any](ctx context.Context, perPage int, fetch PageFunc[T]) iter.Seq2[T, error] {
	perPage = clamp(perPage, MaxPerPage)
	return func(yield func(T, error) bool) {
		for page := 1; ; page++ {
			if page*perPage > MaxPageDepth {
				var zero T
				yield(zero, ErrPageDepth)
				return
			}
			more, ok := step(ctx, yield, func(ctx context.Context) ([]T, bool, error) {
				return fetch(ctx, page, perPage)
			})
			if !ok || !more {
				return
			}
		}
	}
}

// Chunks iterates over every entry of a chunked MediaListCollection, one
// request per chunk of perChunk entries (clamped to 1..[MaxPerChunk]; 0
// means the maximum), while hasNextChunk is true. It stops early on an empty
// chunk, so that a server that keeps saying hasNextChunk cannot loop it.
func Chunks[T any](ctx context.Context, perChunk int, fetch ChunkFunc[T]) iter.Seq2[T, error] {
	perChunk = clamp(perChunk, MaxPerChunk)
	return func(yield func(T, error) bool) {
		for chunk := 1; ; chunk++ {
			more, ok := step(ctx, yield, func(ctx context.Context) ([]T, bool, error) {
				return fetch(ctx, chunk, perChunk)
			})
			if !ok || !more {
				return
			}
		}
	}
}

// step fetches one page, yields its items (and its error, if any) and
// reports whether there is more and whether the consumer wants more.
func step[T any](ctx context.Context, yield func(T, error) bool, fetch func(context.Context) ([]T, bool, error)) (more, ok bool) {
	if err := ctx.Err(); err != nil {
		var zero T
		yield(zero, err)
		return false, false
	}
	items, more, err := fetch(ctx)
	for _, it := range items {
		if !yield(it, nil) {
			return false, false
		}
	}
	if err != nil {
		var zero T
		yield(zero, err)
		return false, false
	}
	return more && len(items) > 0, true
}

// clamp limits n to 1..max, with n ≤ 0 meaning max.
func clamp(n, max int) int {
	if n <= 0 || n > max {
		return max
	}
	return n
}

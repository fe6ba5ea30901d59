package cli

import (
	"cmp"
	"slices"
	"strings"

	"github.com/anigql/anigql/generated"
)

// listOrder is how list arranges the whole list, across chunks: entries
// grouped by status in AniList's order (current, planning, completed,
// dropped, paused, repeating), sorted within each group by key, at most
// limit of them (0: all).
type listOrder struct {
	statuses []generated.MediaListStatus // only these (none: all)
	key      string                      // score, title, updated or progress
	limit    int
}

// sortKeys are the values of list --sort, each with its direction.
var sortKeys = []string{"title", "score", "updated", "progress"}

// parseListOrder checks list's --status, --sort and --limit.
func parseListOrder(statuses []string, key string, limit int) (listOrder, error) {
	o := listOrder{key: strings.ToLower(key), limit: limit}
	if !slices.Contains(sortKeys, o.key) {
		return o, usagef("--sort must be one of %s, not %q", strings.Join(sortKeys, ", "), key)
	}
	if limit < 0 {
		return o, usagef("--limit must not be negative, not %d", limit)
	}
	for _, s := range statuses {
		for _, part := range strings.Split(s, ",") {
			st, err := listStatus(strings.TrimSpace(part))
			if err != nil {
				return o, err
			}
			o.statuses = append(o.statuses, *st)
		}
	}
	return o, nil
}

// apply filters, groups, sorts and cuts entries.
func (o listOrder) apply(entries []*generated.MediaListGroupEntry) []*generated.MediaListGroupEntry {
	out := make([]*generated.MediaListGroupEntry, 0, len(entries))
	for _, en := range entries {
		if len(o.statuses) == 0 || (en.Status != nil && slices.Contains(o.statuses, *en.Status)) {
			out = append(out, en)
		}
	}
	slices.SortStableFunc(out, func(a, b *generated.MediaListGroupEntry) int {
		if c := cmp.Compare(statusRank(a.Status), statusRank(b.Status)); c != 0 {
			return c
		}
		if c := o.compare(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a.Id, b.Id)
	})
	if o.limit > 0 && len(out) > o.limit {
		out = out[:o.limit]
	}
	return out
}

// statusRank is a status's place in AniList's order; entries without one
// come last.
func statusRank(s *generated.MediaListStatus) int {
	if s == nil {
		return len(generated.AllMediaListStatus)
	}
	if i := slices.Index(generated.AllMediaListStatus, *s); i >= 0 {
		return i
	}
	return len(generated.AllMediaListStatus)
}

// compare orders two entries of one status by the sort key: titles A to Z,
// scores, progress and updates highest (latest) first.
func (o listOrder) compare(a, b *generated.MediaListGroupEntry) int {
	switch o.key {
	case "score":
		return cmp.Compare(deref(b.Score), deref(a.Score))
	case "progress":
		return cmp.Compare(deref(b.Progress), deref(a.Progress))
	case "updated":
		return cmp.Compare(deref(b.UpdatedAt), deref(a.UpdatedAt))
	}
	return strings.Compare(strings.ToLower(entryTitle(a)), strings.ToLower(entryTitle(b)))
}

func entryTitle(en *generated.MediaListGroupEntry) string {
	if en.Media != nil && en.Media.Title != nil {
		return firstNonEmpty(en.Media.Title.UserPreferred)
	}
	return "-"
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

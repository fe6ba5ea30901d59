package cost

import (
	"cmp"
	"slices"
)

// maxTop is how many contributors a [Result] lists.
const maxTop = 3

// top returns the biggest contributors of a selection costing total: it
// descends while one field holds two thirds of the cost and has a
// selection of its own, then lists the fields of that selection, costliest
// first (the first in the document among equals).
func top(nodes []node, total int) []Contribution {
	for {
		big := -1
		for i, n := range nodes {
			if 3*n.cost > 2*total && len(n.children) > 0 {
				big = i
			}
		}
		if big < 0 {
			break
		}
		nodes = nodes[big].children
		total = 0
		for _, n := range nodes {
			total += n.cost
		}
	}
	sorted := slices.Clone(nodes)
	slices.SortStableFunc(sorted, func(a, b node) int { return cmp.Compare(b.cost, a.cost) })
	out := make([]Contribution, 0, min(maxTop, len(sorted)))
	for _, n := range sorted[:min(maxTop, len(sorted))] {
		out = append(out, Contribution{Path: n.path, Cost: n.cost, Position: n.field.Position})
	}
	return out
}

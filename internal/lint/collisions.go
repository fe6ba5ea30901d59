package lint

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"
)

// collision is two declarations of one Go identifier that genqlient cannot
// emit as one.
type collision struct{ a, b goDecl }

// declSet is every declaration of an operation set, fragments named as a
// plan of renames would name them.
type declSet struct {
	decls  []goDecl
	byName map[string][]int
}

// fragmentDefs returns the first definition of every fragment name, in file
// order; later ones are duplicates, reported as such.
func fragmentDefs(set *opSet) []*ast.FragmentDefinition {
	var out []*ast.FragmentDefinition
	seen := map[string]bool{}
	for _, f := range set.merged.Fragments {
		if !seen[f.Name] {
			seen[f.Name] = true
			out = append(out, f)
		}
	}
	return out
}

func collectDecls(schema *ast.Schema, set *opSet, renames map[string]string) *declSet {
	ds := &declSet{byName: map[string][]int{}}
	add := func(decls []goDecl) {
		for _, d := range decls {
			ds.byName[d.name] = append(ds.byName[d.name], len(ds.decls))
			ds.decls = append(ds.decls, d)
		}
	}
	add(schemaDecls(schema))
	for _, op := range set.merged.Operations {
		if op.Name != "" {
			add(operationDecls(schema, op))
		}
	}
	for _, f := range fragmentDefs(set) {
		add(fragmentDecls(schema, f, cmp.Or(renames[f.Name], f.Name)))
	}
	return ds
}

// clashes reports whether a and b are two declarations of one name.
func clashes(a, b goDecl) bool {
	if a.sameType(b) {
		return false
	}
	return a.owner != b.owner || a.shared && b.shared // one owner: conflicting types
}

// collisions returns one collision per pair of owners (and per owner whose
// own types conflict), the first identifier of each in name order.
func (ds *declSet) collisions() []collision {
	names := make([]string, 0, len(ds.byName))
	for n := range ds.byName {
		names = append(names, n)
	}
	slices.Sort(names)
	type pairKey struct{ a, b owner }
	seen := map[pairKey]bool{}
	var out []collision
	for _, n := range names {
		idx := ds.byName[n]
		for i, x := range idx {
			for _, y := range idx[i+1:] {
				a, b := ds.decls[x], ds.decls[y]
				if !clashes(a, b) {
					continue
				}
				k := pairKey{a.owner, b.owner}
				if ownerLess(b.owner, a.owner) {
					k = pairKey{b.owner, a.owner}
				}
				if seen[k] {
					continue
				}
				seen[k] = true
				out = append(out, collision{a, b})
			}
		}
	}
	return out
}

func ownerLess(a, b owner) bool {
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	return a.name < b.name
}

// ownName reports whether d is one of the names its owner declares for
// itself rather than for one of its selections.
func ownName(d goDecl) bool {
	n := d.owner.name
	switch d.owner.kind {
	case ownedByOperation:
		return d.name == n || d.name == n+"_Operation" || d.name == n+"Response" || d.name == "__"+n+"Input"
	case ownedByFragment:
		return d.name == n
	}
	return true
}

// blame picks the side of c to rename: a fragment before an operation, an
// operation before the schema; between two of a kind the one whose own name
// collides, else the longer name, else the later one.
func (c collision) blame() (culprit, other goDecl) {
	a, b := c.a, c.b
	if a.owner.kind == ownedBySchema || (b.owner.kind != ownedBySchema && b.owner.kind > a.owner.kind) {
		a, b = b, a
	}
	if a.owner.kind != b.owner.kind {
		return a, b
	}
	switch oa, ob := ownName(a), ownName(b); {
	case oa != ob:
		if ob {
			return b, a
		}
		return a, b
	case len(a.owner.name) != len(b.owner.name):
		if len(b.owner.name) > len(a.owner.name) {
			return b, a
		}
		return a, b
	case b.owner.name > a.owner.name:
		return b, a
	}
	return a, b
}

// describe names what declares d, with the place in the GraphQL.
func describe(d goDecl) string {
	switch d.owner.kind {
	case ownedBySchema:
		return "the schema's type " + d.owner.name
	}
	if ownName(d) {
		return fmt.Sprintf("%s (%s)", d.owner, where(d.owner.pos))
	}
	return fmt.Sprintf("a selection of %s (%s)", d.owner, where(d.pos))
}

func where(pos *ast.Position) string {
	if pos == nil {
		return "?"
	}
	name := ""
	if pos.Src != nil {
		name = pos.Src.Name
	}
	return fmt.Sprintf("%s:%d:%d", name, pos.Line, pos.Column)
}

func checkCollisions(schema *ast.Schema, set *opSet) []Finding {
	renames := planRenames(schema, set)
	var out []Finding
	for _, c := range collectDecls(schema, set, nil).collisions() {
		culprit, other := c.blame()
		first := describe(culprit)
		if ownName(culprit) {
			first = culprit.owner.String() // the finding's own place
		}
		msg := fmt.Sprintf("%s and %s both become the Go identifier %s in genqlient's output, which then does not compile",
			first, describe(other), culprit.name)
		if culprit.owner == other.owner {
			msg = fmt.Sprintf("two selections of %s (%s, %s) both become the Go type %s with different fields: genqlient fails",
				culprit.owner, where(culprit.pos), where(other.pos), culprit.name)
		}
		pos := culprit.owner.pos
		var hint string
		fixable := false
		switch {
		case culprit.owner.kind == ownedByFragment && renames[culprit.owner.name] != "":
			fixable = true
			hint = fmt.Sprintf("anigql lint --fix renames the fragment %s and every ...%s to %s", culprit.owner.name, culprit.owner.name, renames[culprit.owner.name])
		case culprit.owner.kind == ownedByFragment:
			hint = fmt.Sprintf("rename the fragment %s and its ...spreads", culprit.owner.name)
		case culprit.owner == other.owner:
			pos = culprit.pos
			hint = "give one of the fields an alias, or a # @genqlient(typename: \"...\") line"
		default:
			hint = fmt.Sprintf("rename the operation, e.g. %sQuery: its name is the Go function you call", culprit.owner.name)
		}
		out = append(out, findingAt(pos, RuleGoName, Error, msg, hint, fixable))
	}
	return out
}

// planRenames decides the new name of every fragment that a Go-identifier
// collision blames: F becomes FFragment, or FFragment2, FFragment3… when
// that is taken, a name no operation or fragment has and whose Go
// identifiers collide with nothing else. Fragments defined differently in
// two places are left alone (renaming one would not say which).
func planRenames(schema *ast.Schema, set *opSet) map[string]string {
	renames := map[string]string{}
	fixable := fixableFragments(set)
	taken := map[string]bool{}
	for _, op := range set.merged.Operations {
		taken[op.Name] = true
	}
	for _, f := range set.merged.Fragments {
		taken[f.Name] = true
	}
	for range len(fixable) + 1 {
		ds := collectDecls(schema, set, renames)
		var target *ast.FragmentDefinition
		for _, c := range ds.collisions() {
			culprit, other := c.blame()
			if culprit.owner.kind == ownedByFragment && culprit.owner != other.owner {
				if f := fixable[culprit.owner.name]; f != nil && renames[f.Name] == "" {
					target = f
					break
				}
			}
		}
		if target == nil {
			return renames
		}
		name := freeFragmentName(schema, ds, target, taken)
		if name == "" {
			delete(fixable, target.Name) // nothing free: reported, not fixed
			continue
		}
		renames[target.Name] = name
		taken[name] = true
	}
	return renames
}

// fixableFragments returns the fragments defined once or only in identical
// copies, by name.
func fixableFragments(set *opSet) map[string]*ast.FragmentDefinition {
	out := map[string]*ast.FragmentDefinition{}
	for _, f := range fragmentDefs(set) {
		out[f.Name] = f
	}
	for _, d := range duplicateFragments(set) {
		if !d.identical {
			delete(out, d.copy.def.Name)
		}
	}
	return out
}

func freeFragmentName(schema *ast.Schema, ds *declSet, f *ast.FragmentDefinition, taken map[string]bool) string {
	base := f.Name + "Fragment"
	for i := 1; i <= 100; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s%d", base, i)
		}
		if !taken[name] && fits(ds, fragmentDecls(schema, f, name)) {
			return name
		}
	}
	return ""
}

// fits reports whether decls collide with nothing in ds but the declarations
// of the fragment they would replace.
func fits(ds *declSet, decls []goDecl) bool {
	for _, d := range decls {
		for _, i := range ds.byName[d.name] {
			e := ds.decls[i]
			if e.owner.kind == ownedByFragment && e.owner.pos == d.owner.pos {
				continue // the fragment itself, under its current name
			}
			if clashes(d, e) {
				return false
			}
		}
	}
	return true
}

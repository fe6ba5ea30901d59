package lint

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// keywordEdits renames each variable named after a Go keyword, in its
// definition and at every use in the operation and the fragments it spreads.
func keywordEdits(set *opSet) map[*parsedFile][]edit {
	edits := map[*parsedFile][]edit{}
	done := map[*parsedFile]map[int]bool{}
	add := func(pos *ast.Position, name string) {
		pf := set.fileOf(pos)
		if pf == nil {
			return
		}
		if done[pf] == nil {
			done[pf] = map[int]bool{}
		}
		if e, ok := renameAt(pf, pos, name); ok && !done[pf][e.start] {
			done[pf][e.start] = true
			edits[pf] = append(edits[pf], e)
		}
	}
	for _, op := range set.merged.Operations {
		rename := map[string]bool{}
		for _, v := range op.VariableDefinitions {
			if goKeywords[v.Variable] && keywordFixable(op, v.Variable) {
				rename[v.Variable] = true
				add(v.Position, v.Variable)
			}
		}
		if len(rename) == 0 {
			continue
		}
		use := func(v *ast.Value) {
			if rename[v.Raw] {
				add(v.Position, v.Raw)
			}
		}
		eachVariableUse(op.SelectionSet, use)
		directiveVariables(op.Directives, use)
		for _, fr := range opFragments(set, op) {
			eachVariableUse(fr.SelectionSet, use)
		}
	}
	return edits
}

// renameAt returns the edit that renames the variable whose `$` is at pos.
func renameAt(pf *parsedFile, pos *ast.Position, name string) (edit, bool) {
	src := pf.src.Input
	b := pf.byteOff(pos.Start)
	if !strings.HasPrefix(src[b:], "$") {
		return edit{}, false
	}
	rest := strings.TrimLeft(src[b+1:], " \t\r\n,")
	at := len(src) - len(rest)
	if !strings.HasPrefix(rest, name) {
		return edit{}, false
	}
	return edit{start: at, end: at + len(name), text: keywordReplacement(name)}, true
}

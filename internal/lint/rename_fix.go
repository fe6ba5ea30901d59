package lint

import (
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// Rename is one fragment [Fix] renamed to keep genqlient's Go identifiers
// apart, with the number of spreads it rewrote.
type Rename struct {
	From, To string
	Spreads  int
}

// renameEdits renames the fragments planRenames picks, in their definitions
// and at every spread in every file.
func renameEdits(schema *ast.Schema, set *opSet) (map[*parsedFile][]edit, []Rename) {
	renames := planRenames(schema, set)
	if len(renames) == 0 {
		return nil, nil
	}
	edits := map[*parsedFile][]edit{}
	spreads := map[string]int{}
	for _, pf := range set.files {
		if pf.doc == nil {
			continue
		}
		for _, def := range pf.doc.Fragments {
			if to := renames[def.Name]; to != "" {
				if e, ok := nameTokenEdit(pf, def.Position, true, def.Name, to); ok {
					edits[pf] = append(edits[pf], e)
				}
			}
		}
		visit := func(ss ast.SelectionSet) {
			eachSelection(ss, func(sel ast.Selection) {
				sp, ok := sel.(*ast.FragmentSpread)
				if !ok || renames[sp.Name] == "" {
					return
				}
				if e, ok := nameTokenEdit(pf, sp.Position, false, sp.Name, renames[sp.Name]); ok {
					edits[pf] = append(edits[pf], e)
					spreads[sp.Name]++
				}
			})
		}
		for _, op := range pf.doc.Operations {
			visit(op.SelectionSet)
		}
		for _, def := range pf.doc.Fragments {
			visit(def.SelectionSet)
		}
	}
	var out []Rename
	for from, to := range renames {
		out = append(out, Rename{From: from, To: to, Spreads: spreads[from]})
	}
	return edits, out
}

// nameTokenEdit returns the edit that renames the name token at pos (a
// spread's), or the first name after the `fragment` keyword at pos.
func nameTokenEdit(pf *parsedFile, pos *ast.Position, afterKeyword bool, from, to string) (edit, bool) {
	if pos == nil {
		return edit{}, false
	}
	src := pf.src.Input
	b := pf.byteOff(pos.Start)
	lx := lexer.New(&ast.Source{Input: src[b:]})
	for skip := afterKeyword; ; skip = false {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return edit{}, false
		}
		if tok.Kind == lexer.Comment || skip {
			continue
		}
		if tok.Kind != lexer.Name || tok.Value != from {
			return edit{}, false
		}
		start := b + runeToByte(src[b:], tok.Pos.Start)
		return edit{start: start, end: start + len(from), text: to}, true
	}
}

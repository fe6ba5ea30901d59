package lint

import (
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
)

// edit replaces src[start:end] (bytes) with text.
type edit struct {
	start, end int
	text       string
}

// Fix rewrites the mechanical findings of [Check] in place and returns the
// files in the same order, with the fragments it renamed: it names
// anonymous operations after their file, renames variables named after Go
// keywords everywhere they are used, deletes all but the first of identical
// duplicate fragments, renames a fragment whose Go identifiers collide with
// another's (StaffCard becomes StaffCardFragment, at every spread in every
// file) and adds the omitempty line above every operation. Everything else
// is left byte for byte as it was. Files that do not parse are returned
// unchanged. schema must not be nil.
func Fix(schema *ast.Schema, files []File) ([]File, []Rename) {
	out := slices.Clone(files)
	var renames []Rename
	collisions := func(set *opSet) map[*parsedFile][]edit {
		validator.ValidateWithRules(schema, set.merged, nil) // resolves the types names depend on
		edits, rs := renameEdits(schema, set)
		renames = rs
		return edits
	}
	for _, pass := range []func(*opSet) map[*parsedFile][]edit{
		dedupeEdits, nameEdits, keywordEdits, collisions, omitemptyEdits, sameLineEdits,
	} {
		set := parseSet(out)
		edits := pass(set)
		for i, pf := range set.files {
			if es := edits[pf]; len(es) > 0 {
				out[i].Src = applyEdits(pf.src.Input, es)
			}
		}
	}
	slices.SortFunc(renames, func(a, b Rename) int { return strings.Compare(a.From, b.From) })
	return out, renames
}

// applyEdits applies non-overlapping edits; a deletion overlapping an
// earlier edit is trimmed, any other overlapping edit is dropped.
func applyEdits(src string, edits []edit) string {
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.start < last && e.text == "" {
			e.start = min(last, e.end) // adjacent deletions may share a blank line
		}
		if e.start < last || e.end < e.start || e.end > len(src) {
			continue
		}
		b.WriteString(src[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.WriteString(src[last:])
	return b.String()
}

func dedupeEdits(set *opSet) map[*parsedFile][]edit {
	edits := map[*parsedFile][]edit{}
	for _, d := range duplicateFragments(set) {
		if d.identical {
			c := d.copy
			start, end := deletionSpan(c.file.src.Input, c.start, c.end)
			edits[c.file] = append(edits[c.file], edit{start: start, end: end})
		}
	}
	return edits
}

// deletionSpan widens [start, end) to whole lines, with the comment lines
// directly above, and swallows one of two blank lines left around it.
func deletionSpan(src string, start, end int) (int, int) {
	ls := strings.LastIndexByte(src[:start], '\n') + 1
	if strings.TrimSpace(src[ls:start]) == "" {
		start = ls
		for start > 0 {
			prev := strings.LastIndexByte(src[:start-1], '\n') + 1
			if !strings.HasPrefix(strings.TrimSpace(src[prev:start-1]), "#") {
				break
			}
			start = prev
		}
	}
	rest := strings.TrimLeft(src[end:], " \t\r")
	if strings.HasPrefix(rest, "\n") {
		end = len(src) - len(rest) + 1
	}
	blankBefore := start >= 2 && src[start-2:start] == "\n\n"
	switch {
	case blankBefore:
		start-- // the blank line above goes with the definition
	case start == 0 && end < len(src) && src[end] == '\n':
		end++
	}
	return start, end
}

func nameEdits(set *opSet) map[*parsedFile][]edit {
	edits := map[*parsedFile][]edit{}
	for op, name := range anonymousNames(set) {
		pf := set.fileOf(op.Position)
		if pf == nil {
			continue
		}
		src := pf.src.Input
		b := pf.byteOff(op.Position.Start)
		kw := string(op.Operation)
		switch {
		case strings.HasPrefix(src[b:], "{"):
			edits[pf] = append(edits[pf], edit{start: b, end: b, text: "query " + name + " "})
		case strings.HasPrefix(src[b:], kw):
			at := b + len(kw)
			edits[pf] = append(edits[pf], edit{start: at, end: at, text: " " + name})
		}
	}
	return edits
}

func omitemptyEdits(set *opSet) map[*parsedFile][]edit {
	edits := map[*parsedFile][]edit{}
	for _, op := range set.merged.Operations {
		pf := set.fileOf(op.Position)
		if pf == nil || hasOmitempty(op) || setsOmitempty(op) {
			continue
		}
		src := pf.src.Input
		b := pf.byteOff(op.Position.Start)
		ls := strings.LastIndexByte(src[:b], '\n') + 1
		if indent := src[ls:b]; strings.TrimSpace(indent) == "" {
			edits[pf] = append(edits[pf], edit{start: ls, end: ls, text: indent + OmitemptyLine + "\n"})
		} else {
			edits[pf] = append(edits[pf], edit{start: b, end: b, text: "\n" + OmitemptyLine + "\n"})
		}
	}
	return edits
}

// opFragments returns the fragments op uses, directly or through other
// fragments, resolved by name in the merged document.
func opFragments(set *opSet, op *ast.OperationDefinition) []*ast.FragmentDefinition {
	var out []*ast.FragmentDefinition
	seen := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(ss ast.SelectionSet) {
		eachSelection(ss, func(sel ast.Selection) {
			sp, ok := sel.(*ast.FragmentSpread)
			if !ok || seen[sp.Name] {
				return
			}
			seen[sp.Name] = true
			if def := set.merged.Fragments.ForName(sp.Name); def != nil {
				out = append(out, def)
				walk(def.SelectionSet)
			}
		})
	}
	walk(op.SelectionSet)
	return out
}

// sameLineEdits moves the variable definitions of an operation onto a line
// of their own when the omitempty line would otherwise also apply to a
// non-null variable on the operation's line, which genqlient rejects.
func sameLineEdits(set *opSet) map[*parsedFile][]edit {
	edits := map[*parsedFile][]edit{}
	for _, op := range set.merged.Operations {
		pf := set.fileOf(op.Position)
		if pf == nil || len(sameLineRequired(op)) == 0 || !hasOmitempty(op) {
			continue
		}
		b := pf.byteOff(op.VariableDefinitions[0].Position.Start)
		edits[pf] = append(edits[pf], edit{start: b, end: b, text: "\n  "})
	}
	return edits
}

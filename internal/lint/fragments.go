package lint

import (
	"fmt"
	"slices"

	"github.com/vektah/gqlparser/v2/ast"
)

// fragCopy is one definition of a fragment and its byte span in its file.
type fragCopy struct {
	file       *parsedFile
	def        *ast.FragmentDefinition
	start, end int
}

func (c fragCopy) text() string { return c.file.src.Input[c.start:c.end] }

func (c fragCopy) where() string {
	return fmt.Sprintf("%s:%d:%d", c.file.name, c.def.Position.Line, c.def.Position.Column)
}

// duplicate is a later definition of a fragment name defined before.
type duplicate struct {
	copy, first fragCopy
	identical   bool
}

// duplicateFragments lists every definition of a fragment name after its
// first one, in file order, and whether it is token for token the same.
func duplicateFragments(set *opSet) []duplicate {
	first := map[string]fragCopy{}
	var out []duplicate
	for _, f := range set.files {
		if f.doc == nil {
			continue
		}
		for _, def := range f.doc.Fragments {
			start := f.byteOff(def.Position.Start)
			c := fragCopy{file: f, def: def, start: start, end: definitionEnd(f.src.Input, start)}
			orig, seen := first[def.Name]
			if !seen {
				first[def.Name] = c
				continue
			}
			same := slices.Equal(tokens(orig.text()), tokens(c.text()))
			out = append(out, duplicate{copy: c, first: orig, identical: same})
		}
	}
	return out
}

func checkFragments(set *opSet) []Finding {
	var out []Finding
	for _, d := range duplicateFragments(set) {
		if d.identical {
			out = append(out, findingAt(d.copy.def.Position, RuleDuplicateFrag, Error,
				fmt.Sprintf("fragment %s is also defined at %s (identical copy): genqlient needs fragment names unique across files", d.copy.def.Name, d.first.where()),
				"anigql lint --fix keeps the first copy and deletes this one", true))
			continue
		}
		out = append(out, findingAt(d.copy.def.Position, RuleDuplicateFrag, Error,
			fmt.Sprintf("fragment %s is also defined, differently, at %s", d.copy.def.Name, d.first.where()),
			"rename one of the two and its ...spreads, or merge them", false))
	}
	return out
}

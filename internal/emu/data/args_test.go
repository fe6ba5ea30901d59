package data_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/emu/data"
)

// TestEveryArgumentClassified walks every argument of every field reachable
// from Query and Mutation, and every value of their sort arguments, and
// fails on any the emulator neither implements nor refuses: an argument it
// silently ignored would answer what AniList filters out.
func TestEveryArgumentClassified(t *testing.T) {
	t.Parallel()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	support := data.Classify(schema)
	var gaps []string
	counts := map[data.Support]int{}
	sorts := map[data.Support]int{}
	for key, s := range support {
		if strings.Contains(key, "(sort:") {
			sorts[s]++
			continue
		}
		counts[s]++
	}
	for _, def := range schema.Types {
		for _, f := range def.Fields {
			for _, a := range f.Arguments {
				key := def.Name + "." + f.Name + "(" + a.Name + ")"
				if _, seen := support[key]; !seen && !strings.HasPrefix(f.Name, "__") &&
					!strings.HasPrefix(def.Name, "__") && def.Name != "InternalPage" {
					gaps = append(gaps, key)
				}
			}
		}
	}
	for key, s := range support {
		if s == data.Unclassified {
			gaps = append(gaps, key)
		}
	}
	slices.Sort(gaps)
	if len(gaps) > 0 {
		t.Errorf("%d arguments are neither implemented nor refused:\n%s", len(gaps), strings.Join(gaps, "\n"))
	}
	if testing.Verbose() {
		var refused []string
		for key, s := range support {
			if s == data.Refused {
				refused = append(refused, key)
			}
		}
		slices.Sort(refused)
		t.Logf("refused:\n%s", strings.Join(refused, "\n"))
	}
	t.Logf("arguments: %d implemented, %d refused; sort values: %d implemented, %d refused",
		counts[data.Implemented], counts[data.Refused], sorts[data.Implemented], sorts[data.Refused])
}

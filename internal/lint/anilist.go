package lint

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// AniList's page size limits.
const (
	MaxPerPage       = 50 // Query.Page(perPage:)
	MaxNestedPerPage = 25 // perPage of nested connections
)

// checkAniList applies AniList's paging rules. It needs the field definitions
// the validator fills in, so it runs after validate.
func checkAniList(set *opSet) []Finding {
	var out []Finding
	visit := func(sel ast.Selection) {
		f, ok := sel.(*ast.Field)
		if !ok || f.Definition == nil || f.ObjectDefinition == nil {
			return
		}
		if f.ObjectDefinition.Name == "Query" && f.Name == "Page" {
			out = append(out, checkPage(f)...)
			return
		}
		if v, pos, ok := perPageValue(f); ok && v > MaxNestedPerPage {
			out = append(out, findingAt(pos, RuleNestedPerPage, Warning,
				fmt.Sprintf("perPage %d on nested connection %s: AniList allows at most %d", v, f.Name, MaxNestedPerPage),
				fmt.Sprintf("use perPage ≤ %d and page through the rest", MaxNestedPerPage), false))
		}
	}
	for _, op := range set.merged.Operations {
		eachSelection(op.SelectionSet, visit)
	}
	for _, fr := range set.merged.Fragments {
		eachSelection(fr.SelectionSet, visit)
	}
	return out
}

func checkPage(page *ast.Field) []Finding {
	var out []Finding
	if v, pos, ok := perPageValue(page); ok && v > MaxPerPage {
		out = append(out, findingAt(pos, RulePerPage, Warning,
			fmt.Sprintf("Page perPage %d: AniList allows at most %d", v, MaxPerPage),
			fmt.Sprintf("use perPage ≤ %d and follow pageInfo.hasNextPage", MaxPerPage), false))
	}
	var lists []string
	var second *ast.Field
	var pageInfo *ast.Field
	for _, f := range collectFields(page.SelectionSet) {
		switch f.Name {
		case "__typename":
		case "pageInfo":
			pageInfo = f
		default:
			lists = append(lists, f.Alias)
			if len(lists) == 2 {
				second = f
			}
		}
	}
	if second != nil {
		out = append(out, findingAt(second.Position, RulePageFields, Warning,
			fmt.Sprintf("Page selects more than one list field (%s): AniList fills only one per Page", strings.Join(lists, ", ")),
			"use one aliased Page per list field", false))
	}
	if pageInfo == nil || !hasField(pageInfo.SelectionSet, "hasNextPage") {
		out = append(out, findingAt(page.Position, RulePageInfo, Warning,
			"Page without pageInfo { hasNextPage }: there is no reliable way to know when to stop",
			"select pageInfo { hasNextPage } (total and lastPage are not reliable)", false))
	}
	return out
}

func hasField(ss ast.SelectionSet, name string) bool {
	for _, f := range collectFields(ss) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// perPageValue returns the perPage argument of f when it is known: an int
// literal, or a variable with an int default.
func perPageValue(f *ast.Field) (int, *ast.Position, bool) {
	a := f.Arguments.ForName("perPage")
	if a == nil || a.Value == nil {
		return 0, nil, false
	}
	v := a.Value
	if v.Kind == ast.Variable && v.VariableDefinition != nil && v.VariableDefinition.DefaultValue != nil {
		v = v.VariableDefinition.DefaultValue
	}
	if v.Kind != ast.IntValue {
		return 0, nil, false
	}
	n, err := strconv.Atoi(v.Raw)
	if err != nil {
		return 0, nil, false
	}
	return n, v.Position, true
}

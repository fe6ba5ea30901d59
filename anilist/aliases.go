package anilist

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/Khan/genqlient/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/anigql/anigql/cost"
)

// AliasBatch describes a request made of one aliased root field per value,
// for the roots AniList has no list filter for: a mutation such as
// SaveMediaListEntry, a lookup by name, a search. Where a list filter
// exists (Media(id:) has Page.media(id_in:)), use [ByIDs] with it instead:
// one unknown id in an aliased batch makes AniList answer 404 and null
// every sibling alias, and [Aliased] refuses such a root.
type AliasBatch struct {
	// Name is the operation's name, for example "SaveEntries".
	Name string
	// Mutation makes the operation a mutation.
	Mutation bool
	// Field is the root field with its arguments, $v standing for each
	// value, for example `SaveMediaListEntry(mediaId: $v, status: CURRENT)`.
	Field string
	// Type is the GraphQL type of $v, for example "Int".
	Type string
	// Selection is the field's selection set, braces included, for example
	// "{ id status progress }". It may use $v too, and spread the fragments
	// of Fragments.
	Selection string
	// Fragments are the fragment definitions Selection spreads, if any.
	Fragments string
	// MaxComplexity is the complexity one request may have. Default:
	// [cost.Limit], AniList's 500.
	MaxComplexity int
}

// ErrListFilter is returned by [Aliased] for a root that AniList can look
// up by a list filter in one Page selection.
var ErrListFilter = errors.New("anilist: the root has a list filter: use ByIDs with it, not aliases")

var placeholder = regexp.MustCompile(`\$v\b`)

// document returns the operation with n aliases: a0 … a(n-1), each with
// its own variable $v0 … $v(n-1).
func (b AliasBatch) document(n int) string {
	var q strings.Builder
	if b.Mutation {
		q.WriteString("mutation ")
	} else {
		q.WriteString("query ")
	}
	q.WriteString(b.Name)
	q.WriteString("(")
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "$v%d: %s", i, b.Type)
	}
	q.WriteString(") {\n")
	for i := range n {
		v := fmt.Sprintf("$$v%d", i)
		fmt.Fprintf(&q, "  a%d: %s %s\n", i, placeholder.ReplaceAllString(b.Field, v), placeholder.ReplaceAllString(b.Selection, v))
	}
	q.WriteString("}\n")
	q.WriteString(b.Fragments)
	return q.String()
}

// Aliased sends one aliased copy of b.Field per value, in as few requests
// as AniList's complexity limit allows: the complexity of one alias is
// scored (package cost) and each request carries as many aliases as fit in
// b.MaxComplexity, which may be more or fewer than 50. results is aligned
// with values: results[i] is what the alias for values[i] returned, or the
// zero value when AniList answered it null. Requests are sent one after the
// other through c, usually a [*Client].
//
// It fails before sending anything with a [*ComplexityError] when one alias
// alone is over the limit, with [ErrListFilter] for a root that has a list
// filter, and with an error wrapping [cost.ErrInvalid] for an operation
// that does not validate against the AniList schema. If a request fails,
// Aliased returns the results of the requests before it and the error.
func Aliased[T, V any](ctx context.Context, c graphql.Client, b AliasBatch, values []V) (results []T, err error) {
	per, err := b.plan()
	if err != nil {
		return nil, err
	}
	results = make([]T, len(values))
	for start := 0; start < len(values); start += per {
		chunk := values[start:min(start+per, len(values))]
		if err := sendAliases(ctx, c, b, chunk, results[start:]); err != nil {
			return results, err
		}
	}
	return results, nil
}

// plan returns how many aliases fit in one request.
func (b AliasBatch) plan() (int, error) {
	limit := b.MaxComplexity
	if limit <= 0 {
		limit = cost.Limit
	}
	m, err := cost.Default()
	if err != nil {
		return 0, err
	}
	one := b.document(1)
	r, err := m.Score(one, b.Name, nil)
	if err != nil {
		return 0, fmt.Errorf("anilist: %s: %w", b.Name, err)
	}
	if r.Cost > limit {
		return 0, &ComplexityError{Op: b.Name, Cost: r.Cost, Limit: limit}
	}
	if err := checkListFilter(m.Schema(), one); err != nil {
		return 0, err
	}
	return max(1, limit/max(1, r.Cost)), nil
}

// checkListFilter refuses a query root for which Page has a field of the
// same type with an "<argument>_in" filter for the argument bound to $v0.
func checkListFilter(schema *ast.Schema, query string) error {
	doc, errs := gqlparser.LoadQueryWithRules(schema, query, nil)
	if len(errs) > 0 || len(doc.Operations) != 1 || doc.Operations[0].Operation != ast.Query {
		return nil
	}
	root, ok := doc.Operations[0].SelectionSet[0].(*ast.Field)
	page := schema.Types["Page"]
	if !ok || root.Definition == nil || page == nil {
		return nil
	}
	for _, a := range root.Arguments {
		if a.Value == nil || a.Value.Kind != ast.Variable || a.Value.Raw != "v0" {
			continue
		}
		for _, f := range page.Fields {
			if f.Type.Name() == root.Definition.Type.Name() && f.Arguments.ForName(a.Name+"_in") != nil {
				return fmt.Errorf("%w: %s(%s:) is Page.%s(%s_in:)", ErrListFilter, root.Name, a.Name, f.Name, a.Name)
			}
		}
	}
	return nil
}

// sendAliases makes one request for chunk and decodes its aliases into
// out, which is at least as long as chunk.
func sendAliases[T, V any](ctx context.Context, c graphql.Client, b AliasBatch, chunk []V, out []T) error {
	vars := make(map[string]any, len(chunk))
	for i, v := range chunk {
		vars[fmt.Sprintf("v%d", i)] = v
	}
	var data map[string]json.RawMessage
	req := &graphql.Request{OpName: b.Name, Query: b.document(len(chunk)), Variables: vars}
	err := c.MakeRequest(ctx, req, &graphql.Response{Data: &data})
	for i := range chunk {
		raw, ok := data[fmt.Sprintf("a%d", i)]
		if !ok || string(raw) == "null" {
			continue
		}
		if derr := json.Unmarshal(raw, &out[i]); derr != nil && err == nil {
			err = fmt.Errorf("anilist: %s: decoding alias a%d: %w", b.Name, i, derr)
		}
	}
	return err
}

package anilist

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/anigql/anigql"
	gojson "github.com/goccy/go-json"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The entities of an answer are found from what the answer has, without
// touching the operation (so genqlient's output is unchanged): the
// operation is validated against the embedded AniList schema once, which
// gives every field's type, and the answer is walked along its selections.
// Each object with an id is the entity "Type:id", its type being its
// __typename when the answer has one (genqlient asks for it on unions and
// interfaces) and the field's declared type otherwise. A scalar field
// named after a type, as MediaList.mediaId and MediaList.userId are, is a
// reference to that entity ("Media:…", "User:…") and is indexed too, so
// that adding an entry to a user's list invalidates the cached lists that
// hold the user. An operation the schema rejects (written against a newer
// schema) is walked without types: only objects with both __typename and
// id count.

// indexer finds the entities of answers.
type indexer struct {
	schema func() (*ast.Schema, error)
	docs   sync.Map // operation text → *ast.QueryDocument, or nil if invalid
}

func newIndexer() *indexer { return &indexer{schema: anigql.LoadSchema} }

// entities returns the sorted, distinct entities of body, the answer to
// query. It returns nil for a body it cannot parse.
func (ix *indexer) entities(query string, body []byte) []string {
	var env struct {
		Data map[string]any `json:"data"`
	}
	if err := gojson.Unmarshal(body, &env); err != nil || env.Data == nil {
		return nil
	}
	w := walker{seen: map[string]bool{}}
	if doc := ix.doc(query); doc != nil && len(doc.Operations) == 1 {
		w.schema = ix.mustSchema()
		w.fields(doc.Operations[0].SelectionSet, env.Data)
	} else {
		w.untyped(env.Data)
	}
	out := make([]string, 0, len(w.seen))
	for e := range w.seen {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// mustSchema returns the loaded schema; doc succeeded, so it loaded.
func (ix *indexer) mustSchema() *ast.Schema {
	s, _ := ix.schema()
	return s
}

// doc returns the validated document of query, parsing it once.
func (ix *indexer) doc(query string) *ast.QueryDocument {
	if d, ok := ix.docs.Load(query); ok {
		return d.(*ast.QueryDocument)
	}
	var doc *ast.QueryDocument
	if schema, err := ix.schema(); err == nil {
		if d, errs := gqlparser.LoadQueryWithRules(schema, query, nil); len(errs) == 0 {
			doc = d
		}
	}
	ix.docs.Store(query, doc)
	return doc
}

// deleted returns the sorted, distinct entities that mutation query, with
// the variables of body (the request), deletes. The answer of a Delete
// mutation is only {"deleted": true}, so its entities come from its
// arguments: a mutation field Delete<X>(id: …) deletes the entity <X>:id,
// where <X> is the type X if the schema has one, else the type Save<X>
// returns (DeleteMediaListEntry deletes a MediaList), else every member of
// the union <X>Union (DeleteActivity deletes a TextActivity, a ListActivity
// or a MessageActivity of that id).
func (ix *indexer) deleted(query string, body []byte) []string {
	doc := ix.doc(query)
	if doc == nil || len(doc.Operations) != 1 || doc.Operations[0].Operation != ast.Mutation {
		return nil
	}
	var req struct {
		Variables map[string]any `json:"variables"`
	}
	if err := gojson.Unmarshal(body, &req); err != nil {
		return nil
	}
	schema := ix.mustSchema()
	w := walker{seen: map[string]bool{}}
	for _, sel := range doc.Operations[0].SelectionSet {
		f, ok := sel.(*ast.Field)
		if !ok {
			continue
		}
		name, del := strings.CutPrefix(f.Name, "Delete")
		arg := f.Arguments.ForName("id")
		if !del || arg == nil {
			continue
		}
		id, err := arg.Value.Value(req.Variables)
		if err != nil {
			continue
		}
		if n, ok := id.(int64); ok { // a literal
			id = float64(n)
		}
		for _, typ := range deletedTypes(schema, name) {
			w.add(typ, id)
		}
	}
	return slices.Sorted(maps.Keys(w.seen))
}

// deletedTypes returns the types of the entities that the mutation field
// Delete<name> deletes.
func deletedTypes(schema *ast.Schema, name string) []string {
	hasID := func(def *ast.Definition) bool {
		return def != nil && def.Kind == ast.Object && def.Fields.ForName("id") != nil
	}
	if hasID(schema.Types[name]) {
		return []string{name}
	}
	if schema.Mutation != nil {
		if save := schema.Mutation.Fields.ForName("Save" + name); save != nil && hasID(schema.Types[save.Type.Name()]) {
			return []string{save.Type.Name()}
		}
	}
	if u := schema.Types[name+"Union"]; u != nil && u.Kind == ast.Union {
		return u.Types
	}
	return nil
}

// walker collects the entities of one answer.
type walker struct {
	schema *ast.Schema
	seen   map[string]bool
}

// value walks one JSON value selected by set, whose declared type is typ
// (a type name, or "" for an abstract type).
func (w *walker) value(set ast.SelectionSet, v any, typ string) {
	switch v := v.(type) {
	case []any:
		for _, item := range v {
			w.value(set, item, typ)
		}
	case map[string]any:
		if name, ok := v["__typename"].(string); ok {
			typ = name
		}
		if typ != "" {
			w.add(typ, v["id"])
		}
		w.fields(set, v)
	}
}

// fields walks the fields of obj that set selects, through fragments.
func (w *walker) fields(set ast.SelectionSet, obj map[string]any) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			w.field(s, obj)
		case *ast.InlineFragment:
			w.fields(s.SelectionSet, obj)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				w.fields(s.Definition.SelectionSet, obj)
			}
		}
	}
}

// field walks one selected field of obj.
func (w *walker) field(f *ast.Field, obj map[string]any) {
	v, ok := obj[f.Alias]
	if !ok || f.Definition == nil {
		return
	}
	name := f.Definition.Type.Name()
	if len(f.SelectionSet) > 0 {
		if def := w.schema.Types[name]; def != nil && def.Kind == ast.Object {
			w.value(f.SelectionSet, v, name)
		} else {
			w.value(f.SelectionSet, v, "")
		}
		return
	}
	if ref, ok := strings.CutSuffix(f.Name, "Id"); ok && ref != "" && name == "Int" {
		typ := strings.ToUpper(ref[:1]) + ref[1:]
		if def := w.schema.Types[typ]; def != nil && def.Kind == ast.Object && def.Fields.ForName("id") != nil {
			w.add(typ, v)
		}
	}
}

// untyped walks an answer without a schema: only objects that carry both
// __typename and id count.
func (w *walker) untyped(v any) {
	switch v := v.(type) {
	case []any:
		for _, item := range v {
			w.untyped(item)
		}
	case map[string]any:
		if name, ok := v["__typename"].(string); ok {
			w.add(name, v["id"])
		}
		for _, child := range v {
			w.untyped(child)
		}
	}
}

// add records the entity typ:id if id is a number or a string.
func (w *walker) add(typ string, id any) {
	switch id := id.(type) {
	case float64:
		w.seen[typ+":"+strconv.FormatFloat(id, 'f', -1, 64)] = true
	case string:
		if id != "" {
			w.seen[typ+":"+id] = true
		}
	}
}

package data

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/anigql/anigql/internal/emu/exec"
	"github.com/vektah/gqlparser/v2/ast"
)

// Viewer is the request state the server hands the executor: the id of the
// authenticated user, 0 when the request carries no token.
type Viewer struct{ ID int }

func viewerID(c *exec.Ctx) int {
	if v, ok := c.State.(Viewer); ok {
		return v.ID
	}
	return 0
}

// res holds the resolvers' shared state.
type res struct {
	s      *Store
	schema *ast.Schema
	m      map[string]exec.Resolver

	unsupportedRoots []string
}

// Resolvers returns every resolver of the emulator over s: root queries,
// mutations, connections, computed fields and links between records. Roots
// the emulator does not implement answer an error naming them.
func Resolvers(s *Store, schema *ast.Schema) map[string]exec.Resolver {
	return build(s, schema).m
}

// UnsupportedRoots lists the root fields of schema ("Query.X",
// "Mutation.Y") that the emulator answers with a "not supported" error.
func UnsupportedRoots(schema *ast.Schema) []string {
	return build(newStore(), schema).unsupportedRoots
}

func build(s *Store, schema *ast.Schema) *res {
	r := &res{s: s, schema: schema, m: map[string]exec.Resolver{}}
	r.queries()
	r.extraQueries()
	r.pages()
	r.mutations()
	r.moreMutations()
	r.fields()
	r.names()
	r.stats()
	r.mediaStats()
	r.connections()
	r.links()
	r.edges()
	r.defaults()
	r.unsupported()
	return r
}

// unsupported answers every root without a resolver with a clear error.
func (r *res) unsupported() {
	for _, root := range []*ast.Definition{r.schema.Query, r.schema.Mutation} {
		if root == nil {
			continue
		}
		for _, f := range root.Fields {
			key := root.Name + "." + f.Name
			if _, ok := r.m[key]; ok || f.Name[0] == '_' {
				continue
			}
			r.unsupportedRoots = append(r.unsupportedRoots, key)
			r.m[key] = func(*exec.Ctx, any, map[string]any) (any, error) {
				return nil, exec.Errorf(http.StatusBadRequest, "anilisttest: %s is not supported by the emulator", key)
			}
		}
	}
}

// links resolves every field whose type is stored in a table from the
// record's "<field>Id" key (mediaId, userId, recipientId, …).
func (r *res) links() {
	for _, def := range r.schema.Types {
		if def.Kind != ast.Object || def.Name == r.schema.Query.Name || (r.schema.Mutation != nil && def.Name == r.schema.Mutation.Name) {
			continue
		}
		for _, f := range def.Fields {
			table, ok := TableFor(f.Type.Name())
			key := def.Name + "." + f.Name
			if _, done := r.m[key]; !ok || done || f.Type.Elem != nil {
				continue
			}
			r.m[key] = r.link(table, f.Name)
		}
	}
}

func (r *res) link(table, field string) exec.Resolver {
	return func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
		p, _ := parent.(Obj)
		if v, ok := p[field]; ok && v != nil {
			return v, nil
		}
		id, ok := p[field+"Id"]
		if !ok && field == "media" {
			id = p["animeId"]
		}
		if id == nil {
			return nil, nil
		}
		if o := r.s.get(table, intOf(id)); o != nil {
			return o, nil
		}
		return nil, nil
	}
}

// one registers a root field that returns the first matching record.
func (r *res) one(root, table string) {
	r.m["Query."+root] = func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		if err := needSearch(args); err != nil {
			return nil, err
		}
		list := r.query(c, table, args)
		if len(list) == 0 {
			return nil, exec.NotFound()
		}
		return list[0], nil
	}
}

// entryFor returns user's list entry for media, or nil.
func (r *res) entryFor(user, media int) Obj {
	if user == 0 {
		return nil
	}
	for _, e := range r.s.lookup(MediaListTable, "mediaId", media) {
		if e["userId"] == user {
			return e
		}
	}
	return nil
}

// follows reports whether user a follows user b.
func (r *res) follows(a, b int) bool {
	u := r.s.get(UserTable, a)
	if u == nil {
		return false
	}
	f, _ := u["_following"].([]int)
	return slices.Contains(f, b)
}

// needViewer returns the viewer's record or AniList's 401.
func (r *res) needViewer(c *exec.Ctx) (Obj, error) {
	u := r.s.get(UserTable, viewerID(c))
	if u == nil {
		return nil, exec.Unauthorized()
	}
	return u, nil
}

// favs reads a user's favourites; never nil. Queries must not write it.
func favs(u Obj) map[string][]int {
	f, _ := u["_fav"].(map[string][]int)
	if f == nil {
		return map[string][]int{}
	}
	return f
}

// favsForWrite is favs for mutations: a copy stored back on the user, so
// that answers already handed out never change under a reader.
func favsForWrite(u Obj) map[string][]int {
	f := map[string][]int{}
	for k, v := range favs(u) {
		f[k] = v
	}
	u["_fav"] = f
	return f
}

// favKind maps a record to its favourites key.
func favKind(table string, o Obj) string {
	switch table {
	case MediaTable:
		return map[any]string{"ANIME": "anime", "MANGA": "manga"}[o["type"]]
	case CharacterTable:
		return "characters"
	case StaffTable:
		return "staff"
	case StudioTable:
		return "studios"
	}
	panic(fmt.Sprintf("data: no favourites for %s", table))
}

// defaults makes every non-null scalar, enum or list field that has no
// resolver fall back to a zero value when a record lacks it, so records a
// test puts by hand (or fields the generator skips) never break non-null.
func (r *res) defaults() {
	for _, def := range r.schema.Types {
		if def.Kind != ast.Object || def.Name[0] == '_' {
			continue
		}
		for _, f := range def.Fields {
			key := def.Name + "." + f.Name
			if _, done := r.m[key]; done || !f.Type.NonNull {
				continue
			}
			zero, ok := r.zero(f.Type)
			if !ok {
				continue
			}
			name := f.Name
			r.m[key] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
				if v, ok := parent.(Obj)[name]; ok && v != nil {
					return v, nil
				}
				return zero, nil
			}
		}
	}
}

// zero is the value a missing non-null field of type t answers.
func (r *res) zero(t *ast.Type) (any, bool) {
	if t.Elem != nil {
		return []any{}, true
	}
	switch t.NamedType {
	case "Int":
		return 0, true
	case "Float":
		return 0.0, true
	case "String", "ID":
		return "", true
	case "Boolean":
		return false, true
	}
	if d := r.schema.Types[t.NamedType]; d != nil && d.Kind == ast.Enum && len(d.EnumValues) > 0 {
		return d.EnumValues[0].Name, true
	}
	return nil, false
}

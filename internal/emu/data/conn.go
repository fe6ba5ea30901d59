package data

import (
	"github.com/anigql/anigql/internal/emu/exec"
)

// connections registers the nested *Connection fields.
func (r *res) connections() {
	r.m["Media.characters"] = r.mediaCharacters
	r.m["Media.staff"] = r.castConn(StaffTable, "_staff", "role")
	r.m["Media.studios"] = r.mediaStudios
	r.m["Media.relations"] = r.mediaRelations
	r.m["Media.recommendations"] = r.byMedia(RecommendationTable)
	r.m["Media.airingSchedule"] = r.byMedia(AiringTable)
	r.m["Media.trends"] = r.byMedia(TrendTable)
	r.reverse()
	r.favouriteConns()
}

// mediaCharacters answers Media.characters with roles and voice actors.
func (r *res) mediaCharacters(c *exec.Ctx, parent any, args map[string]any) (any, error) {
	var list []Obj
	roles := map[int]castRole{}
	sc := sortCtx{relevance: map[int]int{}}
	for i, cr := range castOf(parent, "_characters") {
		if o := r.s.get(CharacterTable, cr.ID); o != nil && (args["role"] == nil || args["role"] == cr.Role) {
			list = append(list, o)
			roles[cr.ID] = cr
			sc.relevance[cr.ID] = i
		}
	}
	sc.role = func(o Obj) int { return roleOrder[roles[intOf(o["id"])].Role] }
	r.sortWith(CharacterTable, list, args["sort"], sc)
	return connection(list, args, func(o Obj) Obj {
		cr := roles[intOf(o["id"])]
		va := r.lookupIDs(StaffTable, cr.Voice)
		return Obj{"role": cr.Role, "voiceActors": va, "name": nil, "favouriteOrder": nil,
			"voiceActorRoles": voiceRoles(va), "media": []any{parent}}
	}), nil
}

// mediaStudios answers Media.studios, main studios first if asked.
func (r *res) mediaStudios(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
	var list []Obj
	for _, cr := range castOf(parent, "_studios") {
		if args["isMain"] == true && cr.Role != "main" {
			continue
		}
		if o := r.s.get(StudioTable, cr.ID); o != nil {
			list = append(list, o)
		}
	}
	r.sortBy(nil, StudioTable, list, args["sort"])
	return connection(list, Obj{"perPage": MaxNestedPerPage}, func(o Obj) Obj {
		return Obj{"isMain": r.isMainStudio(parent, o)}
	}), nil
}

// mediaRelations answers Media.relations with each relation type.
func (r *res) mediaRelations(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
	rels, _ := parent.(Obj)["_relations"].([]relation)
	var list []Obj
	kinds := map[int]string{}
	for _, rel := range rels {
		if o := r.s.get(MediaTable, rel.ID); o != nil {
			list = append(list, o)
			kinds[rel.ID] = rel.Kind
		}
	}
	return connection(list, nil, func(o Obj) Obj {
		return Obj{"relationType": kinds[intOf(o["id"])], "isMainStudio": false, "characterRole": nil}
	}), nil
}

// roleOrder is the order of CharacterRole, as sort ROLE follows it.
var roleOrder = map[string]int{"MAIN": 0, "SUPPORTING": 1, "BACKGROUND": 2}

func castOf(parent any, key string) []castRole {
	cs, _ := parent.(Obj)[key].([]castRole)
	return cs
}

// lookupIDs returns the records of table with the given ids, skipping
// missing ones.
func (r *res) lookupIDs(table string, ids []int) []any {
	out := []any{}
	for _, id := range ids {
		if o := r.s.get(table, id); o != nil {
			out = append(out, o)
		}
	}
	return out
}

func voiceRoles(va []any) []any {
	out := make([]any, len(va))
	for i, v := range va {
		out[i] = Obj{"voiceActor": v, "roleNotes": nil, "dubGroup": nil}
	}
	return out
}

func (r *res) isMainStudio(media any, studio Obj) bool {
	for _, cr := range castOf(media, "_studios") {
		if cr.ID == studio["id"] {
			return cr.Role == "main"
		}
	}
	return false
}

// castConn lists the records a media links to under key, with edge role.
func (r *res) castConn(table, key, roleField string) exec.Resolver {
	return func(c *exec.Ctx, parent any, args map[string]any) (any, error) {
		var list []Obj
		roles := map[int]string{}
		sc := sortCtx{relevance: map[int]int{}}
		for i, cr := range castOf(parent, key) {
			if o := r.s.get(table, cr.ID); o != nil {
				list = append(list, o)
				roles[cr.ID] = cr.Role
				sc.relevance[cr.ID] = i
			}
		}
		r.sortWith(table, list, args["sort"], sc)
		return connection(list, args, func(o Obj) Obj { return Obj{roleField: roles[intOf(o["id"])]} }), nil
	}
}

// byMedia lists the records of table that point at the parent media.
func (r *res) byMedia(table string) exec.Resolver {
	return func(c *exec.Ctx, parent any, args map[string]any) (any, error) {
		filter := map[string]any{}
		for k, v := range args {
			filter[k] = v
		}
		filter["mediaId"] = parent.(Obj)["id"]
		return connection(r.query(c, table, filter), args, nil), nil
	}
}

// reverse registers the media lists of characters, staff and studios.
func (r *res) reverse() {
	r.m["Character.media"] = r.mediaOf("_characters", func(cr castRole, _ Obj) Obj {
		return Obj{"characterRole": cr.Role, "voiceActors": r.lookupIDs(StaffTable, cr.Voice), "relationType": nil, "isMainStudio": false}
	}, func(cr castRole, id int) bool { return cr.ID == id })
	r.m["Staff.staffMedia"] = r.mediaOf("_staff", func(cr castRole, _ Obj) Obj {
		return Obj{"staffRole": cr.Role, "relationType": nil, "isMainStudio": false}
	}, func(cr castRole, id int) bool { return cr.ID == id })
	r.m["Studio.media"] = r.mediaOf("_studios", func(cr castRole, _ Obj) Obj {
		return Obj{"isMainStudio": cr.Role == "main", "relationType": nil}
	}, func(cr castRole, id int) bool { return cr.ID == id })
	r.m["Staff.characters"] = func(c *exec.Ctx, parent any, args map[string]any) (any, error) {
		id := intOf(parent.(Obj)["id"])
		var list []Obj
		seen := map[int]bool{}
		for _, m := range r.s.all(MediaTable) {
			for _, cr := range castOf(m, "_characters") {
				if contains(cr.Voice, id) && !seen[cr.ID] {
					seen[cr.ID] = true
					list = append(list, r.s.get(CharacterTable, cr.ID))
				}
			}
		}
		r.sortBy(c, CharacterTable, list, args["sort"])
		return connection(list, args, func(Obj) Obj { return Obj{"role": "MAIN"} }), nil
	}
}

// mediaOf lists the media whose key links contain the parent.
func (r *res) mediaOf(key string, edge func(castRole, Obj) Obj, hit func(castRole, int) bool) exec.Resolver {
	return func(c *exec.Ctx, parent any, args map[string]any) (any, error) {
		id := intOf(parent.(Obj)["id"])
		var list []Obj
		roles := map[int]castRole{}
		for _, m := range r.s.all(MediaTable) {
			if args["type"] != nil && m["type"] != args["type"] {
				continue
			}
			if args["onList"] != nil && (r.entryFor(viewerID(c), intOf(m["id"])) != nil) != (args["onList"] == true) {
				continue
			}
			for _, cr := range castOf(m, key) {
				if args["isMain"] == true && cr.Role != "main" {
					continue
				}
				if hit(cr, id) {
					list = append(list, m)
					roles[intOf(m["id"])] = cr
					break
				}
			}
		}
		r.sortBy(c, MediaTable, list, args["sort"])
		return connection(list, args, func(m Obj) Obj { return edge(roles[intOf(m["id"])], m) }), nil
	}
}

func contains(ids []int, id int) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// favouriteConns registers User.favourites and the Favourites connections.
func (r *res) favouriteConns() {
	r.m["User.favourites"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
		return Obj{"_fav": favs(parent.(Obj))}, nil
	}
	for field, table := range map[string]string{"anime": MediaTable, "manga": MediaTable,
		"characters": CharacterTable, "staff": StaffTable, "studios": StudioTable} {
		r.m["Favourites."+field] = func(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
			fav, _ := parent.(Obj)["_fav"].(map[string][]int)
			list := toObjs(r.lookupIDs(table, fav[field]))
			order := map[int]int{}
			for i, id := range fav[field] {
				order[id] = i + 1
			}
			return connection(list, args, func(o Obj) Obj {
				return Obj{"favouriteOrder": order[intOf(o["id"])], "isMainStudio": false}
			}), nil
		}
	}
	r.m["SiteStatistics.anime"] = r.siteTrend(MediaTable)
	r.m["SiteStatistics.manga"] = r.siteTrend(MediaTable)
	r.m["SiteStatistics.users"] = r.siteTrend(UserTable)
	r.m["SiteStatistics.characters"] = r.siteTrend(CharacterTable)
	r.m["SiteStatistics.staff"] = r.siteTrend(StaffTable)
	r.m["SiteStatistics.studios"] = r.siteTrend(StudioTable)
	r.m["SiteStatistics.reviews"] = r.siteTrend(ReviewTable)
}

// siteTrend answers a SiteTrendConnection with one node per day.
func (r *res) siteTrend(table string) exec.Resolver {
	return func(_ *exec.Ctx, _ any, args map[string]any) (any, error) {
		n := len(r.s.tables[table])
		var list []Obj
		for d := range 7 {
			list = append(list, Obj{"date": int(epoch) - d*86400, "count": n, "change": 0})
		}
		r.sortBy(nil, "SiteTrend", list, args["sort"])
		return connection(list, args, nil), nil
	}
}

package data

import (
	"net/http"

	"github.com/anigql/anigql/internal/emu/exec"
)

// Paging limits AniList enforces.
const (
	MaxPerPage       = 50
	MaxNestedPerPage = 25
	MaxPageDepth     = 5000
)

// pageTables maps Page list fields to tables for the plain ones.
var pageTables = map[string]string{
	"media": MediaTable, "characters": CharacterTable, "staff": StaffTable, "studios": StudioTable,
	"mediaList": MediaListTable, "airingSchedules": AiringTable, "activities": ActivityTable,
	"activityReplies": ReplyTable, "threads": ThreadTable, "threadComments": CommentTable,
	"reviews": ReviewTable, "recommendations": RecommendationTable, "users": UserTable,
	"mediaTrends": TrendTable,
}

// pages registers Query.Page and the Page list fields. Query.Page computes
// every list field selected under it (by response key) so that pageInfo can
// report the total of the page's list.
func (r *res) pages() {
	r.m["Query.Page"] = func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		page, per := max(intOf(args["page"]), 1), intOf(args["perPage"])
		if per <= 0 || per > MaxPerPage {
			per = MaxPerPage
		}
		lists, total := map[string][]Obj{}, -1
		for _, f := range c.Children("Page") {
			if f.Name == "pageInfo" || f.Name == "__typename" {
				continue
			}
			all, err := r.pageList(c, f.Name, c.Args(f))
			if err != nil {
				return nil, err
			}
			if total < 0 {
				total = len(all)
			}
			lists[f.Alias] = slice(all, page, per)
		}
		return Obj{"_lists": lists, "pageInfo": rootPageInfo(max(total, 0), page, per)}, nil
	}
	page := r.schema.Types["Page"]
	if page == nil {
		return
	}
	for _, f := range page.Fields {
		if f.Name == "pageInfo" {
			continue
		}
		r.m["Page."+f.Name] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
			lists, _ := parent.(Obj)["_lists"].(map[string][]Obj)
			return lists[c.Field.Alias], nil
		}
	}
}

// pageList returns every record of a Page list field, filtered and sorted.
func (r *res) pageList(c *exec.Ctx, field string, args map[string]any) ([]Obj, error) {
	if err := needSearch(args); err != nil {
		return nil, err
	}
	switch field {
	case "notifications":
		return r.notifications(c, args)
	case "followers", "following":
		list := r.followList(intOf(args["userId"]), field == "following")
		r.sortBy(c, UserTable, list, args["sort"])
		return list, nil
	case "likes":
		target := r.likeable(intOf(args["likeableId"]), args["type"])
		if target == nil {
			return nil, nil
		}
		return r.users(target["_likes"]), nil
	case "mediaList":
		if !narrowed(args) {
			return nil, exec.Errorf(http.StatusBadRequest, "anilisttest: Page.mediaList needs one of %s: "+
				"AniList never infers the user from the token here, and what it answers without them is not known", listNarrowing)
		}
		if args["isFollowing"] == true {
			if _, err := r.needViewer(c); err != nil {
				return nil, err
			}
		}
		return r.visible(c, r.query(c, MediaListTable, args)), nil
	}
	if table, ok := pageTables[field]; ok {
		return r.query(c, table, args), nil
	}
	return nil, nil
}

// listNarrowing are the Page.mediaList arguments that say whose entries
// (or which media's) to list.
const listNarrowing = "userId, userName, userId_in, mediaId, mediaId_in, id or isFollowing"

// narrowed reports whether args name the entries Page.mediaList lists.
func narrowed(args map[string]any) bool {
	for _, k := range []string{"userId", "userName", "userId_in", "mediaId", "mediaId_in", "id"} {
		if args[k] != nil {
			return true
		}
	}
	return args["isFollowing"] == true
}

// slice cuts one page out of list, honouring the 5000-entry depth limit.
func slice(list []Obj, page, per int) []Obj {
	if page*per > MaxPageDepth {
		return []Obj{}
	}
	lo, hi := min((page-1)*per, len(list)), min(page*per, len(list))
	return list[lo:hi]
}

// rootPageInfo is Page.pageInfo as AniList answers it: only hasNextPage
// (and currentPage, perPage) can be trusted. AniList documents total and
// lastPage as inaccurate, and public code reports total pinned at the
// 5000-entry depth cap whatever the filter, so the emulator reports that
// cap (lastPage following from it) for every list that is not empty, and
// code that stops on total or lastPage instead of hasNextPage breaks
// offline as it would online.
func rootPageInfo(total, page, per int) Obj {
	info := pageInfo(total, page, per)
	if total > 0 {
		info["total"] = MaxPageDepth
		info["lastPage"] = (MaxPageDepth + per - 1) / per
	}
	return info
}

// pageInfo is the exact page information of a nested connection.
func pageInfo(total, page, per int) Obj {
	last := max((total+per-1)/per, 1)
	return Obj{"total": total, "perPage": per, "currentPage": page, "lastPage": last,
		"hasNextPage": page*per < total && (page+1)*per <= MaxPageDepth}
}

// connection builds a Connection object ({edges, nodes, pageInfo}) from
// records, cutting the page the args ask for; edge builds each edge.
func connection(list []Obj, args map[string]any, edge func(Obj) Obj) Obj {
	page, per := max(intOf(args["page"]), 1), intOf(args["perPage"])
	if per <= 0 || per > MaxNestedPerPage {
		per = MaxNestedPerPage
	}
	cut := slice(list, page, per)
	nodes, edges := make([]any, len(cut)), make([]any, len(cut))
	for i, o := range cut {
		nodes[i] = o
		e := Obj{"node": o, "id": o["id"]}
		if edge != nil {
			for k, v := range edge(o) {
				e[k] = v
			}
		}
		edges[i] = e
	}
	return Obj{"edges": edges, "nodes": nodes, "pageInfo": pageInfo(len(list), page, per)}
}

// users looks up user ids.
func (r *res) users(ids any) []Obj {
	var out []Obj
	for _, id := range exec.ToList(ids) {
		if u := r.s.get(UserTable, intOf(id)); u != nil {
			out = append(out, u)
		}
	}
	return out
}

// likeable finds the target of a like by LikeableType.
func (r *res) likeable(id int, typ any) Obj {
	table := map[any]string{"THREAD": ThreadTable, "THREAD_COMMENT": CommentTable,
		"ACTIVITY": ActivityTable, "ACTIVITY_REPLY": ReplyTable}[typ]
	if table == "" {
		return nil
	}
	return r.s.get(table, id)
}

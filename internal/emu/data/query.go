package data

import (
	"net/http"
	"sort"

	"github.com/anigql/anigql/internal/emu/exec"
)

// queries registers the root query fields.
func (r *res) queries() {
	for root, table := range map[string]string{
		"Media": MediaTable, "Character": CharacterTable, "Staff": StaffTable, "Studio": StudioTable,
		"MediaList": MediaListTable, "AiringSchedule": AiringTable, "Review": ReviewTable,
		"Recommendation": RecommendationTable, "Thread": ThreadTable, "Activity": ActivityTable,
		"ActivityReply": ReplyTable, "User": UserTable,
	} {
		r.one(root, table)
	}
	r.m["Query.ThreadComment"] = func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		return r.query(c, CommentTable, args), nil
	}
	r.m["Query.Viewer"] = func(c *exec.Ctx, _ any, _ map[string]any) (any, error) {
		return r.needViewer(c)
	}
	r.m["Query.Notification"] = func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		list, err := r.notifications(c, args)
		if err != nil || len(list) == 0 {
			return nil, err
		}
		return list[0], nil
	}
	r.m["Query.Follower"] = r.follow(false)
	r.m["Query.Following"] = r.follow(true)
	r.m["Query.GenreCollection"] = func(*exec.Ctx, any, map[string]any) (any, error) {
		return anySlice(genres), nil
	}
	r.m["Query.MediaTagCollection"] = func(*exec.Ctx, any, map[string]any) (any, error) {
		out := make([]any, len(tags))
		for i, t := range tags {
			out[i] = Obj{"id": i + 1, "name": t[0], "category": t[1], "description": t[0] + ".",
				"rank": nil, "isGeneralSpoiler": false, "isMediaSpoiler": false, "isAdult": false, "userId": nil}
		}
		return out, nil
	}
	r.m["Query.SiteStatistics"] = func(*exec.Ctx, any, map[string]any) (any, error) {
		return Obj{"_site": true}, nil
	}
	r.m["Query.MediaListCollection"] = r.collection
}

// follow answers Follower/Following: the first user of the list.
func (r *res) follow(following bool) exec.Resolver {
	return func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		list := r.followList(intOf(args["userId"]), following)
		if len(list) == 0 {
			return nil, exec.NotFound()
		}
		return list[0], nil
	}
}

// followList returns the users user follows, or the users following user.
func (r *res) followList(user int, following bool) []Obj {
	var out []Obj
	if following {
		u := r.s.get(UserTable, user)
		if u == nil {
			return nil
		}
		ids, _ := u["_following"].([]int)
		for _, id := range ids {
			if o := r.s.get(UserTable, id); o != nil {
				out = append(out, o)
			}
		}
		return out
	}
	for _, u := range r.s.all(UserTable) {
		if r.follows(intOf(u["id"]), user) {
			out = append(out, u)
		}
	}
	return out
}

// notifications lists the viewer's notifications, newest first.
func (r *res) notifications(c *exec.Ctx, args map[string]any) ([]Obj, error) {
	u, err := r.needViewer(c)
	if err != nil {
		return nil, err
	}
	var out []Obj
	types := exec.ToList(args["type_in"])
	if t := args["type"]; t != nil {
		types = append(types, t)
	}
	all := r.s.all(NotificationTable)
	for i := len(all) - 1; i >= 0; i-- {
		n := all[i]
		if n["_userId"] != u["id"] || (len(types) > 0 && !compare(n["type"], "_in", types)) {
			continue
		}
		out = append(out, n)
	}
	if args["resetNotificationCount"] == true && len(all) > 0 {
		r.s.markRead(intOf(u["id"]), intOf(all[len(all)-1]["id"]))
	}
	return out, nil
}

// collection answers MediaListCollection: a user's list grouped by status
// and custom list, optionally in chunks.
func (r *res) collection(c *exec.Ctx, _ any, args map[string]any) (any, error) {
	user := r.userArg(args)
	if user == nil {
		if args["userId"] == nil && args["userName"] == nil {
			return nil, exec.Errorf(http.StatusBadRequest, "User id or name is required.")
		}
		return nil, exec.NotFound()
	}
	filter := map[string]any{}
	for k, v := range args {
		if k != "userName" && k != "userId" {
			filter[k] = v
		}
	}
	filter["userId"] = user["id"]
	entries := r.query(c, MediaListTable, filter)
	entries = r.visible(c, entries)
	hasNext := false
	if args["chunk"] != nil || args["perChunk"] != nil {
		per := intOf(args["perChunk"])
		if per <= 0 || per > 500 {
			per = 500
		}
		chunk := max(intOf(args["chunk"]), 1)
		lo, hi := min((chunk-1)*per, len(entries)), min(chunk*per, len(entries))
		hasNext = hi < len(entries)
		entries = entries[lo:hi]
	}
	return Obj{"lists": groups(entries), "user": user, "hasNextChunk": hasNext}, nil
}

// visible drops private entries unless the viewer owns them.
func (r *res) visible(c *exec.Ctx, entries []Obj) []Obj {
	out := entries[:0:0]
	for _, e := range entries {
		if e["private"] != true || e["userId"] == viewerID(c) {
			out = append(out, e)
		}
	}
	return out
}

// userArg finds the user named by userId or userName.
func (r *res) userArg(args map[string]any) Obj {
	if id := args["userId"]; id != nil {
		return r.s.get(UserTable, intOf(id))
	}
	name, _ := args["userName"].(string)
	for _, u := range r.s.all(UserTable) {
		if equal(u["name"], name) {
			return u
		}
	}
	return nil
}

var statusNames = []struct{ status, anime, manga string }{
	{"CURRENT", "Watching", "Reading"}, {"REPEATING", "Rewatching", "Rereading"},
	{"COMPLETED", "Completed", "Completed"}, {"PAUSED", "Paused", "Paused"},
	{"DROPPED", "Dropped", "Dropped"}, {"PLANNING", "Planning", "Planning"},
}

// groups splits entries into status lists and custom lists.
func groups(entries []Obj) []any {
	out := []any{}
	for _, st := range statusNames {
		var es []any
		for _, e := range entries {
			if e["status"] == st.status && e["hiddenFromStatusLists"] != true {
				es = append(es, e)
			}
		}
		if len(es) > 0 {
			out = append(out, Obj{"name": st.anime, "status": st.status, "entries": es,
				"isCustomList": false, "isCompletedList": st.status == "COMPLETED", "isSplitCompletedList": false})
		}
	}
	custom := map[string][]any{}
	var order []string
	for _, e := range entries {
		cl, _ := e["customLists"].(Obj)
		for name, on := range cl {
			if on == true {
				if custom[name] == nil {
					order = append(order, name)
				}
				custom[name] = append(custom[name], e)
			}
		}
	}
	sort.Strings(order)
	for _, name := range order {
		out = append(out, Obj{"name": name, "status": nil, "entries": custom[name],
			"isCustomList": true, "isCompletedList": false, "isSplitCompletedList": false})
	}
	return out
}

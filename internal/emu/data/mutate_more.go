package data

import (
	"fmt"

	"github.com/anigql/anigql/internal/emu/exec"
)

// moreMutations registers the activity, thread and AniChart mutations.
func (r *res) moreMutations() {
	r.mutation("SaveMessageActivity", r.saveMessage)
	r.mutation("SaveListActivity", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		return r.updateActivity(u, args["id"], "isLocked", args["locked"])
	})
	r.mutation("ToggleActivityPin", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		return r.updateActivity(u, args["id"], "isPinned", args["pinned"] == true)
	})
	r.mutation("ToggleActivitySubscription", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		a := r.s.get(ActivityTable, intOf(args["activityId"]))
		if a == nil {
			return nil, exec.Validation(problems{"activityId": {"The selected activity id is invalid."}})
		}
		subscribe(a, intOf(u["id"]), args["subscribe"] == true)
		return a, nil
	})
	r.mutation("DeleteActivityReply", r.deleter(ReplyTable))
	r.mutation("DeleteReview", r.deleter(ReviewTable))
	r.mutation("DeleteThread", r.deleter(ThreadTable))
	r.mutation("DeleteThreadComment", r.deleter(CommentTable))
	r.mutation("DeleteCustomList", r.deleteCustomList)
	r.mutation("SaveThread", r.saveThread)
	r.mutation("SaveThreadComment", r.saveComment)
	r.mutation("ToggleThreadSubscription", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		t := r.s.get(ThreadTable, intOf(args["threadId"]))
		if t == nil {
			return nil, exec.Validation(problems{"threadId": {"The selected thread id is invalid."}})
		}
		subscribe(t, intOf(u["id"]), args["subscribe"] == true)
		return t, nil
	})
	r.anichartMutations()
}

// anichartMutations stores AniChart settings and highlights on the viewer.
func (r *res) anichartMutations() {
	r.mutation("UpdateAniChartSettings", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		s := cloneObj(u["_anichartSettings"])
		for k, v := range args {
			if v != nil {
				s[k] = v
			}
		}
		u["_anichartSettings"] = s
		return s, nil
	})
	r.mutation("UpdateAniChartHighlights", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		h := Obj{}
		for _, x := range exec.ToList(args["highlights"]) {
			if m, ok := x.(map[string]any); ok && m["mediaId"] != nil {
				h[fmt.Sprint(intOf(m["mediaId"]))] = m["highlight"]
			}
		}
		u["_anichartHighlights"] = h
		return h, nil
	})
}

// deleter deletes the viewer's own record of table by the id argument.
func (r *res) deleter(table string) func(*exec.Ctx, Obj, map[string]any) (any, error) {
	return func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		o := r.s.get(table, intOf(args["id"]))
		if o == nil || o["userId"] != u["id"] {
			return nil, exec.Validation(problems{"id": {"The selected id is invalid."}})
		}
		r.s.del(table, intOf(args["id"]))
		return Obj{"deleted": true}, nil
	}
}

// updateActivity sets one field on an activity the viewer owns.
func (r *res) updateActivity(u Obj, id any, field string, v any) (any, error) {
	p := problems{}
	a := r.ownActivity(p, u, id)
	if a == nil && len(p) == 0 {
		p.add("id", "The selected id is invalid.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if v != nil {
		a[field] = v
	}
	return a, nil
}

func (r *res) saveMessage(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	p.lengthCheck(args, "message", 2, 10000)
	a := r.ownActivity(p, u, args["id"])
	if args["id"] == nil && r.s.get(UserTable, intOf(args["recipientId"])) == nil {
		p.add("recipientId", "The selected recipient id is invalid.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if a == nil {
		id := r.s.nextID(ActivityTable)
		a = Obj{"__typename": "MessageActivity", "type": "MESSAGE", "messengerId": u["id"],
			"recipientId": intOf(args["recipientId"]), "createdAt": r.s.now(), "replyCount": 0,
			"isLocked": false, "isSubscribed": false, "isPrivate": args["private"] == true,
			"siteUrl": fmt.Sprintf("https://anilist.co/activity/%d", id), "_likes": []int{}}
		r.s.put(ActivityTable, id, a)
	}
	if m := args["message"]; m != nil {
		a["message"] = m
	}
	return a, nil
}

func (r *res) deleteCustomList(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	name, _ := args["customList"].(string)
	for _, e := range r.s.lookup(MediaListTable, "userId", intOf(u["id"])) {
		if t := args["type"]; t != nil && r.s.get(MediaTable, intOf(e["mediaId"]))["type"] != t {
			continue // the list of the other media type keeps its custom list
		}
		if cl, ok := e["customLists"].(Obj); ok && cl[name] != nil {
			next := cloneObj(cl)
			delete(next, name)
			e["customLists"] = next
		}
	}
	return Obj{"deleted": true}, nil
}

func (r *res) saveThread(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	p.lengthCheck(args, "title", 6, 120)
	p.lengthCheck(args, "body", 0, 30000)
	t := r.own(p, ThreadTable, u, args["id"])
	if args["id"] == nil && args["title"] == nil {
		p.add("title", "The title field is required.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if t == nil {
		id, now := r.s.nextID(ThreadTable), r.s.now()
		t = Obj{"userId": u["id"], "replyCount": 0, "viewCount": 0, "isLocked": false, "isSticky": false,
			"_subscribers": []int{intOf(u["id"])}, "createdAt": now, "repliedAt": now, "categories": []any{}, "mediaCategories": []any{},
			"siteUrl": fmt.Sprintf("https://anilist.co/forum/thread/%d", id), "_likes": []int{}}
		r.s.put(ThreadTable, id, t)
	}
	for arg, field := range map[string]string{"title": "title", "body": "body", "sticky": "isSticky", "locked": "isLocked"} {
		if v := args[arg]; v != nil {
			t[field] = v
		}
	}
	if cats := args["categories"]; cats != nil {
		var out []any
		for _, id := range exec.ToList(cats) {
			out = append(out, Obj{"id": intOf(id), "name": fmt.Sprintf("Category %d", intOf(id))})
		}
		t["categories"] = out
	}
	if mc := args["mediaCategories"]; mc != nil {
		t["mediaCategories"] = toAny(r.lookupIDs(MediaTable, intsOf(mc)))
	}
	t["updatedAt"] = r.s.now()
	r.s.put(ThreadTable, intOf(t["id"]), t) // refresh the search text
	return t, nil
}

func (r *res) saveComment(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	p.lengthCheck(args, "comment", 1, 12000)
	cm := r.own(p, CommentTable, u, args["id"])
	if args["id"] == nil && r.s.get(ThreadTable, intOf(args["threadId"])) == nil {
		p.add("threadId", "The selected thread id is invalid.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if cm == nil {
		id, tid := r.s.nextID(CommentTable), intOf(args["threadId"])
		cm = Obj{"userId": u["id"], "threadId": tid, "isLocked": false, "childComments": nil,
			"createdAt": r.s.now(), "siteUrl": fmt.Sprintf("https://anilist.co/forum/thread/%d/comment/%d", tid, id), "_likes": []int{}}
		r.s.put(CommentTable, id, cm)
		t := r.s.get(ThreadTable, tid)
		t["replyCount"], t["replyUserId"], t["replyCommentId"], t["repliedAt"] = intOf(t["replyCount"])+1, u["id"], id, r.s.now()
	}
	if v := args["comment"]; v != nil {
		cm["comment"] = v
	}
	cm["updatedAt"] = r.s.now()
	return cm, nil
}

// own returns the viewer's record id of table, nil for no id, or records a
// problem when the record is missing or someone else's.
func (r *res) own(p problems, table string, u Obj, id any) Obj {
	if id == nil {
		return nil
	}
	o := r.s.get(table, intOf(id))
	if o == nil || o["userId"] != u["id"] {
		p.add("id", "The selected id is invalid.")
		return nil
	}
	return o
}

func intsOf(v any) []int {
	var out []int
	for _, x := range exec.ToList(v) {
		out = append(out, intOf(x))
	}
	return out
}

func toAny(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

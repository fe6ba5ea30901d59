package data

import (
	"fmt"
	"slices"

	"github.com/anigql/anigql/internal/emu/exec"
)

// favArgs maps ToggleFavourite arguments to favourite kinds and tables.
var favArgs = []struct{ arg, kind, table string }{
	{"anime", "anime", MediaTable}, {"manga", "manga", MediaTable},
	{"character", "characters", CharacterTable}, {"staff", "staff", StaffTable},
	{"studio", "studios", StudioTable},
}

func (r *res) toggleFavourite(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	f := favsForWrite(u)
	for _, fa := range favArgs {
		id := args[fa.arg+"Id"]
		if id == nil {
			continue
		}
		if r.s.get(fa.table, intOf(id)) == nil {
			return nil, exec.Validation(problems{fa.arg + "Id": {"The selected " + fa.arg + " id is invalid."}})
		}
		f[fa.kind] = toggled(f[fa.kind], intOf(id))
	}
	return Obj{"_fav": f}, nil
}

func (r *res) favouriteOrder(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	f := favsForWrite(u)
	for _, fa := range favArgs {
		ids, order := exec.ToList(args[fa.arg+"Ids"]), exec.ToList(args[fa.arg+"Order"])
		if len(ids) == 0 {
			continue
		}
		if len(ids) != len(order) {
			return nil, exec.Validation(problems{fa.arg + "Order": {"The " + fa.arg + " order must match the ids."}})
		}
		pos := map[int]int{}
		for i, id := range ids {
			pos[intOf(id)] = intOf(order[i])
		}
		list := slices.Clone(f[fa.kind])
		for i, id := range list {
			if _, ok := pos[id]; !ok {
				pos[id] = i + 1 // unlisted favourites keep their place
			}
		}
		slices.SortStableFunc(list, func(a, b int) int { return pos[a] - pos[b] })
		f[fa.kind] = list
	}
	return Obj{"_fav": f}, nil
}

func (r *res) toggleFollow(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	target := r.s.get(UserTable, intOf(args["userId"]))
	if target == nil || target["id"] == u["id"] {
		return nil, exec.Validation(problems{"userId": {"The selected user id is invalid."}})
	}
	f, _ := u["_following"].([]int)
	u["_following"] = toggled(f, intOf(target["id"]))
	return target, nil
}

func (r *res) toggleLike(u Obj, args map[string]any) (Obj, error) {
	o := r.likeable(intOf(args["id"]), args["type"])
	if o == nil {
		return nil, exec.Validation(problems{"id": {"The selected id is invalid."}})
	}
	l, _ := o["_likes"].([]int)
	o["_likes"] = toggled(l, intOf(u["id"]))
	return o, nil
}

// toggled returns a copy of ids with id removed if it was there, else added
// at the end. ids itself is not modified: readers may still hold it.
func toggled(ids []int, id int) []int {
	if i := slices.Index(ids, id); i >= 0 {
		return slices.Delete(slices.Clone(ids), i, i+1)
	}
	return append(slices.Clone(ids), id)
}

func (r *res) saveText(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	if args["text"] == nil {
		p.add("text", "The text field is required.")
	}
	p.lengthCheck(args, "text", 5, 10000)
	a := r.ownActivity(p, u, args["id"])
	if err := p.err(); err != nil {
		return nil, err
	}
	if a == nil {
		id := r.s.nextID(ActivityTable)
		a = Obj{"__typename": "TextActivity", "userId": u["id"], "type": "TEXT", "createdAt": r.s.now(),
			"replyCount": 0, "isLocked": false, "isSubscribed": false, "isPinned": false,
			"siteUrl": fmt.Sprintf("https://anilist.co/activity/%d", id), "_likes": []int{}}
		r.s.put(ActivityTable, id, a)
	}
	a["text"] = args["text"]
	return a, nil
}

// ownActivity returns the viewer's activity id, nil for none, or records a
// problem when the id is not the viewer's.
func (r *res) ownActivity(p problems, u Obj, id any) Obj {
	if id == nil {
		return nil
	}
	a := r.s.get(ActivityTable, intOf(id))
	if a == nil || (a["userId"] != u["id"] && a["messengerId"] != u["id"]) {
		p.add("id", "The selected id is invalid.")
		return nil
	}
	return a
}

func (r *res) saveReply(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	p.lengthCheck(args, "text", 2, 8000)
	var reply Obj
	if id := args["id"]; id != nil {
		reply = r.s.get(ReplyTable, intOf(id))
		if reply == nil || reply["userId"] != u["id"] {
			p.add("id", "The selected id is invalid.")
		}
	} else if a := r.s.get(ActivityTable, intOf(args["activityId"])); a == nil {
		p.add("activityId", "The selected activity id is invalid.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if reply == nil {
		reply = Obj{"userId": u["id"], "activityId": intOf(args["activityId"]), "createdAt": r.s.now(), "_likes": []int{}}
		r.s.put(ReplyTable, r.s.nextID(ReplyTable), reply)
		a := r.s.get(ActivityTable, intOf(args["activityId"]))
		a["replyCount"] = intOf(a["replyCount"]) + 1
	}
	reply["text"] = args["text"]
	return reply, nil
}

func (r *res) deleteActivity(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	if a := r.ownActivity(p, u, args["id"]); a == nil && len(p) == 0 {
		p.add("id", "The selected id is invalid.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	r.s.del(ActivityTable, intOf(args["id"]))
	return Obj{"deleted": true}, nil
}

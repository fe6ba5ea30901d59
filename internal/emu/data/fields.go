package data

import (
	"slices"

	"github.com/anigql/anigql/internal/emu/exec"
)

// fields registers computed fields that depend on the viewer or the clock.
func (r *res) fields() {
	r.viewerFields()
	r.userFields()
	r.m["Media.nextAiringEpisode"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
		now := r.s.now()
		for _, a := range r.s.lookup(AiringTable, "mediaId", intOf(parent.(Obj)["id"])) {
			if intOf(a["airingAt"]) > now {
				return a, nil
			}
		}
		return nil, nil
	}
	r.m["AiringSchedule.timeUntilAiring"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
		return intOf(parent.(Obj)["airingAt"]) - r.s.now(), nil
	}
	r.m["MediaList.score"] = r.scoreField
	r.likes()
	r.ratings()
	for _, typ := range []string{"Thread", "TextActivity", "ListActivity", "MessageActivity"} {
		r.m[typ+".isSubscribed"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
			return isSubscribed(parent.(Obj), viewerID(c)), nil
		}
	}
}

// viewerFields registers isFavourite and mediaListEntry.
func (r *res) viewerFields() {
	for typ, table := range map[string]string{"Media": MediaTable, "Character": CharacterTable, "Staff": StaffTable, "Studio": StudioTable} {
		r.m[typ+".isFavourite"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
			u := r.s.get(UserTable, viewerID(c))
			if u == nil {
				return false, nil
			}
			p := parent.(Obj)
			return slices.Contains(favs(u)[favKind(table, p)], intOf(p["id"])), nil
		}
	}
	r.m["Media.mediaListEntry"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
		if e := r.entryFor(viewerID(c), intOf(parent.(Obj)["id"])); e != nil {
			return e, nil
		}
		return nil, nil
	}
}

// userFields registers the computed User fields.
func (r *res) userFields() {
	r.m["User.isFollowing"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
		return r.follows(viewerID(c), intOf(parent.(Obj)["id"])), nil
	}
	r.m["User.isFollower"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
		return r.follows(intOf(parent.(Obj)["id"]), viewerID(c)), nil
	}
	r.m["User.unreadNotificationCount"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
		id := intOf(parent.(Obj)["id"])
		if id != viewerID(c) {
			return nil, nil
		}
		n, read := 0, r.s.readUpTo(id)
		for _, o := range r.s.all(NotificationTable) {
			if o["_userId"] == id && intOf(o["id"]) > read {
				n++
			}
		}
		return n, nil
	}
	r.m["User.statistics"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
		id := intOf(parent.(Obj)["id"])
		return Obj{"anime": r.typeStats(id, "ANIME"), "manga": r.typeStats(id, "MANGA")}, nil
	}
}

// likes registers isLiked, likeCount and likes on every likeable type.
func (r *res) likes() {
	for _, typ := range []string{"TextActivity", "ListActivity", "MessageActivity", "ActivityReply", "Thread", "ThreadComment"} {
		r.m[typ+".isLiked"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
			l, _ := parent.(Obj)["_likes"].([]int)
			return slices.Contains(l, viewerID(c)), nil
		}
		r.m[typ+".likeCount"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
			l, _ := parent.(Obj)["_likes"].([]int)
			return len(l), nil
		}
		r.m[typ+".likes"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
			return r.users(parent.(Obj)["_likes"]), nil
		}
	}
	for _, typ := range []string{"TextActivity", "ListActivity", "MessageActivity"} {
		r.m[typ+".replies"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
			return r.query(c, ReplyTable, map[string]any{"activityId": parent.(Obj)["id"]}), nil
		}
	}
}

// ratings registers the viewer's votes on reviews and recommendations.
func (r *res) ratings() {
	for _, typ := range []string{"Review", "Recommendation"} {
		none := map[string]string{"Review": "NO_VOTE", "Recommendation": "NO_RATING"}[typ]
		r.m[typ+".userRating"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
			rs, _ := parent.(Obj)["_ratings"].(map[int]string)
			if v, ok := rs[viewerID(c)]; ok {
				return v, nil
			}
			return none, nil
		}
	}
}

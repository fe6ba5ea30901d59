package data

import (
	"fmt"

	"github.com/anigql/anigql/internal/emu/exec"
)

// userOptions are UpdateUser arguments stored under User.options.
var userOptions = []string{"titleLanguage", "displayAdultContent", "airingNotifications",
	"profileColor", "timezone", "activityMergeTime", "staffNameLanguage", "restrictMessagesToFollowing"}

func (r *res) updateUser(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	p.rangeCheck(args, "activityMergeTime", 0, -1)
	p.lengthCheck(args, "donatorBadge", 0, 24)
	if err := p.err(); err != nil {
		return nil, err
	}
	opts := cloneObj(u["options"])
	for _, k := range userOptions {
		if v, ok := args[k]; ok && v != nil {
			if isNumber(v) {
				v = intOf(v)
			}
			opts[k] = v
		}
	}
	u["options"] = opts
	if v, ok := args["about"]; ok {
		u["about"] = v
	}
	if v := args["donatorBadge"]; v != nil {
		u["donatorBadge"] = v
	}
	lo := cloneObj(u["mediaListOptions"])
	if v := args["scoreFormat"]; v != nil {
		lo["scoreFormat"] = v
	}
	if v := args["rowOrder"]; v != nil {
		lo["rowOrder"] = v
	}
	u["mediaListOptions"] = lo
	u["updatedAt"] = r.s.now()
	return u, nil
}

func cloneObj(v any) Obj {
	out := Obj{}
	if m, ok := v.(Obj); ok {
		for k, x := range m {
			out[k] = x
		}
	}
	return out
}

func (r *res) saveReview(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	rev, err := r.reviewTarget(u, args)
	if err != nil {
		return nil, err
	}
	if rev == nil {
		id := r.s.nextID(ReviewTable)
		m := r.s.get(MediaTable, intOf(args["mediaId"]))
		rev = Obj{"userId": u["id"], "mediaId": m["id"], "mediaType": m["type"], "rating": 0, "ratingAmount": 0,
			"private": false, "createdAt": r.s.now(), "siteUrl": fmt.Sprintf("https://anilist.co/review/%d", id),
			"_ratings": map[int]string{}}
		r.s.put(ReviewTable, id, rev)
	}
	for _, k := range []string{"body", "summary", "score", "private"} {
		if v := args[k]; v != nil {
			if isNumber(v) {
				v = intOf(v)
			}
			rev[k] = v
		}
	}
	rev["updatedAt"] = r.s.now()
	return rev, nil
}

// reviewTarget validates SaveReview and returns the review to update, or
// nil for a new one.
func (r *res) reviewTarget(u Obj, args map[string]any) (Obj, error) {
	p := problems{}
	p.lengthCheck(args, "body", 2200, 0)
	p.lengthCheck(args, "summary", 20, 120)
	p.rangeCheck(args, "score", 0, 100)
	var rev Obj
	if id := args["id"]; id != nil {
		if rev = r.s.get(ReviewTable, intOf(id)); rev == nil || rev["userId"] != u["id"] {
			p.add("id", "The selected id is invalid.")
		}
	} else {
		if r.s.get(MediaTable, intOf(args["mediaId"])) == nil {
			p.add("mediaId", "The selected media id is invalid.")
		}
		for _, k := range []string{"body", "summary", "score"} {
			if args[k] == nil {
				p.add(k, "The "+k+" field is required.")
			}
		}
	}
	return rev, p.err()
}

func (r *res) rateReview(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	rev := r.s.get(ReviewTable, intOf(args["reviewId"]))
	if rev == nil {
		return nil, exec.Validation(problems{"reviewId": {"The selected review id is invalid."}})
	}
	rs := setRating(rev, intOf(u["id"]), args["rating"], "NO_VOTE")
	up := 0
	for _, v := range rs {
		if v == "UP_VOTE" {
			up++
		}
	}
	rev["rating"], rev["ratingAmount"] = up, len(rs)
	return rev, nil
}

// setRating stores user's rating of o in a fresh "_ratings" map (none
// removes it) and returns that map.
func setRating(o Obj, user int, rating any, none string) map[int]string {
	old, _ := o["_ratings"].(map[int]string)
	rs := make(map[int]string, len(old)+1)
	for k, v := range old {
		rs[k] = v
	}
	if s, _ := rating.(string); s != "" && s != none {
		rs[user] = s
	} else {
		delete(rs, user)
	}
	o["_ratings"] = rs
	return rs
}

func (r *res) saveRecommendation(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	for _, k := range []string{"mediaId", "mediaRecommendationId"} {
		if r.s.get(MediaTable, intOf(args[k])) == nil {
			p.add(k, "The selected "+k+" is invalid.")
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	from, to := intOf(args["mediaId"]), intOf(args["mediaRecommendationId"])
	rec := r.findRecommendation(from, to)
	if rec == nil {
		rec = Obj{"mediaId": from, "mediaRecommendationId": to, "rating": 0, "userId": u["id"], "_ratings": map[int]string{}}
		r.s.put(RecommendationTable, r.s.nextID(RecommendationTable), rec)
	}
	score := 0
	for _, v := range setRating(rec, intOf(u["id"]), args["rating"], "NO_RATING") {
		score += map[string]int{"RATE_UP": 1, "RATE_DOWN": -1}[v]
	}
	rec["rating"] = score
	return rec, nil
}

func (r *res) findRecommendation(from, to int) Obj {
	for _, o := range r.s.lookup(RecommendationTable, "mediaId", from) {
		if intOf(o["mediaRecommendationId"]) == to {
			return o
		}
	}
	return nil
}

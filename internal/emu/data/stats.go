package data

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/anigql/anigql/internal/emu/exec"
)

// User statistics are derived from the stored list on every read, so they
// stay consistent after SaveMediaListEntry, DeleteMediaListEntry and Put.
// Scores are on the 100-point scale; minutes are progress × the media's
// duration (24 when unknown). The default order of the breakdowns is
// COUNT_DESC (ties by key); sort and limit apply as the schema says.

// statEntry is one list entry with its media, as the statistics see it.
type statEntry struct {
	e, m Obj
}

// typeEntries returns user's entries of media type typ.
func (r *res) typeEntries(user int, typ string) []statEntry {
	var out []statEntry
	for _, e := range r.s.lookup(MediaListTable, "userId", user) {
		if m := r.s.get(MediaTable, intOf(e["mediaId"])); m != nil && m["type"] == typ {
			out = append(out, statEntry{e, m})
		}
	}
	return out
}

// progress is the minutes watched (anime) or chapters read (manga) of x.
func (x statEntry) minutes() int {
	d := 24
	if v, ok := x.m["duration"].(int); ok && v > 0 {
		d = v
	}
	return intOf(x.e["progress"]) * d
}

// typeStats computes a user's statistics for one media type from the list.
func (r *res) typeStats(user int, typ string) Obj {
	entries := r.typeEntries(user, typ)
	var progress, volumes, minutes int
	var scores []float64
	for _, x := range entries {
		progress += intOf(x.e["progress"])
		volumes += intOf(x.e["progressVolumes"])
		minutes += x.minutes()
		if sc := toFloat(x.e["score"]); sc > 0 {
			scores = append(scores, sc)
		}
	}
	mean, sd := meanSD(scores)
	o := Obj{"count": len(entries), "meanScore": mean, "standardDeviation": sd,
		"episodesWatched": 0, "minutesWatched": 0, "chaptersRead": 0, "volumesRead": 0,
		"_user": user, "_type": typ}
	if typ == "ANIME" {
		o["episodesWatched"], o["minutesWatched"] = progress, minutes
	} else {
		o["chaptersRead"], o["volumesRead"] = progress, volumes
	}
	return o
}

// meanSD is the mean and population standard deviation, to 2 decimals.
func meanSD(xs []float64) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	var sum, sq float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	for _, x := range xs {
		sq += (x - mean) * (x - mean)
	}
	round := func(f float64) float64 { return math.Round(f*100) / 100 }
	return round(mean), round(math.Sqrt(sq / float64(len(xs))))
}

// statKeys lists, for each breakdown of UserStatistics, its key field and
// the keys one entry counts under.
var statKeys = map[string]struct {
	field string
	keys  func(r *res, x statEntry) []any
}{
	"formats":  {"format", func(_ *res, x statEntry) []any { return []any{x.m["format"]} }},
	"statuses": {"status", func(_ *res, x statEntry) []any { return []any{x.e["status"]} }},
	"scores":   {"score", func(_ *res, x statEntry) []any { return []any{intOf(x.e["score"])} }},
	"lengths":  {"length", func(_ *res, x statEntry) []any { return []any{lengthBucket(x.m)} }},
	"releaseYears": {"releaseYear", func(_ *res, x statEntry) []any {
		return []any{fuzzyPart(x.m["startDate"], "year")}
	}},
	"startYears": {"startYear", func(_ *res, x statEntry) []any { return []any{fuzzyPart(x.e["startedAt"], "year")} }},
	"genres":     {"genre", func(_ *res, x statEntry) []any { return exec.ToList(x.m["genres"]) }},
	"tags": {"tag", func(_ *res, x statEntry) []any {
		var out []any
		for _, t := range toObjs(x.m["tags"]) {
			out = append(out, t)
		}
		return out
	}},
	"countries": {"country", func(_ *res, x statEntry) []any { return []any{x.m["countryOfOrigin"]} }},
	"staff": {"staff", func(r *res, x statEntry) []any {
		return r.lookupIDs(StaffTable, castIDs(castOf(x.m, "_staff")))
	}},
	"studios": {"studio", func(r *res, x statEntry) []any {
		var ids []int
		for _, cr := range castOf(x.m, "_studios") {
			if cr.Role == "main" {
				ids = append(ids, cr.ID)
			}
		}
		return r.lookupIDs(StudioTable, ids)
	}},
	"voiceActors": {"voiceActor", func(r *res, x statEntry) []any {
		var ids []int
		for _, cr := range castOf(x.m, "_characters") {
			ids = append(ids, cr.Voice...)
		}
		return r.lookupIDs(StaffTable, ids)
	}},
}

// stats registers the UserStatistics breakdowns.
func (r *res) stats() {
	for field, sk := range statKeys {
		r.m["UserStatistics."+field] = func(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
			p := parent.(Obj)
			list := r.breakdown(intOf(p["_user"]), p["_type"].(string), field, sk.field, sk.keys)
			sortStats(list, sk.field, args["sort"])
			if n := intOf(args["limit"]); args["limit"] != nil && n >= 0 && n < len(list) {
				list = list[:n]
			}
			return anySlice(list), nil
		}
	}
}

// breakdown groups user's entries of typ by keys.
func (r *res) breakdown(user int, typ, field, keyField string, keys func(*res, statEntry) []any) []Obj {
	type group struct {
		key              any
		scores           []float64
		count, mins, chs int
		ids, chars       []any
	}
	var order []string
	groups := map[string]*group{}
	for _, x := range r.typeEntries(user, typ) {
		seen := map[string]bool{}
		for _, k := range keys(r, x) {
			if k == nil {
				continue
			}
			id := statID(k)
			if seen[id] {
				continue
			}
			seen[id] = true
			g := groups[id]
			if g == nil {
				g = &group{key: k}
				groups[id] = g
				order = append(order, id)
			}
			g.count++
			g.ids = append(g.ids, x.m["id"])
			if sc := toFloat(x.e["score"]); sc > 0 {
				g.scores = append(g.scores, sc)
			}
			if typ == "ANIME" {
				g.mins += x.minutes()
			} else {
				g.chs += intOf(x.e["progress"])
			}
			if field == "voiceActors" {
				g.chars = append(g.chars, r.voicedBy(x.m, k)...)
			}
		}
	}
	out := make([]Obj, 0, len(order))
	for _, id := range order {
		g := groups[id]
		mean, _ := meanSD(g.scores)
		o := Obj{keyField: g.key, "count": g.count, "meanScore": mean, "minutesWatched": g.mins,
			"chaptersRead": g.chs, "mediaIds": g.ids, "_id": id}
		if field == "voiceActors" {
			o["characterIds"] = g.chars
		}
		out = append(out, o)
	}
	return out
}

// voicedBy lists the characters of media m the voice actor va voices.
func (r *res) voicedBy(m Obj, va any) []any {
	id := intOf(va.(Obj)["id"])
	var out []any
	for _, cr := range castOf(m, "_characters") {
		if contains(cr.Voice, id) {
			out = append(out, cr.ID)
		}
	}
	return out
}

// statID is a group's identity: a record's id, else the key itself.
func statID(k any) string {
	if o, ok := k.(Obj); ok {
		if o["id"] != nil {
			return fmt.Sprint(o["id"])
		}
		return fmt.Sprint(o["name"])
	}
	return fmt.Sprint(k)
}

// sortStats orders a breakdown by UserStatisticsSort values, COUNT_DESC by
// default. ID orders by the key (the id of a record key).
func sortStats(list []Obj, keyField string, sortArg any) {
	keys := exec.ToList(sortArg)
	if len(keys) == 0 {
		keys = []any{"COUNT_DESC"}
	}
	slices.SortStableFunc(list, func(a, b Obj) int {
		for _, k := range keys {
			s, _ := k.(string)
			var d int
			switch s {
			case "COUNT", "COUNT_DESC":
				d = cmp.Compare(intOf(a["count"]), intOf(b["count"]))
			case "MEAN_SCORE", "MEAN_SCORE_DESC":
				d = cmp.Compare(toFloat(a["meanScore"]), toFloat(b["meanScore"]))
			case "PROGRESS", "PROGRESS_DESC":
				d = cmp.Compare(intOf(a["minutesWatched"])+intOf(a["chaptersRead"]), intOf(b["minutesWatched"])+intOf(b["chaptersRead"]))
			case "ID", "ID_DESC":
				d = compareValues(statKey(a[keyField]), statKey(b[keyField]))
			}
			if len(s) > 5 && s[len(s)-5:] == "_DESC" {
				d = -d
			}
			if d != 0 {
				return d
			}
		}
		return compareValues(statKey(a[keyField]), statKey(b[keyField]))
	})
}

// statKey is the comparable form of a breakdown key.
func statKey(k any) any {
	if o, ok := k.(Obj); ok {
		return o["id"]
	}
	return k
}

// lengthBucket is AniList's length group of a media's episodes or
// chapters ("1", "2-6", "7-16", "17-28", "29-55", "56-100", "101+").
func lengthBucket(m Obj) any {
	n := intOf(m["episodes"])
	if m["type"] == "MANGA" {
		n = intOf(m["chapters"])
	}
	switch {
	case n <= 0:
		return nil
	case n == 1:
		return "1"
	case n <= 6:
		return "2-6"
	case n <= 16:
		return "7-16"
	case n <= 28:
		return "17-28"
	case n <= 55:
		return "29-55"
	case n <= 100:
		return "56-100"
	}
	return "101+"
}

// fuzzyPart reads one part of a fuzzy date, nil when unknown.
func fuzzyPart(v any, part string) any {
	d, _ := v.(Obj)
	if d == nil || d[part] == nil || intOf(d[part]) == 0 {
		return nil
	}
	return intOf(d[part])
}

func castIDs(cs []castRole) []int {
	out := make([]int, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// mediaStats registers Media.stats and Media.rankings, derived from the
// stored lists and scores on every read.
func (r *res) mediaStats() {
	r.m["Media.stats"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
		scores, statuses := map[int]int{}, map[string]int{}
		for _, e := range r.s.lookup(MediaListTable, "mediaId", intOf(parent.(Obj)["id"])) {
			st, _ := e["status"].(string)
			statuses[st]++
			if sc := toFloat(e["score"]); sc > 0 {
				scores[min(max(int(math.Round(sc/10))*10, 10), 100)]++
			}
		}
		sd := []any{}
		for s := 10; s <= 100; s += 10 {
			sd = append(sd, Obj{"score": s, "amount": scores[s]})
		}
		std := []any{}
		for _, s := range statusNames {
			std = append(std, Obj{"status": s.status, "amount": statuses[s.status]})
		}
		return Obj{"scoreDistribution": sd, "statusDistribution": std, "airingProgression": []any{}}, nil
	}
	r.m["Media.rankings"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
		m := parent.(Obj)
		out := []any{}
		for i, k := range []struct{ typ, field, context string }{
			{"RATED", "averageScore", "highest rated all time"}, {"POPULAR", "popularity", "most popular all time"},
		} {
			if m[k.field] == nil {
				continue
			}
			rank := 1
			for _, o := range r.s.all(MediaTable) {
				if o["type"] == m["type"] && intOf(o[k.field]) > intOf(m[k.field]) {
					rank++
				}
			}
			if rank <= 500 {
				out = append(out, Obj{"id": intOf(m["id"])*10 + i + 1, "rank": rank, "type": k.typ, "format": m["format"],
					"year": nil, "season": nil, "allTime": true, "context": k.context})
			}
		}
		return out, nil
	}
}

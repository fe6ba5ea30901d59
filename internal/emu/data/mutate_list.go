package data

import (
	"github.com/anigql/anigql/internal/emu/exec"
)

// entryFields are SaveMediaListEntry arguments copied as they are.
var entryFields = []string{"status", "progress", "progressVolumes", "repeat", "priority", "private",
	"notes", "hiddenFromStatusLists"}

// validateEntry checks the shared list-entry arguments.
// score is in the format of u, the list's owner.
func validateEntry(p problems, u Obj, args map[string]any) {
	p.rangeCheck(args, "score", 0, maxScore(scoreFormatOf(u)))
	p.rangeCheck(args, "scoreRaw", 0, 100)
	p.rangeCheck(args, "progress", 0, -1)
	p.rangeCheck(args, "progressVolumes", 0, -1)
	p.rangeCheck(args, "repeat", 0, 1000)
	p.rangeCheck(args, "priority", 0, 255)
	p.lengthCheck(args, "notes", 0, 6000)
	for _, s := range exec.ToList(args["advancedScores"]) {
		if f := toFloat(s); f < 0 || f > 100 {
			p.add("advancedScores", "The advanced scores must be between 0 and 100.")
			break
		}
	}
}

func (r *res) saveEntry(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	validateEntry(p, u, args)
	var e Obj
	if id := args["id"]; id != nil {
		e = r.s.get(MediaListTable, intOf(id))
		if e == nil || e["userId"] != u["id"] {
			p.add("id", "The selected id is invalid.")
		}
	} else if mid := args["mediaId"]; mid != nil {
		if r.s.get(MediaTable, intOf(mid)) == nil {
			p.add("mediaId", "The selected media id is invalid.")
		}
		e = r.entryFor(intOf(u["id"]), intOf(mid))
	} else {
		p.add("mediaId", "The media id field is required when id is not present.")
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if e == nil {
		e = r.newEntry(intOf(u["id"]), intOf(args["mediaId"]))
	}
	r.applyEntry(e, scoreFormatOf(u), args)
	return e, nil
}

func (r *res) newEntry(user, media int) Obj {
	now := r.s.now()
	e := Obj{"userId": user, "mediaId": media, "status": "PLANNING", "score": 0.0, "progress": 0,
		"progressVolumes": 0, "repeat": 0, "priority": 0, "private": false, "notes": nil,
		"hiddenFromStatusLists": false, "customLists": Obj{}, "advancedScores": Obj{},
		"startedAt": fuzzy(0, 0, 0), "completedAt": fuzzy(0, 0, 0), "createdAt": now, "updatedAt": now}
	r.s.put(MediaListTable, r.s.nextID(MediaListTable), e)
	return e
}

// applyEntry copies the given arguments onto an entry; score is in format
// (the owner's), scoreRaw on the 100-point scale, which wins if both are set.
func (r *res) applyEntry(e Obj, format string, args map[string]any) {
	for _, k := range entryFields {
		if v, ok := args[k]; ok && v != nil {
			if isNumber(v) {
				v = intOf(v)
			}
			e[k] = v
		}
	}
	if v := args["score"]; v != nil {
		e["score"] = toRaw(toFloat(v), format)
	}
	if v := args["scoreRaw"]; v != nil {
		e["score"] = toFloat(v)
	}
	for _, k := range []string{"startedAt", "completedAt"} {
		if d, ok := args[k].(map[string]any); ok {
			e[k] = Obj{"year": nilInt(d["year"]), "month": nilInt(d["month"]), "day": nilInt(d["day"])}
		}
	}
	if cl := args["customLists"]; cl != nil {
		m := Obj{}
		for _, name := range exec.ToList(cl) {
			m[name.(string)] = true
		}
		e["customLists"] = m
	}
	if args["status"] == "COMPLETED" && args["progress"] == nil {
		if n, ok := r.s.get(MediaTable, intOf(e["mediaId"]))["episodes"].(int); ok {
			e["progress"] = n
		}
	}
	e["updatedAt"] = r.s.now()
}

func nilInt(v any) any {
	if v == nil {
		return nil
	}
	return intOf(v)
}

func (r *res) updateEntries(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	p := problems{}
	validateEntry(p, u, args)
	var entries []Obj
	for _, id := range exec.ToList(args["ids"]) {
		e := r.s.get(MediaListTable, intOf(id))
		if e == nil || e["userId"] != u["id"] {
			p.add("ids", "The selected ids is invalid.")
			break
		}
		entries = append(entries, e)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	for _, e := range entries {
		r.applyEntry(e, scoreFormatOf(u), args)
	}
	return entries, nil
}

func (r *res) deleteEntry(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
	e := r.s.get(MediaListTable, intOf(args["id"]))
	if e == nil || e["userId"] != u["id"] {
		return nil, exec.Validation(problems{"id": {"The selected id is invalid."}})
	}
	r.s.del(MediaListTable, intOf(args["id"]))
	return Obj{"deleted": true}, nil
}

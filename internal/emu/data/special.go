package data

import (
	"fmt"
	"slices"
	"strings"

	"github.com/anigql/anigql/internal/emu/exec"
)

// moreSpecial applies the filters that need the clock, the viewer or data
// beyond the record's own fields: isBirthday, licensedBy and licensedById
// (and their _in forms), compareWithAuthList, subscribed and isModerator.
func (r *res) moreSpecial(c *exec.Ctx, table string, o Obj, args map[string]any) bool {
	if args["isBirthday"] != nil && (table == CharacterTable || table == StaffTable) &&
		r.isBirthday(o) != (args["isBirthday"] == true) {
		return false
	}
	if table == MediaTable && !licensed(o, args) {
		return false
	}
	if args["compareWithAuthList"] == true && table == MediaListTable &&
		r.entryFor(viewerID(c), intOf(o["mediaId"])) == nil {
		return false
	}
	if args["subscribed"] == true && table == ThreadTable && !isSubscribed(o, viewerID(c)) {
		return false
	}
	if args["isModerator"] != nil && table == UserTable &&
		(len(exec.ToList(o["moderatorRoles"])) > 0) != (args["isModerator"] == true) {
		return false
	}
	return true
}

// isBirthday reports whether o's dateOfBirth falls on today (UTC).
func (r *res) isBirthday(o Obj) bool {
	d, _ := o["dateOfBirth"].(Obj)
	now := r.s.Now().UTC()
	return d != nil && intOf(d["month"]) == int(now.Month()) && intOf(d["day"]) == now.Day()
}

// licensed applies licensedBy, licensedById and their _in forms: the media
// must have a streaming (or reading) external link of that site.
func licensed(o Obj, args map[string]any) bool {
	sites := exec.ToList(args["licensedBy_in"])
	if v := args["licensedBy"]; v != nil {
		sites = append(sites, v)
	}
	ids := exec.ToList(args["licensedById_in"])
	if v := args["licensedById"]; v != nil {
		ids = append(ids, v)
	}
	if len(sites) == 0 && len(ids) == 0 {
		return true
	}
	for _, l := range toObjs(o["externalLinks"]) {
		if l["type"] != "STREAMING" {
			continue
		}
		for _, s := range sites {
			if equal(l["site"], s) {
				return true
			}
		}
		for _, id := range ids {
			if equal(l["siteId"], id) {
				return true
			}
		}
	}
	return false
}

// likeText is the text a _like filter matches: strings as they are, fuzzy
// dates and other numbers as their digits (20231006 for a start date).
func likeText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	}
	if isNumber(v) {
		return fmt.Sprint(intOf(v))
	}
	return ""
}

// like is SQL's LIKE as MySQL applies it, case-insensitively: % matches any
// run of characters, _ one character, and the pattern must match the whole
// text ("2023%" matches dates in 2023, "%frieren%" any text containing it).
// It is the greedy wildcard match, backtracking only to the last %, so it
// takes no memory and about linear time on the patterns people write.
func like(text, pattern string) bool {
	t, p := []rune(strings.ToLower(text)), []rune(strings.ToLower(pattern))
	i, j, star, mark := 0, 0, -1, 0
	for i < len(t) {
		switch {
		case j < len(p) && (p[j] == '_' || p[j] == t[i]):
			i, j = i+1, j+1
		case j < len(p) && p[j] == '%':
			star, mark = j, i
			j++
		case star >= 0:
			mark++
			i, j = mark, star+1
		default:
			return false
		}
	}
	for j < len(p) && p[j] == '%' {
		j++
	}
	return j == len(p)
}

// subscribe adds user to (or removes them from) the subscribers of a
// thread or activity, copying the list so answers already handed out keep
// theirs.
func subscribe(o Obj, user int, on bool) {
	subs := slices.DeleteFunc(slices.Clone(subscribers(o)), func(id int) bool { return id == user })
	if on {
		subs = append(subs, user)
	}
	o["_subscribers"] = subs
}

// subscribers lists the users subscribed to a thread or activity.
func subscribers(t Obj) []int {
	s, _ := t["_subscribers"].([]int)
	return s
}

// isSubscribed reports whether viewer is subscribed to thread or activity
// t. A record put by hand without subscribers answers its stored
// isSubscribed to a viewer.
func isSubscribed(t Obj, viewer int) bool {
	if _, ok := t["_subscribers"]; !ok {
		return t["isSubscribed"] == true && viewer != 0
	}
	return viewer != 0 && slices.Contains(subscribers(t), viewer)
}

package data

import (
	"cmp"
	"slices"
	"strings"

	"github.com/anigql/anigql/internal/emu/exec"
)

// ignoredArgs are the arguments that are not plain field filters: paging,
// sorting and searching, and those special (or the resolvers) apply.
var ignoredArgs = map[string]bool{
	"page": true, "perPage": true, "sort": true, "search": true, "chunk": true, "perChunk": true,
	"forceSingleCompletedList": true, "asHtml": true, "version": true, "minimumTagRank": true,
	"resetNotificationCount": true, "isBirthday": true, "isModerator": true,
	"compareWithAuthList": true, "licensedBy": true, "licensedById": true, "licensedBy_in": true,
	"licensedById_in": true, "onList": true, "isFollowing": true, "hasReplies": true,
	"hasRepliesOrTypeText": true, "notYetAired": true, "subscribed": true, "isMain": true,
	"language": true, "role": true, "limit": true,
}

var suffixes = []string{"_not_in", "_in", "_not", "_greater", "_lesser", "_like"}

// filter is one compiled filter argument.
type filter struct {
	base, op string
	want     any
}

// compile turns filter arguments into filters, once per query.
func compile(args map[string]any) []filter {
	var out []filter
	for k, want := range args {
		if want == nil || ignoredArgs[k] {
			continue
		}
		f := filter{base: k, want: want}
		for _, s := range suffixes {
			if strings.HasSuffix(k, s) {
				f.base, f.op = strings.TrimSuffix(k, s), s
				break
			}
		}
		out = append(out, f)
	}
	return out
}

// query returns the records of table that match args, sorted by args.sort.
func (r *res) query(c *exec.Ctx, table string, args map[string]any) []Obj {
	filters := compile(args)
	q, _ := args["search"].(string)
	words := strings.Fields(strings.ToLower(q))
	var out []Obj
	for _, o := range r.candidates(table, args) {
		if text, ok := o["_search"].(string); ok && !containsAll(text, words) {
			continue
		}
		if r.matches(c, table, o, args, filters) {
			out = append(out, o)
		}
	}
	var sc sortCtx
	if q != "" {
		out = search(table, out, q)
		sc.rank = make(map[int]int, len(out))
		for i, o := range out {
			sc.rank[intOf(o["id"])] = i
		}
	}
	r.sortWith(table, out, args["sort"], sc)
	return out
}

// candidates narrows the scan with the id argument or an index.
func (r *res) candidates(table string, args map[string]any) []Obj {
	if id := args["id"]; id != nil {
		if o := r.s.get(table, intOf(id)); o != nil {
			return []Obj{o}
		}
		return nil
	}
	for _, field := range indexed {
		if v := args[field]; v != nil && table != ActivityTable {
			return r.s.lookup(table, field, intOf(v))
		}
	}
	return r.s.all(table)
}

// matches applies every filter to o.
func (r *res) matches(c *exec.Ctx, table string, o Obj, args map[string]any, filters []filter) bool {
	if !r.special(c, table, o, args) {
		return false
	}
	minRank := 18
	if args["minimumTagRank"] != nil {
		minRank = intOf(args["minimumTagRank"])
	}
	for _, f := range filters {
		got, ok := r.value(table, o, f.base, minRank)
		if ok && !compare(got, f.op, f.want) {
			return false
		}
	}
	return true
}

// special applies the filters that need the viewer or other tables.
func (r *res) special(c *exec.Ctx, table string, o Obj, args map[string]any) bool {
	viewer := viewerID(c)
	if args["onList"] != nil && table == MediaTable &&
		(r.entryFor(viewer, o["id"].(int)) != nil) != (args["onList"] == true) {
		return false
	}
	if args["isFollowing"] == true && !r.follows(viewer, intOf(o["userId"])) {
		return false
	}
	if args["hasReplies"] == true && intOf(o["replyCount"]) == 0 {
		return false
	}
	if args["hasRepliesOrTypeText"] == true && intOf(o["replyCount"]) == 0 && o["type"] != "TEXT" {
		return false
	}
	if args["notYetAired"] != nil && table == AiringTable &&
		(intOf(o["airingAt"]) > r.s.now()) != (args["notYetAired"] == true) {
		return false
	}
	return r.moreSpecial(c, table, o, args)
}

// value reads the comparable value of filter base on o; a field the record
// lacks is null, which no equality filter matches.
// The tag filter counts only tags of at least minimumTagRank (default 18).
func (r *res) value(table string, o Obj, base string, minRank int) (any, bool) {
	switch {
	case table == MediaTable && base == "genre":
		return o["genres"], true
	case table == MediaTable && (base == "tag" || base == "tagCategory"):
		key := map[string]string{"tag": "name", "tagCategory": "category"}[base]
		var out []any
		for _, t := range toObjs(o["tags"]) {
			if base == "tag" && t["rank"] != nil && intOf(t["rank"]) < minRank {
				continue
			}
			out = append(out, t[key])
		}
		return out, true
	case table == MediaListTable && base == "type":
		return r.s.get(MediaTable, intOf(o["mediaId"]))["type"], true
	case base == "userName":
		if u := r.s.get(UserTable, intOf(o["userId"])); u != nil {
			return u["name"], true
		}
		return nil, true
	case table == ActivityTable && base == "userId" && o["recipientId"] != nil:
		return o["recipientId"], true
	case table == ThreadTable && (base == "categoryId" || base == "mediaCategoryId"):
		key := map[string]string{"categoryId": "categories", "mediaCategoryId": "mediaCategories"}[base]
		var ids []any
		for _, c := range toObjs(o[key]) {
			ids = append(ids, c["id"])
		}
		return ids, true
	}
	v := o[base]
	if m, isObj := v.(Obj); isObj {
		return fuzzyInt(m), true
	}
	return v, true
}

// compare applies one filter operator.
func compare(got any, op string, want any) bool {
	if list, ok := got.([]any); ok && op != "_like" {
		hit := func(w any) bool { return slices.ContainsFunc(list, func(g any) bool { return equal(g, w) }) }
		switch op {
		case "", "_greater", "_lesser":
			return hit(want)
		case "_not":
			return !hit(want)
		case "_in":
			return slices.ContainsFunc(exec.ToList(want), hit)
		case "_not_in":
			return !slices.ContainsFunc(exec.ToList(want), hit)
		}
	}
	switch op {
	case "":
		return equal(got, want)
	case "_not":
		return !equal(got, want)
	case "_in":
		return slices.ContainsFunc(exec.ToList(want), func(w any) bool { return equal(got, w) })
	case "_not_in":
		return !slices.ContainsFunc(exec.ToList(want), func(w any) bool { return equal(got, w) })
	case "_greater":
		return got != nil && toFloat(got) > toFloat(want)
	case "_lesser":
		return got != nil && toFloat(got) < toFloat(want)
	case "_like":
		w, _ := want.(string)
		return like(likeText(got), w)
	}
	return true
}

func equal(a, b any) bool {
	if isNumber(a) && isNumber(b) {
		return toFloat(a) == toFloat(b)
	}
	if sa, ok := a.(string); ok {
		sb, ok := b.(string)
		return ok && strings.EqualFold(sa, sb)
	}
	return a == b
}

// search keeps the records whose names contain every word of q, best
// matches (exact, then prefix) first.
func search(table string, in []Obj, q string) []Obj {
	q = strings.ToLower(strings.TrimSpace(q))
	words := strings.Fields(q)
	type hit struct {
		o         Obj
		rank, pop int
	}
	var hits []hit
	for _, o := range in {
		text, ok := o["_search"].(string)
		if !ok {
			text = strings.ToLower(strings.Join(names(table, o), "\n"))
		}
		if !containsAll(text, words) {
			continue
		}
		hits = append(hits, hit{o, rankText(text, q), popularity(o)})
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		if d := cmp.Compare(a.rank, b.rank); d != 0 {
			return d
		}
		return -cmp.Compare(a.pop, b.pop)
	})
	out := make([]Obj, len(hits))
	for i, h := range hits {
		out[i] = h.o
	}
	return out
}

// popularity breaks ties between equally good search matches, as AniList
// lists the better known entry first.
func popularity(o Obj) int {
	if p, ok := o["popularity"].(int); ok {
		return p
	}
	return intOf(o["favourites"])
}

// rankText is 0 when a line of text is q, 1 when one starts with q, else 2.
func rankText(text, q string) int {
	best := 2
	for line := range strings.SplitSeq(text, "\n") {
		if line == q {
			return 0
		}
		if strings.HasPrefix(line, q) {
			best = 1
		}
	}
	return best
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// names are the strings a search matches for a record.
func names(table string, o Obj) []string {
	var out []string
	add := func(v any) {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	switch table {
	case MediaTable:
		t := o["title"].(Obj)
		add(t["romaji"])
		add(t["english"])
		add(t["native"])
		for _, s := range exec.ToList(o["synonyms"]) {
			add(s)
		}
	case CharacterTable, StaffTable:
		n, _ := o["name"].(Obj)
		add(n["full"])
		add(n["native"])
	case ThreadTable:
		add(o["title"])
	default:
		add(o["name"])
	}
	return out
}

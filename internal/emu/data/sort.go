package data

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/anigql/anigql/internal/emu/exec"
)

// sortKeys maps sort enum values (without _DESC) whose field is not the
// camelCase of the value.
var sortKeys = map[string]string{
	"TITLE_ROMAJI": "title.romaji", "TITLE_ENGLISH": "title.english", "TITLE_NATIVE": "title.native",
	"TIME": "airingAt", "ADDED_TIME": "createdAt", "UPDATED_TIME": "updatedAt",
	"STARTED_ON": "startedAt", "FINISHED_ON": "completedAt", "NAME": "name",
	"MEDIA_ID": "mediaId", "CREATED_AT": "createdAt", "UPDATED_AT": "updatedAt",
	"PINNED": "isPinned", "USERNAME": "name",
}

// sortCtx is what the contextual sorts order by: the search ranking
// (SEARCH_MATCH), a record's role on the parent (ROLE) and its place in the
// parent's cast list (RELEVANCE). A nil field means the sort has no
// meaning here; the schema walk refuses such sorts (see Refused) and
// needSearch the SEARCH_MATCH of a query without search.
type sortCtx struct {
	rank      map[int]int
	role      func(Obj) int
	relevance map[int]int
}

// sortBy sorts list in place by the sort argument (a list of enum values).
func (r *res) sortBy(c *exec.Ctx, table string, list []Obj, sortArg any) {
	r.sortWith(table, list, sortArg, sortCtx{})
}

// sortWith is sortBy with the contextual sorts.
func (r *res) sortWith(table string, list []Obj, sortArg any, sc sortCtx) {
	keys := exec.ToList(sortArg)
	if len(keys) == 0 {
		return
	}
	slices.SortStableFunc(list, func(a, b Obj) int {
		for _, k := range keys {
			s, _ := k.(string)
			if d := r.compareBy(table, a, b, s, sc); d != 0 {
				return d
			}
		}
		return 0
	})
}

// needSearch refuses SEARCH_MATCH without a search: what AniList orders
// by then is not known.
func needSearch(args map[string]any) error {
	if q, _ := args["search"].(string); q != "" {
		return nil
	}
	for _, k := range exec.ToList(args["sort"]) {
		if k == "SEARCH_MATCH" {
			return exec.Errorf(http.StatusBadRequest, "anilisttest: sort SEARCH_MATCH without search is not supported: what AniList orders by then is not known")
		}
	}
	return nil
}

func (r *res) compareBy(table string, a, b Obj, key string, sc sortCtx) int {
	desc := strings.HasSuffix(key, "_DESC")
	key = strings.TrimSuffix(key, "_DESC")
	d := 0
	switch key {
	case "SEARCH_MATCH":
		d = cmp.Compare(sc.rank[intOf(a["id"])], sc.rank[intOf(b["id"])])
	case "RELEVANCE":
		d = cmp.Compare(sc.relevance[intOf(a["id"])], sc.relevance[intOf(b["id"])])
	case "ROLE":
		if sc.role != nil {
			d = cmp.Compare(sc.role(a), sc.role(b))
		}
	case "WATCHED_TIME", "CHAPTERS_READ":
		typ, stat := "ANIME", "minutesWatched"
		if key == "CHAPTERS_READ" {
			typ, stat = "MANGA", "chaptersRead"
		}
		d = cmp.Compare(intOf(r.typeStats(intOf(a["id"]), typ)[stat]), intOf(r.typeStats(intOf(b["id"]), typ)[stat]))
	default:
		if m, ok := strings.CutPrefix(key, "MEDIA_"); ok && table == MediaListTable && m != "ID" {
			a, b = r.s.get(MediaTable, intOf(a["mediaId"])), r.s.get(MediaTable, intOf(b["mediaId"]))
			table, key = MediaTable, m
		}
		d = compareValues(path(a, sortField(table, key)), path(b, sortField(table, key)))
	}
	if desc {
		return -d
	}
	return d
}

// sortField is the record field a sort value orders by.
func sortField(table, key string) string {
	field := sortKeys[key]
	if field == "" {
		field = camel(key)
	}
	switch {
	case key == "SCORE" && (table == MediaTable || table == TrendTable):
		field = "averageScore"
	case key == "LANGUAGE":
		field = "languageV2"
	case field == "name" && (table == CharacterTable || table == StaffTable):
		field = "name.full"
	}
	return field
}

// camel turns "START_DATE" into "startDate".
func camel(s string) string {
	parts := strings.Split(strings.ToLower(s), "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// path reads a dotted field path, turning fuzzy dates into ints.
func path(o Obj, p string) any {
	var v any = o
	for part := range strings.SplitSeq(p, ".") {
		m, ok := v.(Obj)
		if !ok {
			return nil
		}
		v = m[part]
	}
	if m, ok := v.(Obj); ok {
		return fuzzyInt(m)
	}
	return v
}

// compareValues orders nils last, numbers numerically, strings by text.
func compareValues(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	case isNumber(a) && isNumber(b):
		return cmp.Compare(toFloat(a), toFloat(b))
	}
	sa, _ := a.(string)
	sb, _ := b.(string)
	if ba, ok := a.(bool); ok {
		bb, _ := b.(bool)
		return cmp.Compare(boolInt(ba), boolInt(bb))
	}
	return strings.Compare(strings.ToLower(sa), strings.ToLower(sb))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fuzzyInt turns {year,month,day} into YYYYMMDD, or nil when unknown.
func fuzzyInt(m Obj) any {
	y, ok := m["year"].(int)
	if !ok {
		return nil
	}
	return y*10000 + intOf(m["month"])*100 + intOf(m["day"])
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int64, float64, json.Number:
		return true
	}
	return false
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case float64:
		return v
	case json.Number:
		f, _ := v.Float64()
		return f
	}
	return 0
}

func intOf(v any) int { return int(toFloat(v)) }

func toObjs(v any) []Obj {
	var out []Obj
	for _, e := range exec.ToList(v) {
		if o, ok := e.(Obj); ok {
			out = append(out, o)
		}
	}
	return out
}

package data

import (
	"cmp"
	"encoding/json"
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

// sortBy sorts list in place by the sort argument (a list of enum values).
func (r *res) sortBy(c *exec.Ctx, table string, list []Obj, sortArg any) {
	keys := exec.ToList(sortArg)
	if len(keys) == 0 {
		return
	}
	slices.SortStableFunc(list, func(a, b Obj) int {
		for _, k := range keys {
			s, _ := k.(string)
			if d := r.compareBy(table, a, b, s); d != 0 {
				return d
			}
		}
		return 0
	})
}

func (r *res) compareBy(table string, a, b Obj, key string) int {
	desc := strings.HasSuffix(key, "_DESC")
	key = strings.TrimSuffix(key, "_DESC")
	if key == "SEARCH_MATCH" || key == "RELEVANCE" || key == "ROLE" || key == "LANGUAGE" {
		return 0
	}
	field := sortKeys[key]
	if field == "" {
		field = camel(key)
	}
	if key == "SCORE" && table == MediaTable {
		field = "averageScore"
	}
	if field == "name" && (table == CharacterTable || table == StaffTable) {
		field = "name.full"
	}
	d := compareValues(path(a, field), path(b, field))
	if desc {
		return -d
	}
	return d
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

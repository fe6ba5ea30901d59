package anilisttest

import (
	"fmt"
	"maps"
	"reflect"
	"strings"

	"github.com/anigql/anigql/internal/emu/data"
	"github.com/vektah/gqlparser/v2/ast"
)

// Put adds or replaces the record id of GraphQL type typeName ("Media",
// "Character", "Staff", "Studio", "User", "MediaList", "TextActivity",
// "ListActivity", "MessageActivity", "ActivityReply", "Review",
// "Recommendation", "Thread", "ThreadComment", "AiringSchedule", or any
// NotificationUnion member such as "AiringNotification").
//
// fields are keyed by GraphQL field name, with nested objects as
// map[string]any and enums as strings (for example
// {"type": "ANIME", "title": {"romaji": "…"}}). Links to other records are
// their ids under "<field>Id" ("userId", "mediaId", "activityId"). Fields
// left out answer null, or a zero value when the schema says non-null.
// Put checks fields against the schema and returns a [*ShapeError] for a
// field the type lacks or a value of the wrong type (a string for an Int,
// an unknown enum value), rather than failing later at query time. What
// AniList derives is derived: title.userPreferred and name.userPreferred
// (from the viewer's languages), name.full from first, middle and last,
// and siteUrl.
// Notifications belong to the demo viewer unless fields has "_userId".
// Put takes effect for every later request.
func (s *Server) Put(typeName string, id int, fields map[string]any) error {
	s.check()
	table, ok := data.TableFor(typeName)
	if !ok {
		return fmt.Errorf("anilisttest: Put: type %q is not stored by the emulator", typeName)
	}
	if id <= 0 {
		return fmt.Errorf("anilisttest: Put %s: id %d is not positive", typeName, id)
	}
	if def := s.exec.Schema.Types[typeName]; def != nil && def.Kind == ast.Object {
		op := fmt.Sprintf("Put %s %d", typeName, id)
		if err := (shapeChecker{schema: s.exec.Schema, op: op}).record(def, fields, ""); err != nil {
			return err
		}
	}
	obj := normalize(fields).(map[string]any)
	derive(typeName, id, obj)
	if table == data.ActivityTable || table == data.NotificationTable {
		obj["__typename"] = typeName
	}
	if table == data.NotificationTable && obj["_userId"] == nil {
		obj["_userId"] = DemoUserID
	}
	if table == data.UserTable && obj["_following"] == nil {
		obj["_following"] = []int{}
	}
	s.store.Put(table, id, obj)
	return nil
}

// derive fills in the fields AniList derives from others, when absent.
func derive(typeName string, id int, obj map[string]any) {
	if n, ok := obj["name"].(map[string]any); ok && (typeName == "Character" || typeName == "Staff") && n["full"] == nil {
		var parts []string
		for _, k := range []string{"first", "middle", "last"} {
			if p, ok := n[k].(string); ok && p != "" {
				parts = append(parts, p)
			}
		}
		if len(parts) > 0 {
			n["full"] = strings.Join(parts, " ")
		}
	}
	if obj["siteUrl"] != nil {
		return
	}
	path := map[string]string{"Character": "character", "Staff": "staff", "Studio": "studio"}[typeName]
	switch typeName {
	case "Media":
		path = "anime"
		if obj["type"] == "MANGA" {
			path = "manga"
		}
	case "User":
		if name, ok := obj["name"].(string); ok {
			obj["siteUrl"] = "https://anilist.co/user/" + name
		}
		return
	}
	if path != "" {
		obj["siteUrl"] = fmt.Sprintf("https://anilist.co/%s/%d", path, id)
	}
}

// Get returns a shallow copy of the stored fields of record id of GraphQL
// type typeName, or nil if there is none. Nested values are shared with the
// server: read them, do not modify them (use Put). Keys starting with "_"
// are the emulator's internal links.
func (s *Server) Get(typeName string, id int) map[string]any {
	s.check()
	table, ok := data.TableFor(typeName)
	if !ok {
		return nil
	}
	return s.store.Get(table, id)
}

// Delete removes record id of GraphQL type typeName, if present.
func (s *Server) Delete(typeName string, id int) {
	s.check()
	if table, ok := data.TableFor(typeName); ok {
		s.store.Delete(table, id)
	}
}

// Count returns how many records of GraphQL type typeName are stored
// (activities of every kind share one count, as do notifications).
func (s *Server) Count(typeName string) int {
	table, ok := data.TableFor(typeName)
	if !ok {
		return 0
	}
	return s.store.Count(table)
}

// normalize deep-copies v, turning every integer kind into int and every
// slice into []any, so stored records compare the way generated ones do.
func normalize(v any) any {
	switch v := v.(type) {
	case nil:
		return map[string]any{}
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range maps.All(v) {
			out[k] = normalizeValue(x)
		}
		return out
	}
	return v
}

func normalizeValue(v any) any {
	if m, ok := v.(map[string]any); ok {
		return normalize(m)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int())
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		return int(rv.Uint())
	case reflect.Slice:
		if _, ok := v.([]int); ok {
			return v // internal id lists such as "_likes"
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = normalizeValue(rv.Index(i).Interface())
		}
		return out
	}
	return v
}

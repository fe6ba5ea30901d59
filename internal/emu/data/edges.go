package data

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/anigql/anigql/internal/emu/exec"
	"github.com/vektah/gqlparser/v2/ast"
)

// edges registers the resolvers of field arguments that shape stored
// values: voice actors by language, Staff.characterMedia, asHtml, enum
// versions, customLists(asArray) and Media.reviews(limit).
func (r *res) edges() {
	for _, typ := range []string{"CharacterEdge", "MediaEdge"} {
		r.m[typ+".voiceActors"] = func(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
			va := toObjs(parent.(Obj)["voiceActors"])
			va = byLanguage(va, args["language"])
			r.sortBy(nil, StaffTable, va, args["sort"])
			return va, nil
		}
		r.m[typ+".voiceActorRoles"] = func(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
			va := byLanguage(toObjs(parent.(Obj)["voiceActors"]), args["language"])
			r.sortBy(nil, StaffTable, va, args["sort"])
			return voiceRoles(anySlice(va)), nil
		}
	}
	r.m["Staff.characterMedia"] = r.characterMedia
	r.asHTML()
	r.versions()
	r.m["MediaList.customLists"] = func(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
		cl, _ := parent.(Obj)["customLists"].(Obj)
		if args["asArray"] != true || cl == nil {
			return parent.(Obj)["customLists"], nil
		}
		out := []any{}
		for _, name := range sortedKeys(cl) {
			out = append(out, Obj{"name": name, "enabled": cl[name] == true})
		}
		return out, nil
	}
	r.m["Media.reviews"] = func(c *exec.Ctx, parent any, args map[string]any) (any, error) {
		list := r.query(c, ReviewTable, map[string]any{"mediaId": parent.(Obj)["id"], "sort": args["sort"]})
		if n := intOf(args["limit"]); args["limit"] != nil && n >= 0 && n < len(list) {
			list = list[:n]
		}
		return connection(list, args, nil), nil
	}
}

// byLanguage keeps the staff whose language is lang (a StaffLanguage, such
// as JAPANESE); without lang, every voice actor.
func byLanguage(staff []Obj, lang any) []Obj {
	l, _ := lang.(string)
	if l == "" {
		return staff
	}
	out := []Obj{}
	for _, s := range staff {
		if v, _ := s["languageV2"].(string); strings.EqualFold(v, l) {
			out = append(out, s)
		}
	}
	return out
}

// characterMedia answers Staff.characterMedia: the media in which the staff
// voices a character, each edge carrying the characters and their role.
func (r *res) characterMedia(c *exec.Ctx, parent any, args map[string]any) (any, error) {
	id := intOf(parent.(Obj)["id"])
	var list []Obj
	chars := map[int][]any{}
	roles := map[int]string{}
	for _, m := range r.s.all(MediaTable) {
		mid := intOf(m["id"])
		if args["onList"] != nil && (r.entryFor(viewerID(c), mid) != nil) != (args["onList"] == true) {
			continue
		}
		for _, cr := range castOf(m, "_characters") {
			if !contains(cr.Voice, id) {
				continue
			}
			if chars[mid] == nil {
				list = append(list, m)
				roles[mid] = cr.Role
			}
			if ch := r.s.get(CharacterTable, cr.ID); ch != nil {
				chars[mid] = append(chars[mid], ch)
			} else {
				chars[mid] = append(chars[mid], nil)
			}
		}
	}
	r.sortBy(c, MediaTable, list, args["sort"])
	return connection(list, args, func(m Obj) Obj {
		mid := intOf(m["id"])
		return Obj{"characters": chars[mid], "characterRole": roles[mid], "relationType": nil, "isMainStudio": false,
			"voiceActors": []any{parent}}
	}), nil
}

// asHTML registers every field with an asHtml argument: with asHtml true
// the stored text is rendered as AniList renders markdown (paragraphs), else
// it is answered as stored.
func (r *res) asHTML() {
	for _, def := range r.schema.Types {
		if def.Kind != ast.Object {
			continue
		}
		for _, f := range def.Fields {
			if f.Arguments.ForName("asHtml") == nil {
				continue
			}
			key, name := def.Name+"."+f.Name, f.Name
			if _, done := r.m[key]; done {
				continue
			}
			r.m[key] = func(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
				v := parent.(Obj)[name]
				if s, ok := v.(string); ok && args["asHtml"] == true {
					return markdown(s), nil
				}
				return v, nil
			}
		}
	}
}

// versions registers the fields with a version argument (Media.status,
// Media.source, MediaEdge.relationType): a stored value newer than the
// version asked for (the schema marks such values "Version 2 only", "Version
// 3 only") is an error, since what AniList answers in its place is not
// known, except SOURCE, which version 1 called ADAPTATION (it had one value
// for both directions); every other value is answered as stored. The
// generated dataset uses version 1 sources only.
func (r *res) versions() {
	for key, field := range map[string]string{"Media.status": "status", "Media.source": "source", "MediaEdge.relationType": "relationType"} {
		typ, _, _ := strings.Cut(key, ".")
		def := r.schema.Types[typ]
		if def == nil || def.Fields.ForName(field) == nil {
			continue
		}
		enum := r.schema.Types[def.Fields.ForName(field).Type.Name()]
		r.m[key] = func(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
			v := parent.(Obj)[field]
			s, ok := v.(string)
			if !ok || enum == nil {
				return v, nil
			}
			asked := 1
			if args["version"] != nil {
				asked = intOf(args["version"])
			}
			if s == "SOURCE" && key == "MediaEdge.relationType" && asked < 2 {
				return "ADAPTATION", nil // version 1 called both directions ADAPTATION
			}
			if need := enumVersion(enum, s); need > asked {
				return nil, exec.Errorf(http.StatusBadRequest,
					"anilisttest: %s %s needs version %d, and what AniList answers for version %d is not known", key, s, need, asked)
			}
			return v, nil
		}
	}
}

// enumVersion reads the version an enum value needs from its description
// ("Version 2 only.", "Version 2+ only.", "Version 3 only."), 1 without one.
func enumVersion(enum *ast.Definition, value string) int {
	ev := enum.EnumValues.ForName(value)
	if ev == nil {
		return 1
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(ev.Description), "Version ")
	if !ok || rest == "" {
		return 1
	}
	n, err := strconv.Atoi(rest[:1])
	if err != nil {
		return 1
	}
	return n
}

func sortedKeys(m Obj) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

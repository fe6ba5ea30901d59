package data

import (
	"github.com/anigql/anigql/internal/emu/exec"
)

// names registers the userPreferred fields, which follow the viewer's
// options as on anilist.co: titles by titleLanguage, character and staff
// names by staffNameLanguage, romaji without a viewer. Whatever a record
// stores under userPreferred is ignored, so records put by hand get it too.
func (r *res) names() {
	r.m["MediaTitle.userPreferred"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
		t, _ := parent.(Obj)
		return preferredTitle(t, r.viewerOption(c, "titleLanguage")), nil
	}
	for _, typ := range []string{"CharacterName", "StaffName"} {
		r.m[typ+".userPreferred"] = func(c *exec.Ctx, parent any, _ map[string]any) (any, error) {
			n, _ := parent.(Obj)
			return preferredName(n, r.viewerOption(c, "staffNameLanguage")), nil
		}
	}
}

// viewerOption reads one of the viewer's User.options, "" without a viewer.
func (r *res) viewerOption(c *exec.Ctx, key string) string {
	u := r.s.get(UserTable, viewerID(c))
	if u == nil {
		return ""
	}
	opts, _ := u["options"].(Obj)
	s, _ := opts[key].(string)
	return s
}

// preferredTitle picks a title in lang (a UserTitleLanguage), falling back
// to romaji when the title has no such variant. The emulator has no
// stylised variants, so the stylised languages read the plain ones.
func preferredTitle(t Obj, lang string) any {
	key := map[string]string{"ENGLISH": "english", "ENGLISH_STYLISED": "english",
		"NATIVE": "native"}[lang]
	if s, ok := t[key].(string); ok && s != "" {
		return s
	}
	return t["romaji"]
}

// preferredName picks a name in lang (a UserStaffNameLanguage): the full
// name in western order by default, family name first for ROMAJI, the
// native name for NATIVE; each falls back to the full name.
func preferredName(n Obj, lang string) any {
	switch lang {
	case "NATIVE":
		if s, ok := n["native"].(string); ok && s != "" {
			return s
		}
	case "ROMAJI":
		first, _ := n["first"].(string)
		last, _ := n["last"].(string)
		if first != "" && last != "" {
			return last + " " + first
		}
	}
	if full, ok := n["full"].(string); ok && full != "" {
		return full
	}
	return n["first"]
}

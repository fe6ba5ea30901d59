package data

import (
	"fmt"
	"math/rand/v2"

	"github.com/vektah/gqlparser/v2/ast"
	"strings"
	"time"
)

// Sizes of the generated dataset.
const (
	animeCount     = 720
	mangaCount     = 300
	characterCount = 400
	staffCount     = 200
	userCount      = 50
	// DemoUserID is the viewer the demo token belongs to.
	DemoUserID = 1
	// DemoUserName is the demo viewer's name.
	DemoUserName = "DemoUser"
)

// epoch is the fixed "now" of the generated data, so that every run builds
// the same dataset whatever the clock says.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// gen builds a dataset from a seed.
type gen struct {
	s      *Store
	r      *rand.Rand
	schema *ast.Schema
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }
func (g *gen) chance(p float64) bool     { return g.r.Float64() < p }
func (g *gen) between(lo, hi int) int    { return lo + g.r.IntN(hi-lo+1) }

func (g *gen) word() string {
	var b strings.Builder
	for range g.between(2, 4) {
		b.WriteString(g.pick(syllables))
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

func fuzzy(year, month, day int) Obj {
	if year == 0 {
		return Obj{"year": nil, "month": nil, "day": nil}
	}
	return Obj{"year": year, "month": month, "day": day}
}

func (g *gen) studios() {
	for i, name := range studioNames {
		id := i + 1
		g.s.put(StudioTable, id, Obj{
			"name": name, "isAnimationStudio": i < 25, "favourites": g.between(100, 20000),
			"siteUrl": fmt.Sprintf("https://anilist.co/studio/%d", id),
		})
	}
}

func (g *gen) people() {
	g.staff()
	g.characters()
}

func (g *gen) staff() {
	for i := range staffCount {
		id := 95000 + i
		first, last := g.pick(firstNames), g.pick(lastNames)
		g.s.put(StaffTable, id, Obj{
			"name":               personName(first, last),
			"languageV2":         "Japanese",
			"image":              image("staff", id),
			"description":        fmt.Sprintf("%s %s is a %s.", first, last, []string{"voice actor", "director", "animator", "composer"}[i%4]),
			"primaryOccupations": []any{[]string{"Voice Actor", "Director", "Animator", "Composer"}[i%4]},
			"gender":             []string{"Male", "Female"}[i%2],
			"dateOfBirth":        fuzzy(g.between(1960, 2000), g.between(1, 12), g.between(1, 28)),
			"age":                g.between(25, 65),
			"yearsActive":        []any{g.between(1985, 2015)},
			"homeTown":           "Tokyo, Japan",
			"favourites":         g.between(0, 30000),
			"siteUrl":            fmt.Sprintf("https://anilist.co/staff/%d", id),
		})
	}
}

func (g *gen) characters() {
	for i := range characterCount {
		id := 120000 + i
		first, last := g.pick(firstNames), g.pick(lastNames)
		g.s.put(CharacterTable, id, Obj{
			"name":        personName(first, last),
			"image":       image("character", id),
			"description": fmt.Sprintf("%s is a character.", first),
			"gender":      []string{"Male", "Female"}[i%2],
			"dateOfBirth": birthday(i),
			"age":         fmt.Sprint(g.between(10, 500)),
			"favourites":  g.between(0, 50000),
			"siteUrl":     fmt.Sprintf("https://anilist.co/character/%d", id),
		})
	}
	g.s.put(CharacterTable, 176754, Obj{
		"name": Obj{"first": "Frieren", "middle": nil, "last": nil, "full": "Frieren", "native": "フリーレン",
			"alternative": []any{}, "alternativeSpoiler": []any{}, "userPreferred": "Frieren"},
		"image": image("character", 176754), "description": "An elf mage.", "gender": "Female",
		"dateOfBirth": fuzzy(0, 0, 0), "age": "1000+", "favourites": 60000,
		"siteUrl": "https://anilist.co/character/176754",
	})
}

func personName(first, last string) Obj {
	full := first + " " + last
	return Obj{
		"first": first, "middle": nil, "last": last, "full": full, "native": nil,
		"alternative": []any{}, "alternativeSpoiler": []any{}, "userPreferred": full,
	}
}

func image(kind string, id int) Obj {
	base := fmt.Sprintf("https://s4.anilist.co/file/anilistcdn/%s", kind)
	return Obj{
		"large":  fmt.Sprintf("%s/large/%d.jpg", base, id),
		"medium": fmt.Sprintf("%s/medium/%d.jpg", base, id),
	}
}

package data

import (
	"fmt"
	"slices"
)

var (
	animeFormats = []string{"TV", "TV", "TV", "TV_SHORT", "MOVIE", "OVA", "ONA", "SPECIAL"}
	mangaFormats = []string{"MANGA", "MANGA", "MANGA", "NOVEL", "ONE_SHOT"}
	seasons      = []string{"WINTER", "SPRING", "SUMMER", "FALL"}
	sources      = []string{"ORIGINAL", "MANGA", "LIGHT_NOVEL", "VISUAL_NOVEL", "VIDEO_GAME", "OTHER"} // version 1 values
	relationKind = []string{"SEQUEL", "PREQUEL", "SIDE_STORY", "ADAPTATION", "ALTERNATIVE", "SPIN_OFF"}
)

// mediaSpec is what varies between media; media() fills in the rest.
type mediaSpec struct {
	id                       int
	romaji, english, native  string
	typ, format, status      string
	season                   string
	year, episodes, chapters int
	genres                   []string
}

func (g *gen) media() {
	for _, k := range known {
		g.putMedia(k)
	}
	for i := range animeCount - g.countType("ANIME") {
		g.putMedia(g.randomMedia(100001+i, "ANIME"))
	}
	for i := range mangaCount - g.countType("MANGA") {
		g.putMedia(g.randomMedia(200001+i, "MANGA"))
	}
	g.relate()
}

func (g *gen) countType(t string) int {
	n := 0
	for _, k := range known {
		if k.typ == t {
			n++
		}
	}
	return n
}

func (g *gen) randomMedia(id int, typ string) mediaSpec {
	romaji := g.pick(titleHeads) + " " + g.word() + " " + g.pick(titleTails)
	english := g.pick(englishHeads) + " " + g.word() + " " + g.pick(englishTails)
	if g.chance(0.3) {
		english = ""
	}
	sp := mediaSpec{id: id, romaji: romaji, english: english, native: g.word() + "の" + g.word(), typ: typ,
		year: g.between(1985, 2026), genres: g.genres()}
	sp.status = []string{"FINISHED", "FINISHED", "FINISHED", "RELEASING", "NOT_YET_RELEASED"}[g.r.IntN(5)]
	if typ == "ANIME" {
		sp.format = g.pick(animeFormats)
		sp.season = g.pick(seasons)
		sp.episodes = []int{12, 13, 24, 25, 26, 1, 6, 50}[g.r.IntN(8)]
	} else {
		sp.format = g.pick(mangaFormats)
		sp.chapters = g.between(8, 300)
	}
	if sp.status == "NOT_YET_RELEASED" {
		sp.year = 2026
	}
	return sp
}

func (g *gen) genres() []string {
	out := []string{}
	for len(out) < 2+g.r.IntN(3) {
		x := g.pick(genres)
		if x != "Hentai" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

func (g *gen) putMedia(sp mediaSpec) {
	m := Obj{
		"idMal": malID(sp.id), "type": sp.typ, "format": sp.format, "status": sp.status,
		"title":       Obj{"romaji": sp.romaji, "english": nilIfEmpty(sp.english), "native": sp.native, "userPreferred": sp.romaji},
		"description": fmt.Sprintf("%s is a %s %s.", sp.romaji, lowerFormat(sp.format), joinGenres(sp.genres)),
		"startDate":   fuzzy(sp.year, g.between(1, 12), g.between(1, 28)), "endDate": fuzzy(0, 0, 0),
		"season": nilIfEmpty(sp.season), "seasonYear": nil, "seasonInt": nil,
		"episodes": nilIfZero(sp.episodes), "duration": nil, "chapters": nilIfZero(sp.chapters), "volumes": nil,
		"countryOfOrigin": "JP", "isLicensed": true, "source": g.pick(sources), "hashtag": nil,
		"updatedAt": int(epoch) - g.between(0, 86400*365), "coverImage": cover(sp.id),
		"bannerImage": fmt.Sprintf("https://s4.anilist.co/file/anilistcdn/media/anime/banner/%d.jpg", sp.id),
		"genres":      anySlice(sp.genres), "synonyms": []any{}, "averageScore": g.between(45, 92),
		"meanScore": g.between(45, 92), "popularity": g.between(100, 900000), "trending": g.between(0, 500),
		"favourites": g.between(0, 100000), "isAdult": false, "isLocked": false,
		"siteUrl":       fmt.Sprintf("https://anilist.co/%s/%d", lower(sp.typ), sp.id),
		"externalLinks": []any{}, "streamingEpisodes": []any{}, "rankings": []any{}, "trailer": nil,
		"isFavouriteBlocked": false, "isReviewBlocked": false, "isRecommendationBlocked": false,
		"tags": g.mediaTags(),
	}
	if sp.typ == "ANIME" {
		m["seasonYear"], m["seasonInt"], m["duration"] = sp.year, (sp.year%100)*10+slices.Index(seasons, sp.season)+1, 24
	} else {
		m["volumes"] = nilIfZero(sp.chapters / 9)
	}
	shapeByFormat(m, sp)
	if sp.status == "FINISHED" {
		m["endDate"] = fuzzy(sp.year+1, g.between(1, 12), g.between(1, 28))
	}
	mediaExtras(m, sp.id, sp.typ)
	if sp.id == 118586 {
		m["popularity"], m["averageScore"], m["meanScore"] = 120000, 89, 89
	}
	if sp.id == 154587 {
		m["startDate"], m["endDate"], m["averageScore"], m["popularity"] = fuzzy(2023, 9, 29), fuzzy(2024, 3, 22), 90, 500000
		m["meanScore"], m["favourites"] = 90, 80000
		m["synonyms"] = []any{"Frieren at the Funeral", "장송의 프리렌"}
	}
	g.s.put(MediaTable, sp.id, m)
}

// shapeByFormat makes counts fit the format and status, as on AniList: a
// movie is one long episode, a short is a few minutes an episode, a one-shot
// is one chapter, and a manga still running has no final chapter or volume
// count yet.
func shapeByFormat(m Obj, sp mediaSpec) {
	switch sp.format {
	case "MOVIE":
		m["episodes"], m["duration"] = 1, 110
	case "TV_SHORT":
		m["duration"] = 5
	case "ONE_SHOT":
		m["chapters"], m["volumes"] = 1, 1
	}
	if sp.typ == "MANGA" && sp.status != "FINISHED" {
		m["chapters"], m["volumes"] = nil, nil
	}
}

func (g *gen) mediaTags() []any {
	out := []any{}
	for _, i := range g.r.Perm(len(tags))[:g.between(2, 6)] {
		out = append(out, Obj{
			"id": i + 1, "name": tags[i][0], "category": tags[i][1], "rank": g.between(40, 100),
			"description": tags[i][0] + ".", "isGeneralSpoiler": false, "isMediaSpoiler": false,
			"isAdult": false, "userId": nil,
		})
	}
	return out
}

// relate links media to each other, to characters, staff and studios.
func (g *gen) relate() {
	media := g.s.all(MediaTable)
	chars := g.s.order[CharacterTable][:characterCount] // not the hand-made ones
	staff := g.s.order[StaffTable]
	for i, m := range media {
		if i > 0 && g.chance(0.4) {
			other := media[g.r.IntN(len(media))]
			if other["id"] != m["id"] {
				kind := g.pick(relationKind)
				if !curated(m) && !curated(other) {
					link(m, other, kind)
				}
			}
		}
		var cs []castRole
		for j := range g.between(2, 6) {
			role := "SUPPORTING"
			if j < 2 {
				role = "MAIN"
			}
			cs = append(cs, castRole{chars[g.r.IntN(len(chars))], role, []int{staff[g.r.IntN(len(staff)/2)]}})
		}
		m["_characters"] = cs
		m["_staff"] = []castRole{{staff[len(staff)/2+g.r.IntN(len(staff)/2)], "Director", nil}, {staff[g.r.IntN(len(staff))], "Original Creator", nil}}
		if m["type"] == "ANIME" {
			m["_studios"] = []castRole{{g.between(1, 25), "main", nil}, {g.between(26, 30), "", nil}}
		}
	}
	if f := g.s.get(MediaTable, 154587); f != nil {
		cs := f["_characters"].([]castRole)
		f["_characters"] = append([]castRole{{176754, "MAIN", []int{95000}}}, cs...)
		f["_studios"] = []castRole{{1, "main", nil}}
		link(f, g.s.get(MediaTable, 118586), "SOURCE")
	}
}

// inverseRelation is the relation type AniList shows on the other side.
var inverseRelation = map[string]string{
	"SEQUEL": "PREQUEL", "PREQUEL": "SEQUEL", "SIDE_STORY": "PARENT", "SPIN_OFF": "PARENT",
	"PARENT": "SIDE_STORY", "ALTERNATIVE": "ALTERNATIVE", "ADAPTATION": "SOURCE", "SOURCE": "ADAPTATION",
}

// curated reports whether m's relations are written by hand (Frieren's
// anime and manga), so random ones must not touch it.
func curated(m Obj) bool { return m["id"] == 154587 || m["id"] == 118586 }

// link relates a to b as kind and b to a as its inverse, as AniList lists a
// relation from both sides. Across types the kind follows the direction of
// adaptation (the manga is the anime's SOURCE); within one type there is no
// ADAPTATION, so that becomes ALTERNATIVE.
func link(a, b Obj, kind string) {
	switch {
	case a == nil || b == nil:
		return
	case a["type"] != b["type"] && a["type"] == "ANIME":
		kind = "SOURCE"
	case a["type"] != b["type"]:
		kind = "ADAPTATION"
	case kind == "ADAPTATION":
		kind = "ALTERNATIVE"
	}
	addRelation(a, intOf(b["id"]), kind)
	addRelation(b, intOf(a["id"]), inverseRelation[kind])
}

// addRelation adds a relation to m unless m already has one to id.
func addRelation(m Obj, id int, kind string) {
	rels, _ := m["_relations"].([]relation)
	for _, r := range rels {
		if r.ID == id {
			return
		}
	}
	m["_relations"] = append(slices.Clip(rels), relation{id, kind})
}

// relation is a hidden media→media link.
type relation struct {
	ID   int
	Kind string
}

// castRole is a hidden link from media to a character, staff member or
// studio, with the role and (for characters) voice actor ids.
type castRole struct {
	ID    int
	Role  string
	Voice []int
}

func cover(id int) Obj {
	base := "https://s4.anilist.co/file/anilistcdn/media/anime/cover"
	return Obj{
		"extraLarge": fmt.Sprintf("%s/large/bx%d.jpg", base, id),
		"large":      fmt.Sprintf("%s/medium/bx%d.jpg", base, id),
		"medium":     fmt.Sprintf("%s/small/bx%d.jpg", base, id),
		"color":      "#e4a15d",
	}
}

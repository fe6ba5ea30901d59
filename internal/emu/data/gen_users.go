package data

import (
	"fmt"
	"slices"
	"strings"
)

var listStatuses = []string{"COMPLETED", "COMPLETED", "COMPLETED", "CURRENT", "PLANNING", "PLANNING", "PAUSED", "DROPPED", "REPEATING"}

func (g *gen) users() {
	for id := 1; id <= userCount; id++ {
		name := fmt.Sprintf("%s%d", g.pick(firstNames), g.between(10, 999))
		if id == DemoUserID {
			name = DemoUserName
		}
		g.s.put(UserTable, id, newUser(id, name, int(epoch)-g.between(86400*30, 86400*3000)))
	}
	demo := g.s.get(UserTable, DemoUserID)
	demo["about"] = "The demo viewer of the anigql AniList emulator."
	for id := 2; id <= userCount; id++ {
		u := g.s.get(UserTable, id)
		if id <= 30 {
			demo["_following"] = append(demo["_following"].([]int), id)
		}
		if id%2 == 0 {
			u["_following"] = append(u["_following"].([]int), DemoUserID)
		}
	}
}

// newUser returns a user record with AniList's default options.
func newUser(id int, name string, created int) Obj {
	listOpts := func() Obj {
		return Obj{
			"sectionOrder":                  []any{"Watching", "Rewatching", "Completed", "Paused", "Dropped", "Planning"},
			"splitCompletedSectionByFormat": false, "customLists": []any{"Favourites Rewatch"},
			"advancedScoring":        []any{"Story", "Characters", "Visuals", "Audio", "Enjoyment"},
			"advancedScoringEnabled": false, "theme": nil,
		}
	}
	return Obj{
		"name": name, "about": nil, "avatar": image("user/avatar", id),
		"bannerImage": nil, "isBlocked": false, "donatorTier": 0, "donatorBadge": "Donator",
		"moderatorRoles": nil, "createdAt": created, "updatedAt": created,
		"siteUrl": "https://anilist.co/user/" + name, "previousNames": []any{},
		"options": Obj{
			"titleLanguage": "ROMAJI", "displayAdultContent": false, "airingNotifications": true,
			"profileColor": "blue", "timezone": "+00:00", "activityMergeTime": 720,
			"staffNameLanguage": "ROMAJI_WESTERN", "restrictMessagesToFollowing": false,
			"notificationOptions": []any{}, "disabledListActivity": []any{},
		},
		"mediaListOptions": Obj{"scoreFormat": "POINT_100", "rowOrder": "score", "animeList": listOpts(), "mangaList": listOpts()},
		"_following":       []int{},
		"_fav":             map[string][]int{},
	}
}

// lists gives every user list entries; the demo user gets a large list.
func (g *gen) lists() {
	anime, manga := g.idsOfType("ANIME"), g.idsOfType("MANGA")
	id := 1
	for uid := 1; uid <= userCount; uid++ {
		na, nm := g.between(15, 40), g.between(5, 15)
		if uid == DemoUserID {
			na, nm = 640, 90
		}
		for _, i := range g.r.Perm(len(anime))[:na] {
			g.entry(id, uid, anime[i])
			id++
		}
		for _, i := range g.r.Perm(len(manga))[:nm] {
			g.entry(id, uid, manga[i])
			id++
		}
	}
	for _, e := range g.s.all(MediaListTable) {
		if e["userId"] == DemoUserID && e["mediaId"] == 154587 {
			e["status"], e["progress"], e["score"] = "CURRENT", 10, 0.0
			return
		}
	}
	g.entry(id, DemoUserID, 154587)
	e := g.s.get(MediaListTable, id)
	e["status"], e["progress"], e["score"] = "CURRENT", 10, 0.0
}

func (g *gen) idsOfType(t string) []int {
	var out []int
	for _, m := range g.s.all(MediaTable) {
		if m["type"] == t {
			out = append(out, m["id"].(int))
		}
	}
	return out
}

func (g *gen) entry(id, userID, mediaID int) {
	m := g.s.get(MediaTable, mediaID)
	status := g.pick(listStatuses)
	total, _ := m["episodes"].(int)
	if t, ok := m["chapters"].(int); ok {
		total = t
	}
	progress := 0
	switch status {
	case "COMPLETED":
		progress = total
	case "CURRENT", "PAUSED", "DROPPED", "REPEATING":
		progress = g.r.IntN(max(total, 12))
	}
	score := 0.0
	if status != "PLANNING" {
		score = float64(g.between(4, 10) * 10)
	}
	updated := int(epoch) - g.between(0, 86400*700)
	e := Obj{
		"userId": userID, "mediaId": mediaID, "status": status, "score": score, "progress": progress,
		"progressVolumes": 0, "repeat": 0, "priority": 0, "private": false, "notes": nil,
		"hiddenFromStatusLists": false, "customLists": Obj{"Favourites Rewatch": g.chance(0.05)},
		"advancedScores": Obj{"Story": 0, "Characters": 0, "Visuals": 0, "Audio": 0, "Enjoyment": 0},
		"startedAt":      fuzzy(0, 0, 0), "completedAt": fuzzy(0, 0, 0), "updatedAt": updated, "createdAt": updated - 86400*30,
	}
	if status == "COMPLETED" {
		e["startedAt"], e["completedAt"] = fuzzy(2020, g.between(1, 12), g.between(1, 28)), fuzzy(2021, g.between(1, 12), g.between(1, 28))
	}
	g.s.put(MediaListTable, id, e)
}

// favourites fills users' favourites.
func (g *gen) favourites() {
	anime, manga := g.idsOfType("ANIME"), g.idsOfType("MANGA")
	chars, staff := g.s.order[CharacterTable], g.s.order[StaffTable]
	for uid := 1; uid <= userCount; uid++ {
		n := 3
		if uid == DemoUserID {
			n = 12
		}
		fav := map[string][]int{}
		fav["anime"] = g.sample(anime, n)
		fav["manga"] = g.sample(manga, n/2)
		fav["characters"] = g.sample(chars, n)
		fav["staff"] = g.sample(staff, n/2)
		fav["studios"] = g.sample(g.s.order[StudioTable][:25], 2)
		if uid == DemoUserID {
			putFirst(fav["anime"], 154587)
			putFirst(fav["characters"], 176754)
		}
		g.s.get(UserTable, uid)["_fav"] = fav
	}
}

// putFirst makes id the first of ids (which is not empty), without
// listing it twice.
func putFirst(ids []int, id int) {
	if i := slices.Index(ids, id); i > 0 {
		ids[i] = ids[0]
	}
	ids[0] = id
}

func (g *gen) sample(ids []int, n int) []int {
	out := []int{}
	for _, i := range g.r.Perm(len(ids))[:min(n, len(ids))] {
		out = append(out, ids[i])
	}
	return out
}

func lower(s string) string { return strings.ToLower(s) }

func lowerFormat(f string) string { return strings.ReplaceAll(strings.ToLower(f), "_", " ") }

func joinGenres(gs []string) string {
	return strings.ToLower(strings.Join(gs, ", ")) + " story"
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nilIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func anySlice[T any](in []T) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}

package anilisttest_test

import (
	"slices"
	"strconv"
	"testing"
)

// TestUserStatisticsFollowTheList checks that statistics are derived from
// the stored list: saving and deleting an entry moves every breakdown.
func TestUserStatisticsFollowTheList(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	tok := s.ViewerToken()
	const q = `{ Viewer { statistics { anime { count meanScore standardDeviation minutesWatched
		genres(sort: [ID]) { genre count mediaIds } formats { format count } statuses { status count }
		scores { score count } lengths { length count } releaseYears { releaseYear count }
		countries { country count } studios { studio { id } count } staff(limit: 2) { staff { id } count }
		voiceActors(limit: 2) { voiceActor { id } characterIds count } tags(limit: 3, sort: [COUNT_DESC]) { tag { name } count } } } } }`
	read := func() map[string]any {
		t.Helper()
		return at(post(t, s, tok, q, nil).ok(t).Data, "Viewer", "statistics", "anime").(map[string]any)
	}
	genreCount := func(st map[string]any, genre string) float64 {
		for _, g := range at(st, "genres").([]any) {
			if at(g, "genre") == genre {
				return at(g, "count").(float64)
			}
		}
		return 0
	}
	before := read()
	for _, k := range []string{"genres", "formats", "statuses", "scores", "lengths", "releaseYears", "countries", "studios", "staff", "voiceActors", "tags"} {
		if len(at(before, k).([]any)) == 0 {
			t.Errorf("statistics.anime.%s is empty; want a breakdown of the demo viewer's 640 entries", k)
		}
	}
	if n := len(at(before, "tags").([]any)); n != 3 {
		t.Errorf("tags(limit: 3): got %d", n)
	}
	// A new entry for a media not on the list (Teekyuu: Comedy, Sports).
	a := post(t, s, tok, `{ MediaList(userId: 1, mediaId: 15125) { id } }`, nil)
	if a.Status == 200 {
		post(t, s, tok, `mutation { DeleteMediaListEntry(id: `+jsonNum(at(a.Data, "MediaList", "id"))+`) { deleted } }`, nil).ok(t)
		before = read()
	}
	saved := post(t, s, tok, `mutation { SaveMediaListEntry(mediaId: 15125, status: COMPLETED, score: 90) { id } }`, nil).ok(t)
	after := read()
	if at(after, "count") != at(before, "count").(float64)+1 || genreCount(after, "Sports") != genreCount(before, "Sports")+1 {
		t.Errorf("after saving: count %v → %v, Sports %v → %v; want each one more",
			at(before, "count"), at(after, "count"), genreCount(before, "Sports"), genreCount(after, "Sports"))
	}
	post(t, s, tok, `mutation { DeleteMediaListEntry(id: `+jsonNum(at(saved.Data, "SaveMediaListEntry", "id"))+`) { deleted } }`, nil).ok(t)
	if again := read(); at(again, "count") != at(before, "count") || genreCount(again, "Sports") != genreCount(before, "Sports") {
		t.Errorf("after deleting: count %v, Sports %v; want %v, %v again", at(again, "count"), genreCount(again, "Sports"),
			at(before, "count"), genreCount(before, "Sports"))
	}
}

// jsonNum writes a decoded JSON number as an integer literal.
func jsonNum(v any) string {
	f, _ := v.(float64)
	return strconv.Itoa(int(f))
}

// TestMediaExtras checks the media data real apps' screens show.
func TestMediaExtras(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	const q = `{ Media(id: 154587) { idMal externalLinks { site type } streamingEpisodes { site }
		trailer { site } rankings { type rank context } stats { statusDistribution { status amount } } } }`
	m := at(post(t, s, "", q, nil).ok(t).Data, "Media")
	sites := ids(at(m, "externalLinks"), "site")
	if at(m, "idMal") != 52991.0 || !slices.Contains(sites, any("Crunchyroll")) || len(at(m, "streamingEpisodes").([]any)) == 0 ||
		at(m, "trailer", "site") != "youtube" || len(at(m, "rankings").([]any)) != 2 {
		t.Errorf("Frieren: got %v", m)
	}
	completed := func(m any) float64 {
		for _, d := range at(m, "stats", "statusDistribution").([]any) {
			if at(d, "status") == "COMPLETED" {
				return at(d, "amount").(float64)
			}
		}
		return -1
	}
	before := completed(m)
	post(t, s, s.Token(7), `mutation { SaveMediaListEntry(mediaId: 154587, status: COMPLETED) { id } }`, nil).ok(t)
	if after := completed(at(post(t, s, "", q, nil).ok(t).Data, "Media")); after != before+1 {
		t.Errorf("stats after a user completed it: COMPLETED %v → %v; want one more", before, after)
	}
	a := post(t, s, "", `{ Staff(id: 95000) { characterMedia(perPage: 25, sort: [POPULARITY_DESC]) { edges { characterRole characters { id } node { id } } } } }`, nil).ok(t)
	var found bool
	for _, e := range at(a.Data, "Staff", "characterMedia", "edges").([]any) {
		found = found || (at(e, "node", "id") == 154587.0 && slices.Contains(ids(at(e, "characters"), "id"), any(176754.0)))
	}
	if !found {
		t.Errorf("Staff.characterMedia of Frieren's voice: got %s", a.Raw)
	}
	a = post(t, s, "", `{ Page(perPage: 5) { activities(type: ANIME_LIST) { ... on ListActivity { media { id } } } } }`, nil).ok(t)
	if acts := at(a.Data, "Page", "activities").([]any); len(acts) == 0 || at(acts[0], "media", "id") == nil {
		t.Errorf("media activities: got %s", a.Raw)
	}
}

package anilisttest_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
)

// ids collects the "id" (or key) of each object in a decoded list.
func ids(list any, key string) []any {
	var out []any
	for _, o := range at(list).([]any) {
		out = append(out, at(o, key))
	}
	return out
}

// TestFilterArguments holds the filters the emulator used to drop
// silently (issue 15, item 1): each now filters as AniList does.
func TestFilterArguments(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	s := anilisttest.NewUnstartedServer()
	s.RateLimit, s.Now = 1<<30, func() time.Time { return now }
	s.Start()
	t.Cleanup(s.Close)
	tok := s.ViewerToken()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.Put("Character", 990100, map[string]any{"name": map[string]any{"full": "Pi Day"},
		"dateOfBirth": map[string]any{"month": 3, "day": 14}}))
	must(s.Put("Media", 990101, map[string]any{"type": "ANIME", "title": map[string]any{"romaji": "Low Rank"},
		"tags": []any{map[string]any{"id": 8, "name": "Elf", "rank": 10}}}))
	tests := []struct {
		name, token, query string
		path               []any
		check              func(got any) bool
	}{
		{"isBirthday", "", `{ Page(perPage: 50) { characters(isBirthday: true) { id dateOfBirth { month day } } } }`,
			[]any{"Page", "characters"}, func(got any) bool {
				l := got.([]any)
				for _, c := range l {
					if at(c, "dateOfBirth", "month") != 3.0 || at(c, "dateOfBirth", "day") != 14.0 {
						return false
					}
				}
				return slices.Contains(ids(l, "id"), any(990100.0))
			}},
		{"minimumTagRank defaults to 18", "", `{ Page { media(id: 990101, tag: "Elf") { id } } }`,
			[]any{"Page", "media"}, func(got any) bool { return len(got.([]any)) == 0 }},
		{"minimumTagRank lowered", "", `{ Page { media(id: 990101, tag: "Elf", minimumTagRank: 5) { id } } }`,
			[]any{"Page", "media"}, func(got any) bool { return len(got.([]any)) == 1 }},
		{"licensedBy", "", `{ Page { a: media(id: 154587, licensedBy: "Netflix") { id } b: media(id: 1, licensedBy: "Netflix") { id } } }`,
			[]any{"Page"}, func(got any) bool { return len(at(got, "a").([]any)) == 1 && len(at(got, "b").([]any)) == 0 }},
		{"licensedById_in", "", `{ Page { media(id_in: [154587, 1, 21], licensedById_in: [1]) { id } } }`,
			[]any{"Page", "media"}, func(got any) bool {
				return slices.Equal(ids(got, "id"), []any{21.0, 154587.0})
			}},
		{"compareWithAuthList", tok, `{ Page(perPage: 50) { mediaList(userId: 2, compareWithAuthList: true) { mediaId } } }`,
			[]any{"Page", "mediaList"}, func(got any) bool {
				for _, id := range ids(got, "mediaId") {
					a := post(t, s, tok, `query ($m: Int) { MediaList(userId: 1, mediaId: $m) { id } }`, map[string]any{"m": id})
					if a.Status != http.StatusOK {
						return false
					}
				}
				return len(got.([]any)) > 0
			}},
		{"subscribed", tok, `{ Page(perPage: 50) { threads(subscribed: true) { id isSubscribed } } }`,
			[]any{"Page", "threads"}, func(got any) bool {
				l := got.([]any)
				return len(l) > 0 && !slices.Contains(ids(l, "isSubscribed"), any(false))
			}},
		{"subscribed is the viewer's", s.Token(7), `{ Page(perPage: 50) { threads(subscribed: true) { id } } }`,
			[]any{"Page", "threads"}, func(got any) bool { return len(got.([]any)) == 0 }},
		{"language", "", `{ Media(id: 154587) { characters(perPage: 1) { edges { en: voiceActors(language: ENGLISH) { id }
			ja: voiceActors(language: JAPANESE) { id } } } } }`,
			[]any{"Media", "characters", "edges", 0}, func(got any) bool {
				return len(at(got, "en").([]any)) == 0 && len(at(got, "ja").([]any)) > 0
			}},
		{"startDate_like is SQL LIKE", "", `{ Page { a: media(id: 154587, startDate_like: "2023%") { id } b: media(id: 154587, startDate_like: "023%") { id } } }`,
			[]any{"Page"}, func(got any) bool { return len(at(got, "a").([]any)) == 1 && len(at(got, "b").([]any)) == 0 }},
		{"threads in a media category", "", `{ Page { threads(mediaCategoryId: 154587) { mediaCategories { id } } } }`,
			[]any{"Page", "threads"}, func(got any) bool { return len(got.([]any)) > 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := post(t, s, tt.token, tt.query, nil).ok(t)
			if got := at(a.Data, tt.path...); got == nil || !tt.check(got) {
				t.Errorf("got %s", a.Raw)
			}
		})
	}
}

// TestContextualSorts holds ROLE, RELEVANCE and SEARCH_MATCH, which used to
// leave the order as it was.
func TestContextualSorts(t *testing.T) {
	t.Parallel()
	s := shared()
	roles := func(q string) []any {
		t.Helper()
		a := post(t, s, "", q, nil).ok(t)
		return ids(at(a.Data, "Media", "characters", "edges"), "role")
	}
	asc := roles(`{ Media(id: 154587) { characters(sort: [ROLE, RELEVANCE, ID]) { edges { role } } } }`)
	desc := roles(`{ Media(id: 154587) { characters(sort: [ROLE_DESC, RELEVANCE, ID]) { edges { role } } } }`)
	order := map[any]int{"MAIN": 0, "SUPPORTING": 1, "BACKGROUND": 2}
	if !slices.IsSortedFunc(asc, func(a, b any) int { return order[a] - order[b] }) || asc[0] != "MAIN" {
		t.Errorf("sort ROLE: got roles %v; want MAIN first, then SUPPORTING, BACKGROUND", asc)
	}
	if !slices.IsSortedFunc(desc, func(a, b any) int { return order[b] - order[a] }) || desc[0] == "MAIN" {
		t.Errorf("sort ROLE_DESC: got roles %v; want MAIN last", desc)
	}
	a := post(t, s, "", `{ Page { m: media(search: "frieren", sort: [SEARCH_MATCH]) { id }
		p: media(search: "frieren", sort: [POPULARITY]) { id } } }`, nil).ok(t)
	best, byPop := ids(at(a.Data, "Page", "m"), "id"), ids(at(a.Data, "Page", "p"), "id")
	if len(best) < 2 || best[0] != 154587.0 || slices.Equal(best, byPop) {
		t.Errorf("SEARCH_MATCH: got %v (POPULARITY %v); want the best match, Frieren, first and an order of its own", best, byPop)
	}
	a = post(t, s, "", `{ Page { media(sort: [SEARCH_MATCH]) { id } } }`, nil)
	if a.Status != http.StatusBadRequest || !strings.Contains(string(a.Raw), "SEARCH_MATCH without search") {
		t.Errorf("SEARCH_MATCH without search: got %d %s; want a 400 naming it", a.Status, a.Raw)
	}
}

// TestRefusedArguments checks the clear error for what the emulator does
// not implement: an argument, or one value of a sort.
func TestRefusedArguments(t *testing.T) {
	t.Parallel()
	s := shared()
	tests := []struct{ query, want string }{
		{`{ Media(id: 1) { title { romaji(stylised: true) } } }`, "anilisttest: argument MediaTitle.romaji(stylised: true) is not supported"},
		{`{ Page { characters(sort: [ROLE]) { id } } }`, "anilisttest: sort: ROLE of Page.characters is not supported"},
		{`{ Page { recommendations(onList: true) { id } } }`, "anilisttest: argument Page.recommendations(onList) is not supported"},
	}
	for _, tt := range tests {
		a := post(t, s, s.ViewerToken(), tt.query, nil)
		if a.Status != http.StatusBadRequest || len(a.Errors) != 1 || a.Errors[0]["message"] != tt.want {
			t.Errorf("%s: got %d %s; want 400 %q", tt.query, a.Status, a.Raw, tt.want)
		}
	}
	// Given its default, a refused argument changes nothing and passes.
	post(t, s, "", `{ Media(id: 1) { title { romaji(stylised: false) } } }`, nil).ok(t)
}

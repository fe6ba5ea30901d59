package anilisttest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// The tests in this file hold the emulator to AniList where it used to be
// kinder (issue 15): a test that passes offline must not fail online.

func TestScoreFormats(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	tok := s.ViewerToken()
	const save = `mutation ($s: Float, $raw: Int) { SaveMediaListEntry(mediaId: 1, score: $s, scoreRaw: $raw) {
		score raw: score(format: POINT_100) } }`
	tests := []struct {
		format        string
		score, raw    any // arguments; nil leaves one out
		want, wantRaw float64
	}{
		{"POINT_100", 85, nil, 85, 85},
		{"POINT_10_DECIMAL", 7.5, nil, 7.5, 75},
		{"POINT_10_DECIMAL", nil, 85, 8.5, 85},
		{"POINT_10", 8, nil, 8, 80},
		{"POINT_5", 4, nil, 4, 80},
		{"POINT_3", 2, nil, 2, 60},
		{"POINT_3", nil, 90, 3, 90},
	}
	for _, tt := range tests {
		post(t, s, tok, `mutation ($f: ScoreFormat) { UpdateUser(scoreFormat: $f) { id } }`, map[string]any{"f": tt.format}).ok(t)
		a := post(t, s, tok, save, map[string]any{"s": tt.score, "raw": tt.raw}).ok(t)
		got, raw := at(a.Data, "SaveMediaListEntry", "score"), at(a.Data, "SaveMediaListEntry", "raw")
		if got != tt.want || raw != tt.wantRaw {
			t.Errorf("%s score %v scoreRaw %v: got score %v, 100-point %v; want %v, %v", tt.format, tt.score, tt.raw, got, raw, tt.want, tt.wantRaw)
		}
		// Reading back, anyone sees the owner's format.
		r := post(t, s, "", `{ MediaList(userId: 1, mediaId: 1) { score } }`, nil).ok(t)
		if got := at(r.Data, "MediaList", "score"); got != tt.want {
			t.Errorf("%s: read back score %v; want %v", tt.format, got, tt.want)
		}
	}
	post(t, s, tok, `mutation { UpdateUser(scoreFormat: POINT_10) { id } }`, nil).ok(t)
	a := post(t, s, tok, `mutation { SaveMediaListEntry(mediaId: 1, score: 11) { id } }`, nil)
	if a.Status != http.StatusBadRequest || !strings.Contains(string(a.Raw), "The score may not be greater than 10.") {
		t.Errorf("POINT_10 score 11: got %d %s; want 400 with the format's maximum", a.Status, a.Raw)
	}
}

func TestUserPreferred(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	tok := s.ViewerToken()
	if err := s.Put("Staff", 990001, map[string]any{"name": map[string]any{
		"first": "Aoi", "last": "Tanaka", "full": "Aoi Tanaka", "native": "田中葵"}}); err != nil {
		t.Fatal(err)
	}
	const q = `{ Media(id: 154587) { title { userPreferred } } Staff(id: 990001) { name { userPreferred } } }`
	check := func(token, wantTitle, wantName string) {
		t.Helper()
		a := post(t, s, token, q, nil).ok(t)
		if got := at(a.Data, "Media", "title", "userPreferred"); got != wantTitle {
			t.Errorf("title: got %v; want %q", got, wantTitle)
		}
		if got := at(a.Data, "Staff", "name", "userPreferred"); got != wantName {
			t.Errorf("name: got %v; want %q", got, wantName)
		}
	}
	check("", "Sousou no Frieren", "Aoi Tanaka") // romaji without a viewer
	for _, tt := range []struct{ title, name, wantTitle, wantName string }{
		{"ENGLISH", "ROMAJI", "Frieren: Beyond Journey's End", "Tanaka Aoi"},
		{"NATIVE", "NATIVE", "葬送のフリーレン", "田中葵"},
		{"ROMAJI", "ROMAJI_WESTERN", "Sousou no Frieren", "Aoi Tanaka"},
	} {
		post(t, s, tok, `mutation ($t: UserTitleLanguage, $n: UserStaffNameLanguage) {
			UpdateUser(titleLanguage: $t, staffNameLanguage: $n) { id } }`, map[string]any{"t": tt.title, "n": tt.name}).ok(t)
		check(tok, tt.wantTitle, tt.wantName)
	}
	check("", "Sousou no Frieren", "Aoi Tanaka")
}

func TestPageMediaListNeedsAUser(t *testing.T) {
	t.Parallel()
	s := shared()
	tok := s.ViewerToken()
	a := post(t, s, tok, `{ Page { mediaList { id } } }`, nil)
	if a.Status != http.StatusBadRequest || !strings.Contains(string(a.Raw), "Page.mediaList needs one of") {
		t.Errorf("without userId: got %d %s; want 400 naming the arguments", a.Status, a.Raw)
	}
	a = post(t, s, "", `{ Page(perPage: 3) { mediaList(userId: 2) { userId } } }`, nil).ok(t)
	if got := at(a.Data, "Page", "mediaList", 0, "userId"); got != 2.0 {
		t.Errorf("with userId 2: got user %v; want 2", got)
	}
	a = post(t, s, "", `{ Page(perPage: 50) { mediaList(mediaId: 154587) { mediaId userId } } }`, nil).ok(t)
	users := map[any]bool{}
	for i := range 50 {
		if u := at(a.Data, "Page", "mediaList", i, "userId"); u != nil {
			users[u] = true
		}
	}
	if len(users) < 2 {
		t.Errorf("mediaId alone lists every user's entries; got users %v", users)
	}
}

func TestPageInfoTotalIsNotExact(t *testing.T) {
	t.Parallel()
	s := shared()
	a := post(t, s, "", `{ Page(perPage: 10) { pageInfo { total lastPage hasNextPage currentPage } media(search: "Frieren") { id } } }`, nil).ok(t)
	info := at(a.Data, "Page", "pageInfo")
	want := map[string]any{"total": 5000.0, "lastPage": 500.0, "hasNextPage": false, "currentPage": 1.0}
	for k, v := range want {
		if got := at(info, k); got != v {
			t.Errorf("pageInfo.%s: got %v; want %v (only hasNextPage is exact, as on AniList)", k, got, v)
		}
	}
	a = post(t, s, "", `{ Page(perPage: 10) { pageInfo { total lastPage hasNextPage } media(search: "no such title at all") { id } } }`, nil).ok(t)
	if got := at(a.Data, "Page", "pageInfo", "total"); got != 0.0 {
		t.Errorf("empty list: total %v; want 0", got)
	}
}

func TestIntVariables(t *testing.T) {
	t.Parallel()
	s := shared()
	const q = `query ($id: Int) { Media(id: $id) { id } }`
	tests := []struct {
		id   any
		want string
	}{
		{"154587", `Variable "$id" got invalid value "154587"; Int cannot represent non-integer value: "154587"`},
		{json.Number("154587.0"), `Variable "$id" got invalid value 154587.0; Int cannot represent non-integer value: 154587.0`},
		{json.Number("4294967296"), `Variable "$id" got invalid value 4294967296; Int cannot represent non 32-bit signed integer value: 4294967296`},
	}
	for _, tt := range tests {
		a := post(t, s, "", q, map[string]any{"id": tt.id})
		if a.Status != http.StatusBadRequest || a.Data != nil || len(a.Errors) != 1 || a.Errors[0]["message"] != tt.want {
			t.Errorf("id %v: got %d %s; want 400 %q", tt.id, a.Status, a.Raw, tt.want)
		}
	}
	post(t, s, "", q, map[string]any{"id": 154587}).ok(t)
}

func TestKnownMalIDs(t *testing.T) {
	t.Parallel()
	a := post(t, shared(), "", `{ anime: Media(idMal: 52991, type: ANIME) { id } manga: Media(idMal: 126287, type: MANGA) { id } }`, nil).ok(t)
	if at(a.Data, "anime", "id") != 154587.0 || at(a.Data, "manga", "id") != 118586.0 {
		t.Errorf("Frieren by idMal: got %s; want anime 154587 and manga 118586", a.Raw)
	}
}

package anilisttest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
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

// TestRateTimeout checks AniList's timeout after going over and the burst
// limiter through the server, with the recorded 429 body byte for byte.
func TestRateTimeout(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := t0
	set := func(d time.Duration) { mu.Lock(); now = t0.Add(d); mu.Unlock() }
	s := anilisttest.NewUnstartedServer()
	s.RateLimit, s.RateWindow, s.RateTimeout, s.Burst = 3, time.Minute, time.Minute, 2
	s.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s.Start()
	t.Cleanup(s.Close)
	steps := []struct {
		at         time.Duration
		status     int
		retryAfter string
		reset      time.Duration
	}{
		{0, 200, "", 0},
		{0, 200, "", 0},
		{500 * time.Millisecond, 429, "60", time.Minute}, // a third request in one second: the burst limiter
		{59 * time.Second, 429, "1", time.Minute},
		{60 * time.Second, 200, "", 0}, // a fresh window
		{62 * time.Second, 200, "", 0},
		{64 * time.Second, 200, "", 0},
		{70 * time.Second, 429, "60", 130 * time.Second}, // over RateLimit: a minute from now, past the window
		{125 * time.Second, 429, "5", 130 * time.Second},
		{130 * time.Second, 200, "", 0},
	}
	for i, st := range steps {
		set(st.at)
		a := post(t, s, "", ping, nil)
		if a.Status != st.status {
			t.Fatalf("step %d at +%v: got %d %s; want %d", i, st.at, a.Status, a.Raw, st.status)
		}
		if st.status != http.StatusTooManyRequests {
			continue
		}
		if got := string(a.Raw); got != `{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}` {
			t.Errorf("step %d: body %s", i, got)
		}
		reset := strconv.FormatInt(t0.Add(st.reset).Unix(), 10)
		if a.Header.Get("Retry-After") != st.retryAfter || a.Header.Get("X-RateLimit-Reset") != reset || a.Header.Get("X-RateLimit-Remaining") != "0" {
			t.Errorf("step %d at +%v: got Retry-After %q Reset %q Remaining %q; want %q %q 0", i, st.at,
				a.Header.Get("Retry-After"), a.Header.Get("X-RateLimit-Reset"), a.Header.Get("X-RateLimit-Remaining"), st.retryAfter, reset)
		}
	}
}

func TestPutValidates(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	tests := []struct {
		typ    string
		fields map[string]any
		want   string // in the error
	}{
		{"Media", map[string]any{"episodes": "12"}, `field episodes of Media: got string "12"; want Int`},
		{"Media", map[string]any{"type": "SERIES"}, "want a MediaType value"},
		{"Media", map[string]any{"title": "Frieren"}, "want an object (map[string]any) of type MediaTitle"},
		{"Media", map[string]any{"title": map[string]any{"romanji": "x"}}, `MediaTitle has no field "title.romanji"`},
		{"Media", map[string]any{"genres": "Drama"}, "want a list of String"},
		{"Media", map[string]any{"averageScore": 8.5}, "field averageScore of Media: got float64 8.5; want Int"},
		{"MediaList", map[string]any{"mediaId": "1"}, "want Int"},
		{"Character", map[string]any{"nickname": "x"}, `Character has no field "nickname"`},
	}
	for _, tt := range tests {
		err := s.Put(tt.typ, 999100, tt.fields)
		var se *anilisttest.ShapeError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Put %s %v: got %v; want a *ShapeError with %q", tt.typ, tt.fields, err, tt.want)
		}
	}
	if s.Get("Media", 999100) != nil {
		t.Error("a refused Put stored the record")
	}
	// What AniList derives is derived.
	if err := s.Put("Character", 999101, map[string]any{"name": map[string]any{"first": "Aoi", "last": "Tanaka"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Put("Media", 999102, map[string]any{"type": "MANGA", "title": map[string]any{"romaji": "Mine"}}); err != nil {
		t.Fatal(err)
	}
	a := post(t, s, "", `{ Character(id: 999101) { name { full userPreferred } siteUrl }
		Media(id: 999102) { title { userPreferred } siteUrl } }`, nil).ok(t)
	want := `{"data":{"Character":{"name":{"full":"Aoi Tanaka","userPreferred":"Aoi Tanaka"},"siteUrl":"https://anilist.co/character/999101"},` +
		`"Media":{"title":{"userPreferred":"Mine"},"siteUrl":"https://anilist.co/manga/999102"}}}`
	if string(a.Raw) != want {
		t.Errorf("derived fields:\ngot  %s\nwant %s", a.Raw, want)
	}
}

func TestOverrideScopeAndTypes(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	err := s.Override("Query.Media", func(args, _ map[string]any, _ int) (any, error) {
		return map[string]any{"id": args["id"], "title": map[string]any{"romaji": "Scripted"}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	a := post(t, s, "", `{ Media(id: 1) { title { romaji } } Page { media(id: 1) { title { romaji } } } }`, nil).ok(t)
	if at(a.Data, "Media", "title", "romaji") != "Scripted" || at(a.Data, "Page", "media", 0, "title", "romaji") != "Cowboy Bebop" {
		t.Errorf("Override of Query.Media is documented to change the root field only; got %s", a.Raw)
	}
	for name, answer := range map[string]any{
		"struct":      struct{ ID int }{1},
		"unknown key": map[string]any{"titel": "x"},
		"wrong type":  map[string]any{"episodes": "12"},
	} {
		if err := s.Override("Query.Media", func(map[string]any, map[string]any, int) (any, error) { return answer, nil }); err != nil {
			t.Fatal(err)
		}
		a := post(t, s, "", `{ Media(id: 1) { id } }`, nil)
		if a.Status != http.StatusInternalServerError || len(a.Errors) != 1 ||
			!strings.HasPrefix(fmt.Sprint(a.Errors[0]["message"]), "anilisttest: Override Query.Media:") {
			t.Errorf("%s: got %d %s; want a 500 naming the override", name, a.Status, a.Raw)
		}
	}
}

// TestSubscriptionsPerViewer checks that subscribing is one viewer's act:
// the others do not see it.
func TestSubscriptionsPerViewer(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	other, viewer := s.Token(7), s.ViewerToken()
	post(t, s, other, `mutation { ToggleActivitySubscription(activityId: 1, subscribe: true) { ... on TextActivity { id } } }`, nil).ok(t)
	post(t, s, other, `mutation { ToggleThreadSubscription(threadId: 1, subscribe: true) { id } }`, nil).ok(t)
	const q = `{ Activity(id: 1) { ... on TextActivity { isSubscribed } } Thread(id: 1) { isSubscribed } }`
	for _, tt := range []struct {
		who, token string
		want       bool
	}{{"user 7", other, true}, {"the demo viewer", viewer, false}, {"no token", "", false}} {
		a := post(t, s, tt.token, q, nil).ok(t)
		if at(a.Data, "Activity", "isSubscribed") != tt.want || at(a.Data, "Thread", "isSubscribed") != tt.want {
			t.Errorf("%s: got %s; want isSubscribed %v", tt.who, a.Raw, tt.want)
		}
	}
}

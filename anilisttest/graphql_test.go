package anilisttest_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"

	"github.com/google/go-cmp/cmp"
)

// TestOperationShapes covers the GraphQL language features real clients use:
// Apollo-style global fragments, the docs' anonymous queries, aliases,
// unions with inline and named fragments, variables with defaults and
// @include/@skip.
func TestOperationShapes(t *testing.T) {
	t.Parallel()
	s := fresh(t) // one case is a mutation
	viewer := s.ViewerToken()
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  string
	}{
		{"aliases and selection order", `{ b: Media(id: 1) { t: title { romaji } id } a: Media(id: 154587) { id } }`, nil,
			`{"data":{"b":{"t":{"romaji":"Cowboy Bebop"},"id":1},"a":{"id":154587}}}`},
		{"named fragments", `query Q($id: Int) { Media(id: $id) { ...M } }
			fragment M on Media { id ...T }
			fragment T on Media { title { english } }`, map[string]any{"id": 154587},
			`{"data":{"Media":{"id":154587,"title":{"english":"Frieren: Beyond Journey's End"}}}}`},
		{"variable defaults", `query ($id: Int = 1, $type: MediaType = ANIME) { Media(id: $id, type: $type) { id type } }`, nil,
			`{"data":{"Media":{"id":1,"type":"ANIME"}}}`},
		{"include and skip", `query ($yes: Boolean = true, $no: Boolean = false) { Media(id: 1) {
			id @skip(if: $yes) format @include(if: $yes) type @include(if: $no) ... @include(if: $yes) { episodes } } }`, nil,
			`{"data":{"Media":{"format":"TV","episodes":26}}}`},
		{"union inline fragments", `{ Page(perPage: 3) { activities(userId: 1, sort: ID) { __typename
			... on TextActivity { id text } ... on ListActivity { id status } } } }`, nil, ``},
		{"union typename only", `{ Activity(id: 1) { __typename } }`, nil, `{"data":{"Activity":{"__typename":"TextActivity"}}}`},
		{"likeable union", `{ Page(perPage: 1) { likes(likeableId: 1, type: ACTIVITY) { id } } }`, nil, ``},
		{"typename at root", `{ __typename }`, nil, `{"data":{"__typename":"Query"}}`},
		{"anonymous query with required variables and aliased field arguments",
			`query ($id: Int!, $media: Int!) { Page { mediaList(userId: $id, type: ANIME, mediaId: $media) {
			id scoreRaw: score(format: POINT_100) score(format: POINT_5) media { id } } } }`, map[string]any{"id": 1, "media": 154587},
			`{"data":{"Page":{"mediaList":[{"id":290,"scoreRaw":0,"score":0,"media":{"id":154587}}]}}}`},
		{"list variable with an enum default and a fragment after the operation",
			`query Chars($perPage: Int = 2, $sort: [CharacterSort] = [FAVOURITES_DESC]) {
			Page(perPage: $perPage) { characters(sort: $sort) { ...C } } } fragment C on Character { id favourites }`, nil,
			`{"data":{"Page":{"characters":[{"id":176754,"favourites":60000},{"id":120311,"favourites":49927}]}}}`},
		{"anonymous mutation with an input object variable",
			`mutation ($mediaId: Int, $start: FuzzyDateInput) { SaveMediaListEntry(mediaId: $mediaId, startedAt: $start) {
			startedAt { year month day } } }`, map[string]any{"mediaId": 5114, "start": map[string]any{"year": 2024, "month": 2, "day": 3}},
			`{"data":{"SaveMediaListEntry":{"startedAt":{"year":2024,"month":2,"day":3}}}}`},
		{"directives on fragments", `query { Media(id: 1) { ... on Media @include(if: true) { id } ...F @skip(if: true) } }
			fragment F on Media { format }`, nil, `{"data":{"Media":{"id":1}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := post(t, s, viewer, tt.query, tt.vars).ok(t)
			if tt.want != "" && string(a.Raw) != tt.want {
				t.Errorf("got %s\nwant %s", a.Raw, tt.want)
			}
		})
	}
}

// TestNotificationUnion checks every NotificationUnion member the demo
// viewer has answers its own fields through fragments.
func TestNotificationUnion(t *testing.T) {
	t.Parallel()
	s := shared()
	a := post(t, s, s.ViewerToken(), `{ Page(perPage: 50) { notifications {
		__typename
		... on AiringNotification { episode media { id } }
		... on FollowingNotification { user { name } }
		... on ActivityLikeNotification { activityId user { id } }
		... on ThreadCommentReplyNotification { commentId }
		... on MediaDeletionNotification { deletedMediaTitle }
	} } }`, nil).ok(t)
	seen := map[string]bool{}
	for _, n := range at(a.Data, "Page", "notifications").([]any) {
		seen[at(n, "__typename").(string)] = true
		if at(n, "__typename") == "AiringNotification" && at(n, "media", "id") != 154587.0 {
			t.Errorf("got airing media %v; want 154587", at(n, "media", "id"))
		}
	}
	if len(seen) < 15 {
		t.Errorf("got %d notification types; want every union member (%v)", len(seen), seen)
	}
}

// TestErrors checks AniList's error shapes and HTTP statuses.
func TestErrors(t *testing.T) {
	t.Parallel()
	s := shared()
	tests := []struct {
		name   string
		token  string
		query  string
		status int
		want   string
	}{
		{"unknown field", "", "{\n  Media(id: 1) {\n    nonexistentField\n  }\n}", 400,
			`{"data":null,"errors":[{"message":"Cannot query field \"nonexistentField\" on type \"Media\".","status":400,"locations":[{"line":3,"column":5}]}]}`},
		{"not found keeps partial data", "", "{\n  User(name: \"nobody-here\") { id }\n  Media(id: 1) { id }\n}", 404,
			`{"errors":[{"message":"Not Found.","status":404,"locations":[{"line":2,"column":3}]}],"data":{"User":null,"Media":{"id":1}}}`},
		{"viewer without token", "", "{\n  Viewer { id }\n}", 401,
			`{"errors":[{"message":"Unauthorized.","status":401,"locations":[{"line":2,"column":3}]}],"data":{"Viewer":null}}`},
		{"mutation without token", "", "mutation {\n  ToggleFollow(userId: 2) { id }\n}", 401,
			`{"errors":[{"message":"Unauthorized.","status":401,"locations":[{"line":2,"column":3}]}],"data":{"ToggleFollow":null}}`},
		{"bad token", "not-a-jwt", "{\n  MediaListCollection(userId: 1, type: ANIME) { hasNextChunk }\n}", 400,
			`{"errors":[{"message":"Invalid token","status":400,"locations":[{"line":2,"column":3}]}],"data":{"MediaListCollection":null}}`},
		{"markdown needs a token", "", "{\n  Markdown(markdown: \"hi\") { html }\n}", 401,
			`{"errors":[{"message":"Unauthorized.","status":401,"locations":[{"line":2,"column":3}]}],"data":{"Markdown":null}}`},
		{"validation", s.ViewerToken(), "mutation {\n  SaveMediaListEntry(mediaId: 999999999, score: 101, notes: \"" + strings.Repeat("x", 6001) + "\") { id }\n}", 400,
			`{"data":null,"errors":[{"message":"validation","status":400,"locations":[{"line":2,"column":3}],"validation":{"mediaId":["The selected media id is invalid."],"notes":["The notes may not be greater than 6000 characters."],"score":["The score may not be greater than 100."]}}]}`},
		{"bad variable", "", `query($id: Int) { Media(id: $id) { id } }`, 400, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			vars := map[string]any(nil)
			if tt.name == "bad variable" {
				vars = map[string]any{"id": "one"}
			}
			a := post(t, s, tt.token, tt.query, vars)
			if a.Status != tt.status {
				t.Errorf("got status %d; want %d", a.Status, tt.status)
			}
			if tt.want != "" && string(a.Raw) != tt.want {
				t.Errorf("got  %s\nwant %s", a.Raw, tt.want)
			}
			if len(a.Errors) == 0 {
				t.Errorf("got no errors in %s", a.Raw)
			}
		})
	}
}

// TestHTTP checks method, body and routing errors.
func TestHTTP(t *testing.T) {
	t.Parallel()
	s := shared()
	tests := []struct {
		method, path, body string
		status             int
	}{
		{http.MethodGet, "/", "", http.StatusMethodNotAllowed},
		{http.MethodPost, "/", "{", http.StatusBadRequest},
		{http.MethodPost, "/", `{"query":""}`, http.StatusBadRequest},
		{http.MethodPost, "/nowhere", `{"query":"{__typename}"}`, http.StatusNotFound},
		{http.MethodPost, "/", `{"query":"query A {__typename} query B {__typename}"}`, http.StatusBadRequest},
		{http.MethodPost, "/", `{"query":"query A {__typename} query B {__typename}","operationName":"B"}`, http.StatusOK},
		{http.MethodPost, "/", `{"query":"query ($id: Int) { Media(id: $id) { id } }","variables":"{\"id\":1}"}`, http.StatusOK},
		{http.MethodPost, "/", `{"query":"{__typename}","variables":[1]}`, http.StatusBadRequest},
		{http.MethodPost, "/form", "query=query+%28%24id%3A+Int%29+%7B+Media%28id%3A+%24id%29+%7B+id+%7D+%7D&variables=%7B%22id%22%3A1%7D", http.StatusOK},
	}
	for _, tt := range tests {
		path := tt.path
		if path == "/form" {
			path = "/"
		}
		req, err := http.NewRequestWithContext(t.Context(), tt.method, s.URL+path, strings.NewReader(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		if tt.path == "/form" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s %s: got %d; want %d", tt.method, tt.path, tt.body, resp.StatusCode, tt.status)
		}
		if got := resp.Header.Get("Content-Type"); got != "application/json" {
			t.Errorf("%s %s: got Content-Type %q; want application/json", tt.method, tt.path, got)
		}
	}
}

// TestExpiredToken checks tokens past their one-year lifetime, and tokens
// another server signed, answer "Invalid token".
func TestExpiredToken(t *testing.T) {
	t.Parallel()
	var clock atomic.Int64
	clock.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
	s := anilisttest.NewUnstartedServer()
	s.Now = func() time.Time { return time.Unix(clock.Load(), 0) }
	s.Start()
	t.Cleanup(s.Close)
	tok := s.ViewerToken()
	if a := post(t, s, tok, `{Viewer{id}}`, nil); a.Status != 200 {
		t.Fatalf("fresh token: got %d %s; want 200", a.Status, a.Raw)
	}
	want := []map[string]any{{"message": "Invalid token", "status": 400.0,
		"locations": []any{map[string]any{"line": 1.0, "column": 2.0}}}}
	a := post(t, fresh(t), tok, `{Viewer{id}}`, nil)
	if diff := cmp.Diff(want, a.Errors); diff != "" || a.Status != 400 {
		t.Errorf("foreign token: got %d; errors diff (-want +got):\n%s", a.Status, diff)
	}
	clock.Add(366 * 24 * 3600)
	a = post(t, s, tok, `{Viewer{id}}`, nil)
	if diff := cmp.Diff(want, a.Errors); diff != "" || a.Status != 400 {
		t.Errorf("expired token: got %d; errors diff (-want +got):\n%s", a.Status, diff)
	}
}

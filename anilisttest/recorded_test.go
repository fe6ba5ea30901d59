package anilisttest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
	"github.com/google/go-cmp/cmp"
)

// TestRecordedShapes pins the emulator's error answers to AniList's own,
// byte for byte (key order included) and with the same HTTP status. The
// wanted bodies are the ones AniList's documentation (errors.md,
// rate-limiting.md, considerations.md) and users' pasted raw answers show,
// compacted; the queries are laid out so the locations line up with them.
func TestRecordedShapes(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		setup  func(t *testing.T, s *anilisttest.Server) // before the request
		token  func(s *anilisttest.Server) string
		query  string
		status int
		want   string
		header map[string]string
	}{
		{
			name: "unknown field", query: "{\n  MediaList(userId: 1, mediaId: 154587) {\n    id\n    nonexistentField\n  }\n}", status: 400,
			want: `{"data":null,"errors":[{"message":"Cannot query field \"nonexistentField\" on type \"MediaList\".","status":400,"locations":[{"line":4,"column":5}]}]}`,
		},
		{
			name: "mutation input validation", token: (*anilisttest.Server).ViewerToken,
			query: "mutation {\n  SaveMediaListEntry(id: 999999999, score: 101) { id status }\n}", status: 400,
			want: `{"data":null,"errors":[{"message":"validation","status":400,"locations":[{"line":2,"column":3}],"validation":{"id":["The selected id is invalid."],"score":["The score may not be greater than 100."]}}]}`,
		},
		{
			name: "invalid token keeps the root fields", token: func(*anilisttest.Server) string { return "expired.or.forged" },
			query: "query {\n  MediaListCollection(userId: 1, type: ANIME) { lists { name } }\n}", status: 400,
			want: `{"errors":[{"message":"Invalid token","status":400,"locations":[{"line":2,"column":3}]}],"data":{"MediaListCollection":null}}`,
		},
		{
			name: "not found keeps partial data", query: "query {\n  User(name: \"nobody-by-this-name\") { id name }\n}", status: 404,
			want: `{"errors":[{"message":"Not Found.","status":404,"locations":[{"line":2,"column":3}]}],"data":{"User":null}}`,
		},
		{
			name: "rate limited", query: ping, status: 429,
			setup: func(t *testing.T, s *anilisttest.Server) {
				for range anilisttest.DefaultRateLimit {
					serve(t, s, "", ping)
				}
			},
			want: `{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}`,
			header: map[string]string{"Retry-After": "60", "X-RateLimit-Limit": "90", "X-RateLimit-Remaining": "0",
				"X-RateLimit-Reset": strconv.FormatInt(start.Add(time.Minute).Unix(), 10)},
		},
		{
			name: "API disabled", query: ping, status: 403, setup: func(_ *testing.T, s *anilisttest.Server) { s.DisableAPI(1) },
			want: `{"errors":[{"message":"The AniList API has been temporarily disabled due to severe stability issues. Please check the official AniList Discord for more information.","status":403,"locations":[{"line":1,"column":1}]}],"data":null}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := anilisttest.NewUnstartedServer()
			s.Now = func() time.Time { return start }
			if tt.setup != nil {
				tt.setup(t, s)
			}
			token := ""
			if tt.token != nil {
				token = tt.token(s)
			}
			resp, body := serve(t, s, token, tt.query)
			if resp.StatusCode != tt.status {
				t.Errorf("got status %d; want %d", resp.StatusCode, tt.status)
			}
			if got := string(body); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			got := map[string]string{"Content-Type": resp.Header.Get("Content-Type")}
			want := map[string]string{"Content-Type": "application/json"}
			for k, v := range tt.header {
				got[k], want[k] = resp.Header.Get(k), v
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
		})
	}
}

// serve sends one GraphQL query through s's in-process transport.
func serve(t *testing.T, s *anilisttest.Server, token, query string) (*http.Response, []byte) {
	t.Helper()
	body, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://graphql.anilist.co", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.Transport().RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	if _, err := out.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp, out.Bytes()
}

package anilisttest_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

var fuzzHandler = sync.OnceValue(func() http.Handler {
	s := anilisttest.NewUnstartedServer()
	s.RateLimit = 1 << 30
	return s.Handler()
})

// FuzzGraphQL sends arbitrary request bodies to the emulator in-process.
// Every answer must be JSON in AniList's shape and never a 500.
//
//	go test -run '^$' -fuzz FuzzGraphQL ./anilisttest/
func FuzzGraphQL(f *testing.F) {
	for _, q := range append(loadQueries,
		`{"query":"{ Media(id: 1) { id title { romaji } characters { edges { role node { name { full } } } } } }"}`,
		`{"query":"{ Page { activities { __typename ... on ListActivity { media { id } } } } }"}`,
		`{"query":"mutation { SaveMediaListEntry(mediaId: 1, score: 5) { id } }"}`,
		`{"query":"{ __schema { types { name fields { name } } } }"}`,
		`{"query":"query ($x: Int = 3) { Media(id: $x) @skip(if: false) { id } }","variables":{"x":"3"}}`,
		`{"query":"{`, `null`, `{"query":5}`) {
		f.Add(q)
	}
	h := fuzzHandler()
	f.Fuzz(func(t *testing.T, body string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)))
		if rec.Code == http.StatusInternalServerError {
			t.Fatalf("got 500 for %q: %s", body, rec.Body)
		}
		var out struct {
			Errors []struct {
				Message string `json:"message"`
				Status  int    `json:"status"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("answer is not JSON for %q: %v", body, err)
		}
		for _, e := range out.Errors {
			if e.Message == "" || e.Status == 0 {
				t.Errorf("got error %+v without message or status", e)
			}
		}
	})
}

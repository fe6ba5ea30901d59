package anilisttest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

// cardBatch is n aliased Media lookups of 35 complexity each: AniList
// answered fifteen with "got 525" and took fourteen.
func cardBatch(n int) string {
	var b strings.Builder
	b.WriteString("query {\n")
	for i := range n {
		fmt.Fprintf(&b, "  a%d: Media(id: 154587) { id isAdult title { romaji english native } coverImage { extraLarge large } bannerImage description format type status genres episodes averageScore season seasonYear startDate { year month day } nextAiringEpisode { episode airingAt } studios(isMain: true) { edges { isMain node { name } } } trailer { id site } }\n", i)
	}
	b.WriteString("}")
	return b.String()
}

// TestMaxComplexity answers an operation over the limit with AniList's exact
// status and body, and the one under it with data.
func TestMaxComplexity(t *testing.T) {
	t.Parallel()
	s := shared()
	a := post(t, s, "", cardBatch(15), nil)
	want := `{"errors":[{"message":"Max query complexity should be 500 but got 525.","status":400}],"data":null}`
	if a.Status != http.StatusBadRequest || string(a.Raw) != want {
		t.Errorf("15 aliases: got %d %s; want 400 %s", a.Status, a.Raw, want)
	}
	if a := post(t, s, "", cardBatch(14), nil).ok(t); at(a.Data, "a13", "id") == nil {
		t.Errorf("14 aliases: no a13 in %s", a.Raw)
	}
}

// TestMaxComplexityVariables scores with the request's variables, as AniList
// does: an @include that is off costs nothing.
func TestMaxComplexityVariables(t *testing.T) {
	t.Parallel()
	s := shared()
	q := strings.Replace(cardBatch(15), "query {", "query Q($full: Boolean!) {", 1)
	q = strings.ReplaceAll(q, "trailer { id site }", "trailer @include(if: $full) { id site }")
	if a := post(t, s, "", q, map[string]any{"full": true}); a.Status != http.StatusBadRequest {
		t.Errorf("full: got %d %s; want 400", a.Status, a.Raw)
	}
	post(t, s, "", q, map[string]any{"full": false}).ok(t) // 15 * 32 = 480
}

// TestMaxComplexityOption moves or disables the limit.
func TestMaxComplexityOption(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		limit  int
		query  string
		status int
		body   string
	}{
		{0, cardBatch(20), http.StatusOK, ""},
		{100, cardBatch(3), http.StatusBadRequest, `{"errors":[{"message":"Max query complexity should be 100 but got 105.","status":400}],"data":null}`},
	} {
		s := anilisttest.NewUnstartedServer()
		s.MaxComplexity = tt.limit
		s.Start()
		a := post(t, s, "", tt.query, nil)
		if a.Status != tt.status || (tt.body != "" && string(a.Raw) != tt.body) {
			t.Errorf("MaxComplexity %d: got %d %.200s; want %d %s", tt.limit, a.Status, a.Raw, tt.status, tt.body)
		}
		s.Close()
	}
}

// TestDeepNestingAnswers500 answers the nesting of AniList/docs#132 as
// AniList does.
func TestDeepNestingAnswers500(t *testing.T) {
	t.Parallel()
	q := `query GetStaffCharacters($id: Int!) { Staff(id: $id) { characters(perPage: 5) { ...StaffCharacters } } }
fragment StaffCharacters on CharacterConnection { edges { node { name { first last } media(perPage: 25) { pageInfo { total } edges { characterRole node { id } } } } } }`
	a := post(t, shared(), "", q, map[string]any{"id": 95015})
	want := `{"data":{"Staff":null},"errors":[{"message":"Internal Server Error","status":500}]}`
	if a.Status != http.StatusInternalServerError || string(a.Raw) != want {
		t.Errorf("got %d %s; want 500 %s", a.Status, a.Raw, want)
	}
}

// TestMaxComplexityAfterStartPanics is the options freeze: the field is
// read when the server starts.
func TestMaxComplexityAfterStartPanics(t *testing.T) {
	t.Parallel()
	s := anilisttest.NewServer()
	s.MaxComplexity = 1
	defer func() {
		if recover() == nil {
			t.Error("Close did not panic after MaxComplexity changed")
		}
	}()
	s.Close()
}

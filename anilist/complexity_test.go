package anilist_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/Khan/genqlient/graphql"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/cost"
)

// cardBatch is n aliased Media lookups of 35 complexity each (AniList
// answered fifteen with "got 525"); with include, the trailer (3 of the 35)
// is under @include(if: $full).
func cardBatch(n int, include bool) string {
	trailer := "trailer { id site }"
	head := "query Cards {\n"
	if include {
		trailer = "trailer @include(if: $full) { id site }"
		head = "query Cards($full: Boolean!) {\n"
	}
	var b strings.Builder
	b.WriteString(head)
	for i := range n {
		fmt.Fprintf(&b, "  a%d: Media(id: 154587) { id isAdult title { romaji english native } coverImage { extraLarge large } bannerImage description format type status genres episodes averageScore season seasonYear startDate { year month day } nextAiringEpisode { episode airingAt } studios(isMain: true) { edges { isMain node { name } } } %s }\n", i, trailer)
	}
	b.WriteString("}")
	return b.String()
}

// raw sends query through c with vars, decoding nothing.
func raw(ctx context.Context, c graphql.Client, op, query string, vars any) error {
	var data map[string]any
	return c.MakeRequest(ctx, &graphql.Request{OpName: op, Query: query, Variables: vars}, &graphql.Response{Data: &data})
}

// TestComplexityBeforeSending fails a request over the limit before it is
// sent, with the estimate.
func TestComplexityBeforeSending(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	for _, tt := range []struct {
		name  string
		limit int
		query string
		vars  any
		cost  int
		sent  bool
	}{
		{"15 aliases", 0, cardBatch(15, false), nil, 525, false},
		{"14 aliases", 0, cardBatch(14, false), nil, 490, true},
		{"a lower limit", 100, cardBatch(3, false), nil, 105, false},
		{"checks off", -1, cardBatch(3, false), nil, 105, true},
		{"@include on, from typed variables", 0, cardBatch(15, true), struct {
			Full bool `json:"full"`
		}{true}, 525, false},
		{"@include off, from typed variables", 0, cardBatch(15, true), struct {
			Full bool `json:"full"`
		}{false}, 480, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ct := new(countingTransport)
			c, err := anilist.NewClient(httpClient(ct), &anilist.Options{Endpoint: srv.URL, MaxComplexity: tt.limit})
			if err != nil {
				t.Fatal(err)
			}
			err = raw(t.Context(), c, "Cards", tt.query, tt.vars)
			var ce *anilist.ComplexityError
			if tt.sent {
				if err != nil || ct.n.Load() != 1 {
					t.Errorf("got %v after %d requests; want it sent and answered", err, ct.n.Load())
				}
				return
			}
			limit := tt.limit
			if limit == 0 {
				limit = cost.Limit
			}
			if !errors.As(err, &ce) || ce.Cost != tt.cost || ce.Limit != limit || ce.Op != "Cards" || ce.Err != nil {
				t.Fatalf("got %#v (%v); want a ComplexityError of %d over %d", ce, err, tt.cost, limit)
			}
			if ct.n.Load() != 0 {
				t.Errorf("%d requests reached the server; want none", ct.n.Load())
			}
		})
	}
}

// TestComplexityFromAniList turns AniList's 400 into the same error, with
// the response error inside.
func TestComplexityFromAniList(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	c := emulatorClient(t, srv, "", anilist.Options{MaxComplexity: -1})
	err := raw(t.Context(), c, "Cards", cardBatch(15, false), nil)
	var ce *anilist.ComplexityError
	var re *anilist.ResponseError
	if !errors.As(err, &ce) || ce.Cost != 525 || ce.Limit != 500 || !errors.As(err, &re) || re.StatusCode != 400 {
		t.Fatalf("got %v; want a ComplexityError of 525 over 500 around AniList's 400", err)
	}
	if !strings.Contains(err.Error(), "525") || !strings.Contains(err.Error(), "answered by AniList") {
		t.Errorf("Error() = %q", err)
	}
}

// saberrEntry is the list update of Saberr-app/Saberr#12: 17 complexity
// per alias, 38 of them "got 646".
var saberrEntry = anilist.AliasBatch{
	Name:      "SaveEntries",
	Mutation:  true,
	Field:     "SaveMediaListEntry(mediaId: $v, status: CURRENT)",
	Type:      "Int",
	Selection: `{ ...entry }`,
	Fragments: `fragment entry on MediaList { id mediaId status progress score(format: POINT_100)
  completedAt { year month day } startedAt { year month day } private notes repeat }`,
}

// TestAliased sends 40 list updates in two requests (29 + 11) that each stay
// under the emulator's limit, which would refuse them as one.
func TestAliased(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	ct := new(countingTransport)
	c, err := anilist.NewClient(httpClient(bearerCounting{srv.ViewerToken(), ct}), &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int, 40)
	for i := range ids {
		ids[i] = 100001 + 3*i
	}
	type entry struct {
		MediaID int    `json:"mediaId"`
		Status  string `json:"status"`
	}
	got, err := anilist.Aliased[*entry](t.Context(), c, saberrEntry, ids)
	if err != nil {
		t.Fatal(err)
	}
	if ct.n.Load() != 2 {
		t.Errorf("%d requests; want 2 (29 + 11 aliases at 17 each)", ct.n.Load())
	}
	for i, id := range ids {
		if got[i] == nil || got[i].MediaID != id || got[i].Status != "CURRENT" {
			t.Errorf("results[%d] = %+v; want media %d CURRENT", i, got[i], id)
		}
	}
}

// TestAliasedRefuses fails before sending: a root with a list filter, and
// an alias alone over the limit.
func TestAliasedRefuses(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	ct := new(countingTransport)
	c, err := anilist.NewClient(httpClient(ct), &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	byID := anilist.AliasBatch{Name: "Titles", Field: "Media(id: $v, type: ANIME)", Type: "Int", Selection: "{ id }"}
	if _, err := anilist.Aliased[map[string]any](t.Context(), c, byID, []int{1, 2}); !errors.Is(err, anilist.ErrListFilter) {
		t.Errorf("Media(id:) by aliases: %v; want ErrListFilter", err)
	}
	small := saberrEntry
	small.MaxComplexity = 10
	var ce *anilist.ComplexityError
	if _, err := anilist.Aliased[map[string]any](t.Context(), c, small, []int{1}); !errors.As(err, &ce) || ce.Cost != 17 || ce.Limit != 10 {
		t.Errorf("17 per alias over a limit of 10: %v; want a ComplexityError", err)
	}
	bySearch := anilist.AliasBatch{Name: "Find", Field: "Page(perPage: 1)", Type: "String",
		Selection: "{ media(search: $v, type: ANIME) { id } }"}
	got, err := anilist.Aliased[struct{ Media []struct{ ID int } }](t.Context(), c, bySearch, []string{"Frieren", "Bebop"})
	if err != nil || len(got) != 2 {
		t.Errorf("search by aliases: %v, %v; want two answers", got, err)
	}
	if ct.n.Load() != 1 {
		t.Errorf("%d requests; want only the search's", ct.n.Load())
	}
}

// TestByIDsComplexity fails a ByIDs whose selection alone is over the limit
// before any request: id_in costs the same for 1 id as for 50, so no split
// would help.
func TestByIDsComplexity(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	ct := new(countingTransport)
	c, err := anilist.NewClient(httpClient(ct), &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var sel strings.Builder
	for i := range 130 {
		fmt.Fprintf(&sel, "t%d: title { romaji english native } ", i)
	}
	query := "query Big($ids: [Int]) { Page(perPage: 50) { media(id_in: $ids) { id " + sel.String() + "} } }"
	fetch := func(ctx context.Context, ids []int) ([]map[string]any, error) {
		return nil, raw(ctx, c, "Big", query, map[string]any{"ids": ids})
	}
	_, _, err = anilist.ByIDs(t.Context(), []int{1, 2, 3}, fetch, func(m map[string]any) int { return 0 })
	var ce *anilist.ComplexityError
	if !errors.As(err, &ce) || ce.Cost != 523 {
		t.Errorf("got %v; want a ComplexityError of 523", err)
	}
	if ct.n.Load() != 0 {
		t.Errorf("%d requests; want none", ct.n.Load())
	}
}

func httpClient(rt http.RoundTripper) *http.Client { return &http.Client{Transport: rt} }

// bearerCounting signs requests with token and counts them in ct.
type bearerCounting struct {
	token string
	ct    *countingTransport
}

func (b bearerCounting) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.ct.RoundTrip(r)
}

package anilist_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/Khan/genqlient/graphql"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
)

// Search many titles in as few requests as AniList's complexity limit
// allows: one aliased Page per title, 6 complexity each, so up to 83 in a
// request.
func ExampleAliased() {
	srv := anilisttest.NewServer()
	defer srv.Close()
	client, err := anilist.NewClient(nil, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	search := anilist.AliasBatch{
		Name:      "SearchTitles",
		Field:     "Page(perPage: 1)",
		Type:      "String",
		Selection: "{ media(search: $v, type: ANIME) { id title { romaji english } } }",
	}
	type page struct {
		Media []struct {
			ID    int `json:"id"`
			Title struct {
				Romaji string `json:"romaji"`
			} `json:"title"`
		} `json:"media"`
	}
	found, err := anilist.Aliased[page](context.Background(), client, search, []string{"Frieren", "Cowboy Bebop"})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range found {
		fmt.Println(p.Media[0].ID, p.Media[0].Title.Romaji)
	}

	// Media(id:) has a list filter, Page.media(id_in:): use ByIDs.
	byID := anilist.AliasBatch{Name: "Titles", Field: "Media(id: $v)", Type: "Int", Selection: "{ id }"}
	_, err = anilist.Aliased[page](context.Background(), client, byID, []int{1, 5})
	fmt.Println(errors.Is(err, anilist.ErrListFilter))
	// Output:
	// 154587 Sousou no Frieren
	// 1 Cowboy Bebop
	// true
}

// A request over AniList's limit fails before it is sent, with its cost:
// here 50 aliases at 11 each.
func ExampleComplexityError() {
	srv := anilisttest.NewServer()
	defer srv.Close()
	client, err := anilist.NewClient(http.DefaultClient, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	var q strings.Builder
	q.WriteString("query Mapping {")
	for i := range 50 {
		fmt.Fprintf(&q, " a%d: Media(id: %d) { id idMal format genres title { romaji english native } startDate { year } }", i, i+1)
	}
	q.WriteString(" }")
	var data map[string]any
	err = client.MakeRequest(context.Background(), &graphql.Request{OpName: "Mapping", Query: q.String()}, &graphql.Response{Data: &data})
	var ce *anilist.ComplexityError
	if errors.As(err, &ce) {
		fmt.Println(ce.Op, ce.Cost, ce.Limit, ce.Err == nil)
	}
	// Output: Mapping 550 500 true
}

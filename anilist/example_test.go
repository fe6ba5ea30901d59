package anilist_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

// The examples run against the offline emulator; against AniList, leave
// Options.Endpoint empty and pass the *http.Client from package auth (or nil
// for public data).

func ExampleNewClient() {
	srv := anilisttest.NewServer()
	defer srv.Close()

	client, err := anilist.NewClient(nil, &anilist.Options{
		Endpoint: srv.URL,
		OnWait: func(w anilist.Wait) {
			log.Printf("%s: %s, waiting %s", w.Op, w.Reason, w.Delay)
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	data, err := generated.MediaByID(context.Background(), client, 154587, nil)
	if err != nil {
		log.Fatal(err)
	}
	m := data.Media
	fmt.Println(*m.Title.Romaji, *m.SeasonYear, *m.Episodes)
	fmt.Println("limit per minute:", client.Rate().Limit)
	// Output:
	// Sousou no Frieren 2023 28
	// limit per minute: 90
}

func ExampleResponseError() {
	srv := anilisttest.NewServer()
	defer srv.Close()
	client, err := anilist.NewClient(nil, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	_, err = generated.MediaByID(ctx, client, 987654321, nil)
	var re *anilist.ResponseError
	switch {
	case errors.Is(err, anilist.ErrNotFound) && errors.As(err, &re):
		fmt.Println("not found: HTTP", re.StatusCode, re.Errors[0].Message)
	case err != nil:
		log.Fatal(err)
	}

	_, err = generated.Viewer(ctx, client) // needs a logged-in client
	fmt.Println(errors.Is(err, anilist.ErrUnauthorized))

	srv.DisableAPI(1)
	_, err = generated.MediaByID(ctx, client, 1, nil)
	fmt.Println(errors.Is(err, anilist.ErrAPIDisabled))
	// Output:
	// not found: HTTP 404 Not Found.
	// true
	// true
}

func ExamplePages() {
	srv := anilisttest.NewServer()
	defer srv.Close()
	client, err := anilist.NewClient(nil, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	search, manga := "ONE PIECE", generated.MediaTypeManga
	fetch := func(ctx context.Context, page, perPage int) ([]*generated.MediaFields, bool, error) {
		d, err := generated.SearchMedia(ctx, client, &search, &manga, &page, &perPage, nil, nil)
		if err != nil || d.Page == nil {
			return nil, false, err
		}
		return d.Page.Media, *d.Page.PageInfo.HasNextPage, nil
	}
	for m, err := range anilist.Pages(context.Background(), anilist.MaxPerPage, fetch) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.Id, *m.Title.Romaji)
	}
	// Output:
	// 30013 ONE PIECE
}

func ExampleChunks() {
	srv := anilisttest.NewServer()
	defer srv.Close()
	client, err := anilist.NewClient(nil, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	user, requests := anilisttest.DemoUserID, 0
	fetch := func(ctx context.Context, chunk, perChunk int) ([]*generated.MediaListGroupEntry, bool, error) {
		requests++
		d, err := generated.MediaListCollection(ctx, client, &user, nil, generated.MediaTypeAnime, &chunk, &perChunk, nil)
		if err != nil || d.MediaListCollection == nil {
			return nil, false, err
		}
		var entries []*generated.MediaListGroupEntry
		for _, l := range d.MediaListCollection.Lists {
			entries = append(entries, l.Entries...)
		}
		return entries, *d.MediaListCollection.HasNextChunk, nil
	}
	completed := 0
	for e, err := range anilist.Chunks(context.Background(), anilist.MaxPerChunk, fetch) {
		if err != nil {
			log.Fatal(err)
		}
		if *e.Status == generated.MediaListStatusCompleted {
			completed++
		}
	}
	fmt.Println(completed, "anime completed, fetched in", requests, "requests")
	// Output:
	// 227 anime completed, fetched in 2 requests
}

func ExampleByIDs() {
	srv := anilisttest.NewServer()
	defer srv.Close()
	client, err := anilist.NewClient(nil, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	fetch := func(ctx context.Context, ids []int) ([]*generated.MediaFields, error) {
		d, err := generated.MediaByIDs(ctx, client, ids, nil, nil)
		if err != nil || d.Page == nil {
			return nil, err
		}
		return d.Page.Media, nil
	}
	id := func(m *generated.MediaFields) int { return m.Id }
	media, missing, err := anilist.ByIDs(context.Background(), []int{9253, 1, 404404404, 21}, fetch, id)
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range media {
		if m != nil {
			fmt.Println(m.Id, *m.Title.English)
		}
	}
	fmt.Println("missing:", missing)
	// Output:
	// 9253 Steins;Gate
	// 1 Cowboy Bebop
	// 21 ONE PIECE
	// missing: [404404404]
}

func ExampleWithDriftReport() {
	// A server that answers with a notification kind AniList added after
	// the code was generated.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"data":{"Page":{"pageInfo":{"hasNextPage":false},"notifications":[
			{"__typename":"FollowingNotification","id":1,"userId":2,"context":" started following you."},
			{"__typename":"WatchPartyInviteNotification","id":2}]}}}`)
	}))
	defer srv.Close()
	client, err := anilist.NewClient(nil, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}

	ctx, drift := anilist.WithDriftReport(context.Background())
	data, err := generated.Notifications(ctx, client, nil, nil, nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("notifications:", len(data.Page.Notifications))
	for _, u := range drift.Items() {
		fmt.Println("dropped", u.TypeName, "at", u.Path)
	}
	// Output:
	// notifications: 1
	// dropped WatchPartyInviteNotification at data.Page.notifications[1]
}

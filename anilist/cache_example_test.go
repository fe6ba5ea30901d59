package anilist_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

func ExampleWithFetchPolicy() {
	srv := anilisttest.NewServer()
	defer srv.Close()

	client, err := anilist.NewClient(nil, &anilist.Options{
		Endpoint: srv.URL,
		Cache:    anilist.NewMemoryCache(64 << 20),
		CacheOps: map[string]anilist.CacheRule{
			"GenreCollection": {Policy: anilist.CacheFirst, TTL: 24 * time.Hour},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	for range 2 {
		var info anilist.CacheInfo
		ctx := anilist.WithCacheInfo(context.Background(), &info)
		genres, err := generated.GenreCollection(ctx, client)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(len(genres.GenreCollection) > 10, "from cache:", info.Hit)
	}

	// Per call: CacheFirst for this lookup only.
	ctx := anilist.WithFetchPolicy(context.Background(), anilist.CacheFirst)
	for range 2 {
		var info anilist.CacheInfo
		d, err := generated.MediaByID(anilist.WithCacheInfo(ctx, &info), client, 1, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*d.Media.Title.Romaji, "from cache:", info.Hit)
	}
	// Output:
	// true from cache: false
	// true from cache: true
	// Cowboy Bebop from cache: false
	// Cowboy Bebop from cache: true
}

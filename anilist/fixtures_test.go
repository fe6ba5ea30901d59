package anilist_test

import (
	"encoding/json"
	"fmt"
)

// The fixtures are generated, deterministic AniList-shaped responses for the
// operations the tests and benchmarks call. Strings carry escapes and
// non-ASCII text so that the decoders are compared on more than plain ASCII.

type obj = map[string]any

var (
	formats  = []string{"TV", "MOVIE", "OVA", "ONA", "TV_SHORT", "SPECIAL"}
	statuses = []string{"FINISHED", "RELEASING", "NOT_YET_RELEASED", "CANCELLED", "HIATUS"}
	seasons  = []string{"WINTER", "SPRING", "SUMMER", "FALL"}
	genres   = []string{"Action", "Adventure", "Comedy", "Drama", "Fantasy", "Romance", "Sci-Fi", "Slice of Life"}
	listSt   = []string{"CURRENT", "PLANNING", "COMPLETED", "DROPPED", "PAUSED", "REPEATING"}
)

// orNull returns v, or nil for every k-th i.
func orNull(i, k int, v any) any {
	if i%k == 0 {
		return nil
	}
	return v
}

// media returns one Media with the MediaFields selection.
func media(i int) obj {
	id := 1000 + i*7
	return obj{
		"id":    id,
		"idMal": orNull(i, 9, id-3),
		"title": obj{
			"romaji":        fmt.Sprintf("Shingeki no Kyojin %d: \"Kanketsu-hen\"", i),
			"english":       orNull(i, 4, fmt.Sprintf("Attack on Titan %d – The Final Chapters", i)),
			"native":        fmt.Sprintf("進撃の巨人 %d 完結編", i),
			"userPreferred": fmt.Sprintf("Shingeki no Kyojin %d", i),
		},
		"type":         "ANIME",
		"format":       formats[i%len(formats)],
		"status":       statuses[i%len(statuses)],
		"episodes":     orNull(i, 5, 12+i%13),
		"chapters":     nil,
		"volumes":      nil,
		"season":       seasons[i%len(seasons)],
		"seasonYear":   2000 + i%26,
		"averageScore": 60 + i%40,
		"popularity":   100000 + i*1234,
		"genres":       []string{genres[i%8], genres[(i+3)%8], genres[(i+5)%8]},
		"coverImage": obj{
			"large":  fmt.Sprintf("https://s4.anilist.co/file/anilistcdn/media/anime/cover/medium/bx%d-AbCdEfGh.jpg", id),
			"medium": fmt.Sprintf("https://s4.anilist.co/file/anilistcdn/media/anime/cover/small/bx%d-AbCdEfGh.jpg", id),
			"color":  orNull(i, 3, "#e4a15d"),
		},
		"siteUrl":   fmt.Sprintf("https://anilist.co/anime/%d", id),
		"isAdult":   false,
		"startDate": obj{"year": 2000 + i%26, "month": orNull(i, 6, 1+i%12), "day": orNull(i, 6, 1+i%28)},
	}
}

// searchMediaBody is a SearchMedia response: a Page of n media.
func searchMediaBody(n int, hasNext bool) []byte {
	items := make([]obj, n)
	for i := range items {
		items[i] = media(i + 1)
	}
	return mustJSON(obj{"data": obj{"Page": obj{
		"pageInfo": obj{"hasNextPage": hasNext, "currentPage": 1},
		"media":    items,
	}}})
}

// entry returns one MediaListGroupEntry.
func entry(i int) obj {
	date := func(k int) any {
		if i%k == 0 {
			return obj{"year": nil, "month": nil, "day": nil}
		}
		return obj{"year": 2010 + i%15, "month": 1 + i%12, "day": 1 + i%28}
	}
	return obj{
		"id": 5000000 + i, "mediaId": 1000 + i, "userId": 42,
		"status": listSt[i%len(listSt)], "score": float64(i%100) / 10,
		"progress": i % 25, "progressVolumes": orNull(i, 2, i%10), "repeat": i % 3,
		"priority": i % 5, "private": i%11 == 0,
		"notes":                 orNull(i, 3, fmt.Sprintf("rewatch with friends \\o/ — ep %d «best»\nline two", i)),
		"hiddenFromStatusLists": false, "startedAt": date(4), "completedAt": date(3),
		"updatedAt": 1700000000 + i*60, "createdAt": 1600000000 + i*60,
		"media": obj{
			"id": 1000 + i, "title": obj{"userPreferred": fmt.Sprintf("Series «%d» 第%d期", i, i%4)},
			"episodes": orNull(i, 7, 12), "chapters": nil, "format": formats[i%len(formats)],
		},
	}
}

// listCollectionBody is a MediaListCollection response with n entries
// spread over the six status lists.
func listCollectionBody(n int) []byte {
	lists := make([]obj, len(listSt))
	for g := range lists {
		var entries []obj
		for i := g; i < n; i += len(listSt) {
			entries = append(entries, entry(i))
		}
		lists[g] = obj{"name": listSt[g], "isCustomList": false, "isSplitCompletedList": false,
			"status": listSt[g], "entries": entries}
	}
	return mustJSON(obj{"data": obj{"MediaListCollection": obj{
		"hasNextChunk": false, "user": obj{"id": 42, "name": "Josh"}, "lists": lists,
	}}})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

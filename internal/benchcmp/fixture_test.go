package benchcmp

import (
	"encoding/json"
	"fmt"
)

// The fixture is the same generated MediaListCollection response as in
// package anilist's tests: entries with the MediaListEntryFields selection
// and a small media object, spread over the six status lists.

type obj = map[string]any

var (
	formats = []string{"TV", "MOVIE", "OVA", "ONA", "TV_SHORT", "SPECIAL"}
	listSt  = []string{"CURRENT", "PLANNING", "COMPLETED", "DROPPED", "PAUSED", "REPEATING"}
)

func orNull(i, k int, v any) any {
	if i%k == 0 {
		return nil
	}
	return v
}

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
	b, err := json.Marshal(obj{"data": obj{"MediaListCollection": obj{
		"hasNextChunk": false, "user": obj{"id": 42, "name": "Josh"}, "lists": lists,
	}}})
	if err != nil {
		panic(err)
	}
	return b
}

package anilisttest_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestQueryRoots runs one operation per root field and checks one value.
func TestQueryRoots(t *testing.T) {
	t.Parallel()
	s := shared()
	viewer := s.ViewerToken()
	tests := []struct {
		name  string
		auth  bool
		query string
		vars  map[string]any
		path  []any
		want  any
	}{
		{"Media by id", false, `query($id:Int){Media(id:$id){id title{romaji english} episodes season seasonYear format type}}`,
			map[string]any{"id": 154587}, []any{"Media", "title", "english"}, "Frieren: Beyond Journey's End"},
		{"Media search", false, `{Media(search:"Frieren", type:ANIME){id}}`, nil, []any{"Media", "id"}, 154587.0},
		{"Media search ranks popular first", false, `{Media(search:"frieren"){id}}`, nil, []any{"Media", "id"}, 154587.0},
		{"Media episodes", false, `{Media(id:154587){episodes season seasonYear format}}`, nil, []any{"Media"},
			map[string]any{"episodes": 28.0, "season": "FALL", "seasonYear": 2023.0, "format": "TV"}},
		{"Media type mismatch", false, `{Media(id:154587, type:MANGA){id}}`, nil, []any{"Media"}, nil},
		{"Page media filters", false, `{Page(perPage:5){media(type:ANIME, genre_in:["Fantasy"], id_in:[154587,1,5114], sort:ID){id}}}`, nil,
			[]any{"Page", "media"}, []any{map[string]any{"id": 5114.0}, map[string]any{"id": 154587.0}}},
		{"Page media not_in", false, `{Page(perPage:2){media(id_not_in:[1], sort:[ID]){id}}}`, nil,
			[]any{"Page", "media", 0, "id"}, 21.0},
		{"Page pageInfo", false, `{Page(page:2, perPage:10){pageInfo{currentPage perPage hasNextPage} media(type:MANGA){id}}}`, nil,
			[]any{"Page", "pageInfo"}, map[string]any{"currentPage": 2.0, "perPage": 10.0, "hasNextPage": true}},
		{"Page perPage capped", false, `{Page(perPage:500){pageInfo{perPage} characters{id}}}`, nil,
			[]any{"Page", "pageInfo", "perPage"}, 50.0},
		{"Page depth limit", false, `{Page(page:101, perPage:50){media{id}}}`, nil, []any{"Page", "media"}, []any{}},
		{"Page characters", false, `{Page{characters(search:"Frieren"){name{full}}}}`, nil, []any{"Page", "characters", 0, "name", "full"}, "Frieren"},
		{"Page staff", false, `{Page(perPage:1){staff(sort:ID){id}}}`, nil, []any{"Page", "staff", 0, "id"}, 95000.0},
		{"Page studios", false, `{Page(perPage:1){studios(search:"Madhouse"){name}}}`, nil, []any{"Page", "studios", 0, "name"}, "Madhouse"},
		{"Page users", false, `{Page{users(search:"DemoUser"){id}}}`, nil, []any{"Page", "users", 0, "id"}, 1.0},
		{"Page mediaList", false, `{Page{mediaList(userId:1, mediaId:154587){status progress}}}`, nil,
			[]any{"Page", "mediaList", 0}, map[string]any{"status": "CURRENT", "progress": 10.0}},
		{"Page airingSchedules", false, `{Page(perPage:1){airingSchedules(notYetAired:true, sort:TIME){episode media{type}}}}`, nil,
			[]any{"Page", "airingSchedules", 0, "media", "type"}, "ANIME"},
		{"Page followers", false, `{Page{followers(userId:1){id}}}`, nil, []any{"Page", "followers", 0, "id"}, 2.0},
		{"Page following", false, `{Page{following(userId:1, sort:ID){id}}}`, nil, []any{"Page", "following", 0, "id"}, 2.0},
		{"Page activities", false, `{Page(perPage:1){activities(userId:1, type:TEXT){... on TextActivity{userId type}}}}`, nil,
			[]any{"Page", "activities", 0}, map[string]any{"userId": 1.0, "type": "TEXT"}},
		{"Page reviews", false, `{Page(perPage:1){reviews(mediaId:154587){media{id}}}}`, nil, []any{"Page", "reviews", 0, "media", "id"}, 154587.0},
		{"Page recommendations", false, `{Page(perPage:1){recommendations(sort:ID){id}}}`, nil, []any{"Page", "recommendations", 0, "id"}, 1.0},
		{"Page threads", false, `{Page(perPage:1){threads(sort:ID){id title}}}`, nil, []any{"Page", "threads", 0, "title"}, "Discussion thread 1"},
		{"Page threadComments", false, `{Page(perPage:1){threadComments(sort:ID){id}}}`, nil, []any{"Page", "threadComments", 0, "id"}, 1.0},
		{"Page notifications", true, `{Page(perPage:1){notifications{__typename}}}`, nil, []any{"Page", "notifications", 0, "__typename"}, "AiringNotification"},
		{"MediaList", false, `{MediaList(userId:1, mediaId:154587){media{id} user{name}}}`, nil, []any{"MediaList", "user", "name"}, "DemoUser"},
		{"User by name", false, `{User(name:"DemoUser"){id name}}`, nil, []any{"User", "id"}, 1.0},
		{"User favourites", false, `{User(id:1){favourites{anime(perPage:1){nodes{id}}}}}`, nil,
			[]any{"User", "favourites", "anime", "nodes", 0, "id"}, 154587.0},
		{"User statistics", false, `{User(id:1){statistics{anime{count}}}}`, nil, []any{"User", "statistics", "anime", "count"}, 640.0},
		{"Viewer", true, `{Viewer{id name unreadNotificationCount}}`, nil, []any{"Viewer", "name"}, "DemoUser"},
		{"Character", false, `{Character(id:176754){name{full} media{edges{characterRole node{id}}}}}`, nil,
			[]any{"Character", "media", "edges", 0}, map[string]any{"characterRole": "MAIN", "node": map[string]any{"id": 154587.0}}},
		{"Staff", false, `{Staff(id:95000){id staffMedia(perPage:1){pageInfo{perPage}}}}`, nil, []any{"Staff", "id"}, 95000.0},
		{"Studio", false, `{Studio(search:"Madhouse"){id name}}`, nil, []any{"Studio", "name"}, "Madhouse"},
		{"AiringSchedule", false, `{AiringSchedule(id:1){id episode}}`, nil, []any{"AiringSchedule", "episode"}, 1.0},
		{"Activity", false, `{Activity(id:1){__typename ... on TextActivity{id}}}`, nil, []any{"Activity", "__typename"}, "TextActivity"},
		{"Notification", true, `{Notification(type:AIRING){... on AiringNotification{episode media{id}}}}`, nil,
			[]any{"Notification", "media", "id"}, 154587.0},
		{"Recommendation", false, `{Recommendation(id:1){id}}`, nil, []any{"Recommendation", "id"}, 1.0},
		{"Review", false, `{Review(id:1){media{id} user{id}}}`, nil, []any{"Review", "media", "id"}, 154587.0},
		{"Thread", false, `{Thread(id:1){id}}`, nil, []any{"Thread", "id"}, 1.0},
		{"ThreadComment", false, `{ThreadComment(id:1){id}}`, nil, []any{"ThreadComment", 0, "id"}, 1.0},
		{"GenreCollection", false, `{GenreCollection}`, nil, []any{"GenreCollection", 0}, "Action"},
		{"MediaTagCollection", false, `{MediaTagCollection{name category}}`, nil, []any{"MediaTagCollection", 0, "name"}, "Shounen"},
		{"SiteStatistics", false, `{SiteStatistics{anime{nodes{count}}}}`, nil, []any{"SiteStatistics", "anime", "nodes", 0, "count"}, 1020.0},
		{"Follower", false, `{Follower(userId:1){id}}`, nil, []any{"Follower", "id"}, 2.0},
		{"Following", false, `{Following(userId:1){id}}`, nil, []any{"Following", "id"}, 2.0},
		{"mediaListEntry with auth", true, `{Media(id:154587){mediaListEntry{status}}}`, nil, []any{"Media", "mediaListEntry", "status"}, "CURRENT"},
		{"mediaListEntry without auth", false, `{Media(id:154587){mediaListEntry{status}}}`, nil, []any{"Media", "mediaListEntry"}, nil},
		{"MediaTrend", false, `{MediaTrend(mediaId:154587, sort:DATE_DESC){mediaId media{id}}}`, nil, []any{"MediaTrend", "media", "id"}, 154587.0},
		{"Page mediaTrends", false, `{Page(perPage:1){mediaTrends(mediaId:154587){mediaId}}}`, nil, []any{"Page", "mediaTrends", 0, "mediaId"}, 154587.0},
		{"Media trends", false, `{Media(id:154587){trends(perPage:2){nodes{date}}}}`, nil, []any{"Media", "trends", "nodes", 1, "date"}, 1767139200.0},
		{"Like", false, `{Like(likeableId:1, type:ACTIVITY){id}}`, nil, []any{"Like", "id"}, 30.0},
		{"Markdown", true, `{Markdown(markdown:"a <b>\n\nc"){html}}`, nil, []any{"Markdown", "html"}, "<p>a &lt;b&gt;</p><p>c</p>"},
		{"ExternalLinkSourceCollection", false, `{ExternalLinkSourceCollection(type:STREAMING, mediaType:MANGA){site}}`, nil,
			[]any{"ExternalLinkSourceCollection"}, []any{map[string]any{"site": "Crunchyroll"}, map[string]any{"site": "Manga Plus"}}},
		{"ActivityReply", false, `{ActivityReply(id:1){id activityId}}`, nil, []any{"ActivityReply", "id"}, 1.0},
		{"Media connections", false, `{Media(id:154587){studios(isMain:true){edges{isMain node{name}}} relations{edges{relationType(version: 2) node{type}}}}}`, nil,
			[]any{"Media", "relations", "edges", 0}, map[string]any{"relationType": "SOURCE", "node": map[string]any{"type": "MANGA"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			token := ""
			if tt.auth {
				token = viewer
			}
			a := post(t, s, token, tt.query, tt.vars)
			if tt.name == "Media type mismatch" {
				if a.Status != 404 {
					t.Fatalf("got status %d; want 404", a.Status)
				}
			} else {
				a.ok(t)
			}
			if diff := cmp.Diff(tt.want, at(a.Data, tt.path...)); diff != "" {
				t.Errorf("%v mismatch (-want +got):\n%s\nbody: %.600s", tt.path, diff, a.Raw)
			}
		})
	}
}

// TestMediaListCollectionChunks pages the demo viewer's 640-entry anime list
// in chunks of 500.
func TestMediaListCollectionChunks(t *testing.T) {
	t.Parallel()
	s := shared()
	const q = `query($chunk:Int){MediaListCollection(userId:1, type:ANIME, chunk:$chunk, perChunk:500){hasNextChunk lists{name isCustomList entries{id}}}}`
	count := func(d map[string]any) int {
		n := 0
		for _, l := range at(d, "MediaListCollection", "lists").([]any) {
			if at(l, "isCustomList") == false {
				n += len(at(l, "entries").([]any))
			}
		}
		return n
	}
	tests := []struct {
		chunk, entries int
		next           bool
	}{{1, 500, true}, {2, 140, false}, {3, 0, false}}
	for _, tt := range tests {
		d := post(t, s, "", q, map[string]any{"chunk": tt.chunk}).ok(t).Data
		if got := at(d, "MediaListCollection", "hasNextChunk"); got != tt.next {
			t.Errorf("chunk %d: got hasNextChunk %v; want %v", tt.chunk, got, tt.next)
		}
		if got := count(d); got != tt.entries {
			t.Errorf("chunk %d: got %d entries; want %d", tt.chunk, got, tt.entries)
		}
	}
}

package anilisttest_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMutations runs each mutation on a fresh server, then a later query
// that must see its effect.
func TestMutations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		mutation string
		vars     map[string]any
		query    string
		path     []any
		want     any
	}{
		{"SaveMediaListEntry create", `mutation($m:Int,$s:MediaListStatus){SaveMediaListEntry(mediaId:$m,status:$s,score:85,notes:"hi",startedAt:{year:2024,month:1,day:2}){id status}}`,
			map[string]any{"m": 1, "s": "CURRENT"}, `{MediaList(userId:1, mediaId:1){status score notes startedAt{year month day}}}`,
			[]any{"MediaList"}, map[string]any{"status": "CURRENT", "score": 85.0, "notes": "hi",
				"startedAt": map[string]any{"year": 2024.0, "month": 1.0, "day": 2.0}}},
		{"SaveMediaListEntry update by id", `mutation{SaveMediaListEntry(id:290, status:COMPLETED){id}}`, nil,
			`{MediaList(id:290){status progress}}`, []any{"MediaList"}, map[string]any{"status": "COMPLETED", "progress": 28.0}},
		{"UpdateMediaListEntries", `mutation{UpdateMediaListEntries(ids:[1,2], private:true){id private}}`, nil,
			`{MediaList(id:2){private}}`, []any{"MediaList", "private"}, true},
		{"DeleteMediaListEntry", `mutation{DeleteMediaListEntry(id:290){deleted}}`, nil,
			`{Media(id:154587){mediaListEntry{id}}}`, []any{"Media", "mediaListEntry"}, nil},
		{"ToggleFavourite", `mutation{ToggleFavourite(animeId:1){anime{nodes{id}}}}`, nil,
			`{Media(id:1){isFavourite}}`, []any{"Media", "isFavourite"}, true},
		{"ToggleFavourite off", `mutation{ToggleFavourite(characterId:176754){characters{nodes{id}}}}`, nil,
			`{Character(id:176754){isFavourite}}`, []any{"Character", "isFavourite"}, false},
		{"UpdateFavouriteOrder", `mutation{UpdateFavouriteOrder(animeIds:[154587], animeOrder:[99]){anime{nodes{id}}}}`, nil,
			`{Viewer{favourites{anime{edges{favouriteOrder node{id}}}}}}`, []any{"Viewer", "favourites", "anime", "edges", 11, "node", "id"}, 154587.0},
		{"ToggleFollow", `mutation{ToggleFollow(userId:40){id isFollowing}}`, nil,
			`{User(id:40){isFollowing}}`, []any{"User", "isFollowing"}, true},
		{"ToggleLike", `mutation{ToggleLike(id:1, type:ACTIVITY){id}}`, nil,
			`{Activity(id:1){... on TextActivity{isLiked}}}`, []any{"Activity", "isLiked"}, true},
		{"ToggleLikeV2", `mutation{ToggleLikeV2(id:1, type:THREAD){... on Thread{likeCount}}}`, nil,
			`{Thread(id:1){likeCount isLiked}}`, []any{"Thread"}, map[string]any{"likeCount": 1.0, "isLiked": true}},
		{"SaveTextActivity", `mutation{SaveTextActivity(text:"Hello, emulator!"){id}}`, nil,
			`{Page{activities(userId:1, type:TEXT, sort:ID_DESC){... on TextActivity{text}}}}`, []any{"Page", "activities", 0, "text"}, "Hello, emulator!"},
		{"SaveActivityReply", `mutation{SaveActivityReply(activityId:1, text:"Nice post"){id}}`, nil,
			`{Activity(id:1){... on TextActivity{replies{text}}}}`, []any{"Activity", "replies", -1}, nil},
		{"DeleteActivity", `mutation{DeleteActivity(id:1){deleted}}`, nil,
			`{Page{activities(id:1){__typename}}}`, []any{"Page", "activities"}, []any{}},
		{"UpdateUser", `mutation{UpdateUser(about:"new bio", titleLanguage:ENGLISH, scoreFormat:POINT_10){id}}`, nil,
			`{Viewer{about options{titleLanguage} mediaListOptions{scoreFormat}}}`, []any{"Viewer"},
			map[string]any{"about": "new bio", "options": map[string]any{"titleLanguage": "ENGLISH"}, "mediaListOptions": map[string]any{"scoreFormat": "POINT_10"}}},
		{"SaveReview", `mutation($b:String){SaveReview(mediaId:1, body:$b, summary:"A fine space western.", score:90){id}}`,
			map[string]any{"b": strings.Repeat("Long review text. ", 200)},
			`{Page{reviews(mediaId:1, userId:1){score summary}}}`, []any{"Page", "reviews", 0}, map[string]any{"score": 90.0, "summary": "A fine space western."}},
		{"RateReview", `mutation{RateReview(reviewId:1, rating:UP_VOTE){id}}`, nil,
			`{Review(id:1){userRating}}`, []any{"Review", "userRating"}, "UP_VOTE"},
		{"SaveRecommendation", `mutation{SaveRecommendation(mediaId:1, mediaRecommendationId:154587, rating:RATE_UP){id}}`, nil,
			`{Page{recommendations(mediaId:1, mediaRecommendationId:154587){rating userRating mediaRecommendation{id}}}}`, []any{"Page", "recommendations", 0},
			map[string]any{"rating": 1.0, "userRating": "RATE_UP", "mediaRecommendation": map[string]any{"id": 154587.0}}},
		{"SaveMessageActivity", `mutation{SaveMessageActivity(recipientId:2, message:"Hi there"){id}}`, nil,
			`{Page{activities(messengerId:1){... on MessageActivity{message recipient{id}}}}}`, []any{"Page", "activities", 0},
			map[string]any{"message": "Hi there", "recipient": map[string]any{"id": 2.0}}},
		{"ToggleActivityPin", `mutation{ToggleActivityPin(id:1, pinned:true){... on TextActivity{id}}}`, nil,
			`{Activity(id:1){... on TextActivity{isPinned}}}`, []any{"Activity", "isPinned"}, true},
		{"ToggleActivitySubscription", `mutation{ToggleActivitySubscription(activityId:1, subscribe:true){... on TextActivity{id}}}`, nil,
			`{Activity(id:1){... on TextActivity{isSubscribed}}}`, []any{"Activity", "isSubscribed"}, true},
		{"SaveThread", `mutation{SaveThread(title:"Emulated thread", body:"Body text", categories:[1], mediaCategories:[154587]){id}}`, nil,
			`{Thread(search:"Emulated"){title categories{id} mediaCategories{id} user{id}}}`, []any{"Thread"},
			map[string]any{"title": "Emulated thread", "categories": []any{map[string]any{"id": 1.0}},
				"mediaCategories": []any{map[string]any{"id": 154587.0}}, "user": map[string]any{"id": 1.0}}},
		{"SaveThreadComment", `mutation{SaveThreadComment(threadId:1, comment:"First!"){id}}`, nil,
			`{Page{threadComments(threadId:1, userId:1, sort:ID_DESC){comment thread{id}}}}`, []any{"Page", "threadComments", 0},
			map[string]any{"comment": "First!", "thread": map[string]any{"id": 1.0}}},
		{"ToggleThreadSubscription", `mutation{ToggleThreadSubscription(threadId:2, subscribe:true){id}}`, nil,
			`{Thread(id:2){isSubscribed}}`, []any{"Thread", "isSubscribed"}, true},
		{"DeleteCustomList", `mutation{DeleteCustomList(customList:"Favourites Rewatch", type:ANIME){deleted}}`, nil,
			`{MediaListCollection(userId:1, type:ANIME){lists{isCustomList}}}`, []any{"MediaListCollection", "lists", 6}, nil},
		{"UpdateAniChartSettings", `mutation{UpdateAniChartSettings(theme:"dark")}`, nil,
			`{AniChartUser{settings user{id}}}`, []any{"AniChartUser"},
			map[string]any{"settings": map[string]any{"theme": "dark"}, "user": map[string]any{"id": 1.0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := fresh(t)
			tok := s.ViewerToken()
			post(t, s, tok, tt.mutation, tt.vars).ok(t)
			got := post(t, s, tok, tt.query, nil).ok(t).Data
			if tt.path[len(tt.path)-1] == -1 {
				list, _ := at(got, tt.path[:len(tt.path)-1]...).([]any)
				if len(list) == 0 || at(list[len(list)-1], "text") != "Nice post" {
					t.Errorf("got replies %v; want the new reply last", list)
				}
				return
			}
			if diff := cmp.Diff(tt.want, at(got, tt.path...)); diff != "" {
				t.Errorf("after %s (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}

// TestMutationValidation checks the per-argument validation map.
func TestMutationValidation(t *testing.T) {
	t.Parallel()
	s := shared()
	tok := s.ViewerToken()
	tests := []struct {
		mutation string
		want     map[string]any
	}{
		{`mutation{SaveMediaListEntry(mediaId:1, score:150, repeat:1001, priority:-1){id}}`, map[string]any{
			"score": []any{"The score may not be greater than 100."}, "repeat": []any{"The repeat may not be greater than 1000."},
			"priority": []any{"The priority must be at least 0."}}},
		{`mutation{SaveMediaListEntry(id:999999){id}}`, map[string]any{"id": []any{"The selected id is invalid."}}},
		{`mutation{SaveMediaListEntry(status:CURRENT){id}}`, map[string]any{"mediaId": []any{"The media id field is required when id is not present."}}},
		{`mutation{SaveTextActivity(text:"hey"){id}}`, map[string]any{"text": []any{"The text must be at least 5 characters."}}},
		{`mutation{ToggleFollow(userId:1){id}}`, map[string]any{"userId": []any{"The selected user id is invalid."}}},
		{`mutation{DeleteMediaListEntry(id:2000){deleted}}`, map[string]any{"id": []any{"The selected id is invalid."}}},
	}
	for _, tt := range tests {
		a := post(t, s, tok, tt.mutation, nil)
		if a.Status != 400 || len(a.Errors) != 1 {
			t.Fatalf("%s: got %d %s; want one 400 error", tt.mutation, a.Status, a.Raw)
		}
		if diff := cmp.Diff(tt.want, a.Errors[0]["validation"]); diff != "" || a.Errors[0]["message"] != "validation" {
			t.Errorf("%s: validation (-want +got):\n%s", tt.mutation, diff)
		}
	}
}

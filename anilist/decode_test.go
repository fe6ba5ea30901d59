package anilist_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/Khan/genqlient/graphql"
	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
	"github.com/google/go-cmp/cmp"
)

// notification returns one known NotificationUnion item.
func notification(i int) obj {
	if i%2 == 0 {
		return obj{"__typename": "AiringNotification", "id": i, "type": "AIRING", "animeId": 1000 + i,
			"episode": i % 24, "contexts": []string{"Episode ", " of ", " aired."}, "createdAt": 1700000000 + i,
			"media": obj{"id": 1000 + i, "type": "ANIME", "format": "TV", "title": obj{"userPreferred": "Frieren"},
				"coverImage": obj{"large": "https://s4.anilist.co/l.jpg", "medium": nil},
				"siteUrl":    "https://anilist.co/anime/154587", "isAdult": false}}
	}
	return obj{"__typename": "FollowingNotification", "id": i, "type": "FOLLOWING", "userId": 7 + i,
		"context": " started following you.", "createdAt": 1700000000 + i,
		"user": obj{"id": 7 + i, "name": "Josh", "avatar": obj{"large": "https://a/l.png", "medium": "https://a/m.png"},
			"siteUrl": "https://anilist.co/user/Josh"}}
}

// notificationsBody is a Notifications page of known items, with unknown
// ones (a kind added after the code was generated) at the given indexes.
func notificationsBody(n int, unknownAt ...int) []byte {
	items := make([]obj, n)
	for i := range items {
		items[i] = notification(i)
	}
	for _, i := range unknownAt {
		items[i] = obj{"__typename": "WatchPartyInviteNotification", "id": i, "context": "new kind"}
	}
	return mustJSON(obj{"data": obj{"Page": obj{
		"pageInfo": obj{"hasNextPage": false, "currentPage": 1}, "notifications": items,
	}}})
}

// serve starts a loopback server that answers every request with body.
func serve(t testing.TB, body []byte) *httptest.Server {
	t.Helper()
	length := strconv.Itoa(len(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", length)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// newLocalClient returns an anilist.Client for srv with pacing off (a local
// server has no rate limit to respect).
func newLocalClient(t testing.TB, srv *httptest.Server) *anilist.Client {
	t.Helper()
	c, err := anilist.NewClient(srv.Client(), &anilist.Options{Endpoint: srv.URL, DisableRateLimit: true})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDecoderMatchesEncodingJSON checks that anilist.Client, which decodes
// with goccy/go-json, fills the generated types exactly as genqlient's stock
// client (encoding/json) does, on every fixture. (decode_stock_test.go
// compares with genqlient's untouched output as well.)
func TestDecoderMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	type call func(ctx context.Context, c graphql.Client) (any, error)
	for _, tc := range []struct {
		name string
		body []byte
		call call
	}{
		{"SearchMedia page of 50", searchMediaBody(50, true), func(ctx context.Context, c graphql.Client) (any, error) {
			return generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
		}},
		{"empty page", searchMediaBody(0, false), func(ctx context.Context, c graphql.Client) (any, error) {
			return generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
		}},
		{"MediaListCollection of 600", listCollectionBody(600), func(ctx context.Context, c graphql.Client) (any, error) {
			return generated.MediaListCollection(ctx, c, nil, nil, generated.MediaTypeAnime, nil, nil, nil)
		}},
		{"Notifications", notificationsBody(25), func(ctx context.Context, c graphql.Client) (any, error) {
			return generated.Notifications(ctx, c, nil, nil, nil, nil)
		}},
		{"null data", []byte(`{"data":null}`), func(ctx context.Context, c graphql.Client) (any, error) {
			return generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := serve(t, tc.body)
			want, err := tc.call(t.Context(), graphql.NewClient(srv.URL, srv.Client()))
			if err != nil {
				t.Fatalf("stock client: %v", err)
			}
			got, err := tc.call(t.Context(), newLocalClient(t, srv))
			if err != nil {
				t.Fatalf("anilist client: %v", err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("anilist client vs encoding/json (-want +got):\n%s", d)
			}
		})
	}
}

// TestGeneratedUnionDrift runs the generated Notifications through a page
// that holds a notification kind the generated code does not know.
func TestGeneratedUnionDrift(t *testing.T) {
	t.Parallel()
	srv := serve(t, notificationsBody(6, 1, 4))
	if _, err := generated.Notifications(t.Context(), graphql.NewClient(srv.URL, srv.Client()), nil, nil, nil, nil); err == nil {
		t.Fatal("stock client: got nil; want genqlient's unexpected concrete type error (fixture does not drift)")
	}
	ctx, report := anilist.WithDriftReport(t.Context())
	data, err := generated.Notifications(ctx, newLocalClient(t, srv), nil, nil, nil, nil)
	if err != nil {
		t.Fatalf("got %v; want the known notifications", err)
	}
	var ids []int
	for _, n := range data.Page.Notifications {
		switch n := n.(type) {
		case *generated.NotificationFieldsAiringNotification:
			ids = append(ids, n.Id)
		case *generated.NotificationFieldsFollowingNotification:
			ids = append(ids, n.Id)
		default:
			t.Errorf("unexpected %T", n)
		}
	}
	if d := cmp.Diff([]int{0, 2, 3, 5}, ids); d != "" {
		t.Errorf("kept ids (-want +got):\n%s", d)
	}
	var paths []string
	for _, u := range report.Items() {
		paths = append(paths, fmt.Sprintf("%s %s %s", u.Op, u.TypeName, u.Path))
	}
	want := []string{
		"Notifications WatchPartyInviteNotification data.Page.notifications[1]",
		"Notifications WatchPartyInviteNotification data.Page.notifications[4]",
	}
	if d := cmp.Diff(want, paths); d != "" {
		t.Errorf("drift report (-want +got):\n%s", d)
	}
}

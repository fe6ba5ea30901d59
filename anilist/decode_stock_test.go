package anilist_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/Khan/genqlient/graphql"
	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
	"github.com/anigql/anigql/internal/shape"
	"github.com/anigql/anigql/internal/stockgen"
	"github.com/google/go-cmp/cmp"
)

// The generated package is genqlient's output post-processed for one-pass
// decoding (internal/genpost); internal/stockgen is genqlient's output for
// the same operations, untouched. The tests below decode every fixture
// through both paths, stock genqlient (graphql.NewClient, encoding/json,
// stockgen's UnmarshalJSON methods) and anilist.Client with the generated
// types, and compare the results field by field.

// stockCase is one fixture with the call that decodes it both ways.
type stockCase struct {
	name  string
	body  []byte
	stock func(context.Context, graphql.Client) (any, error)
	fast  func(context.Context, graphql.Client) (any, error)
}

func stockCases(t *testing.T) []stockCase {
	mediaByID, err := os.ReadFile("../generated/testdata/media_by_id.json")
	if err != nil {
		t.Fatal(err)
	}
	search := func(body []byte, name string) stockCase {
		return stockCase{name, body,
			func(ctx context.Context, c graphql.Client) (any, error) {
				return stockgen.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
			},
			func(ctx context.Context, c graphql.Client) (any, error) {
				return generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
			}}
	}
	return []stockCase{
		search(searchMediaBody(50, true), "SearchMedia page of 50"),
		search(searchMediaBody(0, false), "empty page"),
		search([]byte(`{"data":null}`), "null data"),
		{"MediaListCollection of 600", listCollectionBody(600),
			func(ctx context.Context, c graphql.Client) (any, error) {
				return stockgen.MediaListCollection(ctx, c, nil, nil, stockgen.MediaTypeAnime, nil, nil, nil)
			},
			func(ctx context.Context, c graphql.Client) (any, error) {
				return generated.MediaListCollection(ctx, c, nil, nil, generated.MediaTypeAnime, nil, nil, nil)
			}},
		{"MediaListCollection with null entries and media", []byte(`{"data":{"MediaListCollection":{"lists":[
			{"name":"x","entries":[null,{"id":1,"media":null,"startedAt":null},{"id":2,"Notes":"case","MEDIA":{"id":3}}]},null]}}}`),
			func(ctx context.Context, c graphql.Client) (any, error) {
				return stockgen.MediaListCollection(ctx, c, nil, nil, stockgen.MediaTypeAnime, nil, nil, nil)
			},
			func(ctx context.Context, c graphql.Client) (any, error) {
				return generated.MediaListCollection(ctx, c, nil, nil, generated.MediaTypeAnime, nil, nil, nil)
			}},
		{"MediaByID", mediaByID,
			func(ctx context.Context, c graphql.Client) (any, error) {
				return stockgen.MediaByID(ctx, c, 15125, nil)
			},
			func(ctx context.Context, c graphql.Client) (any, error) {
				return generated.MediaByID(ctx, c, 15125, nil)
			}},
		{"Notifications", notificationsBody(25),
			func(ctx context.Context, c graphql.Client) (any, error) {
				return stockgen.Notifications(ctx, c, nil, nil, nil, nil)
			},
			func(ctx context.Context, c graphql.Client) (any, error) {
				return generated.Notifications(ctx, c, nil, nil, nil, nil)
			}},
	}
}

// TestDecodeMatchesStockGenqlient checks that anilist.Client with the
// post-processed types fills exactly what stock genqlient fills, and that
// both marshal the results alike.
func TestDecodeMatchesStockGenqlient(t *testing.T) {
	t.Parallel()
	for _, tc := range stockCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := serve(t, tc.body)
			want, err := tc.stock(t.Context(), graphql.NewClient(srv.URL, srv.Client()))
			if err != nil {
				t.Fatalf("stock genqlient: %v", err)
			}
			got, err := tc.fast(t.Context(), newLocalClient(t, srv))
			if err != nil {
				t.Fatalf("anilist client: %v", err)
			}
			if d := cmp.Diff(shape.Of(want), shape.Of(got)); d != "" {
				t.Errorf("anigql vs stock genqlient (-stock +anigql):\n%s", d)
			}
			// The rewrite leaves genqlient's MarshalJSON and __premarshal
			// methods alone: the JSON the two write must agree too.
			wantJSON, err := json.Marshal(want)
			if err != nil {
				t.Fatalf("marshaling the stock result: %v", err)
			}
			gotJSON, err := json.Marshal(got)
			if err != nil {
				t.Fatalf("marshaling the anigql result: %v", err)
			}
			if d := cmp.Diff(string(wantJSON), string(gotJSON)); d != "" {
				t.Errorf("marshaled anigql vs stock genqlient (-stock +anigql):\n%s", d)
			}
		})
	}
}

// TestDecodeDriftMatchesStockGenqlient gives anilist.Client a page with
// notification kinds the generated code does not know, and checks that what
// it keeps is what stock genqlient decodes from the same page without them.
func TestDecodeDriftMatchesStockGenqlient(t *testing.T) {
	t.Parallel()
	unknown := []int{0, 3, 4, 9}
	drifted := notificationsBody(10, unknown...)
	srv := serve(t, drifted)
	got, err := generated.Notifications(t.Context(), newLocalClient(t, srv), nil, nil, nil, nil)
	if err != nil {
		t.Fatalf("anilist client: %v", err)
	}
	want := new(stockgen.NotificationsResponse)
	if err := json.Unmarshal(withoutItems(t, drifted, unknown), &graphql.Response{Data: want}); err != nil {
		t.Fatalf("stock genqlient on the page without the unknown items: %v", err)
	}
	if len(want.Page.Notifications) != 10-len(unknown) {
		t.Fatalf("expected page holds %d items; want %d", len(want.Page.Notifications), 10-len(unknown))
	}
	if d := cmp.Diff(shape.Of(want), shape.Of(got)); d != "" {
		t.Errorf("anigql vs stock genqlient (-stock +anigql):\n%s", d)
	}
}

// withoutItems removes the notifications at the given indexes from body.
func withoutItems(t *testing.T, body []byte, at []int) []byte {
	t.Helper()
	var tree struct {
		Data struct {
			Page struct {
				PageInfo      json.RawMessage   `json:"pageInfo"`
				Notifications []json.RawMessage `json:"notifications"`
			} `json:"Page"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &tree); err != nil {
		t.Fatal(err)
	}
	var kept []json.RawMessage
	for i, n := range tree.Data.Page.Notifications {
		if !slices.Contains(at, i) {
			kept = append(kept, n)
		}
	}
	tree.Data.Page.Notifications = kept
	return mustJSON(tree)
}

// TestDecodeRejectsWhatStockRejects checks that a body stock genqlient
// refuses for a flattened type (a value of the wrong JSON type inside an
// embedded fragment) is refused by the one-pass decoder too.
func TestDecodeRejectsWhatStockRejects(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`{"data":{"MediaListCollection":{"lists":[{"entries":[{"id":"seven"}]}]}}}`,
		`{"data":{"MediaListCollection":{"lists":[{"entries":[{"media":{"id":"x"}}]}]}}}`,
		`{"data":{"MediaListCollection":{"lists":[{"entries":[{"startedAt":[]}]}]}}}`,
		`{"data":{"MediaListCollection":{"lists":[{"entries":[7]}]}}}`,
	} {
		if err := json.Unmarshal([]byte(body), &graphql.Response{Data: new(stockgen.MediaListCollectionResponse)}); err == nil {
			t.Fatalf("stock genqlient accepts %s; the case tests nothing", body)
		}
		if err := anilist.Decode([]byte(body), new(generated.MediaListCollectionResponse)); err == nil {
			t.Errorf("anilist decodes %s; stock genqlient rejects it", body)
		}
	}
}

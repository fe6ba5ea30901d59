package generated_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/Khan/genqlient/graphql"
	"github.com/google/go-cmp/cmp"

	"github.com/anigql/anigql/generated"
)

// capture is a strict fake of graphql.anilist.co: it checks the request,
// records its body and answers with a fixture.
type capture struct {
	t       *testing.T
	fixture string
	body    []byte
}

func (c *capture) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		c.t.Errorf("got %s with Content-Type %q; want POST application/json", r.Method, r.Header.Get("Content-Type"))
	}
	c.body, _ = io.ReadAll(r.Body)
	data, err := os.ReadFile(filepath.Join("testdata", c.fixture))
	if err != nil {
		c.t.Error(err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

func serve(t *testing.T, fixture string) (graphql.Client, *capture) {
	t.Helper()
	c := &capture{t: t, fixture: fixture}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	return graphql.NewClient(srv.URL, srv.Client()), c
}

// variables decodes the "variables" object of a captured request body.
func variables(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var req struct {
		OperationName string         `json:"operationName"`
		Variables     map[string]any `json:"variables"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		t.Fatalf("request body %s: %v", body, err)
	}
	return req.Variables
}

func ptr[T any](v T) *T { return &v }

// TestUnsetArgumentsAreNotSent proves the optional-argument policy: a nil
// argument is left out of the request, while a set zero value (false, 0, "")
// is sent, because AniList treats `search: ""` and `id: 0` as real filters.
func TestUnsetArgumentsAreNotSent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(context.Context, graphql.Client) error
		want map[string]any
	}{
		{
			name: "only search",
			call: func(ctx context.Context, c graphql.Client) error {
				_, err := generated.SearchMedia(ctx, c, ptr("Frieren"), nil, nil, nil, nil, nil)
				return err
			},
			want: map[string]any{"search": "Frieren"},
		},
		{
			name: "zero values are sent when set",
			call: func(ctx context.Context, c graphql.Client) error {
				_, err := generated.SearchMedia(ctx, c, ptr(""), nil, ptr(1), nil, nil, ptr(false))
				return err
			},
			want: map[string]any{"search": "", "page": 1.0, "isAdult": false},
		},
		{
			name: "nothing set",
			call: func(ctx context.Context, c graphql.Client) error {
				_, err := generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
				return err
			},
			want: map[string]any{},
		},
		{
			name: "enum and list",
			call: func(ctx context.Context, c graphql.Client) error {
				anime := generated.MediaTypeAnime
				_, err := generated.SearchMedia(ctx, c, nil, &anime, nil, nil, []generated.MediaSort{generated.MediaSortScoreDesc}, nil)
				return err
			},
			want: map[string]any{"mediaType": "ANIME", "sort": []any{"SCORE_DESC"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, c := serve(t, "page_search.json")
			if err := tt.call(t.Context(), client); err != nil {
				t.Fatal(err)
			}
			got := variables(t, c.body)
			if got == nil {
				got = map[string]any{}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("variables sent (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMutationArgumentsAreNotSentWhenUnset(t *testing.T) {
	t.Parallel()
	client, c := serve(t, "save_media_list_entry.json")
	status := generated.MediaListStatusCurrent
	_, err := generated.SaveMediaListEntry(t.Context(), client, nil, ptr(1), &status, nil, nil, nil, nil, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"mediaId": 1.0, "status": "CURRENT"}
	if diff := cmp.Diff(want, variables(t, c.body)); diff != "" {
		t.Errorf("variables sent (-want +got):\n%s", diff)
	}
}

package benchcmp

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
	"github.com/anigql/anigql/internal/fixtures"
	"github.com/shurcooL/graphql"
)

// fixed answers every request in memory with body, so that the benchmark
// measures the clients, not the network.
type fixed struct{ body []byte }

func (f fixed) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json"}, "Content-Length": {strconv.Itoa(len(f.body))}},
		Body:          io.NopCloser(bytes.NewReader(f.body)),
		ContentLength: int64(len(f.body)),
		Request:       r,
	}, nil
}

// The shurcooL/graphql query for the selection of generated.MediaListCollection.
type slFuzzyDate struct{ Year, Month, Day *int }

type slEntry struct {
	ID                    int
	MediaID               int
	UserID                int
	Status                *string
	Score                 *float64
	Progress              *int
	ProgressVolumes       *int
	Repeat                *int
	Priority              *int
	Private               *bool
	Notes                 *string
	HiddenFromStatusLists *bool
	StartedAt             *slFuzzyDate
	CompletedAt           *slFuzzyDate
	UpdatedAt             *int
	CreatedAt             *int
	Media                 *struct {
		ID    int
		Title *struct {
			UserPreferred *string
		}
		Episodes *int
		Chapters *int
		Format   *string
	}
}

type slQuery struct {
	MediaListCollection *struct {
		HasNextChunk *bool
		User         *struct {
			ID   int
			Name string
		}
		Lists []*struct {
			Name                 *string
			IsCustomList         *bool
			IsSplitCompletedList *bool
			Status               *string
			Entries              []*slEntry
		}
	} `graphql:"MediaListCollection(userId: $userId, type: $type, chunk: $chunk, perChunk: $perChunk)"`
}

type MediaType string

var slVars = map[string]any{"userId": graphql.Int(42), "type": MediaType("ANIME"), "chunk": graphql.Int(1), "perChunk": graphql.Int(500)}

const entries = 2400

func anigqlClient(tb testing.TB, body []byte) *anilist.Client {
	// Pacing is off: the in-memory server has no rate limit.
	c, err := anilist.NewClient(&http.Client{Transport: fixed{body}},
		&anilist.Options{Endpoint: "http://anilist.test/", DisableRateLimit: true})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestBothClientsDecodeTheFixture(t *testing.T) {
	body := fixtures.ListCollectionBody(entries)
	d, err := generated.MediaListCollection(t.Context(), anigqlClient(t, body), nil, nil, generated.MediaTypeAnime, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var q slQuery
	if err := graphql.NewClient("http://anilist.test/", &http.Client{Transport: fixed{body}}).Query(context.Background(), &q, slVars); err != nil {
		t.Fatal(err)
	}
	var a, s int
	for i, l := range d.MediaListCollection.Lists {
		a += len(l.Entries)
		s += len(q.MediaListCollection.Lists[i].Entries)
		for j, e := range l.Entries {
			se := q.MediaListCollection.Lists[i].Entries[j]
			if e.Id != se.ID || *e.Media.Title.UserPreferred != *se.Media.Title.UserPreferred || (e.Notes == nil) != (se.Notes == nil) {
				t.Fatalf("entry %d/%d differs: %+v vs %+v", i, j, e, se)
			}
		}
	}
	if a != entries || s != entries {
		t.Errorf("got %d and %d entries; want %d", a, s, entries)
	}
}

// BenchmarkMediaListCollection decodes a 2,400-entry MediaListCollection
// with the generated types through anilist.Client, and with the
// reflection-based github.com/shurcooL/graphql into an equivalent struct.
func BenchmarkMediaListCollection(b *testing.B) {
	body := fixtures.ListCollectionBody(entries)
	b.Run("anigql", func(b *testing.B) {
		c := anigqlClient(b, body)
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := generated.MediaListCollection(b.Context(), c, nil, nil, generated.MediaTypeAnime, nil, nil, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("shurcooL", func(b *testing.B) {
		c := graphql.NewClient("http://anilist.test/", &http.Client{Transport: fixed{body}})
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var q slQuery
			if err := c.Query(b.Context(), &q, slVars); err != nil {
				b.Fatal(err)
			}
		}
	})
}

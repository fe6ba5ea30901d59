package anilist_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/Khan/genqlient/graphql"
	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
	"github.com/anigql/anigql/internal/stockgen"
	gojson "github.com/goccy/go-json"
)

// Run the benchmarks with
//
//	go test ./anilist -run '^$' -bench . -benchmem
//
// BenchmarkCall compares one SearchMedia call (a Page of 50 media with the
// MediaFields selection, 18 fields each) made three ways against the same
// loopback server and the same response: anigql (the generated function
// through anilist.Client), genqlient (the same function through the stock
// graphql.NewClient) and nethttp (the request written by hand with net/http
// and encoding/json), plus nethttp_keepalive, the hand-written client that
// also drains the body so its connection is reused.

// handResponse is what a hand-written net/http client would declare for the
// same selection as generated.MediaFields; its media are limitMedia, the plain
// struct that BenchmarkDecode's limit decodes into (limit_test.go).
type handResponse struct {
	Data struct {
		Page *struct {
			PageInfo *struct {
				HasNextPage *bool `json:"hasNextPage"`
				CurrentPage *int  `json:"currentPage"`
			} `json:"pageInfo"`
			Media []*limitMedia `json:"media"`
		} `json:"Page"`
	} `json:"data"`
	Errors []struct {
		Message string `json:"message"`
		Status  int    `json:"status"`
	} `json:"errors"`
}

// handCall is SearchMedia written by hand with net/http and encoding/json.
// With drain set it also reads the body to EOF, so that net/http reuses the
// connection (the usual hand-written client, and genqlient's, do not).
func handCall(ctx context.Context, hc *http.Client, url string, perPage int, drain bool) (*handResponse, error) {
	body, err := json.Marshal(map[string]any{
		"query":         generated.SearchMedia_Operation,
		"operationName": "SearchMedia",
		"variables":     map[string]any{"perPage": perPage},
	})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := new(handResponse)
	err = json.NewDecoder(resp.Body).Decode(out)
	if drain {
		io.Copy(io.Discard, resp.Body)
	}
	return out, err
}

func BenchmarkCall(b *testing.B) {
	body := searchMediaBody(50, true)
	srv := serve(b, body)
	perPage := 50
	check := func(n int) {
		if n != 50 {
			b.Fatalf("got %d media; want 50", n)
		}
	}
	b.Run("anigql", func(b *testing.B) {
		// Pacing is off (Options.DisableRateLimit): the loopback server has
		// no limit, and a limiter would measure the wait, not the client.
		c := newLocalClient(b, srv)
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			data, err := generated.SearchMedia(b.Context(), c, nil, nil, nil, &perPage, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			check(len(data.Page.Media))
		}
	})
	b.Run("genqlient", func(b *testing.B) {
		c := graphql.NewClient(srv.URL, srv.Client())
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			data, err := generated.SearchMedia(b.Context(), c, nil, nil, nil, &perPage, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			check(len(data.Page.Media))
		}
	})
	for _, drain := range []bool{false, true} {
		name := "nethttp"
		if drain {
			name = "nethttp_keepalive"
		}
		b.Run(name, func(b *testing.B) {
			hc := srv.Client()
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				data, err := handCall(b.Context(), hc, srv.URL, perPage, drain)
				if err != nil {
					b.Fatal(err)
				}
				check(len(data.Data.Page.Media))
			}
		})
	}
}

// BenchmarkDecode is the measurement behind the decoding path: the response
// bodies of a Page of 50 media, of a 2,400-entry MediaListCollection and of
// a page of 50 notifications decoded three ways. encoding_json is genqlient's stock path: encoding/json
// into the types genqlient writes (internal/stockgen), whose UnmarshalJSON
// methods decode the bytes again for every embedded fragment. anigql is what
// anilist.Client does: goccy/go-json into the generated types, which
// internal/genpost post-processed for one-pass decoding. limit is goccy
// decoding the same bytes into plain structs of the same shape with no
// custom unmarshalers, the best a goccy-based client can do.
func BenchmarkDecode(b *testing.B) {
	bodies := []struct {
		name               string
		body               []byte
		stock, fast, limit func() any
	}{
		{"SearchMedia50", searchMediaBody(50, true),
			func() any { return new(stockgen.SearchMediaResponse) },
			func() any { return new(generated.SearchMediaResponse) },
			func() any { return new(limitSearchData) }},
		{"MediaListCollection2400", listCollectionBody(2400),
			func() any { return new(stockgen.MediaListCollectionResponse) },
			func() any { return new(generated.MediaListCollectionResponse) },
			func() any { return new(limitListData) }},
		// A union list: the items keep genqlient's helper (which now calls
		// goccy); no plain struct has its shape, so it has no limit.
		{"Notifications50", notificationsBody(50),
			func() any { return new(stockgen.NotificationsResponse) },
			func() any { return new(generated.NotificationsResponse) },
			nil},
	}
	for _, bd := range bodies {
		run := func(name string, decode func() error) {
			b.Run(bd.name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(bd.body)))
				b.ReportAllocs()
				for b.Loop() {
					if err := decode(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		run("encoding_json", func() error { return json.Unmarshal(bd.body, &graphql.Response{Data: bd.stock()}) })
		run("anigql", func() error { return anilist.Decode(bd.body, bd.fast()) })
		if bd.limit != nil {
			run("limit", func() error { return gojson.Unmarshal(bd.body, &limitEnvelope{Data: bd.limit()}) })
		}
	}
}

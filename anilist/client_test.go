package anilist

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMakeRequestSendsAniListHeaders(t *testing.T) {
	t.Parallel()
	var got http.Header
	var body map[string]any
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/graphql" {
			t.Errorf("got %s %s; want POST /graphql", r.Method, r.URL.Path)
		}
		got = r.Header.Clone()
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &body); err != nil {
			t.Errorf("request body %q: %v", b, err)
		}
		reply(w, http.StatusOK, okBody)
	}, nil)
	data, err := query(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if data.Media == nil || *data.Media.Title.Romaji != "Cowboy Bebop" {
		t.Errorf("got data %+v; want Cowboy Bebop", data.Media)
	}
	for k, want := range map[string]string{
		"Content-Type": "application/json",
		"Accept":       "application/json",
		"User-Agent":   "anigql/" + Version + " (+https://github.com/anigql/anigql)",
		"Referer":      ModuleURL,
	} {
		if g := got.Get(k); g != want {
			t.Errorf("header %s: got %q; want %q", k, g, want)
		}
	}
	wantBody := map[string]any{
		"operationName": "MediaByID",
		"query":         "query MediaByID($id: Int) { Media(id: $id) { id title { romaji } } }",
		"variables":     map[string]any{"id": float64(1)},
	}
	if d := cmp.Diff(wantBody, body); d != "" {
		t.Errorf("request body (-want +got):\n%s", d)
	}
}

func TestNewClientOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		opts    *Options
		wantErr bool
	}{
		{"nil options", nil, false},
		{"custom", &Options{Endpoint: "http://127.0.0.1:1/", UserAgent: "x", Referer: "y"}, false},
		{"not a URL", &Options{Endpoint: "::"}, true},
		{"no scheme", &Options{Endpoint: "graphql.anilist.co"}, true},
		{"ftp", &Options{Endpoint: "ftp://graphql.anilist.co"}, true},
		{"negative window", &Options{RateWindow: -1}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewClient(nil, tc.opts)
			if (err != nil) != tc.wantErr {
				t.Errorf("got err %v; want error %v", err, tc.wantErr)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "anilist: ") {
				t.Errorf("got %q; want the anilist: prefix", err)
			}
		})
	}
}

func TestIsMutation(t *testing.T) {
	t.Parallel()
	for q, want := range map[string]bool{
		"mutation Save { x }":            true,
		"\n  mutation Save { x }":        true,
		"# comment\nmutation Save { x }": true,
		"query Media { x }":              false,
		"{ Media { id } }":               false,
		"# mutation\nquery Media { x }":  false,
		"subscription S { x }":           false,
		"\t# a\n # b\n mutation M { x }": true,
	} {
		if got := isMutation(q); got != want {
			t.Errorf("isMutation(%q): got %v; want %v", q, got, want)
		}
	}
}

func TestMakeRequestRejectsNil(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		t.Error("no request expected")
	}, nil)
	if err := c.MakeRequest(t.Context(), nil, nil); err == nil {
		t.Error("got nil; want an error")
	}
}

func TestPartialDataAndErrorsComeTogether(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, `{"data":{"Media":{"id":7,"title":null}},"errors":[{"message":"title failed","status":500,"path":["Media","title"]}]}`)
	}, nil)
	data, err := query(t.Context(), c)
	var re *ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("got %v; want *ResponseError", err)
	}
	if data.Media == nil || data.Media.ID != 7 {
		t.Errorf("got data %+v; want Media 7 alongside the error", data.Media)
	}
	want := Errors{{Message: "title failed", Status: 500, Path: []any{"Media", "title"}}}
	if d := cmp.Diff(want, re.Errors); d != "" {
		t.Errorf("errors (-want +got):\n%s", d)
	}
}

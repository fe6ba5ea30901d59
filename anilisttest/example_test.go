package anilisttest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/anigql/anigql/anilisttest"
)

func ExampleNewServer() {
	srv := anilisttest.NewServer()
	defer srv.Close()

	body := `{"query":"query ($id: Int) { Media(id: $id) { title { romaji english } episodes } }","variables":{"id":154587}}`
	resp, err := srv.Client().Post(srv.URL, "application/json", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			Media struct {
				Title    struct{ Romaji, English string }
				Episodes int
			}
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		panic(err)
	}
	m := out.Data.Media
	fmt.Println(resp.Status, m.Title.Romaji, "/", m.Title.English, "/", m.Episodes, "episodes")
	// Output: 200 OK Sousou no Frieren / Frieren: Beyond Journey's End / 28 episodes
}

func ExampleServer_ViewerToken() {
	srv := anilisttest.NewServer()
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"query":"{ Viewer { id name } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+srv.ViewerToken())
	resp, err := srv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	fmt.Println(resp.Header.Get("X-RateLimit-Limit"), buf.String())
	// Output: 90 {"data":{"Viewer":{"id":1,"name":"DemoUser"}}}
}

func ExampleServer_Handler() {
	srv := anilisttest.NewUnstartedServer()
	h := srv.Handler() // in-process, no listener

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"query":"{ Media(id: 404404) { id } }"}`)))
	fmt.Println(rec.Code, rec.Body.String())
	// Output: 404 {"errors":[{"message":"Not Found.","status":404,"locations":[{"line":1,"column":3}]}],"data":{"Media":null}}
}

func ExampleServer_Put() {
	srv := anilisttest.NewServer()
	defer srv.Close()

	err := srv.Put("Media", 999001, map[string]any{
		"type": "ANIME", "format": "MOVIE", "episodes": 1,
		"title": map[string]any{"romaji": "Test Movie", "english": "A Test Movie"},
	})
	if err != nil {
		panic(err)
	}
	resp, err := srv.Client().Post(srv.URL, "application/json",
		strings.NewReader(`{"query":"{ Page { media(search: \"test movie\") { id format title { english } } } }"}`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	fmt.Println(buf.String())
	// Output: {"data":{"Page":{"media":[{"id":999001,"format":"MOVIE","title":{"english":"A Test Movie"}}]}}}
}

func ExampleServer_FailNext() {
	srv := anilisttest.NewServer()
	defer srv.Close()

	srv.FailNext(1, http.StatusServiceUnavailable)
	for range 2 {
		resp, err := srv.Client().Post(srv.URL, "application/json", strings.NewReader(`{"query":"{ Media(id: 1) { id } }"}`))
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(resp.Status)
	}
	// Output:
	// 503 Service Unavailable
	// 200 OK
}

func ExampleServer_Transport() {
	srv := anilisttest.NewUnstartedServer()
	client := &http.Client{Transport: srv.Transport()} // offline: no listener, no network

	resp, err := client.Post("https://graphql.anilist.co", "application/json",
		strings.NewReader(`{"query":"{ Page(perPage: 1) { media(search: \"Frieren\", type: ANIME) { id title { english } } } }"}`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	fmt.Println(resp.StatusCode, buf.String())
	// Output: 200 {"data":{"Page":{"media":[{"id":154587,"title":{"english":"Frieren: Beyond Journey's End"}}]}}}
}

func ExampleServer_Override() {
	srv := anilisttest.NewServer()
	defer srv.Close()

	// Script one answer: every Media lookup fails as if AniList were down.
	err := srv.Override("Query.Media", func(args, _ map[string]any, _ int) (any, error) {
		return nil, &anilisttest.Error{Message: "Internal Server Error.", Status: 500}
	})
	if err != nil {
		panic(err)
	}
	resp, err := srv.Client().Post(srv.URL, "application/json", strings.NewReader(`{"query":"{ Media(id: 1) { id } }"}`))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	fmt.Println(resp.StatusCode, buf.String())
	// Output: 500 {"errors":[{"message":"Internal Server Error.","status":500,"locations":[{"line":1,"column":3}]}],"data":{"Media":null}}
}

func ExampleServer_SigningKey() {
	key := []byte("a key kept with the saved tokens") // any bytes; 32 or more is best
	first := anilisttest.NewUnstartedServer()
	first.SigningKey = key
	token := first.ViewerToken() // say, saved by an earlier run

	second := anilisttest.NewUnstartedServer()
	second.SigningKey = key
	client := &http.Client{Transport: second.Transport()}
	req, _ := http.NewRequest(http.MethodPost, "https://graphql.anilist.co", strings.NewReader(`{"query":"{ Viewer { name } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(resp.Body)
	fmt.Println(resp.StatusCode, buf.String())
	// Output: 200 {"data":{"Viewer":{"name":"DemoUser"}}}
}

func ExampleShapeError() {
	srv := anilisttest.NewUnstartedServer()
	err := srv.Put("Media", 999002, map[string]any{"type": "ANIME", "episodes": "12"})
	var shape *anilisttest.ShapeError
	fmt.Println(errors.As(err, &shape), shape.Field)
	fmt.Println(err)
	// Output:
	// true episodes
	// anilisttest: Put Media 999002: field episodes of Media: got string "12"; want Int
}

func ExampleServer_RateTimeout() {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv := anilisttest.NewUnstartedServer()
	srv.RateLimit, srv.RateWindow, srv.RateTimeout = 2, time.Second, 5*time.Second
	srv.Now = func() time.Time { return now }
	srv.Start()
	defer srv.Close()

	for range 3 {
		resp, err := srv.Client().Post(srv.URL, "application/json", strings.NewReader(`{"query":"{ Media(id: 1) { id } }"}`))
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Printf("%d remaining %s retry-after %q\n", resp.StatusCode, resp.Header.Get("X-RateLimit-Remaining"), resp.Header.Get("Retry-After"))
	}
	// Output:
	// 200 remaining 1 retry-after ""
	// 200 remaining 0 retry-after ""
	// 429 remaining 0 retry-after "5"
}

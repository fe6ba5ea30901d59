package anilisttest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/internal/emu/data"
	"github.com/google/go-cmp/cmp"
)

// TestOAuthFlow logs in through the mounted OAuth endpoints with the demo
// client and uses the token on the GraphQL side.
func TestOAuthFlow(t *testing.T) {
	t.Parallel()
	s := anilisttest.NewUnstartedServer()
	s.RedirectURI = "http://127.0.0.1/callback"
	s.Start()
	t.Cleanup(s.Close)
	client := s.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	page, err := client.Get(s.URL + "/api/v2/oauth/authorize?response_type=code&client_id=" + anilisttest.DemoClientID +
		"&redirect_uri=" + url.QueryEscape(s.RedirectURI) + "&state=xyz")
	if err != nil {
		t.Fatal(err)
	}
	var html strings.Builder
	_, _ = io.Copy(&html, page.Body)
	page.Body.Close()
	nonce := regexp.MustCompile(`name="nonce" value="([^"]+)"`).FindStringSubmatch(html.String())
	if page.StatusCode != http.StatusOK || nonce == nil {
		t.Fatalf("got consent page %d without a nonce:\n%.500s", page.StatusCode, html.String())
	}
	resp, err := client.PostForm(s.URL+"/api/v2/oauth/authorize", url.Values{"client_id": {anilisttest.DemoClientID},
		"redirect_uri": {s.RedirectURI}, "response_type": {"code"}, "state": {"xyz"}, "nonce": {nonce[1]}, "action": {"approve"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" || loc.Query().Get("state") != "xyz" {
		t.Fatalf("got redirect %q; want a code and state=xyz", resp.Header.Get("Location"))
	}
	tokResp, err := client.PostForm(s.URL+"/api/v2/oauth/token", url.Values{"grant_type": {"authorization_code"},
		"client_id": {anilisttest.DemoClientID}, "client_secret": {anilisttest.DemoClientSecret},
		"redirect_uri": {s.RedirectURI}, "code": {loc.Query().Get("code")}})
	if err != nil {
		t.Fatal(err)
	}
	defer tokResp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(tokResp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("got token answer %d, %v; want an access token", tokResp.StatusCode, err)
	}
	got := post(t, s, tok.AccessToken, `{ Viewer { id name } }`, nil).ok(t).Data
	if diff := cmp.Diff(map[string]any{"id": 1.0, "name": anilisttest.DemoUserName}, got["Viewer"]); diff != "" {
		t.Errorf("Viewer (-want +got):\n%s", diff)
	}
}

// TestPut adds, replaces and deletes records through the public data API.
func TestPut(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	if err := s.Put("Nope", 1, nil); err == nil {
		t.Error("got no error for an unknown type; want one")
	}
	if err := s.Put("Media", 0, nil); err == nil {
		t.Error("got no error for id 0; want one")
	}
	err := s.Put("Media", 154587, map[string]any{"type": "ANIME", "episodes": int64(30),
		"title": map[string]any{"romaji": "Frieren Replaced"}, "genres": []string{"Drama"}})
	if err != nil {
		t.Fatal(err)
	}
	d := post(t, s, "", `{ Media(id: 154587, genre: "Drama") { episodes title { romaji } isFavourite } }`, nil).ok(t).Data
	want := map[string]any{"episodes": 30.0, "title": map[string]any{"romaji": "Frieren Replaced"}, "isFavourite": false}
	if diff := cmp.Diff(want, d["Media"]); diff != "" {
		t.Errorf("replaced media (-want +got):\n%s", diff)
	}
	if err := s.Put("AiringNotification", 5000, map[string]any{"type": "AIRING", "episode": 3, "animeId": 1}); err != nil {
		t.Fatal(err)
	}
	d = post(t, s, s.ViewerToken(), `{ Notification { ... on AiringNotification { id episode media { id } } } }`, nil).ok(t).Data
	if diff := cmp.Diff(map[string]any{"id": 5000.0, "episode": 3.0, "media": map[string]any{"id": 1.0}}, d["Notification"]); diff != "" {
		t.Errorf("put notification (-want +got):\n%s", diff)
	}
	if got := s.Get("Media", 154587)["episodes"]; got != 30 {
		t.Errorf("got Get episodes %v; want 30", got)
	}
	s.Delete("Media", 154587)
	if a := post(t, s, "", `{ Media(id: 154587) { id } }`, nil); a.Status != http.StatusNotFound {
		t.Errorf("got %d after Delete; want 404", a.Status)
	}
	if s.Count("Media") != 1019 {
		t.Errorf("got %d media; want 1019", s.Count("Media"))
	}
}

// TestDemoUserConstants keeps the exported constants in step with the
// dataset.
func TestDemoUserConstants(t *testing.T) {
	t.Parallel()
	if anilisttest.DemoUserID != data.DemoUserID || anilisttest.DemoUserName != data.DemoUserName {
		t.Errorf("got %d %q; want %d %q", anilisttest.DemoUserID, anilisttest.DemoUserName, data.DemoUserID, data.DemoUserName)
	}
}

// TestOverride scripts a field, then restores the emulator's resolver.
func TestOverride(t *testing.T) {
	t.Parallel()
	s := fresh(t)
	if err := s.Override("Media.nope", nil); err == nil {
		t.Error("got no error for an unknown field; want one")
	}
	err := s.Override("Media.title", func(args, parent map[string]any, viewer int) (any, error) {
		return map[string]any{"romaji": fmt.Sprintf("Scripted %v for %d", parent["id"], viewer)}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := post(t, s, s.ViewerToken(), `{ Media(id: 1) { title { romaji } } }`, nil).ok(t).Data
	if diff := cmp.Diff("Scripted 1 for 1", at(got, "Media", "title", "romaji")); diff != "" {
		t.Errorf("overridden title (-want +got):\n%s", diff)
	}
	if err := s.Override("Media.title", nil); err != nil {
		t.Fatal(err)
	}
	got = post(t, s, "", `{ Media(id: 1) { title { romaji } } }`, nil).ok(t).Data
	if diff := cmp.Diff("Cowboy Bebop", at(got, "Media", "title", "romaji")); diff != "" {
		t.Errorf("restored title (-want +got):\n%s", diff)
	}
}

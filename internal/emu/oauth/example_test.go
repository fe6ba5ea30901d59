package oauth_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/anigql/anigql/internal/emu/oauth"
)

func ExampleServer_IssueToken() {
	s, err := oauth.New(oauth.Config{User: oauth.User{ID: 1, Name: "Josh"}})
	if err != nil {
		panic(err)
	}
	tok, _ := s.IssueToken(5123)
	id, err := s.VerifyToken(tok)
	fmt.Println(id, err)
	_, err = s.VerifyToken(tok + "x")
	fmt.Println(err != nil)
	// Output:
	// 5123 <nil>
	// true
}

func ExampleServer_ServeHTTP() {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, _ := oauth.New(oauth.Config{
		User:    oauth.User{ID: 1, Name: "Josh"},
		Clients: []oauth.Client{{ID: "1234", Secret: "secret", RedirectURI: "http://127.0.0.1/cb", Name: "Demo"}},
		Now:     func() time.Time { return now },
	})
	mux := http.NewServeMux()
	mux.Handle("/api/v2/oauth/", s)
	ts := httptest.NewServer(mux)
	defer ts.Close()

	// The consent page for a registered client, then an unknown client.
	for _, id := range []string{"1234", "999"} {
		resp, err := http.Get(ts.URL + "/api/v2/oauth/authorize?response_type=code&client_id=" + id)
		if err != nil {
			panic(err)
		}
		resp.Body.Close()
		fmt.Println(resp.Status)
	}

	// AniList has no refresh tokens.

	resp, err := http.PostForm(ts.URL+"/api/v2/oauth/token", url.Values{
		"grant_type": {"refresh_token"}, "client_id": {"1234"}, "client_secret": {"secret"},
	})
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status)
	fmt.Print(string(body))
	// Output:
	// 200 OK
	// 400 Bad Request
	// 400 Bad Request
	// {"error":"unsupported_grant_type","error_description":"only grant_type=authorization_code is supported (AniList has no refresh tokens)"}
}

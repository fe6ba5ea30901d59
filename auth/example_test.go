package auth_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/anigql/anigql/auth"
)

func ExampleConfig_AuthCodeURL() {
	conf := &auth.Config{
		ClientID:     "1234",
		ClientSecret: "secret",
		RedirectURL:  "http://127.0.0.1:8080/callback",
		Endpoint:     auth.AniList,
	}
	// Use auth.NewState() in real code; a fixed state keeps the output stable.
	fmt.Println(conf.AuthCodeURL("STATE"))
	// Output:
	// https://anilist.co/api/v2/oauth/authorize?client_id=1234&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&response_type=code&state=STATE
}

func ExampleConfig_ImplicitURL() {
	conf := &auth.Config{ClientID: "1234", RedirectURL: auth.PinURL, Endpoint: auth.AniList}
	fmt.Println(conf.ImplicitURL("STATE"))
	// Output:
	// https://anilist.co/api/v2/oauth/authorize?client_id=1234&redirect_uri=https%3A%2F%2Fanilist.co%2Fapi%2Fv2%2Foauth%2Fpin&response_type=token&state=STATE
}

func ExampleConfig_Exchange() {
	// An AniAPI-style token endpoint, on 127.0.0.1.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"status":200,"message":"Code verified","data":"opaque-token","version":"1"}`)
	}))
	defer srv.Close()

	ep := auth.AniAPI
	ep.TokenURL = srv.URL + "/v1/oauth/token"
	conf := &auth.Config{
		ClientID: "1234", ClientSecret: "secret", RedirectURL: "http://127.0.0.1:3000/auth",
		Endpoint: ep,
		Now:      func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) },
	}
	tok, err := conf.Exchange(context.Background(), "code-from-the-callback")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok) // the access token itself is never printed
	// Output:
	// auth.Token{AccessToken: REDACTED, TokenType: "Bearer", Expiry: 2026-01-31T00:00:00Z, Subject: ""}
}

func ExampleConfig_Login() {
	// A token endpoint on 127.0.0.1 stands in for AniList's.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"token_type":"Bearer","expires_in":31536000,"access_token":"opaque"}`)
	}))
	defer srv.Close()

	ep := auth.AniList
	ep.TokenURL = srv.URL + "/api/v2/oauth/token"
	conf := &auth.Config{
		ClientID: "1234", ClientSecret: "secret",
		RedirectURL: auth.PinURL, // the user pastes what the pin page shows
		Endpoint:    ep,
		Now:         func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) },
	}
	tok, err := conf.Login(context.Background(), auth.GrantCode, auth.LoginOptions{
		Open:   func(url string) error { return nil }, // as with --no-browser: the URL is printed
		Output: io.Discard,                            // os.Stderr by default
		Input:  strings.NewReader("def50200-code-from-the-pin-page\n"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.Expiry.Format(time.DateOnly))
	fmt.Println(tok.Check(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// 2027-01-01
	// auth: token expired at 2027-01-01T00:00:00Z; log in again
}

func ExampleNewClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("server got:", r.Header.Get("Authorization"))
	}))
	defer srv.Close()

	tok := &auth.Token{AccessToken: "example-token", Expiry: time.Now().Add(time.Hour)}
	client := auth.NewClient(context.Background(), auth.StaticTokenSource(tok))
	resp, err := client.Get(srv.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()

	// An expired token fails before anything is sent.
	old := &auth.Token{AccessToken: "old", Expiry: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, err = auth.NewClient(context.Background(), auth.StaticTokenSource(old)).Get(srv.URL)
	var expired *auth.ExpiredError
	fmt.Println(errors.As(err, &expired), expired)
	// Output:
	// server got: Bearer example-token
	// true auth: token expired at 2025-01-01T00:00:00Z; log in again
}

func ExampleParsePin() {
	for _, pasted := range []string{
		"def50200a1b2c3",
		"https://anilist.co/api/v2/oauth/pin?code=def50200a1b2c3",
		"https://anilist.co/api/v2/oauth/pin#access_token=opaque&token_type=Bearer",
	} {
		r, err := auth.ParsePin(pasted, auth.GrantCode)
		fmt.Println(r.Code != "", r.AccessToken != "", err)
	}
	// Output:
	// true false <nil>
	// true false <nil>
	// false true <nil>
}

func ExampleFileStore() {
	dir, err := os.MkdirTemp("", "anigql-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	store := &auth.FileStore{Dir: dir} // auth.NewFileStore() uses the user's config dir
	_ = store.Save("work", &auth.Token{AccessToken: "t1"})
	_ = store.Save(auth.DefaultProfile, &auth.Token{AccessToken: "t2", Subject: "5123"})
	profiles, _ := store.List()
	fmt.Println(profiles)

	tok, _ := store.Load(auth.DefaultProfile)
	id, _ := tok.UserID()
	fmt.Println(id)

	_, err = store.Load("missing")
	fmt.Println(errors.Is(err, auth.ErrNoToken))
	// Output:
	// [default work]
	// 5123
	// true
}

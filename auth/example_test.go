package auth_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
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
	// One AuthRequest per login: it holds the state and the PKCE verifier.
	req := conf.AuthCodeURL()
	u, _ := url.Parse(req.URL)
	q := u.Query()
	fmt.Println(u.Host + u.Path)
	for _, k := range []string{"client_id", "redirect_uri", "response_type", "code_challenge_method"} {
		fmt.Printf("%s=%s\n", k, q.Get(k))
	}
	fmt.Println(q.Get("state") == req.State, len(q.Get("code_challenge")))
	fmt.Println(req) // the state and verifier are never printed
	// Output:
	// anilist.co/api/v2/oauth/authorize
	// client_id=1234
	// redirect_uri=http://127.0.0.1:8080/callback
	// response_type=code
	// code_challenge_method=S256
	// true 43
	// auth.AuthRequest{Grant: code, State: REDACTED, PKCE: true}
}

func ExampleConfig_ImplicitURL() {
	conf := &auth.Config{ClientID: "1234", RedirectURL: auth.PinURL, Endpoint: auth.AniList}
	u, _ := url.Parse(conf.ImplicitURL().URL)
	fmt.Println(u.Query().Get("response_type"), u.Query().Get("redirect_uri"))
	// Output:
	// token https://anilist.co/api/v2/oauth/pin
}

// A program that receives the redirect itself checks it with the
// AuthRequest and exchanges the code with the same AuthRequest, which
// sends the PKCE verifier.
func ExampleConfig_Exchange() {
	// An AniAPI-style token endpoint, on 127.0.0.1.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.FormValue("code_verifier") == "" {
			io.WriteString(w, `{"status":400,"message":"Missing code_verifier","data":null,"version":"1"}`)
			return
		}
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
	req := conf.AuthCodeURL() // send the user to req.URL, keep req for the callback

	// The provider redirects to http://127.0.0.1:3000/auth?code=…&state=…
	callback := url.Values{"code": {"code-from-the-callback"}, "state": {req.State}}
	cb, err := req.Callback(callback)
	if err != nil {
		fmt.Println(err)
		return
	}
	tok, err := conf.Exchange(context.Background(), req, cb.Code)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok) // the access token itself is never printed

	_, err = req.Callback(url.Values{"code": {"forged"}, "state": {"guessed"}})
	fmt.Println(errors.Is(err, auth.ErrStateMismatch))
	// Output:
	// auth.Token{AccessToken: REDACTED, TokenType: "Bearer", Expiry: 2026-01-31T00:00:00Z, Subject: ""}
	// true
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

// A provider that issues refresh tokens (AniList does not) gets its tokens
// renewed a minute before they expire.
func ExampleConfig_TokenSource() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, _, basic := r.BasicAuth()
		fmt.Println("server got:", r.FormValue("grant_type"), r.FormValue("refresh_token"), user, basic)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"new-token","token_type":"Bearer","expires_in":3600}`)
	}))
	defer srv.Close()

	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	conf := &auth.Config{
		ClientID: "1234", ClientSecret: "secret",
		Endpoint: auth.Endpoint{AuthURL: srv.URL + "/authorize", TokenURL: srv.URL + "/token"},
		Now:      func() time.Time { return now },
	}
	old := &auth.Token{AccessToken: "old-token", RefreshToken: "refresh-1", Expiry: now.Add(30 * time.Second)}
	tok, err := conf.TokenSource(context.Background(), old).Token()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok)
	// Output:
	// server got: refresh_token refresh-1 1234 true
	// auth.Token{AccessToken: REDACTED, TokenType: "Bearer", RefreshToken: REDACTED, Expiry: 2026-01-01T13:00:00Z, Subject: ""}
}

package anilisttest_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/auth"
)

// testClock is a settable clock.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *testClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

// ownTransport keeps this file's requests off http.DefaultTransport, whose
// idle connections every httptest.Server.Close of a parallel test closes.
var ownTransport = &http.Transport{}

var (
	hiddenField = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)
	pinCode     = regexp.MustCompile(`<textarea id="code"[^>]*>([^<]+)</textarea>`)
)

// approveAndCopy plays the user of the pin flow: it approves on the consent
// page, then copies the code the pin page shows.
func approveAndCopy(authURL string) (string, error) {
	c := &http.Client{Transport: ownTransport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(authURL)
	if err != nil {
		return "", err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	form := url.Values{"action": {"approve"}}
	for _, m := range hiddenField.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	if resp, err = c.PostForm(authURL, form); err != nil {
		return "", err
	}
	resp.Body.Close()
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	if resp, err = c.Get(loc.String()); err != nil {
		return "", err
	}
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	m := pinCode.FindSubmatch(page)
	if m == nil {
		return "", errors.New("no code on the pin page")
	}
	return html.UnescapeString(string(m[1])), nil
}

// pinLogin runs auth's pin login against s; wait runs between the copy and
// the paste.
func pinLogin(t *testing.T, s *anilisttest.Server, clk *testClock, wait func()) (*auth.Token, error) {
	ep := auth.AniList
	ep.AuthURL = s.URL + "/api/v2/oauth/authorize"
	ep.TokenURL = s.URL + "/api/v2/oauth/token"
	conf := &auth.Config{ClientID: anilisttest.DemoClientID, ClientSecret: anilisttest.DemoClientSecret,
		RedirectURL: auth.PinURL, Endpoint: ep, Now: clk.Now, HTTPClient: &http.Client{Transport: ownTransport}}
	pr, pw := io.Pipe()
	open := func(authURL string) error {
		go func() {
			code, err := approveAndCopy(authURL)
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			wait()
			io.WriteString(pw, code+"\n")
		}()
		return nil
	}
	return conf.Login(t.Context(), auth.GrantCode, auth.LoginOptions{Open: open, Output: io.Discard, Input: pr})
}

// TestLoginLikeAniList runs auth's pin login (PKCE included) against the
// emulator and checks the league/oauth2-server behaviour it relies on.
func TestLoginLikeAniList(t *testing.T) {
	t.Parallel()
	clk := &testClock{now: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
	s := anilisttest.NewUnstartedServer()
	s.Now = clk.Now
	s.Start()
	defer s.Close()

	tok, err := pinLogin(t, s, clk, func() {})
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	claims := jwtClaims(t, tok.AccessToken)
	for _, k := range []string{"aud", "jti", "iat", "nbf", "exp", "sub", "scopes"} {
		if _, ok := claims[k]; !ok {
			t.Errorf("token lacks the %s claim: %v", k, claims)
		}
	}
	if claims["aud"] != anilisttest.DemoClientID || claims["exp"].(float64)-claims["iat"].(float64) != 31536000 {
		t.Errorf("claims = %v; want aud %s and exp = iat + 31536000", claims, anilisttest.DemoClientID)
	}
	if sc, ok := claims["scopes"].([]any); !ok || len(sc) != 0 {
		t.Errorf("scopes = %v; want []", claims["scopes"])
	}

	// A code pasted 10 minutes after it was issued has expired.
	_, err = pinLogin(t, s, clk, func() { clk.Advance(10 * time.Minute) })
	var ee *auth.ExchangeError
	if !errors.As(err, &ee) || ee.Code != "invalid_grant" {
		t.Errorf("Login with a 10-minute-old code: %v; want invalid_grant", err)
	}
}

func jwtClaims(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token is not a JWT")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

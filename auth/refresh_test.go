package auth

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// refreshServer answers refresh_token requests for the refresh token "r1"
// with a new access token, and counts them.
type refreshServer struct {
	*httptest.Server
	mu    sync.Mutex
	forms []url.Values
	auth  []string
}

func newRefreshServer(t *testing.T) *refreshServer {
	rs := &refreshServer{}
	rs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		rs.mu.Lock()
		rs.forms = append(rs.forms, form)
		rs.auth = append(rs.auth, r.Header.Get("Authorization"))
		n := len(rs.forms)
		rs.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if form.Get("grant_type") != "refresh_token" || form.Get("refresh_token") != "r1" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"invalid_grant","error_description":"refresh token revoked"}`)
			return
		}
		io.WriteString(w, `{"access_token":"a`+string(rune('1'+n))+`","token_type":"Bearer","expires_in":3600}`)
	}))
	t.Cleanup(rs.Close)
	return rs
}

func (rs *refreshServer) requests() ([]url.Values, []string) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return append([]url.Values(nil), rs.forms...), append([]string(nil), rs.auth...)
}

// settable is a clock for tests.
type settable struct {
	mu  sync.Mutex
	now time.Time
}

func (c *settable) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *settable) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

func TestTokenSourceRefreshes(t *testing.T) {
	t.Parallel()
	rs := newRefreshServer(t)
	clk := &settable{now: t0}
	conf := &Config{ClientID: "1234", ClientSecret: "s3cret", Now: clk.Now,
		Endpoint: Endpoint{AuthURL: rs.URL + "/auth", TokenURL: rs.URL + "/token"}}
	store := &FileStore{Dir: t.TempDir()}
	first := &Token{AccessToken: "a1", RefreshToken: "r1", TokenType: "Bearer", Expiry: t0.Add(time.Hour), Subject: "7"}
	if err := store.Save("p", first); err != nil {
		t.Fatal(err)
	}
	ts := conf.StoreTokenSource(context.Background(), store, "p")

	if tok, err := ts.Token(); err != nil || tok.AccessToken != "a1" {
		t.Fatalf("fresh token: %v, %v; want a1 without a request", tok, err)
	}
	clk.Set(t0.Add(time.Hour - refreshBefore/2)) // within a minute of expiry
	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("Token near expiry: %v", err)
	}
	if tok.AccessToken != "a2" || tok.RefreshToken != "r1" || tok.Subject != "7" ||
		!tok.Expiry.Equal(clk.Now().Add(time.Hour)) {
		t.Errorf("refreshed token = %v (refresh %q); want a2, the old refresh token and subject, an hour more",
			tok, tok.RefreshToken)
	}
	if again, _ := ts.Token(); again.AccessToken != "a2" {
		t.Errorf("second Token = %v; want the refreshed a2 reused", again)
	}
	forms, auths := rs.requests()
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("1234:s3cret"))
	if len(forms) != 1 || forms[0].Get("grant_type") != "refresh_token" || auths[0] != basic || forms[0].Has("client_secret") {
		t.Errorf("refresh requests = %v, %v; want one refresh_token request with Basic credentials", forms, auths)
	}
	if saved, err := store.Load("p"); err != nil || saved.AccessToken != "a2" || saved.RefreshToken != "r1" {
		t.Errorf("store holds %v, %v; want the refreshed token", saved, err)
	}
}

func TestTokenSourceWithoutRefreshToken(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1", Endpoint: AniList, Now: func() time.Time { return t0 }}
	old := &Token{AccessToken: "a", Expiry: t0.Add(-time.Hour)}
	tok, err := conf.TokenSource(context.Background(), old).Token()
	if err != nil || tok != old {
		t.Fatalf("Token = %v, %v; want the token as it is", tok, err)
	}
	_, err = newClient(context.Background(), conf.TokenSource(context.Background(), old), conf.Now).Get("http://127.0.0.1:1/")
	var ee *ExpiredError
	if !errors.As(err, &ee) {
		t.Errorf("request with an expired AniList token: %v; want *ExpiredError", err)
	}
}

func TestTokenSourceRefreshRefused(t *testing.T) {
	t.Parallel()
	rs := newRefreshServer(t)
	conf := &Config{ClientID: "1", ClientSecret: "s", Now: func() time.Time { return t0 },
		Endpoint: Endpoint{TokenURL: rs.URL + "/token"}}
	const refresh = "rt-secret-xyz"
	_, err := conf.TokenSource(context.Background(), &Token{AccessToken: "a", RefreshToken: refresh, Expiry: t0}).Token()
	var ee *ExchangeError
	if !errors.As(err, &ee) || ee.Code != "invalid_grant" {
		t.Errorf("Token error = %v; want an *ExchangeError invalid_grant", err)
	}
	if err != nil && strings.Contains(err.Error(), refresh) {
		t.Errorf("error shows the refresh token: %v", err)
	}
}

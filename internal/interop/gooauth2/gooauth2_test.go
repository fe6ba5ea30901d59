package gooauth2_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-oauth2/oauth2/v4"
	oerrors "github.com/go-oauth2/oauth2/v4/errors"
	"github.com/go-oauth2/oauth2/v4/manage"
	"github.com/go-oauth2/oauth2/v4/models"
	"github.com/go-oauth2/oauth2/v4/server"
	"github.com/go-oauth2/oauth2/v4/store"
	xoauth2 "golang.org/x/oauth2"

	"github.com/anigql/anigql/auth"
)

const (
	confidentialID = "anigql-confidential"
	publicID       = "anigql-public"
	// go-oauth2 compares the Basic password as sent, without the
	// form-decoding RFC 6749 section 2.3.1 asks for; x/oauth2 encodes it,
	// so the secret keeps to characters that encoding leaves alone.
	clientSecret = "correct-horse-battery-staple"
	userID       = "5123"
	redirectPath = "/callback"
)

// provider is go-oauth2 on 127.0.0.1, configured strictly.
type provider struct {
	URL     string
	clients *store.ClientStore
	manager *manage.Manager

	mu       sync.Mutex
	requests []tokenRequest // what reached the token endpoint
}

// tokenRequest is what the client sent to the token endpoint.
type tokenRequest struct {
	basic bool
	form  url.Values
}

func newProvider(t *testing.T) *provider {
	t.Helper()
	p := &provider{clients: store.NewClientStore(), manager: manage.NewDefaultManager()}
	p.manager.MustTokenStorage(store.NewMemoryTokenStore())
	p.manager.MapClientStorage(p.clients)
	p.manager.SetAuthorizeCodeTokenCfg(&manage.Config{AccessTokenExp: time.Hour, RefreshTokenExp: 24 * time.Hour, IsGenerateRefresh: true})
	p.manager.SetImplicitTokenCfg(&manage.Config{AccessTokenExp: time.Hour})
	p.manager.SetRefreshTokenCfg(&manage.RefreshingConfig{AccessTokenExp: time.Hour, IsGenerateRefresh: true,
		IsRemoveAccess: true, IsRemoveRefreshing: true})
	// Exact redirect URIs, not go-oauth2's default prefix match.
	p.manager.SetValidateURIHandler(func(registered, redirect string) error {
		if registered != redirect {
			return oerrors.ErrInvalidRedirectURI
		}
		return nil
	})
	srv := server.NewServer(&server.Config{
		TokenType:                   "Bearer",
		AllowedResponseTypes:        []oauth2.ResponseType{oauth2.Code, oauth2.Token},
		AllowedGrantTypes:           []oauth2.GrantType{oauth2.AuthorizationCode, oauth2.Refreshing},
		AllowedCodeChallengeMethods: []oauth2.CodeChallengeMethod{oauth2.CodeChallengeS256},
		ForcePKCE:                   true,
	}, p.manager)
	srv.SetClientInfoHandler(server.ClientBasicHandler) // HTTP Basic only
	srv.SetUserAuthorizationHandler(func(http.ResponseWriter, *http.Request) (string, error) { return userID, nil })
	srv.SetClientAuthorizedHandler(func(clientID string, grant oauth2.GrantType) (bool, error) {
		if clientID == publicID {
			return grant == oauth2.Implicit, nil
		}
		return grant == oauth2.AuthorizationCode || grant == oauth2.Refreshing, nil
	})
	srv.SetInternalErrorHandler(func(err error) *oerrors.Response {
		t.Logf("go-oauth2 internal error: %v", err)
		return nil
	})

	mux := http.NewServeMux()
	mux.HandleFunc("/authorize", func(w http.ResponseWriter, r *http.Request) {
		if err := srv.HandleAuthorizeRequest(w, r); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
		}
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		_, _, basic := r.BasicAuth()
		r.ParseForm()
		p.mu.Lock()
		p.requests = append(p.requests, tokenRequest{basic: basic, form: r.PostForm})
		p.mu.Unlock()
		srv.HandleTokenRequest(w, r)
	})
	ts := httptest.NewServer(mux)
	t.Cleanup(ts.Close)
	p.URL = ts.URL
	return p
}

// register adds both clients with the exact redirect URI that the consent
// URL names (the receiver's port is only known then).
func (p *provider) register(t *testing.T, authURL string) {
	u, err := url.Parse(authURL)
	if err != nil {
		t.Errorf("consent URL: %v", err)
		return
	}
	redirect := u.Query().Get("redirect_uri")
	p.clients.Set(confidentialID, &models.Client{ID: confidentialID, Secret: clientSecret, Domain: redirect})
	p.clients.Set(publicID, &models.Client{ID: publicID, Domain: redirect, Public: true})
}

func (p *provider) tokenRequests() []tokenRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]tokenRequest(nil), p.requests...)
}

// config is an auth.Config for go-oauth2 as the README writes one for a
// custom provider: the Endpoint's zero AuthStyle means HTTP Basic for a
// client with a secret.
func (p *provider) config(clientID, secret string) *auth.Config {
	return &auth.Config{
		ClientID: clientID, ClientSecret: secret, RedirectURL: "http://127.0.0.1:0" + redirectPath,
		Endpoint: auth.Endpoint{AuthURL: p.URL + "/authorize", TokenURL: p.URL + "/token"},
	}
}

// userAgent plays the browser: it follows go-oauth2's redirect to the
// receiver and, for a fragment, does what the relay page's script does. If
// it cannot, it calls giveUp, so that Login does not wait for it.
func (p *provider) userAgent(t *testing.T, giveUp func()) (open func(string) error, wait func() (int, string)) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var (
		wg     sync.WaitGroup
		status int
		body   string
	)
	open = func(authURL string) error {
		p.register(t, authURL)
		wg.Go(func() {
			if status, body = visit(t, client, authURL); status == 0 {
				giveUp()
			}
		})
		return nil
	}
	return open, func() (int, string) { wg.Wait(); return status, body }
}

func visit(t *testing.T, client *http.Client, authURL string) (int, string) {
	resp, err := client.Get(authURL)
	if err != nil {
		t.Errorf("GET authorize: %v", err)
		return 0, ""
	}
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		t.Errorf("go-oauth2 answered %s without a redirect", resp.Status)
		return 0, ""
	}
	frag := loc.EscapedFragment()
	loc.Fragment, loc.RawFragment = "", ""
	resp, err = client.Get(loc.String())
	if err != nil {
		t.Errorf("GET receiver: %v", err)
		return 0, ""
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if frag == "" {
		return resp.StatusCode, string(page)
	}
	req, _ := http.NewRequest(http.MethodPost, loc.String(), strings.NewReader(frag))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Anigql-Relay", "1")
	req.Header.Set("Origin", "http://"+loc.Host)
	resp, err = client.Do(req)
	if err != nil {
		t.Errorf("POST fragment: %v", err)
		return 0, ""
	}
	text, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(text)
}

// login runs conf.Login against p and checks the receiver's page.
func (p *provider) login(t *testing.T, conf *auth.Config, g auth.Grant) (*auth.Token, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	open, wait := p.userAgent(t, cancel)
	tok, err := conf.Login(ctx, g, auth.LoginOptions{Open: open, Output: io.Discard})
	status, body := wait()
	if err == nil && status != http.StatusOK {
		t.Errorf("receiver answered %d %q; want 200", status, body)
	}
	return tok, err
}

func TestCodeGrantWithPKCE(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	start := time.Now()
	tok, err := p.login(t, p.config(confidentialID, clientSecret), auth.GrantCode)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if _, err := p.manager.LoadAccessToken(context.Background(), tok.AccessToken); err != nil {
		t.Errorf("go-oauth2 does not know the token: %v", err)
	}
	if tok.RefreshToken == "" {
		t.Error("the refresh token was dropped")
	}
	if d := tok.Expiry.Sub(start); d < 59*time.Minute || d > 61*time.Minute {
		t.Errorf("Expiry in %v; want about an hour", d)
	}
	reqs := p.tokenRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d token requests; want exactly 1", len(reqs))
	}
	f := reqs[0].form
	if !reqs[0].basic || f.Has("client_secret") || f.Get("code_verifier") == "" {
		t.Errorf("token request: Basic %t, form %v; want Basic credentials, no client_secret, a code_verifier",
			reqs[0].basic, redact(f))
	}
}

func TestImplicitGrant(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	tok, err := p.login(t, p.config(publicID, ""), auth.GrantImplicit)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if _, err := p.manager.LoadAccessToken(context.Background(), tok.AccessToken); err != nil {
		t.Errorf("go-oauth2 does not know the token: %v", err)
	}
	if n := len(p.tokenRequests()); n != 0 {
		t.Errorf("%d token requests; want none for the implicit grant", n)
	}
}

// TestRefresh logs in, lets the token come within a minute of its expiry
// on the client's clock and checks that conf.StoreTokenSource refreshes it
// through go-oauth2 and saves the new one.
func TestRefresh(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	conf := p.config(confidentialID, clientSecret)
	tok, err := p.login(t, conf, auth.GrantCode)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	st := &auth.FileStore{Dir: t.TempDir()}
	if err := st.Save(auth.DefaultProfile, tok); err != nil {
		t.Fatal(err)
	}
	later := tok.Expiry.Add(-30 * time.Second)
	conf.Now = func() time.Time { return later }
	ts := conf.StoreTokenSource(t.Context(), st, auth.DefaultProfile)
	fresh, err := ts.Token()
	if err != nil {
		t.Fatalf("Token: %v", err)
	}
	if fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == "" || fresh.RefreshToken == tok.RefreshToken {
		t.Error("the token was not refreshed (with a rotated refresh token)")
	}
	ctx := context.Background()
	if _, err := p.manager.LoadAccessToken(ctx, fresh.AccessToken); err != nil {
		t.Errorf("go-oauth2 does not know the refreshed token: %v", err)
	}
	if _, err := p.manager.LoadAccessToken(ctx, tok.AccessToken); err == nil {
		t.Error("the old access token still works; go-oauth2 should have removed it")
	}
	reqs := p.tokenRequests()
	if last := reqs[len(reqs)-1]; len(reqs) != 2 || !last.basic || last.form.Get("grant_type") != "refresh_token" {
		t.Errorf("token requests = %d, last Basic %t grant %q; want a Basic refresh_token request",
			len(reqs), last.basic, last.form.Get("grant_type"))
	}
	if saved, err := st.Load(auth.DefaultProfile); err != nil || saved.AccessToken != fresh.AccessToken {
		t.Errorf("the store was not updated: %v", err)
	}
	// The rotated-out refresh token is refused, as an *auth.ExchangeError.
	stale := *tok
	stale.Expiry = later
	_, err = conf.TokenSource(t.Context(), &stale).Token()
	var ee *auth.ExchangeError
	if !errors.As(err, &ee) {
		t.Errorf("refresh with the old refresh token: %v; want an *auth.ExchangeError", err)
	}
}

// TestStrictRefusals checks that go-oauth2 refuses what its strict
// configuration forbids, and that auth reports it.
func TestStrictRefusals(t *testing.T) {
	t.Parallel()
	t.Run("credentials in the body", func(t *testing.T) {
		t.Parallel()
		p := newProvider(t)
		conf := p.config(confidentialID, clientSecret)
		conf.Endpoint.AuthStyle = xoauth2.AuthStyleInParams
		_, err := p.login(t, conf, auth.GrantCode)
		var ee *auth.ExchangeError
		if !errors.As(err, &ee) || ee.Code != "invalid_client" {
			t.Errorf("Login error = %v; want *ExchangeError invalid_client", err)
		}
		if n := len(p.tokenRequests()); n != 1 {
			t.Errorf("%d token requests; want 1 (a one-time code is never posted twice)", n)
		}
	})
	t.Run("no PKCE", func(t *testing.T) {
		t.Parallel()
		// go-oauth2 refuses a request without code_challenge outright (400,
		// no redirect); the same request with auth's default PKCE passes.
		p := newProvider(t)
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		for _, noPKCE := range []bool{true, false} {
			conf := p.config(confidentialID, clientSecret)
			conf.RedirectURL = "http://127.0.0.1:9" + redirectPath
			conf.Endpoint.NoPKCE = noPKCE
			req := conf.AuthCodeURL()
			p.register(t, req.URL)
			resp, err := client.Get(req.URL)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			want := map[bool]int{true: http.StatusBadRequest, false: http.StatusFound}[noPKCE]
			if resp.StatusCode != want {
				t.Errorf("NoPKCE %t: go-oauth2 answered %d %q; want %d", noPKCE, resp.StatusCode, body, want)
			}
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		t.Parallel()
		p := newProvider(t)
		_, err := p.login(t, p.config(confidentialID, "wrong"), auth.GrantCode)
		var ee *auth.ExchangeError
		if !errors.As(err, &ee) || ee.Code != "invalid_client" {
			t.Errorf("Login error = %v; want *ExchangeError invalid_client", err)
		}
	})
}

// redact hides the secrets of a token request's form in test output.
func redact(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		if k == "code" || k == "code_verifier" || k == "refresh_token" || k == "client_secret" {
			v = []string{"REDACTED"}
		}
		out[k] = v
	}
	return out
}

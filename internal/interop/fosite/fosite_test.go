package fosite_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/oauth2"
	"github.com/ory/fosite/storage"
	"github.com/ory/fosite/token/jwt"
	xoauth2 "golang.org/x/oauth2"

	"github.com/anigql/anigql/auth"
)

const (
	confidentialID = "anigql-confidential"
	publicID       = "anigql-public"
	clientSecret   = "correct horse battery staple"
	subject        = "5123"
	redirectPath   = "/callback"
)

// signingKey is the RSA key of fosite's JWT access tokens, made once.
var signingKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

// provider is fosite on 127.0.0.1 with a confidential client (code grant,
// client_secret_post only, so a Basic header would be refused; PKCE
// enforced, S256 only) and a public client (implicit grant). Consent is
// given automatically.
type provider struct {
	URL           string
	tokenRequests atomic.Int32
}

func newProvider(t *testing.T, jwtTokens bool) *provider {
	t.Helper()
	ctx := context.Background()
	config := &fosite.Config{
		GlobalSecret:          []byte("a 32-byte global secret for HMAC"),
		AccessTokenLifespan:   time.Hour,
		AuthorizeCodeLifespan: time.Minute,
		HashCost:              4,    // the minimum: keeps the test fast under -race
		EnforcePKCE:           true, // S256 only: plain is not enabled
		// fosite fills these on first use, unguarded, from whichever request
		// asks first: set them here so parallel requests only read them.
		ScopeStrategy:            fosite.WildcardScopeStrategy,
		AudienceMatchingStrategy: fosite.DefaultAudienceMatchingStrategy,
	}
	config.ClientSecretsHasher = &fosite.BCrypt{Config: config}
	hash, err := (&fosite.BCrypt{Config: config}).Hash(ctx, []byte(clientSecret))
	if err != nil {
		t.Fatal(err)
	}
	redirect := "http://127.0.0.1" + redirectPath // any loopback port (RFC 8252)
	store := storage.NewMemoryStore()
	store.Clients[confidentialID] = &fosite.DefaultOpenIDConnectClient{
		DefaultClient: &fosite.DefaultClient{ID: confidentialID, Secret: hash, RedirectURIs: []string{redirect},
			ResponseTypes: []string{"code"}, GrantTypes: []string{"authorization_code"}},
		TokenEndpointAuthMethod: "client_secret_post",
	}
	store.Clients[publicID] = &fosite.DefaultClient{ID: publicID, Public: true, RedirectURIs: []string{redirect},
		ResponseTypes: []string{"token"}, GrantTypes: []string{"implicit"}}

	var strategy any = compose.NewOAuth2HMACStrategy(config)
	if jwtTokens {
		key, err := signingKey()
		if err != nil {
			t.Fatal(err)
		}
		strategy = compose.NewOAuth2JWTStrategy(func(context.Context) (any, error) { return key, nil },
			compose.NewOAuth2HMACStrategy(config), config)
	}
	f := compose.Compose(config, store, strategy,
		compose.OAuth2AuthorizeExplicitFactory, compose.OAuth2AuthorizeImplicitFactory, compose.OAuth2PKCEFactory)

	p := &provider{}
	mux := http.NewServeMux()
	mux.HandleFunc("/oauth2/auth", func(w http.ResponseWriter, r *http.Request) {
		ar, err := f.NewAuthorizeRequest(r.Context(), r)
		if err != nil {
			f.WriteAuthorizeError(r.Context(), w, ar, err)
			return
		}
		sess := &oauth2.JWTSession{JWTClaims: &jwt.JWTClaims{Subject: subject}, Subject: subject}
		resp, err := f.NewAuthorizeResponse(r.Context(), ar, sess)
		if err != nil {
			f.WriteAuthorizeError(r.Context(), w, ar, err)
			return
		}
		f.WriteAuthorizeResponse(r.Context(), w, ar, resp)
	})
	mux.HandleFunc("/oauth2/token", func(w http.ResponseWriter, r *http.Request) {
		p.tokenRequests.Add(1)
		if _, _, ok := r.BasicAuth(); ok {
			t.Error("token request carries a Basic header")
		}
		ar, err := f.NewAccessRequest(r.Context(), r, &oauth2.JWTSession{})
		if err != nil {
			t.Logf("fosite refused the token request: %v", err)
			f.WriteAccessError(r.Context(), w, ar, err)
			return
		}
		resp, err := f.NewAccessResponse(r.Context(), ar)
		if err != nil {
			f.WriteAccessError(r.Context(), w, ar, err)
			return
		}
		f.WriteAccessResponse(r.Context(), w, ar, resp)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

func (p *provider) endpoint() auth.Endpoint {
	// The confidential client is registered for client_secret_post.
	return auth.Endpoint{AuthURL: p.URL + "/oauth2/auth", TokenURL: p.URL + "/oauth2/token", AuthStyle: xoauth2.AuthStyleInParams}
}

// userAgent plays the browser: it follows fosite's redirect to the
// receiver and, for a fragment, does what the relay page's script does.
func userAgent(t *testing.T) (open func(string) error, wait func() (int, string)) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var (
		wg     sync.WaitGroup
		status int
		body   string
	)
	open = func(authURL string) error {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, body = visit(t, client, authURL)
		}()
		return nil
	}
	return open, func() (int, string) { wg.Wait(); return status, body }
}

func visit(t *testing.T, client *http.Client, authURL string) (int, string) {
	resp, err := client.Get(authURL)
	if err != nil {
		t.Errorf("GET consent: %v", err)
		return 0, ""
	}
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		t.Errorf("fosite answered %s without a redirect", resp.Status)
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
	if !strings.Contains(string(page), "fetch(location.pathname") {
		t.Errorf("receiver did not serve the relay page: %s", page)
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

func TestLoginAgainstFosite(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		grant     auth.Grant
		jwtTokens bool
	}{
		{"code, opaque tokens", auth.GrantCode, false},
		{"code, JWT tokens", auth.GrantCode, true},
		{"implicit, opaque tokens", auth.GrantImplicit, false},
		{"implicit, JWT tokens", auth.GrantImplicit, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProvider(t, tt.jwtTokens)
			conf := &auth.Config{ClientID: confidentialID, ClientSecret: clientSecret,
				RedirectURL: "http://127.0.0.1:0" + redirectPath, Endpoint: p.endpoint()}
			if tt.grant == auth.GrantImplicit {
				conf.ClientID, conf.ClientSecret = publicID, ""
			}
			open, wait := userAgent(t)
			start := time.Now()
			tok, err := conf.Login(t.Context(), tt.grant, auth.LoginOptions{Open: open, Output: io.Discard})
			status, body := wait()
			if err != nil {
				t.Fatalf("Login: %v (receiver answered %d %q)", err, status, body)
			}
			if status != http.StatusOK {
				t.Errorf("receiver answered %d %q; want 200", status, body)
			}
			// fosite sends expires_in (one hour); it wins over any exp claim.
			if d := tok.Expiry.Sub(start); d < 50*time.Minute || d > 61*time.Minute {
				t.Errorf("Expiry in %v; want about one hour", d)
			}
			if tt.jwtTokens && tok.Subject != subject {
				t.Errorf("Subject = %q; want %q from the JWT", tok.Subject, subject)
			}
			if want := int32(map[auth.Grant]int32{auth.GrantCode: 1, auth.GrantImplicit: 0}[tt.grant]); p.tokenRequests.Load() != want {
				t.Errorf("token endpoint got %d requests; want %d", p.tokenRequests.Load(), want)
			}
		})
	}
}

func TestFositeRefusals(t *testing.T) {
	t.Parallel()
	p := newProvider(t, false)
	t.Run("wrong secret", func(t *testing.T) {
		t.Parallel()
		conf := &auth.Config{ClientID: confidentialID, ClientSecret: "wrong",
			RedirectURL: "http://127.0.0.1:0" + redirectPath, Endpoint: p.endpoint()}
		open, wait := userAgent(t)
		_, err := conf.Login(t.Context(), auth.GrantCode, auth.LoginOptions{Open: open, Output: io.Discard})
		status, body := wait()
		var ee *auth.ExchangeError
		if !errors.As(err, &ee) || ee.Code != "invalid_client" {
			t.Errorf("Login error = %v; want *ExchangeError invalid_client", err)
		}
		if status != http.StatusBadRequest || !strings.Contains(body, "invalid_client") {
			t.Errorf("receiver answered %d %q; want 400 naming invalid_client", status, body)
		}
	})
	t.Run("PKCE left out", func(t *testing.T) {
		t.Parallel()
		// fosite enforces PKCE: without a code_challenge it redirects back
		// with an error (and the state), so NoPKCE must fail here.
		ep := p.endpoint()
		ep.NoPKCE = true
		conf := &auth.Config{ClientID: confidentialID, ClientSecret: clientSecret,
			RedirectURL: "http://127.0.0.1:0" + redirectPath, Endpoint: ep}
		open, wait := userAgent(t)
		_, err := conf.Login(t.Context(), auth.GrantCode, auth.LoginOptions{Open: open, Output: io.Discard})
		wait()
		var ce *auth.CallbackError
		if !errors.As(err, &ce) || ce.Code != "invalid_request" {
			t.Errorf("Login error = %v; want *CallbackError invalid_request", err)
		}
	})
	t.Run("grant not allowed", func(t *testing.T) {
		t.Parallel()
		// The public client may not use the code grant: fosite redirects
		// back with error=unauthorized_client (or similar) and the state.
		conf := &auth.Config{ClientID: publicID, RedirectURL: "http://127.0.0.1:0" + redirectPath, Endpoint: p.endpoint()}
		open, wait := userAgent(t)
		_, err := conf.Login(t.Context(), auth.GrantCode, auth.LoginOptions{Open: open, Output: io.Discard})
		wait()
		var ce *auth.CallbackError
		if !errors.As(err, &ce) {
			t.Errorf("Login error = %v; want *CallbackError", err)
		}
	})
}

func TestFositeEchoesReservedState(t *testing.T) {
	t.Parallel()
	p := newProvider(t, false)
	conf := &auth.Config{ClientID: publicID, RedirectURL: "http://127.0.0.1:9" + redirectPath, Endpoint: p.endpoint()}
	req := conf.ImplicitURL()
	// Put reserved characters in the state, as another client might.
	state := "a&b=c#d?é/+%" + req.State
	authURL := strings.Replace(req.URL, "state="+req.State, "state="+url.QueryEscape(state), 1)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		t.Fatalf("no redirect: %s", resp.Status)
	}
	pasted, err := auth.ParsePin(loc.String(), auth.GrantImplicit)
	if err != nil {
		t.Fatalf("ParsePin(%s): %v", loc.Redacted(), err)
	}
	if !pasted.HasState || pasted.State != state || pasted.AccessToken == "" {
		t.Errorf("parsed state %q (present %t); want %q and a token", pasted.State, pasted.HasState, state)
	}
}

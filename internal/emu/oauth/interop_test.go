package oauth

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

// TestOAuth2Interop runs golang.org/x/oauth2 against the server over real
// HTTP, with PKCE and every client authentication style it offers.
func TestOAuth2Interop(t *testing.T) {
	t.Parallel()
	styles := map[string]oauth2.AuthStyle{
		"params": oauth2.AuthStyleInParams, "header": oauth2.AuthStyleInHeader, "auto": oauth2.AuthStyleAutoDetect,
	}
	for name, style := range styles {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, err := New(Config{User: testUser})
			if err != nil {
				t.Fatal(err)
			}
			mux := http.NewServeMux()
			mux.Handle("/api/v2/oauth/", s)
			ts := httptest.NewServer(mux)
			t.Cleanup(ts.Close)
			// A secret with reserved characters checks RFC 6749 §2.3.1 encoding.
			client := Client{ID: "77", Secret: "s:e c/r+e%t", RedirectURI: "http://127.0.0.1/cb", Name: "x/oauth2"}
			if err := s.RegisterClient(client); err != nil {
				t.Fatal(err)
			}
			cfg := oauth2.Config{
				ClientID: client.ID, ClientSecret: client.Secret, RedirectURL: client.RedirectURI,
				Endpoint: oauth2.Endpoint{
					AuthURL: ts.URL + "/api/v2/oauth/authorize", TokenURL: ts.URL + "/api/v2/oauth/token", AuthStyle: style,
				},
			}
			const state = "st/at e&="
			verifier := oauth2.GenerateVerifier()
			code := clickApprove(t, ts.Client(), cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), state)
			if _, err := cfg.Exchange(t.Context(), code, oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil ||
				!strings.Contains(err.Error(), "invalid_grant") {
				t.Fatalf("Exchange with another verifier: got %v; want invalid_grant", err)
			}
			code = clickApprove(t, ts.Client(), cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), state)
			tok, err := cfg.Exchange(t.Context(), code, oauth2.VerifierOption(verifier))
			if err != nil {
				t.Fatalf("Exchange: %v", err)
			}
			if tok.TokenType != "Bearer" || tok.Expiry.IsZero() {
				t.Errorf("got token type %q, expiry %v; want Bearer and an expiry", tok.TokenType, tok.Expiry)
			}
			if id, err := s.VerifyToken(tok.AccessToken); err != nil || id != testUser.ID {
				t.Errorf("VerifyToken: got %d, %v; want %d, nil", id, err, testUser.ID)
			}
			if _, err := cfg.Exchange(t.Context(), code); err == nil || !strings.Contains(err.Error(), "invalid_grant") {
				t.Errorf("replayed Exchange: got %v; want invalid_grant", err)
			}
		})
	}
}

// clickApprove loads the consent page at authURL, submits Approve like a
// browser would and returns the code from the redirect, checking state.
func clickApprove(t *testing.T, hc *http.Client, authURL, state string) string {
	t.Helper()
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	form := url.Values{"action": {"approve"}}
	for _, m := range hiddenRE.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	resp, err = c.PostForm(authURL, form) // the form has no action: it posts to the page URL
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := resp.Location()
	if err != nil {
		t.Fatalf("no redirect after Approve (status %d): %v", resp.StatusCode, err)
	}
	if got := loc.Query().Get("state"); got != state {
		t.Errorf("got state %q; want %q", got, state)
	}
	return loc.Query().Get("code")
}

package oauth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// tokenCall describes one token request.
type tokenCall struct {
	contentType string
	body        string
	basicUser   string // Basic credentials, form-urlencoded per RFC 6749 §2.3.1
	basicPass   string
	method      string
}

func (c tokenCall) do(s *Server) *httptest.ResponseRecorder {
	method := c.method
	if method == "" {
		method = http.MethodPost
	}
	r := httptest.NewRequest(method, "http://emu.test/api/v2/oauth/token", strings.NewReader(c.body))
	if c.contentType != "" {
		r.Header.Set("Content-Type", c.contentType)
	}
	if c.basicUser != "" {
		r.SetBasicAuth(c.basicUser, c.basicPass)
	}
	return serve(s, r)
}

func jsonBody(v map[string]any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

const formType = "application/x-www-form-urlencoded"

func TestTokenExchange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		call func(code string) tokenCall
	}{
		{"form", func(code string) tokenCall {
			return tokenCall{contentType: formType, body: exchangeForm(code).Encode()}
		}},
		{"form with charset", func(code string) tokenCall {
			return tokenCall{contentType: formType + "; charset=utf-8", body: exchangeForm(code).Encode()}
		}},
		{"json", func(code string) tokenCall {
			return tokenCall{contentType: "application/json", body: jsonBody(map[string]any{
				"grant_type": "authorization_code", "client_id": appClient.ID, "client_secret": appClient.Secret,
				"redirect_uri": appClient.RedirectURI, "code": code})}
		}},
		{"json numeric client_id", func(code string) tokenCall {
			return tokenCall{contentType: "application/json", body: `{"grant_type":"authorization_code","client_id":1234,` +
				`"client_secret":"s3cret","redirect_uri":"https://app.example/callback?keep=1","code":"` + code + `","extra":null}`}
		}},
		{"basic", func(code string) tokenCall {
			v := url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {appClient.RedirectURI}, "code": {code}}
			return tokenCall{contentType: formType, body: v.Encode(), basicUser: appClient.ID, basicPass: appClient.Secret}
		}},
		{"basic with client_id in body", func(code string) tokenCall {
			v := exchangeForm(code)
			v.Del("client_secret")
			return tokenCall{contentType: formType, body: v.Encode(), basicUser: appClient.ID, basicPass: appClient.Secret}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _ := newTestServer(t)
			w := tt.call(getCode(t, s, codeQuery())).do(s)
			if w.Code != http.StatusOK {
				t.Fatalf("got status %d; want 200; body %s", w.Code, w.Body)
			}
			for k, want := range map[string]string{"Content-Type": "application/json", "Cache-Control": "no-store", "Pragma": "no-cache"} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("got %s %q; want %q", k, got, want)
				}
			}
			got := decodeJSON(t, w.Body)
			tok, _ := got["access_token"].(string)
			delete(got, "access_token")
			if diff := cmp.Diff(map[string]any{"token_type": "Bearer", "expires_in": float64(31536000)}, got); diff != "" {
				t.Errorf("token response (-want +got):\n%s", diff)
			}
			if id, err := s.VerifyToken(tok); err != nil || id != testUser.ID {
				t.Errorf("VerifyToken: got %d, %v; want %d, nil", id, err, testUser.ID)
			}
		})
	}
}

func TestTokenErrors(t *testing.T) {
	t.Parallel()
	form := func(code string, edit func(url.Values)) tokenCall {
		v := exchangeForm(code)
		edit(v)
		return tokenCall{contentType: formType, body: v.Encode()}
	}
	tests := []struct {
		name       string
		call       func(code string) tokenCall
		before     func(s *Server, c *clock, code string) // e.g. spend or expire the code
		wantStatus int
		wantError  string
	}{
		{"GET", func(string) tokenCall { return tokenCall{method: http.MethodGet} }, nil, 405, "invalid_request"},
		{"no content type", func(c string) tokenCall { return tokenCall{body: exchangeForm(c).Encode()} }, nil, 400, "invalid_request"},
		{"text body", func(c string) tokenCall { return tokenCall{contentType: "text/plain", body: "x"} }, nil, 400, "invalid_request"},
		{"bad form", func(string) tokenCall { return tokenCall{contentType: formType, body: "a=%zz"} }, nil, 400, "invalid_request"},
		{"repeated param", func(c string) tokenCall { return form(c, func(v url.Values) { v.Add("code", "x") }) }, nil, 400, "invalid_request"},
		{"bad json", func(string) tokenCall { return tokenCall{contentType: "application/json", body: "{"} }, nil, 400, "invalid_request"},
		{"json array", func(string) tokenCall { return tokenCall{contentType: "application/json", body: "[]"} }, nil, 400, "invalid_request"},
		{"json null", func(string) tokenCall { return tokenCall{contentType: "application/json", body: "null"} }, nil, 400, "invalid_request"},
		{"json trailing", func(string) tokenCall { return tokenCall{contentType: "application/json", body: `{"code":"x"}{}`} }, nil, 400, "invalid_request"},
		{"json bool", func(string) tokenCall {
			return tokenCall{contentType: "application/json", body: `{"grant_type":true}`}
		}, nil, 400, "invalid_request"},
		{"too large", func(string) tokenCall {
			return tokenCall{contentType: formType, body: "code=" + strings.Repeat("a", maxTokenBody)}
		}, nil, 400, "invalid_request"},
		{"no grant type", func(c string) tokenCall { return form(c, func(v url.Values) { v.Del("grant_type") }) }, nil, 400, "invalid_request"},
		{"refresh grant", func(c string) tokenCall { return form(c, func(v url.Values) { v.Set("grant_type", "refresh_token") }) }, nil, 400, "unsupported_grant_type"},
		{"wrong secret", func(c string) tokenCall { return form(c, func(v url.Values) { v.Set("client_secret", "nope") }) }, nil, 400, "invalid_client"},
		{"no secret", func(c string) tokenCall { return form(c, func(v url.Values) { v.Del("client_secret") }) }, nil, 400, "invalid_client"},
		{"unknown client", func(c string) tokenCall { return form(c, func(v url.Values) { v.Set("client_id", "999") }) }, nil, 400, "invalid_client"},
		{"basic wrong secret", func(c string) tokenCall {
			return tokenCall{contentType: formType, body: "grant_type=authorization_code&code=" + c, basicUser: appClient.ID, basicPass: "nope"}
		}, nil, 401, "invalid_client"},
		{"basic and body secret", func(c string) tokenCall {
			return tokenCall{contentType: formType, body: exchangeForm(c).Encode(), basicUser: appClient.ID, basicPass: appClient.Secret}
		}, nil, 400, "invalid_request"},
		{"basic other client_id", func(c string) tokenCall {
			return tokenCall{contentType: formType, body: "grant_type=authorization_code&client_id=55&code=" + c, basicUser: appClient.ID, basicPass: appClient.Secret}
		}, nil, 400, "invalid_request"},
		{"basic not urlencoded", func(c string) tokenCall {
			return tokenCall{contentType: formType, body: "grant_type=authorization_code&code=" + c, basicUser: "%zz", basicPass: "x"}
		}, nil, 400, "invalid_request"},
		{"no code", func(c string) tokenCall { return form(c, func(v url.Values) { v.Del("code") }) }, nil, 400, "invalid_request"},
		{"unknown code", func(c string) tokenCall { return form(c, func(v url.Values) { v.Set("code", "nope") }) }, nil, 400, "invalid_grant"},
		{"other redirect", func(c string) tokenCall {
			return form(c, func(v url.Values) { v.Set("redirect_uri", "https://app.example/callback") })
		}, nil, 400, "invalid_grant"},
		{"missing redirect", func(c string) tokenCall { return form(c, func(v url.Values) { v.Del("redirect_uri") }) }, nil, 400, "invalid_grant"},
		{"other client's code", func(c string) tokenCall {
			return form(c, func(v url.Values) {
				v.Set("client_id", pinClient.ID)
				v.Set("client_secret", pinClient.Secret)
				v.Set("redirect_uri", pinClient.RedirectURI)
			})
		}, nil, 400, "invalid_grant"},
		{"replayed code", func(c string) tokenCall { return form(c, func(url.Values) {}) },
			func(s *Server, _ *clock, c string) {
				if w := formToken(s, exchangeForm(c)); w.Code != http.StatusOK {
					panic("first exchange failed")
				}
			}, 400, "invalid_grant"},
		{"expired code", func(c string) tokenCall { return form(c, func(url.Values) {}) },
			func(_ *Server, clk *clock, _ string) { clk.Advance(DefaultCodeTTL) }, 400, "invalid_grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, clk := newTestServer(t)
			code := getCode(t, s, codeQuery())
			if tt.before != nil {
				tt.before(s, clk, code)
			}
			w := tt.call(code).do(s)
			if w.Code != tt.wantStatus {
				t.Errorf("got status %d; want %d; body %s", w.Code, tt.wantStatus, w.Body)
			}
			got := decodeJSON(t, w.Body)
			if got["error"] != tt.wantError {
				t.Errorf("got error %v; want %q", got["error"], tt.wantError)
			}
			if _, ok := got["access_token"]; ok {
				t.Errorf("error answer carries an access_token")
			}
			wantChallenge := ""
			if tt.wantStatus == http.StatusUnauthorized {
				wantChallenge = `Basic realm="AniList"`
			}
			if got := w.Header().Get("WWW-Authenticate"); got != wantChallenge {
				t.Errorf("got WWW-Authenticate %q; want %q", got, wantChallenge)
			}
		})
	}
}

func TestCodeJustBeforeExpiry(t *testing.T) {
	t.Parallel()
	s, clk := newTestServer(t)
	code := getCode(t, s, codeQuery())
	clk.Advance(DefaultCodeTTL - time.Nanosecond)
	if w := formToken(s, exchangeForm(code)); w.Code != http.StatusOK {
		t.Errorf("got status %d; want 200; body %s", w.Code, w.Body)
	}
}

func TestCodeWithoutRedirectURI(t *testing.T) {
	t.Parallel()
	// The request relied on the registered redirect URI: the exchange may omit
	// it or repeat the registered one.
	for _, redirect := range []string{"", appClient.RedirectURI} {
		s, _ := newTestServer(t)
		q := codeQuery()
		q.Del("redirect_uri")
		v := exchangeForm(getCode(t, s, q))
		v.Set("redirect_uri", redirect)
		if w := formToken(s, v); w.Code != http.StatusOK {
			t.Errorf("redirect_uri %q: got status %d; want 200; body %s", redirect, w.Code, w.Body)
		}
	}
	// But another redirect_uri is refused.
	s, _ := newTestServer(t)
	q := codeQuery()
	q.Del("redirect_uri")
	v := exchangeForm(getCode(t, s, q))
	v.Set("redirect_uri", "https://evil.example/cb")
	if w := formToken(s, v); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "invalid_grant") {
		t.Errorf("other redirect_uri: got status %d, body %s; want 400 invalid_grant", w.Code, w.Body)
	}
}

func TestCodeRedeemedOnceUnderConcurrency(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	const codes, racers = 20, 8
	var mu sync.Mutex
	wins := map[string]int{}
	var wg sync.WaitGroup
	for range codes {
		code := getCode(t, s, codeQuery())
		for range racers {
			wg.Go(func() {
				if w := formToken(s, exchangeForm(code)); w.Code == http.StatusOK {
					mu.Lock()
					wins[code]++
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	if len(wins) != codes {
		t.Errorf("got %d codes redeemed; want %d", len(wins), codes)
	}
	for code, n := range wins {
		if n != 1 {
			t.Errorf("code %.6s… redeemed %d times; want 1", code, n)
		}
	}
}

func TestPruneDropsExpiredCodes(t *testing.T) {
	t.Parallel()
	s, clk := newTestServer(t)
	for range 300 {
		s.newCode(grant{clientID: appClient.ID, userID: 1})
	}
	clk.Advance(DefaultCodeTTL)
	s.newCode(grant{clientID: appClient.ID, userID: 1})
	s.mu.Lock()
	n := len(s.codes)
	s.mu.Unlock()
	if n != 1 {
		t.Errorf("got %d stored codes after expiry; want 1", n)
	}
}

func TestPinCodeExchange(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	q := url.Values{"client_id": {pinClient.ID}, "redirect_uri": {AniListPinURL}, "response_type": {"code"}}
	loc, err := url.Parse(authorize(t, s, q, "approve"))
	if err != nil || loc.Path != "pin" {
		t.Fatalf("got Location %v (%v); want the relative pin page", loc, err)
	}
	v := url.Values{"grant_type": {"authorization_code"}, "client_id": {pinClient.ID}, "client_secret": {pinClient.Secret},
		"redirect_uri": {AniListPinURL}, "code": {loc.Query().Get("code")}}
	if w := formToken(s, v); w.Code != http.StatusOK {
		t.Errorf("got status %d; want 200; body %s", w.Code, w.Body)
	}
}

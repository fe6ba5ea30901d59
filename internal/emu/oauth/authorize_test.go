package oauth

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestAuthorizeErrorPage(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	tests := []struct {
		name  string
		query url.Values
		want  string
	}{
		{"no client", url.Values{"response_type": {"code"}}, "no client_id"},
		{"unknown client", url.Values{"client_id": {"999"}, "response_type": {"code"}}, "Unknown client_id"},
		{"other redirect", url.Values{"client_id": {appClient.ID}, "redirect_uri": {"https://evil.example/cb"}, "response_type": {"code"}}, "does not match"},
		{"prefix of registered", url.Values{"client_id": {appClient.ID}, "redirect_uri": {"https://app.example/callback"}, "response_type": {"code"}}, "does not match"},
		{"trailing slash", url.Values{"client_id": {appClient.ID}, "redirect_uri": {appClient.RedirectURI + "/"}, "response_type": {"token"}}, "does not match"},
		{"bad client and response_type", url.Values{"client_id": {"999"}, "response_type": {"bogus"}}, "Unknown client_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := serve(s, httptest.NewRequest(http.MethodGet, authorizeURL(tt.query), nil))
			if w.Code != http.StatusBadRequest {
				t.Errorf("got status %d; want 400", w.Code)
			}
			if loc := w.Header().Get("Location"); loc != "" {
				t.Errorf("got Location %q; want no redirect", loc)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("got Content-Type %q; want text/html", ct)
			}
			if !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("got body %q; want it to contain %q", w.Body, tt.want)
			}
		})
	}
}

func TestAuthorizeResponseTypeError(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	tests := []struct {
		responseType string
		want         string
	}{
		{"", "https://app.example/callback?keep=1&error=invalid_request&error_description=response_type+is+missing&state=st"},
		{"id_token", "https://app.example/callback?keep=1&error=unsupported_response_type&state=st"},
	}
	for _, tt := range tests {
		q := url.Values{"client_id": {appClient.ID}, "response_type": {tt.responseType}, "state": {"st"}}
		w := serve(s, httptest.NewRequest(http.MethodGet, authorizeURL(q), nil))
		if w.Code != http.StatusFound {
			t.Errorf("response_type %q: got status %d; want 302", tt.responseType, w.Code)
		}
		if got := w.Header().Get("Location"); got != tt.want {
			t.Errorf("response_type %q: got Location %q; want %q", tt.responseType, got, tt.want)
		}
	}
}

func TestConsentPage(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	q := url.Values{"client_id": {xssClient.ID}, "response_type": {"code"}, "state": {`"><script>x</script>`}}
	w := serve(s, httptest.NewRequest(http.MethodGet, authorizeURL(q), nil))
	body := w.Body.String()
	for _, want := range []string{
		`id="approve"`, `id="deny"`, `<form method="post">`, `name="nonce" value="`,
		`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; wants to access your AniList account`,
		`Tester &amp; &lt;Co&gt;`,
		`name="state" value="&#34;&gt;&lt;script&gt;x&lt;/script&gt;"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("consent page lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<script>") {
		t.Errorf("consent page contains an unescaped <script>:\n%s", body)
	}
	if got := w.Header().Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("got X-Frame-Options %q; want DENY", got)
	}
}

func TestAuthorizeRedirects(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	const state = "a b&c=d#e?f/g+h%20i;€="
	tests := []struct {
		name          string
		client        Client
		responseType  string
		action        string
		noRedirectURI bool
		wantPrefix    string
		wantFragment  bool
		want          url.Values // parameters besides code/access_token
	}{
		{"code approve", appClient, "code", "approve", false, "https://app.example/callback?keep=1&", false,
			url.Values{"keep": {"1"}, "state": {state}}},
		{"code deny", appClient, "code", "deny", false, "https://app.example/callback?keep=1&", false,
			url.Values{"keep": {"1"}, "state": {state}, "error": {"access_denied"}, "error_description": {"The user denied the request."}}},
		{"token approve", appClient, "token", "approve", true, "https://app.example/callback?keep=1#", true,
			url.Values{"state": {state}, "token_type": {"Bearer"}, "expires_in": {"31536000"}}},
		{"token deny", appClient, "token", "deny", true, "https://app.example/callback?keep=1#", true,
			url.Values{"state": {state}, "error": {"access_denied"}, "error_description": {"The user denied the request."}}},
		{"custom scheme", xssClient, "code", "approve", false, "myapp://cb?", false, url.Values{"state": {state}}},
		{"pin code", pinClient, "code", "approve", false, "pin?", false, url.Values{"state": {state}}},
		{"pin token", pinClient, "token", "approve", true, "pin#", true,
			url.Values{"state": {state}, "token_type": {"Bearer"}, "expires_in": {"31536000"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := url.Values{"client_id": {tt.client.ID}, "response_type": {tt.responseType}, "state": {state}}
			if !tt.noRedirectURI {
				q.Set("redirect_uri", tt.client.RedirectURI)
			}
			loc := authorize(t, s, q, tt.action)
			if !strings.HasPrefix(loc, tt.wantPrefix) {
				t.Fatalf("got Location %q; want prefix %q", loc, tt.wantPrefix)
			}
			u, err := url.Parse(loc)
			if err != nil {
				t.Fatal(err)
			}
			raw := u.RawQuery
			if tt.wantFragment {
				raw = u.EscapedFragment()
			}
			got, err := url.ParseQuery(raw)
			if err != nil {
				t.Fatal(err)
			}
			secret := "code"
			if tt.wantFragment {
				secret = "access_token"
			}
			if tt.action == "approve" && got.Get(secret) == "" {
				t.Errorf("got no %s in %q", secret, loc)
			}
			got.Del(secret)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("redirect parameters (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImplicitTokenVerifies(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	loc := authorize(t, s, url.Values{"client_id": {appClient.ID}, "response_type": {"token"}}, "approve")
	u, _ := url.Parse(loc)
	frag, _ := url.ParseQuery(u.Fragment)
	id, err := s.VerifyToken(frag.Get("access_token"))
	if err != nil || id != testUser.ID {
		t.Fatalf("VerifyToken: got %d, %v; want %d, nil", id, err, testUser.ID)
	}
}

func TestConsentFormTampering(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(url.Values, *clock)
		action string
	}{
		{"no nonce", func(f url.Values, _ *clock) { f.Del("nonce") }, "approve"},
		{"forged nonce", func(f url.Values, _ *clock) { f.Set("nonce", "AAAA") }, "approve"},
		{"changed client", func(f url.Values, _ *clock) { f.Set("client_id", pinClient.ID) }, "approve"},
		{"changed redirect", func(f url.Values, _ *clock) { f.Set("redirect_uri", "https://evil.example/") }, "approve"},
		{"changed response type", func(f url.Values, _ *clock) { f.Set("response_type", "token") }, "approve"},
		{"changed state", func(f url.Values, _ *clock) { f.Set("state", "other") }, "deny"},
		{"expired page", func(_ url.Values, c *clock) { c.Advance(consentTTL) }, "approve"},
		{"unknown action", func(url.Values, *clock) {}, "maybe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, clk := newTestServer(t)
			form := consentForm(t, s, codeQuery())
			tt.edit(form, clk)
			w := submit(s, form, tt.action)
			if w.Code != http.StatusBadRequest || w.Header().Get("Location") != "" {
				t.Errorf("got status %d, Location %q; want 400 and no redirect", w.Code, w.Header().Get("Location"))
			}
		})
	}
}

func TestConsentNonceSingleUse(t *testing.T) {
	t.Parallel()
	s, clk := newTestServer(t)
	form := consentForm(t, s, codeQuery())
	clk.Advance(consentTTL - time.Second)
	if w := submit(s, form, "approve"); w.Code != http.StatusFound {
		t.Fatalf("first submit: got status %d; want 302", w.Code)
	}
	if w := submit(s, form, "approve"); w.Code != http.StatusBadRequest {
		t.Errorf("second submit: got status %d; want 400", w.Code)
	}
}

func TestPinPage(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	tests := []struct {
		target string
		want   []string
	}{
		{"pin?code=abc%3C%3E", []string{`<textarea id="code" readonly rows="4" cols="60">abc&lt;&gt;</textarea>`, `<textarea id="token"`}},
		{"pin?error=access_denied", []string{`<p id="error">access_denied</p>`}},
		{"pin", []string{`<textarea id="token"`, `location.hash`}},
	}
	for _, tt := range tests {
		// The Location "pin?…" is relative to …/oauth/authorize.
		base, _ := url.Parse("http://emu.test/api/v2/oauth/authorize")
		ref, _ := url.Parse(tt.target)
		w := serve(s, httptest.NewRequest(http.MethodGet, base.ResolveReference(ref).String(), nil))
		if w.Code != http.StatusOK {
			t.Errorf("%s: got status %d; want 200", tt.target, w.Code)
		}
		for _, want := range tt.want {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s: page lacks %q:\n%s", tt.target, want, w.Body)
			}
		}
		if got := w.Header().Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: got Referrer-Policy %q; want no-referrer", tt.target, got)
		}
	}
}

func TestMethodsAndRoutes(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	tests := []struct {
		method, path string
		want         int
	}{
		{http.MethodPut, "/api/v2/oauth/authorize", http.StatusMethodNotAllowed},
		{http.MethodGet, "/api/v2/oauth/token", http.StatusMethodNotAllowed},
		{http.MethodPost, "/api/v2/oauth/pin", http.StatusMethodNotAllowed},
		{http.MethodGet, "/api/v2/oauth/other", http.StatusNotFound},
		{http.MethodGet, "/api/v2/oauth/", http.StatusNotFound},
		{http.MethodGet, "/pin", http.StatusOK}, // behind http.StripPrefix
	}
	for _, tt := range tests {
		w := serve(s, httptest.NewRequest(tt.method, "http://emu.test"+tt.path, nil))
		if w.Code != tt.want {
			t.Errorf("%s %s: got status %d; want %d", tt.method, tt.path, w.Code, tt.want)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no user", Config{}},
		{"no client id", Config{User: testUser, Clients: []Client{{RedirectURI: "https://a.example/"}}}},
		{"relative redirect", Config{User: testUser, Clients: []Client{{ID: "1", RedirectURI: "/cb"}}}},
		{"fragment redirect", Config{User: testUser, Clients: []Client{{ID: "1", RedirectURI: "https://a.example/#x"}}}},
	}
	for _, tt := range tests {
		if _, err := New(tt.cfg); err == nil {
			t.Errorf("%s: New succeeded; want an error", tt.name)
		}
	}
}

func TestSetUser(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	if err := s.SetUser(User{ID: 7, Name: "Seven"}); err != nil {
		t.Fatal(err)
	}
	code := getCode(t, s, codeQuery())
	w := formToken(s, exchangeForm(code))
	tok, _ := decodeJSON(t, w.Body)["access_token"].(string)
	if id, err := s.VerifyToken(tok); err != nil || id != 7 {
		t.Errorf("VerifyToken: got %d, %v; want 7, nil", id, err)
	}
}

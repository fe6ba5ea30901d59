package oauth

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// clock is a settable clock for tests.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var (
	appClient = Client{ID: "1234", Secret: "s3cret", RedirectURI: "https://app.example/callback?keep=1", Name: "My App"}
	pinClient = Client{ID: "55", Secret: "pinsecret", RedirectURI: AniListPinURL, Name: "Pin App"}
	xssClient = Client{ID: "66", Secret: "x", RedirectURI: "myapp://cb", Name: `<script>alert("x")</script>`}
	testUser  = User{ID: 42, Name: "Tester & <Co>"}
)

// newTestServer returns a server with the test clients, the test user and a
// clock starting at t0.
func newTestServer(t *testing.T) (*Server, *clock) {
	t.Helper()
	clk := &clock{now: t0}
	s, err := New(Config{User: testUser, Clients: []Client{appClient, pinClient, xssClient}, Now: clk.Now})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s, clk
}

// serve runs one request through s and returns the recorded response.
func serve(s http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// authorizeURL is the authorize endpoint with query q.
func authorizeURL(q url.Values) string {
	return "http://emu.test/api/v2/oauth/authorize?" + q.Encode()
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// consentForm GETs the consent page for q and returns its hidden fields.
func consentForm(t *testing.T, s *Server, q url.Values) url.Values {
	t.Helper()
	w := serve(s, httptest.NewRequest(http.MethodGet, authorizeURL(q), nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET authorize: got status %d; want 200; body:\n%s", w.Code, w.Body)
	}
	form := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(w.Body.String(), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	return form
}

// submit POSTs the consent form with action and returns the response.
func submit(s *Server, form url.Values, action string) *httptest.ResponseRecorder {
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("action", action)
	r := httptest.NewRequest(http.MethodPost, "http://emu.test/api/v2/oauth/authorize", strings.NewReader(f.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return serve(s, r)
}

// authorize runs the consent page for q and clicks action; it returns the
// redirect Location.
func authorize(t *testing.T, s *Server, q url.Values, action string) string {
	t.Helper()
	w := submit(s, consentForm(t, s, q), action)
	if w.Code != http.StatusFound {
		t.Fatalf("POST authorize: got status %d; want 302; body:\n%s", w.Code, w.Body)
	}
	return w.Header().Get("Location")
}

// getCode runs the code grant for the app client and returns the code.
func getCode(t *testing.T, s *Server, q url.Values) string {
	t.Helper()
	loc, err := url.Parse(authorize(t, s, q, "approve"))
	if err != nil {
		t.Fatal(err)
	}
	code := loc.Query().Get("code")
	if code == "" {
		t.Fatalf("no code in %s", loc.Redacted())
	}
	return code
}

// codeQuery is an authorization-code request for the app client.
func codeQuery() url.Values {
	return url.Values{"client_id": {appClient.ID}, "redirect_uri": {appClient.RedirectURI},
		"response_type": {"code"}, "state": {"st"}}
}

// formToken POSTs a form body to the token endpoint.
func formToken(s *Server, v url.Values) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "http://emu.test/api/v2/oauth/token", strings.NewReader(v.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Accept", "application/json")
	return serve(s, r)
}

// exchangeForm is a complete form token request for the app client.
func exchangeForm(code string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "client_id": {appClient.ID},
		"client_secret": {appClient.Secret}, "redirect_uri": {appClient.RedirectURI}, "code": {code}}
}

// decodeJSON decodes the body of w into a map.
func decodeJSON(t *testing.T, body io.Reader) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.NewDecoder(body).Decode(&m); err != nil {
		t.Fatalf("decoding JSON body: %v", err)
	}
	return m
}

package auth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"

	"github.com/anigql/anigql/internal/emu/oauth"
)

// tokenServer records token requests and answers each with the given
// status, content type and body.
type tokenServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recorded
}

type recorded struct {
	method, path, contentType, accept, authorization string
	form                                             url.Values
}

func newTokenServer(t *testing.T, status int, contentType, body string) *tokenServer {
	t.Helper()
	ts := &tokenServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		if r.Header.Get("Content-Type") == "application/json" {
			form = jsonParams(t, b)
		}
		ts.mu.Lock()
		ts.reqs = append(ts.reqs, recorded{r.Method, r.URL.Path, r.Header.Get("Content-Type"),
			r.Header.Get("Accept"), r.Header.Get("Authorization"), form})
		ts.mu.Unlock()
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// jsonParams decodes a JSON object of strings, as JSONRequest sends.
func jsonParams(t *testing.T, b []byte) url.Values {
	var obj map[string]string
	if err := json.Unmarshal(b, &obj); err != nil {
		t.Errorf("token request body %q: %v", b, err)
	}
	v := url.Values{}
	for k, s := range obj {
		v.Set(k, s)
	}
	return v
}

func (ts *tokenServer) requests() []recorded {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]recorded(nil), ts.reqs...)
}

func (ts *tokenServer) config(format TokenFormat, lifetime time.Duration) *Config {
	return &Config{
		ClientID: "1234", ClientSecret: "s3cret&=+", RedirectURL: "http://127.0.0.1:8080/cb",
		Endpoint: Endpoint{AuthURL: ts.URL + "/oauth/authorize", TokenURL: ts.URL + "/api/v2/oauth/token",
			Format: format, Lifetime: lifetime},
		Now: fixedNow,
	}
}

// requestBodies are the two shapes of a token request: a form, and a JSON
// object with Endpoint.JSONRequest.
var requestBodies = []struct {
	jsonRequest bool
	contentType string
}{{false, "application/x-www-form-urlencoded"}, {true, "application/json"}}

// TestExchangeWire checks the token request on the wire for each client
// authentication style and body shape: the PKCE verifier of the request,
// credentials in exactly one place, and exactly one request.
func TestExchangeWire(t *testing.T) {
	t.Parallel()
	const secret = "s3cret&=+"
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("1234:"+url.QueryEscape(secret)))
	styles := []struct {
		name     string
		style    oauth2.AuthStyle
		secret   string
		header   string
		inParams url.Values
	}{
		{"in params", oauth2.AuthStyleInParams, secret, "", url.Values{"client_id": {"1234"}, "client_secret": {secret}}},
		{"in header", oauth2.AuthStyleInHeader, secret, basic, url.Values{}},
		{"zero, confidential: Basic", oauth2.AuthStyleAutoDetect, secret, basic, url.Values{}},
		{"zero, public: client_id in body", oauth2.AuthStyleAutoDetect, "", "", url.Values{"client_id": {"1234"}}},
	}
	for _, st := range styles {
		for _, tt := range requestBodies {
			t.Run(st.name+"/"+tt.contentType, func(t *testing.T) {
				t.Parallel()
				ts := newTokenServer(t, http.StatusOK, "application/json", `{"access_token":"tok","token_type":"Bearer","expires_in":3600}`)
				conf := ts.config(FormatRFC6749, AniListLifetime)
				conf.ClientSecret = st.secret
				conf.Endpoint.AuthStyle = st.style
				conf.Endpoint.JSONRequest = tt.jsonRequest
				req := conf.AuthCodeURL()
				if _, err := conf.Exchange(t.Context(), req, " code/with+reserved&chars=\"\\ "); err != nil {
					t.Fatalf("Exchange: %v", err)
				}
				form := url.Values{
					"grant_type":    {"authorization_code"},
					"code":          {"code/with+reserved&chars=\"\\"},
					"redirect_uri":  {"http://127.0.0.1:8080/cb"},
					"code_verifier": {req.verifier},
				}
				for k, v := range st.inParams {
					form[k] = v
				}
				want := []recorded{{
					method: http.MethodPost, path: "/api/v2/oauth/token",
					contentType: tt.contentType, accept: "application/json", authorization: st.header, form: form,
				}}
				if diff := cmp.Diff(want, ts.requests(), cmp.AllowUnexported(recorded{})); diff != "" {
					t.Errorf("token requests (-want +got):\n%s", diff)
				}
				u, _ := url.Parse(req.URL)
				sum := sha256.Sum256([]byte(req.verifier))
				if got, want := u.Query().Get("code_challenge"), base64.RawURLEncoding.EncodeToString(sum[:]); got != want ||
					u.Query().Get("code_challenge_method") != "S256" || len(req.verifier) != 43 {
					t.Errorf("code_challenge = %q (%s); want S256 %q of a 43-character verifier", got, u.Query().Get("code_challenge_method"), want)
				}
			})
		}
	}
}

func TestExchangeNoPKCE(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t, http.StatusOK, "application/json", `{"access_token":"tok"}`)
	conf := ts.config(FormatRFC6749, 0)
	conf.Endpoint.NoPKCE = true
	req := conf.AuthCodeURL()
	if strings.Contains(req.URL, "code_challenge") {
		t.Errorf("NoPKCE: consent URL %s carries a code_challenge", req.URL)
	}
	if _, err := conf.Exchange(t.Context(), req, "c"); err != nil {
		t.Fatal(err)
	}
	if f := ts.requests()[0].form; f.Has("code_verifier") {
		t.Errorf("NoPKCE: token request carries a code_verifier: %v", f)
	}
	for _, r := range []*AuthRequest{nil, {URL: req.URL, State: req.State}} {
		if _, err := conf.Exchange(t.Context(), r, "c"); err == nil {
			t.Errorf("Exchange with %v succeeded; want only AuthRequests made by Config", r)
		}
		if _, err := r.Callback(url.Values{"code": {"c"}, "state": {req.State}}); err == nil {
			t.Errorf("Callback on %v succeeded; want only AuthRequests made by Config", r)
		}
	}
}

// exchangeResponseTest is a token endpoint's successful answer and the
// Token it gives.
type exchangeResponseTest struct {
	name        string
	format      TokenFormat
	lifetime    time.Duration
	contentType string
	body        string
	want        Token
}

// exchangeResponseTests are TestExchangeResponses's cases, and seeds of
// FuzzTokenResponse.
func exchangeResponseTests(tb testing.TB) []exchangeResponseTest {
	jwt := testJWT(tb, `{"sub":"77","exp":1900000000,"iat":1800000000}`)
	noExp := testJWT(tb, `{"sub":"77","iat":1800000000}`)
	return []exchangeResponseTest{
		{"expires_in wins over exp", FormatRFC6749, AniListLifetime, "application/json",
			`{"access_token":"` + jwt + `","token_type":"Bearer","expires_in":31536000}`,
			Token{AccessToken: jwt, TokenType: "Bearer", Expiry: t0.Add(AniListLifetime), Subject: "77"}},
		{"exp when no expires_in", FormatRFC6749, AniListLifetime, "application/json",
			`{"access_token":"` + jwt + `"}`,
			Token{AccessToken: jwt, Expiry: time.Unix(1900000000, 0).UTC(), Subject: "77"}},
		{"iat plus lifetime", FormatRFC6749, AniListLifetime, "application/json; charset=utf-8",
			`{"access_token":"` + noExp + `","refresh_token":null}`,
			Token{AccessToken: noExp, Expiry: time.Unix(1800000000, 0).UTC().Add(AniListLifetime), Subject: "77"}},
		{"opaque token, now plus lifetime", FormatRFC6749, AniListLifetime, "application/json",
			`{"access_token":"opaque"}`, Token{AccessToken: "opaque", Expiry: t0.Add(AniListLifetime)}},
		{"opaque token, unknown lifetime", FormatRFC6749, 0, "application/json",
			`{"access_token":"opaque","token_type":"bearer"}`, Token{AccessToken: "opaque", TokenType: "bearer"}},
		{"form-encoded answer", FormatRFC6749, 0, "application/x-www-form-urlencoded",
			`access_token=opaque&expires_in=60`, Token{AccessToken: "opaque", Expiry: t0.Add(time.Minute)}},
		{"AniAPI envelope", FormatAniAPI, AniAPILifetime, "application/json",
			`{"status":200,"message":"Code verified","data":"` + noExp + `","version":"1"}`,
			Token{AccessToken: noExp, TokenType: "Bearer", Expiry: time.Unix(1800000000, 0).UTC().Add(AniAPILifetime), Subject: "77"}},
		{"AniAPI envelope, JWT exp", FormatAniAPI, AniAPILifetime, "application/json",
			`{"status":200,"message":"Code verified","data":"` + jwt + `","version":"1"}`,
			Token{AccessToken: jwt, TokenType: "Bearer", Expiry: time.Unix(1900000000, 0).UTC(), Subject: "77"}},
		{"AniAPI envelope, opaque token", FormatAniAPI, AniAPILifetime, "application/json",
			`{"status":200,"message":"Code verified","data":"opaque","version":"1"}`,
			Token{AccessToken: "opaque", TokenType: "Bearer", Expiry: t0.Add(30 * 24 * time.Hour)}},
	}
}

func TestExchangeResponses(t *testing.T) {
	t.Parallel()
	for _, tt := range exchangeResponseTests(t) {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTokenServer(t, http.StatusOK, tt.contentType, tt.body)
			got, err := ts.config(tt.format, tt.lifetime).Exchange(t.Context(), testRequest("", GrantCode, false), "c")
			if err != nil {
				t.Fatalf("Exchange: %v", err)
			}
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("token (-want +got):\n%s", diff)
			}
			if n := len(ts.requests()); n != 1 {
				t.Errorf("got %d token requests; want 1", n)
			}
		})
	}
}

// exchangeErrorTests are token endpoint answers that Exchange refuses, and
// the error fields they give; TestExchangeErrors's cases, and seeds of
// FuzzTokenResponse.
var exchangeErrorTests = []struct {
	name        string
	format      TokenFormat
	status      int
	contentType string
	body        string
	want        ExchangeError
}{
	{"invalid_grant", FormatRFC6749, 400, "application/json",
		`{"error":"invalid_grant","error_description":"code used"}`,
		ExchangeError{StatusCode: 400, Code: "invalid_grant", Description: "code used"}},
	{"error with status 200", FormatRFC6749, 200, "application/json",
		`{"error":"invalid_client"}`, ExchangeError{StatusCode: 200, Code: "invalid_client"}},
	{"html 500", FormatRFC6749, 500, "text/html", `<h1>oops</h1>`, ExchangeError{StatusCode: 500}},
	{"missing access_token", FormatRFC6749, 200, "application/json", `{"token_type":"Bearer"}`, ExchangeError{}},
	{"not JSON", FormatRFC6749, 200, "application/json", `{`, ExchangeError{}},
	{"access_token with a newline", FormatRFC6749, 200, "application/json",
		`{"access_token":"a\nb"}`, ExchangeError{Description: "the access token is malformed"}},
	{"AniAPI error in envelope", FormatAniAPI, 200, "application/json",
		`{"status":400,"message":"Invalid code","data":"","version":"1"}`,
		ExchangeError{StatusCode: 400, Description: "Invalid code"}},
	{"AniAPI without data", FormatAniAPI, 200, "application/json",
		`{"status":200,"message":"ok","data":null}`, ExchangeError{StatusCode: 502, Description: "ok"}},
	{"AniAPI not an envelope", FormatAniAPI, 200, "application/json",
		`{"access_token":"x"}`, ExchangeError{StatusCode: 502, Description: "the answer is not an AniAPI envelope"}},
	{"AniAPI HTTP 404", FormatAniAPI, 404, "text/plain", `nope`, ExchangeError{StatusCode: 404}},
}

func TestExchangeErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range exchangeErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTokenServer(t, tt.status, tt.contentType, tt.body)
			tok, err := ts.config(tt.format, 0).Exchange(t.Context(), testRequest("", GrantCode, false), "c")
			var ee *ExchangeError
			if !errors.As(err, &ee) {
				t.Fatalf("Exchange = %v, %v; want *ExchangeError", tok, err)
			}
			got := ExchangeError{StatusCode: ee.StatusCode, Code: ee.Code, Description: ee.Description}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error fields (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(err.Error(), "auth: ") {
				t.Errorf("error %q does not start with auth:", err)
			}
			if n := len(ts.requests()); n != 1 {
				t.Errorf("got %d token requests; want 1 (a code is posted once)", n)
			}
		})
	}
}

func TestExchangeKeepsRetrieveError(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t, 400, "application/json", `{"error":"invalid_grant"}`)
	_, err := ts.config(FormatRFC6749, 0).Exchange(t.Context(), testRequest("", GrantCode, false), "c")
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || string(re.Body) != `{"error":"invalid_grant"}` {
		t.Errorf("error %v does not wrap the *oauth2.RetrieveError with its body", err)
	}
}

func TestExchangeRejectsBadCode(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t, 200, "application/json", `{"access_token":"x"}`)
	for _, code := range []string{"", "  ", "a b", "a\nb"} {
		if _, err := ts.config(FormatRFC6749, 0).Exchange(t.Context(), testRequest("", GrantCode, false), code); err == nil {
			t.Errorf("Exchange(%q) succeeded; want an error", code)
		}
	}
	if n := len(ts.requests()); n != 0 {
		t.Errorf("got %d token requests for bad codes; want 0", n)
	}
}

func TestExchangeCancelled(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t, 200, "application/json", `{"access_token":"x"}`)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := ts.config(FormatRFC6749, 0).Exchange(ctx, testRequest("", GrantCode, false), "c")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Exchange error = %v; want context.Canceled", err)
	}
}

// TestExchangeAgainstEmulator exchanges a code with the emulated AniList
// token endpoint, posting a form and, with JSONRequest, a JSON object; the
// emulator, like AniList, accepts both.
func TestExchangeAgainstEmulator(t *testing.T) {
	t.Parallel()
	for _, tt := range requestBodies {
		t.Run(tt.contentType, func(t *testing.T) {
			t.Parallel()
			e := newEmulator(t)
			var sent []string // Content-Type of each token request
			var mu sync.Mutex
			rec := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				sent = append(sent, r.Header.Get("Content-Type"))
				mu.Unlock()
				return http.DefaultTransport.RoundTrip(r)
			})
			conf := &Config{ClientID: emuClientID, ClientSecret: emuSecret, RedirectURL: "http://127.0.0.1:9/cb",
				Endpoint: e.Endpoint, Now: fixedNow, HTTPClient: &http.Client{Transport: rec}}
			conf.Endpoint.JSONRequest = tt.jsonRequest
			req := conf.AuthCodeURL()
			registerRedirect(t, e, emuSecret)(req.URL)
			loc, err := newBrowser(t, "approve").consent(req.URL)
			if err != nil {
				t.Fatal(err)
			}
			cb, err := req.Callback(loc.Query())
			if err != nil {
				t.Fatalf("Callback: %v", err)
			}
			// The emulator verifies PKCE: the code is useless without req's verifier.
			if _, err := conf.Exchange(t.Context(), conf.AuthCodeURL(), cb.Code); err == nil ||
				!strings.Contains(err.Error(), "Failed to verify") && !strings.Contains(err.Error(), "invalid_grant") {
				t.Fatalf("Exchange with another request's verifier: %v; want invalid_grant", err)
			}
			req2 := conf.AuthCodeURL()
			loc, err = newBrowser(t, "approve").consent(req2.URL)
			if err != nil {
				t.Fatal(err)
			}
			code := loc.Query().Get("code")
			tok, err := conf.Exchange(t.Context(), req2, code)
			if err != nil {
				t.Fatalf("Exchange: %v", err)
			}
			if tok.Subject != "42" || !tok.Expiry.Equal(t0.Add(oauth.DefaultTokenTTL)) {
				t.Errorf("token = %v; want subject 42, expiry %v", tok, t0.Add(oauth.DefaultTokenTTL))
			}
			// The code is single use: a replayed exchange must fail cleanly.
			_, err = conf.Exchange(t.Context(), req2, code)
			var ee *ExchangeError
			if !errors.As(err, &ee) || ee.Code != "invalid_grant" {
				t.Errorf("second Exchange error = %v; want invalid_grant", err)
			}
			if want := []string{tt.contentType, tt.contentType, tt.contentType}; !cmp.Equal(sent, want) {
				t.Errorf("token requests sent as %q; want %q", sent, want)
			}
		})
	}
}

package auth

// Fuzz targets for every parser of outside input. Each is seeded with the
// cases of the table tests of the same parser, and its doc comment gives
// the command that fuzzes it. Without -fuzz, `go test` runs the seeds as
// regular tests.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// checkCallback asserts the invariants of a successful parseCallback.
func checkCallback(t *testing.T, cb PinResult, g Grant) {
	t.Helper()
	if (cb.Code == "") == (cb.AccessToken == "") {
		t.Fatalf("callback has code %t and token %t; want exactly one", cb.Code != "", cb.AccessToken != "")
	}
	if cb.Code != "" && g != GrantCode {
		t.Fatal("implicit grant accepted a code")
	}
	for _, s := range []string{cb.Code, cb.AccessToken} {
		if strings.ContainsAny(s, " \t\r\n\x00") {
			t.Fatalf("secret %q holds whitespace or NUL", s)
		}
	}
}

// FuzzParseCallbackQuery fuzzes the loopback callback's query through
// AuthRequest.Callback; seeds: TestParseCallbackState and TestReceiverRejects.
//
//	go test -run='^$' -fuzz='^FuzzParseCallbackQuery$' -fuzztime=30s ./auth
func FuzzParseCallbackQuery(f *testing.F) {
	for _, tt := range callbackStateTests {
		f.Add(tt.query, "s", false, tt.optional)
	}
	for _, tt := range receiverRejectTests {
		if _, q, ok := strings.Cut(tt.path, "?"); ok {
			f.Add(q, "good", false, false)
		}
	}
	for _, s := range []string{"code=abc&state=s", "code=abc", "state=s", "error=access_denied&state=s",
		"access_token=t&token_type=Bearer&expires_in=31536000&state=s", "code=%zz", "code=a;b", "code=a+b&state=s&state=t",
		"code=&state=s", "expires_in=-9999999999999999999&access_token=x&state=s"} {
		f.Add(s, "s", false, false)
		f.Add(s, "s", true, true)
	}
	f.Fuzz(func(t *testing.T, raw, state string, implicit, optional bool) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		g := GrantCode
		if implicit {
			g = GrantImplicit
		}
		req := testRequest(state, g, optional)
		cb, err := req.Callback(v)
		if err != nil {
			return
		}
		checkCallback(t, cb, g)
		if cb.HasState && cb.State != state {
			t.Fatalf("accepted state %q; want %q", cb.State, state)
		}
		if !cb.HasState && (!optional || implicit) {
			t.Fatal("accepted a missing state")
		}
		if v.Has("error") {
			t.Fatal("accepted an error callback")
		}
	})
}

// FuzzParseFragment fuzzes the implicit grant's fragment through
// ParseFragment and AuthRequest.Callback; seeds: TestParseFragmentReservedCharacters
// and the fragments of TestParsePin and TestParsePinErrors.
//
//	go test -run='^$' -fuzz='^FuzzParseFragment$' -fuzztime=30s ./auth
func FuzzParseFragment(f *testing.F) {
	for _, s := range []string{reservedFragment, "access_token=t&state=s",
		"access_token=a.b.c&token_type=Bearer&expires_in=31536000&state=s",
		"error=access_denied&error_description=no&state=s", "state=a%26b%3Dc%23d", "access_token=%E9", "a;b", ""} {
		f.Add(s)
	}
	for _, in := range pinInputs(f) {
		if _, frag, ok := strings.Cut(in, "#"); ok {
			f.Add(frag)
		}
	}
	f.Fuzz(func(t *testing.T, frag string) {
		u, err := url.Parse("http://127.0.0.1:1/cb#" + frag)
		if err != nil {
			return
		}
		v, err := ParseFragment(u)
		if err != nil {
			return
		}
		if cb, err := (testRequest("s", GrantImplicit, true)).Callback(v); err == nil {
			if cb.State != "s" {
				t.Fatalf("accepted state %q", cb.State)
			}
			checkCallback(t, cb, GrantImplicit)
		}
	})
}

// pinInputs returns the pasted inputs of TestParsePin and
// TestParsePinErrors.
func pinInputs(tb testing.TB) []string {
	var ins []string
	for _, tt := range parsePinTests(tb) {
		ins = append(ins, tt.in)
	}
	for _, tt := range parsePinErrorTests {
		ins = append(ins, tt.in)
	}
	return ins
}

// FuzzParsePin fuzzes what a user pastes through ParsePin; seeds:
// TestParsePin and TestParsePinErrors.
//
//	go test -run='^$' -fuzz='^FuzzParsePin$' -fuzztime=30s ./auth
func FuzzParsePin(f *testing.F) {
	seeds := append(pinInputs(f), "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "access_token=t3&x=1",
		"myapp://cb?error=access_denied", "://", "#", "?", "=", "code=")
	for _, s := range seeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, in string, implicit bool) {
		g := GrantCode
		if implicit {
			g = GrantImplicit
		}
		r, err := ParsePin(in, g)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		checkCallback(t, r, g)
	})
}

// fuzzTransport answers every request with a fixed response.
type fuzzTransport struct {
	status      int
	contentType string
	body        string
}

func (ft fuzzTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		r.Body.Close()
	}
	return &http.Response{StatusCode: ft.status, Header: http.Header{"Content-Type": {ft.contentType}},
		Body: io.NopCloser(strings.NewReader(ft.body)), Request: r}, nil
}

// FuzzTokenResponse fuzzes the token endpoint's answer (status, content
// type, body, AniAPI envelope or not) through Exchange; seeds:
// TestExchangeResponses and TestExchangeErrors.
//
//	go test -run='^$' -fuzz='^FuzzTokenResponse$' -fuzztime=30s ./auth
func FuzzTokenResponse(f *testing.F) {
	for _, tt := range exchangeResponseTests(f) {
		f.Add(http.StatusOK, tt.contentType, tt.body, tt.format == FormatAniAPI)
	}
	for _, tt := range exchangeErrorTests {
		f.Add(tt.status, tt.contentType, tt.body, tt.format == FormatAniAPI)
	}
	seeds := []string{`{"access_token":"t","token_type":"Bearer","expires_in":31536000}`, `{"access_token":"t"}`,
		`{"access_token":"t","expires_in":"3600"}`, `{"access_token":"t","expires_in":1e400}`,
		`{"error":"invalid_grant","error_description":"x"}`, `{"status":200,"message":"Code verified","data":"t","version":"1"}`,
		`{"status":400,"message":"bad","data":""}`, `{"status":200,"data":7}`, `access_token=t&expires_in=60`, `{`, ``, `null`}
	for _, s := range seeds {
		f.Add(200, "application/json", s, false)
		f.Add(200, "application/json", s, true)
		f.Add(400, "text/plain", s, true)
	}
	f.Fuzz(func(t *testing.T, status int, contentType, body string, aniapi bool) {
		if status < 100 || status > 999 {
			return
		}
		conf := &Config{ClientID: "c", ClientSecret: "s", Now: fixedNow,
			Endpoint:   Endpoint{TokenURL: "http://127.0.0.1:1/token", Lifetime: AniListLifetime},
			HTTPClient: &http.Client{Transport: fuzzTransport{status, contentType, body}}}
		if aniapi {
			conf.Endpoint.Format = FormatAniAPI
		}
		tok, err := conf.Exchange(t.Context(), conf.AuthCodeURL(), "code")
		if err != nil {
			var ee *ExchangeError
			if !errors.As(err, &ee) {
				t.Fatalf("error %v is not an *ExchangeError", err)
			}
			return
		}
		if tok.AccessToken == "" || strings.ContainsAny(tok.AccessToken, " \r\n") || tok.Expiry.IsZero() {
			t.Fatalf("bad token from %q: %v", body, tok)
		}
	})
}

// FuzzParseClaims fuzzes JWT claims (as JSON inside a JWT, and as a whole
// raw token) through ParseClaims and newToken; seeds: TestParseClaims and
// TestParseClaimsNotJWT.
//
//	go test -run='^$' -fuzz='^FuzzParseClaims$' -fuzztime=30s ./auth
func FuzzParseClaims(f *testing.F) {
	for _, tt := range parseClaimsTests {
		f.Add(tt.claims, "")
	}
	for _, raw := range notJWTs {
		f.Add("", raw)
	}
	for _, s := range []string{`[]`, `null`, `{"iat":1.5}`} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, claims, raw string) {
		for _, tok := range []string{testJWT(t, claims), raw} {
			c, err := ParseClaims(tok)
			if err != nil {
				continue
			}
			if !c.Expiry.IsZero() && (c.Expiry.Year() < 1970 || c.Expiry.Year() > 9999) {
				t.Fatalf("expiry %v out of range", c.Expiry)
			}
			newToken(tok, "", 0, t0, AniListLifetime) // must not panic
		}
	})
}

// FuzzReceiver sends arbitrary GET queries and relay POST bodies to a
// receiver expecting the state "good": it must never panic, never hand
// Login a callback without the right state, and never take a token from a
// GET. Seeds: TestReceiverRejects and the attack table.
//
//	go test -run='^$' -fuzz='^FuzzReceiver$' -fuzztime=30s ./auth
func FuzzReceiver(f *testing.F) {
	for _, tt := range receiverRejectTests {
		if _, q, ok := strings.Cut(tt.path, "?"); ok {
			f.Add(q, false, false)
		}
	}
	for _, s := range []string{"code=c&state=good", "access_token=t&state=good", "error=access_denied&state=good",
		"access_token=t&state=bad", "state=good", "code=a;b&state=good", "state=good&state=bad&code=c"} {
		f.Add(s, false, false)
		f.Add(s, true, false)
		f.Add(s, true, true)
	}
	f.Fuzz(func(t *testing.T, raw string, implicit, post bool) {
		g := GrantCode
		if implicit {
			g = GrantImplicit
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rv := newReceiver(ctx, testRequest("good", g, false), "/cb", "127.0.0.1:1")
		var r *http.Request
		if post {
			r = httptest.NewRequest(http.MethodPost, "http://127.0.0.1:1/cb", strings.NewReader(raw))
			r.Header.Set(relayHeader, "1")
			r.Header.Set("Origin", "http://127.0.0.1:1")
		} else {
			r = httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1/cb", nil)
			r.URL.RawQuery = raw
		}
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() { defer close(done); rv.ServeHTTP(w, r) }()
		select {
		case c := <-rv.calls:
			if c.err == nil && c.res.State != "good" {
				t.Fatalf("handed Login a callback with state %q", c.res.State)
			}
			if c.err == nil && c.res.AccessToken != "" && !post {
				t.Fatal("took a token from a GET")
			}
			c.reply <- nil
			<-done
		case <-done:
		}
	})
}

package auth

// Fuzz targets for every parser of outside input. Run one with, e.g.,
//
//	go test -run='^$' -fuzz=FuzzParsePin -fuzztime=30s ./auth
//
// Without -fuzz, `go test` runs their seeds as regular tests.

import (
	"errors"
	"io"
	"net/http"
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

func FuzzParseCallbackQuery(f *testing.F) {
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
		cb, err := parseCallback(v, g, state, optional)
		if err != nil {
			return
		}
		checkCallback(t, cb, g)
		if state != "" && cb.HasState && cb.State != state {
			t.Fatalf("accepted state %q; want %q", cb.State, state)
		}
		if state != "" && !cb.HasState && !optional {
			t.Fatal("accepted a missing state")
		}
	})
}

func FuzzParseFragment(f *testing.F) {
	for _, s := range []string{"access_token=t&state=s", "access_token=a.b.c&token_type=Bearer&expires_in=31536000&state=s",
		"error=access_denied&error_description=no&state=s", "state=a%26b%3Dc%23d", "access_token=%E9", "a;b", ""} {
		f.Add(s)
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
		if cb, err := parseCallback(v, GrantImplicit, "s", false); err == nil {
			checkCallback(t, cb, GrantImplicit)
		}
	})
}

func FuzzParsePin(f *testing.F) {
	for _, s := range []string{"def50200abc", "YWJj==", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
		"https://anilist.co/api/v2/oauth/pin?code=def502", "https://anilist.co/api/v2/oauth/pin#access_token=t&token_type=Bearer",
		"http://127.0.0.1:8/cb?code=c1&state=a%26b", "?code=c2", "#access_token=t2", "access_token=t3&x=1",
		"myapp://cb?error=access_denied", "https://[::1/x", "a b", "", "://", "#", "?", "=", "code="} {
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

func FuzzTokenResponse(f *testing.F) {
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
		tok, err := conf.Exchange(t.Context(), "code")
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

func FuzzParseClaims(f *testing.F) {
	for _, s := range []string{`{"sub":"5123","exp":1731536000,"iat":1700000000}`, `{"sub":5123}`, `{"exp":"x"}`,
		`{"exp":1e300}`, `{"sub":{}}`, `[]`, `null`, `{"exp":-1}`, `{"iat":1.5}`} {
		f.Add(s, "")
		f.Add("", s)
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

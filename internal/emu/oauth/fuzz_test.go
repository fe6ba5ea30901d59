package oauth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzTokenEndpoint feeds arbitrary bodies, content types and Basic
// credentials to the token endpoint. Every answer must be a well-formed RFC
// 6749 JSON answer with a sensible status.
//
//	go test ./internal/emu/oauth -run '^$' -fuzz FuzzTokenEndpoint -fuzztime 1m
func FuzzTokenEndpoint(f *testing.F) {
	seeds := []tokenCall{
		{contentType: formType, body: exchangeForm("CODE").Encode()},
		{contentType: "application/json", body: `{"grant_type":"authorization_code","client_id":1234,"client_secret":"s3cret","code":"CODE"}`},
		{contentType: formType, body: "grant_type=authorization_code&code=CODE", basicUser: "1234", basicPass: "s3cret"},
		{contentType: "application/json", body: `{"code":"x"}{}`},
		{contentType: "application/json; charset=utf-8", body: `[1,2]`},
		{contentType: formType, body: "a=%zz&a=1"},
		{contentType: "multipart/form-data; boundary=x", body: "--x--"},
	}
	for _, c := range seeds {
		f.Add(c.contentType, c.body, c.basicUser, c.basicPass)
	}
	s, err := New(Config{User: testUser, Clients: []Client{appClient}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, contentType, body, user, pass string) {
		code := s.newCode(grant{clientID: appClient.ID, redirectURI: appClient.RedirectURI, userID: 42})
		body = strings.ReplaceAll(body, "CODE", code)
		w := tokenCall{contentType: contentType, body: body, basicUser: user, basicPass: pass}.do(s)
		var got map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("status %d: body is not JSON: %q", w.Code, w.Body)
		}
		switch w.Code {
		case http.StatusOK:
			tok, _ := got["access_token"].(string)
			if _, err := s.VerifyToken(tok); err != nil {
				t.Fatalf("issued token does not verify: %v", err)
			}
		case http.StatusBadRequest, http.StatusUnauthorized:
			if e, _ := got["error"].(string); e == "" {
				t.Fatalf("status %d without an error code: %q", w.Code, w.Body)
			}
		default:
			t.Fatalf("unexpected status %d: %q", w.Code, w.Body)
		}
	})
}

// FuzzVerifyToken checks that VerifyToken never panics and accepts only
// tokens this server signed.
//
//	go test ./internal/emu/oauth -run '^$' -fuzz FuzzVerifyToken -fuzztime 1m
func FuzzVerifyToken(f *testing.F) {
	s, err := New(Config{User: testUser})
	if err != nil {
		f.Fatal(err)
	}
	good, _ := s.IssueToken(42)
	for _, seed := range []string{good, "", ".", "..", "a.b.c", good + "x", strings.ToUpper(good),
		"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, token string) {
		id, err := s.VerifyToken(token)
		if err == nil && (id <= 0 || token != good) {
			t.Fatalf("accepted a token it did not issue: id %d", id)
		}
	})
}

// FuzzAuthorize sends arbitrary authorization requests: the answer is a
// consent page, an error page or a redirect, and no page carries markup from
// the request.
//
//	go test ./internal/emu/oauth -run '^$' -fuzz FuzzAuthorize -fuzztime 1m
func FuzzAuthorize(f *testing.F) {
	f.Add(appClient.ID, appClient.RedirectURI, "code", "st")
	f.Add(xssClient.ID, "", "token", `"><script>`)
	f.Add("999", "x", "", "")
	f.Add(appClient.ID, "", "bogus", "<b>")
	s, err := New(Config{User: testUser, Clients: []Client{appClient, xssClient}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, clientID, redirectURI, responseType, state string) {
		q := url.Values{"client_id": {clientID}, "redirect_uri": {redirectURI}, "response_type": {responseType}, "state": {state}}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, authorizeURL(q), nil))
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest:
			if strings.Contains(w.Body.String(), "<script") {
				t.Fatalf("page contains <script: %q", w.Body)
			}
		case http.StatusFound:
			loc, err := url.Parse(w.Header().Get("Location"))
			if err != nil || loc.Query().Get("state") != state {
				t.Fatalf("bad redirect %q (%v); want state %q", w.Header().Get("Location"), err, state)
			}
		default:
			t.Fatalf("unexpected status %d", w.Code)
		}
	})
}

// FuzzPKCE fuzzes the code_challenge and code_verifier checks: no input
// panics, a verifier is only accepted for its own challenge, and a valid
// verifier always passes its S256 challenge. Seeds: TestPKCE.
//
//	go test -run='^$' -fuzz='^FuzzPKCE$' -fuzztime=30s ./internal/emu/oauth
func FuzzPKCE(f *testing.F) {
	f.Add(s256(verifier), "S256", verifier)
	f.Add(verifier, "", verifier)
	f.Add(verifier, "plain", "x")
	f.Add("short", "S512", "")
	f.Fuzz(func(t *testing.T, value, method, v string) {
		c, te := parseChallenge(value, method)
		if te != nil {
			return
		}
		if err := c.verify(v); err == nil && c.value != "" && v != c.value && s256(v) != c.value {
			t.Fatalf("verifier %q accepted for challenge %+v", v, c)
		}
		if pkceRE.MatchString(v) {
			if err := (challenge{value: s256(v), method: "S256"}).verify(v); err != nil {
				t.Fatalf("valid verifier %q refused: %v", v, err)
			}
		}
	})
}

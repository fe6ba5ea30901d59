package oauth

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// verifier is a valid RFC 7636 code_verifier (43 characters).
const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

func s256(v string) string {
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func TestPKCE(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		challenge        string
		method           string
		verifier         string // "-" leaves code_verifier out
		wantStatus       int
		wantError, wantH string
	}{
		{"S256", s256(verifier), "S256", verifier, 200, "", ""},
		{"plain by default", verifier, "", verifier, 200, "", ""},
		{"plain", verifier, "plain", verifier, 200, "", ""},
		{"no challenge, verifier ignored", "", "", verifier, 200, "", ""},
		{"S256, wrong verifier", s256(verifier), "S256", strings.Repeat("a", 43), 400, "invalid_grant", "Failed to verify `code_verifier`."},
		{"plain, wrong verifier", verifier, "plain", strings.Repeat("b", 43), 400, "invalid_grant", "Failed to verify `code_verifier`."},
		{"S256, no verifier", s256(verifier), "S256", "-", 400, "invalid_request", "Check the `code_verifier` parameter"},
		{"S256, short verifier", s256(verifier), "S256", "short", 400, "invalid_request", "Code Verifier must follow the specifications of RFC-7636."},
		{"S256, challenge as verifier", s256(verifier), "S256", s256(verifier), 400, "invalid_grant", "Failed to verify `code_verifier`."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _ := newTestServer(t)
			q := codeQuery()
			if tt.challenge != "" {
				q.Set("code_challenge", tt.challenge)
			}
			if tt.method != "" {
				q.Set("code_challenge_method", tt.method)
			}
			code := getCode(t, s, q)
			form := exchangeForm(code)
			if tt.verifier != "-" {
				form.Set("code_verifier", tt.verifier)
			}
			w := formToken(s, form)
			if w.Code != tt.wantStatus {
				t.Fatalf("got status %d; want %d; body %s", w.Code, tt.wantStatus, w.Body)
			}
			got := decodeJSON(t, w.Body)
			if tt.wantStatus == 200 {
				if got["access_token"] == nil {
					t.Errorf("no access_token in %v", got)
				}
				return
			}
			if got["error"] != tt.wantError || got["hint"] != tt.wantH {
				t.Errorf("got error %v, hint %v; want %q, %q", got["error"], got["hint"], tt.wantError, tt.wantH)
			}
			if d, _ := got["error_description"].(string); !strings.HasPrefix(d, "The ") {
				t.Errorf("error_description = %q; want league's text", d)
			}
		})
	}
}

func TestPKCEBadChallenge(t *testing.T) {
	t.Parallel()
	for name, tt := range map[string]struct{ challenge, method, hint string }{
		"short":          {"abc", "S256", "Code challenge must follow the specifications of RFC-7636."},
		"unknown method": {s256(verifier), "S512", "Code challenge method must be `plain` or `S256`"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, _ := newTestServer(t)
			q := codeQuery()
			q.Set("code_challenge", tt.challenge)
			q.Set("code_challenge_method", tt.method)
			w := serve(s, httptest.NewRequest(http.MethodGet, authorizeURL(q), nil))
			if w.Code != http.StatusBadRequest {
				t.Fatalf("got status %d; want 400", w.Code)
			}
			if got := decodeJSON(t, w.Body); got["error"] != "invalid_request" || got["hint"] != tt.hint {
				t.Errorf("got %v; want invalid_request with hint %q", got, tt.hint)
			}
		})
	}
}

// TestStateEchoed checks that Approve and Deny both carry the state back,
// as league's completeAuthorizationRequest does.
func TestStateEchoed(t *testing.T) {
	t.Parallel()
	const state = "a&b=c#d?é/+%"
	for _, action := range []string{"approve", "deny"} {
		s, _ := newTestServer(t)
		q := codeQuery()
		q.Set("state", state)
		loc, err := url.Parse(authorize(t, s, q, action))
		if err != nil {
			t.Fatal(err)
		}
		if got := loc.Query().Get("state"); got != state {
			t.Errorf("%s: state = %q; want %q", action, got, state)
		}
	}
}

func TestCodeLooksLikeAniList(t *testing.T) {
	t.Parallel()
	s, clk := newTestServer(t)
	code := getCode(t, s, codeQuery())
	if !strings.HasPrefix(code, "def50200") {
		t.Errorf("code %q does not start with def50200", code)
	}
	if DefaultCodeTTL != 10*time.Minute {
		t.Errorf("DefaultCodeTTL = %v; want league's 10 minutes", DefaultCodeTTL)
	}
	clk.Advance(10 * time.Minute)
	if w := formToken(s, exchangeForm(code)); w.Code != http.StatusBadRequest {
		t.Errorf("code after 10 minutes: got status %d; want 400", w.Code)
	}
}

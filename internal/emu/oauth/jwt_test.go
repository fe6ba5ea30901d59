package oauth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// payload decodes the claims of tok without verifying it.
func payload(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts; want 3", len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTokenClaims(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	loc := authorize(t, s, url.Values{"client_id": {appClient.ID}, "response_type": {"token"}}, "approve")
	u, _ := url.Parse(loc)
	frag, _ := url.ParseQuery(u.Fragment)
	got := payload(t, frag.Get("access_token"))
	if jti, _ := got["jti"].(string); len(jti) < 16 {
		t.Errorf("got jti %q; want a random id", jti)
	}
	delete(got, "jti")
	now := float64(t0.Unix())
	want := map[string]any{
		"sub": "42", "aud": "1234", "iat": now, "nbf": now,
		"exp": float64(t0.AddDate(1, 0, 0).Unix()), "scopes": []any{},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
}

func TestIssueToken(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	tok, err := s.IssueToken(9)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := payload(t, tok)["aud"]; ok {
		t.Errorf("IssueToken set aud; want none")
	}
	if id, err := s.VerifyToken(tok); err != nil || id != 9 {
		t.Errorf("VerifyToken: got %d, %v; want 9, nil", id, err)
	}
	for _, bad := range []int{0, -1} {
		if _, err := s.IssueToken(bad); err == nil {
			t.Errorf("IssueToken(%d) succeeded; want an error", bad)
		}
	}
}

// sign signs claims with key and method, for forged tokens.
func sign(t *testing.T, m jwt.SigningMethod, key any, c jwt.MapClaims) string {
	t.Helper()
	tok, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestVerifyTokenRejects(t *testing.T) {
	t.Parallel()
	s, _ := newTestServer(t)
	good, _ := s.IssueToken(42)
	parts := strings.Split(good, ".")
	key := s.key
	valid := func() jwt.MapClaims {
		return jwt.MapClaims{"sub": "42", "iat": t0.Unix(), "exp": t0.Add(time.Hour).Unix()}
	}
	with := func(k string, v any) jwt.MapClaims { c := valid(); c[k] = v; return c }
	without := func(k string) jwt.MapClaims { c := valid(); delete(c, k); return c }
	otherPayload := base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"1","exp":9999999999}`))
	tests := []struct {
		name    string
		token   string
		wantErr error // besides ErrInvalidToken
	}{
		{"empty", "", jwt.ErrTokenMalformed},
		{"garbage", "not a token", jwt.ErrTokenMalformed},
		{"two parts", parts[0] + "." + parts[1], jwt.ErrTokenMalformed},
		{"tampered payload", parts[0] + "." + otherPayload + "." + parts[2], jwt.ErrTokenSignatureInvalid},
		{"tampered signature", parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2])), jwt.ErrTokenSignatureInvalid},
		{"other key", sign(t, jwt.SigningMethodHS256, []byte("other key"), valid()), jwt.ErrTokenSignatureInvalid},
		{"alg none", sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid()), jwt.ErrTokenSignatureInvalid},
		{"HS512", sign(t, jwt.SigningMethodHS512, key, valid()), jwt.ErrTokenSignatureInvalid},
		{"no exp", sign(t, jwt.SigningMethodHS256, key, without("exp")), jwt.ErrTokenRequiredClaimMissing},
		{"expired", sign(t, jwt.SigningMethodHS256, key, with("exp", t0.Add(-time.Second).Unix())), jwt.ErrTokenExpired},
		{"future iat", sign(t, jwt.SigningMethodHS256, key, with("iat", t0.Add(time.Hour).Unix())), jwt.ErrTokenUsedBeforeIssued},
		{"not yet valid", sign(t, jwt.SigningMethodHS256, key, with("nbf", t0.Add(time.Hour).Unix())), jwt.ErrTokenNotValidYet},
		{"no sub", sign(t, jwt.SigningMethodHS256, key, without("sub")), nil},
		{"sub not a number", sign(t, jwt.SigningMethodHS256, key, with("sub", "abc")), nil},
		{"sub zero", sign(t, jwt.SigningMethodHS256, key, with("sub", "0")), nil},
		{"sub as number", sign(t, jwt.SigningMethodHS256, key, with("sub", 42)), jwt.ErrTokenMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id, err := s.VerifyToken(tt.token)
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("got %d, %v; want ErrInvalidToken", id, err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v; want it to wrap %v", err, tt.wantErr)
			}
			if tt.token != "" && strings.Contains(err.Error(), tt.token) {
				t.Errorf("error %q contains the token", err)
			}
		})
	}
}

func TestTokenExpiresAfterOneYear(t *testing.T) {
	t.Parallel()
	s, clk := newTestServer(t)
	tok, _ := s.IssueToken(42)
	clk.Advance(DefaultTokenTTL - time.Second)
	if _, err := s.VerifyToken(tok); err != nil {
		t.Fatalf("a second before expiry: got %v; want nil", err)
	}
	clk.Advance(time.Second)
	if _, err := s.VerifyToken(tok); !errors.Is(err, jwt.ErrTokenExpired) || !errors.Is(err, ErrInvalidToken) {
		t.Errorf("at expiry: got %v; want ErrInvalidToken wrapping jwt.ErrTokenExpired", err)
	}
}

func TestCustomKeyAndTTL(t *testing.T) {
	t.Parallel()
	cfg := Config{User: testUser, Key: []byte("fixed"), TokenTTL: time.Hour, Now: func() time.Time { return t0 }}
	a, _ := New(cfg)
	b, _ := New(cfg)
	tok, _ := a.IssueToken(5)
	if id, err := b.VerifyToken(tok); err != nil || id != 5 {
		t.Errorf("same key: got %d, %v; want 5, nil", id, err)
	}
	if exp := payload(t, tok)["exp"]; exp != float64(t0.Add(time.Hour).Unix()) {
		t.Errorf("got exp %v; want %d", exp, t0.Add(time.Hour).Unix())
	}
	other, _ := New(Config{User: testUser, Now: cfg.Now})
	if _, err := other.VerifyToken(tok); err == nil {
		t.Errorf("random key accepted a token signed with another key")
	}
}

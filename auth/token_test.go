package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anigql/anigql/internal/emu/oauth"
)

const secret = "eyJTOPSECRETTOKEN"

func TestTokenNeverPrinted(t *testing.T) {
	t.Parallel()
	tok := &Token{AccessToken: secret, RefreshToken: secret + "-refresh", TokenType: "Bearer", Expiry: t0, Subject: "42"}
	var outputs []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T %10.3v", "%d"} {
		outputs = append(outputs, fmt.Sprintf(verb, tok), fmt.Sprintf(verb, *tok))
	}
	outputs = append(outputs, fmt.Sprint(tok), fmt.Sprintln([]*Token{tok}), tok.String(), tok.GoString(),
		fmt.Sprintf("%v", struct{ T Token }{*tok}), fmt.Sprintf("%+v", map[string]*Token{"a": tok}))
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Info("login", "token", tok, "value", *tok)
		outputs = append(outputs, buf.String())
	}
	js, err := json.Marshal(tok)
	if err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, string(js))
	for _, out := range outputs {
		if strings.Contains(out, secret) || strings.Contains(out, fmt.Sprintf("%x", secret)) {
			t.Errorf("output leaks the token: %s", out)
		}
	}
	if got := tok.String(); !strings.Contains(got, "REDACTED") || !strings.Contains(got, `"42"`) {
		t.Errorf("String() = %q; want REDACTED and the subject", got)
	}
}

func TestPinResultNeverPrinted(t *testing.T) {
	t.Parallel()
	for _, r := range []PinResult{{Code: secret}, {AccessToken: secret}, {Code: "c", State: secret, HasState: true}} {
		var outs []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%q"} {
			outs = append(outs, fmt.Sprintf(verb, r), fmt.Sprintf(verb, &r))
		}
		js, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("pin", "result", r)
		slog.New(slog.NewTextHandler(&buf, nil)).Info("pin", "result", r)
		outs = append(outs, string(js), buf.String(), r.String(), r.GoString())
		for _, out := range outs {
			if strings.Contains(out, secret) {
				t.Errorf("PinResult leaks the secret: %s", out)
			}
		}
	}
}

func TestTokenCheck(t *testing.T) {
	t.Parallel()
	exp := t0.Add(time.Hour)
	tests := []struct {
		name string
		tok  *Token
		now  time.Time
		want error
	}{
		{"valid", &Token{AccessToken: "x", Expiry: exp}, t0, nil},
		{"unknown expiry", &Token{AccessToken: "x"}, t0, nil},
		{"expired", &Token{AccessToken: "x", Expiry: exp}, exp.Add(time.Second), &ExpiredError{Expiry: exp}},
		{"at expiry", &Token{AccessToken: "x", Expiry: exp}, exp, &ExpiredError{Expiry: exp}},
		{"within ten seconds", &Token{AccessToken: "x", Expiry: exp}, exp.Add(-5 * time.Second), &ExpiredError{Expiry: exp}},
		{"nil", nil, t0, ErrNoToken},
		{"empty", &Token{}, t0, ErrNoToken},
	}
	for _, tt := range tests {
		err := tt.tok.Check(tt.now)
		if fmt.Sprint(err) != fmt.Sprint(tt.want) {
			t.Errorf("%s: Check = %v; want %v", tt.name, err, tt.want)
		}
	}
}

func TestExpiredError(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("wrapped: %w", &ExpiredError{Expiry: t0})
	if !errors.Is(err, ErrTokenExpired) {
		t.Error("errors.Is(ExpiredError, ErrTokenExpired) = false")
	}
	var ee *ExpiredError
	if !errors.As(err, &ee) || !ee.Expiry.Equal(t0) {
		t.Errorf("errors.As: %v", ee)
	}
	if want := "auth: token expired at 2026-11-23T12:00:00Z; log in again"; ee.Error() != want {
		t.Errorf("Error() = %q; want %q", ee.Error(), want)
	}
}

func TestTokenOAuth2(t *testing.T) {
	t.Parallel()
	ot := (&Token{AccessToken: "x", Expiry: t0}).OAuth2()
	if ot.AccessToken != "x" || ot.Type() != "Bearer" || !ot.Expiry.Equal(t0) {
		t.Errorf("OAuth2() = %+v", ot)
	}
}

// TestExpiryFallback walks the expiry chain for both providers' lifetimes:
// expires_in, else the JWT exp claim, else the JWT iat claim (else the time
// the token was obtained) plus the endpoint's lifetime.
func TestExpiryFallback(t *testing.T) {
	t.Parallel()
	iat := time.Unix(1790000000, 0).UTC()
	exp := time.Unix(1800000000, 0).UTC()
	withExp := testJWT(t, `{"sub":"7","iat":1790000000,"exp":1800000000}`)
	withIat := testJWT(t, `{"sub":"7","iat":1790000000}`)
	bare := testJWT(t, `{"sub":"7"}`)
	tests := []struct {
		name      string
		access    string
		expiresIn int64
		lifetime  time.Duration
		want      time.Time
	}{
		{"AniList expires_in", withExp, 3600, AniListLifetime, t0.Add(time.Hour)},
		{"AniList exp", withExp, 0, AniListLifetime, exp},
		{"AniList iat + 1 year", withIat, 0, AniListLifetime, iat.Add(365 * 24 * time.Hour)},
		{"AniList obtained + 1 year", bare, 0, AniListLifetime, t0.Add(365 * 24 * time.Hour)},
		{"AniList opaque + 1 year", "opaque", 0, AniListLifetime, t0.Add(365 * 24 * time.Hour)},
		{"AniAPI expires_in", withExp, 60, AniAPILifetime, t0.Add(time.Minute)},
		{"AniAPI exp", withExp, 0, AniAPILifetime, exp},
		{"AniAPI iat + 30 days", withIat, 0, AniAPILifetime, iat.Add(30 * 24 * time.Hour)},
		{"AniAPI obtained + 30 days", bare, 0, AniAPILifetime, t0.Add(30 * 24 * time.Hour)},
		{"unknown lifetime", withIat, 0, 0, time.Time{}},
		{"negative expires_in ignored", withExp, -5, AniListLifetime, exp},
	}
	for _, tt := range tests {
		got := newToken(tt.access, "", tt.expiresIn, t0, tt.lifetime)
		if !got.Expiry.Equal(tt.want) {
			t.Errorf("%s: Expiry = %v; want %v", tt.name, got.Expiry, tt.want)
		}
	}
}

// TestJWTExpiryRefusedBeforeSending checks that a token whose only expiry
// is its JWT exp claim (from ANILIST_TOKEN, a pasted token, a stored file or
// the emulator) gives an *ExpiredError once exp has passed on the injected
// clock, and that no request reaches the server.
func TestJWTExpiryRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	var sent atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { sent.Add(1) }))
	defer srv.Close()

	exp := time.Unix(1800000000, 0).UTC()
	parsed, err := ParseToken(testJWT(t, `{"sub":"7","exp":1800000000}`))
	if err != nil {
		t.Fatal(err)
	}
	store := &FileStore{Dir: t.TempDir()}
	if err := store.Save("p", parsed); err != nil {
		t.Fatal(err)
	}
	e := newEmulator(t) // its tokens expire at t0 + DefaultTokenTTL
	issued, err := e.IssueToken(emuUserID)
	if err != nil {
		t.Fatal(err)
	}
	fromEmu, err := ParseToken(issued)
	if err != nil {
		t.Fatal(err)
	}
	emuExp := t0.Add(oauth.DefaultTokenTTL)
	tests := []struct {
		name string
		ts   TokenSource
		exp  time.Time
	}{
		{"ParseToken", StaticTokenSource(parsed), exp},
		{"FileStore", StoreTokenSource(store, "p"), exp},
		{"emulator", StaticTokenSource(fromEmu), emuExp},
	}
	for _, tt := range tests {
		now := tt.exp.Add(-time.Hour)
		client := newClient(t.Context(), tt.ts, func() time.Time { return now })
		resp, err := client.Get(srv.URL)
		if err != nil {
			t.Fatalf("%s: an hour before exp: %v", tt.name, err)
		}
		resp.Body.Close()
		before := sent.Load()
		now = tt.exp.Add(time.Second)
		_, err = client.Get(srv.URL)
		var ee *ExpiredError
		if !errors.As(err, &ee) || !ee.Expiry.Equal(tt.exp) || !errors.Is(err, ErrTokenExpired) {
			t.Errorf("%s: after exp: error = %v; want *ExpiredError at %v", tt.name, err, tt.exp)
		}
		if n := sent.Load() - before; n != 0 {
			t.Errorf("%s: %d requests sent with an expired token; want 0", tt.name, n)
		}
	}
}

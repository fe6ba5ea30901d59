package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

const secret = "eyJTOPSECRETTOKEN"

func TestTokenNeverPrinted(t *testing.T) {
	t.Parallel()
	tok := &Token{AccessToken: secret, TokenType: "Bearer", Expiry: t0, Subject: "42"}
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
	for _, r := range []PinResult{{Code: secret}, {AccessToken: secret}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x"} {
			if out := fmt.Sprintf(verb, r); strings.Contains(out, secret) {
				t.Errorf("%s of PinResult leaks the secret: %s", verb, out)
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

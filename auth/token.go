package auth

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"golang.org/x/oauth2"
)

// Token is an access token with what the client knows about it. Its
// String, GoString, Format and LogValue methods redact AccessToken and
// RefreshToken, and JSON leaves both out, so a Token can be printed or
// logged.
type Token struct {
	AccessToken string `json:"-"`
	TokenType   string `json:"token_type,omitempty"` // "Bearer" when the provider sent none

	// RefreshToken is the provider's refresh_token, if it sent one (AniList
	// does not); [Config.TokenSource] uses it to renew the token.
	RefreshToken string `json:"-"`

	// Expiry is when the token stops working; the zero time means unknown,
	// and such a token never expires on the client side.
	Expiry time.Time `json:"expiry,omitzero"`

	// Subject is the JWT sub claim: on AniList, the user's numeric id.
	Subject string `json:"subject,omitempty"`
}

// ErrTokenExpired is matched by every [*ExpiredError] with errors.Is.
var ErrTokenExpired = errors.New("auth: token expired")

// ExpiredError reports a token past its expiry that cannot be refreshed
// (AniList's never can): the user has to log in again.
type ExpiredError struct {
	Expiry time.Time
}

// Error gives the expiry and says to log in again.
func (e *ExpiredError) Error() string {
	return fmt.Sprintf("auth: token expired at %s; log in again",
		e.Expiry.UTC().Format(time.RFC3339))
}

// Is reports whether target is [ErrTokenExpired].
func (e *ExpiredError) Is(target error) bool { return target == ErrTokenExpired }

// expiryDelta is how long before its expiry a token is treated as expired, so
// that it does not expire in flight (as in x/oauth2).
const expiryDelta = 10 * time.Second

// Check returns an [*ExpiredError] if t is expired at now (or within ten
// seconds of it), and an error if t has no access token.
func (t *Token) Check(now time.Time) error {
	if t == nil || t.AccessToken == "" {
		return ErrNoToken
	}
	if !t.Expiry.IsZero() && !now.Add(expiryDelta).Before(t.Expiry) {
		return &ExpiredError{Expiry: t.Expiry}
	}
	return nil
}

// Valid reports whether t has an access token that is not expired now.
func (t *Token) Valid() bool { return t.Check(time.Now()) == nil }

// OAuth2 converts t for use with golang.org/x/oauth2.
func (t *Token) OAuth2() *oauth2.Token {
	return &oauth2.Token{AccessToken: t.AccessToken, TokenType: t.tokenType(), RefreshToken: t.RefreshToken, Expiry: t.Expiry}
}

func (t *Token) tokenType() string {
	if t.TokenType == "" {
		return "Bearer"
	}
	return t.TokenType
}

// String describes t without its access token.
func (t Token) String() string {
	secret := "<none>"
	if t.AccessToken != "" {
		secret = "REDACTED"
	}
	exp := "unknown"
	if !t.Expiry.IsZero() {
		exp = t.Expiry.UTC().Format(time.RFC3339)
	}
	refresh := ""
	if t.RefreshToken != "" {
		refresh = ", RefreshToken: REDACTED"
	}
	return fmt.Sprintf("auth.Token{AccessToken: %s, TokenType: %q%s, Expiry: %s, Subject: %q}",
		secret, t.TokenType, refresh, exp, t.Subject)
}

// GoString is String, so that %#v redacts too.
func (t Token) GoString() string { return t.String() }

// Format writes String for every verb, so that no verb or flag prints the
// access token.
func (t Token) Format(f fmt.State, verb rune) { fmt.Fprint(f, t.String()) }

// LogValue gives log/slog a redacted view of t.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("access_token", "REDACTED"),
		slog.String("token_type", t.TokenType),
		slog.Bool("refreshable", t.RefreshToken != ""),
		slog.Time("expiry", t.Expiry),
		slog.String("subject", t.Subject),
	)
}

// newToken builds a Token for an access token that was just obtained at now.
// Its expiry is, in order: now+expiresIn when expiresIn > 0, the JWT exp
// claim, the JWT iat claim (else now) plus lifetime, or unknown when
// lifetime is zero.
func newToken(access, tokenType string, expiresIn int64, now time.Time, lifetime time.Duration) *Token {
	tok := &Token{AccessToken: access, TokenType: tokenType}
	claims, _ := ParseClaims(access)
	tok.Subject = claims.Subject
	switch {
	case expiresIn > 0:
		tok.Expiry = now.Add(time.Duration(min(expiresIn, maxExpiresIn)) * time.Second)
	case !claims.Expiry.IsZero():
		tok.Expiry = claims.Expiry
	case lifetime > 0:
		issued := now
		if !claims.IssuedAt.IsZero() {
			issued = claims.IssuedAt
		}
		tok.Expiry = issued.Add(lifetime)
	}
	return tok
}

// maxExpiresIn caps expires_in (seconds) at about 100 years, so that absurd
// values cannot overflow time.Duration.
const maxExpiresIn = 100 * 365 * 24 * 3600

// ParseToken builds a Token from a raw access token obtained elsewhere (the
// ANILIST_TOKEN variable, a pasted token), reading its expiry and subject
// from the JWT claims when it is a JWT, without verifying it. The expiry of
// a token that is not a JWT, or has no exp claim, is unknown.
func ParseToken(raw string) (*Token, error) {
	raw, err := cleanSecret(raw)
	if err != nil {
		return nil, err
	}
	return newToken(raw, "Bearer", 0, time.Time{}, 0), nil
}

package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// TokenFormat says how a token endpoint shapes a successful answer.
type TokenFormat int

const (
	// FormatRFC6749 is the standard token response of RFC 6749 section 5.1:
	// a JSON (or form-encoded) object with access_token and the optional
	// token_type, expires_in and refresh_token.
	FormatRFC6749 TokenFormat = iota
	// FormatAniAPI is AniAPI's envelope
	// {"status":200,"message":"Code verified","data":"<token>","version":"1"},
	// where data is the bare access token.
	FormatAniAPI
)

// Endpoint describes an OAuth2 provider. Unlike [oauth2.Endpoint] it carries
// what this package needs to know about the provider's tokens and callbacks.
type Endpoint struct {
	AuthURL  string // authorization endpoint
	TokenURL string // token endpoint

	// AuthStyle says how the client authenticates at the token endpoint
	// (RFC 6749 section 2.3.1): [oauth2.AuthStyleInHeader] sends HTTP Basic
	// credentials, [oauth2.AuthStyleInParams] client_id and client_secret in
	// the body. The zero value, [oauth2.AuthStyleAutoDetect], does NOT probe
	// as x/oauth2 does (that posts a one-time code twice): it means HTTP
	// Basic when Config.ClientSecret is set, which RFC 6749 obliges every
	// server to support, and client_id alone in the body for a public
	// client. Every token request is sent exactly once.
	AuthStyle oauth2.AuthStyle

	// NoPKCE leaves out PKCE (RFC 7636). By default every authorization
	// request carries an S256 code_challenge and the code exchange its
	// code_verifier; set NoPKCE only for a provider that refuses them.
	NoPKCE bool

	// Format is the shape of the token endpoint's answer.
	Format TokenFormat

	// Lifetime is how long a token lives when neither expires_in nor the
	// JWT exp claim says so. Zero means unknown: such a token never expires
	// on the client side.
	Lifetime time.Duration

	// StateOptional accepts a code callback that carries no state at all,
	// for a custom provider that never echoes it. It WEAKENS the login: a
	// web page that finds the receiver's port can then inject its own code
	// (login CSRF, RFC 9700 section 4.7), with only PKCE left to stop it. A
	// state that is present must still match; the implicit grant's relay
	// always requires it. Neither preset sets it.
	StateOptional bool

	// JSONRequest posts the token request's parameters as a JSON object
	// (Content-Type: application/json), as AniList's JavaScript sample
	// does, instead of the form body of RFC 6749 section 4.1.3. AniList
	// accepts both; set it only for a provider that refuses forms.
	JSONRequest bool
}

// PinURL is the redirect URL that makes AniList show the code (or, for the
// implicit grant, the token) on a page for the user to copy and paste.
const PinURL = "https://anilist.co/api/v2/oauth/pin"

// Default token lifetimes, used when a token carries no expiry.
const (
	AniListLifetime = 365 * 24 * time.Hour // AniList: one year, no refresh
	AniAPILifetime  = 30 * 24 * time.Hour  // AniAPI: 30 days
)

// AniList is the endpoint of https://anilist.co: league/oauth2-server behind
// Laravel Passport (see the package documentation for what that implies:
// it echoes state and verifies PKCE). Credentials go in the body, as
// AniList's documentation shows.
var AniList = Endpoint{
	AuthURL:   "https://anilist.co/api/v2/oauth/authorize",
	TokenURL:  "https://anilist.co/api/v2/oauth/token",
	Lifetime:  AniListLifetime,
	AuthStyle: oauth2.AuthStyleInParams,
}

// AniAPI is the endpoint of AniAPI (https://api.aniapi.com, defunct since
// 2022), whose token endpoint wraps the token in an envelope. Its codes are
// valid for three minutes.
var AniAPI = Endpoint{
	AuthURL:   "https://api.aniapi.com/v1/oauth",
	TokenURL:  "https://api.aniapi.com/v1/oauth/token",
	Format:    FormatAniAPI,
	Lifetime:  AniAPILifetime,
	AuthStyle: oauth2.AuthStyleInParams,
}

// Config describes a client application registered with a provider.
// The zero values of HTTPClient and Now mean http.DefaultClient and time.Now.
type Config struct {
	ClientID     string
	ClientSecret string // empty for public clients (implicit grant)

	// RedirectURL is the redirect URI registered with the provider. A
	// loopback URL (http://127.0.0.1:port/path, http://[::1]:port/path or
	// http://localhost:port/path, which binds the port on both 127.0.0.1
	// and ::1) makes Login run a local receiver; port 0 picks a free port,
	// for providers that accept any loopback port (RFC 8252 section 7.3).
	// Prefer 127.0.0.1 (RFC 8252 section 8.3). Any other URL, such as
	// PinURL, makes Login ask the user to paste what the provider shows.
	RedirectURL string

	Endpoint Endpoint

	// HTTPClient sends the token request.
	HTTPClient *http.Client

	// Now is the clock used to compute token expiry.
	Now func() time.Time
}

// Grant is an OAuth2 grant type.
type Grant int

const (
	// GrantCode is the authorization-code grant, for confidential clients
	// that hold a client secret.
	GrantCode Grant = iota
	// GrantImplicit is the implicit grant, for public clients: the token
	// comes back in the redirect URL's fragment.
	GrantImplicit
)

// String returns "code" or "implicit".
func (g Grant) String() string {
	if g == GrantImplicit {
		return "implicit"
	}
	return "code"
}

// NewState returns a random URL-safe state of 32 bytes (256 bits).
func NewState() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails; see crypto/rand.Read
	return base64.RawURLEncoding.EncodeToString(b)
}

// oauth2 returns the x/oauth2 view of c with the given redirect URI.
func (c *Config) oauth2(redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     c.ClientID,
		ClientSecret: c.ClientSecret,
		RedirectURL:  redirect,
		Endpoint: oauth2.Endpoint{
			AuthURL:   c.Endpoint.AuthURL,
			TokenURL:  c.Endpoint.TokenURL,
			AuthStyle: c.authStyle(),
		},
	}
}

// authStyle resolves Endpoint.AuthStyle; it never returns AuthStyleAutoDetect.
func (c *Config) authStyle() oauth2.AuthStyle {
	switch {
	case c.Endpoint.AuthStyle != oauth2.AuthStyleAutoDetect:
		return c.Endpoint.AuthStyle
	case c.ClientSecret != "":
		return oauth2.AuthStyleInHeader
	}
	return oauth2.AuthStyleInParams
}

func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Config) httpClient() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return http.DefaultClient
}

// contextClient returns ctx carrying the client x/oauth2 must use.
func (c *Config) contextClient(ctx context.Context) context.Context {
	hc := c.httpClient()
	tr := &exchangeTransport{base: hc.Transport, format: c.Endpoint.Format, json: c.Endpoint.JSONRequest}
	client := &http.Client{Transport: tr, CheckRedirect: hc.CheckRedirect, Jar: hc.Jar, Timeout: hc.Timeout}
	return context.WithValue(ctx, oauth2.HTTPClient, client)
}

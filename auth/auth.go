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
// what this package needs to know about the provider's tokens; the client
// credentials are always sent in the request body ([oauth2.AuthStyleInParams]),
// so that a one-time code is never posted twice.
type Endpoint struct {
	AuthURL  string // authorization endpoint
	TokenURL string // token endpoint

	// Format is the shape of the token endpoint's answer.
	Format TokenFormat

	// Lifetime is how long a token lives when neither expires_in nor the
	// JWT exp claim says so. Zero means unknown: such a token never expires
	// on the client side.
	Lifetime time.Duration

	// StateOptional accepts a callback that carries no state at all. A state
	// that is present must always match. See the package documentation.
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

// AniList is the endpoint of https://anilist.co. Its documentation does not
// say that it echoes state, so a callback without state is accepted.
var AniList = Endpoint{
	AuthURL:       "https://anilist.co/api/v2/oauth/authorize",
	TokenURL:      "https://anilist.co/api/v2/oauth/token",
	Lifetime:      AniListLifetime,
	StateOptional: true,
}

// AniAPI is the endpoint of AniAPI (https://api.aniapi.com, defunct since
// 2022), whose token endpoint wraps the token in an envelope. Its codes are
// valid for three minutes.
var AniAPI = Endpoint{
	AuthURL:  "https://api.aniapi.com/v1/oauth",
	TokenURL: "https://api.aniapi.com/v1/oauth/token",
	Format:   FormatAniAPI,
	Lifetime: AniAPILifetime,
}

// Config describes a client application registered with a provider.
// The zero values of HTTPClient and Now mean http.DefaultClient and time.Now.
type Config struct {
	ClientID     string
	ClientSecret string // empty for public clients (implicit grant)

	// RedirectURL is the redirect URI registered with the provider. A
	// loopback URL (http://127.0.0.1:port/path or http://localhost:port/path)
	// makes Login run a local receiver; port 0 picks a free port, for
	// providers that accept any loopback port (RFC 8252 section 7.3). Any
	// other URL, such as PinURL, makes Login ask the user to paste what the
	// provider shows.
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

// AuthCodeURL returns the URL of the consent page for the
// authorization-code grant: client_id, redirect_uri (when set),
// response_type=code and state.
func (c *Config) AuthCodeURL(state string) string {
	return c.oauth2(c.RedirectURL).AuthCodeURL(state)
}

// ImplicitURL returns the URL of the consent page for the implicit grant
// (response_type=token).
func (c *Config) ImplicitURL(state string) string {
	return c.authURL(GrantImplicit, c.RedirectURL, state)
}

func (c *Config) authURL(g Grant, redirect, state string) string {
	conf := c.oauth2(redirect)
	if g == GrantImplicit {
		return conf.AuthCodeURL(state, oauth2.SetAuthURLParam("response_type", "token"))
	}
	return conf.AuthCodeURL(state)
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
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
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

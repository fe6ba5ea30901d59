// Package oauth emulates AniList's OAuth2 endpoints for the offline emulator:
// the consent page at /api/v2/oauth/authorize (authorization-code and implicit
// grants), the token endpoint at /api/v2/oauth/token and the pin page at
// /api/v2/oauth/pin. Access tokens are HS256 JWTs whose "sub" claim is the
// AniList user id, as on anilist.co; they live one year and never refresh.
//
// It behaves as league/oauth2-server's AuthCodeGrant, which serves
// anilist.co through Laravel Passport (source:
// https://github.com/thephpleague/oauth2-server, src/Grant/AuthCodeGrant.php
// and src/Exception/OAuthServerException.php, read for this package):
//   - the redirect after consent carries the request's state back, for
//     Approve and Deny alike (completeAuthorizationRequest);
//   - an authorization request may carry code_challenge and
//     code_challenge_method ("plain", the default, or "S256"), both checked
//     against RFC 7636's [A-Za-z0-9-._~]{43,128}; the token request must
//     then carry code_verifier, and a verifier that does not match gives
//     invalid_grant with the hint "Failed to verify `code_verifier`.";
//   - error answers are JSON {"error", "error_description", "hint"} with
//     league's texts;
//   - codes expire after 10 minutes (Passport's default TTL for codes).
//
// From the anigql issue rather than from league's source: codes on
// anilist.co are defuse-encrypted strings starting "def50200", and its
// RS256 JWTs carry aud (client id), jti, iat, nbf, exp = iat + 31536000,
// sub (user id) and scopes: []. This emulator signs with HS256 instead.
//
// Mount a [Server] under "/api/v2/oauth/"; it routes on the last path element,
// so it also works behind [net/http.StripPrefix].
package oauth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Default lifetimes, as on anilist.co.
const (
	DefaultCodeTTL  = 10 * time.Minute
	DefaultTokenTTL = 365 * 24 * time.Hour
)

// AniListPinURL is the redirect URI AniList apps register to use the pin page.
// A client registered with it is sent to this server's own pin page instead.
const AniListPinURL = "https://anilist.co/api/v2/oauth/pin"

// consentTTL bounds how long a consent page can be submitted after it was shown.
const consentTTL = 10 * time.Minute

// Client is a registered application.
type Client struct {
	ID          string // client_id, e.g. "1234"
	Secret      string // client_secret (confidential clients)
	RedirectURI string // the only accepted redirect_uri, compared byte for byte
	Name        string // shown on the consent page
}

// User is the signed-in AniList user who sees the consent page.
type User struct {
	ID   int
	Name string
}

// Config configures a [Server]. The zero value of each field has a documented
// default.
type Config struct {
	User     User             // the signed-in user; ID must be positive
	Clients  []Client         // registered applications
	Now      func() time.Time // clock; nil means time.Now
	CodeTTL  time.Duration    // authorization code lifetime; 0 means DefaultCodeTTL
	TokenTTL time.Duration    // access token lifetime; 0 means DefaultTokenTTL
	Key      []byte           // HS256 signing key; nil means a random 256-bit key
}

// Server serves the emulated OAuth endpoints. It is safe for concurrent use.
type Server struct {
	now      func() time.Time
	codeTTL  time.Duration
	tokenTTL time.Duration
	key      []byte

	mu      sync.Mutex
	user    User
	clients map[string]Client
	codes   map[string]grant   // authorization code → grant
	consent map[string]request // consent-page nonce → the request it shows
}

// New returns a Server for cfg, or an error if a client or the user is invalid.
func New(cfg Config) (*Server, error) {
	s := &Server{
		now: cfg.Now, codeTTL: cfg.CodeTTL, tokenTTL: cfg.TokenTTL,
		key:     append([]byte(nil), cfg.Key...),
		clients: make(map[string]Client),
		codes:   make(map[string]grant),
		consent: make(map[string]request),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.codeTTL <= 0 {
		s.codeTTL = DefaultCodeTTL
	}
	if s.tokenTTL <= 0 {
		s.tokenTTL = DefaultTokenTTL
	}
	if len(s.key) == 0 {
		s.key = []byte(rand.Text() + rand.Text())
	}
	if err := s.SetUser(cfg.User); err != nil {
		return nil, err
	}
	for _, c := range cfg.Clients {
		if err := s.RegisterClient(c); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// RegisterClient adds or replaces the application c.ID. The ID must be
// non-empty and the redirect URI an absolute URI without a fragment (RFC 6749
// §3.1.2); a custom scheme such as "myapp://callback" is fine.
func (s *Server) RegisterClient(c Client) error {
	if c.ID == "" {
		return errors.New("oauth: client ID is empty")
	}
	if u, err := url.Parse(c.RedirectURI); err != nil || !u.IsAbs() || strings.Contains(c.RedirectURI, "#") {
		return fmt.Errorf("oauth: client %q: redirect URI %q is not an absolute URI without a fragment", c.ID, c.RedirectURI)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[c.ID] = c
	return nil
}

// SetUser changes the signed-in user shown on later consent pages.
func (s *Server) SetUser(u User) error {
	if u.ID <= 0 {
		return fmt.Errorf("oauth: user ID %d is not positive", u.ID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user = u
	return nil
}

// ServeHTTP routes /…/authorize, /…/token and /…/pin; anything else is 404.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:] {
	case "authorize":
		s.serveAuthorize(w, r)
	case "token":
		s.serveToken(w, r)
	case "pin":
		s.servePin(w, r)
	default:
		http.NotFound(w, r)
	}
}

// client returns the registered client id.
func (s *Server) client(id string) (Client, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[id]
	return c, ok
}

// currentUser returns the signed-in user.
func (s *Server) currentUser() User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.user
}

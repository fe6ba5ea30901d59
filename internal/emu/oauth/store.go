package oauth

import (
	"crypto/rand"
	"strings"
	"time"
)

// request is one authorization request, as shown on a consent page.
type request struct {
	ClientID     string
	RedirectURI  string // as sent; empty when the client relied on the registered one
	ResponseType string // "code" or "token"
	State        string
	pkce         challenge // code grant only
	expires      time.Time
}

// grant is what an authorization code stands for.
type grant struct {
	clientID    string
	redirectURI string // as sent in the authorization request (may be empty)
	userID      int
	pkce        challenge // zero when the request had no code_challenge
	expires     time.Time
}

// newConsent remembers req under a fresh nonce and returns the nonce.
func (s *Server) newConsent(req request) string {
	nonce := rand.Text()
	now := s.now()
	req.expires = now.Add(consentTTL)
	s.mu.Lock()
	defer s.mu.Unlock()
	prune(s.consent, now, func(r request) time.Time { return r.expires })
	s.consent[nonce] = req
	return nonce
}

// takeConsent removes and returns the request shown with nonce, if it is
// still valid. A nonce works once.
func (s *Server) takeConsent(nonce string) (request, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.consent[nonce]
	delete(s.consent, nonce)
	if !ok || !s.now().Before(req.expires) {
		return request{}, false
	}
	return req, true
}

// newCode stores g under a fresh authorization code and returns the code.
//
// Codes start with "def50200", as league/oauth2-server's defuse-encrypted
// codes on anilist.co do.
func (s *Server) newCode(g grant) string {
	code := "def50200" + strings.ToLower(rand.Text()+rand.Text())
	now := s.now()
	g.expires = now.Add(s.codeTTL)
	s.mu.Lock()
	defer s.mu.Unlock()
	prune(s.codes, now, func(g grant) time.Time { return g.expires })
	s.codes[code] = g
	return code
}

// takeCode removes and returns the grant for code, if it has not expired.
// A code works once: a replay finds nothing.
func (s *Server) takeCode(code string) (grant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.codes[code]
	delete(s.codes, code)
	if !ok || !s.now().Before(g.expires) {
		return grant{}, false
	}
	return g, true
}

// prune deletes the expired entries of m once it has grown past a few hundred,
// so that abandoned codes and pages cannot pile up.
func prune[V any](m map[string]V, now time.Time, expires func(V) time.Time) {
	if len(m) < 256 {
		return
	}
	for k, v := range m {
		if !now.Before(expires(v)) {
			delete(m, k)
		}
	}
}

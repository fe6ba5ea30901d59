package anilisttest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/anigql/anigql/internal/emu/exec"
)

// maxVerified bounds the cache of verified tokens.
const maxVerified = 1024

// verified is a token whose signature was checked once: its user and expiry.
type verified struct {
	user      int
	checkedAt time.Time // a clock set before this re-verifies (iat, nbf)
	notAfter  time.Time
}

// tokenCache remembers verified tokens, so that a client sending the same
// token on every request pays for the signature check once. Expiry is still
// checked on every request against the server's clock.
type tokenCache struct {
	mu sync.Mutex
	m  map[string]verified
}

// viewer reads the bearer token: 0 and no error without one; AniList's
// "Invalid token" error for a bad or expired one.
func (s *Server) viewer(r *http.Request) (int, *exec.Error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return 0, nil
	}
	invalid := &exec.Error{Message: "Invalid token", Status: http.StatusBadRequest}
	tok, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return 0, invalid
	}
	tok = strings.TrimSpace(tok)
	now := s.now()
	if v, ok := s.tokens.get(tok); ok && !now.Before(v.checkedAt) {
		if now.Before(v.notAfter) {
			return v.user, nil
		}
		return 0, invalid
	}
	id, err := s.oauth.VerifyToken(tok)
	if err != nil {
		return 0, invalid
	}
	if exp, ok := expiry(tok); ok {
		s.tokens.put(tok, verified{user: id, checkedAt: now, notAfter: exp})
	}
	return id, nil
}

func (c *tokenCache) get(tok string) (verified, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[tok]
	return v, ok
}

func (c *tokenCache) put(tok string, v verified) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]verified{}
	}
	if len(c.m) < maxVerified {
		c.m[tok] = v
	}
}

// expiry reads the exp claim of a token whose signature is already checked.
func expiry(tok string) (time.Time, bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return time.Time{}, false
	}
	var c struct {
		Exp int64 `json:"exp"`
	}
	if json.Unmarshal(payload, &c) != nil || c.Exp == 0 {
		return time.Time{}, false
	}
	return time.Unix(c.Exp, 0), true
}

package auth

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// refreshBefore is how long before its expiry a refreshable token is
// renewed, so that it never expires in flight.
const refreshBefore = time.Minute

// TokenSource returns a TokenSource that starts from t and renews it
// before it expires when it carries a refresh token (RFC 6749 section 6),
// through x/oauth2's TokenSource: one refresh_token request, authenticated
// as Endpoint.AuthStyle says. A token without a refresh token (AniList's)
// is returned as it is, so that [NewClient] reports its expiry with an
// [*ExpiredError]. A failed refresh gives an error wrapping the
// [*ExchangeError]; the user then has to log in again. ctx carries the
// requests' lifetime as for oauth2.Config.TokenSource. Safe for concurrent
// use.
func (c *Config) TokenSource(ctx context.Context, t *Token) TokenSource {
	return &refreshSource{c: c, ctx: ctx, tok: t}
}

// StoreTokenSource is [Config.TokenSource] over the token of profile in
// store: it loads it on first use and saves every renewed token back, so
// that the next run starts from the new refresh token.
func (c *Config) StoreTokenSource(ctx context.Context, store TokenStore, profile string) TokenSource {
	return &refreshSource{c: c, ctx: ctx, store: store, profile: profile}
}

type refreshSource struct {
	c       *Config
	ctx     context.Context
	store   TokenStore // nil for a source over a single token
	profile string

	mu  sync.Mutex
	tok *Token
}

func (s *refreshSource) Token() (*Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok == nil && s.store != nil {
		t, err := s.store.Load(s.profile)
		if err != nil {
			return nil, err
		}
		s.tok = t
	}
	if s.tok == nil {
		return nil, ErrNoToken
	}
	if s.tok.RefreshToken == "" || s.tok.Check(s.c.now().Add(refreshBefore)) == nil {
		return s.tok, nil
	}
	t, err := s.refresh(s.tok)
	if err != nil {
		return nil, err
	}
	s.tok = t
	if s.store != nil {
		if err := s.store.Save(s.profile, t); err != nil {
			return nil, fmt.Errorf("auth: saving the refreshed token: %w", err)
		}
	}
	return t, nil
}

// refresh trades old's refresh token for a new token. x/oauth2 keeps the
// old refresh token when the answer has none.
func (s *refreshSource) refresh(old *Token) (*Token, error) {
	conf := s.c.oauth2(s.c.RedirectURL)
	ot, err := conf.TokenSource(s.c.contextClient(s.ctx), &oauth2.Token{RefreshToken: old.RefreshToken}).Token()
	if err != nil {
		return nil, fmt.Errorf("auth: refreshing the token: %w", exchangeError(err))
	}
	t, err := s.c.fromOAuth2(ot)
	if err != nil {
		return nil, fmt.Errorf("auth: refreshing the token: %w", err)
	}
	if t.Subject == "" {
		t.Subject = old.Subject
	}
	return t, nil
}

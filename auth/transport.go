package auth

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// A TokenSource returns the token to sign requests with.
type TokenSource interface {
	Token() (*Token, error)
}

// StaticTokenSource returns a TokenSource that always returns t. Its tokens
// are checked against the wall clock by [NewClient].
func StaticTokenSource(t *Token) TokenSource { return staticSource{t} }

type staticSource struct{ t *Token }

func (s staticSource) Token() (*Token, error) { return s.t, nil }

// StoreTokenSource returns a TokenSource that loads the token of profile
// from store on first use and keeps it. A failed load is retried on the
// next call.
func StoreTokenSource(store TokenStore, profile string) TokenSource {
	return &storeSource{store: store, profile: profile}
}

type storeSource struct {
	store   TokenStore
	profile string

	mu  sync.Mutex
	tok *Token
}

func (s *storeSource) Token() (*Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil {
		return s.tok, nil
	}
	t, err := s.store.Load(s.profile)
	if err != nil {
		return nil, err
	}
	s.tok = t
	return t, nil
}

// NewClient returns an *http.Client that adds "Authorization: Bearer
// <token>" to every request, on a clone of the request: the caller's
// request is never modified. When the token is missing or expired, the
// request fails before it is sent, with [ErrNoToken] or an [*ExpiredError]
// (inside the *url.Error that http.Client returns; use errors.Is or
// errors.As). The request body is closed in every case.
//
// As with oauth2.NewClient, ctx may carry an *http.Client under the
// oauth2.HTTPClient key, whose Transport is then used to send requests;
// ctx is not otherwise kept.
func NewClient(ctx context.Context, ts TokenSource) *http.Client {
	return newClient(ctx, ts, time.Now)
}

func newClient(ctx context.Context, ts TokenSource, now func() time.Time) *http.Client {
	var base http.RoundTripper
	if hc, ok := ctx.Value(oauth2.HTTPClient).(*http.Client); ok && hc != nil {
		base = hc.Transport
	}
	return &http.Client{Transport: &oauth2.Transport{
		Source: checkedSource{ts: ts, now: now},
		Base:   base,
	}}
}

// checkedSource adapts a TokenSource to oauth2.TokenSource and refuses
// expired tokens, so that oauth2.Transport (which clones the request, sets
// the header and closes the body on error) never sends them.
type checkedSource struct {
	ts  TokenSource
	now func() time.Time
}

func (s checkedSource) Token() (*oauth2.Token, error) {
	if s.ts == nil {
		return nil, ErrNoToken
	}
	t, err := s.ts.Token()
	if err != nil {
		return nil, err
	}
	if err := t.Check(s.now()); err != nil {
		return nil, err
	}
	return t.OAuth2(), nil
}

package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"golang.org/x/oauth2"
)

// ExchangeError reports a token endpoint that refused a code or answered
// something that is not a token. It keeps the status and the RFC 6749 error
// fields (or AniAPI's message) but never the response body in its text.
type ExchangeError struct {
	StatusCode  int    // HTTP status, or AniAPI's envelope status
	Code        string // RFC 6749 "error", e.g. "invalid_grant"
	Description string // "error_description", or AniAPI's "message"
	Err         error  // the underlying error, often an *oauth2.RetrieveError
}

// Error describes the failed token request without the response body,
// which may echo credentials.
func (e *ExchangeError) Error() string {
	s := "auth: token request failed"
	if e.StatusCode != 0 {
		s += fmt.Sprintf(": HTTP %d", e.StatusCode)
	}
	if e.Code != "" {
		s += fmt.Sprintf(": %q", truncate(e.Code, 100))
	}
	if e.Description != "" {
		s += fmt.Sprintf(": %q", truncate(e.Description, 300))
	}
	if e.StatusCode == 0 && e.Code == "" && e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *ExchangeError) Unwrap() error { return e.Err }

// Exchange trades an authorization code for a token at the token endpoint.
// req is the request the code answers, as [Config.AuthCodeURL] returned
// it: Exchange sends its redirect_uri and its PKCE code_verifier. It posts
// grant_type, code, redirect_uri and code_verifier as a form body (a JSON
// object when Endpoint.JSONRequest is set) with Accept: application/json,
// the client credentials as Endpoint.AuthStyle says, exactly once, and
// reads a standard token response (keeping any refresh_token) or AniAPI's
// envelope.
func (c *Config) Exchange(ctx context.Context, req *AuthRequest, code string) (*Token, error) {
	if req == nil || !req.made {
		return nil, errNoRequest
	}
	code, err := cleanSecret(code)
	if err != nil {
		return nil, fmt.Errorf("auth: bad authorization code: %w", err)
	}
	conf := c.oauth2(req.redirect)
	ot, err := conf.Exchange(c.contextClient(ctx), code, req.exchangeOptions()...)
	if err != nil {
		return nil, exchangeError(err)
	}
	return c.fromOAuth2(ot)
}

// fromOAuth2 turns a token x/oauth2 received into a Token, its expiry
// computed with Config.Now.
func (c *Config) fromOAuth2(ot *oauth2.Token) (*Token, error) {
	access, err := cleanSecret(ot.AccessToken)
	if err != nil {
		return nil, &ExchangeError{Description: "the access token is malformed", Err: err}
	}
	tok := newToken(access, ot.TokenType, expiresIn(ot), c.now(), c.Endpoint.Lifetime)
	if ot.RefreshToken != "" {
		if tok.RefreshToken, err = cleanSecret(ot.RefreshToken); err != nil {
			return nil, &ExchangeError{Description: "the refresh token is malformed", Err: err}
		}
	}
	return tok, nil
}

func exchangeError(err error) error {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("auth: token request: %w", err)
		}
		return &ExchangeError{Err: err}
	}
	e := &ExchangeError{Code: re.ErrorCode, Description: re.ErrorDescription, Err: err}
	if re.Response != nil {
		e.StatusCode = re.Response.StatusCode
		if d := re.Response.Header.Get(envelopeMessageHeader); d != "" && e.Description == "" {
			e.Description = d
		}
	}
	return e
}

// expiresIn reads expires_in in seconds from a token response, recomputed
// here so that the expiry follows Config.Now rather than the wall clock.
// x/oauth2 fills ExpiresIn from JSON; from a form-encoded answer, Extra
// gives it as an int64.
func expiresIn(ot *oauth2.Token) int64 {
	if ot.ExpiresIn > 0 {
		return ot.ExpiresIn
	}
	if v, ok := ot.Extra("expires_in").(int64); ok && v > 0 {
		return v
	}
	return 0
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// setAccept sets Accept: application/json on a clone of req.
func setAccept(req *http.Request) *http.Request {
	r := req.Clone(req.Context())
	r.Header.Set("Accept", "application/json")
	return r
}

// jsonBody replaces the form body of r, a token request x/oauth2 built
// (which names each parameter once), with the same parameters as a JSON
// object of strings. It closes the form body.
func jsonBody(r *http.Request) (*http.Request, error) {
	if r.Body == nil {
		return r, nil
	}
	form, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("auth: reading the token request: %w", err)
	}
	params, err := url.ParseQuery(string(form))
	if err != nil {
		return nil, fmt.Errorf("auth: encoding the token request: %w", err)
	}
	obj := make(map[string]string, len(params))
	for k, v := range params {
		obj[k] = v[0]
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("auth: encoding the token request: %w", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	r.ContentLength = int64(len(b))
	r.Header.Set("Content-Type", "application/json")
	return r, nil
}

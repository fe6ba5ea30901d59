package oauth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"

	"github.com/golang-jwt/jwt/v5"
)

// ErrInvalidToken is wrapped by every error [Server.VerifyToken] returns: a
// bad signature, an expired token, a malformed one or one without a user.
var ErrInvalidToken = errors.New("oauth: invalid token")

// claims is the claim set of an emulated AniList access token. AniList's
// tokens (Laravel Passport) carry aud as a plain string, sub as a string user
// id, jti, iat, nbf, exp and an empty scopes list.
type claims struct {
	jwt.RegisteredClaims
	Aud    string   `json:"aud,omitempty"` // shadows RegisteredClaims.Audience
	Scopes []string `json:"scopes"`
}

// GetAudience reports the string aud claim.
func (c claims) GetAudience() (jwt.ClaimStrings, error) {
	if c.Aud == "" {
		return nil, nil
	}
	return jwt.ClaimStrings{c.Aud}, nil
}

// IssueToken returns a signed access token for userID with no audience, valid
// for the configured token lifetime. Tests use it to skip the consent page.
func (s *Server) IssueToken(userID int) (string, error) {
	return s.issue(userID, "")
}

// issue signs a token for userID issued to clientID (the aud claim).
func (s *Server) issue(userID int, clientID string) (string, error) {
	if userID <= 0 {
		return "", fmt.Errorf("oauth: user ID %d is not positive", userID)
	}
	now := s.now()
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   strconv.Itoa(userID),
			ID:        rand.Text(),
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(s.tokenTTL)),
		},
		Aud:    clientID,
		Scopes: []string{},
	}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("oauth: signing token: %w", err)
	}
	return tok, nil
}

// VerifyToken checks the signature and lifetime of token against the server's
// clock and returns the user id in its "sub" claim. Every failure wraps
// [ErrInvalidToken] (and, where the jwt package says why, its error too, such
// as jwt.ErrTokenExpired). The token never appears in the error.
func (s *Server) VerifyToken(token string) (userID int, err error) {
	var c claims
	_, err = jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithTimeFunc(s.now),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
	)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	id, err := strconv.Atoi(c.Subject)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: subject is not a user id", ErrInvalidToken)
	}
	return id, nil
}

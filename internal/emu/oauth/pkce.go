package oauth

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"regexp"
)

// challenge is the PKCE challenge of an authorization request (RFC 7636).
type challenge struct {
	value  string // code_challenge; "" when the request had none
	method string // "plain" or "S256"
}

// pkceRE is RFC 7636's syntax of a code_verifier and a code_challenge, as
// league/oauth2-server checks it.
var pkceRE = regexp.MustCompile(`^[A-Za-z0-9\-._~]{43,128}$`)

// League's error texts (src/Exception/OAuthServerException.php).
const (
	invalidRequestText = "The request is missing a required parameter, includes an invalid parameter value, " +
		"includes a parameter more than once, or is otherwise malformed."
	invalidGrantText = "The provided authorization grant (e.g., authorization code, resource owner credentials) " +
		"or refresh token is invalid, expired, revoked, does not match the redirection URI used in the " +
		"authorization request, or was issued to another client."
)

// leagueInvalidRequest is league's invalid_request error with hint.
func leagueInvalidRequest(hint string) *tokenError {
	return &tokenError{Code: "invalid_request", Description: invalidRequestText, Hint: hint, status: http.StatusBadRequest}
}

// parseChallenge reads code_challenge and code_challenge_method from an
// authorization request as league does: the method defaults to plain, and
// both are checked.
func parseChallenge(value, method string) (challenge, *tokenError) {
	if value == "" {
		return challenge{}, nil
	}
	if method == "" {
		method = "plain"
	}
	if method != "plain" && method != "S256" {
		return challenge{}, leagueInvalidRequest("Code challenge method must be `plain` or `S256`")
	}
	if !pkceRE.MatchString(value) {
		return challenge{}, leagueInvalidRequest("Code challenge must follow the specifications of RFC-7636.")
	}
	return challenge{value: value, method: method}, nil
}

// verify checks the token request's code_verifier against c, with league's
// errors. A grant without a challenge needs no verifier.
func (c challenge) verify(verifier string) error {
	if c.value == "" {
		return nil
	}
	if verifier == "" {
		return leagueInvalidRequest("Check the `code_verifier` parameter")
	}
	if !pkceRE.MatchString(verifier) {
		return leagueInvalidRequest("Code Verifier must follow the specifications of RFC-7636.")
	}
	want := verifier
	if c.method == "S256" {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(c.value)) != 1 {
		return &tokenError{Code: "invalid_grant", Description: invalidGrantText,
			Hint: "Failed to verify `code_verifier`.", status: http.StatusBadRequest}
	}
	return nil
}

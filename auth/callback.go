package auth

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// CallbackError reports an authorization the provider refused, such as
// error=access_denied when the user clicks Deny (RFC 6749 section 4.1.2.1).
type CallbackError struct {
	Code        string // "error", e.g. "access_denied"
	Description string // "error_description", may be empty
	URI         string // "error_uri", may be empty
}

// Error describes the refusal, with the provider's code and description.
func (e *CallbackError) Error() string {
	s := fmt.Sprintf("auth: authorization refused: %q", truncate(e.Code, 100))
	if e.Description != "" {
		s += fmt.Sprintf(": %q", truncate(e.Description, 300))
	}
	return s
}

// ErrStateMismatch is matched by every [*StateError] with errors.Is.
var ErrStateMismatch = errors.New("auth: callback state does not match")

// StateError reports a callback whose state is wrong, or missing where the
// provider is expected to echo it: possibly a forged callback (login CSRF,
// RFC 9700 section 4.7). The loopback receiver answers such callbacks with
// 400 and keeps waiting for the genuine one; Login returns a StateError
// only when a pasted URL has a bad state or when the receiver gives up
// after [MaxBadCallbacks] of them.
type StateError struct {
	Missing bool // no state at all, rather than a different one
	// Rejected is how many bad callbacks the receiver turned away before
	// giving up; 0 for a single check.
	Rejected int
}

// Error says whether the state was missing or did not match.
func (e *StateError) Error() string {
	if e.Rejected > 0 {
		return fmt.Sprintf("auth: gave up after %d callbacks without the right state (possible forgery); try again", e.Rejected)
	}
	if e.Missing {
		return "auth: callback carries no state; login abandoned, try again"
	}
	return "auth: callback state does not match the one sent (possible forgery); login abandoned, try again"
}

// Is reports whether target is [ErrStateMismatch].
func (e *StateError) Is(target error) bool { return target == ErrStateMismatch }

// MaxBadCallbacks is how many callbacks with a missing or wrong state the
// loopback receiver turns away before Login gives up with a [*StateError].
const MaxBadCallbacks = 16

var errNoRequest = errors.New("auth: not an AuthRequest made by Config.AuthCodeURL or Config.ImplicitURL")

// ErrCallbackUsed answers a callback that arrives after the login has
// already accepted one.
var ErrCallbackUsed = errors.New("auth: this login has already received its callback")

// parseCallback reads the parameters of a redirect (query or fragment)
// whose state, if it matters, has been checked already. It returns a
// *CallbackError for error= and a plain error for anything else wrong.
func parseCallback(v url.Values, g Grant) (PinResult, error) {
	if code := v.Get("error"); code != "" {
		return PinResult{}, &CallbackError{Code: code, Description: v.Get("error_description"), URI: v.Get("error_uri")}
	}
	cb := PinResult{State: v.Get("state"), HasState: v.Has("state")}
	var err error
	switch {
	case v.Get("access_token") != "":
		if cb.AccessToken, err = cleanSecret(v.Get("access_token")); err != nil {
			return PinResult{}, fmt.Errorf("auth: bad access_token in callback: %w", err)
		}
		cb.TokenType = v.Get("token_type")
		cb.ExpiresIn, _ = strconv.ParseInt(v.Get("expires_in"), 10, 64)
	case v.Get("code") != "" && g == GrantCode:
		if cb.Code, err = cleanSecret(v.Get("code")); err != nil {
			return PinResult{}, fmt.Errorf("auth: bad code in callback: %w", err)
		}
	case v.Get("code") != "":
		return PinResult{}, errors.New("auth: callback carries a code, but the implicit grant expects a token")
	case g == GrantImplicit:
		return PinResult{}, errors.New("auth: callback carries no access_token")
	default:
		return PinResult{}, errors.New("auth: callback carries no code")
	}
	return cb, nil
}

// checkState compares the state of cb with want in constant time.
func checkState(cb PinResult, want string, optional bool) error {
	if !cb.HasState {
		if optional {
			return nil
		}
		return &StateError{Missing: true}
	}
	if subtle.ConstantTimeCompare([]byte(cb.State), []byte(want)) != 1 {
		return &StateError{}
	}
	return nil
}

// isCallback reports whether v looks like a redirect from the provider
// rather than a stray request.
func isCallback(v url.Values) bool {
	return v.Has("code") || v.Has("access_token") || v.Has("error") || v.Has("state")
}

// ParseFragment returns the parameters in the fragment of a redirect URL
// such as http://127.0.0.1/cb#access_token=…&state=…, decoded from the
// fragment as written (u.EscapedFragment) so that reserved characters
// escaped by the provider keep their meaning.
func ParseFragment(u *url.URL) (url.Values, error) {
	v, err := url.ParseQuery(u.EscapedFragment())
	if err != nil {
		return nil, fmt.Errorf("auth: malformed URL fragment: %w", err)
	}
	return v, nil
}

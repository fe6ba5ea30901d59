package auth

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
)

// PinResult is what a redirect carries, here as the user pasted it after
// authorizing: a code or a token, and the state when they pasted a whole
// redirected URL. It never shows the code, token or state: String,
// GoString, Format and LogValue redact them and JSON leaves them out.
type PinResult struct {
	Code        string `json:"-"`                    // authorization code, to pass to Config.Exchange
	AccessToken string `json:"-"`                    // access token (implicit grant)
	TokenType   string `json:"token_type,omitempty"` // token_type, when the pasted URL had one
	ExpiresIn   int64  `json:"expires_in,omitempty"` // expires_in in seconds, when the pasted URL had one
	State       string `json:"-"`                    // state, when the pasted URL had one
	HasState    bool   `json:"has_state"`            // whether the pasted URL had a state parameter
	// FromURL says the paste was a URL, query or fragment rather than a
	// bare value: Login then requires the state, as for a callback.
	FromURL bool `json:"from_url"`
}

// String describes r without its code, token or state.
func (r PinResult) String() string {
	kind := "empty"
	switch {
	case r.AccessToken != "":
		kind = "token"
	case r.Code != "":
		kind = "code"
	}
	return fmt.Sprintf("auth.PinResult{%s REDACTED, HasState: %t}", kind, r.HasState)
}

// GoString is String, so that %#v redacts too.
func (r PinResult) GoString() string { return r.String() }

// Format writes String for every verb.
func (r PinResult) Format(f fmt.State, verb rune) { fmt.Fprint(f, r.String()) }

// LogValue gives log/slog a view of r without its code, token or state.
func (r PinResult) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("code", r.Code != ""),
		slog.Bool("access_token", r.AccessToken != ""),
		slog.Bool("has_state", r.HasState),
		slog.Bool("from_url", r.FromURL),
	)
}

// ParsePin reads what a user pasted after authorizing through the pin page
// (or any redirect the program cannot receive). It accepts:
//   - the whole redirected URL, with the code in its query or the token in
//     its fragment (…/pin?code=…, …/cb#access_token=…&state=…);
//   - the query or fragment alone (code=… or access_token=…&…);
//   - the bare code or token, as the pin page shows it. A bare value is a
//     token for GrantImplicit; for GrantCode it is a code, unless it is a
//     JWT (AniList's codes are not), which is then taken as a token.
//
// An error=… redirect gives a [*CallbackError]. ParsePin does not check
// the state; [Config.Login] requires it of every pasted URL, and
// [AuthRequest.Callback] checks it for programs that parse the URL
// themselves.
func ParsePin(input string, g Grant) (PinResult, error) {
	s := strings.TrimSpace(input)
	if s == "" {
		return PinResult{}, errors.New("auth: nothing was pasted")
	}
	if len(s) > 2*maxTokenLen {
		return PinResult{}, errors.New("auth: pasted text is too long")
	}
	v, ok, err := pinParams(s)
	if err != nil {
		return PinResult{}, err
	}
	if !ok {
		return bareValue(s, g)
	}
	cb, err := parseCallback(v, g)
	if err != nil {
		return PinResult{}, err
	}
	cb.FromURL = true
	return cb, nil
}

// pinParams returns the parameters of a pasted URL, query or fragment, and
// false when s is a bare value.
func pinParams(s string) (url.Values, bool, error) {
	if strings.Contains(s, "://") || strings.HasPrefix(s, "?") || strings.HasPrefix(s, "#") {
		u, err := url.Parse(s)
		if err != nil {
			return nil, false, errors.New("auth: pasted text is not a valid URL")
		}
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			return nil, false, errors.New("auth: pasted URL has a malformed query")
		}
		if u.EscapedFragment() != "" {
			f, err := ParseFragment(u)
			if err != nil {
				return nil, false, err
			}
			for k, vs := range f {
				q[k] = append(q[k], vs...)
			}
		}
		if !isCallback(q) {
			return nil, false, errors.New("auth: pasted URL carries no code or token; copy the address after you approve")
		}
		return q, true, nil
	}
	if !strings.Contains(s, "=") {
		return nil, false, nil
	}
	v, err := url.ParseQuery(s)
	if err != nil || !isCallback(v) {
		// Base64 padding makes '=' possible in a bare value.
		return nil, false, nil
	}
	return v, true, nil
}

func bareValue(s string, g Grant) (PinResult, error) {
	s, err := cleanSecret(s)
	if err != nil {
		return PinResult{}, fmt.Errorf("auth: pasted value: %w", err)
	}
	if g == GrantImplicit {
		return PinResult{AccessToken: s}, nil
	}
	if _, err := ParseClaims(s); err == nil {
		return PinResult{AccessToken: s}, nil
	}
	return PinResult{Code: s}, nil
}

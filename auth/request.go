package auth

import (
	"fmt"
	"log/slog"
	"net/url"

	"golang.org/x/oauth2"
)

// AuthRequest is one authorization request in flight: the consent page's
// URL and the secrets its callback and code exchange must match. Make one
// with [Config.AuthCodeURL] or [Config.ImplicitURL] per login, send the
// user to URL, check the callback with [AuthRequest.Callback] and pass the
// same AuthRequest to [Config.Exchange], which sends its PKCE verifier:
// there is no way to exchange a code without the request that asked for it.
//
// The verifier is unexported and an AuthRequest prints, logs and marshals
// without it.
type AuthRequest struct {
	URL   string // the consent page to send the user to
	State string // the state sent, 256 random bits
	Grant Grant  // the grant the request asks for

	redirect string // the redirect_uri sent, "" for none
	verifier string // PKCE code_verifier, "" when Endpoint.NoPKCE is set
	optional bool   // Endpoint.StateOptional
	made     bool   // made by Config; a literal AuthRequest is refused
}

// AuthCodeURL starts an authorization-code login: it returns the request
// whose URL is the consent page, with client_id, redirect_uri (when set),
// response_type=code, a fresh state ([NewState]) and, unless
// Endpoint.NoPKCE is set, an S256 code_challenge of a fresh 32-byte
// verifier (RFC 7636, through x/oauth2's GenerateVerifier).
func (c *Config) AuthCodeURL() *AuthRequest {
	return c.newRequest(GrantCode, c.RedirectURL)
}

// ImplicitURL starts an implicit-grant login (response_type=token). The
// request carries a code_challenge too, unless Endpoint.NoPKCE is set: it
// is of no use to the implicit grant, but servers that force PKCE on every
// authorization request (go-oauth2's ForcePKCE) need one, and RFC 7636
// servers ignore it there.
func (c *Config) ImplicitURL() *AuthRequest {
	return c.newRequest(GrantImplicit, c.RedirectURL)
}

func (c *Config) newRequest(g Grant, redirect string) *AuthRequest {
	r := &AuthRequest{State: NewState(), Grant: g, redirect: redirect, optional: c.Endpoint.StateOptional, made: true}
	var opts []oauth2.AuthCodeOption
	if !c.Endpoint.NoPKCE {
		r.verifier = oauth2.GenerateVerifier()
		opts = append(opts, oauth2.S256ChallengeOption(r.verifier))
	}
	if g == GrantImplicit {
		opts = append(opts, oauth2.SetAuthURLParam("response_type", "token"))
	}
	r.URL = c.oauth2(redirect).AuthCodeURL(r.State, opts...)
	return r
}

// Callback checks the parameters of the redirect that answers r (the query
// of a code callback, the fragment of an implicit one, see [ParseFragment])
// and returns the code or token it carries. The state must be the one r
// sent, compared in constant time: a missing or different state gives a
// [*StateError] (a missing one is accepted only with Endpoint.StateOptional,
// for a code). An error callback gives a [*CallbackError], but only once its
// state has been checked, so that a forged one cannot pass for the
// provider's.
func (r *AuthRequest) Callback(v url.Values) (PinResult, error) {
	if r == nil || !r.made {
		return PinResult{}, errNoRequest
	}
	optional := r.optional && r.Grant == GrantCode
	if err := checkState(PinResult{State: v.Get("state"), HasState: v.Has("state")}, r.State, optional); err != nil {
		return PinResult{}, err
	}
	return parseCallback(v, r.Grant)
}

// String describes r without its state or verifier.
func (r AuthRequest) String() string {
	return fmt.Sprintf("auth.AuthRequest{Grant: %s, State: REDACTED, PKCE: %t}", r.Grant, r.verifier != "")
}

// GoString is String, so that %#v redacts too.
func (r AuthRequest) GoString() string { return r.String() }

// Format writes String for every verb.
func (r AuthRequest) Format(f fmt.State, verb rune) { fmt.Fprint(f, r.String()) }

// LogValue gives log/slog a view of r without its state or verifier.
func (r AuthRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("grant", r.Grant.String()), slog.Bool("pkce", r.verifier != ""))
}

// MarshalJSON leaves out the state and verifier: an AuthRequest is not
// meant to be stored, and JSON of it names only the grant.
func (r AuthRequest) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, `{"grant":%q,"pkce":%t}`, r.Grant, r.verifier != ""), nil
}

// exchangeOptions are the code exchange's PKCE parameter, if any.
func (r *AuthRequest) exchangeOptions() []oauth2.AuthCodeOption {
	if r.verifier == "" {
		return nil
	}
	return []oauth2.AuthCodeOption{oauth2.VerifierOption(r.verifier)}
}

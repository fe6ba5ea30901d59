package oauth

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// maxTokenBody bounds the token request body.
const maxTokenBody = 64 << 10

// tokenRequest holds the parameters of an access token request (RFC 6749 §4.1.3).
type tokenRequest struct {
	GrantType, ClientID, ClientSecret, RedirectURI, Code, CodeVerifier string
	basic                                                              bool // credentials came by HTTP Basic
}

// tokenError is an error answer of the token endpoint (RFC 6749 §5.2).
type tokenError struct {
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
	Hint        string `json:"hint,omitempty"` // league's hint, e.g. "Failed to verify `code_verifier`."
	status      int    // 401 gets a Basic challenge
}

func (e *tokenError) Error() string {
	s := "oauth: " + e.Code + ": " + e.Description
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// badRequest returns an invalid_request error saying why.
func badRequest(format string, args ...any) *tokenError {
	return &tokenError{Code: "invalid_request", Description: fmt.Sprintf(format, args...), status: http.StatusBadRequest}
}

// tokenResponse is a successful token answer, shaped like AniList's.
type tokenResponse struct {
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
	AccessToken string `json:"access_token"`
}

// serveToken exchanges an authorization code for an access token.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		e := badRequest("the token endpoint only accepts POST")
		e.status = http.StatusMethodNotAllowed
		writeTokenError(w, e)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenBody)
	tr, err := parseTokenRequest(r)
	if err == nil {
		var tok string
		if tok, err = s.exchange(tr); err == nil {
			writeJSON(w, http.StatusOK, tokenResponse{"Bearer", int64(s.tokenTTL.Seconds()), tok})
			return
		}
	}
	var te *tokenError
	if !errors.As(err, &te) {
		te = &tokenError{Code: "server_error", status: http.StatusInternalServerError}
	}
	writeTokenError(w, te)
}

// exchange authenticates the client, redeems the code and issues a token.
func (s *Server) exchange(tr tokenRequest) (string, error) {
	switch tr.GrantType {
	case "":
		return "", badRequest("grant_type is missing")
	case "authorization_code":
	default:
		return "", &tokenError{Code: "unsupported_grant_type", status: http.StatusBadRequest,
			Description: "only grant_type=authorization_code is supported (AniList has no refresh tokens)"}
	}
	c, ok := s.client(tr.ClientID)
	if !ok || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(tr.ClientSecret)) != 1 {
		e := &tokenError{Code: "invalid_client", Description: "client authentication failed",
			status: http.StatusBadRequest}
		if tr.basic {
			e.status = http.StatusUnauthorized
		}
		return "", e
	}
	if tr.Code == "" {
		return "", badRequest("code is missing")
	}
	invalid := func(desc string) error {
		return &tokenError{Code: "invalid_grant", Description: desc, status: http.StatusBadRequest}
	}
	g, ok := s.takeCode(tr.Code)
	switch {
	case !ok:
		return "", invalid("the code is invalid, expired or already used")
	case g.clientID != c.ID:
		return "", invalid("the code was issued to another client")
	case g.redirectURI != "" && tr.RedirectURI != g.redirectURI,
		g.redirectURI == "" && tr.RedirectURI != "" && tr.RedirectURI != c.RedirectURI:
		return "", invalid("redirect_uri does not match the authorization request")
	}
	if err := g.pkce.verify(tr.CodeVerifier); err != nil {
		return "", err
	}
	return s.issue(g.userID, c.ID)
}

// parseTokenRequest reads a JSON or form body and HTTP Basic client credentials.
func parseTokenRequest(r *http.Request) (tokenRequest, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		mt = ""
	}
	var p map[string]string
	switch mt {
	case "application/json":
		p, err = parseJSONBody(r.Body)
	case "application/x-www-form-urlencoded":
		p, err = parseFormBody(r.Body)
	default:
		return tokenRequest{}, badRequest("Content-Type must be application/json or application/x-www-form-urlencoded")
	}
	if err != nil {
		return tokenRequest{}, err
	}
	tr := tokenRequest{GrantType: p["grant_type"], ClientID: p["client_id"], ClientSecret: p["client_secret"],
		RedirectURI: p["redirect_uri"], Code: p["code"], CodeVerifier: p["code_verifier"]}
	return tr, basicCredentials(r, &tr)
}

// basicCredentials applies HTTP Basic client credentials (RFC 6749 §2.3.1:
// both parts form-urlencoded) to tr, refusing a second authentication method.
func basicCredentials(r *http.Request, tr *tokenRequest) error {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return nil
	}
	id, err1 := url.QueryUnescape(user)
	secret, err2 := url.QueryUnescape(pass)
	switch {
	case err1 != nil || err2 != nil:
		return badRequest("the Basic credentials are not form-urlencoded")
	case tr.ClientSecret != "":
		return badRequest("use only one client authentication method: Basic or client_secret")
	case tr.ClientID != "" && tr.ClientID != id:
		return badRequest("client_id differs from the Basic credentials")
	}
	tr.ClientID, tr.ClientSecret, tr.basic = id, secret, true
	return nil
}

// parseFormBody parses a form body; a parameter may appear at most once.
func parseFormBody(body io.Reader) (map[string]string, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, badRequest("reading the body failed or it is too large")
	}
	vals, err := url.ParseQuery(string(b))
	if err != nil {
		return nil, badRequest("the form body is malformed")
	}
	p := make(map[string]string, len(vals))
	for k, v := range vals {
		if len(v) > 1 {
			return nil, badRequest("parameter %q is repeated", k)
		}
		p[k] = v[0]
	}
	return p, nil
}

// parseJSONBody parses one JSON object whose values are strings or numbers
// (some clients send client_id as a number); null means absent.
func parseJSONBody(body io.Reader) (map[string]string, error) {
	dec := json.NewDecoder(body)
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil || raw == nil {
		return nil, badRequest("the body is not a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badRequest("the body has data after the JSON object")
	}
	p := make(map[string]string, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			p[k] = v
		case json.Number:
			p[k] = v.String()
		case nil:
		default:
			return nil, badRequest("parameter %q must be a string", k)
		}
	}
	return p, nil
}

// writeTokenError answers e as JSON, with a Basic challenge for a 401.
func writeTokenError(w http.ResponseWriter, e *tokenError) {
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="AniList"`)
	}
	writeJSON(w, e.status, e)
}

// writeJSON answers v as JSON that no cache may keep (RFC 6749 §5.1).
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

package oauth

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// serveAuthorize shows the consent page (GET) or acts on its form (POST).
func (s *Server) serveAuthorize(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		s.showConsent(w, r)
	case http.MethodPost:
		s.decide(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// showConsent validates an authorization request and renders the consent page.
// A bad client or redirect URI gets an error page, never a redirect (RFC 6749
// §4.1.2.1); a bad response_type is redirected back as an error.
func (s *Server) showConsent(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req := request{
		ClientID:     q.Get("client_id"),
		RedirectURI:  q.Get("redirect_uri"),
		ResponseType: q.Get("response_type"),
		State:        q.Get("state"),
	}
	c, target, msg := s.checkClient(req)
	if msg != "" {
		errorPage(w, msg)
		return
	}
	if req.ResponseType == "code" {
		// League checks the challenge before anything else and answers a
		// bad one with a JSON error, not a redirect.
		var te *tokenError
		if req.pkce, te = parseChallenge(q.Get("code_challenge"), q.Get("code_challenge_method")); te != nil {
			writeTokenError(w, te)
			return
		}
	}
	if req.ResponseType != "code" && req.ResponseType != "token" {
		params := stateParams(req.State)
		params.Set("error", "unsupported_response_type")
		if req.ResponseType == "" {
			params.Set("error", "invalid_request")
			params.Set("error_description", "response_type is missing")
		}
		redirect(w, target, false, params)
		return
	}
	render(w, http.StatusOK, "consent", struct {
		Client Client
		User   User
		Req    request
		Nonce  string
	}{c, s.currentUser(), req, s.newConsent(req)})
}

// decide handles the consent form: Approve or Deny, then the redirect.
func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		errorPage(w, "The form could not be read.")
		return
	}
	f := r.PostForm
	req, ok := s.takeConsent(f.Get("nonce"))
	if !ok || req.ClientID != f.Get("client_id") || req.RedirectURI != f.Get("redirect_uri") ||
		req.ResponseType != f.Get("response_type") || req.State != f.Get("state") {
		errorPage(w, "This consent page has expired, was already used or was altered. Start the login again.")
		return
	}
	c, target, msg := s.checkClient(req)
	if msg != "" {
		errorPage(w, msg)
		return
	}
	params := stateParams(req.State)
	switch f.Get("action") {
	case "approve":
		if err := s.approve(req, c, params); err != nil {
			http.Error(w, "oauth: issuing token failed", http.StatusInternalServerError)
			return
		}
	case "deny":
		params.Set("error", "access_denied")
		params.Set("error_description", "The user denied the request.")
	default:
		errorPage(w, "Unknown action: choose Approve or Deny.")
		return
	}
	redirect(w, target, req.ResponseType == "token", params)
}

// approve adds the code, or the token and its type and lifetime, to params.
func (s *Server) approve(req request, c Client, params url.Values) error {
	user := s.currentUser()
	if req.ResponseType == "code" {
		params.Set("code", s.newCode(grant{clientID: c.ID, redirectURI: req.RedirectURI, userID: user.ID, pkce: req.pkce}))
		return nil
	}
	tok, err := s.issue(user.ID, c.ID)
	if err != nil {
		return err
	}
	params.Set("access_token", tok)
	params.Set("token_type", "Bearer")
	params.Set("expires_in", strconv.FormatInt(int64(s.tokenTTL.Seconds()), 10))
	return nil
}

// checkClient finds the client of req and where to send the user back. msg is
// non-empty, and meant for an error page, if the client is unknown or the
// redirect URI does not match the registered one exactly.
func (s *Server) checkClient(req request) (c Client, target, msg string) {
	c, ok := s.client(req.ClientID)
	switch {
	case req.ClientID == "":
		return c, "", "The request has no client_id."
	case !ok:
		return c, "", "Unknown client_id: no application is registered with it."
	case req.RedirectURI != "" && req.RedirectURI != c.RedirectURI:
		return c, "", "The redirect_uri does not match the one registered for this application."
	case c.RedirectURI == AniListPinURL:
		return c, "pin", "" // this server's own pin page, relative to …/authorize
	}
	return c, c.RedirectURI, ""
}

// stateParams returns redirect parameters holding state, if there is one.
func stateParams(state string) url.Values {
	v := url.Values{}
	if state != "" {
		v.Set("state", state)
	}
	return v
}

// redirect sends the user agent to target with params in the query, after any
// query target already has, or in the fragment. target never has a fragment.
func redirect(w http.ResponseWriter, target string, inFragment bool, params url.Values) {
	loc := target + "#" + params.Encode()
	if !inFragment {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		loc = target + sep + params.Encode()
	}
	w.Header().Set("Location", loc)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(http.StatusFound)
}

package oauth

import (
	"bytes"
	"html/template"
	"net/http"
)

// pages holds the consent, error and pin pages. html/template escapes every
// value, so client names and request fields cannot inject markup.
var pages = template.Must(template.New("").Parse(`
{{define "head"}}<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{.}} · AniList (emulated)</title></head><body>{{end}}

{{define "consent"}}{{template "head" "Authorize"}}
<main>
<h1 id="title">{{.Client.Name}} wants to access your AniList account</h1>
<p>Signed in as <strong id="user">{{.User.Name}}</strong>.</p>
<p>Allowing this gives <strong>{{.Client.Name}}</strong> access to your account.</p>
<form method="post">
<input type="hidden" name="client_id" value="{{.Req.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.Req.RedirectURI}}">
<input type="hidden" name="response_type" value="{{.Req.ResponseType}}">
<input type="hidden" name="state" value="{{.Req.State}}">
<input type="hidden" name="nonce" value="{{.Nonce}}">
<button type="submit" id="approve" name="action" value="approve">Approve</button>
<button type="submit" id="deny" name="action" value="deny">Deny</button>
</form>
</main></body></html>{{end}}

{{define "error"}}{{template "head" "Error"}}
<main><h1>Authorization error</h1><p id="error">{{.}}</p></main></body></html>{{end}}

{{define "pin"}}{{template "head" "Auth Pin"}}
<main>
<h1>Auth Pin</h1>
{{if .Error}}<p id="error">{{.Error}}</p>{{end}}
{{if .Code}}<p>Copy this code and paste it into the application.</p>
<textarea id="code" readonly rows="4" cols="60">{{.Code}}</textarea>{{end}}
<div id="token-box" hidden><p>Copy this token and paste it into the application.</p>
<textarea id="token" readonly rows="8" cols="60"></textarea></div>
<p id="fragment-error" hidden></p>
</main>
<script>
(function () {
  var p = new URLSearchParams(window.location.hash.slice(1));
  if (p.get("access_token")) {
    document.getElementById("token").value = p.get("access_token");
    document.getElementById("token-box").hidden = false;
  } else if (p.get("error")) {
    var e = document.getElementById("fragment-error");
    e.textContent = p.get("error");
    e.hidden = false;
  }
})();
</script>
</body></html>{{end}}
`))

// render writes the named page with status, or a plain 500 if it fails.
func render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		http.Error(w, "oauth: rendering page failed", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// errorPage answers 400 with an HTML page saying msg.
func errorPage(w http.ResponseWriter, msg string) {
	render(w, http.StatusBadRequest, "error", msg)
}

// servePin shows the code (query) or, through a small script, the token
// (fragment) that the authorize endpoint sent here.
func (s *Server) servePin(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	render(w, http.StatusOK, "pin", struct{ Code, Error string }{q.Get("code"), q.Get("error")})
}

package auth

import (
	"crypto/rand"
	"encoding/base64"
	"html/template"
	"net/http"
)

// page is what the receiver shows in the browser. html/template escapes
// every field, so text from a callback cannot inject markup.
type page struct {
	Title   string
	Message string
	Nonce   string      // CSP nonce of the relay script
	Script  template.JS // the relay script, a constant
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>{{.Title}}</title></head>
<body>
<h1 id="title">{{.Title}}</h1>
<p id="status">{{.Message}}</p>
{{- if .Script}}
<noscript><p>JavaScript is needed to hand the token in this address to the program.</p></noscript>
<script nonce="{{.Nonce}}">{{.Script}}</script>
{{- end}}
</body>
</html>
`))

// relayScript posts the fragment (the part after '#', which browsers never
// send to a server) back to this page's path, then removes it from the
// address bar and history, and shows the answer as text.
const relayScript = `(function () {
  var status = document.getElementById("status");
  var title = document.getElementById("title");
  var fragment = location.hash.replace(/^#/, "");
  history.replaceState(null, "", location.pathname);
  fetch(location.pathname, {
    method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded", "X-Anigql-Relay": "1"},
    body: fragment,
    credentials: "omit",
    cache: "no-store"
  }).then(function (resp) {
    return resp.text().then(function (text) {
      title.textContent = resp.ok ? "Logged in" : "Login failed";
      status.textContent = text;
    });
  }).catch(function (err) {
    title.textContent = "Login failed";
    status.textContent = "Could not reach the program: " + err;
  });
})();`

func failPage(msg string) page { return page{Title: "Login failed", Message: msg} }

func resultPage(status int, msg string) page {
	if status == http.StatusOK {
		return page{Title: "Logged in", Message: msg}
	}
	return failPage(msg)
}

func securityHeaders(w http.ResponseWriter, csp string) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
}

func writePage(w http.ResponseWriter, status int, p page) {
	csp := "default-src 'none'; frame-ancestors 'none'"
	if p.Script != "" {
		csp = "default-src 'none'; script-src 'nonce-" + p.Nonce + "'; connect-src 'self'; frame-ancestors 'none'"
	}
	securityHeaders(w, csp)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	pageTemplate.Execute(w, p) // a write error means the browser went away
}

func writeRelayPage(w http.ResponseWriter) {
	b := make([]byte, 18)
	rand.Read(b)
	writePage(w, http.StatusOK, page{
		Title:   "Finishing login…",
		Message: "Handing the token to the program…",
		Nonce:   base64.RawURLEncoding.EncodeToString(b),
		Script:  relayScript,
	})
}

func writeText(w http.ResponseWriter, status int, msg string) {
	securityHeaders(w, "default-src 'none'")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(msg + "\n"))
}

package anilisttest

import (
	_ "embed"
	"net/http"
	"strings"
)

// tryPage is the page GET / shows a browser: a small GraphiQL-like form
// (query, variables, token, Run) that posts to the emulator itself. It is
// one self-contained file, with no script or style from anywhere else.
//
//go:embed page.html
var tryPage []byte

// pageCSP lets the page run only its own inline script and style and talk
// only to this server.
const pageCSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'"

// withPage serves tryPage to a browser's GET / (one that accepts
// text/html) and passes every other request to next, so API clients that
// GET the endpoint still receive AniList's JSON error. The page is not rate
// limited; the requests it sends are.
func withPage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" && (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
			strings.Contains(r.Header.Get("Accept"), "text/html") {
			h := w.Header()
			h.Set("Content-Type", "text/html; charset=utf-8")
			h.Set("Content-Security-Policy", pageCSP)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			w.WriteHeader(http.StatusOK)
			if r.Method == http.MethodGet {
				_, _ = w.Write(tryPage)
			}
			return
		}
		next.ServeHTTP(w, r)
	})
}

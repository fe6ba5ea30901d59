// Package gooauth2 holds interop tests of package auth against
// github.com/go-oauth2/oauth2/v4, a second OAuth2 server written by others
// and independent of fosite, run on 127.0.0.1 and configured strictly:
// PKCE forced (S256 only), HTTP Basic the only client authentication, exact
// redirect URIs, refresh tokens issued. The tests use only the public API
// of package auth, as the README shows it. It is its own module so that
// users of anigql never download go-oauth2. Run its tests from this
// directory with
//
//	go test -race ./...
package gooauth2

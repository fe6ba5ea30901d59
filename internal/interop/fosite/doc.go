// Package fosite holds interop tests of package auth against
// github.com/ory/fosite, a strict OAuth2 server written by others, run on
// 127.0.0.1. It is its own module so that users of anigql never download
// fosite. Run its tests from this directory with
//
//	go test -race ./...
package fosite

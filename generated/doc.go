// Package generated holds the typed Go functions that genqlient writes from
// the operations in queries/*.graphql: one function per operation, named as the
// operation, taking a context, a graphql.Client (use anilist.NewClient) and the
// operation's variables.
//
// Nullable arguments are pointers and are left out of the request when nil, so
// an unset filter is never sent as a zero value. Do not edit genqlient.go; edit
// the .graphql files and run `go generate ./...`.
package generated

//go:generate go run github.com/anigql/anigql/cmd/anigql-genqlient ../genqlient.yaml

// Package benchcmp holds benchmarks that compare anigql with other GraphQL
// clients. It is a separate module so that users of anigql never download
// the clients it compares against (github.com/shurcooL/graphql).
//
// Run them with
//
//	cd internal/benchcmp && go test -run '^$' -bench . -benchmem
package benchcmp

// Package stockgen is genqlient's own output for the operations in
// queries/*.graphql, without the post-processing of internal/genpost that
// the generated package gets. Tests and benchmarks decode into it to compare
// anigql's decoding with genqlient's stock path (encoding/json and the
// UnmarshalJSON methods genqlient writes). Nothing else may import it.
package stockgen

//go:generate go run github.com/Khan/genqlient genqlient.yaml

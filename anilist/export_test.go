package anilist

import "github.com/Khan/genqlient/graphql"

// Decode is what a Client does with a response body once it has read it:
// exported for the external tests and benchmarks that compare decoders.
func Decode(body []byte, data any) error {
	_, _, err := decodeInto(body, &graphql.Response{Data: data})
	return err
}

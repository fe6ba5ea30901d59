// Package genpost is the post-processing step that anigql runs on the Go code
// genqlient writes, so that decoding a response takes one pass over its bytes.
//
// genqlient gives every struct that embeds a fragment an UnmarshalJSON method
// that decodes the same bytes once for the struct's own fields and once more
// for every embedded fragment (and again inside nested fragments), always
// with encoding/json. On large answers (a user's whole list) that is most of
// the decoding time. Rewrite makes two changes, both chosen by measurement
// (BenchmarkDecode in the anilist package):
//
//   - Flatten: where a struct's UnmarshalJSON exists only for its embedded
//     fragments, and the fragments' fields and the struct's own fields have
//     JSON names that are distinct even ignoring case, the method is removed
//     and the `json:"-"` tag of the embedded fields is dropped. The decoder
//     then fills the embedded fields through Go's promoted-field rules in the
//     same pass as the struct's own fields, which with distinct names is
//     exactly what genqlient's passes did. Structs that fail the test keep
//     genqlient's method untouched. Their MarshalJSON (pointer receiver) is
//     kept; only marshaling a non-addressable struct value, which skips that
//     method, now writes the fragment's fields instead of leaving them out.
//   - Decode with goccy: the json.Unmarshal calls left in the generated code
//     (union helpers, structs with union or custom-unmarshaler fields) call
//     github.com/goccy/go-json instead, the decoder anilist.Client uses.
//     Marshaling stays with encoding/json.
//
// Generate runs genqlient and then Rewrite, as the go:generate line of the
// generated package does through cmd/anigql-genqlient.
package genpost

package anilist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/Khan/genqlient/graphql"
	gojson "github.com/goccy/go-json"

	"github.com/anigql/anigql/cost"
)

// ComplexityError is returned for a request over AniList's query
// complexity limit: before sending, when the client's own estimate (package
// cost) is over [Options.MaxComplexity], and when AniList answers HTTP 400
// "Max query complexity should be 500 but got 525." (then Err is that
// [*ResponseError]). Split the batch, select fewer fields, or look ids up
// with one id_in Page instead of one alias per id.
type ComplexityError struct {
	// Op is the GraphQL operation name.
	Op string
	// Cost is the operation's complexity: the estimate, or what AniList
	// reported.
	Cost int
	// Limit is the limit it exceeds.
	Limit int
	// Err is AniList's answer, or nil when the request was not sent.
	Err error
}

// Error says how far over the limit the operation is.
func (e *ComplexityError) Error() string {
	how := "estimated before sending"
	if e.Err != nil {
		how = "answered by AniList"
	}
	return fmt.Sprintf("anilist: %s: query complexity %d is over the limit of %d (%s): split the request or select fewer fields",
		e.Op, e.Cost, e.Limit, how)
}

// Unwrap returns AniList's answer, if any.
func (e *ComplexityError) Unwrap() error { return e.Err }

// checkComplexity estimates the request's complexity and returns a
// *ComplexityError when it is over the limit. An operation the model cannot
// score (one written against a newer schema, say) is let through: AniList
// will judge it. The estimate is cached per query text, and the variables
// are decoded only for an operation whose cost depends on them.
func (c *Client) checkComplexity(op string, req *graphql.Request) error {
	limit := c.opts.MaxComplexity
	if limit <= 0 {
		return nil
	}
	m, err := cost.Default()
	if err != nil {
		return nil
	}
	r, err := m.ScoreFunc(req.Query, req.OpName, func() (map[string]any, error) { return variablesMap(req.Variables) })
	if err != nil || !r.Over(limit) {
		return nil
	}
	return &ComplexityError{Op: op, Cost: r.Cost, Limit: limit}
}

// variablesMap turns a request's variables (a generated struct, usually)
// into the JSON object AniList receives, numbers kept exact.
func variablesMap(v any) (map[string]any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := gojson.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// asComplexity returns err as a *ComplexityError when it is AniList's
// complexity answer (HTTP 400 with its message), else err.
func asComplexity(op string, err error) error {
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusBadRequest {
		return err
	}
	for _, e := range re.Errors {
		if limit, got, ok := cost.ParseMessage(e.Message); ok {
			return &ComplexityError{Op: op, Cost: got, Limit: limit, Err: err}
		}
	}
	return err
}

package anilisttest

import (
	"net/http"
	"strconv"

	"github.com/anigql/anigql/cost"
)

// DefaultMaxComplexity is AniList's query complexity limit, which
// [NewUnstartedServer] sets as the server's MaxComplexity.
const DefaultMaxComplexity = cost.Limit

// answerCost answers a request AniList would refuse for its cost, as
// AniList does, and reports whether it did: over MaxComplexity, HTTP 400
// and the body of webonyx/graphql-php's QueryComplexity rule, no data; a
// nesting AniList fails on (AniList/docs#132, #55), HTTP 500 with the root
// field null. The cost is computed by package cost with the request's
// variables. An operation that does not parse or validate is left to the
// executor, which answers its errors: AniList checks complexity only once
// the operation is valid.
func (s *Server) answerCost(w http.ResponseWriter, req graphQLRequest, vars map[string]any) bool {
	limit := s.frozen.maxComplexity
	if limit <= 0 {
		return false
	}
	m, err := cost.Default()
	if err != nil {
		return false
	}
	r, err := m.Score(req.Query, req.OperationName, vars)
	if err != nil {
		return false
	}
	switch {
	case r.Over(limit):
		// AniList's own key order: errors first, then "data":null.
		body := `{"errors":[{"message":` + strconv.Quote(cost.Message(limit, r.Cost)) + `,"status":400}],"data":null}`
		writeJSON(w, http.StatusBadRequest, []byte(body))
		return true
	case r.Failure != nil:
		body := `{"data":{` + strconv.Quote(r.Failure.Root) + `:null},"errors":[{"message":"Internal Server Error","status":500}]}`
		writeJSON(w, http.StatusInternalServerError, []byte(body))
		return true
	}
	return false
}

package anilisttest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/anigql/anigql/internal/emu/data"
	"github.com/anigql/anigql/internal/emu/exec"
	"github.com/vektah/gqlparser/v2/ast"
)

// maxBody bounds a GraphQL request body.
const maxBody = 1 << 20

// graphQLRequest is the body of a GraphQL POST.
type graphQLRequest struct {
	Query         string          `json:"query"`
	Variables     json.RawMessage `json:"variables"`
	OperationName string          `json:"operationName"`
}

// serveGraphQL answers one GraphQL request as graphql.anilist.co does.
func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		writeError(w, http.StatusNotFound, "Not Found.")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "AniList requires all GraphQL requests be made as POST requests.")
		return
	}
	req, vars, msg := decodeRequest(r)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if s.answerCost(w, req, vars) {
		return
	}
	viewer, tokenErr := s.viewer(r)
	resp := s.exec.Execute(r.Context(), exec.Request{
		Query: req.Query, OperationName: req.OperationName, Variables: vars,
		State: data.Viewer{ID: viewer},
		Before: func(*ast.OperationDefinition) *exec.Error {
			return tokenErr
		},
	})
	writeJSON(w, resp.Status(), resp.JSON())
}

// decodeRequest reads a JSON body, or a form body as some PHP clients send;
// variables may be an object or a JSON string holding one. The message is
// AniList-style text for the client when the body is unusable.
func decodeRequest(r *http.Request) (req graphQLRequest, vars map[string]any, msg string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	switch {
	case err != nil:
		return req, nil, "Could not read the request body."
	case len(body) > maxBody:
		return req, nil, "The request body is too large."
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return req, nil, "Could not parse the request body."
		}
		req = graphQLRequest{Query: form.Get("query"), OperationName: form.Get("operationName"), Variables: json.RawMessage(form.Get("variables"))}
	} else if err := json.Unmarshal(body, &req); err != nil {
		return req, nil, "Could not parse the request body as JSON."
	}
	if strings.TrimSpace(req.Query) == "" {
		return req, nil, "Must provide query string."
	}
	vars, ok := decodeVariables(req.Variables)
	if !ok {
		return req, nil, "Variables must be a JSON object."
	}
	return req, vars, ""
}

// decodeVariables accepts null, an object, or a string holding an object,
// keeping numbers exact (json.Number) for the Int/Float coercion.
func decodeVariables(raw json.RawMessage) (map[string]any, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil, true
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, false
		}
		return decodeVariables(json.RawMessage(s))
	}
	var vars map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&vars) != nil {
		return nil, false
	}
	return vars, true
}

// writeError answers {"data":null,"errors":[{"message","status"}]}.
func writeError(w http.ResponseWriter, status int, msg string) {
	resp := &exec.Response{Errors: []*exec.Error{{Message: msg, Status: status}}}
	writeJSON(w, status, resp.JSON())
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

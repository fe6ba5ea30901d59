package anilisttest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

// shared is one started server for the read-only tests.
var shared = sync.OnceValue(func() *anilisttest.Server {
	s := anilisttest.NewUnstartedServer()
	s.RateLimit = 1 << 30
	s.Start()
	return s
})

// fresh returns a started server of its own, closed with the test.
func fresh(t *testing.T) *anilisttest.Server {
	t.Helper()
	s := anilisttest.NewUnstartedServer()
	s.RateLimit = 1 << 30
	s.Start()
	t.Cleanup(s.Close)
	return s
}

// answer is a decoded GraphQL response.
type answer struct {
	Status int
	Header http.Header
	Raw    []byte
	Data   map[string]any
	Errors []map[string]any
}

// post sends one GraphQL request, with a bearer token if token is set.
func post(t *testing.T, s *anilisttest.Server, token, query string, vars map[string]any) answer {
	t.Helper()
	return postOp(t, s, token, query, "", vars)
}

// postOp is post with an operation name.
func postOp(t *testing.T, s *anilisttest.Server, token, query, op string, vars map[string]any) answer {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars, "operationName": op})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{Status: resp.StatusCode, Header: resp.Header, Raw: raw}
	var out struct {
		Data   map[string]any   `json:"data"`
		Errors []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, raw)
	}
	a.Data, a.Errors = out.Data, out.Errors
	return a
}

// ok fails the test unless a is a 200 without errors.
func (a answer) ok(t *testing.T) answer {
	t.Helper()
	if a.Status != http.StatusOK || len(a.Errors) > 0 {
		t.Fatalf("got %d %s; want 200 without errors", a.Status, a.Raw)
	}
	return a
}

// at walks a decoded JSON value by keys and indexes.
func at(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

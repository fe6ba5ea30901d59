package anilisttest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestTryPage checks GET / for a browser: a self-contained page, while an
// API client's GET still gets AniList's JSON 405.
func TestTryPage(t *testing.T) {
	t.Parallel()
	s := shared()
	get := func(accept string) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, s.URL+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept", accept)
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(body)
	}
	resp, body := get("text/html,application/xhtml+xml,*/*;q=0.8")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(body, `<textarea id="query"`) || !strings.Contains(body, `fetch("/"`) {
		t.Fatalf("browser GET /: got %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, external := range []string{"http://", "https://", "//cdn", "<script src", "<link "} {
		if strings.Contains(body, external) {
			t.Errorf("the page refers to %q; want everything embedded", external)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("got Content-Security-Policy %q", csp)
	}
	resp, body = get("application/json")
	if resp.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(body, "POST") {
		t.Errorf("API GET /: got %d %s; want AniList's 405", resp.StatusCode, body)
	}
}

package cli

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

// limitedServer answers every request with AniList's 429, asking to come
// back in a minute.
func limitedServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "60")
		w.Header().Set("X-RateLimit-Limit", "90")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestE2EExitCodes(t *testing.T) {
	t.Parallel()
	limited := limitedServer(t)
	for _, tt := range []struct {
		args   []string
		env    []string
		want   int
		stderr string // the error line, with its hint
	}{
		{[]string{"--offline", "search", "Frieren"}, nil, ExitOK, ""},
		{[]string{"query", "nope.graphql"}, nil, ExitError, "nope.graphql"},
		{[]string{"search"}, nil, ExitUsage, "search takes 1 argument(s), got 0"},
		{[]string{"whoami"}, nil, ExitAuth, "not logged in: run anigql login"},
		{[]string{"--timeout", "30s", "search", "x"}, []string{envEndpoint + "=" + limited}, ExitRateLimit, "rate limited by AniList: try again in 1m0s"},
		// --timeout cuts the retry backoff short
		{[]string{"--timeout", "1s", "search", "x"}, []string{envEndpoint + "=http://127.0.0.1:1"}, ExitNetwork, "use --offline"},
	} {
		cmd := command(t, tt.args...)
		cmd.Env = append(cmd.Env, tt.env...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if got := exitCodeOf(cmd.Run()); got != tt.want || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("anigql %v: exit %d, stderr %q; want %d and %q", tt.args, got, stderr.String(), tt.want, tt.stderr)
		}
		if tt.want == ExitOK {
			continue
		}
		// waits (retries, rate limits) are shown on their own lines first;
		// the error itself is one line
		lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
		for _, l := range lines[:len(lines)-1] {
			if !strings.Contains(l, ": waiting ") {
				t.Errorf("anigql %v: stderr has more than one error line: %q", tt.args, stderr.String())
			}
		}
	}
}

// TestE2ERateLimitWaitShown: a 429 is waited out, and the wait is printed
// (the client reports waits of a second or more, so this one is 2s).
func TestE2ERateLimitWaitShown(t *testing.T) {
	t.Parallel()
	emu := anilisttest.NewServer()
	t.Cleanup(emu.Close)
	target, err := url.Parse(emu.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limited := false
		once.Do(func() { limited = true })
		if limited {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	cmd := command(t, "search", "Frieren")
	cmd.Env = append(cmd.Env, envEndpoint+"="+srv.URL)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || !strings.Contains(string(out), "Sousou no Frieren") {
		t.Fatalf("search after a 429: %v\n%s%s", err, out, stderr.String())
	}
	if want := "anigql: rate limited: waiting 2s before SearchMedia (attempt 2)\n"; stderr.String() != want {
		t.Errorf("stderr = %q; want %q", stderr.String(), want)
	}
}

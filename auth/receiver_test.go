package auth

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// startReceiver runs a receiver for grant g and the given state at path
// /cb on an httptest server and answers its one genuine callback with
// verdict.
func startReceiver(t *testing.T, g Grant, state string, verdict func(call) error) (*receiver, string) {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	host := srv.Listener.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	rv := newReceiver(ctx, testRequest(state, g, false), "/cb", host)
	srv.Config.Handler = rv
	srv.Start()
	t.Cleanup(srv.Close)
	t.Cleanup(cancel)
	go func() {
		select {
		case c := <-rv.calls:
			c.reply <- verdict(c)
		case <-ctx.Done():
		}
	}()
	return rv, srv.URL
}

// passOn answers a callback with its own error, if any.
func passOn(c call) error { return c.err }

func do(t *testing.T, req *http.Request) (int, string, http.Header) {
	t.Helper()
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func get(t *testing.T, u string) (int, string, http.Header) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return do(t, req)
}

func TestReceiverOneCallback(t *testing.T) {
	t.Parallel()
	_, base := startReceiver(t, GrantCode, "s1", passOn)
	req, _ := http.NewRequest(http.MethodHead, base+"/cb?code=abc&state=s1", nil)
	if status, _, _ := do(t, req); status != http.StatusOK {
		t.Errorf("HEAD before the callback: %d; want 200", status)
	}
	if status, body, _ := get(t, base+"/cb?code=abc&state=s1"); status != 200 || !strings.Contains(body, "Logged in") {
		t.Errorf("first callback: %d %q; want 200 Logged in", status, body)
	}
	req, _ = http.NewRequest(http.MethodHead, base+"/cb?code=abc&state=s1", nil)
	if status, _, _ := do(t, req); status != http.StatusOK {
		t.Errorf("HEAD: %d; want 200", status)
	}
	status, body, _ := get(t, base+"/cb?code=abc&state=s1")
	if status != http.StatusConflict || !strings.Contains(body, "already received") {
		t.Errorf("replay: %d %q; want 409 already received", status, body)
	}
}

// receiverRejectTests are the requests TestReceiverRejects sends to a
// code-grant receiver that expects the state "good"; their queries seed
// FuzzParseCallbackQuery.
var receiverRejectTests = []struct {
	name     string
	path     string
	host     string
	status   int
	contains string
}{
	{"wrong state", "/cb?code=a&state=bad", "", 400, "does not match"},
	{"missing state", "/cb?code=a", "", 400, "no state"},
	{"error callback, wrong state", "/cb?state=bad&error=access_denied", "", 400, "does not match"},
	{"token in query", "/cb?access_token=t&state=good", "", 400, "never accepted"},
	{"huge query", "/cb?code=a&state=good&x=" + strings.Repeat("a", 40<<10), "", 414, "too long"},
	{"error callback, escaped", "/cb?state=good&error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "",
		400, "&lt;script&gt;alert(1)&lt;/script&gt;"},
	{"malformed query", "/cb?code=%zz", "", 400, "Malformed callback query"},
	{"wrong host", "/cb?code=a&state=good", "evil.example:80", 421, "only answers"},
	{"wrong path", "/other?code=a&state=good", "", 404, "Not found"},
	{"no parameters", "/cb", "", 400, "No authorization code"},
}

func TestReceiverRejects(t *testing.T) {
	t.Parallel()
	for _, tt := range receiverRejectTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, base := startReceiver(t, GrantCode, "good", passOn)
			req, _ := http.NewRequest(http.MethodGet, base+tt.path, nil)
			if tt.host != "" {
				req.Host = tt.host
			}
			status, body, h := do(t, req)
			if status != tt.status || !strings.Contains(body, tt.contains) {
				t.Errorf("got %d %q; want %d containing %q", status, body, tt.status, tt.contains)
			}
			if strings.Contains(body, "<script>alert") {
				t.Errorf("page is not escaped: %s", body)
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
		})
	}
}

func TestReceiverRelayPage(t *testing.T) {
	t.Parallel()
	_, base := startReceiver(t, GrantImplicit, "s", passOn)
	status, body, h := get(t, base+"/cb")
	if status != 200 || !strings.Contains(body, "fetch(location.pathname") {
		t.Fatalf("relay page: %d %q", status, body)
	}
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'nonce-") || !strings.Contains(csp, "connect-src 'self'") {
		t.Errorf("Content-Security-Policy = %q; want a script nonce and connect-src 'self'", csp)
	}
	nonce := csp[strings.Index(csp, "'nonce-")+7:]
	nonce = nonce[:strings.IndexByte(nonce, '\'')]
	if !strings.Contains(body, `<script nonce="`+nonce+`">`) {
		t.Errorf("script does not carry the CSP nonce %q", nonce)
	}
}

func TestReceiverRelayPost(t *testing.T) {
	t.Parallel()
	post := func(base, body string, header map[string]string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, base+"/cb", strings.NewReader(body))
		for k, v := range header {
			req.Header.Set(k, v)
		}
		status, text, _ := do(t, req)
		return status, text
	}
	const state = "a&b=c#d?é"
	var got PinResult
	rv, base := startReceiver(t, GrantImplicit, state, func(c call) error {
		got = c.res
		return c.err
	})
	origin := "http://" + rv.host
	frag := "access_token=t&state=" + url.QueryEscape(state)
	for _, tt := range []struct {
		name   string
		body   string
		header map[string]string
		want   int
	}{
		{"no relay header", frag, map[string]string{"Origin": origin}, 403},
		{"cross-origin", frag, map[string]string{relayHeader: "1", "Origin": "https://evil.example"}, 403},
		{"no Origin", frag, map[string]string{relayHeader: "1"}, 403},
		{"huge", strings.Repeat("a", 2*maxTokenLen+1), map[string]string{relayHeader: "1", "Origin": origin}, 413},
		{"no state", "access_token=t", map[string]string{relayHeader: "1", "Origin": origin}, 400},
		{"wrong state", "access_token=t&state=x", map[string]string{relayHeader: "1", "Origin": origin}, 400},
	} {
		if status, text := post(base, tt.body, tt.header); status != tt.want {
			t.Errorf("%s: %d %q; want %d", tt.name, status, text, tt.want)
		}
	}
	status, text := post(base, frag, map[string]string{relayHeader: "1", "Origin": origin})
	if status != 200 || got.State != state || got.AccessToken != "t" {
		t.Errorf("relay POST: %d %q, got %v", status, text, got)
	}
}

func TestReceiverRelayEmptyFragment(t *testing.T) {
	t.Parallel()
	rv, base := startReceiver(t, GrantImplicit, "s", passOn)
	for body, want := range map[string]string{"": "no state", "state=s": "no access_token"} {
		req, _ := http.NewRequest(http.MethodPost, base+"/cb", strings.NewReader(body))
		req.Header.Set(relayHeader, "1")
		req.Header.Set("Origin", "http://"+rv.host)
		status, text, _ := do(t, req)
		if status != 400 || !strings.Contains(text, want) {
			t.Errorf("fragment %q: %d %q; want 400 %s", body, status, text, want)
		}
	}
}

func TestReceiverCodeGrantRefusesPost(t *testing.T) {
	t.Parallel()
	_, base := startReceiver(t, GrantCode, "s", func(call) error { return errors.New("unexpected") })
	req, _ := http.NewRequest(http.MethodPost, base+"/cb", strings.NewReader("access_token=x"))
	req.Header.Set(relayHeader, "1")
	if status, _, _ := do(t, req); status != 403 {
		t.Errorf("POST to a code-grant receiver: %d; want 403", status)
	}
	req, _ = http.NewRequest(http.MethodPut, base+"/cb", nil)
	if status, _, h := do(t, req); status != 405 || h.Get("Allow") == "" {
		t.Errorf("PUT: %d; want 405 with Allow", status)
	}
}

func TestParseLoopback(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in             string
		ok             bool
		host, port, pa string
		wantErr        bool
	}{
		{"http://127.0.0.1:8080/callback", true, "127.0.0.1", "8080", "/callback", false},
		{"http://LOCALHOST:0", true, "localhost", "0", "/", false},
		{"http://127.0.0.1/cb", true, "127.0.0.1", "80", "/cb", false},
		{"http://[::1]:8080/", true, "::1", "8080", "/", false},
		{"http://127.0.0.1:1/cb#x", false, "", "", "", true},
		{"https://127.0.0.1:8080/cb", false, "", "", "", false},
		{PinURL, false, "", "", "", false},
		{"myapp://callback", false, "", "", "", false},
		{"http://example.com/cb", false, "", "", "", false},
	}
	for _, tt := range tests {
		lb, ok, err := parseLoopback(tt.in)
		if ok != tt.ok || (err != nil) != tt.wantErr || lb.host != tt.host || lb.port != tt.port || lb.path != tt.pa {
			t.Errorf("parseLoopback(%q) = %+v, %t, %v", tt.in, lb, ok, err)
		}
	}
}

// TestReceiverVerdictBeforeDone covers Login answering a callback and at
// once closing done: the page must show the verdict, never "cancelled".
func TestReceiverVerdictBeforeDone(t *testing.T) {
	t.Parallel()
	closed := make(chan struct{})
	close(closed)
	for i := range 100 { // select picks a ready case at random
		reply := make(chan error, 1)
		reply <- &CallbackError{Code: "access_denied"}
		status, msg := await(reply, closed, nil)
		if status != http.StatusBadRequest || !strings.Contains(msg, "access_denied") {
			t.Fatalf("iteration %d: got %d %q; want 400 naming access_denied", i, status, msg)
		}
	}
	if status, _ := await(make(chan error), closed, nil); status != http.StatusServiceUnavailable {
		t.Errorf("no verdict, login over: got %d; want 503", status)
	}
}

func TestReceiverSameHost(t *testing.T) {
	t.Parallel()
	tests := []struct {
		host, header string
		want         bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"localhost:8080", "LocalHost:8080", true},
		{"127.0.0.1:8080", "127.0.0.1", false},
		{"127.0.0.1:8080", "localhost:8080", false},
		{"localhost:80", "localhost", true}, // browsers drop the default port
		{"localhost:80", "localhost:80", true},
		{"localhost:80", "localhost:8080", false},
		{"localhost:80", "evil.example", false},
		{"[::1]:8080", "[::1]:8080", true},
		{"[::1]:80", "[::1]", true},
	}
	for _, tt := range tests {
		rv := newReceiver(context.Background(), testRequest("", GrantImplicit, false), "/cb", tt.host)
		if got := rv.sameHost(tt.header); got != tt.want {
			t.Errorf("receiver at %s: sameHost(%q) = %t; want %t", tt.host, tt.header, got, tt.want)
		}
		if got := rv.sameOrigin("http://" + tt.header); got != tt.want {
			t.Errorf("receiver at %s: sameOrigin(http://%s) = %t; want %t", tt.host, tt.header, got, tt.want)
		}
	}
	rv := newReceiver(context.Background(), testRequest("", GrantImplicit, false), "/cb", "127.0.0.1:8080")
	for origin, want := range map[string]bool{"": false, "https://127.0.0.1:8080": false, "127.0.0.1:8080": false, "null": false} {
		if got := rv.sameOrigin(origin); got != want {
			t.Errorf("sameOrigin(%q) = %t; want %t", origin, got, want)
		}
	}
}

// TestReceiverStateOptional checks the weakened policy: a code callback
// without state is taken, a wrong state never is, and the implicit relay
// still requires it.
func TestReceiverStateOptional(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		grant  Grant
		method string
		body   string
		query  string
		want   int
	}{
		{GrantCode, http.MethodGet, "", "code=c", 200},
		{GrantCode, http.MethodGet, "", "code=c&state=bad", 400},
		{GrantImplicit, http.MethodPost, "access_token=t", "", 400},
	} {
		srv := httptest.NewUnstartedServer(nil)
		host := srv.Listener.Addr().String()
		ctx, cancel := context.WithCancel(context.Background())
		rv := newReceiver(ctx, testRequest("good", tt.grant, true), "/cb", host)
		srv.Config.Handler = rv
		srv.Start()
		go func() {
			select {
			case c := <-rv.calls:
				c.reply <- c.err
			case <-ctx.Done():
			}
		}()
		req, _ := http.NewRequest(tt.method, srv.URL+"/cb?"+tt.query, strings.NewReader(tt.body))
		req.Header.Set(relayHeader, "1")
		req.Header.Set("Origin", "http://"+host)
		if status, body, _ := do(t, req); status != tt.want {
			t.Errorf("%s %s %q %q: %d %q; want %d", tt.grant, tt.method, tt.query, tt.body, status, body, tt.want)
		}
		cancel()
		srv.Close()
	}
}

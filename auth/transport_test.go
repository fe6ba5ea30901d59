package auth

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestNewClientSigns(t *testing.T) {
	t.Parallel()
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	client := NewClient(t.Context(), StaticTokenSource(&Token{AccessToken: "tok", Expiry: time.Now().Add(time.Hour)}))
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL, strings.NewReader("{}"))
	req.Header.Set("X-Mine", "1")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	resp.Body.Close()
	if got.Load() != "Bearer tok" {
		t.Errorf("Authorization = %q; want Bearer tok", got.Load())
	}
	if h := req.Header.Get("Authorization"); h != "" || len(req.Header) != 1 {
		t.Errorf("caller's request was modified: %v", req.Header)
	}
}

// closeRecorder records whether the request body was closed.
type closeRecorder struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeRecorder) Close() error { c.closed.Store(true); return nil }

func TestNewClientRefusesBeforeSending(t *testing.T) {
	t.Parallel()
	var sent atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { sent.Add(1) }))
	defer srv.Close()
	expired := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		ts   TokenSource
		want error
	}{
		{"expired", StaticTokenSource(&Token{AccessToken: "x", Expiry: expired}), ErrTokenExpired},
		{"no token", StaticTokenSource(nil), ErrNoToken},
		{"nil source", nil, ErrNoToken},
		{"store without token", StoreTokenSource(&FileStore{Dir: t.TempDir()}, "default"), ErrNoToken},
	}
	for _, tt := range tests {
		body := &closeRecorder{Reader: strings.NewReader("{}")}
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL, body)
		_, err := NewClient(t.Context(), tt.ts).Do(req)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: Do error = %v; want %v", tt.name, err, tt.want)
		}
		if !body.closed.Load() {
			t.Errorf("%s: request body not closed", tt.name)
		}
		var ee *ExpiredError
		if tt.want == ErrTokenExpired && (!errors.As(err, &ee) || !ee.Expiry.Equal(expired)) {
			t.Errorf("%s: errors.As(*ExpiredError) failed on %v", tt.name, err)
		}
	}
	if n := sent.Load(); n != 0 {
		t.Errorf("server got %d requests; want 0", n)
	}
}

func TestNewClientExpiryFollowsClock(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	tok := &Token{AccessToken: "x", Expiry: t0}
	now := t0.Add(-time.Hour)
	client := newClient(t.Context(), StaticTokenSource(tok), func() time.Time { return now })
	if resp, err := client.Get(srv.URL); err != nil {
		t.Fatalf("before expiry: %v", err)
	} else {
		resp.Body.Close()
	}
	now = t0
	if _, err := client.Get(srv.URL); !errors.Is(err, ErrTokenExpired) {
		t.Errorf("at expiry: error = %v; want ErrTokenExpired", err)
	}
}

// roundTripFunc is an http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNewClientUsesContextTransport(t *testing.T) {
	t.Parallel()
	var auth string
	base := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		auth = r.Header.Get("Authorization")
		return &http.Response{StatusCode: 204, Body: http.NoBody, Request: r}, nil
	})}
	ctx := context.WithValue(t.Context(), oauth2.HTTPClient, base)
	resp, err := NewClient(ctx, StaticTokenSource(&Token{AccessToken: "t"})).Get("http://example.invalid/")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	resp.Body.Close()
	if auth != "Bearer t" {
		t.Errorf("Authorization via context transport = %q; want Bearer t", auth)
	}
}

package anilist_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

// bearer adds a token to a clone of each request, as package auth does.
type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}

// startEmulator starts an emulator with the given setup before Start. Its
// rate limit is high unless setup sets one: only the rate-limit tests wait.
func startEmulator(t testing.TB, setup func(*anilisttest.Server)) *anilisttest.Server {
	t.Helper()
	srv := anilisttest.NewUnstartedServer()
	srv.RateLimit = 1 << 20
	if setup != nil {
		setup(srv)
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// emulatorClient returns a client for srv, signed with token if not empty.
func emulatorClient(t testing.TB, srv *anilisttest.Server, token string, opts anilist.Options) *anilist.Client {
	t.Helper()
	hc := srv.Client()
	if token != "" {
		hc = &http.Client{Transport: bearer{token}}
	}
	opts.Endpoint = srv.URL
	if opts.RetryBaseDelay == 0 {
		opts.RetryBaseDelay, opts.RetryMaxDelay = time.Millisecond, 4*time.Millisecond
	}
	c, err := anilist.NewClient(hc, &opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sentinels are the package's sentinel errors.
var sentinels = []error{anilist.ErrInvalidToken, anilist.ErrNotFound, anilist.ErrAPIDisabled,
	anilist.ErrUnauthorized, anilist.ErrRateLimited}

// TestEmulatorErrorKinds provokes every error kind of the issue from the
// emulator and checks errors.Is and errors.As on each, and that no token
// appears in the error's text.
func TestEmulatorErrorKinds(t *testing.T) {
	t.Parallel()
	const badToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI5OSJ9.bm90LWEtc2lnbmF0dXJl"
	shared := startEmulator(t, nil)
	viewer := func(ctx context.Context, c *anilist.Client) error {
		_, err := generated.Viewer(ctx, c)
		return err
	}
	search := func(ctx context.Context, c *anilist.Client) error {
		_, err := generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
		return err
	}
	for _, tc := range []struct {
		name   string
		setup  func(*anilisttest.Server) // if set, the case gets its own emulator
		token  func(*anilisttest.Server) string
		call   func(ctx context.Context, c *anilist.Client) error
		want   error // the sentinel, or nil for none
		status int
		item   string // AniList's message, for errors.As(*anilist.Error)
	}{
		{name: "not found", call: func(ctx context.Context, c *anilist.Client) error {
			_, err := generated.MediaByID(ctx, c, 987654321, nil)
			return err
		}, want: anilist.ErrNotFound, status: 404, item: "Not Found."},
		{name: "unauthorized", call: viewer, want: anilist.ErrUnauthorized, status: 401, item: "Unauthorized."},
		{name: "invalid token", token: func(*anilisttest.Server) string { return badToken }, call: viewer,
			want: anilist.ErrInvalidToken, status: 400, item: "Invalid token"},
		{name: "api disabled", setup: func(s *anilisttest.Server) { s.DisableAPI(1) }, call: search,
			want: anilist.ErrAPIDisabled, status: 403},
		{name: "validation", token: (*anilisttest.Server).ViewerToken, call: func(ctx context.Context, c *anilist.Client) error {
			mediaID, score := 154587, 1000.0
			_, err := generated.SaveMediaListEntry(ctx, c, nil, &mediaID, nil, &score, nil, nil, nil, nil, nil, nil, nil)
			return err
		}, status: 400, item: "validation"},
		{name: "5xx beyond MaxRetries", setup: func(s *anilisttest.Server) { s.FailNext(4, http.StatusServiceUnavailable) },
			call: search, status: 503},
		{name: "rate limited", setup: func(s *anilisttest.Server) { s.RateLimit, s.RateWindow = 1, time.Hour },
			call: func(ctx context.Context, c *anilist.Client) error {
				ctx, cancel := context.WithTimeout(ctx, time.Minute) // the hour's wait passes it
				defer cancel()
				if err := search(ctx, c); err != nil {
					return err
				}
				return search(ctx, c)
			}, want: anilist.ErrRateLimited, status: 429, item: "Too Many Requests."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := shared
			if tc.setup != nil {
				srv = startEmulator(t, tc.setup)
			}
			token := ""
			if tc.token != nil {
				token = tc.token(srv)
			}
			err := tc.call(t.Context(), emulatorClient(t, srv, token, anilist.Options{}))
			if err == nil {
				t.Fatal("got nil; want an error")
			}
			for _, s := range sentinels {
				if got := errors.Is(err, s); got != (s == tc.want) {
					t.Errorf("errors.Is(%v, %v) = %v; want %v", err, s, got, !got)
				}
			}
			var re *anilist.ResponseError
			if !errors.As(err, &re) || re.StatusCode != tc.status {
				t.Errorf("got %v; want *ResponseError with HTTP %d", err, tc.status)
			}
			var item *anilist.Error
			if !errors.As(err, &item) || (tc.item != "" && item.Message != tc.item) {
				t.Errorf("errors.As(*anilist.Error): got %v; want AniList's error %q", item, tc.item)
			}
			var list anilist.Errors
			if !errors.As(err, &list) || len(list) == 0 || list[0] != item {
				t.Errorf("errors.As(anilist.Errors): got %v; want the list holding %v", list, item)
			}
			var rl *anilist.RateLimitError
			if got := errors.As(err, &rl); got != (tc.want == anilist.ErrRateLimited) {
				t.Errorf("errors.As(%v, *RateLimitError) = %v; want %v", err, got, !got)
			}
			if tc.item == "validation" && len(item.Validation["score"]) == 0 {
				t.Errorf("got validation %v; want messages for score", item.Validation)
			}
			for _, secret := range []string{badToken, token, "bm90LWEtc2lnbmF0dXJl"} {
				if secret != "" && strings.Contains(err.Error(), secret) {
					t.Errorf("got %q; want no token in the error", err)
				}
			}
		})
	}
}

func TestEmulatorFaults(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	c := emulatorClient(t, srv, "", anilist.Options{})
	ctx := t.Context()
	search := func() error {
		_, err := generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
		return err
	}

	// The faults share one server, so these steps run in order.
	srv.DisableAPI(1)
	var de *anilist.APIDisabledError
	if err := search(); !errors.Is(err, anilist.ErrAPIDisabled) || !errors.As(err, &de) || de.Err == nil {
		t.Errorf("API disabled: got %v; want an *APIDisabledError with the 403", err)
	}
	// Outage mode: the client fails fast without asking the server again
	// (which would answer 502 and be retried).
	first := de.Until
	srv.FailNext(1, http.StatusBadGateway)
	if err := search(); !errors.As(err, &de) || !de.Until.Equal(first) {
		t.Errorf("API disabled, second call: got %v; want the same *APIDisabledError", err)
	}
	c = emulatorClient(t, srv, "", anilist.Options{})
	if err := search(); err != nil {
		t.Errorf("new client after the outage: got %v; want success after one retry", err)
	}
	srv.FailNext(3, http.StatusBadGateway)
	if err := search(); err != nil {
		t.Errorf("5xx burst: got %v; want success after 3 retries", err)
	}
	srv.MalformBodyNext(1)
	if err := search(); err != nil {
		t.Errorf("malformed body: got %v; want success after a retry", err)
	}
	srv.FailNext(4, http.StatusServiceUnavailable)
	var re *anilist.ResponseError
	if err := search(); !errors.As(err, &re) || re.StatusCode != 503 {
		t.Errorf("5xx beyond MaxRetries: got %v; want the 503 ResponseError", err)
	}
}

func TestEmulatorStallIsRetried(t *testing.T) {
	t.Parallel()
	// In a synctest bubble, in memory: the stall and the http.Client's
	// timeout run on the bubble's clock, so the test waits for nothing.
	synctest.Test(t, func(t *testing.T) {
		srv := anilisttest.NewUnstartedServer()
		const timeout = 30 * time.Second
		hc := &http.Client{Timeout: timeout, Transport: srv.Transport()}
		c, err := anilist.NewClient(hc, &anilist.Options{RetryBaseDelay: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		srv.StallNext(1, time.Hour)
		start := time.Now()
		// The timeout ends the stalled attempt; the retry succeeds.
		if _, err := generated.SearchMedia(t.Context(), c, nil, nil, nil, nil, nil, nil); err != nil {
			t.Errorf("got %v; want success after the stalled attempt", err)
		}
		if d := time.Since(start); d < timeout || d >= time.Hour {
			t.Errorf("the call took %v; want the %v timeout, then a retry", d, timeout)
		}
	})
}

func TestEmulatorRateLimitErrorWithinDeadline(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, func(s *anilisttest.Server) { s.RateLimit, s.RateWindow = 1, time.Hour })
	c := emulatorClient(t, srv, "", anilist.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if _, err := generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	_, err := generated.SearchMedia(ctx, c, nil, nil, nil, nil, nil, nil)
	var rl *anilist.RateLimitError
	if !errors.As(err, &rl) || rl.Limit != 1 || rl.RetryAfter < 59*time.Minute {
		t.Fatalf("got %v; want *RateLimitError with limit 1 and about an hour to wait", err)
	}
	if r := c.Rate(); r.Limit != 1 || r.Remaining != 0 || r.Reset.IsZero() {
		t.Errorf("got Rate %+v; want limit 1, remaining 0 and a reset time", r)
	}
}

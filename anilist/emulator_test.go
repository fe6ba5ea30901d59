package anilist_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
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

func TestEmulatorErrorKinds(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	const badToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI5OSJ9.bm90LWEtc2lnbmF0dXJl"
	for _, tc := range []struct {
		name   string
		token  string
		call   func(ctx context.Context, c *anilist.Client) error
		want   error
		status int
	}{
		{"not found", "", func(ctx context.Context, c *anilist.Client) error {
			_, err := generated.MediaByID(ctx, c, 987654321, nil)
			return err
		}, anilist.ErrNotFound, 404},
		{"unauthorized", "", func(ctx context.Context, c *anilist.Client) error {
			_, err := generated.Viewer(ctx, c)
			return err
		}, anilist.ErrUnauthorized, 401},
		{"invalid token", badToken, func(ctx context.Context, c *anilist.Client) error {
			_, err := generated.Viewer(ctx, c)
			return err
		}, anilist.ErrInvalidToken, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.call(t.Context(), emulatorClient(t, srv, tc.token, anilist.Options{}))
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v; want %v", err, tc.want)
			}
			var re *anilist.ResponseError
			if !errors.As(err, &re) || re.StatusCode != tc.status {
				t.Errorf("got %v; want *ResponseError with HTTP %d", err, tc.status)
			}
			if strings.Contains(err.Error(), "bm90LWEtc2lnbmF0dXJl") {
				t.Errorf("got %q; want no token in the error", err)
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
	if err := search(); !errors.Is(err, anilist.ErrAPIDisabled) {
		t.Errorf("API disabled: got %v; want ErrAPIDisabled", err)
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
	srv := startEmulator(t, nil)
	opts := anilist.Options{Endpoint: srv.URL, RetryBaseDelay: time.Millisecond}
	// The http.Client's timeout ends the stalled attempt; the retry succeeds.
	c, err := anilist.NewClient(&http.Client{Timeout: 300 * time.Millisecond}, &opts)
	if err != nil {
		t.Fatal(err)
	}
	srv.StallNext(1, time.Hour)
	if _, err := generated.SearchMedia(t.Context(), c, nil, nil, nil, nil, nil, nil); err != nil {
		t.Errorf("got %v; want success after the stalled attempt", err)
	}
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

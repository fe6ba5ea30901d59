package auth

import (
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anigql/anigql/internal/emu/oauth"
)

var t0 = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return t0 }

// emulator is the emulated AniList OAuth server on 127.0.0.1.
type emulator struct {
	*oauth.Server
	URL      string
	Endpoint Endpoint
}

const (
	emuClientID = "1234"
	emuSecret   = "s3cret & more"
	emuUserID   = 42
)

// newEmulator starts the emulated AniList OAuth endpoints under
// /api/v2/oauth/. Register clients with RegisterClient.
func newEmulator(t *testing.T) *emulator {
	t.Helper()
	s, err := oauth.New(oauth.Config{User: oauth.User{ID: emuUserID, Name: "Tester"}, Now: fixedNow})
	if err != nil {
		t.Fatalf("oauth.New: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v2/oauth/", s)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	ep := AniList
	ep.AuthURL = srv.URL + "/api/v2/oauth/authorize"
	ep.TokenURL = srv.URL + "/api/v2/oauth/token"
	return &emulator{Server: s, URL: srv.URL, Endpoint: ep}
}

// fakeBrowser is a scripted user agent: it follows the consent page like a
// user would, without running scripts (the relay script is replayed by
// hand; the chromedp test in internal/interop/browser runs it for real).
type fakeBrowser struct {
	t      *testing.T
	client *http.Client
	action string // "approve" or "deny"
}

func newBrowser(t *testing.T, action string) *fakeBrowser {
	return &fakeBrowser{t: t, action: action, client: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

var inputRE = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)

// consent loads the consent page at authURL, presses the button and returns
// where the provider redirects to.
func (b *fakeBrowser) consent(authURL string) (*url.URL, error) {
	resp, err := b.client.Get(authURL)
	if err != nil {
		return nil, err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	form := url.Values{"action": {b.action}}
	for _, m := range inputRE.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	if resp.StatusCode != http.StatusOK || form.Get("nonce") == "" {
		return nil, fmt.Errorf("consent page: %s: %s", resp.Status, page)
	}
	resp, err = b.client.PostForm(authURL, form)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return nil, fmt.Errorf("consent: got %s; want 302", resp.Status)
	}
	return resp.Location()
}

// visit follows a redirect to the loopback receiver. For a fragment it
// loads the relay page and then does what its script does.
func (b *fakeBrowser) visit(u *url.URL) (status int, body string, err error) {
	frag := u.EscapedFragment()
	target := *u
	target.Fragment, target.RawFragment = "", ""
	resp, err := b.client.Get(target.String())
	if err != nil {
		return 0, "", err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), `fetch(location.pathname`) {
		return resp.StatusCode, string(page), nil
	}
	req, _ := http.NewRequest(http.MethodPost, target.String(), strings.NewReader(frag))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(relayHeader, "1")
	req.Header.Set("Origin", "http://"+u.Host)
	resp, err = b.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	text, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(text), nil
}

// opener returns a LoginOptions.Open that runs the browser in the
// background, as a real one would; wait returns the receiver's answer.
func (b *fakeBrowser) opener(before func(authURL string)) (open func(string) error, wait func() (int, string, error)) {
	var (
		wg     sync.WaitGroup
		status int
		body   string
		err    error
	)
	open = func(authURL string) error {
		if before != nil {
			before(authURL)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var u *url.URL
			if u, err = b.consent(authURL); err == nil {
				status, body, err = b.visit(u)
			}
		}()
		return nil
	}
	wait = func() (int, string, error) {
		wg.Wait()
		return status, body, err
	}
	return open, wait
}

// registerRedirect returns a hook that registers the app with the emulator
// using the redirect URI found in the consent URL (the receiver's port is
// only known then).
func registerRedirect(t *testing.T, e *emulator, secret string) func(string) {
	return func(authURL string) {
		u, err := url.Parse(authURL)
		if err != nil {
			t.Errorf("consent URL: %v", err)
			return
		}
		c := oauth.Client{ID: emuClientID, Secret: secret, RedirectURI: u.Query().Get("redirect_uri"), Name: "anigql test"}
		if err := e.RegisterClient(c); err != nil {
			t.Errorf("RegisterClient: %v", err)
		}
	}
}

// errReader fails every read.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("read failed") }

// testRequest is an AuthRequest as Config makes one, with a chosen state.
func testRequest(state string, g Grant, optional bool) *AuthRequest {
	return &AuthRequest{State: state, Grant: g, optional: optional, made: true}
}

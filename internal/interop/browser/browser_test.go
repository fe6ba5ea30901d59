package browser_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/anigql/anigql/auth"
	"github.com/anigql/anigql/internal/emu/oauth"
)

const (
	clientID = "777"
	userID   = 42
)

// chromium returns the browser to drive. Outside CI a missing browser skips
// the test; in CI (CI=true) it fails it.
func chromium(t *testing.T) string {
	t.Helper()
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is required in CI but missing at %s (apt-get install -y chromium): %v", path, err)
		}
		t.Skipf("chromium not found at %s (install it with apt-get install -y chromium, or set CHROMIUM); skipping the headless-browser test", path)
	}
	return path
}

// newChrome starts a headless Chromium with a fresh profile.
func newChrome(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	cctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(cctx); err != nil { // start the browser now
		t.Fatalf("starting chromium: %v", err)
	}
	return cctx
}

// newEmulator starts the emulated AniList OAuth endpoints on 127.0.0.1.
func newEmulator(t *testing.T) (*oauth.Server, auth.Endpoint) {
	t.Helper()
	s, err := oauth.New(oauth.Config{User: oauth.User{ID: userID, Name: "Chromium Tester"}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v2/oauth/", s)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	ep := auth.AniList
	ep.AuthURL = srv.URL + "/api/v2/oauth/authorize"
	ep.TokenURL = srv.URL + "/api/v2/oauth/token"
	return s, ep
}

// page is what the browser shows once the relay script has finished.
type page struct {
	title, status, location string
}

// drive returns a LoginOptions.Open that registers the receiver's redirect
// URI with the emulator, then makes Chromium load the consent page and
// click button. The click's outcome arrives on the returned channel.
func drive(cctx context.Context, s *oauth.Server, button string) (func(string) error, <-chan error) {
	done := make(chan error, 1)
	open := func(authURL string) error {
		u, err := url.Parse(authURL)
		if err != nil {
			return err
		}
		err = s.RegisterClient(oauth.Client{ID: clientID, RedirectURI: u.Query().Get("redirect_uri"), Name: "anigql browser test"})
		if err != nil {
			return err
		}
		go func() {
			done <- chromedp.Do(cctx,
				chromedp.Navigate(authURL),
				chromedp.WaitVisible(chromedp.CSS("#"+button)),
				chromedp.Click(chromedp.CSS("#"+button)),
			)
		}()
		return nil
	}
	return open, done
}

// result reads the receiver's page once its relay script has shown the
// receiver's answer (Login has returned by then, so the page is loaded and
// no navigation is pending).
func result(t *testing.T, cctx context.Context) page {
	t.Helper()
	var p page
	var err error
	_, err = chromedp.Run(cctx, chromedp.Poll[bool](`(() => { const e = document.getElementById("title");
		return e !== null && e.textContent !== "" && !e.textContent.startsWith("Finishing"); })()`))
	if err == nil {
		p.title, err = chromedp.Run(cctx, chromedp.Text(chromedp.CSS("#title")))
	}
	if err == nil {
		p.status, err = chromedp.Run(cctx, chromedp.Text(chromedp.CSS("#status")))
	}
	if err == nil {
		p.location, err = chromedp.Run(cctx, chromedp.Location())
	}
	if err != nil {
		t.Fatalf("reading the receiver's page: %v", err)
	}
	return p
}

func TestImplicitGrantInChromium(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cctx := newChrome(t, ctx)
	s, ep := newEmulator(t)
	conf := &auth.Config{ClientID: clientID, RedirectURL: "http://127.0.0.1:0/callback", Endpoint: ep}
	open, done := drive(cctx, s, "approve")

	tok, err := conf.Login(ctx, auth.GrantImplicit, auth.LoginOptions{Open: open, Output: io.Discard})
	if berr := <-done; berr != nil {
		t.Fatalf("browser: %v (Login: %v)", berr, err)
	}
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	p := result(t, cctx)
	if id, ok := tok.UserID(); !ok || id != userID {
		t.Errorf("UserID = %d, %t; want %d", id, ok, userID)
	}
	if uid, err := s.VerifyToken(tok.AccessToken); err != nil || uid != userID {
		t.Errorf("the emulator rejects the token: %d, %v", uid, err)
	}
	if p.title != "Logged in" || !strings.Contains(p.status, "Logged in") {
		t.Errorf("page shows %q / %q; want Logged in", p.title, p.status)
	}
	if strings.Contains(p.location, "#") || strings.Contains(p.location, "access_token") {
		t.Errorf("the token stays in the address bar: %s", p.location)
	}
}

func TestImplicitGrantDeniedInChromium(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cctx := newChrome(t, ctx)
	s, ep := newEmulator(t)
	conf := &auth.Config{ClientID: clientID, RedirectURL: "http://127.0.0.1:0/callback", Endpoint: ep}
	open, done := drive(cctx, s, "deny")

	_, err := conf.Login(ctx, auth.GrantImplicit, auth.LoginOptions{Open: open, Output: io.Discard})
	if berr := <-done; berr != nil {
		t.Fatalf("browser: %v (Login: %v)", berr, err)
	}
	var ce *auth.CallbackError
	if !errors.As(err, &ce) || ce.Code != "access_denied" {
		t.Fatalf("Login error = %v; want *CallbackError access_denied", err)
	}
	p := result(t, cctx)
	if p.title != "Login failed" || !strings.Contains(p.status, "access_denied") {
		t.Errorf("page shows %q / %q; want Login failed naming access_denied", p.title, p.status)
	}
}

package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anigql/anigql/internal/emu/oauth"
)

func TestLoginAgainstEmulator(t *testing.T) {
	t.Parallel()
	for _, g := range []Grant{GrantCode, GrantImplicit} {
		t.Run(g.String(), func(t *testing.T) {
			t.Parallel()
			e := newEmulator(t)
			conf := &Config{ClientID: emuClientID, RedirectURL: "http://127.0.0.1:0/callback",
				Endpoint: e.Endpoint, Now: fixedNow}
			if g == GrantCode {
				conf.ClientSecret = emuSecret
			}
			b := newBrowser(t, "approve")
			open, wait := b.opener(registerRedirect(t, e, conf.ClientSecret))
			tok, err := conf.Login(t.Context(), g, LoginOptions{Open: open, Output: io.Discard})
			status, body, berr := wait()
			if err != nil {
				t.Fatalf("Login: %v (browser: %d %q %v)", err, status, body, berr)
			}
			if status != http.StatusOK || !strings.Contains(body, "Logged in") {
				t.Errorf("receiver answered %d %q; want 200 and Logged in", status, body)
			}
			if id, ok := tok.UserID(); !ok || id != emuUserID {
				t.Errorf("UserID = %d, %t; want %d, true", id, ok, emuUserID)
			}
			if want := t0.Add(oauth.DefaultTokenTTL); !tok.Expiry.Equal(want) {
				t.Errorf("Expiry = %v; want %v", tok.Expiry, want)
			}
			if uid, err := e.VerifyToken(tok.AccessToken); err != nil || uid != emuUserID {
				t.Errorf("emulator rejects the token: %d, %v", uid, err)
			}
		})
	}
}

func TestLoginDenied(t *testing.T) {
	t.Parallel()
	for _, g := range []Grant{GrantCode, GrantImplicit} {
		t.Run(g.String(), func(t *testing.T) {
			t.Parallel()
			e := newEmulator(t)
			conf := &Config{ClientID: emuClientID, ClientSecret: emuSecret,
				RedirectURL: "http://localhost:0/cb", Endpoint: e.Endpoint}
			b := newBrowser(t, "deny")
			open, wait := b.opener(registerRedirect(t, e, emuSecret))
			_, err := conf.Login(t.Context(), g, LoginOptions{Open: open, Output: io.Discard})
			status, body, _ := wait()
			var ce *CallbackError
			if !errors.As(err, &ce) || ce.Code != "access_denied" {
				t.Fatalf("Login error = %v; want *CallbackError access_denied", err)
			}
			if status != http.StatusBadRequest || !strings.Contains(body, "access_denied") {
				t.Errorf("receiver answered %d %q; want 400 naming access_denied", status, body)
			}
		})
	}
}

// pinRE finds the code on the emulator's pin page.
var pinRE = regexp.MustCompile(`<textarea id="code"[^>]*>([^<]+)</textarea>`)

func TestLoginPin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		grant Grant
		paste func(loc *url.URL, pinPage string) string
	}{
		{"code from pin page", GrantCode, func(_ *url.URL, page string) string {
			m := pinRE.FindStringSubmatch(page)
			if m == nil {
				return "no code on the pin page"
			}
			return "  " + m[1] + "\r\n"
		}},
		{"whole URL with code", GrantCode, func(loc *url.URL, _ string) string { return loc.String() + "\n" }},
		{"whole URL with token", GrantImplicit, func(loc *url.URL, _ string) string { return loc.String() }},
		{"bare token", GrantImplicit, func(loc *url.URL, _ string) string {
			v, _ := ParseFragment(loc)
			return v.Get("access_token") + "\n"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEmulator(t)
			if err := e.RegisterClient(oauth.Client{ID: emuClientID, Secret: emuSecret, RedirectURI: PinURL}); err != nil {
				t.Fatal(err)
			}
			conf := &Config{ClientID: emuClientID, ClientSecret: emuSecret, RedirectURL: PinURL,
				Endpoint: e.Endpoint, Now: fixedNow}
			pr, pw := io.Pipe()
			b := newBrowser(t, "approve")
			open := func(authURL string) error {
				go func() {
					loc, err := b.consent(authURL)
					if err != nil {
						pw.CloseWithError(err)
						return
					}
					loc = e.resolve(loc)
					page := e.get(t, loc)
					io.WriteString(pw, tt.paste(loc, page))
					pw.Close()
				}()
				return nil
			}
			tok, err := conf.Login(t.Context(), tt.grant, LoginOptions{Open: open, Output: io.Discard, Input: pr})
			if err != nil {
				t.Fatalf("Login: %v", err)
			}
			if id, _ := tok.UserID(); id != emuUserID {
				t.Errorf("UserID = %d; want %d", id, emuUserID)
			}
		})
	}
}

// resolve makes the emulator's relative pin redirect absolute.
func (e *emulator) resolve(loc *url.URL) *url.URL {
	base, _ := url.Parse(e.Endpoint.AuthURL)
	return base.ResolveReference(loc)
}

func (e *emulator) get(t *testing.T, u *url.URL) string {
	resp, err := http.Get(u.String())
	if err != nil {
		t.Errorf("GET pin page: %v", err)
		return ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestLoginPinStateMismatch(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1", RedirectURL: "myapp://cb", Endpoint: AniList}
	in := strings.NewReader("myapp://cb#access_token=abc&state=forged\n")
	_, err := conf.Login(t.Context(), GrantImplicit, LoginOptions{Open: func(string) error { return nil }, Output: io.Discard, Input: in})
	if !errors.Is(err, ErrStateMismatch) {
		t.Errorf("Login error = %v; want ErrStateMismatch", err)
	}
}

func TestLoginStops(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1", ClientSecret: "s", RedirectURL: "http://127.0.0.1:0/cb", Endpoint: AniList}
	noop := func(string) error { return nil }
	t.Run("cancel", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(t.Context())
		open := func(string) error { cancel(); return nil }
		_, err := conf.Login(ctx, GrantCode, LoginOptions{Open: open, Output: io.Discard})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Login error = %v; want context.Canceled", err)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		_, err := conf.Login(t.Context(), GrantCode, LoginOptions{Open: noop, Output: io.Discard, Timeout: time.Nanosecond})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Login error = %v; want context.DeadlineExceeded", err)
		}
	})
	t.Run("pin input ends", func(t *testing.T) {
		t.Parallel()
		pin := *conf
		pin.RedirectURL = PinURL
		_, err := pin.Login(t.Context(), GrantCode, LoginOptions{Open: noop, Output: io.Discard, Input: errReader{}})
		if err == nil || !strings.Contains(err.Error(), "read failed") {
			t.Errorf("Login error = %v; want the read error", err)
		}
	})
}

func TestLoginRejectsBadConfig(t *testing.T) {
	t.Parallel()
	good := Config{ClientID: "1", ClientSecret: "s", RedirectURL: "http://127.0.0.1:0/cb", Endpoint: AniList}
	tests := []struct {
		name  string
		edit  func(*Config)
		grant Grant
		want  string
	}{
		{"no client id", func(c *Config) { c.ClientID = "" }, GrantCode, "ClientID"},
		{"no redirect", func(c *Config) { c.RedirectURL = "" }, GrantCode, "RedirectURL"},
		{"no auth url", func(c *Config) { c.Endpoint.AuthURL = "" }, GrantImplicit, "AuthURL"},
		{"no token url", func(c *Config) { c.Endpoint.TokenURL = "" }, GrantCode, "TokenURL"},
		{"query in loopback", func(c *Config) { c.RedirectURL = "http://127.0.0.1:0/cb?x=1" }, GrantCode, "query"},
		{"bad grant", func(*Config) {}, Grant(7), "grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := good
			tt.edit(&c)
			_, err := c.Login(t.Context(), tt.grant, LoginOptions{Open: func(string) error {
				t.Error("Open called for a bad config")
				return nil
			}, Output: io.Discard})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Login error = %v; want one naming %q", err, tt.want)
			}
		})
	}
}

func TestLoginPrintsURLWhenBrowserFails(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1", ClientSecret: "s", RedirectURL: PinURL, Endpoint: AniList}
	var out strings.Builder
	_, err := conf.Login(t.Context(), GrantCode, LoginOptions{
		Open:   func(string) error { return errors.New("no display") },
		Output: &out, Input: strings.NewReader("\n"),
	})
	if err == nil {
		t.Error("Login with empty input succeeded")
	}
	got := out.String()
	for _, want := range []string{"https://anilist.co/api/v2/oauth/authorize?client_id=1&", "no display", "paste"} {
		if !strings.Contains(got, want) {
			t.Errorf("output %q lacks %q", got, want)
		}
	}
}

func TestLoginPortBusy(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	conf := &Config{ClientID: "1", ClientSecret: "s", RedirectURL: "http://" + ln.Addr().String() + "/cb", Endpoint: AniList}
	_, err = conf.Login(t.Context(), GrantCode, LoginOptions{Open: func(string) error {
		t.Error("Open called although the receiver could not start")
		return nil
	}, Output: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "starting the login receiver") {
		t.Errorf("Login error = %v; want a receiver start error", err)
	}
}

// TestLoginPinReleasesInput cancels a pin login while its read of the input
// is blocked, then checks that the next login gets the next line rather
// than the abandoned read swallowing it.
func TestLoginPinReleasesInput(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe()
	defer pw.Close()
	conf := &Config{ClientID: "1", RedirectURL: "myapp://cb", Endpoint: AniList}
	ctx, cancel := context.WithCancel(t.Context())
	_, err := conf.Login(ctx, GrantImplicit, LoginOptions{Open: func(string) error { cancel(); return nil },
		Output: io.Discard, Input: pr})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first Login error = %v; want context.Canceled", err)
	}
	tok, err := conf.Login(t.Context(), GrantImplicit, LoginOptions{Open: func(string) error {
		go io.WriteString(pw, "second-token\n")
		return nil
	}, Output: io.Discard, Input: pr, Timeout: time.Minute})
	if err != nil || tok.AccessToken != "second-token" {
		t.Errorf("second Login = %v, %v; want the pasted second-token", tok, err)
	}
}

// TestLoginPinURLNeedsState checks that a pasted URL must carry the
// login's state, while a bare value cannot and is taken.
func TestLoginPinURLNeedsState(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1", RedirectURL: "myapp://cb", Endpoint: AniList}
	for in, wantErr := range map[string]bool{
		"myapp://cb#access_token=abc\n":              true,
		"access_token=abc\n":                         true,
		"myapp://cb#access_token=abc&state=forged\n": true,
		"abc\n": false,
	} {
		_, err := conf.Login(t.Context(), GrantImplicit, LoginOptions{Open: func(string) error { return nil },
			Output: io.Discard, Input: strings.NewReader(in)})
		if got := errors.Is(err, ErrStateMismatch); got != wantErr {
			t.Errorf("paste %q: error %v; want a state error: %t", in, err, wantErr)
		}
	}
}

// TestLoginLocalhostOverIPv6 runs a whole login whose browser reaches the
// localhost receiver over ::1, as browsers that resolve localhost to ::1 do.
func TestLoginLocalhostOverIPv6(t *testing.T) {
	t.Parallel()
	if !hasIPv6(t) {
		t.Skip("no IPv6 loopback here")
	}
	e := newEmulator(t)
	conf := &Config{ClientID: emuClientID, ClientSecret: emuSecret, RedirectURL: "http://localhost:0/cb",
		Endpoint: e.Endpoint, Now: fixedNow}
	b := newBrowser(t, "approve")
	b.client.Transport = &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		_, port, _ := net.SplitHostPort(addr)
		if strings.HasPrefix(addr, "localhost:") {
			addr = "[::1]:" + port
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	open, wait := b.opener(registerRedirect(t, e, emuSecret))
	tok, err := conf.Login(t.Context(), GrantCode, LoginOptions{Open: open, Output: io.Discard})
	status, body, berr := wait()
	if err != nil || status != http.StatusOK {
		t.Fatalf("Login: %v (receiver over ::1 answered %d %q %v)", err, status, body, berr)
	}
	if id, _ := tok.UserID(); id != emuUserID {
		t.Errorf("UserID = %d; want %d", id, emuUserID)
	}
}

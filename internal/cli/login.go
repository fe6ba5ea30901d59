package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/auth"
	"github.com/anigql/anigql/generated"
)

// Environment variables for the OAuth client, between flags and config.json.
const (
	envClientID     = "ANILIST_CLIENT_ID"
	envClientSecret = "ANILIST_CLIENT_SECRET"
	envRedirectURL  = "ANILIST_REDIRECT_URL"
)

// clientFile is config.json in the configuration directory.
type clientFile struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RedirectURL  string `json:"redirect_url"`
}

type loginFlags struct {
	grant, clientID, clientSecret, redirectURL string
	noBrowser                                  bool
	timeout                                    time.Duration
}

func newLoginCmd(e *env) *cobra.Command {
	var f loginFlags
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Log in to AniList with OAuth (code, implicit or pin grant) and store the token",
		Long: `login runs an OAuth flow in the browser (or prints the URL with --no-browser)
and stores the token for the profile (mode 0600). The client id, secret and
redirect URL come from flags, else ANILIST_CLIENT_ID, ANILIST_CLIENT_SECRET and
ANILIST_REDIRECT_URL, else config.json ({"client_id", "client_secret",
"redirect_url"}) in the configuration directory. A loopback redirect URL
(http://127.0.0.1:PORT/callback) is received here; --grant pin asks you to
paste what AniList shows. With --offline the whole flow runs against the
emulator with its demo client and approves by itself as the demo user;
nothing is stored.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.timeout < 0 {
				return usagef("--timeout must not be negative, not %s", f.timeout)
			}
			if cmd.Flags().Changed("timeout") {
				e.timeout = f.timeout // reported as the global --timeout is
			}
			haveSecret := e.offline || f.clientSecret != "" || e.getenv(envClientSecret) != ""
			grant, pin, err := parseGrant(f.grant, haveSecret)
			if err != nil {
				return err
			}
			opts := auth.LoginOptions{Open: e.opener(f.noBrowser), Output: e.stderr, Input: e.stdin, Timeout: f.timeout}
			if e.offline {
				return loginOffline(cmd.Context(), e, grant, pin, opts)
			}
			return loginOnline(cmd.Context(), e, f, grant, pin, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.grant, "grant", "", "code, implicit or pin (default code with a client secret, else implicit)")
	fl.StringVar(&f.clientID, "client-id", "", "AniList API client id")
	fl.StringVar(&f.clientSecret, "client-secret", "", "AniList API client secret (code grant)")
	fl.StringVar(&f.redirectURL, "redirect-url", "", "redirect URL registered for the client")
	fl.BoolVar(&f.noBrowser, "no-browser", false, "print the URL instead of opening a browser")
	fl.DurationVar(&f.timeout, "timeout", auth.DefaultLoginTimeout, "give up after this long")
	return cmd
}

// parseGrant maps --grant to an auth grant; pin uses the code grant when
// there is a secret.
func parseGrant(s string, haveSecret bool) (auth.Grant, bool, error) {
	switch strings.ToLower(s) {
	case "":
		if haveSecret {
			return auth.GrantCode, false, nil
		}
		return auth.GrantImplicit, false, nil
	case "code":
		return auth.GrantCode, false, nil
	case "implicit":
		return auth.GrantImplicit, false, nil
	case "pin":
		if haveSecret {
			return auth.GrantCode, true, nil
		}
		return auth.GrantImplicit, true, nil
	}
	return 0, false, usagef("--grant must be code, implicit or pin, not %q", s)
}

func (e *env) opener(noBrowser bool) func(string) error {
	switch {
	case noBrowser:
		return func(string) error { return nil } // Login has printed the URL
	case e.openURL != nil:
		return e.openURL
	}
	return auth.OpenBrowser
}

func loginOnline(ctx context.Context, e *env, f loginFlags, g auth.Grant, pin bool, opts auth.LoginOptions) error {
	st, err := e.store()
	if err != nil {
		return err
	}
	cfg, err := e.clientConfig(f)
	if err != nil {
		return err
	}
	if pin {
		cfg.RedirectURL = auth.PinURL
	}
	if cfg.RedirectURL == "" {
		return usagef("no redirect URL: pass --redirect-url (as registered for the client, e.g. http://127.0.0.1:8910/callback) or use --grant pin")
	}
	tok, err := cfg.Login(ctx, g, opts)
	if err != nil {
		return err
	}
	if err := st.Save(e.profileName(), tok); err != nil {
		return err
	}
	return e.reportLogin(ctx, tok, fmt.Sprintf("; stored in %s (mode 0600)", filepath.Join(st.Dir, e.profileName()+".json")))
}

// clientConfig merges the client settings: flags, environment, config.json.
func (e *env) clientConfig(f loginFlags) (*auth.Config, error) {
	var file clientFile
	if dir, err := e.configDir(); err == nil {
		data, err := os.ReadFile(filepath.Join(dir, "config.json"))
		if err == nil {
			if err := json.Unmarshal(data, &file); err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "config.json"), err)
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	cfg := &auth.Config{
		ClientID:     pick(f.clientID, e.getenv(envClientID), file.ClientID),
		ClientSecret: pick(f.clientSecret, e.getenv(envClientSecret), file.ClientSecret),
		RedirectURL:  pick(f.redirectURL, e.getenv(envRedirectURL), file.RedirectURL),
		Endpoint:     auth.AniList,
	}
	if base := strings.TrimSuffix(e.getenv(envOAuthURL), "/"); base != "" {
		cfg.Endpoint.AuthURL, cfg.Endpoint.TokenURL = base+"/authorize", base+"/token"
	}
	if cfg.ClientID == "" {
		return nil, usagef("no client id: pass --client-id, set %s or put client_id in config.json (or try --offline)", envClientID)
	}
	return cfg, nil
}

func pick(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// loginOffline runs the flow against a fresh emulator with its demo client.
// Emulator tokens only verify with the emulator that issued them, so the
// token is checked with Viewer and not stored. The demo client's redirect
// URL names a free port, registered before the receiver binds it; should
// another program take the port in between, it tries another.
func loginOffline(ctx context.Context, e *env, g auth.Grant, pin bool, opts auth.LoginOptions) error {
	for attempt := 1; ; attempt++ {
		err := loginOfflineOnce(ctx, e, g, pin, opts)
		if attempt == 3 || !errors.Is(err, syscall.EADDRINUSE) {
			return err
		}
	}
}

func loginOfflineOnce(ctx context.Context, e *env, g auth.Grant, pin bool, opts auth.LoginOptions) error {
	redirect, emuRedirect := auth.PinURL, ""
	if !pin {
		port, err := freePort()
		if err != nil {
			return err
		}
		redirect = fmt.Sprintf("http://127.0.0.1:%d/callback", port)
		emuRedirect = redirect
	}
	emu, err := e.startEmulator(emuRedirect)
	if err != nil {
		return err
	}
	ep := auth.AniList
	ep.AuthURL = emu.URL + "/api/v2/oauth/authorize"
	ep.TokenURL = emu.URL + "/api/v2/oauth/token"
	cfg := &auth.Config{ClientID: anilisttest.DemoClientID, RedirectURL: redirect, Endpoint: ep}
	if g == auth.GrantCode {
		cfg.ClientSecret = anilisttest.DemoClientSecret
	}
	loginCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	opts.Open, opts.Input = demoApprover(cancel)
	tok, err := cfg.Login(loginCtx, g, opts)
	if err != nil {
		if ctx.Err() == nil && loginCtx.Err() != nil {
			return context.Cause(loginCtx) // the approval failed
		}
		return err
	}
	fmt.Fprintf(e.stderr, "offline: approved as %s on the emulator's consent page\n", anilisttest.DemoUserName)
	note := "; offline: nothing was stored (emulator tokens last for this run only; --offline commands sign as the demo user by themselves)"
	if path, err := e.statePath(); err == nil {
		note += ", the emulator's data changes are kept in " + path
	}
	return e.reportLogin(ctx, tok, note)
}

// reportLogin checks tok with Viewer and prints who logged in.
func (e *env) reportLogin(ctx context.Context, tok *auth.Token, note string) error {
	endpoint, err := e.endpoint(ctx)
	if err != nil {
		return err
	}
	opts := &anilist.Options{Endpoint: endpoint, OnWait: e.showWait}
	if e.clientOpts != nil {
		e.clientOpts(opts)
	}
	c, err := anilist.NewClient(auth.NewClient(ctx, auth.StaticTokenSource(tok)), opts)
	if err != nil {
		return err
	}
	resp, err := generated.Viewer(ctx, c)
	if err != nil {
		return fmt.Errorf("logged in, but Viewer failed: %w", err)
	}
	r := whoamiResult{Expiry: tok.Expiry, Offline: e.offline}
	if resp.Viewer != nil {
		r.ID, r.Name = resp.Viewer.Id, resp.Viewer.Name
	}
	if e.json {
		return printJSON(e.stdout, r)
	}
	fmt.Fprintf(e.stdout, "logged in as %s (id %d, profile %s), token expires %s%s\n",
		r.Name, r.ID, e.profileName(), r.Expiry.UTC().Format(time.DateOnly), note)
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/pkg/browser"
)

// LoginOptions tunes [Config.Login]. The zero value opens the system
// browser, prints to os.Stderr, reads pasted input from os.Stdin and gives
// up after DefaultLoginTimeout.
type LoginOptions struct {
	// Open opens the consent page; nil means OpenBrowser. Login prints the
	// URL before calling it, so an Open that does nothing (a --no-browser
	// flag) leaves the user to open it; tests use Open to drive the flow.
	Open func(url string) error

	// Output receives the URL to visit and the prompt of the pin flow.
	Output io.Writer

	// Input is where the pin flow reads the pasted code, token or URL.
	Input io.Reader

	// Timeout bounds the whole login.
	Timeout time.Duration
}

// DefaultLoginTimeout bounds a login when LoginOptions.Timeout is zero.
const DefaultLoginTimeout = 5 * time.Minute

// OpenBrowser opens url in the user's default browser.
func OpenBrowser(url string) error { return browser.OpenURL(url) }

// Login runs a whole login with grant g and returns the token.
//
// Every login carries a fresh state and, unless Endpoint.NoPKCE is set, a
// PKCE S256 challenge whose verifier only the code exchange sends.
//
// With a loopback RedirectURL it starts a receiver on 127.0.0.1 (a
// localhost URL: on 127.0.0.1 and ::1, the same port), opens the consent
// page and waits for the callback with the right state: a code, which it
// exchanges, or (implicit grant) a token, which a small script on the
// receiver's page posts back from the URL fragment. Callbacks with a
// missing or wrong state are answered 400 and ignored, up to
// [MaxBadCallbacks]. With any other RedirectURL, such as PinURL, it prints
// the consent page's URL and reads the code, the token or the redirected
// URL the user pastes.
//
// It fails with a [*CallbackError] when the user or provider refuses, a
// [*StateError] for a pasted URL with a bad state or too many forged
// callbacks, an [*ExchangeError] when the code is refused, and an error
// wrapping context.DeadlineExceeded or context.Canceled when it times out
// or ctx ends.
func (c *Config) Login(ctx context.Context, g Grant, opts LoginOptions) (*Token, error) {
	if err := c.check(g); err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultLoginTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	lb, ok, err := parseLoopback(c.RedirectURL)
	switch {
	case err != nil:
		return nil, err
	case ok:
		return c.loginLoopback(ctx, g, lb, &opts)
	default:
		return c.loginPaste(ctx, g, &opts)
	}
}

func (c *Config) check(g Grant) error {
	switch {
	case g != GrantCode && g != GrantImplicit:
		return fmt.Errorf("auth: unknown grant %d", g)
	case c.ClientID == "":
		return errors.New("auth: Config.ClientID is empty")
	case c.Endpoint.AuthURL == "":
		return errors.New("auth: Config.Endpoint.AuthURL is empty")
	case g == GrantCode && c.Endpoint.TokenURL == "":
		return errors.New("auth: Config.Endpoint.TokenURL is empty")
	case c.RedirectURL == "":
		return errors.New("auth: Config.RedirectURL is empty (use a loopback URL or auth.PinURL)")
	}
	return nil
}

func (c *Config) loginLoopback(ctx context.Context, g Grant, lb loopback, opts *LoginOptions) (*Token, error) {
	lns, port, redirect, err := lb.listen()
	if err != nil {
		return nil, err
	}
	req := c.newRequest(g, redirect)
	rctx, cancel := context.WithCancel(ctx)
	rv := newReceiver(rctx, req, lb.path, lb.hostPort(port))
	defer serve(lns, rv, cancel)()
	c.announce(opts, req.URL)
	select {
	case cl := <-rv.calls:
		tok, err := c.finish(ctx, req, cl)
		cl.reply <- err
		return tok, err
	case err := <-rv.giveUp:
		return nil, err
	case <-ctx.Done():
		return nil, waitError(ctx)
	}
}

// finish turns the genuine callback into a token.
func (c *Config) finish(ctx context.Context, req *AuthRequest, cl call) (*Token, error) {
	if cl.err != nil {
		return nil, cl.err
	}
	return c.redeem(ctx, req, cl.res)
}

// redeem returns the token a callback or pasted text carries, or exchanges
// its code.
func (c *Config) redeem(ctx context.Context, req *AuthRequest, res PinResult) (*Token, error) {
	if res.AccessToken != "" {
		return newToken(res.AccessToken, res.TokenType, res.ExpiresIn, c.now(), c.Endpoint.Lifetime), nil
	}
	return c.Exchange(ctx, req, res.Code)
}

func (c *Config) loginPaste(ctx context.Context, g Grant, opts *LoginOptions) (*Token, error) {
	req := c.newRequest(g, c.RedirectURL)
	in := opts.Input
	if in == nil {
		in = os.Stdin
	}
	pending := awaitLine(in) // before the prompt: what is typed after it is ours
	c.announce(opts, req.URL)
	out := output(opts)
	fmt.Fprint(out, "After approving, paste the code, the token or the whole address shown: ")
	line, err := pending.wait(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, waitError(ctx)
		}
		return nil, fmt.Errorf("auth: reading the pasted code: %w", err)
	}
	res, err := ParsePin(line, g)
	if err != nil {
		return nil, err
	}
	// A pasted URL must carry the request's state; a bare code or token
	// cannot, and is trusted as the user copied it from the provider's
	// page (its code still needs this request's PKCE verifier).
	if res.HasState || res.FromURL {
		if err := checkState(res, req.State, req.optional && g == GrantCode); err != nil {
			return nil, err
		}
	}
	return c.redeem(ctx, req, res)
}

func output(opts *LoginOptions) io.Writer {
	if opts.Output != nil {
		return opts.Output
	}
	return os.Stderr
}

// announce prints the consent page's URL and tries to open it.
func (c *Config) announce(opts *LoginOptions, authURL string) {
	out := output(opts)
	fmt.Fprintf(out, "Log in with your browser. If it does not open, visit:\n\n  %s\n\n", authURL)
	open := opts.Open
	if open == nil {
		open = OpenBrowser
	}
	if err := open(authURL); err != nil {
		fmt.Fprintf(out, "auth: could not open a browser (%v); open the address above yourself.\n", err)
	}
}

// waitError explains why Login stopped waiting.
func waitError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("auth: login timed out waiting for the browser: %w", ctx.Err())
	}
	return fmt.Errorf("auth: login cancelled: %w", context.Cause(ctx))
}

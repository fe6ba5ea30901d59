package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
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
// With a loopback RedirectURL it starts a receiver on 127.0.0.1, opens the
// consent page and waits for exactly one callback: a code, which it
// exchanges, or (implicit grant) a token, which a small script on the
// receiver's page posts back from the URL fragment. With any other
// RedirectURL, such as PinURL, it prints the consent page's URL and reads
// the code, the token or the redirected URL the user pastes.
//
// It fails with a [*CallbackError] when the user or provider refuses, a
// [*StateError] for a forged or mismatched callback, an [*ExchangeError]
// when the code is refused, and an error wrapping context.DeadlineExceeded
// or context.Canceled when it times out or ctx ends.
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
	ln, redirect, err := lb.listen()
	if err != nil {
		return nil, err
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	rv := newReceiver(g, lb.path, net.JoinHostPort(lb.host, port))
	defer serve(ln, rv)()
	state := NewState()
	c.announce(opts, c.authURL(g, redirect, state))
	select {
	case cl := <-rv.calls:
		tok, err := c.finish(ctx, g, cl, state, redirect)
		cl.reply <- err
		return tok, err
	case <-ctx.Done():
		return nil, waitError(ctx)
	}
}

// finish checks a callback and turns it into a token.
func (c *Config) finish(ctx context.Context, g Grant, cl call, state, redirect string) (*Token, error) {
	if cl.err != nil {
		return nil, cl.err
	}
	cb, err := parseCallback(cl.params, g, state, c.Endpoint.StateOptional)
	if err != nil {
		return nil, err
	}
	if cb.AccessToken != "" {
		return newToken(cb.AccessToken, cb.TokenType, cb.ExpiresIn, c.now(), c.Endpoint.Lifetime), nil
	}
	return c.exchange(ctx, cb.Code, redirect)
}

func (c *Config) loginPaste(ctx context.Context, g Grant, opts *LoginOptions) (*Token, error) {
	state := NewState()
	c.announce(opts, c.authURL(g, c.RedirectURL, state))
	out := output(opts)
	fmt.Fprint(out, "After approving, paste the code, the token or the whole address shown: ")
	in := opts.Input
	if in == nil {
		in = os.Stdin
	}
	line, err := readLine(ctx, in)
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
	if res.HasState {
		if err := checkState(PinResult{State: res.State, HasState: true}, state, false); err != nil {
			return nil, err
		}
	}
	if res.AccessToken != "" {
		return newToken(res.AccessToken, res.TokenType, res.ExpiresIn, c.now(), c.Endpoint.Lifetime), nil
	}
	return c.exchange(ctx, res.Code, c.RedirectURL)
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

package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/auth"
)

// Exit codes returned by [Main].
const (
	ExitOK        = 0 // success
	ExitError     = 1 // any failure without a more specific code (lint findings too)
	ExitUsage     = 2 // bad flags or arguments
	ExitAuth      = 3 // not logged in, token expired or rejected
	ExitRateLimit = 4 // AniList's rate limit could not be waited out
	ExitNetwork   = 5 // AniList (or the endpoint) could not be reached
	ExitTimeout   = 6 // the command did not finish within --timeout (or its own time limit)
)

// timeoutError is a command that ran out of time: --timeout, a command's
// own time limit, or a request that timed out.
type timeoutError struct {
	after time.Duration // the --timeout, 0 when another limit hit
	err   error
}

func (e timeoutError) Error() string {
	if e.after > 0 {
		return fmt.Sprintf("timed out after %s (--timeout): %v", e.after, e.err)
	}
	return fmt.Sprintf("timed out: %v", e.err)
}
func (e timeoutError) Unwrap() error { return e.err }

// isTimeout reports whether err is a deadline that passed: a context's or
// a request's.
func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// envTokenError is a token problem with the token of ANILIST_TOKEN, which
// overrides any stored login.
type envTokenError struct{ err error }

func (e envTokenError) Error() string { return e.err.Error() }
func (e envTokenError) Unwrap() error { return e.err }

// classify marks the errors whose code and message depend on how the run
// was set up: timeouts, and token errors with ANILIST_TOKEN set.
func (e *env) classify(err error) error {
	var u usageError
	switch {
	case errors.As(err, &u):
		return err
	case isTimeout(err) && !errors.Is(err, anilist.ErrRateLimited):
		return timeoutError{after: e.timeout, err: err}
	case isAuth(err) && !e.offline && e.getenv(auth.EnvVar) != "":
		return envTokenError{err}
	}
	return err
}

// usageError marks an error caused by bad flags or arguments.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// silentError carries an exit code for a failure already reported (such as
// lint findings).
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exitCode maps err to the process exit code.
func exitCode(err error) int {
	var u usageError
	var s silentError
	switch {
	case errors.As(err, &s):
		return s.code
	case errors.As(err, &u), strings.HasPrefix(err.Error(), "unknown command"):
		return ExitUsage
	case errors.As(err, new(timeoutError)):
		return ExitTimeout
	case isAuth(err):
		return ExitAuth
	case errors.Is(err, anilist.ErrRateLimited):
		return ExitRateLimit
	case isNetwork(err):
		return ExitNetwork
	}
	return ExitError
}

func isAuth(err error) bool {
	return errors.Is(err, auth.ErrNoToken) || errors.Is(err, auth.ErrTokenExpired) ||
		errors.Is(err, anilist.ErrInvalidToken) || errors.Is(err, anilist.ErrUnauthorized)
}

// isNetwork reports whether err means the endpoint could not be reached (in
// time). An interrupt (context.Canceled) is not a network failure, nor is a
// deadline that passed outside a request (a login waiting for the browser).
func isNetwork(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var oe *net.OpError
	var de *net.DNSError
	var ue *url.Error
	return errors.As(err, &oe) || errors.As(err, &de) || errors.As(err, &ue)
}

// message renders err as the one line shown to the user, with a hint.
func message(err error) string {
	var exp *auth.ExpiredError
	var rl *anilist.RateLimitError
	var to timeoutError
	var msg string
	if m, ok := commandError(err.Error()); ok {
		return m
	}
	switch {
	case errors.As(err, &to):
		msg = timeoutMessage(to)
	case errors.As(err, new(envTokenError)) && errors.As(err, &exp):
		msg = fmt.Sprintf("the token in %s expired on %s: unset it or set a fresh one (it overrides any anigql login)", auth.EnvVar, exp.Expiry.UTC().Format("2006-01-02"))
	case errors.As(err, new(envTokenError)):
		msg = fmt.Sprintf("AniList rejected the token in %s: unset it or set a valid one (it overrides any anigql login)", auth.EnvVar)
	case errors.As(err, &exp):
		msg = fmt.Sprintf("token expired on %s: run anigql login", exp.Expiry.UTC().Format("2006-01-02"))
	case errors.Is(err, auth.ErrNoToken):
		msg = "not logged in: run anigql login (or set ANILIST_TOKEN)"
	case errors.Is(err, anilist.ErrInvalidToken):
		msg = "AniList rejected the token: run anigql login"
	case errors.Is(err, anilist.ErrUnauthorized):
		msg = "this needs a logged-in user: run anigql login"
	case errors.Is(err, anilist.ErrNotFound):
		msg = fmt.Sprintf("%v (check the id or user name)", err)
	case errors.As(err, &rl):
		msg = rateLimitMessage(rl)
	case errors.Is(err, anilist.ErrRateLimited):
		msg = "rate limited by AniList: wait a minute and try again"
	case isNetwork(err) && !errors.As(err, new(usageError)):
		msg = fmt.Sprintf("%v (check the network, or use --offline)", err)
	default:
		msg = err.Error()
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", "; ")), " ")
}

func timeoutMessage(t timeoutError) string {
	if t.after > 0 {
		return fmt.Sprintf("timed out after %s (--timeout): the command did not finish; allow more time or leave --timeout out", t.after)
	}
	return fmt.Sprintf("timed out: %v", t.err)
}

func rateLimitMessage(rl *anilist.RateLimitError) string {
	switch {
	case rl.RetryAfter > 0:
		return fmt.Sprintf("rate limited by AniList: try again in %s", rl.RetryAfter)
	case !rl.Reset.IsZero():
		return fmt.Sprintf("rate limited by AniList: try again after %s", rl.Reset.Local().Format("15:04:05"))
	}
	return "rate limited by AniList: wait a minute and try again"
}

// errorf is fmt.Errorf, for messages that need no package prefix (Main adds
// "anigql: ").
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

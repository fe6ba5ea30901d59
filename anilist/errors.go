package anilist

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Sentinel errors. Every error the client returns for one of these causes
// matches it with [errors.Is], however deeply it is wrapped.
var (
	// ErrInvalidToken means AniList rejected the access token (it answers
	// HTTP 400 "Invalid token" for an expired or revoked token). Log in again.
	ErrInvalidToken = errors.New("anilist: invalid token: log in again")
	// ErrNotFound means the requested entity does not exist (AniList's
	// 404 "Not Found.").
	ErrNotFound = errors.New("anilist: not found")
	// ErrAPIDisabled means AniList has switched its API off (a 403 whose
	// message says the API "has been temporarily disabled").
	ErrAPIDisabled = errors.New("anilist: the AniList API is temporarily disabled")
	// ErrUnauthorized means the operation needs an authenticated client
	// (status 401, e.g. a mutation sent without a token).
	ErrUnauthorized = errors.New("anilist: unauthorized: this operation needs a logged-in client")
	// ErrRateLimited means AniList answered 429 and the client could not wait
	// for the limit to reset. The error is a [*RateLimitError].
	ErrRateLimited = errors.New("anilist: rate limited")
)

// Location is a position in the GraphQL document that an [Error] refers to.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Error is one entry of the "errors" array of an AniList response, with the
// fields AniList adds to the GraphQL standard ones.
type Error struct {
	// Message is AniList's message, e.g. "Not Found." or "validation".
	Message string `json:"message"`
	// Status is AniList's numeric status, e.g. 400, 404 or 429.
	Status int `json:"status,omitempty"`
	// Locations point into the operation's text.
	Locations []Location `json:"locations,omitempty"`
	// Path is the response path of the failed field, when AniList sends it.
	Path []any `json:"path,omitempty"`
	// Validation maps each invalid argument to its messages, as AniList
	// sends it with Message "validation".
	Validation Validation `json:"validation,omitempty"`
}

// Error returns the message with its status and validation details. Anything
// that looks like a token is redacted.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("anilist: ")
	b.WriteString(e.Message)
	if e.Status != 0 {
		fmt.Fprintf(&b, " (status %d)", e.Status)
	}
	if len(e.Validation) > 0 {
		b.WriteString(": ")
		b.WriteString(e.Validation.String())
	}
	return redact(b.String())
}

// Is reports whether e is one of the package's sentinel errors.
func (e *Error) Is(target error) bool {
	return target != nil && classify(e.Status, e.Message) == target
}

// classify maps AniList's status and message to a sentinel, or nil.
func classify(status int, message string) error {
	lower := strings.ToLower(message)
	switch {
	case strings.Contains(lower, "invalid token"):
		return ErrInvalidToken
	case status == http.StatusForbidden && strings.Contains(lower, "temporarily disabled"):
		return ErrAPIDisabled
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	}
	return nil
}

// Errors is the "errors" array of an AniList response. It unwraps to its
// items, so errors.Is and errors.As see each [*Error].
type Errors []*Error

// Error joins the items' messages.
func (l Errors) Error() string {
	switch len(l) {
	case 0:
		return "anilist: no errors"
	case 1:
		return l[0].Error()
	}
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = strings.TrimPrefix(e.Error(), "anilist: ")
	}
	return "anilist: " + strings.Join(parts, "; ")
}

// Unwrap returns the items.
func (l Errors) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// ResponseError is returned when AniList answers with a non-2xx status or
// with a non-empty "errors" array. Data decoded from the same response is
// still in the generated response value: partial data and errors come back
// together.
type ResponseError struct {
	// Op is the GraphQL operation name.
	Op string
	// StatusCode is the HTTP status.
	StatusCode int
	// Errors is AniList's "errors" array; empty when the body was not JSON.
	Errors Errors
	// Body is the start of a body that was not a GraphQL response (such as
	// an HTML error page), at most 512 bytes, with tokens redacted.
	Body string
}

// Error describes the failure without ever including a token.
func (e *ResponseError) Error() string {
	msg := fmt.Sprintf("anilist: %s: HTTP %d", e.Op, e.StatusCode)
	if len(e.Errors) > 0 {
		return msg + ": " + strings.TrimPrefix(e.Errors.Error(), "anilist: ")
	}
	if e.Body != "" {
		return msg + ": " + redact(e.Body)
	}
	return msg
}

// Unwrap returns the [Errors] list, if any (which unwraps to its items), and
// the sentinel that matches the HTTP status, if any: errors.As finds the
// list and each [*Error], errors.Is each sentinel. A 404 without AniList's
// "Not Found." error is not [ErrNotFound]: a wrong endpoint is likelier
// than a missing entity.
func (e *ResponseError) Unwrap() []error {
	var errs []error
	if len(e.Errors) > 0 {
		errs = append(errs, e.Errors)
	}
	if s := classify(e.StatusCode, ""); s != nil && s != ErrNotFound {
		errs = append(errs, s)
	}
	return errs
}

// RateLimitError is returned when AniList answered 429 and the client could
// not wait for the reset: the wait would pass the context deadline, or the
// retries ran out. It matches [ErrRateLimited].
type RateLimitError struct {
	// Op is the GraphQL operation name.
	Op string
	// Limit and Remaining are the X-RateLimit-Limit and -Remaining headers.
	Limit, Remaining int
	// Reset is X-RateLimit-Reset, the time the limit lifts (zero if absent).
	Reset time.Time
	// RetryAfter is the Retry-After header (zero if absent).
	RetryAfter time.Duration
	// Err is the response error AniList sent with the 429, if any.
	Err error
}

// Error says how long to wait.
func (e *RateLimitError) Error() string {
	msg := fmt.Sprintf("anilist: %s: rate limited (limit %d, remaining %d)", e.Op, e.Limit, e.Remaining)
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(", retry after %s", e.RetryAfter)
	}
	return msg
}

// Is reports whether target is [ErrRateLimited].
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// Unwrap returns the response error sent with the 429.
func (e *RateLimitError) Unwrap() error { return e.Err }

// APIDisabledError is returned during an outage: AniList answered 403 "API
// disabled" to a holder of the client's [Budget] (this client, or another
// process sharing the budget), so the client fails fast until Until instead
// of sending requests. It matches [ErrAPIDisabled].
type APIDisabledError struct {
	// Op is the GraphQL operation name.
	Op string
	// Until is when the outage cooldown ends ([Options.OutageCooldown]
	// after the 403).
	Until time.Time
	// Err is the 403 answer (a [*ResponseError]) when this client saw it;
	// nil for an outage another process reported.
	Err error
}

func newAPIDisabledError(op string, until time.Time, cause *ResponseError) *APIDisabledError {
	e := &APIDisabledError{Op: op, Until: until}
	if cause != nil {
		e.Err = cause
	}
	return e
}

// Error says until when calls fail.
func (e *APIDisabledError) Error() string {
	until := e.Until.UTC().Format(time.RFC3339)
	if e.Err != nil {
		return fmt.Sprintf("%v (outage mode: calls fail fast until %s)", e.Err, until)
	}
	return fmt.Sprintf("anilist: %s: the AniList API is temporarily disabled (outage mode: calls fail fast until %s)", e.Op, until)
}

// Is reports whether target is [ErrAPIDisabled].
func (e *APIDisabledError) Is(target error) bool { return target == ErrAPIDisabled }

// Unwrap returns the 403 answer, if any.
func (e *APIDisabledError) Unwrap() error { return e.Err }

// jwtLike matches JSON Web Tokens, whole or cut short, and bearer
// credentials.
var jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){0,2}|(?i:bearer\s+)[A-Za-z0-9._~+/=-]+`)

// redactURL returns rawURL without its userinfo, query and fragment, the
// parts that may carry a credential, for messages.
func redactURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(invalid URL)"
	}
	u.User, u.RawQuery, u.ForceQuery, u.Fragment, u.RawFragment = nil, "", false, "", ""
	return redact(u.String())
}

// requestError is a failed round trip: its message names the operation and
// never shows a credential from the request's URL or a token-like string
// from the transport's error, while errors.Is and errors.As still see the
// transport's error (often a *url.Error, whose URL is redacted too).
type requestError struct {
	op  string
	err error
}

func newRequestError(op string, err error) *requestError {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = redactURL(ue.URL)
	}
	return &requestError{op: op, err: err}
}

func (e *requestError) Error() string { return redact("anilist: " + e.op + ": " + e.err.Error()) }

func (e *requestError) Unwrap() error { return e.err }

// redact removes anything that looks like a token from s.
func redact(s string) string {
	if !strings.Contains(s, "eyJ") && !strings.Contains(strings.ToLower(s), "bearer") {
		return s
	}
	return jwtLike.ReplaceAllString(s, "[REDACTED]")
}

package anilist

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/Khan/genqlient/graphql"
	gojson "github.com/goccy/go-json"
)

// call is one MakeRequest: its attempts, retries and outcome.
type call struct {
	c        *Client
	ctx      context.Context
	op       string
	body     []byte
	resp     *graphql.Response
	mutation bool
	// keep makes the call keep a copy of the final answer's body in kept,
	// with its status, for the cache.
	keep   bool
	kept   []byte
	status int
	// sent is when the last attempt was sent, by the cache's clock.
	sent time.Time
	// drifted reports a decode that dropped union items.
	drifted bool

	attempt   int // attempts started
	retries   int // retries after 5xx and network errors
	throttles int // retries after 429
}

// outcome is the result of one attempt: a final error (or nil), or a retry
// after delay.
type outcome struct {
	err   error
	retry bool
	delay time.Duration
}

// run makes attempts until one succeeds, fails for good, or ctx ends.
func (k *call) run() error {
	for {
		k.attempt++
		g, err := k.acquire()
		if err != nil {
			return k.wrapCtx(err)
		}
		out := k.once(g)
		if !out.retry {
			return out.err
		}
		if out.delay > 0 {
			k.c.notify(k.op, WaitRetry, out.delay, k.attempt+1)
			if err := k.c.clock.SleepUntil(k.ctx, k.c.clock.Now().Add(out.delay)); err != nil {
				return k.wrapCtx(err)
			}
		}
	}
}

// acquire waits until the budget allows the attempt. It fails at once with
// an *APIDisabledError during an outage, and with a *RateLimitError if a
// timed wait would pass ctx's deadline.
func (k *call) acquire() (Grant, error) {
	b, clk := k.c.budget, k.c.clock
	for {
		g, err := b.Acquire(k.ctx)
		switch {
		case err != nil:
			return g, err
		case g.OK:
			return g, nil
		case !g.Disabled.IsZero():
			return g, newAPIDisabledError(k.op, g.Disabled, g.Cause)
		case k.ctx.Err() != nil:
			return g, context.Cause(k.ctx)
		case g.Wait <= 0 && g.Wake != nil: // wait for an answer to tell the budget
			select {
			case <-g.Wake:
				continue
			case <-k.ctx.Done():
				return g, context.Cause(k.ctx)
			}
		}
		if exceedsDeadline(k.ctx, clk.Now(), g.Wait) {
			return g, k.deadlineError(g.Wait)
		}
		k.c.notify(k.op, g.Reason, g.Wait, k.attempt)
		if err := sleepOrWake(k.ctx, clk, clk.Now().Add(g.Wait), g.Wake); err != nil {
			return g, err
		}
	}
}

// deadlineError is the error for a wait that would pass the deadline.
func (k *call) deadlineError(d time.Duration) error {
	s := k.c.budget.Rate()
	return &RateLimitError{Op: k.op, Limit: s.Limit, Remaining: s.Remaining, Reset: s.Reset, RetryAfter: d}
}

// wrapCtx prefixes a context or rate-limit error with the operation.
func (k *call) wrapCtx(err error) error {
	switch err.(type) {
	case *RateLimitError, *APIDisabledError:
		return err
	}
	return fmt.Errorf("anilist: %s: %w", k.op, err)
}

// roundTrip sends the request. On failure it gives g back to the budget.
func (k *call) roundTrip(g Grant) (*http.Response, error) {
	req, err := k.c.newRequest(k.ctx, k.body)
	if err == nil {
		if k.keep && k.c.cache != nil {
			k.sent = k.c.cache.now()
		}
		var resp *http.Response
		if resp, err = k.c.http.Do(req); err == nil {
			return resp, nil
		}
	}
	k.c.budget.Settle(k.ctx, g, Answer{Limit: -1, Remaining: -1})
	return nil, err
}

// once makes one HTTP round trip and classifies its result.
func (k *call) once(g Grant) outcome {
	hresp, err := k.roundTrip(g)
	if err != nil {
		return k.failed(err)
	}
	status := hresp.StatusCode
	a := NewAnswer(status, hresp.Header, k.c.clock.Now())
	a.Fallback = backoff(k.throttles+1, k.c.opts.RetryBaseDelay, k.c.opts.RetryMaxDelay)
	var pause time.Duration
	if status != http.StatusForbidden { // a 403 settles once its body tells why
		pause = k.c.budget.Settle(k.ctx, g, a)
	}
	body, release, err := readBody(hresp)
	hresp.Body.Close()
	defer release()
	if status == http.StatusForbidden {
		if de := k.outage(g, &a, body, err); de != nil {
			return outcome{err: de}
		}
	}
	if err != nil {
		return k.failed(err)
	}
	switch {
	case status == http.StatusTooManyRequests:
		return k.throttled(hresp.Header, body, pause)
	case status >= 500:
		// A 503 may say when the service is back: wait at least that long.
		return k.retryable(k.errorOnly(status, body), retryAfter(hresp.Header, k.c.clock.Now()))
	}
	err = asComplexity(k.op, k.decode(status, body))
	if truncated(err) {
		return k.retryable(err, 0) // a body cut short on the way, as after a network error
	}
	if k.keep {
		k.kept, k.status = bytes.Clone(body), status
	}
	return outcome{err: err}
}

// outage settles a 403 answer. If its body is AniList's "API disabled"
// (and Options.OutageCooldown is not negative), it starts the budget's
// outage mode and returns the call's error.
func (k *call) outage(g Grant, a *Answer, body []byte, readErr error) error {
	var re *ResponseError
	if readErr == nil {
		re, _ = k.errorOnly(http.StatusForbidden, body).(*ResponseError)
	}
	if re == nil || !errors.Is(re.Errors, ErrAPIDisabled) || k.c.opts.OutageCooldown <= 0 {
		k.c.budget.Settle(k.ctx, g, *a)
		return nil
	}
	a.Disabled, a.Cause = k.c.clock.Now().Add(k.c.opts.OutageCooldown), re
	k.c.budget.Settle(k.ctx, g, *a)
	return newAPIDisabledError(k.op, a.Disabled, re)
}

// failed handles a request or a response body that failed on the way: it
// is retried unless ctx has ended.
func (k *call) failed(err error) outcome {
	err = newRequestError(k.op, err)
	if k.ctx.Err() != nil {
		return outcome{err: err}
	}
	return k.retryable(err, 0)
}

// truncated reports whether err is a JSON syntax error: the body was not
// the whole JSON document the server meant to send.
func truncated(err error) bool {
	var goErr *gojson.SyntaxError
	var stdErr *json.SyntaxError
	return err != nil && (errors.As(err, &goErr) || errors.As(err, &stdErr) || errors.Is(err, io.ErrUnexpectedEOF))
}

// retryable retries err with backoff if the call may be retried. The delay
// is at least after, the server's Retry-After (zero if it sent none); a
// delay that would pass the context deadline ends the call with err.
func (k *call) retryable(err error, after time.Duration) outcome {
	if (k.mutation && !k.c.opts.RetryMutations) || k.retries >= k.c.opts.MaxRetries {
		return outcome{err: err}
	}
	k.retries++
	d := max(backoff(k.retries, k.c.opts.RetryBaseDelay, k.c.opts.RetryMaxDelay), after)
	if exceedsDeadline(k.ctx, k.c.clock.Now(), d) {
		return outcome{err: err}
	}
	return outcome{err: err, retry: true, delay: d}
}

// throttled handles a 429. The limiter already pauses the whole client for
// pause; the call retries after it unless that would pass the deadline or
// the 429 retries are used up.
func (k *call) throttled(h http.Header, body []byte, pause time.Duration) outcome {
	now := k.c.clock.Now()
	rl := &RateLimitError{Op: k.op, Reset: resetTime(h, now), RetryAfter: retryAfter(h, now)}
	rl.Limit, _ = headerInt(h, "X-RateLimit-Limit")
	rl.Remaining, _ = headerInt(h, "X-RateLimit-Remaining")
	if rl.RetryAfter == 0 {
		rl.RetryAfter = pause
	}
	if e := k.errorOnly(http.StatusTooManyRequests, body); e != nil {
		rl.Err = e
	}
	if k.throttles >= k.c.opts.MaxRateLimitRetries || exceedsDeadline(k.ctx, now, pause) {
		return outcome{err: rl}
	}
	k.throttles++
	return outcome{err: rl, retry: true}
}

// errorOnly builds the ResponseError of a failed status without decoding
// data.
func (k *call) errorOnly(status int, body []byte) error {
	var env struct {
		Errors Errors `json:"errors"`
	}
	if err := gojson.Unmarshal(body, &env); err != nil || len(env.Errors) == 0 {
		return &ResponseError{Op: k.op, StatusCode: status, Body: snippet(body)}
	}
	return &ResponseError{Op: k.op, StatusCode: status, Errors: env.Errors}
}

// decode decodes a final response into k.resp.
func (k *call) decode(status int, body []byte) error {
	errs, dropped, err := decodeInto(body, k.resp)
	if len(dropped) > 0 {
		k.drifted = true
		reportDrift(k.ctx, k.op, dropped, k.c.opts.OnUnknownType)
	}
	ok := status >= 200 && status < 300
	switch {
	case err != nil && ok:
		return fmt.Errorf("anilist: %s: decoding response: %w", k.op, err)
	case err != nil:
		return &ResponseError{Op: k.op, StatusCode: status, Body: snippet(body)}
	case len(errs) > 0 || !ok:
		return &ResponseError{Op: k.op, StatusCode: status, Errors: errs}
	}
	return nil
}

// snippet returns the start of a body for an error message. It redacts
// before it cuts, so that no token is cut into a piece redact would miss.
func snippet(body []byte) string {
	const n = 512
	s := redact(string(body[:min(len(body), 8*n)]))
	if len(s) <= n && len(body) <= 8*n {
		return s
	}
	return strings.ToValidUTF8(s[:min(len(s), n)], "") + "…"
}

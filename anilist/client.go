package anilist

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/Khan/genqlient/graphql"
	gojson "github.com/goccy/go-json"
)

// Client is a [graphql.Client] for AniList. It is safe for concurrent use; all
// goroutines share its rate limiter. Create it with [NewClient].
type Client struct {
	http   *http.Client
	opts   Options
	clock  clock
	lim    *limiter    // the default budget
	budget Budget      // Options.Budget, or lim
	cache  *cacheState // nil without Options.Cache
}

var _ graphql.Client = (*Client)(nil)

// NewClient returns a Client that sends its requests through httpClient:
// the client from package auth for authenticated calls, or nil for
// [http.DefaultClient] (public data only). opts may be nil.
func NewClient(httpClient *http.Client, opts *Options) (*Client, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	c := &Client{http: httpClient, opts: o, clock: realClock{}}
	c.lim = newLimiter(o, c.clock)
	c.budget = o.Budget
	if c.budget == nil {
		c.budget = c.lim
	}
	if c.cache, err = newCacheState(o, httpClient == http.DefaultClient, c.now); err != nil {
		return nil, err
	}
	return c, nil
}

// Rate returns what the client last learned about AniList's rate limit.
func (c *Client) Rate() Rate { return c.budget.Rate() }

// MakeRequest implements [graphql.Client]: the generated functions call it.
// It returns a [*ResponseError] for AniList's errors (the data that came
// with them is still decoded into resp.Data), a [*RateLimitError] when it
// cannot wait out a 429, and the context's error when ctx ends.
func (c *Client) MakeRequest(ctx context.Context, req *graphql.Request, resp *graphql.Response) error {
	if req == nil || resp == nil {
		return errors.New("anilist: MakeRequest needs a request and a response")
	}
	call := &call{c: c, ctx: ctx, op: opName(req), resp: resp, mutation: isMutation(req.Query)}
	switch {
	case c.cache != nil:
		return c.cached(req, call) // it encodes the request only if it sends it
	case !call.mutation && c.policy(ctx, call.op) == CacheOnly:
		return fmt.Errorf("anilist: %s: %w", call.op, ErrCacheMiss)
	}
	if err := call.encode(req); err != nil {
		return err
	}
	return call.run()
}

// encode checks req's complexity and encodes it as the body of k, which is
// about to be sent.
func (k *call) encode(req *graphql.Request) error {
	if err := k.c.checkComplexity(k.op, req); err != nil {
		return err
	}
	body, err := gojson.Marshal(req)
	if err != nil {
		return fmt.Errorf("anilist: %s: encoding request: %w", k.op, err)
	}
	k.body = body
	return nil
}

// now is the clock of the cache's TTLs.
func (c *Client) now() time.Time { return c.clock.Now() }

// opName returns the operation's name for messages.
func opName(req *graphql.Request) string {
	if req.OpName != "" {
		return req.OpName
	}
	return "query"
}

// isMutation reports whether query is a mutation document.
func isMutation(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n")
	for strings.HasPrefix(q, "#") { // skip comment lines
		_, q, _ = strings.Cut(q, "\n")
		q = strings.TrimLeft(q, " \t\r\n")
	}
	return strings.HasPrefix(q, "mutation")
}

// newRequest builds one HTTP request with AniList's headers.
func (c *Client) newRequest(ctx context.Context, body []byte) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.opts.Endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	h := req.Header
	h["Content-Type"] = []string{"application/json"}
	h["Accept"] = []string{"application/json"}
	h["User-Agent"] = []string{c.opts.UserAgent}
	h["Referer"] = []string{c.opts.Referer}
	return req, nil
}

// notify calls the OnWait hook for waits of a second or more.
func (c *Client) notify(op string, reason WaitReason, d time.Duration, attempt int) {
	if c.opts.OnWait != nil && d >= time.Second {
		c.opts.OnWait(Wait{Op: op, Reason: reason, Delay: d, Attempt: attempt})
	}
}

package anilist

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/anigql/anigql/cost"
)

// Options configures a [Client]. The zero value (or a nil *Options) gives
// AniList's defaults, documented on each field.
type Options struct {
	// Endpoint is the GraphQL URL. Default: [DefaultEndpoint].
	Endpoint string
	// UserAgent is sent on every request. Default: [DefaultUserAgent].
	UserAgent string
	// Referer is sent on every request; AniList has answered 403 to requests
	// without one. Default: [ModuleURL].
	Referer string

	// RateLimit and RateWindow pace the client while the server sends no
	// X-RateLimit-* headers (a proxy, a test server). Default: 80 per
	// minute, below AniList's nominal 90. Against AniList the client never
	// needs them: it sends one request before the first answer, then spends
	// exactly the budget X-RateLimit-Remaining announces, and learns the
	// window from the X-RateLimit-Reset of a 429. [Rate.Window] reports
	// RateWindow until it has learned the real one.
	RateLimit  int
	RateWindow time.Duration
	// DisableRateLimit turns pacing off: the client sends as fast as it is
	// called and only waits after a 429. Use it for a local server without
	// limits or a benchmark, never against AniList.
	DisableRateLimit bool

	// Budget, if set, holds the rate-limit budget instead of the client's
	// own memory, so that clients in several processes (or machines behind
	// one IP) share AniList's limit: see [Budget]. With a Budget set,
	// RateLimit, RateWindow and DisableRateLimit configure only the default
	// budget and are ignored.
	Budget Budget
	// OutageCooldown is how long every holder of the budget fails fast
	// with an [*APIDisabledError] after AniList answered 403 "API
	// disabled", instead of sending requests to a service that is down.
	// Default: one minute. A negative value turns outage mode off: each
	// such answer is returned as it is.
	OutageCooldown time.Duration

	// MaxRetries bounds the retries after a 5xx answer or a network error.
	// Default: 3. A negative value disables these retries. A retry waits
	// the backoff delay, or the answer's Retry-After if that is longer
	// (AniList may send one with a 503); a wait that would pass the context
	// deadline returns the error at once instead.
	MaxRetries int
	// MaxRateLimitRetries bounds the retries after 429 answers. Default: 8.
	// A negative value makes every 429 an immediate [*RateLimitError].
	MaxRateLimitRetries int
	// RetryMutations also retries mutations after 5xx answers and network
	// errors, where AniList may already have applied them. Mutations are
	// always retried after a 429, which AniList never processed.
	RetryMutations bool
	// RetryBaseDelay is the first backoff delay; each retry doubles it, with
	// jitter. Default: 500ms.
	RetryBaseDelay time.Duration
	// RetryMaxDelay caps the backoff delay. Default: 10s.
	RetryMaxDelay time.Duration

	// MaxComplexity is the query complexity a request may have, as package
	// cost estimates AniList's. Over it the request fails before it is sent
	// with a [*ComplexityError]; AniList's own answer to one over its limit
	// (HTTP 400 "Max query complexity should be 500 but got 525.") is a
	// *ComplexityError too. Default: [cost.Limit], AniList's 500. A negative
	// value turns the estimate off. The first estimate loads the embedded
	// schema (about 6 ms, once per process); each operation text is then
	// parsed once, and scored once unless its cost depends on its variables
	// (BenchmarkComplexity: about 0.1 µs a request after the first).
	MaxComplexity int

	// OnWait, if set, is called before the client waits for a second or
	// more (rate limit, 429 or retry backoff), e.g. to show "rate limited,
	// waiting 12s". It may be called from several goroutines at once and
	// must not block.
	OnWait func(Wait)
	// OnUnknownType, if set, is called for every union item the client had
	// to drop because the generated code does not know its __typename.
	OnUnknownType func(UnknownType)

	// Cache stores query answers for the fetch policies (see [FetchPolicy]);
	// nil (the default) caches nothing and every call asks AniList. With a
	// cache, identical concurrent queries share one request, and every
	// mutation invalidates the cached answers holding one of the entities
	// in its answer.
	Cache Cache
	// Viewer identifies whose answers the client caches: the subject of its
	// token (on AniList the user's id, auth.Token.Subject), never the
	// token. The cache key holds a hash of it, so the answers of different
	// viewers, and public answers, never mix in a shared Cache. A client
	// made with a nil *http.Client is public; any other client cannot tell
	// whether its requests are signed, so NewClient requires Viewer with a
	// Cache: set it to [Public] for a client that sends no token.
	Viewer string
	// CachePolicy is the policy of every query that neither the context
	// ([WithFetchPolicy]) nor CacheOps sets. Default: NetworkOnly.
	CachePolicy FetchPolicy
	// CacheTTL is how long an answer stays fresh, unless CacheOps says
	// otherwise. Default: one minute.
	CacheTTL time.Duration
	// CacheStale is how long after its TTL an answer may still be served
	// stale (NetworkFirst's fallback, CacheOnly, StaleWhileRevalidate).
	// Default: 24 hours.
	CacheStale time.Duration
	// CacheOps sets the policy and TTL per operation name, for example
	// {"GenreCollection": {Policy: CacheFirst, TTL: 24 * time.Hour}}.
	CacheOps map[string]CacheRule
}

// Public is the [Options.Viewer] of a client that sends no token.
const Public = "\x00public"

// Wait describes a pause the client is about to make.
type Wait struct {
	// Op is the GraphQL operation name.
	Op string
	// Reason is why the client waits.
	Reason WaitReason
	// Delay is how long it will wait.
	Delay time.Duration
	// Attempt is the number of the attempt that follows the wait (2 for the
	// first retry).
	Attempt int
}

// WaitReason says why the client waits.
type WaitReason int

// The reasons for a [Wait].
const (
	// WaitPacing is the client's own rate limiter keeping below the limit.
	WaitPacing WaitReason = iota
	// WaitRateLimited is a 429: the client waits for Retry-After or the reset.
	WaitRateLimited
	// WaitRetry is the backoff before retrying a 5xx or network error.
	WaitRetry
)

// String names the reason.
func (r WaitReason) String() string {
	switch r {
	case WaitPacing:
		return "pacing"
	case WaitRateLimited:
		return "rate limited"
	case WaitRetry:
		return "retry"
	}
	return fmt.Sprintf("WaitReason(%d)", int(r))
}

// withDefaults validates o and fills in the defaults.
func (o *Options) withDefaults() (Options, error) {
	var out Options
	if o != nil {
		out = *o
	}
	if out.Endpoint == "" {
		out.Endpoint = DefaultEndpoint
	}
	// The messages never quote the endpoint whole: it may carry a credential.
	u, err := url.Parse(out.Endpoint)
	if err != nil {
		return out, errors.New("anilist: endpoint is not a valid URL")
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return out, fmt.Errorf("anilist: endpoint %q is not an http(s) URL", redactURL(out.Endpoint))
	}
	if out.UserAgent == "" {
		out.UserAgent = DefaultUserAgent
	}
	if out.Referer == "" {
		out.Referer = ModuleURL
	}
	if out.RateLimit < 0 || out.RateWindow < 0 || out.RetryBaseDelay < 0 || out.RetryMaxDelay < 0 {
		return out, errors.New("anilist: rate limits and delays must not be negative")
	}
	setDefault(&out.RateLimit, 80)
	setDefault(&out.RateWindow, time.Minute)
	setDefault(&out.OutageCooldown, time.Minute)
	setDefault(&out.MaxRetries, 3)
	setDefault(&out.MaxRateLimitRetries, 8)
	setDefault(&out.RetryBaseDelay, 500*time.Millisecond)
	setDefault(&out.RetryMaxDelay, 10*time.Second)
	setDefault(&out.MaxComplexity, cost.Limit)
	return out, out.cacheDefaults()
}

// setDefault sets *v to def if it is zero and to zero if it is negative.
func setDefault[T int | time.Duration](v *T, def T) {
	switch {
	case *v == 0:
		*v = def
	case *v < 0:
		*v = 0
	}
}

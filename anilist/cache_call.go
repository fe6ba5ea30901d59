package anilist

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Khan/genqlient/graphql"
	gojson "github.com/goccy/go-json"
	"golang.org/x/sync/singleflight"
)

// refreshTimeout bounds a StaleWhileRevalidate refresh in the background,
// its waits for the rate limiter included.
const refreshTimeout = 30 * time.Second

// maxRejoins bounds how often a call joins a new flight after the one it
// shared ended with its leader's context.
const maxRejoins = 3

// cacheState is the caching side of a Client.
type cacheState struct {
	store   Cache
	keys    *keyer
	index   *indexer
	flights singleflight.Group
	// viewerEntity is the viewer's User entity ("User:<id>"), or "" for
	// a public client.
	viewerEntity string
	// epoch counts the invalidations: an answer fetched while one happened
	// may predate the mutation, so it is not stored.
	epoch   atomic.Uint64
	refresh sync.WaitGroup // background refreshes
	now     func() time.Time
	joined  func() // a test's hook: a call has joined a flight
}

// answer is the outcome of one flight, shared by the calls that joined it:
// a body to decode, or an error that came without one.
type answer struct {
	status int
	body   []byte
	err    error
	// stored is the store's error, if storing the answer failed.
	stored error
	leader *call
	// ctxDone reports that the leader's context had ended.
	ctxDone bool
}

// newCacheState returns the cache of a client, or nil without one.
func newCacheState(o Options, public bool, now func() time.Time) (*cacheState, error) {
	if o.Cache == nil {
		return nil, nil
	}
	viewer := o.Viewer
	if viewer == "" && !public {
		return nil, errors.New("anilist: Options.Cache needs Options.Viewer (the token's subject, or anilist.Public) with a custom *http.Client")
	}
	cs := &cacheState{store: o.Cache, keys: newKeyer(o.Endpoint, viewer), index: newIndexer(), now: now}
	if viewer != "" && viewer != Public {
		cs.viewerEntity = "User:" + viewer
	}
	return cs, nil
}

// cacheDefaults validates and fills in the cache options.
func (o *Options) cacheDefaults() error {
	if o.CacheTTL < 0 || o.CacheStale < 0 {
		return errors.New("anilist: cache durations must not be negative")
	}
	setDefault(&o.CacheTTL, time.Minute)
	setDefault(&o.CacheStale, 24*time.Hour)
	if !o.CachePolicy.valid() {
		return fmt.Errorf("anilist: unknown CachePolicy %v", o.CachePolicy)
	}
	for op, r := range o.CacheOps {
		if r.TTL < 0 || !r.Policy.valid() {
			return fmt.Errorf("anilist: CacheOps[%q]: bad policy or negative TTL", op)
		}
	}
	return nil
}

// valid reports whether p is a known policy or unset.
func (p FetchPolicy) valid() bool { return p >= 0 && p <= StaleWhileRevalidate }

// policy returns the policy of a call of op.
func (c *Client) policy(ctx context.Context, op string) FetchPolicy {
	if p, ok := ctx.Value(policyKey{}).(FetchPolicy); ok && p != 0 {
		return p
	}
	if p := c.opts.CacheOps[op].Policy; p != 0 {
		return p
	}
	if c.opts.CachePolicy != 0 {
		return c.opts.CachePolicy
	}
	return NetworkOnly
}

// ttl returns how long an answer to op stays fresh.
func (c *Client) ttl(op string) time.Duration {
	if d := c.opts.CacheOps[op].TTL; d > 0 {
		return d
	}
	return c.opts.CacheTTL
}

// cached runs call k of req through the cache.
func (c *Client) cached(req *graphql.Request, k *call) error {
	info := cacheInfo(k.ctx)
	if k.mutation {
		if err := k.encode(req); err != nil {
			return err
		}
		return c.mutate(k, req.Query, info)
	}
	p := c.policy(k.ctx, k.op)
	info.Policy = p
	key, err := c.cache.keys.key(req.Query, req.Variables)
	if err != nil {
		return fmt.Errorf("anilist: %s: %w", k.op, err)
	}
	switch p {
	case CacheFirst:
		if e := c.lookup(k.ctx, key, info); e != nil && e.fresh(c.cache.now()) {
			return c.serve(k, key, e, info)
		}
	case CacheOnly:
		if e := c.lookup(k.ctx, key, info); e != nil {
			return c.serve(k, key, e, info)
		}
		return fmt.Errorf("anilist: %s: %w", k.op, ErrCacheMiss)
	case StaleWhileRevalidate:
		if e := c.lookup(k.ctx, key, info); e != nil {
			if !e.fresh(c.cache.now()) {
				c.revalidate(k, req, key)
			}
			return c.serve(k, key, e, info)
		}
	case NetworkFirst:
		err := c.network(k, req, key, info)
		if err == nil || !fallsBack(err) {
			return err
		}
		if e := c.lookup(context.WithoutCancel(k.ctx), key, info); e != nil {
			info.Fallback = err
			resetData(k.resp)
			return c.serve(k, key, e, info)
		}
		return err
	}
	return c.network(k, req, key, info)
}

// fallsBack reports whether NetworkFirst answers err from the cache: the
// network failed, AniList failed (5xx) or is switched off, or the rate
// limit could not be waited out.
func fallsBack(err error) bool {
	var re *ResponseError
	var rq *requestError
	return errors.Is(err, ErrRateLimited) || errors.Is(err, ErrAPIDisabled) ||
		errors.Is(err, context.DeadlineExceeded) || errors.As(err, &rq) ||
		(errors.As(err, &re) && re.StatusCode >= http.StatusInternalServerError)
}

// lookup returns the usable entry stored under key, or nil.
func (c *Client) lookup(ctx context.Context, key string, info *CacheInfo) *CacheEntry {
	e, ok, err := c.cache.store.Get(ctx, key)
	if err != nil {
		info.Err = err
		return nil
	}
	if !ok || e == nil || !e.usable(c.cache.now()) {
		return nil
	}
	return e
}

// serve answers k from e.
func (c *Client) serve(k *call, key string, e *CacheEntry, info *CacheInfo) error {
	now := c.cache.now()
	info.Hit, info.Age, info.Stale = true, max(now.Sub(e.Stored), 0), !e.fresh(now)
	if e.fromMemo(k.resp.Data) {
		return nil
	}
	if err := k.decode(http.StatusOK, e.Body); err != nil || k.drifted {
		return err
	}
	if r, ok := c.cache.store.(reweigher); ok && e.keepMemo(k.resp.Data) {
		r.reweigh(key, e)
	}
	return nil
}

// reweigher is a store that hands out the entries it holds, not copies (the
// MemoryCache): a decoded answer kept on such an entry serves later hits,
// and the store counts it against its bound. Other stores make a new entry
// on each Get, so keeping one there would be wasted.
type reweigher interface {
	reweigh(key string, e *CacheEntry)
}

// network answers k from AniList, sharing one request with the identical
// calls in flight.
func (c *Client) network(k *call, req *graphql.Request, key string, info *CacheInfo) error {
	if err := k.encode(req); err != nil {
		return err
	}
	query := req.Query
	for range maxRejoins {
		ch := c.cache.flights.DoChan(key, func() (any, error) { return c.fetch(k, query, key), nil })
		if c.cache.joined != nil {
			c.cache.joined()
		}
		var a *answer
		select {
		case r := <-ch:
			a = r.Val.(*answer)
			info.Shared, info.Err = r.Shared, a.stored
		case <-k.ctx.Done():
			return k.wrapCtx(context.Cause(k.ctx))
		}
		if a.body != nil {
			return k.decode(a.status, a.body)
		}
		if a.leader == k || !a.ctxDone || k.ctx.Err() != nil {
			return a.err
		}
		// The flight's leader gave up; this call has time left: fly again.
	}
	return k.run()
}

// skipData is the data of a flight's own decode, which only classifies the
// answer: every caller decodes the body into its own value.
type skipData struct{}

func (*skipData) UnmarshalJSON([]byte) error { return nil }

// fetch makes the request of k for a flight and stores a clean answer.
func (c *Client) fetch(k *call, query, key string) *answer {
	epoch := c.cache.epoch.Load()
	f := &call{c: c, ctx: k.ctx, op: k.op, body: k.body, resp: &graphql.Response{Data: new(skipData)}, keep: true}
	err := f.run()
	a := &answer{status: f.status, body: f.kept, err: err, leader: k, ctxDone: k.ctx.Err() != nil}
	if err == nil && f.kept != nil && c.cache.epoch.Load() == epoch {
		a.stored = c.store(k.ctx, k.op, query, key, f.kept, f.sent)
	}
	return a
}

// store caches body, the answer to query sent at sent, under key.
func (c *Client) store(ctx context.Context, op, query, key string, body []byte, sent time.Time) error {
	now := c.cache.now()
	exp := now.Add(c.ttl(op))
	if sent.IsZero() || sent.After(now) {
		sent = now
	}
	e := &CacheEntry{Body: body, Fetched: sent, Stored: now, Expires: exp, StaleUntil: exp.Add(c.opts.CacheStale),
		Entities: c.cache.index.entities(query, body)}
	return c.cache.store.Set(context.WithoutCancel(ctx), key, e)
}

// revalidate refreshes the answer under key in the background, once for
// all the calls that find it stale at the same time.
func (c *Client) revalidate(k *call, req *graphql.Request, key string) {
	bg := &call{c: c, op: k.op}
	if bg.encode(req) != nil {
		return
	}
	query := req.Query
	c.cache.refresh.Add(1)
	go func() {
		defer c.cache.refresh.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(k.ctx), refreshTimeout)
		defer cancel()
		bg.ctx = ctx
		c.cache.flights.Do(key, func() (any, error) { return c.fetch(bg, query, key), nil })
	}()
}

// mutate runs mutation k and invalidates the cached answers that hold one
// of the entities of its answer, or one it deleted, or else the viewer.
func (c *Client) mutate(k *call, query string, info *CacheInfo) error {
	k.keep = true
	err := k.run()
	if k.kept == nil {
		return err
	}
	ents := c.cache.index.entities(query, k.kept)
	if gone := c.cache.index.deleted(query, k.body); len(gone) > 0 {
		ents = slices.Compact(slices.Sorted(slices.Values(append(ents, gone...))))
	}
	if len(ents) == 0 && c.cache.viewerEntity != "" && isAnswer(k.kept) {
		// A mutation that names nothing it changed (DeleteCustomList,
		// UpdateAniChartSettings) changed something of the viewer's: the
		// answers that hold the viewer (lists name it by userId) go.
		ents = []string{c.cache.viewerEntity}
	}
	if len(ents) > 0 {
		c.cache.epoch.Add(1)
		if err := c.cache.store.Invalidate(context.WithoutCancel(k.ctx), ents); err != nil {
			info.Err = err
		}
	}
	return err
}

// isAnswer reports whether body is an answer with data, not only errors.
func isAnswer(body []byte) bool {
	var env struct {
		Data map[string]any `json:"data"`
	}
	return gojson.Unmarshal(body, &env) == nil && len(env.Data) > 0
}

package anilist

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Khan/genqlient/graphql"
)

// fakeClock is a clock whose Sleep returns at once and moves Now forward to
// the end of the sleep (goroutines sleeping to the same instant move it
// once).
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Now().Truncate(time.Second)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) SleepUntil(ctx context.Context, t time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, t.Sub(c.now))
	if t.After(c.now) {
		c.now = t
	}
	return nil
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// newTestClient starts h on a loopback server and returns a client for it
// with a fake clock and short delays. With nil opts pacing is off.
func newTestClient(t *testing.T, h http.HandlerFunc, opts *Options) (*Client, *fakeClock) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	o := Options{DisableRateLimit: true}
	if opts != nil {
		o = *opts
	}
	if o.RetryBaseDelay == 0 {
		o.RetryBaseDelay, o.RetryMaxDelay = time.Millisecond, 4*time.Millisecond
	}
	o.Endpoint = srv.URL + "/graphql"
	c, err := NewClient(srv.Client(), &o)
	if err != nil {
		t.Fatal(err)
	}
	fc := newFakeClock()
	c.clock = fc
	c.lim.clock = fc
	return c, fc
}

// reply writes a JSON body with status and headers (pairs of name, value).
func reply(w http.ResponseWriter, status int, body string, headers ...string) {
	for i := 0; i+1 < len(headers); i += 2 {
		w.Header().Set(headers[i], headers[i+1])
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// counter counts requests to a handler.
type counter struct{ n atomic.Int64 }

func (c *counter) next() int { return int(c.n.Add(1)) }

// mediaData is a small response type, as genqlient would generate it.
type mediaData struct {
	Media *struct {
		ID    int `json:"id"`
		Title *struct {
			Romaji *string `json:"romaji"`
		} `json:"title"`
	} `json:"Media"`
}

// query runs a query through c into a fresh mediaData.
func query(ctx context.Context, c *Client) (*mediaData, error) {
	data := new(mediaData)
	err := c.MakeRequest(ctx, &graphql.Request{
		OpName:    "MediaByID",
		Query:     "query MediaByID($id: Int) { Media(id: $id) { id title { romaji } } }",
		Variables: map[string]any{"id": 1},
	}, &graphql.Response{Data: data})
	return data, err
}

// mutate runs a mutation through c.
func mutate(ctx context.Context, c *Client) error {
	var data json.RawMessage
	return c.MakeRequest(ctx, &graphql.Request{
		OpName: "SaveMediaListEntry",
		Query:  "mutation SaveMediaListEntry($mediaId: Int) { SaveMediaListEntry(mediaId: $mediaId) { id } }",
	}, &graphql.Response{Data: &data})
}

const okBody = `{"data":{"Media":{"id":1,"title":{"romaji":"Cowboy Bebop"}}}}`

// fallbackAnswer is the Answer for status and h with a one-second pause for a
// 429 that says not how long.
func fallbackAnswer(status int, h http.Header, now time.Time) Answer {
	a := NewAnswer(status, h, now)
	a.Fallback = time.Second
	return a
}

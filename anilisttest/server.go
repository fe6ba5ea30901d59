package anilisttest

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/emu/data"
	"github.com/anigql/anigql/internal/emu/exec"
	"github.com/anigql/anigql/internal/emu/limits"
	"github.com/anigql/anigql/internal/emu/oauth"
)

// The demo OAuth application every server registers, and the demo viewer.
const (
	DemoClientID     = "4242"
	DemoClientSecret = "anilisttest-demo-secret"
	DemoUserID       = 1
	DemoUserName     = "DemoUser"
)

// Defaults for the options.
const (
	DefaultRateLimit   = 90
	DefaultRateWindow  = time.Minute
	DefaultBurstWindow = time.Second
)

// Server is an AniList emulator. Set its exported option fields before
// Start (or before the first call to Handler, Transport or Token, which
// freeze them); changing them later panics at the next method call.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:port", with no trailing slash.
	// It is the GraphQL endpoint; OAuth lives under URL+"/api/v2/oauth/".
	URL string
	// Listener, if set before Start, is used instead of 127.0.0.1:0.
	Listener net.Listener
	// Config may be changed before Start; its Handler is replaced.
	Config *http.Server

	// RateLimit is the number of GraphQL requests allowed per RateWindow
	// (default 90 per minute). Over it the server answers 429.
	RateLimit int
	// RateWindow is the rate-limit window (default one minute).
	RateWindow time.Duration
	// RateTimeout is how long a client that went over RateLimit (or Burst)
	// is refused, as AniList's "1-minute timeout": every answer is a 429
	// until it ends, past the window's end, and a fresh window opens after
	// it. The default is RateWindow (one minute by default, as on AniList);
	// tests with short windows can keep it at one window.
	RateTimeout time.Duration
	// Burst, if positive, allows at most Burst GraphQL requests per
	// BurstWindow on top of RateLimit, as AniList's burst limiter (whose
	// size AniList does not document, so it is off by default); going over
	// it starts the RateTimeout.
	Burst int
	// BurstWindow is the burst limiter's window (default one second).
	BurstWindow time.Duration
	// Degraded emulates AniList's degraded mode: a third of RateLimit is
	// allowed while the headers still announce RateLimit.
	Degraded bool
	// FailRate is the fraction of GraphQL requests (0 to 1) answered 500
	// "Internal Server Error.", spread evenly and deterministically: with
	// 0.25 every fourth request fails. Faults queued by FailNext and the
	// like come first. Start panics if it is outside 0 to 1.
	FailRate float64
	// Now is the clock for tokens, rate limits and airing times (default
	// time.Now).
	Now func() time.Time
	// RedirectURI is the demo client's registered redirect URI (default
	// AniList's pin page, served by this server).
	RedirectURI string
	// RequireReferer answers GraphQL requests that carry no Referer header
	// with AniList's 403 "API temporarily disabled" body, as
	// graphql.anilist.co did in 2026, so a test can check a client sends one.
	RequireReferer bool
	// SigningKey is the HS256 key that signs and verifies access tokens. With
	// nil (the default) each server draws a random key, so its tokens are
	// valid only on that server; set the same key on two servers (for
	// example across runs of a program) to make tokens from one valid on the
	// other. It is copied when the options freeze.
	SigningKey []byte
	// MaxComplexity is the query complexity limit. A request that costs more,
	// as package cost computes AniList's complexity with the request's
	// variables, is answered as AniList does: HTTP 400
	// {"errors":[{"message":"Max query complexity should be 500 but got 525.","status":400}],"data":null}.
	// A nesting AniList answers with HTTP 500 (such as
	// Staff.characters.edges.node.media.edges.node, AniList/docs#132) is
	// answered the same way. NewUnstartedServer sets it to
	// [DefaultMaxComplexity]; 0 turns both off.
	MaxComplexity int

	mu      sync.Mutex
	serving sync.WaitGroup // the Serve goroutine and every open connection
	started bool
	frozen  options
	clock   func() time.Time // Now, frozen
	handler http.Handler
	client  *http.Client
	tokens  tokenCache
	own     map[string]exec.Resolver // the emulator's resolvers a test overrode
	store   *data.Store
	exec    *exec.Executor
	oauth   *oauth.Server
	limiter *limits.Limiter
	faults  limits.Faults
}

// options is the snapshot of the option fields taken when the server froze.
type options struct {
	rateLimit      int
	rateWindow     time.Duration
	rateTimeout    time.Duration
	burst          int
	burstWindow    time.Duration
	degraded       bool
	failRate       float64
	redirectURI    string
	requireReferer bool
	signingKey     string
	maxComplexity  int
	now            uintptr // the code pointer of Now, to notice a change
}

// NewServer starts and returns a new server on 127.0.0.1. The caller should
// call Close when finished.
func NewServer() *Server {
	s := NewUnstartedServer()
	s.Start()
	return s
}

// NewUnstartedServer returns a server with its dataset loaded but not
// started. Set options, then call Start (or use Handler in-process).
func NewUnstartedServer() *Server {
	schema, err := anigql.LoadSchema()
	if err != nil {
		panic("anilisttest: loading the embedded schema: " + err.Error())
	}
	st := data.New(schema, 1)
	s := &Server{
		Config:        &http.Server{ReadHeaderTimeout: 10 * time.Second},
		MaxComplexity: DefaultMaxComplexity,
		store:         st,
		exec: &exec.Executor{Schema: schema, Resolvers: data.Resolvers(st, schema), Lock: st.Lock,
			Refused: data.RefusedSet(schema)},
	}
	s.oauth = s.newOAuth(nil)
	return s
}

// newOAuth returns the OAuth side, signing with key (nil: a random key).
func (s *Server) newOAuth(key []byte) *oauth.Server {
	o, err := oauth.New(oauth.Config{User: oauth.User{ID: DemoUserID, Name: DemoUserName}, Now: s.now, Key: key})
	if err != nil {
		panic("anilisttest: " + err.Error())
	}
	return o
}

// Start starts the server on Listener, or on 127.0.0.1:0.
func (s *Server) Start() {
	if s.URL != "" {
		panic("anilisttest: Server already started")
	}
	if s.Listener == nil {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(fmt.Sprintf("anilisttest: failed to listen on a port: %v", err))
		}
		s.Listener = l
	}
	s.URL = "http://" + s.Listener.Addr().String()
	s.Config.Handler = s.Handler()
	s.trackConns()
	s.serving.Add(1)
	go func() {
		defer s.serving.Done()
		_ = s.Config.Serve(s.Listener)
	}()
}

// trackConns counts open connections in s.serving, so Close can wait for
// their handlers. net/http reports StateNew from the Serve goroutine before
// the connection's own goroutine starts, so the count never drops to zero
// while Serve runs.
func (s *Server) trackConns() {
	prev := s.Config.ConnState
	s.Config.ConnState = func(c net.Conn, st http.ConnState) {
		switch st {
		case http.StateNew:
			s.serving.Add(1)
		case http.StateClosed, http.StateHijacked:
			s.serving.Done()
		}
		if prev != nil {
			prev(c, st)
		}
	}
}

// StartAt starts the server listening on addr (for example
// "127.0.0.1:8080"), for serving the emulator standalone.
func (s *Server) StartAt(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("anilisttest: listen on %s: %w", addr, err)
	}
	s.Listener = l
	s.Start()
	return nil
}

// Close shuts the server down: the listener and every open connection are
// closed, as are the idle connections of [Server.Client], and Close waits
// until every request in flight has returned (a stalled one is cut off). It
// may be called more than once, and on a server that was never started.
// Having shut down, it panics if an option changed after Start, so that a
// test which only sent requests after the change still learns of it.
func (s *Server) Close() {
	if s.Config != nil {
		_ = s.Config.Close()
	}
	s.serving.Wait()
	s.Client().CloseIdleConnections()
	s.check()
}

// Client returns the *http.Client for the server (the same one each time):
// a plain client with its own transport and a 30 s timeout, carrying no
// credentials.
func (s *Server) Client() *http.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client == nil {
		s.client = &http.Client{Timeout: 30 * time.Second, Transport: http.DefaultTransport.(*http.Transport).Clone()}
	}
	return s.client
}

// Handler returns the whole emulator (GraphQL at "/", OAuth under
// "/api/v2/oauth/") as an http.Handler, for use in-process without a
// listener. The first call freezes the options; later calls panic if they
// changed.
func (s *Server) Handler() http.Handler {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.handler == nil {
		s.freeze()
	}
	s.checkLocked()
	return s.handler
}

package anilisttest

import (
	"fmt"
	"net/http"
	"reflect"
	"time"

	"github.com/anigql/anigql/internal/emu/oauth"
)

// now is the server's clock: Now as it was when the options froze, so a
// later assignment to the field cannot race with requests.
func (s *Server) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

// snapshot reads the option fields.
func (s *Server) snapshot() options {
	var now uintptr
	if s.Now != nil {
		now = reflect.ValueOf(s.Now).Pointer()
	}
	return options{rateLimit: s.RateLimit, rateWindow: s.RateWindow, rateTimeout: s.RateTimeout,
		burst: s.Burst, burstWindow: s.BurstWindow, degraded: s.Degraded, failRate: s.FailRate,
		redirectURI: s.RedirectURI, requireReferer: s.RequireReferer,
		signingKey: string(s.SigningKey), maxComplexity: s.MaxComplexity, now: now}
}

// freeze applies defaults, builds the handler and remembers the options.
// s.mu is held.
func (s *Server) freeze() {
	if s.RateLimit <= 0 {
		s.RateLimit = DefaultRateLimit
	}
	if s.RateWindow <= 0 {
		s.RateWindow = DefaultRateWindow
	}
	if s.RateTimeout <= 0 {
		s.RateTimeout = s.RateWindow
	}
	if s.Burst > 0 && s.BurstWindow <= 0 {
		s.BurstWindow = DefaultBurstWindow
	}
	if !(s.FailRate >= 0 && s.FailRate <= 1) {
		panic(fmt.Sprintf("anilisttest: FailRate %v is not between 0 and 1", s.FailRate))
	}
	if s.RedirectURI == "" {
		s.RedirectURI = oauth.AniListPinURL
	}
	s.frozen = s.snapshot()
	s.started = true
	s.clock = s.Now
	if s.clock == nil {
		s.clock = time.Now
	}
	if len(s.SigningKey) > 0 {
		s.oauth = s.newOAuth(s.SigningKey)
	}
	s.store.Now = s.now
	s.store.Rebase(s.now())
	if err := s.oauth.RegisterClient(oauth.Client{ID: DemoClientID, Secret: DemoClientSecret,
		RedirectURI: s.RedirectURI, Name: "anilisttest demo"}); err != nil {
		panic("anilisttest: RedirectURI: " + err.Error())
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v2/oauth/", s.oauth)
	mux.Handle("/", withPage(s.wrapLimits(http.HandlerFunc(s.serveGraphQL))))
	s.handler = mux
}

// check panics if an option changed after the server froze.
func (s *Server) check() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checkLocked()
}

// checkLocked is check with s.mu held.
func (s *Server) checkLocked() {
	if s.started && s.snapshot() != s.frozen {
		panic("anilisttest: Server options (RateLimit, RateWindow, RateTimeout, Burst, BurstWindow, Degraded, FailRate, Now, RedirectURI, RequireReferer, SigningKey, MaxComplexity) changed after Start")
	}
}

// Token returns a valid bearer token for userID, as the OAuth flow would
// issue. It freezes the options, so the token is signed with SigningKey. It
// panics if userID is not positive.
func (s *Server) Token(userID int) string {
	s.Handler()
	tok, err := s.oauth.IssueToken(userID)
	if err != nil {
		panic("anilisttest: " + err.Error())
	}
	return tok
}

// ViewerToken returns a token for the demo viewer, [DemoUserID].
func (s *Server) ViewerToken() string {
	return s.Token(DemoUserID)
}

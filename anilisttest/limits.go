package anilisttest

import (
	"net/http"
	"time"

	"github.com/anigql/anigql/internal/emu/limits"
)

// wrapLimits builds the limiter from the frozen options and puts it
// outermost, so injected faults still carry AniList's rate-limit headers.
func (s *Server) wrapLimits(h http.Handler) http.Handler {
	s.limiter = &limits.Limiter{Limit: s.RateLimit, Window: s.RateWindow, Timeout: s.RateTimeout,
		Burst: s.Burst, BurstWindow: s.BurstWindow, Now: s.now}
	s.limiter.SetDegraded(s.Degraded)
	s.faults.FailRate = s.FailRate
	if s.RequireReferer {
		h = refererRequired(h)
	}
	return s.limiter.Wrap(s.faults.Wrap(h))
}

// refererRequired answers requests without a Referer as AniList did in 2026.
func refererRequired(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Referer") == "" {
			writeJSON(w, http.StatusForbidden, []byte(limits.APIDisabledBody))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// FailNext makes the next n GraphQL requests fail with status (500, 502,
// 503, …) and an AniList-shaped error body. It panics if status is not 4xx
// or 5xx.
func (s *Server) FailNext(n, status int) {
	s.check()
	s.faults.FailNext(n, status)
}

// DisableAPI makes the next n GraphQL requests answer AniList's 403 "The
// AniList API has been temporarily disabled…" body.
func (s *Server) DisableAPI(n int) {
	s.check()
	s.faults.DisableAPI(n)
}

// SetAPIDisabled switches the GraphQL API off at run time, every request
// answering AniList's 403 "The AniList API has been temporarily
// disabled…" body until it is switched on again, as during AniList's
// outages.
func (s *Server) SetAPIDisabled(on bool) {
	s.Handler()
	s.faults.SetDisabled(on)
}

// StallNext holds each of the next n GraphQL answers for d, or until the
// client gives up.
func (s *Server) StallNext(n int, d time.Duration) {
	s.check()
	s.faults.StallNext(n, d)
}

// MalformBodyNext makes the next n GraphQL requests answer 200 with a
// truncated JSON body.
func (s *Server) MalformBodyNext(n int) {
	s.check()
	s.faults.MalformBodyNext(n)
}

// SetDegraded switches AniList's degraded mode at run time: a third of
// RateLimit is allowed while the headers still announce RateLimit.
func (s *Server) SetDegraded(on bool) { s.limit().SetDegraded(on) }

// ResetRateLimit forgets every client's rate-limit window.
func (s *Server) ResetRateLimit() { s.limit().Reset() }

// limit returns the limiter, freezing the options if needed.
func (s *Server) limit() *limits.Limiter {
	s.Handler()
	return s.limiter
}

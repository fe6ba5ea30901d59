package limits

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Defaults of a zero [Limiter], as on anilist.co.
const (
	DefaultLimit  = 90
	DefaultWindow = time.Minute
)

// Limiter is a rate limiter per client key with AniList's headers, in the
// manner of Laravel's throttle middleware that AniList runs: a client's
// window opens at its first request (truncated to the second) and lasts
// Window; the requests it allows are counted, refused ones are not.
//
// Going over the limit starts a timeout, as on anilist.co ("a 1-minute
// timeout"): for Timeout from the refused request every answer is refused,
// and the client's next window opens when the timeout ends. A zero Timeout
// refuses only until the window ends (a plain fixed window). On top, Burst,
// if positive, allows at most Burst requests per BurstWindow (AniList has
// such a burst limiter, of undocumented size); going over it starts the
// same timeout.
//
// Every answer carries X-RateLimit-Limit and X-RateLimit-Remaining. Over the
// limit the answer is 429 with [TooManyRequestsBody], X-RateLimit-Remaining 0,
// Retry-After (whole seconds until the refusal ends, at least 1) and
// X-RateLimit-Reset (its end in Unix seconds). Ends fall on whole seconds,
// so Reset = floor(now) + Retry-After holds exactly.
//
// Set the fields before the first request; the zero value is ready to use.
// A Limiter is safe for concurrent use, and with an injected clock it is
// deterministic.
type Limiter struct {
	Limit  int                        // requests per window, as the headers say; 0 means 90
	Window time.Duration              // rounded up to whole seconds; 0 means one minute
	Now    func() time.Time           // clock; nil means time.Now
	Key    func(*http.Request) string // client key; nil means the remote IP
	// Timeout is how long a client that went over is refused, rounded up
	// to whole seconds; 0 means until its window ends.
	Timeout time.Duration
	// Burst, if positive, is the most requests allowed per BurstWindow.
	Burst int
	// BurstWindow is the burst limiter's window, rounded up to whole
	// seconds; 0 means one second.
	BurstWindow time.Duration

	mu       sync.Mutex
	degraded bool
	windows  map[string]*window
}

// window counts one client's allowed requests until end.
type window struct {
	end        time.Time
	count      int
	burstEnd   time.Time
	burstCount int
	blocked    bool // in a timeout, which ends at end
}

// Decision is the limiter's verdict on one request.
type Decision struct {
	Allowed    bool
	Limit      int       // X-RateLimit-Limit
	Remaining  int       // X-RateLimit-Remaining
	Reset      time.Time // end of the window or of the timeout (whole seconds)
	RetryAfter int       // seconds until Reset, rounded up; set when refused
}

// SetDegraded switches degraded mode, in which the headers still show Limit
// but only Limit/3 requests per window are allowed (AniList's 30 of 90: a
// client is throttled once X-RateLimit-Remaining reaches 60).
func (l *Limiter) SetDegraded(on bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.degraded = on
}

// Reset forgets every client's window and timeout.
func (l *Limiter) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.windows = nil
}

// Take counts one request from key if the limits allow it.
func (l *Limiter) Take(key string) Decision {
	now := l.now()
	limit, span := l.Limit, l.Window
	if limit <= 0 {
		limit = DefaultLimit
	}
	if span <= 0 {
		span = DefaultWindow
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.window(key, now, span)
	allowed := limit
	if l.degraded {
		allowed = max(limit/3, 1)
	}
	if !w.blocked && l.Burst > 0 && !now.Before(w.burstEnd) {
		w.burstEnd, w.burstCount = after(now, l.BurstWindow, time.Second), 0
	}
	if !w.blocked && (w.count >= allowed || (l.Burst > 0 && w.burstCount >= l.Burst)) && l.Timeout > 0 {
		w.blocked, w.end = true, after(now, l.Timeout, 0)
	}
	d := Decision{Limit: limit, Reset: w.end}
	if w.blocked || w.count >= allowed || (l.Burst > 0 && w.burstCount >= l.Burst) {
		if !w.blocked && w.count < allowed { // over the burst only, without a timeout
			d.Reset = w.burstEnd
		}
		// now < d.Reset, so this is at least 1.
		d.RetryAfter = int((d.Reset.Sub(now) + time.Second - 1) / time.Second)
		return d
	}
	w.count++
	w.burstCount++
	d.Allowed, d.Remaining = true, max(limit-w.count, 0)
	return d
}

// after is floor(now) plus span rounded up to whole seconds (def if span
// is not positive).
func after(now time.Time, span, def time.Duration) time.Time {
	if span <= 0 {
		span = def
	}
	span = (span + time.Second - 1).Truncate(time.Second)
	return now.Truncate(time.Second).Add(span)
}

// window returns key's current window, opening a new one if it (or the
// timeout) has ended. The caller holds l.mu.
func (l *Limiter) window(key string, now time.Time, span time.Duration) *window {
	if w := l.windows[key]; w != nil && now.Before(w.end) {
		return w
	}
	if l.windows == nil {
		l.windows = make(map[string]*window)
	}
	if len(l.windows) >= 1024 {
		for k, w := range l.windows {
			if !now.Before(w.end) {
				delete(l.windows, k)
			}
		}
	}
	w := &window{end: after(now, span, 0)}
	l.windows[key] = w
	return w
}

// Wrap limits the requests that reach next.
func (l *Limiter) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		d := l.Take(l.key(r))
		h := rw.Header()
		h.Set(HeaderLimit, strconv.Itoa(d.Limit))
		h.Set(HeaderRemaining, strconv.Itoa(d.Remaining))
		if !d.Allowed {
			h.Set(HeaderRetryAfter, strconv.Itoa(d.RetryAfter))
			h.Set(HeaderReset, strconv.FormatInt(d.Reset.Unix(), 10))
			writeJSON(rw, http.StatusTooManyRequests, TooManyRequestsBody)
			return
		}
		next.ServeHTTP(rw, r)
	})
}

// now reads the clock.
func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// key returns the client key of r.
func (l *Limiter) key(r *http.Request) string {
	if l.Key != nil {
		return l.Key(r)
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

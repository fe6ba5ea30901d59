package limits

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// kind is what an injected fault does.
type kind int

const (
	kindFail    kind = iota // an error status with ErrorBody
	kindDisable             // 403 with APIDisabledBody
	kindStall               // hold the answer, then serve it
	kindMalform             // 200 with the answer's JSON cut short
)

// fault is one queued fault.
type fault struct {
	kind   kind
	status int
	stall  time.Duration
}

// Faults is a queue of injected faults: each request that passes through
// [Faults.Wrap] takes the oldest queued fault, if any, and suffers it; with an
// empty queue requests pass untouched. The zero value is an empty queue, and
// a Faults is safe for concurrent use: every queued fault hits exactly one
// request.
type Faults struct {
	// FailRate is the fraction of requests (0 to 1) that fail with 500, on
	// top of the queue, spread evenly and deterministically: request n
	// fails when floor(n×FailRate) grows, so 0.25 fails every fourth. Set
	// it before the first request.
	FailRate float64

	mu       sync.Mutex
	queue    []fault
	served   int  // requests seen, for FailRate
	disabled bool // every request gets APIDisabledBody
	// after replaces time.NewTimer in tests; nil means a real timer.
	after func(time.Duration) <-chan time.Time
}

// FailNext makes the next n requests fail with status (such as 500, 502 or
// 503) and an AniList-shaped JSON error body, see [ErrorBody]. It panics if
// status is not a 4xx or 5xx code.
func (f *Faults) FailNext(n, status int) {
	if status < 400 || status > 599 {
		panic(fmt.Sprintf("limits: FailNext: status %d is not an error status", status))
	}
	f.push(n, fault{kind: kindFail, status: status})
}

// DisableAPI makes the next n requests get AniList's 403 "API temporarily
// disabled" answer, [APIDisabledBody].
func (f *Faults) DisableAPI(n int) { f.push(n, fault{kind: kindDisable}) }

// StallNext holds each of the next n answers for d, or until the request's
// context ends (then nothing is answered), before serving it normally.
func (f *Faults) StallNext(n int, d time.Duration) { f.push(n, fault{kind: kindStall, stall: d}) }

// MalformBodyNext makes the next n requests answer 200 with the first half of
// the real answer's body, which is not valid JSON.
func (f *Faults) MalformBodyNext(n int) { f.push(n, fault{kind: kindMalform}) }

// SetDisabled switches the API off (every request gets AniList's 403 "API
// temporarily disabled" answer) or back on.
func (f *Faults) SetDisabled(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.disabled = on
}

// Pending reports how many queued faults have not hit a request yet.
func (f *Faults) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.queue)
}

// Clear drops every queued fault.
func (f *Faults) Clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queue = nil
}

// push queues n copies of ft; n ≤ 0 queues nothing.
func (f *Faults) push(n int, ft fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.queue = append(f.queue, ft)
	}
}

// pop takes the oldest queued fault, else the fault the switches make.
func (f *Faults) pop() (fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.served++
	if f.disabled {
		return fault{kind: kindDisable}, true
	}
	if len(f.queue) == 0 {
		if rate := min(max(f.FailRate, 0), 1); int(float64(f.served)*rate) > int(float64(f.served-1)*rate) {
			return fault{kind: kindFail, status: http.StatusInternalServerError}, true
		}
		return fault{}, false
	}
	ft := f.queue[0]
	f.queue = f.queue[1:]
	return ft, true
}

// Wrap applies the queued faults, one per request, in front of next.
func (f *Faults) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ft, ok := f.pop()
		switch {
		case !ok:
			next.ServeHTTP(w, r)
		case ft.kind == kindFail:
			writeJSON(w, ft.status, ErrorBody(ft.status))
		case ft.kind == kindDisable:
			writeJSON(w, http.StatusForbidden, APIDisabledBody)
		case ft.kind == kindStall:
			bufferBody(r)
			if f.wait(r.Context(), ft.stall) {
				next.ServeHTTP(w, r)
			}
		case ft.kind == kindMalform:
			serveTruncated(w, r, next)
		}
	})
}

// maxBuffered bounds how much of a stalled request's body is read ahead.
const maxBuffered = 1 << 20

// bufferBody reads r's body ahead into memory (up to maxBuffered; the rest
// stays unread). net/http watches a connection for the client going away,
// and so cancels the request's context, only once the handler has read the
// body to its end: a stall that left the body unread would outlive both a
// client that gave up and Server.Close.
func bufferBody(r *http.Request) {
	if r.Body == nil || r.Body == http.NoBody {
		return
	}
	head, err := io.ReadAll(io.LimitReader(r.Body, maxBuffered))
	rest := io.Reader(r.Body)
	if err != nil {
		rest = errReader{err}
	}
	r.Body = readCloser{io.MultiReader(bytes.NewReader(head), rest), r.Body}
}

// readCloser reads from Reader and closes Closer.
type readCloser struct {
	io.Reader
	io.Closer
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// wait sleeps for d; it reports false if ctx ended first.
func (f *Faults) wait(ctx context.Context, d time.Duration) bool {
	var c <-chan time.Time
	if f.after != nil {
		c = f.after(d)
	} else {
		t := time.NewTimer(d)
		defer t.Stop()
		c = t.C
	}
	select {
	case <-c:
		return true
	case <-ctx.Done():
		return false
	}
}

// serveTruncated runs next into a buffer and answers 200 with the first half
// of its body, or a cut-off object if that half would still be valid JSON.
func serveTruncated(w http.ResponseWriter, r *http.Request, next http.Handler) {
	rec := &recorder{header: make(http.Header)}
	next.ServeHTTP(rec, r)
	body := rec.body.Bytes()
	body = body[:len(body)/2]
	if len(body) == 0 || json.Valid(body) {
		body = []byte(`{"data":{`)
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// recorder is a minimal buffering http.ResponseWriter.
type recorder struct {
	header http.Header
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(int)             {}
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

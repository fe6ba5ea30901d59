package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// call is the one genuine callback (its state matched) handed from the
// receiver to Login, which answers on reply.
type call struct {
	res   PinResult
	err   error // a *CallbackError, or a callback that could not be read
	reply chan error
}

// receiver is the loopback HTTP handler. It checks the state of every
// callback itself: a callback without the request's state is answered 400
// and does not reach Login, so a page that guesses the port can neither
// inject its own code nor end the user's login; after MaxBadCallbacks of
// them the receiver gives up (giveUp). The first callback with the right
// state goes to Login; later ones get 409 ErrCallbackUsed.
type receiver struct {
	req  *AuthRequest
	path string
	host string // the only Host header accepted, e.g. "127.0.0.1:8080"

	ctx   context.Context // done when Login stops waiting
	calls chan call
	used  atomic.Bool

	bad     atomic.Int32
	giveUp  chan *StateError // receives once, after MaxBadCallbacks bad callbacks
	maxLen  int64
	onceBad sync.Once
}

func newReceiver(ctx context.Context, req *AuthRequest, path, host string) *receiver {
	return &receiver{req: req, path: path, host: host, ctx: ctx, calls: make(chan call, 1),
		giveUp: make(chan *StateError, 1), maxLen: 2 * maxTokenLen}
}

// relayHeader must be on the fragment relay's POST: a custom header forces a
// CORS preflight on any cross-origin POST, which this server never allows.
const relayHeader = "X-Anigql-Relay"

// sameHost reports whether hostport, a Host header or the host of an
// Origin, names the receiver; browsers leave out the default port 80.
func (rv *receiver) sameHost(hostport string) bool {
	if strings.EqualFold(hostport, rv.host) {
		return true
	}
	host, port, _ := net.SplitHostPort(rv.host)
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return port == "80" && strings.EqualFold(hostport, host)
}

// sameOrigin reports whether origin, an Origin header, is the receiver's
// own. Browsers send Origin on every fetch POST, so a missing one fails.
func (rv *receiver) sameOrigin(origin string) bool {
	host, ok := strings.CutPrefix(origin, "http://")
	return ok && rv.sameHost(host)
}

func (rv *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case !rv.sameHost(r.Host):
		writePage(w, http.StatusMisdirectedRequest, failPage("This login helper only answers at http://"+rv.host+"/."))
	case r.URL.EscapedPath() != rv.path:
		writePage(w, http.StatusNotFound, failPage("Not found."))
	case int64(len(r.URL.RawQuery)) > rv.maxLen:
		writePage(w, http.StatusRequestURITooLong, failPage("This address is too long to be a login callback."))
	case r.Method == http.MethodGet:
		rv.serveGet(w, r)
	case r.Method == http.MethodHead: // never consumes the callback
		writePage(w, http.StatusOK, page{Title: "anigql login"})
	case r.Method == http.MethodPost:
		rv.servePost(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		writePage(w, http.StatusMethodNotAllowed, failPage("Method not allowed."))
	}
}

func (rv *receiver) serveGet(w http.ResponseWriter, r *http.Request) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	implicit := rv.req.Grant == GrantImplicit
	switch {
	case err != nil:
		writePage(w, http.StatusBadRequest, failPage("Malformed callback query."))
	case q.Has("access_token"):
		// A token is only taken from the fragment, through the relay POST
		// that a cross-site page cannot send; never from a plain GET.
		status, msg := rv.reject(errors.New("auth: a token in the query is never accepted"))
		writePage(w, status, failPage(msg))
	case implicit && q.Has("code"):
		status, msg := rv.reject(errors.New("auth: the implicit grant expects a token, not a code"))
		writePage(w, status, failPage(msg))
	case implicit && !q.Has("error"):
		writeRelayPage(w)
	case isCallback(q):
		status, msg := rv.receive(r, q)
		writePage(w, status, resultPage(status, msg))
	default:
		writePage(w, http.StatusBadRequest, failPage("No authorization code in this address. Start the login again from the program."))
	}
}

// servePost receives the fragment the relay page's script posts.
func (rv *receiver) servePost(w http.ResponseWriter, r *http.Request) {
	if rv.req.Grant != GrantImplicit || r.Header.Get(relayHeader) != "1" || !rv.sameOrigin(r.Header.Get("Origin")) {
		writeText(w, http.StatusForbidden, "Forbidden.")
		return
	}
	body, err := rv.readBody(w, r)
	if err != nil {
		if rv.ctx.Err() != nil {
			writeText(w, http.StatusServiceUnavailable, "The login is over.")
			return
		}
		writeText(w, http.StatusRequestEntityTooLarge, "The fragment is too long.")
		return
	}
	v, err := url.ParseQuery(string(body))
	if err != nil {
		writeText(w, http.StatusBadRequest, "Malformed URL fragment.")
		return
	}
	status, msg := rv.receive(r, v)
	writeText(w, status, msg)
}

// readBody reads at most maxLen bytes of the request body, and gives up as
// soon as Login stops waiting, so that a client holding a body open cannot
// delay Login's return.
func (rv *receiver) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	rc := http.NewResponseController(w)
	stop := context.AfterFunc(rv.ctx, func() { rc.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	return io.ReadAll(http.MaxBytesReader(w, r.Body, rv.maxLen))
}

// receive checks the state of the callback v and hands a genuine one to
// Login. It returns the HTTP status and the message for the user.
func (rv *receiver) receive(r *http.Request, v url.Values) (int, string) {
	res, err := rv.req.Callback(v)
	var se *StateError
	if errors.As(err, &se) {
		return rv.reject(err)
	}
	if !rv.used.CompareAndSwap(false, true) {
		return http.StatusConflict, capitalize(ErrCallbackUsed)
	}
	c := call{res: res, err: err, reply: make(chan error, 1)}
	rv.calls <- c // buffered, and only the first genuine callback gets here
	return await(c.reply, rv.ctx.Done(), r.Context().Done())
}

// reject counts a forged or mangled callback and answers it 400; the
// MaxBadCallbacks-th makes Login give up.
func (rv *receiver) reject(err error) (int, string) {
	if n := rv.bad.Add(1); n >= MaxBadCallbacks {
		rv.onceBad.Do(func() { rv.giveUp <- &StateError{Rejected: int(n)} })
	}
	return http.StatusBadRequest, capitalize(err)
}

// await waits for Login's verdict on a callback, or for Login (done) or the
// request (gone) to end first.
func await(reply <-chan error, done, gone <-chan struct{}) (int, string) {
	select {
	case err := <-reply:
		return verdict(err)
	case <-done:
		// Login sends its verdict before it stops; when both are ready,
		// select picks either, so look for the verdict first.
		select {
		case err := <-reply:
			return verdict(err)
		default:
			return http.StatusServiceUnavailable, "The login was cancelled or timed out."
		}
	case <-gone:
		return http.StatusServiceUnavailable, "The request was cancelled."
	}
}

// verdict turns Login's answer to a callback into a status and a message.
func verdict(err error) (int, string) {
	if err != nil {
		return http.StatusBadRequest, capitalize(err)
	}
	return http.StatusOK, "Logged in. You can close this window and return to the program."
}

// capitalize turns "auth: some error" into "Some error." for a page.
func capitalize(err error) string {
	s := strings.TrimPrefix(err.Error(), "auth: ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

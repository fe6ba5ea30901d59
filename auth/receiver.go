package auth

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// loopback is a parsed loopback redirect URI.
type loopback struct {
	host string // "127.0.0.1" or "localhost", as written in the redirect URI
	port string // "0" asks for a free port
	path string
	url  *url.URL
}

// parseLoopback reports whether redirect is a loopback http URL this package
// can receive, and an error for one it cannot (IPv6, https, a query).
func parseLoopback(redirect string) (loopback, bool, error) {
	u, err := url.Parse(redirect)
	if err != nil || u.Scheme != "http" {
		return loopback{}, false, nil
	}
	host := strings.ToLower(u.Hostname())
	switch host {
	case "127.0.0.1", "localhost":
	case "::1", "[::1]":
		return loopback{}, false, errors.New("auth: the loopback receiver binds 127.0.0.1 only; use http://127.0.0.1:port/ as redirect URL")
	default:
		return loopback{}, false, nil
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return loopback{}, false, errors.New("auth: a loopback redirect URL must not have a query, fragment or user")
	}
	lb := loopback{host: host, port: u.Port(), path: u.EscapedPath(), url: u}
	if lb.port == "" {
		lb.port = "80"
	}
	if lb.path == "" {
		lb.path = "/"
	}
	return lb, true, nil
}

// listen binds 127.0.0.1 on the redirect's port and returns the listener
// and the redirect URI to send, which names the port actually bound.
func (lb loopback) listen() (net.Listener, string, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", lb.port))
	if err != nil {
		return nil, "", fmt.Errorf("auth: starting the login receiver: %w", err)
	}
	u := *lb.url
	if lb.port == "0" {
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		u.Host = net.JoinHostPort(lb.host, port)
	}
	return ln, u.String(), nil
}

// call is one callback handed from the receiver to Login, which answers on
// reply.
type call struct {
	params url.Values
	err    error // the callback could not be parsed
	reply  chan error
}

// receiver is the loopback HTTP handler. It hands exactly one callback to
// Login and answers every later one with ErrCallbackUsed.
type receiver struct {
	grant  Grant
	path   string
	host   string // the only Host header accepted, e.g. "127.0.0.1:8080"
	calls  chan call
	done   chan struct{} // closed when Login stops waiting
	used   atomic.Bool
	maxLen int64
}

func newReceiver(g Grant, path, host string) *receiver {
	return &receiver{grant: g, path: path, host: host, calls: make(chan call, 1),
		done: make(chan struct{}), maxLen: 2 * maxTokenLen}
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
	return port == "80" && strings.EqualFold(hostport, host)
}

// sameOrigin reports whether origin, an Origin header, is the receiver's
// own or absent.
func (rv *receiver) sameOrigin(origin string) bool {
	host, ok := strings.CutPrefix(origin, "http://")
	return origin == "" || ok && rv.sameHost(host)
}

func (rv *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !rv.sameHost(r.Host) {
		writePage(w, http.StatusMisdirectedRequest, failPage("This login helper only answers at http://"+rv.host+"/."))
		return
	}
	if r.URL.EscapedPath() != rv.path {
		writePage(w, http.StatusNotFound, failPage("Not found."))
		return
	}
	switch r.Method {
	case http.MethodGet:
		rv.serveGet(w, r)
	case http.MethodHead: // never consumes the callback
		writePage(w, http.StatusOK, page{Title: "anigql login"})
	case http.MethodPost:
		rv.servePost(w, r)
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		writePage(w, http.StatusMethodNotAllowed, failPage("Method not allowed."))
	}
}

func (rv *receiver) serveGet(w http.ResponseWriter, r *http.Request) {
	q, err := url.ParseQuery(r.URL.RawQuery)
	switch {
	case err != nil || isCallback(q):
		status, msg := rv.deliver(r, call{params: q, err: queryError(err)})
		writePage(w, status, resultPage(status, msg))
	case rv.grant == GrantImplicit:
		writeRelayPage(w)
	default:
		writePage(w, http.StatusBadRequest, failPage("No authorization code in this address. Start the login again from the program."))
	}
}

func queryError(err error) error {
	if err != nil {
		return errors.New("auth: malformed callback query")
	}
	return nil
}

// servePost receives the fragment the relay page's script posts.
func (rv *receiver) servePost(w http.ResponseWriter, r *http.Request) {
	if rv.grant != GrantImplicit || r.Header.Get(relayHeader) != "1" || !rv.sameOrigin(r.Header.Get("Origin")) {
		writeText(w, http.StatusForbidden, "Forbidden.")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rv.maxLen))
	if err != nil {
		writeText(w, http.StatusRequestEntityTooLarge, "The fragment is too long.")
		return
	}
	v, err := url.ParseQuery(string(body))
	c := call{params: v}
	if err != nil {
		c.err = errors.New("auth: malformed URL fragment")
	} else if len(v) == 0 {
		c.err = errors.New("auth: the redirect carries no token in its fragment")
	}
	status, msg := rv.deliver(r, c)
	writeText(w, status, msg)
}

// deliver hands c to Login if it is the first callback and waits for the
// verdict. It returns the HTTP status and the message for the user.
func (rv *receiver) deliver(r *http.Request, c call) (int, string) {
	if !rv.used.CompareAndSwap(false, true) {
		return http.StatusConflict, capitalize(ErrCallbackUsed)
	}
	c.reply = make(chan error, 1)
	rv.calls <- c // buffered, and only the first callback gets here
	return await(c.reply, rv.done, r.Context().Done())
}

// await waits for Login's verdict on a callback, or for Login (done) or the
// request (gone) to end first.
func await(reply <-chan error, done, gone <-chan struct{}) (int, string) {
	select {
	case err := <-reply:
		return verdict(err)
	case <-done:
		// Login sends its verdict before it closes done; when both are
		// ready, select picks either, so look for the verdict first.
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

package auth

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// receiverGoroutines returns the stacks of goroutines that run the loopback
// receiver's server or one of its handlers.
func receiverGoroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var found []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "anigql/auth.(*receiver)") || strings.Contains(g, "anigql/auth.serve") ||
			strings.Contains(g, "created by github.com/anigql/anigql/auth.(*Config).loginLoopback") {
			found = append(found, g)
		}
	}
	return found
}

// TestLoginLeavesNoGoroutines checks that when Login returns, its receiver's
// server and handlers are gone and every connection to it is closed, even
// one a browser opened ahead of time and never used (Chromium preconnects)
// and one that sent half a request; both when the login succeeds and when
// it is cancelled. It is not parallel, so that no other test's receiver
// runs meanwhile.
func TestLoginLeavesNoGoroutines(t *testing.T) {
	for _, cancelled := range []bool{false, true} {
		e := newEmulator(t)
		conf := &Config{ClientID: emuClientID, ClientSecret: emuSecret,
			RedirectURL: "http://127.0.0.1:0/callback", Endpoint: e.Endpoint, Now: fixedNow}
		ctx, cancel := context.WithCancel(t.Context())
		var conns []net.Conn
		register := registerRedirect(t, e, emuSecret)
		open := func(authURL string) error {
			register(authURL)
			conns = preconnect(t, authURL)
			cancel()
			return nil
		}
		var wait func() (int, string, error)
		if !cancelled {
			open, wait = newBrowser(t, "approve").opener(func(authURL string) {
				register(authURL)
				conns = preconnect(t, authURL)
			})
		}
		_, err := conf.Login(ctx, GrantCode, LoginOptions{Open: open, Output: io.Discard})
		cancel()
		if (err != nil) != cancelled {
			t.Fatalf("cancelled %t: Login error = %v", cancelled, err)
		}
		if gs := receiverGoroutines(); len(gs) != 0 {
			t.Errorf("cancelled %t: %d receiver goroutines outlive Login:\n%s", cancelled, len(gs), strings.Join(gs, "\n\n"))
		}
		for i, c := range conns {
			// Closed connections answer at once; the deadline only keeps a
			// regression from hanging the test.
			c.SetReadDeadline(time.Now().Add(time.Minute))
			if _, err := bufio.NewReader(c).ReadByte(); err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
				t.Errorf("cancelled %t: connection %d: read gave %v; want it closed by Login", cancelled, i, err)
			}
			c.Close()
		}
		if wait != nil {
			if status, _, err := wait(); err != nil || status != 200 {
				t.Errorf("browser: %d, %v; want 200", status, err)
			}
		}
	}
}

// preconnect opens two connections to the receiver named in authURL's
// redirect_uri, as a browser may before it follows the redirect: one idle,
// one with half a request.
func preconnect(t *testing.T, authURL string) []net.Conn {
	u, _ := url.Parse(authURL)
	redirect, _ := url.Parse(u.Query().Get("redirect_uri"))
	var conns []net.Conn
	for _, prefix := range []string{"", "GET /callback HTTP/1.1\r\n"} {
		c, err := net.Dial("tcp", redirect.Host)
		if err != nil {
			t.Errorf("preconnect: %v", err)
			break
		}
		io.WriteString(c, prefix)
		conns = append(conns, c)
	}
	return conns
}

package auth

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
)

// loopback is a parsed loopback redirect URI.
type loopback struct {
	host string // "127.0.0.1", "::1" or "localhost", as written in the redirect URI
	port string // "0" asks for a free port
	path string
	url  *url.URL
}

// parseLoopback reports whether redirect is a loopback http URL this package
// can receive, and an error for one it cannot (a query, a fragment).
func parseLoopback(redirect string) (loopback, bool, error) {
	u, err := url.Parse(redirect)
	if err != nil || u.Scheme != "http" {
		return loopback{}, false, nil
	}
	host := strings.ToLower(u.Hostname())
	switch host {
	case "127.0.0.1", "::1", "localhost":
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

// hostPort is what the receiver's Host header must say for port.
func (lb loopback) hostPort(port string) string { return net.JoinHostPort(lb.host, port) }

// bindAttempts bounds the retries of a localhost receiver on port 0 whose
// free IPv4 port is taken on IPv6.
const bindAttempts = 8

// listen binds the redirect's host and port and returns the listeners, the
// port bound and the redirect URI to send, which names that port.
//
// A localhost URL binds the same port on 127.0.0.1 AND ::1 (RFC 8252
// section 8.3): browsers may resolve localhost to either, and a port held on
// one family only would let another local process bind the other and
// receive the code. When ::1 is taken, listen refuses (or, on port 0, tries
// another port); only on a system without IPv6 loopback at all, where no
// process can bind ::1, does it serve 127.0.0.1 alone.
func (lb loopback) listen() ([]net.Listener, string, string, error) {
	var lns []net.Listener
	var err error
	switch lb.host {
	case "localhost":
		for range bindAttempts {
			if lns, err = listenBoth(lb.port); err == nil || lb.port != "0" || !errors.Is(err, syscall.EADDRINUSE) {
				break
			}
		}
	case "::1":
		lns, err = listenOne("::1", lb.port)
	default:
		lns, err = listenOne("127.0.0.1", lb.port)
	}
	if err != nil {
		return nil, "", "", fmt.Errorf("auth: starting the login receiver: %w", err)
	}
	_, port, _ := net.SplitHostPort(lns[0].Addr().String())
	u := *lb.url // sent byte for byte as registered, unless it asks for a free port
	if lb.port == "0" {
		u.Host = lb.hostPort(port)
	}
	return lns, port, u.String(), nil
}

func listenOne(ip, port string) ([]net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, port))
	if err != nil {
		return nil, err
	}
	return []net.Listener{ln}, nil
}

// listenBoth binds port (0 for a free one) on 127.0.0.1 and then the same
// port on ::1.
func listenBoth(port string) ([]net.Listener, error) {
	v4, err := net.Listen("tcp4", net.JoinHostPort("127.0.0.1", port))
	if err != nil {
		return nil, err
	}
	_, bound, _ := net.SplitHostPort(v4.Addr().String())
	v6, err := net.Listen("tcp6", net.JoinHostPort("::1", bound))
	switch {
	case err == nil:
		return []net.Listener{v4, v6}, nil
	case noIPv6(err):
		return []net.Listener{v4}, nil
	}
	v4.Close()
	return nil, fmt.Errorf("holding port %s on ::1 as well as 127.0.0.1: %w", bound, err)
}

// noIPv6 reports whether err says the system has no IPv6 loopback to bind.
func noIPv6(err error) bool {
	return errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EAFNOSUPPORT) ||
		errors.Is(err, syscall.EPROTONOSUPPORT)
}

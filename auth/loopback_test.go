package auth

import (
	"net"
	"strings"
	"testing"
)

// hasIPv6 reports whether this machine can bind ::1.
func hasIPv6(t *testing.T) bool {
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}

func TestListenLocalhostBindsBothFamilies(t *testing.T) {
	t.Parallel()
	if !hasIPv6(t) {
		t.Skip("no IPv6 loopback here")
	}
	lb, _, err := parseLoopback("http://localhost:0/cb")
	if err != nil {
		t.Fatal(err)
	}
	lns, port, redirect, err := lb.listen()
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	var addrs []string
	for _, ln := range lns {
		addrs = append(addrs, ln.Addr().String())
	}
	want := []string{"127.0.0.1:" + port, "[::1]:" + port}
	if strings.Join(addrs, " ") != strings.Join(want, " ") {
		t.Errorf("listening on %v; want %v", addrs, want)
	}
	if redirect != "http://localhost:"+port+"/cb" {
		t.Errorf("redirect = %q", redirect)
	}
}

// TestListenLocalhostRefusesHalf takes ::1 on a port first: a localhost
// receiver on that port must refuse to start rather than serve 127.0.0.1
// alone while another process holds ::1.
func TestListenLocalhostRefusesHalf(t *testing.T) {
	t.Parallel()
	if !hasIPv6(t) {
		t.Skip("no IPv6 loopback here")
	}
	squatter, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Fatal(err)
	}
	defer squatter.Close()
	_, port, _ := net.SplitHostPort(squatter.Addr().String())
	lb, _, _ := parseLoopback("http://localhost:" + port + "/cb")
	lns, _, _, err := lb.listen()
	for _, ln := range lns {
		ln.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "::1") {
		t.Errorf("listen with ::1 taken: %v; want a refusal naming ::1", err)
	}
	// The IPv4 half was released: the port can be bound again.
	ln, err := net.Listen("tcp4", "127.0.0.1:"+port)
	if err != nil {
		t.Errorf("127.0.0.1:%s still held after the refusal: %v", port, err)
	} else {
		ln.Close()
	}
}

func TestListenIPv6Literal(t *testing.T) {
	t.Parallel()
	if !hasIPv6(t) {
		t.Skip("no IPv6 loopback here")
	}
	lb, ok, err := parseLoopback("http://[::1]:0/cb")
	if !ok || err != nil {
		t.Fatalf("parseLoopback: %t, %v", ok, err)
	}
	lns, port, redirect, err := lb.listen()
	if err != nil {
		t.Fatal(err)
	}
	defer lns[0].Close()
	if len(lns) != 1 || redirect != "http://[::1]:"+port+"/cb" {
		t.Errorf("listen = %d listeners, %q", len(lns), redirect)
	}
}

package anilisttest

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// connCounter counts a server's connections through Config.ConnState.
type connCounter struct {
	opened, closed atomic.Int32
	closedCh       chan struct{} // receives once per closed connection
}

// stallServer starts a server whose next answer stalls for an hour, and
// counts its connections.
func stallServer(t *testing.T) (*Server, *connCounter) {
	t.Helper()
	s := NewUnstartedServer()
	cc := &connCounter{closedCh: make(chan struct{}, 16)}
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		switch st {
		case http.StateNew:
			cc.opened.Add(1)
		case http.StateClosed:
			cc.closed.Add(1)
			cc.closedCh <- struct{}{}
		}
	}
	s.Start()
	s.StallNext(1, time.Hour)
	return s, cc
}

// sendStalled sends one request in the background and returns once the
// server has taken the stall fault for it.
func sendStalled(t *testing.T, s *Server, ctx context.Context) <-chan error {
	t.Helper()
	errc := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, strings.NewReader(`{"query":"{ __typename }"}`))
		resp, err := s.Client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	for s.faults.Pending() > 0 {
		select {
		case err := <-errc:
			t.Fatalf("request ended before the server stalled it: %v", err)
		case <-time.After(time.Millisecond):
		}
	}
	return errc
}

// TestCloseWaits checks Close cuts off a stalled request and returns only
// once every connection's goroutine is done, and that it is idempotent.
func TestCloseWaits(t *testing.T) {
	t.Parallel()
	s, cc := stallServer(t)
	errc := sendStalled(t, s, t.Context())
	s.Close()
	if opened, closed := cc.opened.Load(), cc.closed.Load(); opened == 0 || closed != opened {
		t.Errorf("after Close: got %d of %d connections closed; want all", closed, opened)
	}
	if err := <-errc; err == nil {
		t.Error("got an answer to the stalled request; want it cut off by Close")
	}
	s.Close()
}

// TestStallHonoursCancel checks a stalled answer ends as soon as the client
// gives up, not when the stall would have ended.
func TestStallHonoursCancel(t *testing.T) {
	t.Parallel()
	s, cc := stallServer(t)
	t.Cleanup(s.Close)
	ctx, cancel := context.WithCancel(t.Context())
	errc := sendStalled(t, s, ctx)
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("got an answer to the cancelled request; want an error")
	}
	select {
	case <-cc.closedCh:
	case <-time.After(time.Minute): // a bound for a failing run, far below the hour-long stall
		t.Fatal("the server still holds the cancelled request")
	}
}

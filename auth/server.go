package auth

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

// shutdownGrace bounds how long the receiver's handlers may take to finish
// their pages once Login has its answer.
const shutdownGrace = 5 * time.Second

// serve runs rv on ln until the returned stop is called. stop ends the
// login for the handlers (rv.done), closes the connections that have not
// sent a request (browsers open some ahead of time, and
// http.Server.Shutdown would wait 5 seconds for each), lets the running
// handlers finish their pages and returns once the server's goroutine and
// every handler have returned.
func serve(ln net.Listener, rv *receiver) (stop func()) {
	var fresh freshConns
	srv := &http.Server{
		Handler:           rv,
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0),
		ConnState:         fresh.track,
	}
	go srv.Serve(ln)
	return func() {
		close(rv.done)
		fresh.closeAll()
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
	}
}

// freshConns tracks the connections that have not sent a request yet.
type freshConns struct {
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool // closeAll was called: close new connections at once
}

// track is the server's ConnState hook.
func (f *freshConns) track(c net.Conn, state http.ConnState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case state != http.StateNew:
		delete(f.conns, c)
	case f.closed:
		c.Close()
	default:
		if f.conns == nil {
			f.conns = make(map[net.Conn]struct{})
		}
		f.conns[c] = struct{}{}
	}
}

// closeAll closes the fresh connections, and any that arrive later.
func (f *freshConns) closeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closed = true
	for c := range f.conns {
		c.Close()
	}
	clear(f.conns)
}

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
// their pages once Login has its answer. Handlers do not wait for slow
// clients (a body held open is cut off when the login ends), so this is a
// backstop that a working receiver never reaches.
const shutdownGrace = 5 * time.Second

// maxHeaderBytes bounds a request's header (the query included): a
// callback is a few KiB at most.
const maxHeaderBytes = 64 << 10

// serve runs rv on lns until the returned stop is called. stop ends the
// login for the handlers (cancel, which must cancel rv.ctx), closes the
// connections that have not sent a request (browsers open some ahead of
// time, and http.Server.Shutdown would wait for each), lets the running
// handlers finish their pages and returns once the server's goroutines and
// every handler have returned, or shutdownGrace has passed.
func serve(lns []net.Listener, rv *receiver, cancel context.CancelFunc) (stop func()) {
	var fresh freshConns
	srv := &http.Server{
		Handler:           rv,
		ReadHeaderTimeout: 30 * time.Second,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          log.New(io.Discard, "", 0),
		ConnState:         fresh.track,
	}
	var wg sync.WaitGroup
	for _, ln := range lns {
		wg.Go(func() { srv.Serve(ln) })
	}
	return func() {
		cancel()
		fresh.closeAll()
		ctx, cancelGrace := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancelGrace()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
		wg.Wait()
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

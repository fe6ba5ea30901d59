package fosite_test

import (
	"net/http"
	"os"
	"testing"
)

// TestMain hides http.DefaultTransport's CloseIdleConnections from
// httptest.Server.Close, which calls it: with parallel tests, one test's
// Close could break a connection another test's request is just taking
// from the idle pool ("http: CloseIdleConnections called").
func TestMain(m *testing.M) {
	http.DefaultTransport = struct{ http.RoundTripper }{http.DefaultTransport}
	os.Exit(m.Run())
}

package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

// TestDiskCache: without a token, a second identical search is answered
// from the disk cache in the cache directory, and --no-cache asks AniList.
func TestDiskCache(t *testing.T) {
	t.Parallel()
	srv := anilisttest.NewUnstartedServer()
	var requests atomic.Int64
	next := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		next.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	h := newHarness(t)
	h.vars[envEndpoint] = ts.URL
	first := h.mustRun("search", "Frieren")
	second := h.mustRun("search", "Frieren")
	if n := requests.Load(); n != 1 {
		t.Errorf("got %d requests for two searches; want 1", n)
	}
	if first.stdout != second.stdout {
		t.Errorf("the cached search printed %q; want %q", second.stdout, first.stdout)
	}
	h.mustRun("--no-cache", "search", "Frieren")
	if n := requests.Load(); n != 2 {
		t.Errorf("got %d requests after --no-cache; want 2", n)
	}
	files, err := os.ReadDir(filepath.Join(h.vars[envConfigDir], "cache"))
	if err != nil || len(files) != 1 {
		t.Errorf("got %d files in the cache directory (%v); want 1", len(files), err)
	}
}

package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
)

// shellLoops runs loops shell loops in parallel, each running `anigql
// --no-cache search Frieren` n times (without the answer cache, each one asks the server) against an emulator allowing 20 requests per 1 s
// window, with budget as ANIGQL_BUDGET, and returns how many 429s the
// emulator answered and how many invocations failed.
func shellLoops(t *testing.T, loops, n int, budget string) (throttled, failed int64) {
	t.Helper()
	emu := anilisttest.NewUnstartedServer()
	emu.RateLimit, emu.RateWindow, emu.RateTimeout = 20, time.Second, time.Second
	h := emu.Handler()
	t.Cleanup(emu.Close)
	var shed atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &codeWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(rec, r)
		if rec.code == http.StatusTooManyRequests {
			shed.Add(1)
		}
	}))
	t.Cleanup(srv.Close)
	bin := anigqlBin(t)
	script := fmt.Sprintf(`fails=0; for i in $(seq %d); do %q --no-cache search Frieren >/dev/null 2>&1 || fails=$((fails+1)); done; exit $fails`, n, bin)
	var wg sync.WaitGroup
	var bad atomic.Int64
	for range loops {
		wg.Go(func() {
			cmd := exec.CommandContext(t.Context(), "sh", "-c", script)
			cmd.Env = append(command(t).Env, envEndpoint+"="+srv.URL, envBudget+"="+budget, envBudgetWindow+"=1s")
			if err := cmd.Run(); err != nil {
				bad.Add(int64(max(exitCodeOf(err), 1)))
			}
		})
	}
	wg.Wait()
	return shed.Load(), bad.Load()
}

type codeWriter struct {
	http.ResponseWriter
	code int
}

func (w *codeWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// TestE2EShellLoopSharesBudget: 4 shell loops × 50 `anigql search` share
// the budget file and never collect a 429; with the budget off (the
// control) the same loops do.
func TestE2EShellLoopSharesBudget(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs 240 anigql processes")
	}
	throttled, failed := shellLoops(t, 4, 50, filepath.Join(t.TempDir(), "budget.json"))
	if throttled != 0 || failed != 0 {
		t.Errorf("with the budget file: %d 429s, %d failed invocations; want 0 and 0", throttled, failed)
	}
	t.Logf("with the budget file: 200 invocations, %d 429s", throttled)
	throttled, _ = shellLoops(t, 4, 10, "off")
	t.Logf("control without it: 40 invocations, %d 429s", throttled)
	if throttled == 0 {
		t.Errorf("control, without the budget file: no 429; the test cannot tell the budget works")
	}
}

package redisstore_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
)

// The fleet tests run 4 OS processes (internal/fleethelper) × 8 goroutines
// that share one Redis budget against one emulator limited to 30 requests
// per 1 s window, for 10 windows. The emulator's windows open at a request
// truncated to the second and last one second, so under steady traffic
// they are the whole seconds: a request is counted in the second it
// arrived in. Run them alone with
//
//	go test ./redisstore -run TestFleet -v
const (
	fleetProcs   = 4
	fleetWorkers = 8
	fleetLimit   = 30
	fleetWindows = 10
)

// fleet is the world of one scenario: the emulator with a recording front,
// Redis, and the helper processes.
type fleet struct {
	t      *testing.T
	emu    *anilisttest.Server
	redis  *redisServer
	t0     time.Time // the first window's start, a whole second
	procs  []*exec.Cmd
	outs   []*bytes.Buffer
	errs   []*bytes.Buffer
	mu     sync.Mutex
	served []served
}

// served is one answer of the emulator.
type served struct {
	at     time.Time
	status int
	proc   string
}

// front records every GraphQL answer of the emulator.
func (f *fleet) front(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		f.mu.Lock()
		defer f.mu.Unlock()
		f.served = append(f.served, served{at: time.Now(), status: rec.status,
			proc: strings.TrimPrefix(r.UserAgent(), "fleethelper/")})
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

var (
	helperOnce sync.Once
	helperPath string
	helperErr  error
)

// buildHelper builds internal/fleethelper once per test binary.
func buildHelper(t *testing.T) string {
	t.Helper()
	helperOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fleethelper")
		if err != nil {
			helperErr = err
			return
		}
		helperPath = filepath.Join(dir, "fleethelper")
		out, err := exec.Command("go", "build", "-o", helperPath, "./internal/fleethelper").CombinedOutput()
		if err != nil {
			helperErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if helperErr != nil {
		t.Fatal(helperErr)
	}
	return helperPath
}

// newFleet starts Redis, the emulator and the helper processes; the first
// window starts at t0, two seconds ahead.
func newFleet(t *testing.T) *fleet {
	helper := buildHelper(t)
	f := &fleet{t: t, redis: startRedis(t)}
	f.emu = anilisttest.NewUnstartedServer()
	// Set explicitly: the window's limit, a timeout of one window after
	// going over it, no burst limiter and no random failures.
	f.emu.RateLimit, f.emu.RateWindow, f.emu.RateTimeout = fleetLimit, time.Second, time.Second
	f.emu.Burst, f.emu.FailRate = 0, 0
	srv := httptest.NewServer(f.front(f.emu.Handler()))
	t.Cleanup(srv.Close)
	t.Cleanup(f.emu.Close)
	f.t0 = time.Now().Truncate(time.Second).Add(2 * time.Second)
	end := f.t0.Add(fleetWindows * time.Second)
	for i := range fleetProcs {
		cmd := exec.Command(helper, "-redis", f.redis.addr, "-key", "fleet:"+t.Name(), "-url", srv.URL,
			"-name", strconv.Itoa(i), "-workers", strconv.Itoa(fleetWorkers),
			"-start", strconv.FormatInt(f.t0.UnixMilli(), 10), "-end", strconv.FormatInt(end.UnixMilli(), 10),
			"-window", "1s", "-limit", strconv.Itoa(fleetLimit), "-outage", "1s")
		out, errs := new(bytes.Buffer), new(bytes.Buffer)
		cmd.Stdout, cmd.Stderr = out, errs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		f.procs, f.outs, f.errs = append(f.procs, cmd), append(f.outs, out), append(f.errs, errs)
	}
	t.Cleanup(func() {
		for _, p := range f.procs {
			p.Process.Kill()
		}
	})
	return f
}

// at sleeps until d after t0, to switch something mid-run.
func (f *fleet) at(d time.Duration) { time.Sleep(time.Until(f.t0.Add(d))) }

// line is one line of fleethelper output.
type line struct {
	Start, End float64
	Kind, Err  string
	Event      string
}

// wait waits for every process but the killed ones and returns the calls
// of the others.
func (f *fleet) wait(killed ...int) []line {
	f.t.Helper()
	var calls []line
	for i, p := range f.procs {
		err := p.Wait()
		if contains(killed, i) {
			continue
		}
		if err != nil {
			f.t.Fatalf("process %d: %v\n%s", i, err, f.errs[i])
		}
		sc := bufio.NewScanner(f.outs[i])
		for sc.Scan() {
			var l line
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				f.t.Fatalf("process %d: %v: %q", i, err, sc.Text())
			}
			calls = append(calls, l)
		}
	}
	return calls
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// window is what the emulator answered in one window.
type window struct {
	ok, throttled, disabled int
	disabledBy              map[string]int
}

// windows counts the answers of each of the fleetWindows windows.
func (f *fleet) windows() []window {
	f.mu.Lock()
	defer f.mu.Unlock()
	ws := make([]window, fleetWindows)
	for _, s := range f.served {
		k := int(s.at.Sub(f.t0) / time.Second)
		if s.at.Before(f.t0) || k >= fleetWindows {
			continue
		}
		w := &ws[k]
		switch s.status {
		case http.StatusOK:
			w.ok++
		case http.StatusTooManyRequests:
			w.throttled++
		case http.StatusForbidden:
			w.disabled++
			if w.disabledBy == nil {
				w.disabledBy = map[string]int{}
			}
			w.disabledBy[s.proc]++
		}
	}
	return ws
}

// report is the row of the fleet table for one scenario.
type report struct {
	utilization float64
	max429      int
	failed      int
}

// summarize computes the row over windows [from, to) given each window's
// budget, logs it, and returns it.
func (f *fleet) summarize(ws []window, calls []line, budget func(k int) int, from, to int) report {
	var r report
	ok, total := 0, 0
	for k := from; k < to; k++ {
		ok += ws[k].ok
		total += budget(k)
	}
	for k, w := range ws {
		r.max429 = max(r.max429, w.throttled)
		f.t.Logf("window %d: %d ok, %d 429, %d 403 (budget %d)", k, w.ok, w.throttled, w.disabled, budget(k))
	}
	for _, c := range calls {
		if c.Kind == "failed" {
			r.failed++
			if r.failed <= 3 {
				f.t.Logf("failed call: %s", c.Err)
			}
		}
	}
	r.utilization = float64(ok) / float64(total)
	f.t.Logf("FLEET %s: utilization %.3f (windows %d-%d), max 429/window %d, failed %d",
		f.t.Name(), r.utilization, from, to-1, r.max429, r.failed)
	return r
}

func full(int) int { return fleetLimit }

func (f *fleet) check(r report, minUtil float64, max429 int) {
	f.t.Helper()
	if r.utilization < minUtil {
		f.t.Errorf("utilization %.3f; want at least %.2f", r.utilization, minUtil)
	}
	if r.max429 > max429 {
		f.t.Errorf("%d 429s in one window; want at most %d", r.max429, max429)
	}
	if r.failed > 0 {
		f.t.Errorf("%d failed calls; want 0", r.failed)
	}
}

func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("the fleet tests take 12 s each")
	}
}

func TestFleetSteady(t *testing.T) {
	skipShort(t)
	f := newFleet(t)
	calls := f.wait()
	f.check(f.summarize(f.windows(), calls, full, 0, fleetWindows), 0.95, 1)
}

func TestFleetDegradedMidRun(t *testing.T) {
	skipShort(t)
	f := newFleet(t)
	f.at(4 * time.Second)
	f.emu.SetDegraded(true)
	calls := f.wait()
	budget := func(k int) int {
		if k >= 4 {
			return fleetLimit / 3
		}
		return fleetLimit
	}
	f.check(f.summarize(f.windows(), calls, budget, 0, fleetWindows), 0.95, 1)
}

func TestFleetProcessKilled(t *testing.T) {
	skipShort(t)
	f := newFleet(t)
	f.at(4500 * time.Millisecond)
	f.procs[0].Process.Kill()
	calls := f.wait(0)
	ws := f.windows()
	f.check(f.summarize(ws, calls, full, 0, fleetWindows), 0.95, 1)
	// The killed process's share is reclaimed within one window.
	f.check(f.summarize(ws, calls, full, 6, fleetWindows), 0.95, 1)
}

func TestFleetOutage(t *testing.T) {
	skipShort(t)
	f := newFleet(t)
	f.at(3 * time.Second)
	f.emu.SetAPIDisabled(true)
	f.at(6 * time.Second)
	f.emu.SetAPIDisabled(false)
	calls := f.wait()
	ws := f.windows()
	// Every process stops within one request each per outage cooldown (1 s
	// here): at most one 403 per process and window.
	for k, w := range ws {
		for p, n := range w.disabledBy {
			if n > 1 {
				t.Errorf("window %d: process %s got %d 403s; want at most 1", k, p, n)
			}
		}
	}
	// Calls fail fast with ErrAPIDisabled: once the outage is known, at
	// once.
	var slow, disabled int
	for _, c := range calls {
		if c.Kind == "disabled" {
			disabled++
			if c.End-c.Start > 0.1 && c.Start > secs(f.t0.Add(3200*time.Millisecond)) {
				slow++
			}
		}
	}
	if disabled == 0 {
		t.Errorf("no call failed with ErrAPIDisabled")
	}
	if slow > 0 {
		t.Errorf("%d of %d calls took over 100ms to fail with ErrAPIDisabled; want all at once", slow, disabled)
	}
	// Traffic resumes after the cooldown (the switch goes off at 6 s, the
	// last cooldown ends by 7 s).
	r := f.summarize(ws, calls, full, 7, fleetWindows)
	f.check(r, 0.95, 1)
	t.Logf("outage: %d calls failed fast with ErrAPIDisabled", disabled)
}

func TestFleetRedisRestart(t *testing.T) {
	skipShort(t)
	f := newFleet(t)
	f.at(3500 * time.Millisecond)
	f.redis.kill()
	f.at(5500 * time.Millisecond)
	f.redis.start(t)
	calls := f.wait()
	events := 0
	for _, c := range calls {
		if c.Event != "" {
			events++
		}
	}
	if events == 0 {
		t.Errorf("no process reported falling back")
	}
	r := f.summarize(f.windows(), calls, full, 0, fleetWindows)
	f.check(r, 0, 2)
}

func secs(t time.Time) float64 { return float64(t.UnixMicro()) / 1e6 }

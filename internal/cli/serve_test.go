package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
)

// TestServeSwitches checks that serve prints the switches that are on and
// hands them to the emulator.
func TestServeSwitches(t *testing.T) {
	t.Parallel()
	r := newHarness(t).mustRun("--json", "--timeout", "1ms", "serve", "--addr", "127.0.0.1:0",
		"--rate-limit", "30", "--rate-window", "1s", "--burst", "5", "--degraded", "--disable-api",
		"--require-referer", "--fail-rate", "0.25", "--max-complexity", "300")
	var info serveInfo
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil {
		t.Fatalf("serve --json printed %q: %v", r.stdout, err)
	}
	want := []string{"rate-limit 30 per 1s (timeout 1s)", "max-complexity 300", "burst 5 per 1s", "degraded (10 allowed)",
		"disable-api", "require-referer", "fail-rate 0.25"}
	if !slices.Equal(info.Switches, want) {
		t.Errorf("switches = %q; want %q", info.Switches, want)
	}
	r = newHarness(t).mustRun("--timeout", "1ms", "serve", "--addr", "127.0.0.1:0")
	if !strings.Contains(r.stdout, "\nswitches: rate-limit 90 per 1m0s (timeout 1m0s), max-complexity 500\n") {
		t.Errorf("serve printed %q; want the default switches line", r.stdout)
	}

	sw := serveSwitches{rateLimit: 30, rateWindow: time.Second, rateTimeout: 2 * time.Second, burst: 5,
		burstWindow: time.Second, degraded: true, requireReferer: true, failRate: 0.25, maxComplexity: 300}
	s := anilisttest.NewUnstartedServer()
	sw.apply(s)
	if s.RateLimit != 30 || s.RateWindow != time.Second || s.RateTimeout != 2*time.Second || s.Burst != 5 ||
		s.BurstWindow != time.Second || !s.Degraded || !s.RequireReferer || s.FailRate != 0.25 || s.MaxComplexity != 300 {
		t.Errorf("apply set %+v", s)
	}
}

func TestServeBadSwitches(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--rate-limit", "0"}, {"--rate-window", "10ms"}, {"--rate-timeout", "-1s"}, {"--burst", "-1"},
		{"--burst-window", "0s"}, {"--fail-rate", "1.5"}, {"--max-complexity", "-1"},
	} {
		r := newHarness(t).run(append([]string{"--timeout", "1ms", "serve", "--addr", "127.0.0.1:0"}, args...)...)
		if r.code == 0 || !strings.Contains(r.stderr, args[0]) {
			t.Errorf("serve %v: exit %d, stderr %q; want a usage error naming %s", args, r.code, r.stderr, args[0])
		}
	}
}

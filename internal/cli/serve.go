package cli

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/anilisttest"
)

// serveSwitches are the emulator options serve exposes as flags.
type serveSwitches struct {
	rateLimit      int
	rateWindow     time.Duration
	rateTimeout    time.Duration
	burst          int
	burstWindow    time.Duration
	degraded       bool
	disableAPI     bool
	requireReferer bool
	failRate       float64
	maxComplexity  int
}

func newServeCmd(e *env) *cobra.Command {
	var addr string
	var sw serveSwitches
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the offline AniList emulator (GraphQL and OAuth) until interrupted",
		Long: `serve runs the AniList emulator on --addr and prints, each on its own line,
its GraphQL URL and "token: <jwt>", a token for the demo viewer. OAuth lives
under URL/api/v2/oauth/ with the demo client printed below (all of it as one
JSON object with --json), then "switches:" and the emulator switches that are
on. Like AniList it refuses a request whose query complexity is over
--max-complexity (0: no limit). GET / in a browser shows a form to try a
query. Stop it with Ctrl-C.

The switches make AniList's bad days reproducible for apps in any language:
rate limits with the timeout after going over and a burst limiter, degraded
mode (a third of the limit while the headers announce all of it), the API
switched off (403), the Referer check of 2026, and a share of 500 answers.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := sw.validate(); err != nil {
				return err
			}
			s := anilisttest.NewUnstartedServer()
			s.Now = e.now
			sw.apply(s)
			if err := s.StartAt(addr); err != nil {
				return usageError{err}
			}
			defer s.Close()
			if sw.disableAPI {
				s.SetAPIDisabled(true)
			}
			if err := printServe(e, s, sw.on()); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "serving the AniList emulator; Ctrl-C stops it\n")
			<-cmd.Context().Done()
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:4000", "address to listen on")
	f.IntVar(&sw.rateLimit, "rate-limit", anilisttest.DefaultRateLimit, "GraphQL requests allowed per --rate-window")
	f.DurationVar(&sw.rateWindow, "rate-window", anilisttest.DefaultRateWindow, "rate-limit window")
	f.DurationVar(&sw.rateTimeout, "rate-timeout", 0, "how long a client that went over is refused (default: one --rate-window)")
	f.IntVar(&sw.burst, "burst", 0, "if positive, the most requests allowed per --burst-window")
	f.DurationVar(&sw.burstWindow, "burst-window", anilisttest.DefaultBurstWindow, "burst-limiter window")
	f.BoolVar(&sw.degraded, "degraded", false, "AniList's degraded mode: a third of --rate-limit, headers unchanged")
	f.BoolVar(&sw.disableAPI, "disable-api", false, `answer every GraphQL request with AniList's 403 "API temporarily disabled"`)
	f.BoolVar(&sw.requireReferer, "require-referer", false, "answer requests without a Referer header with that 403, as AniList did in 2026")
	f.Float64Var(&sw.failRate, "fail-rate", 0, "fraction of GraphQL requests (0 to 1) answered 500, spread evenly")
	f.IntVar(&sw.maxComplexity, "max-complexity", anilisttest.DefaultMaxComplexity, "query complexity limit, as AniList's (0: no limit)")
	return cmd
}

// validate refuses switch values the emulator cannot honour.
func (sw serveSwitches) validate() error {
	switch {
	case sw.rateLimit <= 0:
		return usagef("--rate-limit must be positive, not %d", sw.rateLimit)
	case sw.rateWindow < time.Second:
		return usagef("--rate-window must be at least 1s (windows are whole seconds), not %v", sw.rateWindow)
	case sw.rateTimeout < 0:
		return usagef("--rate-timeout must not be negative, not %v", sw.rateTimeout)
	case sw.burst < 0:
		return usagef("--burst must not be negative, not %d", sw.burst)
	case sw.burstWindow < time.Second:
		return usagef("--burst-window must be at least 1s, not %v", sw.burstWindow)
	case math.IsNaN(sw.failRate) || sw.failRate < 0 || sw.failRate > 1:
		return usagef("--fail-rate must be between 0 and 1, not %v", sw.failRate)
	case sw.maxComplexity < 0:
		return usagef("--max-complexity must be 0 (no limit) or more")
	}
	return nil
}

// apply sets the switches on an unstarted server.
func (sw serveSwitches) apply(s *anilisttest.Server) {
	s.RateLimit, s.RateWindow, s.RateTimeout = sw.rateLimit, sw.rateWindow, sw.rateTimeout
	s.Burst, s.BurstWindow = sw.burst, sw.burstWindow
	s.Degraded, s.RequireReferer, s.FailRate = sw.degraded, sw.requireReferer, sw.failRate
	s.MaxComplexity = sw.maxComplexity
}

// on describes the switches that are on, rate limiting always included.
// --max-complexity 0 turns AniList's complexity limit off.
func (sw serveSwitches) on() []string {
	timeout := sw.rateTimeout
	if timeout == 0 {
		timeout = sw.rateWindow
	}
	out := []string{fmt.Sprintf("rate-limit %d per %v (timeout %v)", sw.rateLimit, sw.rateWindow, timeout)}
	if sw.maxComplexity > 0 {
		out = append(out, fmt.Sprintf("max-complexity %d", sw.maxComplexity))
	}
	if sw.burst > 0 {
		out = append(out, fmt.Sprintf("burst %d per %v", sw.burst, sw.burstWindow))
	}
	if sw.degraded {
		out = append(out, fmt.Sprintf("degraded (%d allowed)", max(sw.rateLimit/3, 1)))
	}
	if sw.disableAPI {
		out = append(out, "disable-api")
	}
	if sw.requireReferer {
		out = append(out, "require-referer")
	}
	if sw.failRate > 0 {
		out = append(out, fmt.Sprintf("fail-rate %v", sw.failRate))
	}
	return out
}

// serveInfo is what serve prints with --json.
type serveInfo struct {
	URL          string   `json:"url"`
	Token        string   `json:"token"`
	AuthorizeURL string   `json:"authorizeUrl"`
	TokenURL     string   `json:"tokenUrl"`
	ClientID     string   `json:"clientId"`
	ClientSecret string   `json:"clientSecret"`
	Switches     []string `json:"switches"`
}

// printServe prints where the emulator listens, how to use it and the
// switches that are on. The token is the emulator's demo viewer's, valid
// for this server only.
func printServe(e *env, s *anilisttest.Server, switches []string) error {
	oauth := s.URL + "/api/v2/oauth"
	info := serveInfo{URL: s.URL, Token: s.ViewerToken(), AuthorizeURL: oauth + "/authorize", TokenURL: oauth + "/token",
		ClientID: anilisttest.DemoClientID, ClientSecret: anilisttest.DemoClientSecret, Switches: switches}
	if e.json {
		return printJSON(e.stdout, info)
	}
	fmt.Fprintln(e.stdout, info.URL)
	fmt.Fprintf(e.stdout, "token: %s\n", info.Token)
	fmt.Fprintf(e.stdout, "oauth: %s (client id %s, secret %s)\n", info.AuthorizeURL, info.ClientID, info.ClientSecret)
	_, err := fmt.Fprintf(e.stdout, "switches: %s\n", strings.Join(switches, ", "))
	return err
}

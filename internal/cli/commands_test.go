package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/auth"
)

func TestOfflineCommands(t *testing.T) {
	t.Parallel()
	query := filepath.Join(t.TempDir(), "media.graphql")
	if err := os.WriteFile(query, []byte("query M($id: Int, $type: MediaType) {\n  Media(id: $id, type: $type) { id title { romaji } }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		stdout   []string // substrings of stdout
		stderr   string   // substring of stderr
	}{
		{"search", []string{"search", "Frieren"}, 0, []string{"ID  ", "TITLE", "154587", "Sousou no Frieren"}, ""},
		{"search manga only", []string{"search", "--type", "manga", "Frieren"}, 0, []string{"118586", "MANGA"}, ""},
		{"search bad type", []string{"search", "--type", "novel", "Frieren"}, ExitUsage, nil, "--type must be anime or manga"},
		{"search no title", []string{"search"}, ExitUsage, nil, "takes 1 argument"},
		{"search per page too big", []string{"search", "--per-page", "51", "x"}, ExitUsage, nil, "between 1 and 50"},
		{"whoami", []string{"whoami"}, 0, []string{"name:          DemoUser", "id:            1", "token expires:"}, ""},
		{"list", []string{"list"}, 0, []string{"STATUS", "PROGRESS"}, ""},
		{"list of a user", []string{"list", anilisttest.DemoUserName, "--type", "manga"}, 0, []string{"STATUS"}, ""},
		{"list of nobody", []string{"list", "NoSuchUserAtAll"}, ExitError, nil, "check the id or user name"},
		{"set", []string{"set", "154587", "--status", "completed", "--progress", "28", "--score", "95"}, 0, []string{"154587", "COMPLETED", "28", "95"}, ""},
		{"set nothing", []string{"set", "154587"}, ExitUsage, nil, "at least one of"},
		{"set bad id", []string{"set", "abc", "--progress", "1"}, ExitUsage, nil, "MEDIA_ID must be a positive number"},
		{"set bad score", []string{"set", "1", "--score", "NaN"}, ExitUsage, nil, "--score must be a number ≥ 0, not NaN"},
		{"set bad status", []string{"set", "1", "--status", "watching"}, ExitUsage, nil, "--status must be one of current"},
		{"query", []string{"query", query, "--var", "id=154587", "--var", "type=ANIME"}, 0, []string{`"romaji": "Sousou no Frieren"`}, ""},
		{"query undeclared var", []string{"query", query, "--var", "nope=1"}, ExitUsage, nil, "declares no $nope"},
		{"query bad int", []string{"query", query, "--var", "id=x"}, ExitUsage, nil, `--var id: "x" is not an Int`},
		{"query bad enum", []string{"query", query, "--var", "type=NOVEL"}, ExitUsage, nil, "--var type: NOVEL is not a valid MediaType"},
		{"query missing file", []string{"query", "nope.graphql"}, ExitError, nil, "nope.graphql"},
		{"logout", []string{"logout"}, 0, []string{"offline"}, ""},
		{"unknown command", []string{"frobnicate"}, ExitUsage, nil, "unknown command"},
		{"unknown flag", []string{"search", "--nope", "x"}, ExitUsage, nil, "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := newHarness(t).run(append([]string{"--offline"}, tt.args...)...)
			if r.code != tt.wantCode {
				t.Fatalf("exit %d; want %d\nstdout: %s\nstderr: %s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			for _, s := range tt.stdout {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr = %q; want it to contain %q", r.stderr, tt.stderr)
			}
			if tt.wantCode != 0 && strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("error is not one line: %q", r.stderr)
			}
		})
	}
}

func TestJSONOutput(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var media []struct {
		ID    int `json:"id"`
		Title struct {
			Romaji string `json:"romaji"`
		} `json:"title"`
	}
	if err := json.Unmarshal([]byte(h.mustRun("--offline", "--json", "search", "Frieren").stdout), &media); err != nil {
		t.Fatalf("search --json: %v", err)
	}
	if len(media) == 0 || media[0].Title.Romaji == "" {
		t.Errorf("search --json = %+v; want media with titles", media)
	}
	var who whoamiResult
	if err := json.Unmarshal([]byte(h.mustRun("--offline", "--json", "whoami").stdout), &who); err != nil {
		t.Fatalf("whoami --json: %v", err)
	}
	if who.ID != anilisttest.DemoUserID || who.Name != anilisttest.DemoUserName || who.Expiry.IsZero() {
		t.Errorf("whoami --json = %+v; want the demo viewer with an expiry", who)
	}
	var entries []map[string]any
	if err := json.Unmarshal([]byte(h.mustRun("--offline", "--json", "list").stdout), &entries); err != nil {
		t.Fatalf("list --json: %v", err)
	}
	if len(entries) == 0 {
		t.Error("list --json is empty; want the demo viewer's entries")
	}
}

// TestListProgress checks the progress line: drawn and cleared on a
// terminal, absent otherwise.
func TestListProgress(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	if r := h.mustRun("--offline", "list"); r.stderr != "" {
		t.Errorf("stderr without a terminal = %q; want nothing", r.stderr)
	}
	h.tty = true
	r := h.mustRun("--offline", "list")
	m := regexp.MustCompile(`chunk (\d+) · (\d+)/(\d+) entries`).FindAllStringSubmatch(r.stderr, -1)
	if len(m) == 0 || m[0][1] != "1" || m[len(m)-1][2] != m[len(m)-1][3] || !strings.HasSuffix(r.stderr, "\r\x1b[K") {
		t.Errorf("stderr on a terminal = %q; want a progress bar from chunk 1 to n/n entries, then cleared", r.stderr)
	}
}

// onlineHarness points the CLI at an emulator as if it were AniList.
func onlineHarness(t *testing.T) (*harness, *anilisttest.Server) {
	t.Helper()
	srv := anilisttest.NewServer()
	t.Cleanup(srv.Close)
	h := newHarness(t)
	h.vars[envEndpoint] = srv.URL
	return h, srv
}

func saveToken(t *testing.T, h *harness, raw string) {
	t.Helper()
	tok, err := auth.ParseToken(raw)
	if err != nil {
		t.Fatal(err)
	}
	st := &auth.FileStore{Dir: filepath.Join(h.vars[envConfigDir], "tokens")}
	if err := st.Save(auth.DefaultProfile, tok); err != nil {
		t.Fatal(err)
	}
}

func TestErrorsAndExitCodes(t *testing.T) {
	t.Parallel()
	t.Run("not logged in", func(t *testing.T) {
		t.Parallel()
		h, _ := onlineHarness(t)
		r := h.run("whoami")
		if r.code != ExitAuth || r.stderr != "anigql: not logged in: run anigql login (or set ANILIST_TOKEN)\n" {
			t.Errorf("got exit %d, stderr %q; want %d and the login hint", r.code, r.stderr, ExitAuth)
		}
	})
	t.Run("expired token", func(t *testing.T) {
		t.Parallel()
		h, srv := onlineHarness(t)
		saveToken(t, h, srv.ViewerToken())
		h.now = func() time.Time { return time.Now().AddDate(2, 0, 0) }
		r := h.run("list")
		if r.code != ExitAuth || !strings.Contains(r.stderr, "token expired on ") || !strings.HasSuffix(r.stderr, ": run anigql login\n") {
			t.Errorf("got exit %d, stderr %q; want %d and 'token expired on …: run anigql login'", r.code, r.stderr, ExitAuth)
		}
	})
	t.Run("rejected token", func(t *testing.T) {
		t.Parallel()
		h, _ := onlineHarness(t)
		other := anilisttest.NewServer()
		defer other.Close()
		h.vars[auth.EnvVar] = other.ViewerToken() // signed by another server
		r := h.run("whoami")
		want := "anigql: AniList rejected the token in ANILIST_TOKEN: unset it or set a valid one (it overrides any anigql login)\n"
		if r.code != ExitAuth || r.stderr != want {
			t.Errorf("got exit %d, stderr %q; want %d and %q", r.code, r.stderr, ExitAuth, want)
		}
	})
	t.Run("expired ANILIST_TOKEN", func(t *testing.T) {
		t.Parallel()
		h, srv := onlineHarness(t)
		saveToken(t, h, srv.ViewerToken()) // a login too: the variable still wins
		h.vars[auth.EnvVar] = srv.ViewerToken()
		h.now = func() time.Time { return time.Now().AddDate(2, 0, 0) }
		r := h.run("list")
		if r.code != ExitAuth || !strings.Contains(r.stderr, "the token in ANILIST_TOKEN expired on ") || !strings.HasSuffix(r.stderr, ": unset it or set a fresh one (it overrides any anigql login)\n") {
			t.Errorf("got exit %d, stderr %q; want %d and the ANILIST_TOKEN hint", r.code, r.stderr, ExitAuth)
		}
	})
	t.Run("rate limited", func(t *testing.T) {
		t.Parallel()
		srv := anilisttest.NewUnstartedServer()
		srv.RateLimit = 1
		srv.Start()
		defer srv.Close()
		h := newHarness(t)
		h.vars[envEndpoint] = srv.URL
		h.client = func(o *anilist.Options) { o.MaxRateLimitRetries = -1 }
		h.mustRun("search", "Frieren")
		r := h.run("--no-cache", "search", "Frieren") // the cache would answer it
		if r.code != ExitRateLimit || !strings.Contains(r.stderr, "rate limited by AniList: try again") {
			t.Errorf("got exit %d, stderr %q; want %d and when to try again", r.code, r.stderr, ExitRateLimit)
		}
	})
	t.Run("network", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		h.vars[envEndpoint] = "http://127.0.0.1:1"
		r := h.run("search", "Frieren")
		if r.code != ExitNetwork || !strings.Contains(r.stderr, "use --offline") {
			t.Errorf("got exit %d, stderr %q; want %d and the --offline hint", r.code, r.stderr, ExitNetwork)
		}
	})
}

func TestOnlineWithStoredToken(t *testing.T) {
	t.Parallel()
	h, srv := onlineHarness(t)
	saveToken(t, h, srv.ViewerToken())
	if r := h.mustRun("whoami"); !strings.Contains(r.stdout, anilisttest.DemoUserName) || strings.Contains(r.stdout, "offline") {
		t.Errorf("whoami = %q; want the demo user, online", r.stdout)
	}
	h.mustRun("set", "154587", "--progress", "5")
	if r := h.mustRun("--json", "list"); !strings.Contains(r.stdout, `"mediaId": 154587`) {
		t.Errorf("list after set lacks media 154587:\n%s", r.stdout)
	}
	if r := h.mustRun("logout"); !strings.Contains(r.stdout, "logged out") {
		t.Errorf("logout = %q", r.stdout)
	}
	if r := h.run("whoami"); r.code != ExitAuth {
		t.Errorf("whoami after logout: exit %d; want %d", r.code, ExitAuth)
	}
}

func TestShowWait(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	e := newEnv(nil, &b, &b, func(string) string { return "" })
	e.showWait(anilist.Wait{Op: "SearchMedia", Reason: anilist.WaitRateLimited, Delay: 12400 * time.Millisecond, Attempt: 2})
	want := "anigql: rate limited: waiting 12s before SearchMedia (attempt 2)\n"
	if b.String() != want {
		t.Errorf("showWait printed %q; want %q", b.String(), want)
	}
}

func TestExitCode(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		want int
	}{
		{errors.New("x"), ExitError},
		{usagef("bad"), ExitUsage},
		{fmt.Errorf("anilist: Viewer: %w", auth.ErrNoToken), ExitAuth},
		{&anilist.RateLimitError{Op: "Q"}, ExitRateLimit},
		{&url.Error{Op: "Post", URL: "http://x", Err: errors.New("connection refused")}, ExitNetwork},
		{&url.Error{Op: "Post", URL: "http://x", Err: context.DeadlineExceeded}, ExitNetwork},
		{&url.Error{Op: "Post", URL: "http://x", Err: context.Canceled}, ExitError}, // Ctrl-C
		{fmt.Errorf("auth: login timed out waiting for the browser: %w", context.DeadlineExceeded), ExitError},
		{silentError{ExitError}, ExitError},
	} {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d; want %d", tt.err, got, tt.want)
		}
	}
}

// TestServeJSON runs serve until its --timeout ends it, printing one JSON
// object a script can use.
func TestServeJSON(t *testing.T) {
	t.Parallel()
	r := newHarness(t).mustRun("--json", "--timeout", "1ms", "serve", "--addr", "127.0.0.1:0")
	var info serveInfo
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil {
		t.Fatalf("serve --json printed %q: %v", r.stdout, err)
	}
	if !strings.HasPrefix(info.URL, "http://127.0.0.1:") || !strings.HasPrefix(info.Token, "ey") ||
		info.TokenURL != info.URL+"/api/v2/oauth/token" || info.ClientID != anilisttest.DemoClientID {
		t.Errorf("serve --json = %+v; want the URL, a JWT, the OAuth endpoints and the demo client", info)
	}
}

package cli

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/auth"
)

// run1 runs the built binary with extra environment and standard input and
// returns its exit code and output.
func run1(t *testing.T, env []string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := command(t, args...)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	return exitCodeOf(cmd.Run()), out.String(), errOut.String()
}

// expiredJWT is an unsigned token whose exp passed in 2001: anigql must
// refuse it before sending anything.
func expiredJWT() string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(`{"sub":"1","exp":1000000000}`)) + ".c2ln"
}

// TestE2ENewUser holds what a new user met on a fresh clone (issue 9,
// section 2), each against the built binary: exit code and message.
func TestE2ENewUser(t *testing.T) {
	t.Parallel()
	srv := anilisttest.NewServer()
	t.Cleanup(srv.Close) // after the parallel subtests
	dir := t.TempDir()
	two := filepath.Join(dir, "two.graphql")
	write(t, two, "query A { Viewer { id } }\nquery B { Viewer { name } }\n")
	one := filepath.Join(dir, "one.graphql")
	write(t, one, "query One { Media(id: 154587) { id } }\n")
	timedOut := "anigql: timed out after 1ns (--timeout): the command did not finish; allow more time or leave --timeout out\n"
	for _, tt := range []struct {
		name   string
		args   []string
		env    []string
		stdin  string
		code   int
		stdout string // a substring
		stderr string // the whole of standard error, or a substring after "~"
	}{
		{"offline schema introspects the emulator", []string{"--offline", "schema"}, nil, "", ExitOK, "type Media {", ""},
		{"schema honours ANIGQL_ENDPOINT", []string{"schema"}, []string{envEndpoint + "=" + srv.URL}, "", ExitOK, "type Media {", ""},
		{"search honours ANIGQL_ENDPOINT", []string{"search", "Frieren"}, []string{envEndpoint + "=" + srv.URL}, "", ExitOK, "Sousou no Frieren", ""},
		{"timeout: search", []string{"--timeout", "1ns", "search", "x"}, nil, "", ExitTimeout, "", timedOut},
		{"timeout: list", []string{"--timeout", "1ns", "--offline", "list"}, nil, "", ExitTimeout, "", timedOut},
		{"timeout: query", []string{"--timeout", "1ns", "--offline", "query", one}, nil, "", ExitTimeout, "", timedOut},
		{"timeout: schema", []string{"--timeout", "1ns", "schema"}, []string{envEndpoint + "=" + srv.URL}, "", ExitTimeout, "", timedOut},
		{"timeout: whoami", []string{"--timeout", "1ns", "--offline", "whoami"}, nil, "", ExitTimeout, "", timedOut},
		{"negative timeout", []string{"--timeout", "-1s", "search", "x"}, nil, "", ExitUsage, "", "anigql: --timeout must not be negative, not -1s\n"},
		{"negative login timeout", []string{"--offline", "login", "--timeout", "-1s"}, nil, "", ExitUsage, "", "anigql: --timeout must not be negative, not -1s\n"},
		{"unknown flag before the command", []string{"--offlne", "search", "x"}, nil, "", ExitUsage, "", "anigql: unknown flag --offlne (did you mean --offline?)\n"},
		{"unknown command suggestion on one line", []string{"serach", "x"}, nil, "", ExitUsage, "", "anigql: unknown command \"serach\" (did you mean search?)\n"},
		{"version command", []string{"version"}, nil, "", ExitOK, "anigql (devel) (library 0.1.0, go", ""},
		{"--version", []string{"--version"}, nil, "", ExitOK, "anigql (devel) (library 0.1.0, go", ""},
		{"empty search", []string{"--offline", "search", ""}, nil, "", ExitUsage, "", "anigql: search needs a title: an empty one would match everything (anigql search Frieren)\n"},
		{"set --score abc", []string{"--offline", "set", "154587", "--score", "abc"}, nil, "", ExitUsage, "", "anigql: --score: \"abc\" is not a number (such as 8.5)\n"},
		{"set --progress x", []string{"--offline", "set", "154587", "--progress", "x"}, nil, "", ExitUsage, "", "anigql: --progress: \"x\" is not a whole number\n"},
		{"logout of a profile never logged in", []string{"--profile", "nosuch", "logout"}, nil, "", ExitError, "", "~profile nosuch has no stored token"},
		{"query of two operations names them", []string{"--offline", "query", two}, nil, "", ExitUsage, "", "anigql: " + two + " has 2 operations (A, B): pick one with --operation NAME\n"},
		{"query - reads standard input", []string{"--offline", "query", "-"}, nil, "{ Media(id: 154587) { title { romaji } } }", ExitOK, `"romaji": "Sousou no Frieren"`, ""},
		{"expired ANILIST_TOKEN", []string{"search", "x"}, []string{auth.EnvVar + "=" + expiredJWT()}, "", ExitAuth, "",
			"anigql: the token in ANILIST_TOKEN expired on 2001-09-09: unset it or set a fresh one (it overrides any anigql login)\n"},
		{"reset needs --offline", []string{"reset"}, nil, "", ExitUsage, "", "anigql: reset clears the offline emulator's state: run anigql --offline reset\n"},
		{"list --sort checked", []string{"--offline", "list", "--sort", "random"}, nil, "", ExitUsage, "", "anigql: --sort must be one of title, score, updated, progress, not \"random\"\n"},
		{"list --limit checked", []string{"--offline", "list", "--limit", "-1"}, nil, "", ExitUsage, "", "anigql: --limit must not be negative, not -1\n"},
		{"list --status checked", []string{"--offline", "list", "--status", "watching"}, nil, "", ExitUsage, "", "~--status must be one of current, planning"},
		{"NO_COLOR: there is no colour", []string{"--offline", "search", "Frieren"}, []string{"NO_COLOR=1"}, "", ExitOK, "Sousou no Frieren", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run1(t, tt.env, tt.stdin, tt.args...)
			okErr := stderr == tt.stderr
			if rest, ok := strings.CutPrefix(tt.stderr, "~"); ok {
				okErr = strings.Contains(stderr, rest) && strings.Count(stderr, "\n") == 1
			}
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !okErr {
				t.Errorf("anigql %s: exit %d, stdout %.200q, stderr %q; want exit %d, stdout with %q, stderr %q",
					strings.Join(tt.args, " "), code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
			if strings.Contains(stdout+stderr, "\x1b[") || strings.Contains(stderr, "strconv") {
				t.Errorf("anigql %s: colour codes or strconv internals in the output:\n%s%s", strings.Join(tt.args, " "), stdout, stderr)
			}
		})
	}
}

// TestE2EOfflineState: what an --offline command changes is there for the
// next one, in the cache directory; reset forgets it.
func TestE2EOfflineState(t *testing.T) {
	t.Parallel()
	cache := t.TempDir()
	env := []string{envCacheDir + "=" + cache}
	progress := func() string {
		t.Helper()
		code, out, errOut := run1(t, env, "", "--offline", "--json", "list", "--status", "current,paused,planning,completed,dropped,repeating")
		if code != ExitOK {
			t.Fatalf("list: exit %d: %s", code, errOut)
		}
		m := regexp.MustCompile(`(?s)"mediaId": 154587,.*?"progress": (\d+)`).FindStringSubmatch(out)
		if m == nil {
			return "none"
		}
		return m[1]
	}
	before := progress()
	if code, _, errOut := run1(t, env, "", "--offline", "set", "154587", "--progress", "27"); code != ExitOK {
		t.Fatalf("set: exit %d: %s", code, errOut)
	}
	if got := progress(); got != "27" {
		t.Errorf("progress after set in an earlier command = %s; want 27 (before: %s)", got, before)
	}
	state := filepath.Join(cache, "offline", stateFileName)
	if _, err := os.Stat(state); err != nil {
		t.Errorf("no offline state at %s: %v", state, err)
	}
	code, out, _ := run1(t, env, "", "paths")
	if code != ExitOK || !strings.Contains(out, state) {
		t.Errorf("paths: exit %d, %q; want %s listed", code, out, state)
	}
	code, out, _ = run1(t, env, "", "--offline", "reset")
	if code != ExitOK || out != "removed the offline state "+state+": the emulator is fresh\n" {
		t.Errorf("reset: exit %d, %q", code, out)
	}
	if got := progress(); got != before {
		t.Errorf("progress after reset = %s; want %s", got, before)
	}
}

// TestE2EListWholeList: a list over 500 entries (two chunks) comes out as
// one list, each status in one run, in AniList's order, sorted within it;
// --status, --sort and --limit apply to the whole of it.
func TestE2EListWholeList(t *testing.T) {
	t.Parallel()
	code, out, errOut := run1(t, nil, "", "--offline", "list")
	if code != ExitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")[1:]
	if len(lines) <= 500 {
		t.Fatalf("the demo list has %d entries; want over 500 so that it takes two chunks", len(lines))
	}
	var runs []string
	for _, l := range lines {
		st := strings.Fields(l)[2]
		if len(runs) == 0 || runs[len(runs)-1] != st {
			runs = append(runs, st)
		}
	}
	want := []string{"CURRENT", "PLANNING", "COMPLETED", "DROPPED", "PAUSED", "REPEATING"}
	if !slices.Equal(runs, want) {
		t.Errorf("statuses in the order %v; want each once, in the order %v", runs, want)
	}

	code, out, errOut = run1(t, nil, "", "--offline", "list", "--status", "completed", "--sort", "score", "--limit", "7")
	if code != ExitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	lines = strings.Split(strings.TrimSpace(out), "\n")[1:]
	if len(lines) != 7 {
		t.Errorf("--limit 7 printed %d entries", len(lines))
	}
	prev := 1e9
	for _, l := range lines {
		f := strings.Fields(l)
		score, _ := strconv.ParseFloat(f[4], 64)
		if f[2] != "COMPLETED" || score > prev {
			t.Errorf("--status completed --sort score: row %q out of place", l)
		}
		prev = score
	}
}

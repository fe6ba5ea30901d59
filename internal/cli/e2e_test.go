package cli

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/anigql/anigql/anilisttest"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// anigqlBin builds cmd/anigql once per test binary and returns its path.
func anigqlBin(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "anigql-e2e")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "anigql")
		// -buildvcs=false: the version line must not depend on whether the
		// checkout is clean (Go stamps a pseudo-version then) or dirty.
		out, err := exec.Command("go", "build", "-buildvcs=false", "-o", binPath, "../../cmd/anigql").CombinedOutput()
		if err != nil {
			binErr = errors.New(string(out))
		}
	})
	if binErr != nil {
		t.Fatalf("building anigql: %v", binErr)
	}
	return binPath
}

// command returns an exec.Cmd for the built binary with a private config
// directory (and so cache: ANIGQL_CONFIG_DIR/cache) and no inherited token,
// cache directory or endpoint.
func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), anigqlBin(t), args...)
	cmd.Env = append(os.Environ(), envConfigDir+"="+t.TempDir(), envCacheDir+"=", "ANILIST_TOKEN=", envEndpoint+"=")
	return cmd
}

func exitCodeOf(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestE2EQuickStart(t *testing.T) {
	t.Parallel()
	out, err := command(t, "--offline", "search", "Frieren").Output()
	if err != nil {
		t.Fatalf("anigql --offline search Frieren: %v", err)
	}
	if !strings.Contains(string(out), "154587") || !strings.Contains(string(out), "Sousou no Frieren") {
		t.Errorf("output lacks Frieren:\n%s", out)
	}
}

func TestE2EServe(t *testing.T) {
	t.Parallel()
	cmd := command(t, "serve", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	var lines []string
	for len(lines) < 2 && sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "http://127.0.0.1:") || !strings.HasPrefix(lines[1], "token: ey") {
		t.Fatalf("serve printed %q; want the URL, then token: <jwt>", lines)
	}
	who := command(t, "whoami")
	who.Env = append(who.Env, envEndpoint+"="+lines[0], "ANILIST_TOKEN="+strings.TrimPrefix(lines[1], "token: "))
	out, err := who.CombinedOutput()
	if err != nil || !strings.Contains(string(out), anilisttest.DemoUserName) {
		t.Errorf("whoami against anigql serve: %v\n%s", err, out)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGINT: %v; want exit 0", err)
	}
}

// TestE2ELoginNoBrowser: offline login finishes on its own for every
// grant, even with --no-browser, and says what it stored where.
func TestE2ELoginNoBrowser(t *testing.T) {
	t.Parallel()
	for _, grant := range []string{"code", "implicit", "pin"} {
		cmd := command(t, "--offline", "login", "--no-browser", "--grant", grant, "--timeout", "1m")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("login --grant %s: %v\n%s", grant, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), "logged in as DemoUser") || !strings.Contains(stdout.String(), "nothing was stored") ||
			!strings.Contains(stdout.String(), "offline/"+stateFileName) {
			t.Errorf("login --grant %s stdout = %q; want who, that nothing was stored and where the offline state is", grant, stdout.String())
		}
		if !strings.Contains(stderr.String(), "http://127.0.0.1:") || !strings.Contains(stderr.String(), "offline: approved as DemoUser") {
			t.Errorf("login --grant %s stderr = %q; want the URL and the approval", grant, stderr.String())
		}
	}
}

// TestE2EListProgressPTY runs list on a pseudo-terminal: the progress line
// is drawn and cleared; with pipes it is not.
func TestE2EListProgressPTY(t *testing.T) {
	t.Parallel()
	cmd := command(t, "--offline", "list")
	f, err := pty.Start(cmd)
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer f.Close()
	var out bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&out, f); close(done) }()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("list on a pty: %v", err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second): // the pty did not report the end
		f.Close()
		<-done
	}
	s := out.String()
	if !strings.Contains(s, "list █") || !strings.Contains(s, "chunk 1 · ") || !strings.Contains(s, "\r\x1b[K") || !strings.Contains(s, "PROGRESS") {
		t.Errorf("pty output lacks the progress line or the table:\n%q", s)
	}
	piped, err := command(t, "--offline", "list").CombinedOutput()
	if err != nil || strings.Contains(string(piped), "chunk") {
		t.Errorf("piped list: %v; output has a progress line: %q", err, piped)
	}
}

// TestE2EEveryCommand runs each command through the built binary against
// the emulator (--offline, or `anigql serve` for the online path).
func TestE2EEveryCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	query := filepath.Join(dir, "q.graphql")
	if err := os.WriteFile(query, []byte("query Q($id: Int) { Media(id: $id) { id title { romaji } } }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	module := filepath.Join(dir, "mod")
	if err := os.MkdirAll(module, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(module, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--offline", "search", "Frieren"}, "Sousou no Frieren"},
		{[]string{"--offline", "--json", "whoami"}, `"name": "DemoUser"`},
		{[]string{"--offline", "list", "--type", "manga"}, "PROGRESS"},
		{[]string{"--offline", "set", "154587", "--status", "paused"}, "PAUSED"},
		{[]string{"--offline", "query", query, "--var", "id=154587"}, `"romaji": "Sousou no Frieren"`},
		{[]string{"--offline", "logout"}, "offline"},
		{[]string{"--offline", "reset"}, "the emulator is fresh"},
		{[]string{"paths"}, "offline state"},
		{[]string{"version"}, "anigql "},
		{[]string{"init", module}, "Next steps:"},
		{[]string{"lint", filepath.Join(module, "queries")}, ""},
		{[]string{"schema", "--from", "../../schema.graphql"}, "type Media {"},
		{[]string{"--help"}, "anigql --offline search Frieren"},
	} {
		out, err := command(t, tt.args...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), tt.want) {
			t.Errorf("anigql %s: %v; want output containing %q:\n%s", strings.Join(tt.args, " "), err, tt.want, out)
		}
	}
}

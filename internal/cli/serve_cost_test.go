package cli

import (
	"bufio"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
)

// TestE2EServeMaxComplexity runs serve with a lower limit and sends it a
// request over it: the answer is AniList's 400 with the limit served.
func TestE2EServeMaxComplexity(t *testing.T) {
	t.Parallel()
	cmd := command(t, "serve", "--addr", "127.0.0.1:0", "--max-complexity", "10")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
	}()
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "http://127.0.0.1:") {
		t.Fatalf("serve printed %q; want its URL", sc.Text())
	}
	query := `{"query":"{ a: Media(id: 1) { id title { romaji english native } } b: Media(id: 2) { id title { romaji english native } } }"}`
	resp, err := http.Post(sc.Text(), "application/json", strings.NewReader(query))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	want := `{"errors":[{"message":"Max query complexity should be 10 but got 12.","status":400}],"data":null}`
	if resp.StatusCode != http.StatusBadRequest || string(body) != want {
		t.Errorf("got %d %s; want 400 %s", resp.StatusCode, body, want)
	}
}

func TestServeMaxComplexityNegative(t *testing.T) {
	t.Parallel()
	r := newHarness(t).run("serve", "--addr", "127.0.0.1:0", "--max-complexity", "-1")
	if r.code != ExitUsage || !strings.Contains(r.stderr, "--max-complexity") {
		t.Errorf("serve --max-complexity -1: exit %d, %q; want %d and a message", r.code, r.stderr, ExitUsage)
	}
}

package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

// approveInBackground is a browser opener that approves the consent page
// and, for the pin page, pastes the code into w.
func approveInBackground(t *testing.T, w io.WriteCloser) func(string) error {
	return func(u string) error {
		go func() {
			pin, err := browser(t, u)
			if err != nil {
				t.Errorf("browser: %v", err)
			}
			if w != nil {
				fmt.Fprintln(w, pin)
				w.Close()
			}
		}()
		return nil
	}
}

// TestLoginOffline: with --offline, login finishes on its own for every
// grant (the CLI approves as the demo user) and says that nothing was
// stored, and where the emulator's state is kept.
func TestLoginOffline(t *testing.T) {
	t.Parallel()
	for _, grant := range []string{"code", "implicit", "pin"} {
		t.Run(grant, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t) // a browser opened would fail the test
			r := h.mustRun("--offline", "login", "--no-browser", "--grant", grant)
			want := fmt.Sprintf("logged in as %s (id %d, profile default)", anilisttest.DemoUserName, anilisttest.DemoUserID)
			if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "nothing was stored") || !strings.Contains(r.stdout, filepath.Join(h.vars[envConfigDir], "cache", "offline", stateFileName)) {
				t.Errorf("stdout = %q; want %q, that nothing was stored and where the offline state is", r.stdout, want)
			}
			if !strings.Contains(r.stderr, "/api/v2/oauth/authorize?") || !strings.Contains(r.stderr, "offline: approved as DemoUser") {
				t.Errorf("stderr = %q; want the consent URL and the approval", r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, "eyJ") {
				t.Error("output contains a JWT; tokens must never be printed")
			}
		})
	}
}

func TestLoginOnlineStoresToken(t *testing.T) {
	t.Parallel()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	redirect := fmt.Sprintf("http://127.0.0.1:%d/callback", port)
	srv := anilisttest.NewUnstartedServer()
	srv.RedirectURI = redirect
	srv.Start()
	defer srv.Close()
	h := newHarness(t)
	h.vars[envEndpoint] = srv.URL
	h.vars[envOAuthURL] = srv.URL + "/api/v2/oauth"
	h.vars[envClientID] = anilisttest.DemoClientID
	// the secret and redirect come from config.json
	cfg := fmt.Sprintf(`{"client_secret": %q, "redirect_url": %q}`, anilisttest.DemoClientSecret, redirect)
	if err := os.WriteFile(filepath.Join(h.vars[envConfigDir], "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	h.open = approveInBackground(t, nil)
	r := h.mustRun("login", "--profile", "work")
	where := "stored in " + filepath.Join(h.vars[envConfigDir], "tokens", "work.json") + " (mode 0600)"
	if !strings.Contains(r.stdout, "logged in as DemoUser") || !strings.Contains(r.stdout, where) {
		t.Errorf("login stdout = %q; want who and %q", r.stdout, where)
	}
	info, err := os.Stat(filepath.Join(h.vars[envConfigDir], "tokens", "work.json"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("stored token: %v, mode %v; want a 0600 file", err, info)
	}
	if r := h.mustRun("--profile", "work", "whoami"); !strings.Contains(r.stdout, "DemoUser") {
		t.Errorf("whoami with the stored token = %q", r.stdout)
	}
	if r := h.run("whoami"); r.code != ExitAuth {
		t.Errorf("whoami on another profile: exit %d; want %d", r.code, ExitAuth)
	}
}

func TestLoginUsage(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"login"}, "no client id"},
		{[]string{"login", "--client-id", "1"}, "no redirect URL"},
		{[]string{"login", "--grant", "password"}, "--grant must be code, implicit or pin"},
		{[]string{"--profile", "../x", "login", "--client-id", "1", "--grant", "pin"}, "invalid profile name"},
	} {
		r := newHarness(t).run(tt.args...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("anigql %v: exit %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, ExitUsage, tt.want)
		}
	}
}

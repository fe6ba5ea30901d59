package cli

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestREADMESynopsis keeps the README's command-line synopsis true: every
// command and flag it names exists, and the exit codes are ours.
func TestREADMESynopsis(t *testing.T) {
	t.Parallel()
	readme := readFile(t, "../../README.md")
	m := regexp.MustCompile("(?s)## The command line\\s+```\\n(.*?)```\\s+(.*?)\\n\\n").FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("README has no synopsis block under \"## The command line\"")
	}
	root := newRootCmd(newEnv(nil, nil, nil, func(string) string { return "" }))
	lines := strings.Split(strings.TrimSpace(m[1]), "\n")
	for _, f := range regexp.MustCompile(`--[a-z-]+`).FindAllString(lines[0], -1) {
		if root.PersistentFlags().Lookup(f[2:]) == nil {
			t.Errorf("README: global flag %s does not exist", f)
		}
	}
	seen := map[string]bool{}
	for _, l := range lines[1:] {
		for _, seg := range regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1) {
			name := strings.Fields(seg)[0]
			cmd, _, err := root.Find([]string{name})
			if err != nil || cmd.Name() != name {
				t.Errorf("README: command %q does not exist", name)
				continue
			}
			seen[name] = true
			for _, f := range regexp.MustCompile(`(?:^|[\s\[])(--?[a-z-]+)`).FindAllStringSubmatch(seg, -1) {
				flag := f[1]
				if strings.HasPrefix(flag, "--") && cmd.Flag(flag[2:]) == nil ||
					!strings.HasPrefix(flag, "--") && cmd.Flags().ShorthandLookup(flag[1:]) == nil {
					t.Errorf("README: %s has no flag %s", name, flag)
				}
			}
		}
	}
	for _, c := range root.Commands() {
		if !seen[c.Name()] && c.Name() != "help" && c.Name() != "completion" {
			t.Errorf("README synopsis lacks the %s command", c.Name())
		}
	}
	for code, what := range map[int]string{ExitOK: "ok", ExitError: "error", ExitUsage: "usage", ExitAuth: "not logged in", ExitRateLimit: "rate limited", ExitNetwork: "network", ExitTimeout: "timed out"} {
		if want := fmt.Sprintf("%d %s", code, what); !strings.Contains(m[2], want) {
			t.Errorf("README exit codes %q lack %q", m[2], want)
		}
	}
}

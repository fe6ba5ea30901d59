package cli

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/anigql/anigql/anilist"
)

// harness runs command lines in-process with a private config directory.
type harness struct {
	t      *testing.T
	vars   map[string]string
	stdin  io.Reader
	now    func() time.Time
	tty    bool
	open   func(string) error
	client func(*anilist.Options)
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return &harness{t: t, vars: map[string]string{envConfigDir: t.TempDir()}, open: func(u string) error {
		t.Errorf("unexpected browser for %s", u)
		return nil
	}}
}

type result struct {
	code           int
	stdout, stderr string
}

func (h *harness) run(args ...string) result {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	stdin := h.stdin
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	e := newEnv(stdin, &stdout, &stderr, func(k string) string { return h.vars[k] })
	e.isTerminal = func(io.Writer) bool { return h.tty }
	e.openURL = h.open
	e.clientOpts = func(o *anilist.Options) {
		o.MaxRetries = -1 // no backoff waits in tests
		if h.client != nil {
			h.client(o)
		}
	}
	if h.now != nil {
		e.now = h.now
	}
	ctx, cancel := context.WithTimeout(h.t.Context(), 30*time.Second)
	defer cancel()
	code := run(ctx, e, args)
	return result{code, stdout.String(), stderr.String()}
}

// mustRun runs args and fails the test unless it exits 0.
func (h *harness) mustRun(args ...string) result {
	h.t.Helper()
	r := h.run(args...)
	if r.code != 0 {
		h.t.Fatalf("anigql %s: exit %d; want 0\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)

// browser plays the user in front of a consent page: it approves, follows
// the redirect to the loopback receiver (relaying an implicit grant's
// fragment as the receiver's page script would) or, for the pin page,
// returns the code shown.
func browser(t *testing.T, consentURL string) (pin string, err error) {
	noRedirect := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err := noRedirect.Get(consentURL)
	if err != nil {
		return "", err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	form := url.Values{"action": {"approve"}}
	for _, m := range hiddenInput.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	resp, err = noRedirect.PostForm(consentURL, form)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", err
	}
	frag := loc.EscapedFragment()
	loc.Fragment, loc.RawFragment = "", ""
	if frag != "" {
		req, _ := http.NewRequest(http.MethodPost, loc.String(), strings.NewReader(frag))
		req.Header.Set("X-Anigql-Relay", "1")
		req.Header.Set("Origin", "http://"+loc.Host) // as a browser's fetch does
		resp, err = noRedirect.Do(req)
	} else {
		resp, err = noRedirect.Get(loc.String())
	}
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if m := regexp.MustCompile(`(?s)<textarea id="code"[^>]*>(.*?)</textarea>`).FindSubmatch(body); m != nil {
		return html.UnescapeString(string(m[1])), nil
	}
	return "", nil
}

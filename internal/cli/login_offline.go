package cli

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// demoApprover plays the demo user in front of the offline emulator's
// consent page, so that `anigql --offline login` finishes on its own: it
// approves, follows the redirect to the loopback receiver (relaying an
// implicit grant's fragment as the receiver page's script does) or, for the
// pin page, pastes the code shown into the returned reader, which stands in
// for standard input. It writes nothing itself (the login does, at the same
// time); when it fails it cancels the login with the reason.
func demoApprover(fail context.CancelCauseFunc) (open func(string) error, pin io.Reader) {
	pr, pw := io.Pipe()
	open = func(consentURL string) error {
		go func() {
			code, err := approveAsDemoUser(consentURL)
			if err != nil {
				err = fmt.Errorf("offline approval: %w", err)
				pw.CloseWithError(err)
				fail(err)
				return
			}
			if code != "" {
				fmt.Fprintln(pw, code)
			}
			pw.Close()
		}()
		return nil
	}
	return open, pr
}

var (
	hiddenField = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)
	pinCode     = regexp.MustCompile(`(?s)<textarea id="code"[^>]*>(.*?)</textarea>`)
)

// approveAsDemoUser approves the consent page at consentURL and delivers
// the answer; it returns the code for the pin page, else "".
func approveAsDemoUser(consentURL string) (string, error) {
	c := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	page, _, err := fetch(c, http.MethodGet, consentURL, nil, nil)
	if err != nil {
		return "", err
	}
	form := url.Values{"action": {"approve"}}
	for _, m := range hiddenField.FindAllStringSubmatch(page, -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	_, resp, err := fetch(c, http.MethodPost, consentURL, strings.NewReader(form.Encode()), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
	if err != nil {
		return "", err
	}
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil || resp.Header.Get("Location") == "" {
		return "", errors.New("the consent page did not redirect")
	}
	frag := loc.EscapedFragment()
	loc.Fragment, loc.RawFragment = "", ""
	var body string
	if frag != "" { // implicit grant: what the receiver page's script posts
		body, _, err = fetch(c, http.MethodPost, loc.String(), strings.NewReader(frag), http.Header{
			"Content-Type": {"application/x-www-form-urlencoded"}, "X-Anigql-Relay": {"1"}, "Origin": {"http://" + loc.Host},
		})
	} else {
		body, _, err = fetch(c, http.MethodGet, loc.String(), nil, nil)
	}
	if err != nil {
		return "", err
	}
	if m := pinCode.FindStringSubmatch(body); m != nil {
		return strings.TrimSpace(html.UnescapeString(m[1])), nil
	}
	return "", nil
}

func fetch(c *http.Client, method, u string, body io.Reader, h http.Header) (string, *http.Response, error) {
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return "", nil, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return string(b), resp, err
}

package auth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// target is the loopback receiver of a login under attack.
type target struct {
	t        *testing.T
	redirect *url.URL // the receiver's redirect URI

	mu       sync.Mutex
	callback *url.URL // the genuine callback, once the browser has it

	racing   sync.WaitGroup // forged callbacks sent alongside the genuine one
	statuses chan int       // their answers
}

// send makes one request to the receiver, as a hostile local process or
// web page could, and returns its status (0 if it failed).
func (tg *target) send(method, rawQuery, body string, edit func(*http.Request)) int {
	u := *tg.redirect
	u.RawQuery = rawQuery
	req, _ := http.NewRequest(method, u.String(), strings.NewReader(body))
	if edit != nil {
		edit(req)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		tg.t.Errorf("%s %s: %v", method, u.Redacted(), err)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func (tg *target) genuine() *url.URL {
	tg.mu.Lock()
	defer tg.mu.Unlock()
	return tg.callback
}

// relay sets what the relay page's script sends.
func (tg *target) relay(r *http.Request) {
	r.Header.Set(relayHeader, "1")
	r.Header.Set("Origin", "http://"+tg.redirect.Host)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
}

// attack is one row of TestReceiverAttacks. before runs once the receiver
// listens and before the user approves; during runs while Login exchanges
// the genuine code (the receiver has accepted it, Login has not
// returned). Each returns the status the receiver answered the attack with.
type attack struct {
	name   string
	grant  Grant
	before func(*target) int
	during func(*target) int
	want   int
}

var attacks = []attack{
	{name: "stateless callback", grant: GrantCode, want: 400,
		before: func(tg *target) int { return tg.send("GET", "code=forged", "", nil) }},
	{name: "wrong state", grant: GrantCode, want: 400,
		before: func(tg *target) int { return tg.send("GET", "code=forged&state="+NewState(), "", nil) }},
	{name: "replay of the genuine callback", grant: GrantCode, want: 409,
		during: func(tg *target) int { return tg.send("GET", tg.genuine().RawQuery, "", nil) }},
	{name: "racing forged callbacks", grant: GrantCode, want: 400,
		// Eight forged callbacks race the genuine one (the browser starts
		// right after before returns); all are answered before the code is
		// exchanged, while the receiver still listens.
		before: func(tg *target) int {
			tg.statuses = make(chan int, 8)
			for i := range 8 {
				tg.racing.Go(func() { tg.statuses <- tg.send("GET", fmt.Sprintf("code=forged%d&state=guess%d", i, i), "", nil) })
			}
			return 400
		},
		during: func(tg *target) int {
			tg.racing.Wait()
			close(tg.statuses)
			worst := 400
			for s := range tg.statuses {
				if s != 400 {
					worst = s
				}
			}
			return worst
		}},
	{name: "racing copies of the genuine callback", grant: GrantCode, want: 409,
		during: func(tg *target) int {
			statuses := make(chan int, 4)
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() { statuses <- tg.send("GET", tg.genuine().RawQuery, "", nil) })
			}
			wg.Wait()
			close(statuses)
			for s := range statuses {
				if s != 409 {
					return s
				}
			}
			return 409
		}},
	{name: "wrong Host (DNS rebinding)", grant: GrantCode, want: 421,
		before: func(tg *target) int {
			return tg.send("GET", "code=forged&state=x", "", func(r *http.Request) { r.Host = "evil.example:" + tg.redirect.Port() })
		}},
	{name: "huge query", grant: GrantCode, want: 414,
		before: func(tg *target) int { return tg.send("GET", "code="+strings.Repeat("A", 40<<10), "", nil) }},
	{name: "error callback with wrong state", grant: GrantCode, want: 400,
		before: func(tg *target) int { return tg.send("GET", "error=access_denied&state=guess", "", nil) }},
	{name: "error callback without state", grant: GrantImplicit, want: 400,
		before: func(tg *target) int { return tg.send("GET", "error=access_denied", "", nil) }},
	{name: "GET with access_token", grant: GrantImplicit, want: 400,
		before: func(tg *target) int { return tg.send("GET", "access_token=forged&token_type=Bearer", "", nil) }},
	{name: "relay POST with forged token, no state", grant: GrantImplicit, want: 400,
		before: func(tg *target) int { return tg.send("POST", "", "access_token=forged", tg.relay) }},
	{name: "cross-site relay POST", grant: GrantImplicit, want: 403,
		before: func(tg *target) int {
			return tg.send("POST", "", "access_token=forged", func(r *http.Request) {
				tg.relay(r)
				r.Header.Set("Origin", "https://evil.example")
			})
		}},
}

// TestReceiverAttacks runs a real login against the emulator while a
// hostile client attacks the receiver; it checks the answer to the attack
// and that Login still returns the genuine token.
func TestReceiverAttacks(t *testing.T) {
	t.Parallel()
	for _, at := range attacks {
		t.Run(at.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := loginUnderAttack(t, at.grant, func(tg *target) {
				if at.before != nil {
					checkStatus(t, "before", at.before(tg), at.want)
				}
			}, func(tg *target) {
				if at.during != nil {
					checkStatus(t, "during", at.during(tg), at.want)
				}
			})
			if err != nil {
				t.Fatalf("Login: %v", err)
			}
		})
	}
}

func checkStatus(t *testing.T, phase string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("%s the callback, the attack got %d; want %d", phase, got, want)
	}
}

// loginUnderAttack runs Login with grant g against a fresh emulator; before
// runs when the receiver is up, during while the genuine code is being
// exchanged (code grant only). It checks the token is the emulator's.
func loginUnderAttack(t *testing.T, g Grant, before, during func(*target)) (*target, *Token, error) {
	t.Helper()
	e := newEmulator(t)
	tg := &target{t: t}
	conf := &Config{ClientID: emuClientID, RedirectURL: "http://127.0.0.1:0/callback", Endpoint: e.Endpoint, Now: fixedNow}
	if g == GrantCode {
		conf.ClientSecret = emuSecret
		conf.HTTPClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			during(tg)
			return http.DefaultTransport.RoundTrip(r)
		})}
	}
	b := newBrowser(t, "approve")
	register := registerRedirect(t, e, conf.ClientSecret)
	var wg sync.WaitGroup
	var status int
	var berr error
	open := func(authURL string) error {
		register(authURL)
		u, _ := url.Parse(authURL)
		tg.redirect, _ = url.Parse(u.Query().Get("redirect_uri"))
		before(tg)
		wg.Go(func() {
			loc, err := b.consent(authURL)
			if err != nil {
				berr = err
				return
			}
			tg.mu.Lock()
			tg.callback = loc
			tg.mu.Unlock()
			status, _, berr = b.visit(loc)
		})
		return nil
	}
	tok, err := conf.Login(t.Context(), g, LoginOptions{Open: open, Output: io.Discard})
	wg.Wait()
	if berr != nil || status != http.StatusOK {
		t.Errorf("genuine browser: %d, %v; want 200", status, berr)
	}
	if err == nil {
		if uid, verr := e.VerifyToken(tok.AccessToken); verr != nil || uid != emuUserID {
			t.Errorf("Login returned a token the emulator did not issue: %d, %v", uid, verr)
		}
	}
	return tg, tok, err
}

// TestReceiverGivesUp checks that MaxBadCallbacks forged callbacks end the
// login with a *StateError, and one fewer does not.
func TestReceiverGivesUp(t *testing.T) {
	t.Parallel()
	t.Run("one fewer", func(t *testing.T) {
		t.Parallel()
		_, _, err := loginUnderAttack(t, GrantCode, func(tg *target) {
			for i := range MaxBadCallbacks - 1 {
				checkStatus(t, "before", tg.send("GET", fmt.Sprintf("code=c%d", i), "", nil), 400)
			}
		}, func(*target) {})
		if err != nil {
			t.Fatalf("Login: %v", err)
		}
	})
	t.Run("MaxBadCallbacks", func(t *testing.T) {
		t.Parallel()
		conf := &Config{ClientID: "1", ClientSecret: "s", RedirectURL: "http://127.0.0.1:0/cb", Endpoint: AniList}
		open := func(authURL string) error {
			u, _ := url.Parse(authURL)
			redirect, _ := url.Parse(u.Query().Get("redirect_uri"))
			tg := &target{t: t, redirect: redirect}
			for i := range MaxBadCallbacks {
				checkStatus(t, "before", tg.send("GET", fmt.Sprintf("code=c%d&state=s%d", i, i), "", nil), 400)
			}
			return nil
		}
		_, err := conf.Login(t.Context(), GrantCode, LoginOptions{Open: open, Output: io.Discard})
		var se *StateError
		if !errors.As(err, &se) || se.Rejected != MaxBadCallbacks {
			t.Errorf("Login error = %v; want *StateError with Rejected %d", err, MaxBadCallbacks)
		}
	})
}

// TestReceiverSlowBody holds a relay POST's body open across a whole login:
// Login must still return the genuine token, and the receiver must answer
// the held request (503) when the login ends rather than wait for its body.
func TestReceiverSlowBody(t *testing.T) {
	t.Parallel()
	var conn net.Conn
	_, _, err := loginUnderAttack(t, GrantImplicit, func(tg *target) {
		c, err := net.Dial("tcp", tg.redirect.Host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\n%s: 1\r\n"+
			"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\naccess_token=",
			tg.redirect.Path, tg.redirect.Host, tg.redirect.Host, relayHeader)
		conn = c
	}, nil)
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	defer conn.Close()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the held request got no answer: %v", err)
	}
	resp.Body.Close()
	checkStatus(t, "after", resp.StatusCode, http.StatusServiceUnavailable)
}

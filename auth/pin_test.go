package auth

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parsePinTest is a valid paste and what ParsePin makes of it.
type parsePinTest struct {
	name  string
	in    string
	grant Grant
	want  PinResult
}

// parsePinTests are TestParsePin's cases, and seeds of FuzzParsePin.
func parsePinTests(tb testing.TB) []parsePinTest {
	jwt := testJWT(tb, `{"sub":"1"}`)
	state := "a&b=c#d?é /+"
	return []parsePinTest{
		{"bare code", " def50200abc\n", GrantCode, PinResult{Code: "def50200abc"}},
		{"bare code with padding", "YWJj==", GrantCode, PinResult{Code: "YWJj=="}},
		{"bare JWT for code grant", jwt, GrantCode, PinResult{AccessToken: jwt}},
		{"bare token for implicit", "opaque", GrantImplicit, PinResult{AccessToken: "opaque"}},
		{"pin URL with code", "https://anilist.co/api/v2/oauth/pin?code=def502", GrantCode, PinResult{Code: "def502", FromURL: true}},
		{"loopback URL with state", "http://127.0.0.1:8/cb?code=c1&state=" + url.QueryEscape(state), GrantCode,
			PinResult{Code: "c1", State: state, HasState: true, FromURL: true}},
		{"fragment URL", "https://anilist.co/api/v2/oauth/pin#access_token=" + jwt + "&token_type=Bearer&expires_in=31536000",
			GrantImplicit, PinResult{AccessToken: jwt, TokenType: "Bearer", ExpiresIn: 31536000, FromURL: true}},
		{"fragment with reserved state", "myapp://cb#access_token=t&state=" + url.QueryEscape(state), GrantImplicit,
			PinResult{AccessToken: "t", State: state, HasState: true, FromURL: true}},
		{"query only", "?code=c2", GrantCode, PinResult{Code: "c2", FromURL: true}},
		{"fragment only", "#access_token=t2", GrantImplicit, PinResult{AccessToken: "t2", FromURL: true}},
		{"params without prefix", "access_token=t3&token_type=bearer", GrantImplicit, PinResult{AccessToken: "t3", TokenType: "bearer", FromURL: true}},
		{"AniAPI implicit", "http://localhost:3000/auth/#access_token=t4&state=RANDOM", GrantImplicit,
			PinResult{AccessToken: "t4", State: "RANDOM", HasState: true, FromURL: true}},
	}
}

func TestParsePin(t *testing.T) {
	t.Parallel()
	for _, tt := range parsePinTests(t) {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePin(tt.in, tt.grant)
			if err != nil {
				t.Fatalf("ParsePin: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePin (-want +got):\n%s", diff)
			}
		})
	}
}

// parsePinErrorTests are pastes ParsePin refuses, with a part of the
// error; TestParsePinErrors's cases, and seeds of FuzzParsePin.
var parsePinErrorTests = []struct {
	name, in string
	grant    Grant
	want     string
}{
	{"empty", " \n", GrantCode, "nothing was pasted"},
	{"too long", strings.Repeat("a", 3*maxTokenLen), GrantCode, "too long"},
	{"space inside", "abc def", GrantCode, "space"},
	{"URL without code", "https://anilist.co/api/v2/oauth/pin", GrantCode, "no code or token"},
	{"bad URL", "https://[::1/x", GrantCode, "not a valid URL"},
	{"bad query", "https://anilist.co/pin?code=%zz", GrantCode, "malformed query"},
	{"bad fragment escape", "myapp://cb#access_token=%zz", GrantImplicit, "not a valid URL"},
	{"semicolon in fragment", "myapp://cb#access_token=a;b", GrantImplicit, "malformed URL fragment"},
	{"code for implicit", "myapp://cb?code=abc", GrantImplicit, "expects a token"},
	{"token with control char", "myapp://cb#access_token=a%0Ab", GrantImplicit, "bad access_token"},
	{"state without code", "myapp://cb?state=x", GrantCode, "no code"},
	{"error", "https://anilist.co/api/v2/oauth/pin?error=access_denied&error_description=The+user+denied", GrantCode, "access_denied"},
}

func TestParsePinErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range parsePinErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePin(tt.in, tt.grant)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParsePin = %v, %v; want an error containing %q", got, err, tt.want)
			}
		})
	}
}

func TestParsePinError(t *testing.T) {
	t.Parallel()
	_, err := ParsePin("https://anilist.co/api/v2/oauth/pin?error=access_denied&error_description=The+user+denied", GrantCode)
	var ce *CallbackError
	if !errors.As(err, &ce) || ce.Code != "access_denied" || ce.Description != "The user denied" {
		t.Errorf("ParsePin error = %v; want *CallbackError access_denied", err)
	}
}

// reservedFragment is a fragment whose state holds reserved characters,
// escaped; a seed of FuzzParseFragment.
var reservedFragment = "access_token=a.b.c&state=" + url.QueryEscape(reservedState) + "&token_type=Bearer"

const reservedState = "x&y=z;#?/+%é"

func TestParseFragmentReservedCharacters(t *testing.T) {
	t.Parallel()
	state := reservedState
	u, err := url.Parse("http://127.0.0.1:9/cb#" + reservedFragment)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ParseFragment(u)
	if err != nil {
		t.Fatalf("ParseFragment: %v", err)
	}
	if v.Get("state") != state || v.Get("access_token") != "a.b.c" {
		t.Errorf("ParseFragment = %v; want state %q", v, state)
	}
	cb, err := (testRequest(state, GrantImplicit, false)).Callback(v)
	if err != nil || cb.AccessToken != "a.b.c" {
		t.Errorf("parseCallback = %+v, %v", cb, err)
	}
}

// callbackStateTests are TestParseCallbackState's cases, for the expected
// state "s", and seeds of FuzzParseCallbackQuery.
var callbackStateTests = []struct {
	name     string
	query    string
	optional bool
	wantErr  error
}{
	{"match", "code=c&state=s", false, nil},
	{"mismatch", "code=c&state=t", false, ErrStateMismatch},
	{"mismatch, optional", "code=c&state=t", true, ErrStateMismatch},
	{"empty state present", "code=c&state=", true, ErrStateMismatch},
	{"missing", "code=c", false, ErrStateMismatch},
	{"missing, optional", "code=c", true, nil},
	{"error, wrong state", "error=access_denied&state=t", false, ErrStateMismatch},
	{"error, no state", "error=access_denied", false, ErrStateMismatch},
}

func TestParseCallbackState(t *testing.T) {
	t.Parallel()
	for _, tt := range callbackStateTests {
		v, _ := url.ParseQuery(tt.query)
		_, err := (testRequest("s", GrantCode, tt.optional)).Callback(v)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("%s: error = %v; want %v", tt.name, err, tt.wantErr)
		}
	}
}

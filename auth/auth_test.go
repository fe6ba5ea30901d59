package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"
)

func TestConsentURLs(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1234", ClientSecret: "never in the URL", RedirectURL: "http://127.0.0.1:8080/cb", Endpoint: AniList}
	for _, tt := range []struct {
		name   string
		req    *AuthRequest
		rtype  string
		noPKCE bool
	}{
		{"code", conf.AuthCodeURL(), "code", false},
		{"implicit", conf.ImplicitURL(), "token", false},
		{"code, NoPKCE", (&Config{ClientID: "1234", RedirectURL: "http://127.0.0.1:8080/cb",
			Endpoint: Endpoint{AuthURL: AniList.AuthURL, NoPKCE: true}}).AuthCodeURL(), "code", true},
	} {
		u, err := url.Parse(tt.req.URL)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if u.Scheme+"://"+u.Host+u.Path != AniList.AuthURL {
			t.Errorf("%s: URL %s is not at %s", tt.name, tt.req.URL, AniList.AuthURL)
		}
		want := url.Values{"client_id": {"1234"}, "redirect_uri": {"http://127.0.0.1:8080/cb"},
			"response_type": {tt.rtype}, "state": {tt.req.State}}
		if !tt.noPKCE {
			sum := sha256.Sum256([]byte(tt.req.verifier))
			want["code_challenge"] = []string{base64.RawURLEncoding.EncodeToString(sum[:])}
			want["code_challenge_method"] = []string{"S256"}
		}
		if diff := cmp.Diff(want, u.Query()); diff != "" {
			t.Errorf("%s: query (-want +got):\n%s", tt.name, diff)
		}
		if len(tt.req.State) != 43 {
			t.Errorf("%s: state %q is not 32 random bytes", tt.name, tt.req.State)
		}
	}
	if a, b := conf.AuthCodeURL(), conf.AuthCodeURL(); a.State == b.State || a.verifier == b.verifier {
		t.Error("two requests share a state or a verifier")
	}
}

func TestAuthRequestNeverPrinted(t *testing.T) {
	t.Parallel()
	req := (&Config{ClientID: "1", Endpoint: AniList}).AuthCodeURL()
	js, _ := json.Marshal(req)
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("login", "req", req)
	outs := []string{string(js), logged.String()}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		outs = append(outs, fmt.Sprintf(verb, req), fmt.Sprintf(verb, *req))
	}
	for _, out := range outs {
		if strings.Contains(out, req.verifier) || strings.Contains(out, req.State) {
			t.Errorf("output leaks the verifier or state: %s", out)
		}
	}
}

func TestAuthURLKeepsEndpointQuery(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1", Endpoint: Endpoint{AuthURL: "https://p.example/auth?tenant=x", NoPKCE: true}}
	req := conf.ImplicitURL()
	u, _ := url.Parse(req.URL)
	want := url.Values{"tenant": {"x"}, "client_id": {"1"}, "response_type": {"token"}, "state": {req.State}}
	if diff := cmp.Diff(want, u.Query()); diff != "" {
		t.Errorf("query (-want +got):\n%s", diff)
	}
}

func TestNewState(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 100 {
		s := NewState()
		b, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil || len(b) < 16 {
			t.Fatalf("NewState() = %q: %d bytes, %v; want ≥ 16 URL-safe bytes", s, len(b), err)
		}
		if url.QueryEscape(s) != s {
			t.Errorf("NewState() = %q is not URL-safe", s)
		}
		if seen[s] {
			t.Fatalf("NewState() repeated %q", s)
		}
		seen[s] = true
	}
}

func TestEndpoints(t *testing.T) {
	t.Parallel()
	if AniList.Format != FormatRFC6749 || AniList.Lifetime != AniListLifetime || AniList.StateOptional ||
		AniList.NoPKCE || AniList.AuthStyle != oauth2.AuthStyleInParams {
		t.Errorf("AniList = %+v", AniList)
	}
	if AniAPI.Format != FormatAniAPI || AniAPI.Lifetime != AniAPILifetime || AniAPI.StateOptional ||
		AniAPI.AuthStyle != oauth2.AuthStyleInParams {
		t.Errorf("AniAPI = %+v", AniAPI)
	}
	if GrantCode.String() != "code" || GrantImplicit.String() != "implicit" {
		t.Errorf("Grant strings: %s, %s", GrantCode, GrantImplicit)
	}
}

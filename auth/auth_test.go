package auth

import (
	"encoding/base64"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConsentURLs(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1234", ClientSecret: "never in the URL", RedirectURL: "http://127.0.0.1:8080/cb", Endpoint: AniList}
	state := "a&b=c#d?é /+"
	tests := []struct {
		name string
		got  string
		want url.Values
	}{
		{"code", conf.AuthCodeURL(state), url.Values{"client_id": {"1234"}, "redirect_uri": {"http://127.0.0.1:8080/cb"},
			"response_type": {"code"}, "state": {state}}},
		{"implicit", conf.ImplicitURL(state), url.Values{"client_id": {"1234"}, "redirect_uri": {"http://127.0.0.1:8080/cb"},
			"response_type": {"token"}, "state": {state}}},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.got)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if u.Scheme+"://"+u.Host+u.Path != AniList.AuthURL {
			t.Errorf("%s: URL %s is not at %s", tt.name, tt.got, AniList.AuthURL)
		}
		if diff := cmp.Diff(tt.want, u.Query()); diff != "" {
			t.Errorf("%s: query (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestAuthURLKeepsEndpointQuery(t *testing.T) {
	t.Parallel()
	conf := &Config{ClientID: "1", Endpoint: Endpoint{AuthURL: "https://p.example/auth?tenant=x"}}
	u, _ := url.Parse(conf.ImplicitURL("s"))
	want := url.Values{"tenant": {"x"}, "client_id": {"1"}, "response_type": {"token"}, "state": {"s"}}
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
	if AniList.Format != FormatRFC6749 || AniList.Lifetime != AniListLifetime || !AniList.StateOptional {
		t.Errorf("AniList = %+v", AniList)
	}
	if AniAPI.Format != FormatAniAPI || AniAPI.Lifetime != AniAPILifetime || AniAPI.StateOptional {
		t.Errorf("AniAPI = %+v", AniAPI)
	}
	if GrantCode.String() != "code" || GrantImplicit.String() != "implicit" {
		t.Errorf("Grant strings: %s, %s", GrantCode, GrantImplicit)
	}
}

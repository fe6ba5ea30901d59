package auth

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// testJWT returns an (unsigned, as far as this package cares) JWT with the
// given claims JSON.
func testJWT(t testing.TB, claims string) string {
	t.Helper()
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(claims)) + ".c2lnbmF0dXJl"
}

// parseClaimsTests are TestParseClaims's claim sets, and seeds of
// FuzzParseClaims.
var parseClaimsTests = []struct {
	name    string
	claims  string
	want    Claims
	wantErr string
}{
	{"AniList shape", `{"aud":"1234","jti":"x","iat":1700000000,"nbf":1700000000,"exp":1731536000,"sub":"5123","scopes":[]}`,
		Claims{Subject: "5123", Expiry: time.Unix(1731536000, 0).UTC(), IssuedAt: time.Unix(1700000000, 0).UTC()}, ""},
	{"numeric sub", `{"sub":5123}`, Claims{Subject: "5123"}, ""},
	{"fractional exp", `{"exp":1700000000.5}`, Claims{Expiry: time.Unix(1700000000, 5e8).UTC()}, ""},
	{"no claims", `{}`, Claims{}, ""},
	{"sub object", `{"sub":{}}`, Claims{}, "sub claim has type"},
	{"sub fraction", `{"sub":1.5}`, Claims{}, "not a whole number"},
	{"exp string", `{"exp":"tomorrow"}`, Claims{}, "exp claim is not a valid date"},
	{"exp negative", `{"exp":-1}`, Claims{}, "exp claim"},
	{"exp huge", `{"exp":1e300}`, Claims{}, "exp claim"},
	{"iat bool", `{"iat":true}`, Claims{}, "iat claim"},
}

func TestParseClaims(t *testing.T) {
	t.Parallel()
	for _, tt := range parseClaimsTests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseClaims(testJWT(t, tt.claims))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseClaims error = %v; want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseClaims: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
		})
	}
}

// notJWTs are tokens ParseClaims must call not JWTs; TestParseClaimsNotJWT's
// cases, and seeds of FuzzParseClaims.
var notJWTs = []string{"", "opaque", "a.b", "a.b.c", "a.b.c.d", "ory_at_x.y",
	base64.RawURLEncoding.EncodeToString([]byte(`{"typ":"JWT"}`)) + ".e30.x", // no alg
	strings.Repeat("a", maxTokenLen) + ".b.c"}

func TestParseClaimsNotJWT(t *testing.T) {
	t.Parallel()
	for _, raw := range notJWTs {
		if _, err := ParseClaims(raw); !errors.Is(err, ErrNotJWT) {
			t.Errorf("ParseClaims(%.20q) error = %v; want ErrNotJWT", raw, err)
		}
	}
}

func TestUserID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sub  string
		id   int
		isID bool
	}{{"5123", 5123, true}, {"", 0, false}, {"0", 0, false}, {"-4", 0, false}, {"abc", 0, false}, {"99999999999999999999", 0, false}}
	for _, tt := range tests {
		id, ok := (&Token{Subject: tt.sub}).UserID()
		if id != tt.id || ok != tt.isID {
			t.Errorf("UserID(%q) = %d, %t; want %d, %t", tt.sub, id, ok, tt.id, tt.isID)
		}
	}
}

func TestParseToken(t *testing.T) {
	t.Parallel()
	jwt := testJWT(t, `{"sub":"9","exp":1900000000}`)
	got, err := ParseToken("\t" + jwt + "\n")
	if err != nil {
		t.Fatalf("ParseToken: %v", err)
	}
	want := Token{AccessToken: jwt, TokenType: "Bearer", Expiry: time.Unix(1900000000, 0).UTC(), Subject: "9"}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("token (-want +got):\n%s", diff)
	}
	if got, _ := ParseToken("opaque"); !got.Expiry.IsZero() {
		t.Errorf("opaque token Expiry = %v; want zero (unknown)", got.Expiry)
	}
	for _, bad := range []string{"", " ", "a b", "tok\r\nX-Evil: 1", "é"} {
		if _, err := ParseToken(bad); err == nil {
			t.Errorf("ParseToken(%q) succeeded; want an error", bad)
		}
	}
}

package auth

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Claims are the JWT claims this package reads from an access token.
type Claims struct {
	Subject  string    // sub: on AniList, the user's numeric id
	Expiry   time.Time // exp; zero when absent
	IssuedAt time.Time // iat; zero when absent
}

// ErrNotJWT is returned by [ParseClaims] for a token that is not a JWT.
var ErrNotJWT = errors.New("auth: token is not a JWT")

// maxTokenLen bounds every token, code and state this package accepts from
// outside (AniList's JWTs are about 1 KiB).
const maxTokenLen = 16 << 10

// ParseClaims decodes the claims of a JWT access token WITHOUT verifying its
// signature: the client has no key to verify it with, and the claims are
// only used to show the user id and to predict the expiry; the provider
// remains the judge of the token. Use it for nothing else.
//
// It returns [ErrNotJWT] (wrapped) when raw is not a JWT, and an error when
// a claim has the wrong type.
func ParseClaims(raw string) (Claims, error) {
	if len(raw) > maxTokenLen || strings.Count(raw, ".") != 2 {
		return Claims{}, ErrNotJWT
	}
	mc := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, mc); err != nil {
		return Claims{}, fmt.Errorf("%w: %w", ErrNotJWT, err)
	}
	var c Claims
	var err error
	if c.Subject, err = subject(mc["sub"]); err != nil {
		return Claims{}, err
	}
	if c.Expiry, err = numericDate(mc, "exp"); err != nil {
		return Claims{}, err
	}
	if c.IssuedAt, err = numericDate(mc, "iat"); err != nil {
		return Claims{}, err
	}
	return c, nil
}

// subject accepts sub as a string (RFC 7519) or, leniently, as a whole
// number, which some providers send for numeric user ids.
func subject(v any) (string, error) {
	switch s := v.(type) {
	case nil:
		return "", nil
	case string:
		if len(s) > 256 {
			return "", errors.New("auth: JWT sub claim is too long")
		}
		return s, nil
	case float64:
		if s != math.Trunc(s) || math.Abs(s) > 1<<53 {
			return "", fmt.Errorf("auth: JWT sub claim %v is not a whole number", s)
		}
		return strconv.FormatFloat(s, 'f', -1, 64), nil
	default:
		return "", fmt.Errorf("auth: JWT sub claim has type %T", v)
	}
}

// maxUnix is the latest time this package accepts in a claim (year 9999).
const maxUnix = 253402300799

func numericDate(mc jwt.MapClaims, name string) (time.Time, error) {
	v, ok := mc[name]
	if !ok || v == nil {
		return time.Time{}, nil
	}
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || f < 0 || f > maxUnix {
		return time.Time{}, fmt.Errorf("auth: JWT %s claim is not a valid date", name)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// UserID returns the AniList user id carried in the token's sub claim, and
// false when the subject is not a positive whole number.
func (t *Token) UserID() (int, bool) {
	id, err := strconv.Atoi(t.Subject)
	if err != nil || id <= 0 {
		return 0, false
	}
	return id, true
}

// cleanSecret trims the spaces around a token or code and rejects one that
// is empty, too long, or holds characters that cannot appear in an HTTP
// header or a form value unescaped.
func cleanSecret(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", errors.New("auth: empty token")
	case len(s) > maxTokenLen:
		return "", fmt.Errorf("auth: token longer than %d bytes", maxTokenLen)
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7f {
			return "", fmt.Errorf("auth: token contains a space or a control or non-ASCII byte at offset %d", i)
		}
	}
	return s, nil
}

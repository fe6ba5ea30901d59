package anilist

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestErrorKinds(t *testing.T) {
	t.Parallel()
	const disabled = `{"errors":[{"message":"The AniList API has been temporarily disabled due to severe stability issues. Please check the official AniList Discord for more information.","status":403,"locations":[{"line":1,"column":1}]}],"data":null}`
	for _, tc := range []struct {
		name     string
		status   int
		body     string
		sentinel error
		notIs    []error
		want     Errors
	}{
		{
			name: "invalid token", status: 400, sentinel: ErrInvalidToken,
			body: `{"errors":[{"message":"Invalid token","status":400,"locations":[{"line":2,"column":3}]}],"data":{"Media":null}}`,
			want: Errors{{Message: "Invalid token", Status: 400, Locations: []Location{{2, 3}}}},
		},
		{
			name: "not found", status: 404, sentinel: ErrNotFound, notIs: []error{ErrInvalidToken},
			body: `{"errors":[{"message":"Not Found.","status":404,"locations":[{"line":2,"column":3}]}],"data":{"Media":null}}`,
			want: Errors{{Message: "Not Found.", Status: 404, Locations: []Location{{2, 3}}}},
		},
		{
			name: "api disabled", status: 403, sentinel: ErrAPIDisabled, body: disabled,
			want: Errors{{Message: "The AniList API has been temporarily disabled due to severe stability issues. Please check the official AniList Discord for more information.", Status: 403, Locations: []Location{{1, 1}}}},
		},
		{
			name: "unauthorized", status: 401, sentinel: ErrUnauthorized,
			body: `{"errors":[{"message":"Unauthorized.","status":401}],"data":null}`,
			want: Errors{{Message: "Unauthorized.", Status: 401}},
		},
		{
			name: "unauthorized in a 200", status: 200, sentinel: ErrUnauthorized,
			body: `{"errors":[{"message":"Unauthorized.","status":401}],"data":{"Media":null}}`,
			want: Errors{{Message: "Unauthorized.", Status: 401}},
		},
		{
			name: "validation", status: 400, notIs: []error{ErrNotFound, ErrInvalidToken},
			body: `{"errors":[{"message":"validation","status":400,"locations":[{"line":2,"column":2}],"validation":{"id":["The selected id is invalid."],"score":["The score may not be greater than 100."]}}],"data":{"SaveMediaListEntry":null}}`,
			want: Errors{{Message: "validation", Status: 400, Locations: []Location{{2, 2}}, Validation: Validation{
				"id": {"The selected id is invalid."}, "score": {"The score may not be greater than 100."}}}},
		},
		{
			name: "html 403 is not api disabled", status: 403, notIs: []error{ErrAPIDisabled},
			body: `<html><body>Forbidden</body></html>`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				reply(w, tc.status, tc.body)
			}, nil)
			_, err := query(t.Context(), c)
			var re *ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("got %T %v; want *ResponseError", err, err)
			}
			if re.StatusCode != tc.status {
				t.Errorf("got status %d; want %d", re.StatusCode, tc.status)
			}
			if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
				t.Errorf("errors.Is(%v, %v) = false; want true", err, tc.sentinel)
			}
			for _, s := range tc.notIs {
				if errors.Is(err, s) {
					t.Errorf("errors.Is(%v, %v) = true; want false", err, s)
				}
			}
			if d := cmp.Diff(tc.want, re.Errors); d != "" {
				t.Errorf("errors (-want +got):\n%s", d)
			}
			var item *Error
			if len(tc.want) > 0 && (!errors.As(err, &item) || item.Message != tc.want[0].Message) {
				t.Errorf("errors.As(*Error) got %v; want %q", item, tc.want[0].Message)
			}
			var list Errors
			if errors.As(err, &list) != (len(tc.want) > 0) || cmp.Diff(tc.want, list) != "" {
				t.Errorf("errors.As(Errors) got %v; want %v", list, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "anilist: MediaByID: HTTP ") {
				t.Errorf("got message %q; want it to start with anilist: MediaByID: HTTP", err)
			}
		})
	}
}

func TestRateLimitErrorWhenRetriesAreOff(t *testing.T) {
	t.Parallel()
	c, fc := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusTooManyRequests, `{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}`,
			"Retry-After", "30", "X-RateLimit-Limit", "90", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1502035959")
	}, &Options{MaxRateLimitRetries: -1})
	_, err := query(t.Context(), c)
	var rl *RateLimitError
	if !errors.As(err, &rl) {
		t.Fatalf("got %v; want *RateLimitError", err)
	}
	want := RateLimitError{Op: "MediaByID", Limit: 90, Remaining: 0, RetryAfter: 30 * time.Second}
	got := *rl
	got.Err, got.Reset = nil, time.Time{}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("RateLimitError (-want +got):\n%s", d)
	}
	if !errors.Is(err, ErrRateLimited) {
		t.Errorf("errors.Is(%v, ErrRateLimited) = false; want true", err)
	}
	var item *Error
	if !errors.As(err, &item) || item.Status != 429 {
		t.Errorf("got item %v; want AniList's 429 error kept", item)
	}
	if len(fc.Sleeps()) != 0 {
		t.Errorf("got sleeps %v; want none", fc.Sleeps())
	}
}

func TestErrorTextNeverContainsToken(t *testing.T) {
	t.Parallel()
	const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
	for _, body := range []string{
		`{"errors":[{"message":"Invalid token ` + token + `","status":400}],"data":null}`,
		`<html>Authorization: Bearer ` + token + `</html>`,
		`{"errors":[{"message":"validation","status":400,"validation":{"token":["` + token + ` is bad"]}}],"data":null}`,
		// A token across the cut of the body snippet in the message.
		`<html>` + strings.Repeat("x", 480) + ` ` + token + strings.Repeat("y", 300) + `</html>`,
	} {
		c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			reply(w, http.StatusBadRequest, body)
		}, nil)
		_, err := query(t.Context(), c)
		if err == nil || strings.Contains(err.Error(), token[:24]) || strings.Contains(err.Error(), "c2lnbmF0dXJl") {
			t.Errorf("got %v; want an error without the token", err)
		}
	}
}

func TestErrorsMessage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		errs Errors
		want string
	}{
		{nil, "anilist: no errors"},
		{Errors{{Message: "Not Found.", Status: 404}}, "anilist: Not Found. (status 404)"},
		{Errors{{Message: "a"}, {Message: "b", Status: 400}}, "anilist: a; b (status 400)"},
		{Errors{{Message: "validation", Status: 400, Validation: Validation{"b": {"x", "y"}, "a": {"z"}}}},
			"anilist: validation (status 400): a: z; b: x y"},
	} {
		if got := tc.errs.Error(); got != tc.want {
			t.Errorf("got %q; want %q", got, tc.want)
		}
	}
}

func TestValidationShapes(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]Validation{
		`{"id":["bad"]}`:     {"id": {"bad"}},
		`{"id":"bad"}`:       {"id": {"bad"}},
		`{"id":{"x":1}}`:     {"id": {`{"x":1}`}},
		`["odd"]`:            {"": {`["odd"]`}},
		`null`:               nil,
		`{"a":[],"b":["c"]}`: {"a": {}, "b": {"c"}},
	} {
		var v Validation
		if err := v.UnmarshalJSON([]byte(in)); err != nil {
			t.Errorf("%s: %v", in, err)
		}
		if d := cmp.Diff(want, v); d != "" {
			t.Errorf("%s (-want +got):\n%s", in, d)
		}
	}
}

// failingTransport fails every round trip with err.
type failingTransport struct{ err error }

func (f failingTransport) RoundTrip(*http.Request) (*http.Response, error) { return nil, f.err }

func TestNetworkErrorTextNeverContainsToken(t *testing.T) {
	t.Parallel()
	const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"
	cause := errors.New("proxy said: Authorization: Bearer " + token)
	opts := Options{
		Endpoint:       "https://user-secret:pass-secret@anilist.test/graphql?access_token=query-secret#frag-secret",
		RetryBaseDelay: time.Millisecond, MaxRetries: -1, DisableRateLimit: true,
	}
	c, err := NewClient(&http.Client{Transport: failingTransport{cause}}, &opts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = query(t.Context(), c)
	var ue *url.Error
	if !errors.As(err, &ue) || !errors.Is(err, cause) {
		t.Fatalf("got %T %v; want the *url.Error and its cause", err, err)
	}
	for _, secret := range []string{"user-secret", "pass-secret", "query-secret", "frag-secret", "c2lnbmF0dXJl"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("got %q; want no %s in the error", err, secret)
		}
	}
	if want := "anilist: MediaByID: "; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %q; want it to start with %q", err, want)
	}
}

func TestEndpointErrorNeverContainsToken(t *testing.T) {
	t.Parallel()
	for _, endpoint := range []string{
		"ftp://user:tok-secret@anilist.test/?access_token=tok-secret",
		"https://user:tok-secret@[::1/?access_token=tok-secret",
	} {
		_, err := NewClient(nil, &Options{Endpoint: endpoint})
		if err == nil || strings.Contains(err.Error(), "tok-secret") {
			t.Errorf("NewClient(%q): got %v; want an error without the secret", endpoint, err)
		}
	}
}

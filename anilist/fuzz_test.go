package anilist

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/Khan/genqlient/graphql"
	"github.com/google/go-cmp/cmp"
)

// FuzzDecode feeds response bodies to the decoder: it must never panic, and
// whenever encoding/json also accepts a body, both must fill the response
// alike. Run with
//
//	go test ./anilist -run '^$' -fuzz FuzzDecode -fuzztime 30s
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		okBody,
		`{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}`,
		`{"errors":[{"message":"validation","status":400,"validation":{"id":["bad"]}}],"data":{"Media":null}}`,
		`{"data":{"Page":{"notifications":[{"__typename":"AiringNotification","id":1},{"__typename":"New","id":2}]}}}`,
		`{"data":{"Media":{"id":"x"}}}`, `{"data":`, `[]`, `null`, `{"data":{"Media":{"id":1,"ID":2}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		// As in a generated function: the data pointer is kept by the caller.
		got, want := new(mediaData), new(mediaData)
		_, _, err := decodeInto(body, &graphql.Response{Data: got})
		decodeInto(body, &graphql.Response{Data: new(notificationsData)}) // must not panic
		if err != nil || json.Unmarshal(body, &graphql.Response{Data: want}) != nil || !json.Valid(body) {
			return
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("goccy vs encoding/json on %q (-std +goccy):\n%s", body, d)
		}
	})
}

// FuzzRateHeaders feeds rate-limit headers to the limiter: it must never
// panic, never count a negative number of requests in flight, and always
// let a request through or say how to wait. Run with
//
//	go test ./anilist -run '^$' -fuzz FuzzRateHeaders -fuzztime 30s
func FuzzRateHeaders(f *testing.F) {
	f.Add("90", "89", "", "", 200)
	f.Add("90", "60", "30", "1502035959", 429)
	f.Add("30", "0", "1", "99999999999", 429)
	f.Add("x", "-1", "Mon, 23 Nov 2026 12:00:05 GMT", "", 503)
	f.Fuzz(func(t *testing.T, limit, remaining, retry, reset string, status int) {
		fc := newFakeClock()
		o, _ := (&Options{}).withDefaults()
		l := newLimiter(o, fc)
		h := http.Header{"X-Ratelimit-Limit": {limit}, "X-Ratelimit-Remaining": {remaining},
			"Retry-After": {retry}, "X-Ratelimit-Reset": {reset}}
		for range 3 {
			g := l.try()
			if !g.ok {
				if g.ch == nil && !g.until.After(fc.Now()) {
					t.Fatalf("blocked with nothing to wait for (until %v)", g.until)
				}
				fc.SleepUntil(t.Context(), g.until.Add(time.Millisecond))
				continue
			}
			l.release(g.t, fallbackAnswer(status, h, fc.Now()))
			if l.inflight < 0 {
				t.Fatalf("inflight %d", l.inflight)
			}
		}
	})
}

// FuzzValidation checks that any validation payload decodes without error.
func FuzzValidation(f *testing.F) {
	f.Add([]byte(`{"id":["The selected id is invalid."]}`))
	f.Add([]byte(`{"id":"bad"}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Validation
		if err := v.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
		_ = v.String()
	})
}

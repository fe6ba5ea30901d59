// Package limits emulates AniList's rate limiting and outages as HTTP
// middleware for the offline emulator: a fixed-window [Limiter] with AniList's
// headers, 429 answer and degraded mode, and [Faults], a queue of injected
// failures (5xx, "API disabled" 403, stalls, malformed bodies).
//
// Wrap the GraphQL handler with the limiter outermost, so that injected
// faults still carry rate-limit headers, as they do on anilist.co:
//
//	h := limiter.Wrap(faults.Wrap(graphql))
package limits

import (
	"net/http"
	"strconv"
)

// Bodies of AniList's error answers, as it sends them.
const (
	// TooManyRequestsBody is the body of a 429 answer.
	TooManyRequestsBody = `{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}`
	// APIDisabledBody is the body of the 403 answer AniList gives while the
	// API is switched off during an outage.
	APIDisabledBody = `{"errors":[{"message":"The AniList API has been temporarily disabled due to severe stability issues. Please check the official AniList Discord for more information.","status":403,"locations":[{"line":1,"column":1}]}],"data":null}`
)

// Header names AniList uses for rate limiting.
const (
	HeaderLimit      = "X-RateLimit-Limit"
	HeaderRemaining  = "X-RateLimit-Remaining"
	HeaderReset      = "X-RateLimit-Reset" // Unix seconds when the window ends
	HeaderRetryAfter = "Retry-After"       // whole seconds until the window ends
)

// ErrorBody returns an AniList-shaped error body for an HTTP status, such as
// {"data":null,"errors":[{"message":"Internal Server Error.","status":500}]}.
func ErrorBody(status int) string {
	msg := http.StatusText(status)
	if msg == "" {
		msg = "Error"
	}
	return `{"data":null,"errors":[{"message":` + strconv.Quote(msg+".") + `,"status":` + strconv.Itoa(status) + `}]}`
}

// writeJSON answers status with a JSON body.
func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

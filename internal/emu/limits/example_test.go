package limits_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/anigql/anigql/internal/emu/limits"
)

func ExampleLimiter() {
	now := time.Unix(1_800_000_000, 0)
	l := &limits.Limiter{Limit: 2, Now: func() time.Time { return now }}
	var faults limits.Faults
	faults.FailNext(1, http.StatusBadGateway)
	h := l.Wrap(faults.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"data":{}}`)
	})))
	for range 3 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/", nil))
		fmt.Println(w.Code, w.Header().Get("X-RateLimit-Remaining"), w.Header().Get("Retry-After"),
			w.Header().Get("X-RateLimit-Reset"), w.Body)
	}
	// Output:
	// 502 1   {"data":null,"errors":[{"message":"Bad Gateway.","status":502}]}
	// 200 0   {"data":{}}
	// 429 0 60 1800000060 {"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}
}

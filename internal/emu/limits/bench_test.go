package limits

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkLimiterParallel measures the limiter's cost per request when every
// goroutine shares one client key (the worst case for its lock).
//
//	go test ./internal/emu/limits -run '^$' -bench . -cpu 1,2
func BenchmarkLimiterParallel(b *testing.B) {
	h := (&Limiter{Limit: 1 << 30}).Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	b.RunParallel(func(pb *testing.PB) {
		w := httptest.NewRecorder()
		for pb.Next() {
			h.ServeHTTP(w, r)
		}
	})
}

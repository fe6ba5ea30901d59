package anilisttest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anigql/anigql/anilisttest"
)

// TestSigningKey checks a shared SigningKey makes one server's tokens valid
// on another, and that servers without it do not accept them.
func TestSigningKey(t *testing.T) {
	t.Parallel()
	key := []byte("anilisttest-shared-signing-key-32")
	a := anilisttest.NewUnstartedServer()
	a.SigningKey = key
	b := anilisttest.NewUnstartedServer()
	b.SigningKey = append([]byte(nil), key...)
	tok := a.ViewerToken()
	const viewer = "{\n  Viewer { id }\n}"
	tests := []struct {
		name   string
		s      *anilisttest.Server
		status int
		want   string
	}{
		{"issuing server", a, 200, `{"data":{"Viewer":{"id":1}}}`},
		{"same key", b, 200, `{"data":{"Viewer":{"id":1}}}`},
		{"random key", anilisttest.NewUnstartedServer(), 400,
			`{"errors":[{"message":"Invalid token","status":400,"locations":[{"line":2,"column":3}]}],"data":{"Viewer":null}}`},
	}
	for _, tt := range tests {
		resp, body := serve(t, tt.s, tok, viewer)
		if resp.StatusCode != tt.status || string(body) != tt.want {
			t.Errorf("%s: got %d %s; want %d %s", tt.name, resp.StatusCode, body, tt.status, tt.want)
		}
	}
	resp, body := serve(t, a, b.Token(2), "{ Viewer { id } }")
	if resp.StatusCode != 200 || string(body) != `{"data":{"Viewer":{"id":2}}}` {
		t.Errorf("token from the second server: got %d %s; want user 2", resp.StatusCode, body)
	}
}

// TestOptionsFrozen checks that changing any option after the options froze
// panics at the next method call, naming the misuse.
func TestOptionsFrozen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(s *anilisttest.Server)
	}{
		{"RateLimit", func(s *anilisttest.Server) { s.RateLimit++ }},
		{"RateWindow", func(s *anilisttest.Server) { s.RateWindow = time.Second }},
		{"RateTimeout", func(s *anilisttest.Server) { s.RateTimeout = time.Hour }},
		{"Burst", func(s *anilisttest.Server) { s.Burst = 3 }},
		{"BurstWindow", func(s *anilisttest.Server) { s.BurstWindow = time.Hour }},
		{"Degraded", func(s *anilisttest.Server) { s.Degraded = true }},
		{"FailRate", func(s *anilisttest.Server) { s.FailRate = 0.5 }},
		{"Now", func(s *anilisttest.Server) { s.Now = time.Now }},
		{"RedirectURI", func(s *anilisttest.Server) { s.RedirectURI = "http://127.0.0.1/cb" }},
		{"RequireReferer", func(s *anilisttest.Server) { s.RequireReferer = true }},
		{"SigningKey", func(s *anilisttest.Server) { s.SigningKey = []byte("late") }},
	}
	calls := map[string]func(s *anilisttest.Server){
		"Token":     func(s *anilisttest.Server) { s.Token(1) },
		"FailNext":  func(s *anilisttest.Server) { s.FailNext(0, 500) },
		"StallNext": func(s *anilisttest.Server) { s.StallNext(0, 0) },
		"Put":       func(s *anilisttest.Server) { _ = s.Put("Media", 1, nil) },
		"Transport": func(s *anilisttest.Server) { s.Transport() },
		"Close":     (*anilisttest.Server).Close, // having shut down
	}
	for _, tt := range tests {
		s := anilisttest.NewUnstartedServer()
		s.Handler()
		tt.change(s)
		for call, fn := range calls {
			if msg := panicOf(func() { fn(s) }); !strings.Contains(msg, "changed after Start") {
				t.Errorf("%s changed, then %s: got panic %q; want one about options changed after Start", tt.name, call, msg)
			}
		}
	}
}

// panicOf runs fn and returns what it panicked with, as text.
func panicOf(fn func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	fn()
	return ""
}

// TestInProcessConcurrent uses Handler, Transport and Token from many
// goroutines at once on an unstarted server (run with -race).
func TestInProcessConcurrent(t *testing.T) {
	t.Parallel()
	s := anilisttest.NewUnstartedServer()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			tok := s.Token(1 + i%2)
			client := &http.Client{Transport: s.Transport()}
			for range 5 {
				req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, "https://graphql.anilist.co",
					strings.NewReader(`{"query":"mutation { ToggleFavourite(animeId: 1) { anime { nodes { id } } } }"}`))
				req.Header.Set("Authorization", "Bearer "+tok)
				resp, err := client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				rec := httptest.NewRecorder()
				s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"query":"{ Media(id: 1) { isFavourite } }"}`)))
				if resp.StatusCode != 200 || rec.Code != 200 {
					t.Errorf("got %d and %d; want 200 and 200", resp.StatusCode, rec.Code)
				}
			}
		})
	}
	wg.Wait()
	s.Close() // never started: a no-op, and safe twice
	s.Close()
}

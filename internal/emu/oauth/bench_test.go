package oauth

import "testing"

// BenchmarkVerifyToken measures checking one access token, which the emulator
// does on every authenticated GraphQL request.
//
//	go test ./internal/emu/oauth -run '^$' -bench .
func BenchmarkVerifyToken(b *testing.B) {
	s, err := New(Config{User: testUser})
	if err != nil {
		b.Fatal(err)
	}
	tok, _ := s.IssueToken(42)
	for b.Loop() {
		if _, err := s.VerifyToken(tok); err != nil {
			b.Fatal(err)
		}
	}
}

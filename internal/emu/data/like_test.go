package data

import (
	"regexp"
	"strings"
	"testing"
)

func TestLike(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, pattern string
		want          bool
	}{
		{"20231006", "2023%", true},
		{"20231006", "023%", false},
		{"20231006", "%1006", true},
		{"20231006", "2023__06", true},
		{"20231006", "2023_06", false},
		{"Sousou no Frieren", "%FRIEREN%", true},
		{"Sousou no Frieren", "sousou", false},
		{"", "%", true},
		{"", "", true},
		{"a", "", false},
		{"abcabc", "%abc", true},
		{"aaab", "%a%b", true},
	}
	for _, tt := range tests {
		if got := like(tt.text, tt.pattern); got != tt.want {
			t.Errorf("like(%q, %q) = %v; want %v", tt.text, tt.pattern, got, tt.want)
		}
	}
}

// FuzzLike compares like with a regular expression built from the pattern.
// Run it with go test -fuzz FuzzLike ./internal/emu/data/.
func FuzzLike(f *testing.F) {
	f.Add("20231006", "2023%")
	f.Add("Sousou no Frieren", "%fri_ren%")
	f.Add("aaab", "%a%b")
	f.Fuzz(func(t *testing.T, text, pattern string) {
		if len(text) > 64 || len(pattern) > 16 {
			return
		}
		var re strings.Builder
		re.WriteString("(?is)^")
		for _, r := range pattern {
			switch r {
			case '%':
				re.WriteString(".*")
			case '_':
				re.WriteString(".")
			default:
				re.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		re.WriteString("$")
		want := regexp.MustCompile(re.String()).MatchString(strings.ToLower(text))
		if !validLower(text, pattern) {
			return
		}
		if got := like(text, pattern); got != want {
			t.Errorf("like(%q, %q) = %v; regexp says %v", text, pattern, got, want)
		}
	})
}

// validLower skips inputs whose lower-casing changes their length in runes
// or which are not UTF-8, where the two matchers legitimately differ.
func validLower(parts ...string) bool {
	for _, s := range parts {
		if !utf8Valid(s) || len([]rune(s)) != len([]rune(strings.ToLower(s))) {
			return false
		}
	}
	return true
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

package auth

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestFileStoreRoundTrip(t *testing.T) {
	t.Parallel()
	s := &FileStore{Dir: filepath.Join(t.TempDir(), "anigql")}
	if names, err := s.List(); err != nil || len(names) != 0 {
		t.Fatalf("List on a missing dir = %v, %v; want none", names, err)
	}
	main := &Token{AccessToken: "tok-main", TokenType: "Bearer", Expiry: t0, Subject: "42"}
	alt := &Token{AccessToken: "tok-alt"}
	for p, tok := range map[string]*Token{"default": main, "alt.account-2": alt} {
		if err := s.Save(p, tok); err != nil {
			t.Fatalf("Save(%q): %v", p, err)
		}
	}
	got, err := s.Load("default")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if diff := cmp.Diff(main, got); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
	names, err := s.List()
	if diff := cmp.Diff([]string{"alt.account-2", "default"}, names); err != nil || diff != "" {
		t.Errorf("List (-want +got):\n%s %v", diff, err)
	}
	if err := s.Save("default", alt); err != nil {
		t.Fatalf("Save over: %v", err)
	}
	if got, _ := s.Load("default"); got == nil || got.AccessToken != "tok-alt" {
		t.Errorf("after overwrite Load = %v; want tok-alt", got)
	}
	if err := s.Delete("default"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := s.Delete("default"); err != nil {
		t.Errorf("second Delete: %v; want nil", err)
	}
	if _, err := s.Load("default"); !errors.Is(err, ErrNoToken) {
		t.Errorf("Load after Delete error = %v; want ErrNoToken", err)
	}
}

func TestFileStoreModes(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	dir := filepath.Join(t.TempDir(), "anigql")
	s := &FileStore{Dir: dir}
	if err := s.Save("p", &Token{AccessToken: "x"}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, "p.json"): 0o600} {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != want {
			t.Errorf("mode of %s = %v, %v; want %04o", path, fi.Mode().Perm(), err, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries; want only p.json (no temporary files)", len(entries))
	}
	if err := os.Chmod(filepath.Join(dir, "p.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := s.Load("p")
	var pe *PermissionError
	if !errors.As(err, &pe) || pe.Mode.Perm() != 0o644 || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("Load of a 0644 file error = %v; want *PermissionError", err)
	}
}

func TestFileStoreBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := &FileStore{Dir: dir}
	for _, p := range []string{"", ".hidden", "../escape", "a/b", `a\b`, "a b", strings.Repeat("x", 65), "é"} {
		if err := s.Save(p, &Token{AccessToken: "x"}); err == nil {
			t.Errorf("Save(%q) succeeded; want an invalid profile error", p)
		}
		if _, err := s.Load(p); err == nil || errors.Is(err, ErrNoToken) {
			t.Errorf("Load(%q) error = %v; want an invalid profile error", p, err)
		}
	}
	if err := s.Save("p", &Token{}); err == nil {
		t.Error("Save of an empty token succeeded")
	}
	for name, content := range map[string]string{"garbage": "not json", "empty": `{"access_token":""}`, "newline": `{"access_token":"a\nb"}`} {
		if err := os.WriteFile(filepath.Join(dir, name+".json"), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := s.Load(name)
		if err == nil || errors.Is(err, ErrNoToken) {
			t.Errorf("Load(%s) error = %v; want a format error", name, err)
		}
		if err != nil && strings.Contains(err.Error(), "a\nb") {
			t.Errorf("error leaks file content: %v", err)
		}
	}
}

func TestNewFileStore(t *testing.T) {
	s, err := NewFileStore()
	if err != nil {
		t.Skipf("no user config dir here: %v", err)
	}
	if want := filepath.Join("anigql", "tokens"); !strings.HasSuffix(s.Dir, string(filepath.Separator)+want) {
		t.Errorf("Dir = %q; want .../%s", s.Dir, want)
	}
}

// TestTokenFromEnv cannot run in parallel: it sets the environment.
func TestTokenFromEnv(t *testing.T) {
	t.Setenv(EnvVar, "")
	if _, err := TokenFromEnv(); !errors.Is(err, ErrNoToken) {
		t.Errorf("unset: error = %v; want ErrNoToken", err)
	}
	jwt := testJWT(t, `{"sub":"8","exp":1900000000}`)
	t.Setenv(EnvVar, jwt+"\n")
	tok, err := TokenFromEnv()
	if err != nil || tok.AccessToken != jwt || tok.Subject != "8" {
		t.Errorf("TokenFromEnv = %v, %v; want the JWT with subject 8", tok, err)
	}
	t.Setenv(EnvVar, "two words")
	if _, err := TokenFromEnv(); err == nil || !strings.Contains(err.Error(), EnvVar) {
		t.Errorf("bad value: error = %v; want one naming %s", err, EnvVar)
	}
}

func TestStoreTokenSource(t *testing.T) {
	t.Parallel()
	s := &FileStore{Dir: t.TempDir()}
	ts := StoreTokenSource(s, "default")
	if _, err := ts.Token(); !errors.Is(err, ErrNoToken) {
		t.Errorf("Token before login error = %v; want ErrNoToken", err)
	}
	if err := s.Save("default", &Token{AccessToken: "x"}); err != nil {
		t.Fatal(err)
	}
	if tok, err := ts.Token(); err != nil || tok.AccessToken != "x" {
		t.Errorf("Token after login = %v, %v", tok, err)
	}
}

func TestFileStoreKeepsRefreshToken(t *testing.T) {
	t.Parallel()
	s := &FileStore{Dir: t.TempDir()}
	want := &Token{AccessToken: "a", RefreshToken: "r", TokenType: "Bearer", Expiry: t0}
	if err := s.Save("p", want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load("p")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load (-want +got):\n%s", diff)
	}
}

// TestFileStoreRemovesCrashedSaves plants the temporary files a crashed
// save leaves and checks that Save, Load and Delete remove the stale ones
// of their profile and nothing else.
func TestFileStoreRemovesCrashedSaves(t *testing.T) {
	t.Parallel()
	for _, op := range []struct {
		name string
		do   func(*FileStore) error
	}{
		{"Save", func(s *FileStore) error { return s.Save("p", &Token{AccessToken: "new"}) }},
		{"Load", func(s *FileStore) error { _, err := s.Load("p"); return err }},
		{"Delete", func(s *FileStore) error { return s.Delete("p") }},
	} {
		t.Run(op.name, func(t *testing.T) {
			t.Parallel()
			s := &FileStore{Dir: t.TempDir()}
			if err := s.Save("p", &Token{AccessToken: "old"}); err != nil {
				t.Fatal(err)
			}
			old := time.Now().Add(-2 * staleTemp)
			plant := func(name string, mtime time.Time) string {
				p := filepath.Join(s.Dir, name)
				if err := os.WriteFile(p, []byte(`{"access_token":"crashed"}`), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(p, mtime, mtime); err != nil {
					t.Fatal(err)
				}
				return p
			}
			stale := plant(".p.json.tmp123", old)
			fresh := plant(".p.json.tmp456", time.Now()) // may be a save in progress
			other := plant(".q.json.tmp789", old)        // another profile's
			if err := op.do(s); err != nil {
				t.Fatalf("%s: %v", op.name, err)
			}
			for p, want := range map[string]bool{stale: false, fresh: true, other: true} {
				if _, err := os.Stat(p); (err == nil) != want {
					t.Errorf("after %s, %s exists: %t; want %t", op.name, filepath.Base(p), err == nil, want)
				}
			}
		})
	}
}

func TestFileStoreTightensDir(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes")
	}
	s := &FileStore{Dir: filepath.Join(t.TempDir(), "tokens")}
	if err := os.Mkdir(s.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(s.Dir, 0o755); err != nil { // past the umask
		t.Fatal(err)
	}
	if err := s.Save("p", &Token{AccessToken: "x"}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(s.Dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("directory mode after Save = %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	// A store directory that is a file is refused.
	f := &FileStore{Dir: filepath.Join(s.Dir, "p.json")}
	if err := f.Save("p", &Token{AccessToken: "x"}); err == nil {
		t.Error("Save into a file succeeded")
	}
}

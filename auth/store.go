package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// ErrNoToken reports that there is no token: the user is not logged in (or
// a Token has no access token).
var ErrNoToken = errors.New("auth: not logged in")

// A TokenStore keeps one token per profile (one profile per account).
type TokenStore interface {
	// Load returns the token of profile, or an error matching ErrNoToken.
	Load(profile string) (*Token, error)
	// Save stores t as the token of profile, replacing any other.
	Save(profile string, t *Token) error
	// Delete removes the token of profile; deleting a missing one is not
	// an error.
	Delete(profile string) error
	// List returns the profiles that have a token, sorted.
	List() ([]string, error)
}

// DefaultProfile is the profile used when the user names none.
const DefaultProfile = "default"

// EnvVar names the environment variable whose token, when set, overrides
// every stored one (see [TokenFromEnv]).
const EnvVar = "ANILIST_TOKEN"

// TokenFromEnv returns the token in the ANILIST_TOKEN environment variable,
// parsed with [ParseToken], or ErrNoToken when it is unset or empty.
func TokenFromEnv() (*Token, error) {
	v := os.Getenv(EnvVar)
	if strings.TrimSpace(v) == "" {
		return nil, ErrNoToken
	}
	t, err := ParseToken(v)
	if err != nil {
		return nil, fmt.Errorf("auth: %s: %w", EnvVar, err)
	}
	return t, nil
}

// FileStore is a TokenStore that keeps each profile in its own file,
// Dir/<profile>.json, written atomically with mode 0600 in a directory of
// mode 0700. On Unix it refuses to read a file that group or others may
// access, as ssh does for keys, and tightens a directory it creates or
// finds to 0700 (or refuses to use it when it cannot). A save that crashed
// leaves a hidden temporary file holding the token; Save, Load and Delete
// remove those of their profile once they are a minute old (a younger one
// may belong to a save in progress).
type FileStore struct {
	Dir string
}

// NewFileStore returns the FileStore the anigql command uses too:
// os.UserConfigDir()/anigql/tokens, so a token stored by `anigql login` is
// found by a program that calls NewFileStore, and the other way round.
func NewFileStore() (*FileStore, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil, fmt.Errorf("auth: locating the token directory: %w", err)
	}
	return &FileStore{Dir: filepath.Join(dir, "anigql", "tokens")}, nil
}

// PermissionError reports a token file that others may read.
type PermissionError struct {
	Path string
	Mode fs.FileMode
}

// Error names the file and its mode and says how to fix it.
func (e *PermissionError) Error() string {
	return fmt.Sprintf("auth: %s has mode %04o, readable by others; run chmod 600 on it or log in again",
		e.Path, e.Mode.Perm())
}

// storedToken is the file format: unlike Token's JSON, it holds the secret.
type storedToken struct {
	AccessToken  string    `json:"access_token"`
	TokenType    string    `json:"token_type,omitempty"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
	Subject      string    `json:"subject,omitempty"`
}

// ValidProfile reports whether name can name a profile: 1 to 64 ASCII
// letters, digits, '-', '_' or '.', not starting with '.'.
func ValidProfile(name string) bool {
	if name == "" || len(name) > 64 || name[0] == '.' {
		return false
	}
	for _, r := range name {
		ok := r == '-' || r == '_' || r == '.' ||
			('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
		if !ok {
			return false
		}
	}
	return true
}

func (s *FileStore) path(profile string) (string, error) {
	if !ValidProfile(profile) {
		return "", fmt.Errorf("auth: invalid profile name %q (use letters, digits, '-', '_' and '.')", profile)
	}
	return filepath.Join(s.Dir, profile+".json"), nil
}

// Load reads the token of profile.
func (s *FileStore) Load(profile string) (*Token, error) {
	p, err := s.path(profile)
	if err != nil {
		return nil, err
	}
	if err := s.tidy(profile, false); err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w (no token for profile %q)", ErrNoToken, profile)
	} else if err != nil {
		return nil, fmt.Errorf("auth: reading token: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("auth: reading token: %w", err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, &PermissionError{Path: p, Mode: fi.Mode()}
	}
	var st storedToken
	dec := json.NewDecoder(io.LimitReader(f, maxTokenResponse))
	if err := dec.Decode(&st); err != nil {
		return nil, fmt.Errorf("auth: %s is not a token file: %w", p, err)
	}
	access, err := cleanSecret(st.AccessToken)
	if err != nil {
		return nil, fmt.Errorf("auth: %s: %w", p, err)
	}
	refresh, err := cleanSecret(st.RefreshToken)
	if err != nil && st.RefreshToken != "" {
		return nil, fmt.Errorf("auth: %s: refresh token: %w", p, err)
	}
	return &Token{AccessToken: access, TokenType: st.TokenType, RefreshToken: refresh, Expiry: st.Expiry, Subject: st.Subject}, nil
}

// Save writes the token of profile atomically: to a temporary file in the
// same directory, synced, then renamed over the old one.
func (s *FileStore) Save(profile string, t *Token) error {
	p, err := s.path(profile)
	if err != nil {
		return err
	}
	if t == nil || t.AccessToken == "" {
		return errors.New("auth: refusing to save an empty token")
	}
	data, err := json.MarshalIndent(storedToken{
		AccessToken: t.AccessToken, TokenType: t.TokenType, RefreshToken: t.RefreshToken,
		Expiry: t.Expiry, Subject: t.Subject,
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("auth: encoding token: %w", err)
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("auth: creating token directory: %w", err)
	}
	if err := s.tidy(profile, true); err != nil {
		return err
	}
	return writeFileAtomic(p, append(data, '\n'))
}

// Delete removes the token file of profile.
func (s *FileStore) Delete(profile string) error {
	p, err := s.path(profile)
	if err != nil {
		return err
	}
	if err := s.tidy(profile, false); err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("auth: deleting token: %w", err)
	}
	return nil
}

// List returns the profiles that have a token file.
func (s *FileStore) List() ([]string, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("auth: listing profiles: %w", err)
	}
	var names []string
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if ok && e.Type().IsRegular() && ValidProfile(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}

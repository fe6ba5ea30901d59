package budget

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// FileStore is a [Store] in a file, for the processes of one machine: CLI
// invocations in a shell loop, or a daemon beside cron jobs. Each step
// locks the file (flock(2), so a process that dies drops its lock), reads
// the state, runs it and writes it back. It works on Unix systems only.
type FileStore struct {
	path string
}

// DefaultFile returns the path of the budget file the anigql command uses:
// anigql/budget.json in the user's cache directory.
func DefaultFile() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("budget: %w", err)
	}
	return filepath.Join(dir, "anigql", "budget.json"), nil
}

// NewFileStore returns a store in the file at path, which it creates (with
// its directory) if needed. It fails where file locks are not supported.
func NewFileStore(path string) (*FileStore, error) {
	if err := lockSupported(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("budget: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("budget: %w", err)
	}
	f.Close()
	return &FileStore{path: path}, nil
}

// NewFile returns a [Shared] budget in the file at path (see
// [NewFileStore]). opts may be nil.
func NewFile(path string, opts *Options) (*Shared, error) {
	fs, err := NewFileStore(path)
	if err != nil {
		return nil, err
	}
	return New(fs, opts)
}

// Take implements [Store].
func (fs *FileStore) Take(_ context.Context, r Take) (Taken, error) {
	var t Taken
	err := fs.update(func(s *State) { t = s.Take(r) })
	return t, err
}

// Report implements [Store].
func (fs *FileStore) Report(_ context.Context, r Report) error {
	return fs.update(func(s *State) { s.Report(r) })
}

// update runs step on the state under the file's lock. A file that does
// not hold a state (empty, or cut short by a crash) is a fresh state.
func (fs *FileStore) update(step func(*State)) error {
	f, err := os.OpenFile(fs.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("budget: %w", err)
	}
	defer f.Close()
	if err := lock(f); err != nil {
		return fmt.Errorf("budget: locking %s: %w", fs.path, err)
	}
	defer unlock(f)
	data, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("budget: %w", err)
	}
	var s State
	if json.Unmarshal(data, &s) != nil {
		s = State{}
	}
	step(&s)
	out, err := json.Marshal(&s)
	if err != nil {
		return fmt.Errorf("budget: %w", err)
	}
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("budget: %w", err)
	}
	if _, err := f.WriteAt(out, 0); err != nil {
		return fmt.Errorf("budget: %w", err)
	}
	return nil
}

package auth

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// staleTemp is the age after which a temporary token file is taken for the
// leftover of a crashed save.
const staleTemp = time.Minute

// tidy tightens the store's directory to 0700 and removes the stale
// temporary files of profile. A directory that does not exist is fine
// unless mustExist.
func (s *FileStore) tidy(profile string, mustExist bool) error {
	fi, err := os.Stat(s.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !mustExist:
		return nil
	case err != nil:
		return fmt.Errorf("auth: token directory: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("auth: token directory %s is not a directory", s.Dir)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(s.Dir, 0o700); err != nil {
			return fmt.Errorf("auth: token directory %s has mode %04o and cannot be tightened to 0700: %w",
				s.Dir, fi.Mode().Perm(), err)
		}
	}
	return s.removeStale(profile)
}

// removeStale removes the temporary files a crashed save of profile left
// (atomicfile names them .<profile>.json.tmp<random>).
func (s *FileStore) removeStale(profile string) error {
	temps, err := filepath.Glob(filepath.Join(s.Dir, "."+profile+".json.tmp*"))
	if err != nil {
		return nil // the pattern is built from a valid profile name
	}
	for _, t := range temps {
		fi, err := os.Lstat(t)
		if err != nil || !fi.Mode().IsRegular() || time.Since(fi.ModTime()) < staleTemp {
			continue
		}
		if err := os.Remove(t); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("auth: removing a leftover token file: %w", err)
		}
	}
	return nil
}

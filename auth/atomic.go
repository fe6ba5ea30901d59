package auth

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeFileAtomic replaces path with data: it writes a temporary file of
// mode 0600 in the same directory, syncs it, renames it over path and syncs
// the directory, so that a crash leaves either the old or the new file.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("auth: writing token: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return fmt.Errorf("auth: writing token: %w", err)
	}
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("auth: writing token: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("auth: writing token: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("auth: writing token: %w", err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("auth: writing token: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the platform allows it; failures are
// ignored (directories cannot be synced on every system).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

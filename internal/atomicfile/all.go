package atomicfile

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Change is one file for [WriteAll] to replace.
type Change struct {
	Path string
	Data []byte
	Perm fs.FileMode
}

// WriteAll replaces several files as nearly at once as a file system
// allows: it writes and syncs a temporary file next to each first, and
// renames them over their targets only when every one is written. An error
// while staging removes the temporary files and leaves every target as it
// was; only a failing rename (after all are staged) can leave some files
// replaced and others not, and then the error names the first that was not.
func WriteAll(changes []Change) error {
	temps := make([]string, 0, len(changes))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, c := range changes {
		t, err := stage(c)
		if err != nil {
			cleanup()
			return err
		}
		temps = append(temps, t)
	}
	for i, c := range changes {
		if err := os.Rename(temps[i], c.Path); err != nil {
			for _, t := range temps[i:] {
				os.Remove(t)
			}
			return err
		}
	}
	dirs := map[string]bool{}
	for _, c := range changes {
		if d := filepath.Dir(c.Path); !dirs[d] {
			dirs[d] = true
			syncDir(d)
		}
	}
	return nil
}

// stage writes c to a synced temporary file next to c.Path.
func stage(c Change) (name string, err error) {
	f, err := os.CreateTemp(filepath.Dir(c.Path), "."+filepath.Base(c.Path)+".tmp*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(c.Perm); err != nil {
		return "", err
	}
	if _, err = f.Write(c.Data); err != nil {
		return "", err
	}
	if err = f.Sync(); err != nil {
		return "", err
	}
	err = f.Close()
	return f.Name(), err
}

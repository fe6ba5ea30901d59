//go:build unix

package budget

import (
	"os"
	"syscall"
)

func lockSupported() error { return nil }

// lock takes an exclusive flock(2) on f, waiting for it.
func lock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}

func unlock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

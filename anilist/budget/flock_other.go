//go:build !unix

package budget

import (
	"errors"
	"fmt"
	"os"
)

func lockSupported() error {
	return fmt.Errorf("budget: file store: %w (it needs flock)", errors.ErrUnsupported)
}

func lock(*os.File) error   { return lockSupported() }
func unlock(*os.File) error { return nil }

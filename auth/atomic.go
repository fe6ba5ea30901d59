package auth

import (
	"fmt"

	"github.com/anigql/anigql/internal/atomicfile"
)

// writeFileAtomic replaces path with data in a file of mode 0600, so that a
// crash leaves either the old token file or the new one.
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.Write(path, data, 0o600); err != nil {
		return fmt.Errorf("auth: writing token: %w", err)
	}
	return nil
}

package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/internal/atomicfile"
)

// stateFileName is the offline emulator's state in its directory.
const stateFileName = "state.json"

// offlineDir is where --offline keeps the emulator's state: next to the
// cache of public answers, in a directory of its own (the answers' cache
// evicts its files): ANIGQL_CACHE_DIR/offline, else
// ANIGQL_CONFIG_DIR/cache/offline, else os.UserCacheDir()/anigql/offline.
func (e *env) offlineDir() (string, error) {
	if dir := e.getenv(envCacheDir); dir != "" {
		return filepath.Join(dir, "offline"), nil
	}
	if dir := e.getenv(envConfigDir); dir != "" {
		return filepath.Join(dir, "cache", "offline"), nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w", err)
	}
	return filepath.Join(base, "anigql", "offline"), nil
}

// statePath is where the offline emulator's state lives.
func (e *env) statePath() (string, error) {
	dir, err := e.offlineDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, stateFileName), nil
}

// loadState gives the run's fresh emulator the state earlier --offline
// commands left. A state that cannot be read is reported and left alone:
// the command runs on the fresh dataset and `anigql --offline reset`
// removes it.
func (e *env) loadState(emu *offlineServer) {
	path, err := e.statePath()
	if err != nil {
		return
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err == nil {
		err = emu.LoadState(bytes.NewReader(data))
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "anigql: offline state %s not loaded (%v): run anigql --offline reset\n", path, err)
		return
	}
	e.stateLoaded = data
}

// saveState keeps what the run changed in the emulator for the next
// --offline command. Nothing is written when nothing changed.
func (e *env) saveState() {
	if e.emu == nil || e.noState {
		return
	}
	path, err := e.statePath()
	if err != nil {
		return
	}
	var b bytes.Buffer
	if err := e.emu.SaveState(&b); err != nil {
		fmt.Fprintf(e.stderr, "anigql: offline changes not kept: %v\n", err)
		return
	}
	if bytes.Equal(b.Bytes(), e.stateLoaded) || (e.stateLoaded == nil && isEmptyState(b.Bytes())) {
		return
	}
	err = os.MkdirAll(filepath.Dir(path), 0o700)
	if err == nil {
		err = atomicfile.Write(path, b.Bytes(), 0o600)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "anigql: offline changes not kept: %v\n", err)
	}
}

// isEmptyState reports whether a saved state holds no change.
func isEmptyState(b []byte) bool {
	return bytes.Equal(bytes.Join(bytes.Fields(b), nil), []byte(`{"version":1}`))
}

func newResetCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "reset",
		Short: "Forget what --offline commands changed in the emulator (anigql --offline reset)",
		Long: `--offline commands keep what they change in the emulator (list entries, favourites,
follows, activities…) in offline/state.json in the cache directory
(ANIGQL_CACHE_DIR, else ANIGQL_CONFIG_DIR/cache, else the user cache
directory's anigql folder; anigql paths prints it), so that a later
--offline command sees it. reset removes that file.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !e.offline {
				return usagef("reset clears the offline emulator's state: run anigql --offline reset")
			}
			e.noState = true
			path, err := e.statePath()
			if err != nil {
				return err
			}
			switch err := os.Remove(path); {
			case errors.Is(err, fs.ErrNotExist):
				fmt.Fprintf(e.stdout, "no offline state at %s: the emulator is fresh\n", path)
			case err != nil:
				return err
			default:
				fmt.Fprintf(e.stdout, "removed the offline state %s: the emulator is fresh\n", path)
			}
			return nil
		},
	}
}

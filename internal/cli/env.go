package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/auth"
)

// Environment variables the CLI reads besides auth.EnvVar (ANILIST_TOKEN).
const (
	envEndpoint  = "ANIGQL_ENDPOINT"   // GraphQL URL instead of AniList's
	envConfigDir = "ANIGQL_CONFIG_DIR" // instead of os.UserConfigDir()/anigql
	envOAuthURL  = "ANIGQL_OAUTH_URL"  // OAuth base (…/api/v2/oauth) instead of AniList's
	envCacheDir  = "ANIGQL_CACHE_DIR"  // the cache of public answers, instead of os.UserCacheDir()/anigql
)

// env is what every command runs with: its streams, the global flags and the
// clients built from them. Tests build one per run.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	// isTerminal reports whether w is a terminal (progress bars).
	isTerminal func(w io.Writer) bool
	// openURL opens a consent page; nil means the system browser.
	openURL func(string) error

	// global flags
	offline bool
	json    bool
	profile string
	timeout time.Duration
	noCache bool

	cancel context.CancelFunc // ends the --timeout context

	emu         *offlineServer // started on first use with --offline
	stateLoaded []byte         // the offline state emu started from
	noState     bool           // keep no offline state from this run (reset)

	// clientOpts, if set, adjusts the AniList client options (tests).
	clientOpts func(*anilist.Options)
}

func newEnv(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *env {
	return &env{
		stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv,
		now:        time.Now,
		isTerminal: fdIsTerminal,
	}
}

func fdIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// applyTimeout bounds cmd's context by the global --timeout. Commands with
// a --timeout of their own (login, schema) read that one instead.
func (e *env) applyTimeout(cmd *cobra.Command) {
	if e.timeout > 0 {
		ctx, cancel := context.WithTimeout(cmd.Context(), e.timeout)
		cmd.SetContext(ctx)
		e.cancel = cancel
	}
}

func (e *env) close() {
	if e.cancel != nil {
		e.cancel()
	}
	if e.emu != nil {
		e.saveState()
		e.emu.Close()
		e.emu = nil
	}
}

func (e *env) profileName() string {
	if e.profile == "" {
		return auth.DefaultProfile
	}
	return e.profile
}

// configDir is ANIGQL_CONFIG_DIR, else os.UserConfigDir()/anigql.
func (e *env) configDir() (string, error) {
	if dir := e.getenv(envConfigDir); dir != "" {
		return dir, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no configuration directory: %w", err)
	}
	return filepath.Join(base, "anigql"), nil
}

// store is the token store: configDir/tokens/<profile>.json, which without
// ANIGQL_CONFIG_DIR is auth.NewFileStore's, so programs using package auth
// find the tokens `anigql login` stored.
func (e *env) store() (*auth.FileStore, error) {
	if !auth.ValidProfile(e.profileName()) {
		return nil, usagef("invalid profile name %q", e.profileName())
	}
	if e.getenv(envConfigDir) == "" {
		return auth.NewFileStore()
	}
	dir, err := e.configDir()
	if err != nil {
		return nil, err
	}
	return &auth.FileStore{Dir: filepath.Join(dir, "tokens")}, nil
}

// token returns the token to use, checked for expiry: offline, the
// emulator's demo viewer; else ANILIST_TOKEN, else the profile's stored one.
func (e *env) token(ctx context.Context) (*auth.Token, error) {
	t, err := e.findToken(ctx)
	if err != nil {
		return nil, err
	}
	if err := t.Check(e.now()); err != nil {
		return nil, err
	}
	return t, nil
}

func (e *env) findToken(ctx context.Context) (*auth.Token, error) {
	if e.offline {
		emu, err := e.emulator(ctx)
		if err != nil {
			return nil, err
		}
		return auth.ParseToken(emu.ViewerToken())
	}
	if raw := e.getenv(auth.EnvVar); raw != "" {
		return auth.ParseToken(raw)
	}
	st, err := e.store()
	if err != nil {
		return nil, err
	}
	return st.Load(e.profileName())
}

// endpoint is the GraphQL URL: the emulator's offline, else ANIGQL_ENDPOINT,
// else AniList's.
func (e *env) endpoint(ctx context.Context) (string, error) {
	if e.offline {
		emu, err := e.emulator(ctx)
		if err != nil {
			return "", err
		}
		return emu.URL, nil
	}
	if u := e.getenv(envEndpoint); u != "" {
		return u, nil
	}
	return anilist.DefaultEndpoint, nil
}

// client returns an AniList client. With needAuth it fails without a valid
// token; otherwise it signs requests when a token is there.
func (e *env) client(ctx context.Context, needAuth bool) (*anilist.Client, error) {
	endpoint, err := e.endpoint(ctx)
	if err != nil {
		return nil, err
	}
	opts := &anilist.Options{Endpoint: endpoint, OnWait: e.showWait, Budget: e.budget(endpoint)}
	if e.offline {
		opts.DisableRateLimit = true
	}
	if e.clientOpts != nil {
		e.clientOpts(opts)
	}
	tok, err := e.token(ctx)
	switch {
	case err == nil:
		return anilist.NewClient(auth.NewClient(ctx, auth.StaticTokenSource(tok)), opts)
	case needAuth || !errors.Is(err, auth.ErrNoToken):
		return nil, err
	}
	e.useCache(opts)
	return anilist.NewClient(nil, opts)
}

// Public answers stay this long in the command's disk cache, which is
// bounded to diskCacheBytes.
const (
	diskCacheTTL   = 10 * time.Minute
	diskCacheBytes = 64 << 20
)

// useCache gives a client without a token the disk cache of public
// answers, CacheFirst, unless --no-cache or --offline (the emulator's data
// lives as long as the run). A cache that cannot be opened is skipped.
func (e *env) useCache(opts *anilist.Options) {
	if e.noCache || e.offline {
		return
	}
	dir, err := e.cacheDir()
	if err != nil {
		return
	}
	d, err := anilist.NewDiskCache(dir, diskCacheBytes)
	if err != nil {
		fmt.Fprintf(e.stderr, "anigql: not caching: %v\n", err)
		return
	}
	opts.Cache, opts.CachePolicy, opts.CacheTTL = d, anilist.CacheFirst, diskCacheTTL
}

// cacheDir is ANIGQL_CACHE_DIR, else ANIGQL_CONFIG_DIR/cache (so that a
// configuration directory of its own keeps the cache apart too), else
// os.UserCacheDir()/anigql/answers.
func (e *env) cacheDir() (string, error) {
	if dir := e.getenv(envCacheDir); dir != "" {
		return dir, nil
	}
	if dir := e.getenv(envConfigDir); dir != "" {
		return filepath.Join(dir, "cache"), nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "anigql", "answers"), nil
}

// showWait tells the user the client is waiting (rate limit, retry).
func (e *env) showWait(w anilist.Wait) {
	fmt.Fprintf(e.stderr, "anigql: %s: waiting %s before %s (attempt %d)\n",
		w.Reason, w.Delay.Round(time.Second), w.Op, w.Attempt)
}

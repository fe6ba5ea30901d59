// Package cli implements the anigql command line. cmd/anigql is a thin main
// that calls [Main].
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
)

// Main runs the anigql command line with args (without the program name) and
// returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, newEnv(stdin, stdout, stderr, os.Getenv), args)
}

// run executes one command line in e and returns the exit code; tests call
// it with an env of their own.
func run(ctx context.Context, e *env, args []string) int {
	defer e.close()
	root := newRootCmd(e)
	if err := checkFlagsFirst(root, args); err != nil {
		fmt.Fprintf(e.stderr, "anigql: %s\n", message(err))
		return exitCode(err)
	}
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	err = e.classify(err)
	if _, silent := err.(silentError); !silent {
		fmt.Fprintf(e.stderr, "anigql: %s\n", message(err))
	}
	return exitCode(err)
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "anigql",
		Short: "Typed, authenticated client for the AniList GraphQL API",
		Long: `anigql logs in to AniList, searches media, reads and edits lists, runs any
GraphQL operation, serves an offline AniList emulator, and scaffolds and
lints downstream genqlient projects.

Try it without network or account:  anigql --offline search Frieren

Environment: ANILIST_TOKEN (a token instead of the stored one), ANIGQL_ENDPOINT
(GraphQL URL, for every command that talks to AniList, schema included),
ANIGQL_OAUTH_URL (OAuth base URL), ANIGQL_CONFIG_DIR (instead of the user
config directory), ANIGQL_CACHE_DIR (instead of the user cache directory,
where --offline keeps the emulator's state), ANILIST_CLIENT_ID,
ANILIST_CLIENT_SECRET and ANILIST_REDIRECT_URL (for login). anigql paths
prints the directories. anigql prints no colour.

Rate-limit waits and retries are shown on standard error; --timeout bounds
them (and everything else) for scripts.

Exit codes: 0 ok, 1 error (lint findings too), 2 usage, 3 not logged in or
token expired/rejected, 4 rate limited, 5 network, 6 timed out (--timeout).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(flagError)
	pf := root.PersistentFlags()
	pf.BoolVar(&e.offline, "offline", false, "run against an in-process AniList emulator (no network; its changes are kept in the cache directory, see anigql paths)")
	pf.BoolVar(&e.json, "json", false, "print JSON for scripts instead of tables")
	pf.StringVar(&e.profile, "profile", "", "token profile, one per account (default \"default\")")
	pf.BoolVar(&e.noCache, "no-cache", false, "ask AniList every time: neither read nor write the cache of public answers")
	pf.DurationVar(&e.timeout, "timeout", 0, "give up after this long, with exit code 6 (default no limit); a rate-limit wait that would pass it fails at once")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if e.timeout < 0 {
			return usagef("--timeout must not be negative, not %s", e.timeout)
		}
		e.applyTimeout(cmd)
		return nil
	}
	root.Version = readVersion(debug.ReadBuildInfo).String()
	root.SetVersionTemplate("anigql {{.Version}}\n")
	root.AddCommand(
		newLoginCmd(e), newLogoutCmd(e), newWhoamiCmd(e),
		newSearchCmd(e), newListCmd(e), newSetCmd(e), newQueryCmd(e),
		newSchemaCmd(e), newServeCmd(e), newInitCmd(e), newLintCmd(e),
		newResetCmd(e), newPathsCmd(e), newVersionCmd(e),
	)
	return root
}

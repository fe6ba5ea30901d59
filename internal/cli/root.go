// Package cli implements the anigql command line. cmd/anigql is a thin main
// that calls [Main].
package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Exit codes returned by [Main].
const (
	ExitOK    = 0 // success
	ExitError = 1 // any failure without a more specific code
	ExitUsage = 2 // bad flags or arguments
)

// Main runs the anigql command line with args (without the program name) and
// returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(stderr, "anigql: %v\n", err)
		return exitCode(err)
	}
	return ExitOK
}

// usageError marks an error caused by bad flags or arguments.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func exitCode(err error) int {
	if _, ok := err.(usageError); ok {
		return ExitUsage
	}
	return ExitError
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "anigql",
		Short:         "Typed, authenticated client for the AniList GraphQL API",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newSchemaCmd())
	return root
}

package cli

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/internal/sdl"

	"github.com/anigql/anigql/internal/atomicfile"
)

// DefaultEndpoint is AniList's GraphQL endpoint.
const DefaultEndpoint = "https://graphql.anilist.co"

// userAgent identifies the CLI to AniList.
const userAgent = "anigql (+https://github.com/anigql/anigql)"

func newSchemaCmd(e *env) *cobra.Command {
	var endpoint, from, output string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the AniList schema as SDL (from introspection or a file)",
		Long: `schema sends the standard introspection query to an endpoint (--endpoint,
else ANIGQL_ENDPOINT, else https://graphql.anilist.co; with --offline the
in-process emulator) or reads --from FILE (an introspection JSON result,
or SDL to normalise), and prints SDL with descriptions, default values and
@deprecated kept, types in name order. The same input always prints the same
bytes. Refresh the committed schema with:

  go run ./cmd/anigql schema -o schema.graphql && go generate ./...`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from != "" && cmd.Flags().Changed("endpoint") {
				return usageError{errors.New("use either --from or --endpoint, not both")}
			}
			if timeout < 0 {
				return usagef("--timeout must not be negative, not %s", timeout)
			}
			if cmd.Flags().Changed("timeout") {
				e.timeout = timeout // reported as the global --timeout is
			}
			if from == "" && !cmd.Flags().Changed("endpoint") {
				u, err := e.endpoint(cmd.Context()) // --offline, ANIGQL_ENDPOINT
				if err != nil {
					return err
				}
				endpoint = u
			}
			s, err := loadSchema(cmd, from, endpoint, timeout)
			if err != nil {
				return err
			}
			return writeOutput(cmd, output, sdl.Print(s))
		},
	}
	cmd.Flags().StringVar(&endpoint, "endpoint", DefaultEndpoint, "GraphQL endpoint to introspect (default ANIGQL_ENDPOINT, else AniList's; the emulator with --offline)")
	cmd.Flags().StringVar(&from, "from", "", "read an introspection JSON result or an SDL file instead of introspecting")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file (atomically) instead of standard output")
	cmd.Flags().DurationVar(&timeout, "timeout", 60*time.Second, "time limit for introspection")
	return cmd
}

func loadSchema(cmd *cobra.Command, from, endpoint string, timeout time.Duration) (*sdl.Schema, error) {
	if from != "" {
		data, err := os.ReadFile(from)
		if err != nil {
			return nil, err
		}
		return sdl.Parse(from, data)
	}
	header := http.Header{"User-Agent": {userAgent}, "Referer": {"https://github.com/anigql/anigql"}}
	client := &http.Client{Timeout: timeout}
	return sdl.Fetch(cmd.Context(), client, endpoint, header)
}

// writeOutput writes data to path atomically, or to standard output when path
// is empty.
func writeOutput(cmd *cobra.Command, path string, data []byte) error {
	if path == "" {
		_, err := cmd.OutOrStdout().Write(data)
		return err
	}
	if err := atomicfile.Write(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/anilisttest"
)

func newServeCmd(e *env) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the offline AniList emulator (GraphQL and OAuth) until interrupted",
		Long: `serve runs the AniList emulator on --addr and prints, each on its own line,
its GraphQL URL and "token: <jwt>", a token for the demo viewer. OAuth lives
under URL/api/v2/oauth/ with the demo client printed below. Stop it with
Ctrl-C.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			s := anilisttest.NewUnstartedServer()
			s.Now = e.now
			if err := s.StartAt(addr); err != nil {
				return usageError{err}
			}
			defer s.Close()
			fmt.Fprintln(e.stdout, s.URL)
			fmt.Fprintf(e.stdout, "token: %s\n", s.ViewerToken())
			fmt.Fprintf(e.stdout, "oauth: %s/api/v2/oauth/authorize (client id %s, secret %s)\n",
				s.URL, anilisttest.DemoClientID, anilisttest.DemoClientSecret)
			fmt.Fprintf(e.stderr, "serving the AniList emulator; Ctrl-C stops it\n")
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:4000", "address to listen on")
	return cmd
}

package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/anilisttest"
)

func newServeCmd(e *env) *cobra.Command {
	var addr string
	var maxComplexity int
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the offline AniList emulator (GraphQL and OAuth) until interrupted",
		Long: `serve runs the AniList emulator on --addr and prints, each on its own line,
its GraphQL URL and "token: <jwt>", a token for the demo viewer. OAuth lives
under URL/api/v2/oauth/ with the demo client printed below (all of it as one
JSON object with --json). Like AniList it refuses a request whose query
complexity is over --max-complexity (0: no limit). Stop it with Ctrl-C.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if maxComplexity < 0 {
				return usagef("--max-complexity must be 0 (no limit) or more")
			}
			s := anilisttest.NewUnstartedServer()
			s.Now = e.now
			s.MaxComplexity = maxComplexity
			if err := s.StartAt(addr); err != nil {
				return usageError{err}
			}
			defer s.Close()
			if err := printServe(e, s); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "serving the AniList emulator; Ctrl-C stops it\n")
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:4000", "address to listen on")
	cmd.Flags().IntVar(&maxComplexity, "max-complexity", anilisttest.DefaultMaxComplexity, "query complexity limit, as AniList's (0: no limit)")
	return cmd
}

// serveInfo is what serve prints with --json.
type serveInfo struct {
	URL          string `json:"url"`
	Token        string `json:"token"`
	AuthorizeURL string `json:"authorizeUrl"`
	TokenURL     string `json:"tokenUrl"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

// printServe prints where the emulator listens and how to use it. The
// token is the emulator's demo viewer's, valid for this server only.
func printServe(e *env, s *anilisttest.Server) error {
	oauth := s.URL + "/api/v2/oauth"
	info := serveInfo{URL: s.URL, Token: s.ViewerToken(), AuthorizeURL: oauth + "/authorize", TokenURL: oauth + "/token",
		ClientID: anilisttest.DemoClientID, ClientSecret: anilisttest.DemoClientSecret}
	if e.json {
		return printJSON(e.stdout, info)
	}
	fmt.Fprintln(e.stdout, info.URL)
	fmt.Fprintf(e.stdout, "token: %s\n", info.Token)
	_, err := fmt.Fprintf(e.stdout, "oauth: %s (client id %s, secret %s)\n", info.AuthorizeURL, info.ClientID, info.ClientSecret)
	return err
}

package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/generated"
)

// whoamiResult is what whoami prints.
type whoamiResult struct {
	ID      int       `json:"id"`
	Name    string    `json:"name"`
	SiteURL string    `json:"siteUrl,omitempty"`
	Expiry  time.Time `json:"tokenExpiry,omitzero"`
	Offline bool      `json:"offline,omitempty"`
}

func newWhoamiCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "whoami",
		Short: "Show the logged-in AniList user and when the token expires",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			tok, err := e.token(ctx)
			if err != nil {
				return err
			}
			c, err := e.client(ctx, true)
			if err != nil {
				return err
			}
			resp, err := generated.Viewer(ctx, c)
			if err != nil {
				return err
			}
			if resp.Viewer == nil {
				return fmt.Errorf("AniList returned no viewer")
			}
			r := whoamiResult{ID: resp.Viewer.Id, Name: resp.Viewer.Name, Expiry: tok.Expiry, Offline: e.offline}
			if resp.Viewer.SiteUrl != nil {
				r.SiteURL = *resp.Viewer.SiteUrl
			}
			if e.json {
				return printJSON(e.stdout, r)
			}
			return printWhoami(e, r)
		},
	}
}

func printWhoami(e *env, r whoamiResult) error {
	expiry := "unknown"
	if !r.Expiry.IsZero() {
		expiry = fmt.Sprintf("%s (in %d days)", r.Expiry.UTC().Format(time.DateOnly), int(r.Expiry.Sub(e.now()).Hours()/24))
	}
	rows := [][]string{{"name", r.Name}, {"id", fmt.Sprint(r.ID)}, {"token expires", expiry}}
	if r.SiteURL != "" {
		rows = append(rows, []string{"profile", r.SiteURL})
	}
	if r.Offline {
		rows = append(rows, []string{"mode", "offline (emulator demo viewer)"})
	}
	for _, row := range rows {
		fmt.Fprintf(e.stdout, "%-14s %s\n", row[0]+":", row[1])
	}
	return nil
}

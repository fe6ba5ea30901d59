package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newLogoutCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "logout",
		Short: "Forget the stored token of the profile",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if e.offline {
				fmt.Fprintln(e.stdout, "offline: no token is stored for the emulator")
				return nil
			}
			st, err := e.store()
			if err != nil {
				return err
			}
			if err := st.Delete(e.profileName()); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "logged out (profile %s)\n", e.profileName())
			return nil
		},
	}
}

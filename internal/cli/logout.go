package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/auth"
)

// noProfileError says that profile has no stored token, and which do.
func noProfileError(st *auth.FileStore, profile string) error {
	names, _ := st.List()
	if len(names) == 0 {
		return errorf("profile %s has no stored token (none is stored in %s): nothing to log out", profile, st.Dir)
	}
	return errorf("profile %s has no stored token: nothing to log out (stored: %s)", profile, strings.Join(names, ", "))
}

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
			if _, err := st.Load(e.profileName()); errors.Is(err, auth.ErrNoToken) {
				return noProfileError(st, e.profileName())
			}
			if err := st.Delete(e.profileName()); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "logged out: removed the token of profile %s from %s\n", e.profileName(), st.Dir)
			return nil
		},
	}
}

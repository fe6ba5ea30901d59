package cli

import (
	"path/filepath"

	"github.com/spf13/cobra"
)

// pathsResult is what `anigql paths` prints.
type pathsResult struct {
	Config       string `json:"config"`       // configuration directory
	ClientConfig string `json:"clientConfig"` // config.json with the OAuth client
	Tokens       string `json:"tokens"`       // token store directory
	Token        string `json:"token"`        // the profile's token file
	Cache        string `json:"cache"`        // the cache of public answers
	OfflineState string `json:"offlineState"` // the --offline emulator's state
}

func newPathsCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "paths",
		Short: "Print where anigql keeps its configuration, tokens and offline state",
		Long: `paths prints the configuration directory (ANIGQL_CONFIG_DIR, else the user
configuration directory's anigql folder) with config.json and the token store,
the profile's token file, the cache of public answers (ANIGQL_CACHE_DIR, else
ANIGQL_CONFIG_DIR/cache, else the user cache directory's anigql/answers) and
the --offline emulator's state (offline/state.json beside it).
Files are listed whether or not they exist yet.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			r, err := e.paths()
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, r)
			}
			return table(e.stdout, []string{"WHAT", "PATH"}, [][]string{
				{"config", r.Config}, {"client config", r.ClientConfig},
				{"tokens", r.Tokens}, {"token (profile " + e.profileName() + ")", r.Token},
				{"answers cache", r.Cache}, {"offline state", r.OfflineState},
			})
		},
	}
}

func (e *env) paths() (pathsResult, error) {
	var r pathsResult
	cfg, err := e.configDir()
	if err != nil {
		return r, err
	}
	st, err := e.store()
	if err != nil {
		return r, err
	}
	cache, err := e.cacheDir()
	if err != nil {
		return r, err
	}
	state, err := e.statePath()
	if err != nil {
		return r, err
	}
	r.Config, r.ClientConfig = cfg, filepath.Join(cfg, "config.json")
	r.Tokens, r.Token = st.Dir, filepath.Join(st.Dir, e.profileName()+".json")
	r.Cache, r.OfflineState = cache, state
	return r, nil
}

package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/internal/scaffold"
)

func newInitCmd(e *env) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Scaffold genqlient code generation for AniList in an existing Go module",
		Long: `init writes what a Go module needs to generate its own typed AniList
functions: genqlient.yaml (same bindings and optional-argument policy as
anigql's), schema.graphql (the embedded AniList schema), queries/example.graphql,
generated/doc.go (with the go:generate line) and tools.go (pins genqlient). It
makes go.mod require genqlient ` + scaffold.GenqlientVersion + ` and golang.org/x/tools ` + scaffold.XToolsVersion + `
(older x/tools does not build on current Go). Existing files are kept unless
--force.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			res, err := scaffold.Init(dir, scaffold.Options{Force: force})
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, res)
			}
			for _, f := range res.Written {
				fmt.Fprintf(e.stdout, "wrote %s\n", filepath.Join(dir, f))
			}
			for _, f := range res.Kept {
				fmt.Fprintf(e.stdout, "kept  %s (exists; --force overwrites)\n", filepath.Join(dir, f))
			}
			if res.GoModUpdated {
				fmt.Fprintf(e.stdout, "updated %s (requires genqlient and golang.org/x/tools)\n", res.GoMod)
			}
			fmt.Fprintln(e.stdout, "\nNext steps:")
			if filepath.Clean(dir) != "." {
				fmt.Fprintf(e.stdout, "  cd %s\n", dir)
			}
			for _, s := range res.NextSteps() {
				fmt.Fprintf(e.stdout, "  %s\n", s)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite files that exist")
	return cmd
}

// maxArgs is cobra.MaximumNArgs with a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usagef("%s takes at most %d argument(s), got %d", cmd.Name(), n, len(args))
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d (see anigql %s --help)", cmd.Name(), n, len(args), cmd.Name())
		}
		return nil
	}
}

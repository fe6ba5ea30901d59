package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v2"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/lint"
)

func newLintCmd(e *env) *cobra.Command {
	var fix, strict bool
	cmd := &cobra.Command{
		Use:   "lint [PATHS]",
		Short: "Check GraphQL operations before genqlient sees them (--fix rewrites the mechanical problems)",
		Long: `lint checks .graphql operation files as one set, as genqlient loads them,
and reports file:line:col with a hint: anonymous operations, variables named
after Go keywords ($type), fragment names defined more than once, schema
validation errors, AniList's paging rules (perPage ≤ 50, ≤ 25 nested, one list
field per Page, pageInfo.hasNextPage) and the "# @genqlient(omitempty: true)"
policy line.

--fix rewrites in place, keeping comments and layout: it names anonymous
operations after their file, renames keyword variables everywhere they are
used, keeps the first of identical duplicate fragments and adds the omitempty
line. Without PATHS it lints the operations of ./genqlient.yaml, else
./queries. It exits 1 when errors remain (warnings too with --strict).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(e, args, fix, strict)
		},
	}
	cmd.Flags().BoolVar(&fix, "fix", false, "rewrite fixable problems in place")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 on warnings too")
	return cmd
}

func runLint(e *env, paths []string, fix, strict bool) error {
	schema, err := anigql.LoadSchema()
	if err != nil {
		return fmt.Errorf("embedded schema: %w", err)
	}
	names, err := lintFiles(paths)
	if err != nil {
		return err
	}
	files, err := readFiles(names)
	if err != nil {
		return err
	}
	if fix {
		if files, err = writeFixes(e, files); err != nil {
			return err
		}
	}
	findings := lint.Check(schema, files)
	if err := reportFindings(e, findings); err != nil {
		return err
	}
	if lint.HasErrors(findings) || (strict && len(findings) > 0) {
		return silentError{ExitError}
	}
	return nil
}

func writeFixes(e *env, files []lint.File) ([]lint.File, error) {
	fixed := lint.Fix(files)
	for i, f := range fixed {
		if f.Src == files[i].Src {
			continue
		}
		if err := os.WriteFile(f.Name, []byte(f.Src), 0o644); err != nil {
			return nil, err
		}
		fmt.Fprintf(e.stderr, "fixed %s\n", f.Name)
	}
	return fixed, nil
}

func reportFindings(e *env, findings []lint.Finding) error {
	if e.json {
		if findings == nil {
			findings = []lint.Finding{}
		}
		return printJSON(e.stdout, findings)
	}
	var errs, warns, fixable int
	for _, f := range findings {
		fmt.Fprintln(e.stdout, f)
		if f.Severity == lint.Error {
			errs++
		} else {
			warns++
		}
		if f.Fixable {
			fixable++
		}
	}
	if len(findings) > 0 {
		fmt.Fprintf(e.stderr, "%d error(s), %d warning(s)", errs, warns)
		if fixable > 0 {
			fmt.Fprintf(e.stderr, "; anigql lint --fix fixes %d", fixable)
		}
		fmt.Fprintln(e.stderr)
	}
	return nil
}

// lintFiles expands paths (files, directories, globs) into .graphql files;
// without paths, the operations of ./genqlient.yaml, else ./queries.
func lintFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		globs, err := genqlientOperations("genqlient.yaml")
		if err != nil {
			return nil, err
		}
		paths = globs
	}
	var out []string
	for _, p := range paths {
		matches, err := expand(p)
		if err != nil {
			return nil, err
		}
		out = append(out, matches...)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return nil, usagef("no .graphql files in %s", strings.Join(paths, " "))
	}
	return out, nil
}

func expand(p string) ([]string, error) {
	if info, err := os.Stat(p); err == nil && info.IsDir() {
		var out []string
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isGraphQL(path) {
				out = append(out, path)
			}
			return err
		})
		return out, err
	} else if err == nil {
		return []string{p}, nil
	}
	matches, err := doublestar.FilepathGlob(p)
	if err != nil || len(matches) == 0 {
		return nil, usagef("%s: no such file, directory or pattern", p)
	}
	return matches, nil
}

func isGraphQL(path string) bool {
	ext := filepath.Ext(path)
	return ext == ".graphql" || ext == ".gql"
}

// genqlientOperations returns the operation globs of a genqlient.yaml,
// relative to the current directory, or ["queries"] without one.
func genqlientOperations(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return []string{"queries"}, nil
	} else if err != nil {
		return nil, err
	}
	var cfg struct {
		Ops any `yaml:"operations"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var globs []string
	switch v := cfg.Ops.(type) {
	case string:
		globs = []string{v}
	case []any:
		for _, g := range v {
			globs = append(globs, fmt.Sprint(g))
		}
	}
	if len(globs) == 0 {
		return nil, fmt.Errorf("%s lists no operations", path)
	}
	dir := filepath.Dir(path)
	for i, g := range globs {
		globs[i] = filepath.Join(dir, g)
	}
	return globs, nil
}

func readFiles(names []string) ([]lint.File, error) {
	files := make([]lint.File, 0, len(names))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		files = append(files, lint.File{Name: n, Src: string(b)})
	}
	return files, nil
}

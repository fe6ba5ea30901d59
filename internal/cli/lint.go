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
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/anigql/anigql/internal/atomicfile"
	"github.com/anigql/anigql/internal/lint"
)

func newLintCmd(e *env) *cobra.Command {
	var fix, strict, showCost bool
	cmd := &cobra.Command{
		Use:   "lint [PATHS]",
		Short: "Check GraphQL operations before genqlient sees them (--fix rewrites the mechanical problems)",
		Long: `lint checks .graphql operation files as one set, as genqlient loads them,
and reports file:line:col with a hint: anonymous operations, variables named
after Go keywords ($type), fragment names defined more than once, schema
validation errors (against the schema of ./genqlient.yaml, else the AniList
schema built into anigql), AniList's paging rules (perPage ≤ 50, ≤ 25 nested, one list
field per Page, pageInfo.hasNextPage), AniList's query complexity limit
(an operation that can cost over 500; --cost prints every operation's
worst case and its three biggest contributors), the
"# @genqlient(omitempty: true)" policy line, and every Go identifier
genqlient would declare twice in its one package (an operation and a
fragment both named StaffCard, an operation named like a schema enum such
as MediaSort, one operation's <Op><Field> types against another
operation's name): whatever passes lint --strict generates and compiles.

--fix rewrites in place, keeping comments and layout: it names anonymous
operations after their file, renames keyword variables everywhere they are
used, keeps the first of identical duplicate fragments, renames a colliding
fragment (StaffCard becomes StaffCardFragment, at every spread in every file,
and says so) and adds the omitempty line. All changed files are written
before any replaces its original. Without PATHS it lints the operations of
./genqlient.yaml, else ./queries. It exits 1 when errors remain (warnings too with --strict).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(e, args, fix, strict, showCost)
		},
	}
	cmd.Flags().BoolVar(&fix, "fix", false, "rewrite fixable problems in place")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 on warnings too")
	cmd.Flags().BoolVar(&showCost, "cost", false, "print each operation's worst-case query complexity and biggest contributors")
	return cmd
}

func runLint(e *env, paths []string, fix, strict, showCost bool) error {
	cfg, err := readGenqlientConfig("genqlient.yaml")
	if err != nil {
		return err
	}
	schema, err := cfg.loadSchema()
	if err != nil {
		return err
	}
	names, err := lintFiles(paths, cfg)
	if err != nil {
		return err
	}
	files, err := readFiles(names)
	if err != nil {
		return err
	}
	if fix {
		if files, err = writeFixes(e, schema, files); err != nil {
			return err
		}
	}
	findings := lint.Check(schema, files)
	if showCost {
		err = reportCosts(e, lint.Costs(schema, files), findings)
	} else {
		err = reportFindings(e, findings)
	}
	if err != nil {
		return err
	}
	if lint.HasErrors(findings) || (strict && len(findings) > 0) {
		return silentError{ExitError}
	}
	return nil
}

// writeFixes applies lint.Fix: every changed file is staged next to itself
// first, and only when all are written are they renamed into place, so a
// failure leaves the operation set as it was rather than half renamed.
func writeFixes(e *env, schema *ast.Schema, files []lint.File) ([]lint.File, error) {
	fixed, renames := lint.Fix(schema, files)
	var changes []atomicfile.Change
	var names []string
	for i, f := range fixed {
		if f.Src == files[i].Src {
			continue
		}
		path, err := filepath.EvalSymlinks(f.Name)
		if err != nil {
			return nil, err
		}
		info, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		changes = append(changes, atomicfile.Change{Path: path, Data: []byte(f.Src), Perm: info.Mode().Perm()})
		names = append(names, f.Name)
	}
	if err := atomicfile.WriteAll(changes); err != nil {
		return nil, fmt.Errorf("writing fixes: %w", err)
	}
	for _, r := range renames {
		fmt.Fprintf(e.stderr, "renamed fragment %s to %s (%d spread(s)): its Go identifiers collided\n", r.From, r.To, r.Spreads)
	}
	for _, n := range names {
		fmt.Fprintf(e.stderr, "fixed %s\n", n)
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
// without paths, the operations of cfg (nil: ./queries).
func lintFiles(paths []string, cfg *genqlientConfig) ([]string, error) {
	if len(paths) == 0 {
		globs, err := cfg.operationGlobs()
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
		for _, m := range matches {
			out = append(out, filepath.Clean(m)) // each file once, however named
		}
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

// readFiles reads the named files, skipping any that is the same file as an
// earlier one (a link to it), which --fix would take for its own duplicate.
func readFiles(names []string) ([]lint.File, error) {
	files := make([]lint.File, 0, len(names))
	var seen []os.FileInfo
	for _, n := range names {
		info, err := os.Stat(n)
		if err != nil {
			return nil, err
		}
		if slices.ContainsFunc(seen, func(fi os.FileInfo) bool { return os.SameFile(fi, info) }) {
			continue
		}
		seen = append(seen, info)
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		files = append(files, lint.File{Name: n, Src: string(b)})
	}
	return files, nil
}

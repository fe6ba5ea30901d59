// Package scaffold writes what a downstream Go module needs to generate its
// own typed AniList functions with genqlient, the way the anigql module does:
// genqlient.yaml, schema.graphql, an example operation in queries/,
// generated/doc.go with the go:generate line, tools.go, and the go.mod
// requirements that make genqlient build on current Go.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/anigql/anigql"
)

// Versions the scaffold requires in the downstream go.mod. genqlient v0.8.1's
// own minimum golang.org/x/tools does not compile on current Go, so a newer
// x/tools is required next to it.
const (
	GenqlientModule  = "github.com/Khan/genqlient"
	GenqlientVersion = "v0.8.1"
	XToolsModule     = "golang.org/x/tools"
	XToolsVersion    = "v0.39.0"
)

// Options tune [Init].
type Options struct {
	// Force overwrites files that already exist; by default they are kept.
	Force bool
}

// Result says what [Init] did.
type Result struct {
	Dir          string   `json:"dir"`          // the directory scaffolded
	GoMod        string   `json:"goMod"`        // the go.mod that was found (and updated when needed)
	Written      []string `json:"written"`      // files written, relative to Dir
	Kept         []string `json:"kept"`         // files that existed and were left alone
	GoModUpdated bool     `json:"goModUpdated"` // go.mod gained or raised a requirement
	HasAnigql    bool     `json:"hasAnigql"`    // go.mod already requires github.com/anigql/anigql
}

// AnigqlModule is the module whose anilist client the generated code is
// called with.
const AnigqlModule = "github.com/anigql/anigql"

// ErrNoModule is returned when dir is not inside a Go module.
var ErrNoModule = errors.New("scaffold: no go.mod found: run `go mod init` first")

// Init scaffolds dir, which must be inside an existing Go module.
func Init(dir string, opts Options) (*Result, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("scaffold: %w", err)
	}
	gomod, err := findGoMod(abs)
	if err != nil {
		return nil, err
	}
	pkg := packageName(abs, gomod)
	res := &Result{Dir: abs, GoMod: gomod, Written: []string{}, Kept: []string{}}
	files := []struct{ name, text string }{
		{"genqlient.yaml", genqlientYAML},
		{"schema.graphql", anigql.Schema},
		{filepath.Join("queries", "example.graphql"), exampleGraphQL},
		{filepath.Join("generated", "doc.go"), generatedDoc},
		{"tools.go", fmt.Sprintf(toolsGoFormat, pkg)},
	}
	for _, f := range files {
		wrote, err := writeFile(filepath.Join(abs, f.name), f.text, opts.Force)
		if err != nil {
			return nil, err
		}
		if wrote {
			res.Written = append(res.Written, f.name)
		} else {
			res.Kept = append(res.Kept, f.name)
		}
	}
	res.GoModUpdated, res.HasAnigql, err = requireTools(gomod)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// NextSteps is what to run after [Init], in the module, as lines for the
// terminal.
func (r *Result) NextSteps() []string {
	var steps []string
	if !r.HasAnigql {
		steps = append(steps, "go get "+AnigqlModule+"@latest                    # the anilist client and auth")
	}
	steps = append(steps,
		"go mod tidy",
		"go run "+AnigqlModule+"/cmd/anigql lint --fix     # after adding queries/*.graphql",
		"go generate ./...",
		"go build ./...",
	)
	return append(steps,
		"",
		fmt.Sprintf("Then call generated.%s(ctx, client, ...) with a client from anilist.NewClient", ExampleOperation),
		"("+AnigqlModule+"/anilist).",
	)
}

func findGoMod(dir string) (string, error) {
	for d := dir; ; {
		p := filepath.Join(d, "go.mod")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", ErrNoModule
		}
		d = parent
	}
}

// writeFile writes text to path unless it exists (and force is false). It
// reports whether it wrote.
func writeFile(path, text string, force bool) (bool, error) {
	if !force {
		if _, err := os.Stat(path); err == nil {
			return false, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return false, fmt.Errorf("scaffold: %w", err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, fmt.Errorf("scaffold: %w", err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return false, fmt.Errorf("scaffold: %w", err)
	}
	return true, nil
}

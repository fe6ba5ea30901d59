package scaffold

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/semver"

	"github.com/anigql/anigql/internal/atomicfile"
)

// requireTools makes go.mod require genqlient and a golang.org/x/tools that
// builds on current Go, raising older requirements. It reports whether it
// changed the file and whether go.mod requires [AnigqlModule].
func requireTools(gomod string) (changed, hasAnigql bool, err error) {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return false, false, fmt.Errorf("scaffold: %w", err)
	}
	f, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return false, false, fmt.Errorf("scaffold: %w", err)
	}
	hasAnigql = requiredVersion(f, AnigqlModule) != ""
	changed, err = addRequirements(f)
	if err != nil || !changed {
		return false, hasAnigql, err
	}
	f.Cleanup()
	out, err := f.Format()
	if err != nil {
		return false, hasAnigql, fmt.Errorf("scaffold: %w", err)
	}
	if err := replaceFile(gomod, out); err != nil {
		return false, hasAnigql, fmt.Errorf("scaffold: %w", err)
	}
	return true, hasAnigql, nil
}

// replaceFile replaces path with data through a temporary file renamed over
// it, keeping its mode, so that an interrupted init never leaves half a
// go.mod.
func replaceFile(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, data, info.Mode().Perm())
}

// addRequirements adds or raises the genqlient and x/tools requirements of
// f and reports whether it changed anything.
func addRequirements(f *modfile.File) (bool, error) {
	changed := false
	for _, req := range []struct{ path, version string }{
		{GenqlientModule, GenqlientVersion},
		{XToolsModule, XToolsVersion},
	} {
		if have := requiredVersion(f, req.path); have != "" && semver.Compare(have, req.version) >= 0 {
			continue
		}
		if err := f.AddRequire(req.path, req.version); err != nil {
			return false, fmt.Errorf("scaffold: %w", err)
		}
		changed = true
	}
	return changed, nil
}

func requiredVersion(f *modfile.File, path string) string {
	for _, r := range f.Require {
		if r.Mod.Path == path {
			return r.Mod.Version
		}
	}
	return ""
}

// packageName is the package clause for tools.go in dir: the package of the
// non-test Go files already there, else a name derived from the module path
// (or from dir when it is below the module root).
func packageName(dir, gomod string) string {
	fset := token.NewFileSet()
	matches, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") || filepath.Base(m) == "tools.go" {
			continue
		}
		f, err := parser.ParseFile(fset, m, nil, parser.PackageClauseOnly)
		if err == nil {
			return f.Name.Name
		}
	}
	base := filepath.Base(dir)
	if filepath.Dir(gomod) == dir {
		if data, err := os.ReadFile(gomod); err == nil {
			if p := modfile.ModulePath(data); p != "" {
				base = p[strings.LastIndex(p, "/")+1:]
			}
		}
	}
	return identifier(base)
}

// identifier turns s into a lower-case Go identifier ("my-app.v2" → "myappv2").
func identifier(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			if b.Len() == 0 && unicode.IsDigit(r) {
				b.WriteString("p")
			}
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || token.IsKeyword(b.String()) {
		return "tools"
	}
	return b.String()
}

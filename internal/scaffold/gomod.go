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
)

// requireTools makes go.mod require genqlient and a golang.org/x/tools that
// builds on current Go, raising older requirements. It reports whether it
// changed the file.
func requireTools(gomod string) (bool, error) {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return false, fmt.Errorf("scaffold: %w", err)
	}
	f, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return false, fmt.Errorf("scaffold: %w", err)
	}
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
	if !changed {
		return false, nil
	}
	f.Cleanup()
	out, err := f.Format()
	if err != nil {
		return false, fmt.Errorf("scaffold: %w", err)
	}
	if err := os.WriteFile(gomod, out, 0o644); err != nil {
		return false, fmt.Errorf("scaffold: %w", err)
	}
	return true, nil
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

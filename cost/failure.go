package cost

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// pattern is a selection AniList answers with HTTP 500: under a field of
// type Type, the chain of fields Fields.
type pattern struct {
	Type   string
	Fields []string
	Source string
}

// failures are the known patterns. Both were reported as
// {"data":{"Staff":null},"errors":[{"message":"Internal Server Error","status":500}]}.
var failures = []pattern{
	{Type: "Staff", Fields: []string{"characters", "edges", "node", "media", "edges", "node"}, Source: "AniList/docs#132"},
	{Type: "Staff", Fields: []string{"staffMedia", "edges", "node", "staff", "edges"}, Source: "AniList/docs#55"},
}

// matchFailure returns the failure that the last field of path completes,
// or nil.
func matchFailure(path []step, f *ast.Field) *Failure {
	for _, p := range failures {
		n := len(p.Fields)
		if len(path) < n+1 || path[len(path)-n-1].typ != p.Type {
			continue
		}
		tail := path[len(path)-n:]
		match := true
		for i, name := range p.Fields {
			if tail[i].name != name {
				match = false
				break
			}
		}
		if match {
			return &Failure{Path: responsePath(path), Root: path[0].alias,
				Pattern: p.Type + "." + strings.Join(p.Fields, "."), Source: p.Source, Position: f.Position}
		}
	}
	return nil
}

func responsePath(path []step) string {
	names := make([]string, len(path))
	for i, st := range path {
		names[i] = st.alias
	}
	return strings.Join(names, ".")
}

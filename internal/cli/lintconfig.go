package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"gopkg.in/yaml.v2"

	"github.com/anigql/anigql"
)

// genqlientConfig is what lint reads from a genqlient.yaml: where the
// operations and the schema are, relative to the file's directory.
type genqlientConfig struct {
	path       string
	operations []string
	schema     []string
}

// readGenqlientConfig reads the genqlient.yaml at path; nil when there is
// none.
func readGenqlientConfig(path string) (*genqlientConfig, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var raw struct {
		Operations any `yaml:"operations"`
		Schema     any `yaml:"schema"`
	}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dir := filepath.Dir(path)
	return &genqlientConfig{path: path, operations: joinAll(dir, raw.Operations), schema: joinAll(dir, raw.Schema)}, nil
}

// joinAll turns a YAML string or list of strings into paths below dir.
func joinAll(dir string, v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = []string{v}
	case []any:
		for _, s := range v {
			out = append(out, fmt.Sprint(s))
		}
	}
	for i, s := range out {
		out[i] = filepath.Join(dir, s)
	}
	return out
}

// operationGlobs returns the operation globs of c, or ["queries"] without a
// genqlient.yaml.
func (c *genqlientConfig) operationGlobs() ([]string, error) {
	if c == nil {
		return []string{"queries"}, nil
	}
	if len(c.operations) == 0 {
		return nil, fmt.Errorf("%s lists no operations", c.path)
	}
	return c.operations, nil
}

// loadSchema loads the schema files of c (globs allowed, as genqlient
// does), or the AniList schema built into anigql without a genqlient.yaml
// or a schema entry in it.
func (c *genqlientConfig) loadSchema() (*ast.Schema, error) {
	if c == nil || len(c.schema) == 0 {
		s, err := anigql.LoadSchema()
		if err != nil {
			return nil, fmt.Errorf("embedded schema: %w", err)
		}
		return s, nil
	}
	var sources []*ast.Source
	for _, pattern := range c.schema {
		names, err := expand(pattern)
		if err != nil {
			return nil, fmt.Errorf("%s: schema %w", c.path, err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			sources = append(sources, &ast.Source{Name: name, Input: string(b)})
		}
	}
	s, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		return nil, fmt.Errorf("%s: schema: %w", c.path, err)
	}
	return s, nil
}

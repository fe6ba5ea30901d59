package genpost

import (
	"fmt"
	"path/filepath"

	"github.com/Khan/genqlient/generate"
)

// Generate runs genqlient with the configuration file (genqlient's default
// locations when configFile is empty) and rewrites the Go files it writes.
// Like generate.Generate, it returns the files by path and writes nothing.
func Generate(configFile string) (map[string][]byte, error) {
	var config *generate.Config
	var err error
	if configFile == "" {
		config, err = generate.ReadAndValidateConfigFromDefaultLocations()
	} else {
		config, err = generate.ReadAndValidateConfig(configFile)
	}
	if err != nil {
		return nil, err
	}
	files, err := generate.Generate(config)
	if err != nil {
		return nil, err
	}
	for path, src := range files {
		if filepath.Ext(path) != ".go" {
			continue
		}
		if files[path], err = Rewrite(src); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return files, nil
}

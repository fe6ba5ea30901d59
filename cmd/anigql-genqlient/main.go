// Command anigql-genqlient runs genqlient and then anigql's post-processing
// of the code it writes (package internal/genpost), so that the generated
// types decode a response in one pass. It takes the same argument as
// genqlient, the configuration file, and is meant for a go:generate line:
//
//	//go:generate go run github.com/anigql/anigql/cmd/anigql-genqlient ../genqlient.yaml
//
// `anigql init` writes that line into downstream repositories.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/anigql/anigql/internal/genpost"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run generates and writes the files, reporting errors to stderr.
func run(args []string, stderr io.Writer) int {
	if len(args) > 1 || (len(args) == 1 && (args[0] == "-h" || args[0] == "--help")) {
		fmt.Fprintln(stderr, "usage: anigql-genqlient [genqlient.yaml]")
		return 2
	}
	config := ""
	if len(args) == 1 {
		config = args[0]
	}
	files, err := genpost.Generate(config)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if err := os.WriteFile(p, files[p], 0o644); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	return 0
}

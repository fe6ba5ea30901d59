package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/anilist"
)

// versionInfo is what `anigql version` prints.
type versionInfo struct {
	Version  string `json:"version"`            // the module version, "(devel)" in a checkout
	Library  string `json:"library"`            // anilist.Version
	Go       string `json:"go"`                 // the toolchain that built the binary
	Revision string `json:"revision,omitempty"` // the VCS revision of a checkout build
	Modified bool   `json:"modified,omitempty"` // the checkout had local changes
}

// readVersion reads the module version from the binary's build info:
// `go install github.com/anigql/anigql/cmd/anigql@v0.1.0` records v0.1.0,
// a build in a checkout records (devel) and the VCS revision.
func readVersion(read func() (*debug.BuildInfo, bool)) versionInfo {
	v := versionInfo{Version: "(devel)", Library: anilist.Version, Go: runtime.Version()}
	bi, ok := read()
	if !ok {
		return v
	}
	if bi.Main.Version != "" {
		v.Version = bi.Main.Version
	}
	v.Go = bi.GoVersion
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func (v versionInfo) String() string {
	s := fmt.Sprintf("%s (library %s, %s", v.Version, v.Library, v.Go)
	if v.Revision != "" {
		s += ", revision " + v.Revision[:min(12, len(v.Revision))]
		if v.Modified {
			s += "+modified"
		}
	}
	return s + ")"
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the anigql version (the module version when installed with go install)",
		Args:  exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := readVersion(debug.ReadBuildInfo)
			if e.json {
				return printJSON(e.stdout, v)
			}
			fmt.Fprintf(e.stdout, "anigql %s\n", v)
			return nil
		},
	}
}

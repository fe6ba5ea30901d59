package cli

import (
	"runtime/debug"
	"testing"
)

func TestReadVersion(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"go install of a release", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "github.com/anigql/anigql", Version: "v0.1.0"}},
			"v0.1.0 (library 0.1.0, go1.26.0)"},
		{"a checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) (library 0.1.0, go1.26.0, revision 0123456789ab+modified)"},
		{"no build info", nil, "(devel) (library 0.1.0, "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := readVersion(func() (*debug.BuildInfo, bool) { return tt.bi, tt.bi != nil }).String()
			if tt.bi == nil {
				got = got[:len(tt.want)]
			}
			if got != tt.want {
				t.Errorf("version = %q; want %q", got, tt.want)
			}
		})
	}
}

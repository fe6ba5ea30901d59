package anilisttest_test

import (
	"strings"
	"testing"

	"github.com/anigql/anigql/anilisttest"
)

// FuzzLoadState feeds arbitrary files to LoadState (the state comes from a
// file in the user's cache directory): it must fail or succeed, never panic.
// Run: go test ./anilisttest -run '^$' -fuzz FuzzLoadState -fuzztime 30s
func FuzzLoadState(f *testing.F) {
	for _, seed := range []string{
		`{"version":1}`,
		`{"version":1,"tables":{"MediaList":{"290":{"set":{"progress":{"int":3},"notes":{"string":"x"},"score":{"float":9.5}}}}},"read":{"1":22}}`,
		`{"version":1,"tables":{"MediaList":{"290":{"deleted":true}},"User":{"1":{"set":{"_favourites":{"idsMap":{"anime":[1,2]}},"x":{"list":[{"obj":{"a":{"null":true}}}]}},"unset":["about"]}}}}`,
		`{"version":1,"tables":{"Nope":{"1":{"set":{"m":{"intMap":{"1":"a"}},"e":{"empty":"list"}}}}}}`,
	} {
		f.Add(seed)
	}
	srv := anilisttest.NewUnstartedServer()
	f.Fuzz(func(t *testing.T, in string) {
		_ = srv.LoadState(strings.NewReader(in))
	})
}

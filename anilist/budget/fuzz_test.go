package budget

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzFileState feeds a budget file's contents (which another process, a
// crash or a user may have left in any shape) to the algorithm: it must
// never panic, and must always grant or say how long to wait. Run with
//
//	go test ./anilist/budget -run '^$' -fuzz FuzzFileState -fuzztime 30s
func FuzzFileState(f *testing.F) {
	f.Add([]byte(`{"grants":[{"at":1,"id":"a"}],"limit":30,"dlimit":-4,"duntil":99999999999999999}`), 30, 429)
	f.Add([]byte(`{"seen":[{"at":5,"n":-1}],"cool":-1,"off":1}`), 1, 200)
	f.Add([]byte(`{}`), 0, 403)
	f.Fuzz(func(t *testing.T, data []byte, limit, status int) {
		var s State
		if json.Unmarshal(data, &s) != nil {
			return
		}
		now := t0
		for i := range 4 {
			got := s.Take(Take{Now: now, Window: time.Second, Limit: limit, Spread: i%2 == 0, ID: "x"})
			if !got.OK && got.Off <= 0 && got.Wait <= 0 {
				t.Fatalf("take %d: no grant and nothing to wait for: %+v", i, got)
			}
			s.Report(Report{Now: now, Window: time.Second, ID: "x", Status: status, Limit: limit, Remaining: limit / 2, Pause: time.Duration(status)})
			now = now.Add(time.Duration(i+1) * 100 * time.Millisecond)
		}
	})
}

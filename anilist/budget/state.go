package budget

import (
	"slices"
	"time"
)

// State is the shared state of a budget, as a [Store] keeps it: the
// requests granted in the last window, what was learned from AniList's
// answers, and the cooldown, degraded and outage modes. Times are
// microseconds since the Unix epoch on the store's clock.
//
// [State.Take] and [State.Report] are the algorithm every store runs
// atomically (the Redis store runs the same steps as Lua scripts); a store
// that keeps the state in Go, such as [FileStore], calls them under its lock.
type State struct {
	// Grants are the requests granted in the last window, oldest first.
	Grants []Mark `json:"grants,omitempty"`
	// Last is when the last request was granted.
	Last int64 `json:"last,omitempty"`
	// Limit is the X-RateLimit-Limit last reported (0 before one was).
	Limit int `json:"limit,omitempty"`
	// Cool is the end of the cooldown after a 429: nothing is granted before.
	Cool int64 `json:"cool,omitempty"`
	// DLimit is the limit in degraded mode, which lasts until DUntil.
	DLimit int   `json:"dlimit,omitempty"`
	DUntil int64 `json:"duntil,omitempty"`
	// Off is the end of outage mode (AniList answered 403 "API disabled");
	// OffMsg is that answer's message.
	Off    int64  `json:"off,omitempty"`
	OffMsg string `json:"offmsg,omitempty"`
	// Seen are the X-RateLimit-Remaining values reported in the last two
	// windows, oldest first, to tell degraded mode from a 429.
	Seen []Mark `json:"seen,omitempty"`
}

// Mark is a granted request (ID) or a reported X-RateLimit-Remaining (N)
// at a time.
type Mark struct {
	At int64  `json:"at"`
	ID string `json:"id,omitempty"`
	N  int    `json:"n,omitempty"`
}

// Take asks the budget for one request. It is the step a [Store] runs
// atomically for [Store.Take].
func (s *State) Take(r Take) Taken {
	now, w := micros(r.Now), int64(r.Window/time.Microsecond)
	s.prune(now, w)
	hold := held(w)
	limit := s.Limit
	if limit <= 0 {
		limit = r.Limit
	}
	pace := limit
	if now < s.DUntil {
		pace = min(pace, s.DLimit)
	}
	if r.Share > 0 && r.Share < 1 {
		pace = int(float64(pace) * r.Share)
	}
	pace = max(pace, 1)
	out := Taken{Limit: limit, Pace: pace, Degraded: now < s.DUntil}
	switch {
	case now < s.Off:
		out.Off, out.OffMsg = duration(s.Off-now), s.OffMsg
		return out
	case now < s.Cool:
		out.Wait = duration(s.Cool - now)
		return out
	case len(s.Grants) >= pace: // the oldest that counts must leave the window
		out.Wait = duration(s.Grants[len(s.Grants)-pace].At + hold - now)
		return out
	}
	if gap := w / int64(2*pace); r.Spread && now < s.Last+gap {
		out.Wait = duration(s.Last + gap - now)
		return out
	}
	s.Grants = append(s.Grants, Mark{At: now, ID: r.ID})
	s.Last = now
	out.OK = true
	return out
}

// Report learns from the answer to a granted request. It is the step a
// [Store] runs atomically for [Store.Report].
func (s *State) Report(r Report) {
	now, w := micros(r.Now), int64(r.Window/time.Microsecond)
	s.prune(now, w)
	if r.Limit > 0 {
		s.Limit = r.Limit
	}
	if r.Off > 0 {
		if end := now + micros64(r.Off); end > s.Off {
			s.Off, s.OffMsg = end, r.OffMsg
		}
	}
	switch {
	case r.Pause > 0: // a 429
		end := now + micros64(r.Pause)
		s.Cool = max(s.Cool, end)
		s.Grants = slices.DeleteFunc(s.Grants, func(m Mark) bool { return m.ID == r.ID })
		s.degrade(now, end, w)
	case r.Remaining >= 0 && r.Status/100 == 2:
		s.Seen = append(s.Seen, Mark{At: now, N: r.Remaining})
	}
}

// degrade detects degraded mode after a 429 that ends the server's window
// at end: the server refused although the lowest Remaining it announced in
// that window was well above zero, so the real limit is the announced one
// less that. A 429 after Remaining came down to (nearly) zero is the
// window's end, not degraded mode.
func (s *State) degrade(now, end, w int64) {
	low := -1
	for _, m := range s.Seen {
		if m.At >= end-w && (low < 0 || m.N < low) {
			low = m.N
		}
	}
	if s.Limit <= 0 || low*10 <= s.Limit {
		return
	}
	d := max(s.Limit-low, 1)
	if now < s.DUntil {
		d = min(d, s.DLimit)
	}
	s.DLimit, s.DUntil = d, now+10*w
}

// held is how long a grant counts: the window and a margin of a fortieth of
// it (25ms of a second, 1.5s of a minute), as the requests' delays on the
// way to the server differ: a grant late to arrive must not share the
// server's window with one sent a window later that arrived at once.
func held(w int64) int64 { return w + w/40 }

// prune forgets grants older than held(w) and reports older than two
// windows.
func (s *State) prune(now, w int64) {
	s.Grants = dropBefore(s.Grants, now-held(w))
	s.Seen = dropBefore(s.Seen, now-2*w)
}

// dropBefore drops the marks before t from a list sorted by time.
func dropBefore(ms []Mark, t int64) []Mark {
	i := 0
	for i < len(ms) && ms[i].At <= t {
		i++
	}
	return slices.Delete(ms, 0, i)
}

func micros(t time.Time) int64        { return t.UnixMicro() }
func micros64(d time.Duration) int64  { return int64(d / time.Microsecond) }
func duration(us int64) time.Duration { return time.Duration(us) * time.Microsecond }

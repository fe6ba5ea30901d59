package exec

import "net/http"

// DefaultMaxObjects bounds the objects one answer may hold when
// Executor.MaxObjects is 0. AniList refuses such queries up front for
// their complexity (a limit of 500 by its own measure, which is not
// published); the emulator instead stops building an answer that grows
// past this, so a query nested through cycles (media → characters → media
// → …) cannot exhaust its memory.
const DefaultMaxObjects = 200_000

// spend counts one object of the answer. It reports false, and marks the
// operation stopped, once the answer is over budget or the client has gone.
func (c *Ctx) spend() bool {
	if c.stopped != nil {
		return false
	}
	c.objects++
	limit := c.exec.MaxObjects
	if limit <= 0 {
		limit = DefaultMaxObjects
	}
	switch {
	case c.objects > limit:
		c.stopped = Errorf(http.StatusBadRequest,
			"anilisttest: the answer to this query would hold more than %d objects; AniList refuses queries this complex.", limit)
	case c.objects%1024 == 0 && c.Context != nil && c.Context.Err() != nil:
		c.stopped = Errorf(http.StatusBadRequest, "Request cancelled.")
	}
	return c.stopped == nil
}

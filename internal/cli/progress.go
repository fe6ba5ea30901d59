package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/Khan/genqlient/graphql"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
)

// progress draws a one-line progress bar on a terminal (stderr) and stays
// silent otherwise, so that piped output is plain.
type progress struct {
	e     *env
	label string
	total int // 0 when unknown
	on    bool
	drawn bool
}

func newProgress(e *env, label string) *progress {
	return &progress{e: e, label: label, on: e.isTerminal(e.stderr)}
}

const barWidth = 24

// update redraws the line after chunk chunks and n entries.
func (p *progress) update(chunk, n int) {
	if !p.on {
		return
	}
	var filled int
	var count string
	if p.total > 0 {
		filled = min(barWidth, n*barWidth/p.total)
		count = fmt.Sprintf("%d/%d entries", n, p.total)
	} else {
		filled = min(barWidth, chunk) // AniList serves at most 22 chunks of 500
		count = fmt.Sprintf("%d entries", n)
	}
	bar := strings.Repeat("█", filled) + strings.Repeat("░", barWidth-filled)
	fmt.Fprintf(p.e.stderr, "\r\x1b[K%s %s chunk %d · %s", p.label, bar, chunk, count)
	p.drawn = true
}

// done clears the line.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprint(p.e.stderr, "\r\x1b[K")
	}
}

const listCountQuery = `query ListCount($id: Int, $name: String) {
  User(id: $id, name: $name) { statistics { anime { count } manga { count } } }
}`

// listTotal asks AniList how many entries the list has, for the bar; 0 if
// that fails (the bar then counts chunks).
func listTotal(ctx context.Context, c *anilist.Client, id *int, name *string, mt generated.MediaType) int {
	var data struct {
		User *struct {
			Statistics struct {
				Anime, Manga struct{ Count int }
			}
		}
	}
	req := &graphql.Request{Query: listCountQuery, OpName: "ListCount", Variables: map[string]any{"id": id, "name": name}}
	if err := c.MakeRequest(ctx, req, &graphql.Response{Data: &data}); err != nil || data.User == nil {
		return 0
	}
	if mt == generated.MediaTypeManga {
		return data.User.Statistics.Manga.Count
	}
	return data.User.Statistics.Anime.Count
}

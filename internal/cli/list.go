package cli

import (
	"context"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
)

// perChunk is the chunk size of list: AniList's maximum.
const perChunk = 500

func newListCmd(e *env) *cobra.Command {
	var typ, sortKey string
	var statuses []string
	var limit int
	cmd := &cobra.Command{
		Use:   "list [USER]",
		Short: "Print a user's whole anime or manga list (default: yours)",
		Long: `list reads the whole list through MediaListCollection, 500 entries a chunk,
with a progress line on a terminal, and prints it as one list: grouped by
status (current, planning, completed, dropped, paused, repeating), sorted
within each status by --sort (title A to Z; score, progress and updated
highest or latest first), filtered by --status, cut at --limit entries.
Without USER it lists the logged-in user.`,
		Example: `  anigql --offline list --status current,paused --sort updated --limit 20`,
		Args:    maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			mt, err := mediaType(typ, false)
			if err != nil {
				return err
			}
			order, err := parseListOrder(statuses, sortKey, limit)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			var user string
			if len(args) == 1 {
				user = args[0]
			}
			entries, err := fetchList(ctx, e, user, *mt)
			if err != nil {
				return err
			}
			entries = order.apply(entries)
			if e.json {
				return printJSON(e.stdout, entries)
			}
			return table(e.stdout, []string{"ID", "MEDIA", "STATUS", "PROGRESS", "SCORE", "TITLE"}, entryRows(entries))
		},
	}
	cmd.Flags().StringVar(&typ, "type", "anime", "anime or manga")
	cmd.Flags().StringSliceVar(&statuses, "status", nil, "only these statuses (current, planning, completed, dropped, paused, repeating; comma-separated)")
	cmd.Flags().StringVar(&sortKey, "sort", "title", "order within each status: "+strings.Join(sortKeys, ", "))
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most this many entries (default all)")
	return cmd
}

// fetchList reads every entry of user's list (the viewer's when user is
// empty), each entry once even when it is in several lists.
func fetchList(ctx context.Context, e *env, user string, mt generated.MediaType) ([]*generated.MediaListGroupEntry, error) {
	c, err := e.client(ctx, user == "")
	if err != nil {
		return nil, err
	}
	var userID *int
	var userName *string
	if user != "" {
		userName = &user
	} else if userID, err = e.viewerID(ctx, c); err != nil {
		return nil, err
	}
	prog := newProgress(e, "list")
	defer prog.done()
	if prog.on {
		prog.total = listTotal(ctx, c, userID, userName, mt)
	}
	seen := map[int]bool{}
	entries := []*generated.MediaListGroupEntry{}
	chunks := 0
	fetch := func(ctx context.Context, chunk, per int) ([]*generated.MediaListGroupEntry, bool, error) {
		resp, err := generated.MediaListCollection(ctx, c, userID, userName, mt, &chunk, &per, nil)
		if err != nil || resp.MediaListCollection == nil {
			return nil, false, err
		}
		col := resp.MediaListCollection
		var out []*generated.MediaListGroupEntry
		for _, l := range col.Lists {
			for _, en := range l.GetEntries() {
				if en != nil && !seen[en.Id] {
					seen[en.Id] = true
					out = append(out, en)
				}
			}
		}
		chunks++
		prog.update(chunks, len(seen))
		return out, col.HasNextChunk != nil && *col.HasNextChunk, nil
	}
	for en, err := range anilist.Chunks(ctx, perChunk, fetch) {
		if err != nil {
			return nil, err
		}
		entries = append(entries, en)
	}
	return entries, nil
}

// viewerID is the logged-in user's id: from the token, else from Viewer.
func (e *env) viewerID(ctx context.Context, c *anilist.Client) (*int, error) {
	if tok, err := e.token(ctx); err == nil {
		if id, ok := tok.UserID(); ok {
			return &id, nil
		}
	}
	resp, err := generated.Viewer(ctx, c)
	if err != nil {
		return nil, err
	}
	if resp.Viewer == nil {
		return nil, errorf("AniList returned no viewer")
	}
	return &resp.Viewer.Id, nil
}

func entryRows(entries []*generated.MediaListGroupEntry) [][]string {
	rows := make([][]string, 0, len(entries))
	for _, en := range entries {
		title := "-"
		if en.Media != nil && en.Media.Title != nil {
			title = entryTitle(en)
		}
		rows = append(rows, []string{strconv.Itoa(en.Id), strconv.Itoa(en.MediaId), str(en.Status), str(en.Progress), str(en.Score), title})
	}
	return rows
}

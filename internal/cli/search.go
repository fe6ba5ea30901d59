package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/generated"
)

func newSearchCmd(e *env) *cobra.Command {
	var typ string
	var page, perPage int
	cmd := &cobra.Command{
		Use:   "search TITLE",
		Short: "Search anime and manga by title",
		Example: `  anigql --offline search Frieren
  anigql search --type manga --per-page 5 "Chainsaw Man"`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(args[0]) == "" {
				return usagef("search needs a title: an empty one would match everything (anigql search Frieren)")
			}
			mt, err := mediaType(typ, true)
			if err != nil {
				return err
			}
			if perPage < 1 || perPage > 50 || page < 1 {
				return usagef("--page must be ≥ 1 and --per-page between 1 and 50")
			}
			ctx := cmd.Context()
			c, err := e.client(ctx, false)
			if err != nil {
				return err
			}
			resp, err := generated.SearchMedia(ctx, c, &args[0], mt, &page, &perPage, nil, nil)
			if err != nil {
				return err
			}
			media := []*generated.MediaFields{}
			if resp.Page != nil && resp.Page.Media != nil {
				media = resp.Page.Media
			}
			if e.json {
				return printJSON(e.stdout, media)
			}
			return table(e.stdout, []string{"ID", "TYPE", "FORMAT", "YEAR", "EPS/CH", "SCORE", "TITLE"}, mediaRows(media))
		},
	}
	cmd.Flags().StringVar(&typ, "type", "", "anime or manga (default both)")
	cmd.Flags().IntVar(&page, "page", 1, "page of results")
	cmd.Flags().IntVar(&perPage, "per-page", 10, "results per page (at most 50)")
	return cmd
}

func mediaRows(media []*generated.MediaFields) [][]string {
	rows := make([][]string, 0, len(media))
	for _, m := range media {
		if m == nil {
			continue
		}
		count := m.Episodes
		if m.Type != nil && *m.Type == generated.MediaTypeManga {
			count = m.Chapters
		}
		title := "-"
		if m.Title != nil {
			title = firstNonEmpty(m.Title.UserPreferred, m.Title.Romaji, m.Title.English, m.Title.Native)
		}
		rows = append(rows, []string{strconv.Itoa(m.Id), str(m.Type), str(m.Format), str(m.SeasonYear), str(count), str(m.AverageScore), title})
	}
	return rows
}

func firstNonEmpty(ss ...*string) string {
	for _, s := range ss {
		if s != nil && *s != "" {
			return *s
		}
	}
	return "-"
}

// mediaType parses --type; empty is nil when optional.
func mediaType(s string, optional bool) (*generated.MediaType, error) {
	switch strings.ToUpper(s) {
	case "":
		if optional {
			return nil, nil
		}
		t := generated.MediaTypeAnime
		return &t, nil
	case "ANIME":
		t := generated.MediaTypeAnime
		return &t, nil
	case "MANGA":
		t := generated.MediaTypeManga
		return &t, nil
	}
	return nil, usagef("--type must be anime or manga, not %q", s)
}

package cli

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/anigql/anigql/generated"
)

// entryChange is what set sends: the flags given, nil for the others.
type entryChange struct {
	status   *generated.MediaListStatus
	progress *int
	score    *float64
}

func newSetCmd(e *env) *cobra.Command {
	var status string
	var progress int
	var score float64
	cmd := &cobra.Command{
		Use:   "set MEDIA_ID",
		Short: "Create or update your list entry for a media (status, progress, score)",
		Example: `  anigql set 154587 --status current --progress 3
  anigql set 154587 --score 9.5`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.Atoi(args[0])
			if err != nil || id <= 0 {
				return usagef("MEDIA_ID must be a positive number, not %q", args[0])
			}
			ch, err := parseEntryChange(cmd, status, progress, score)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := e.client(ctx, true)
			if err != nil {
				return err
			}
			resp, err := generated.SaveMediaListEntry(ctx, c, nil, &id, ch.status, ch.score, ch.progress, nil, nil, nil, nil, nil, nil)
			if err != nil {
				return err
			}
			en := resp.SaveMediaListEntry
			if en == nil {
				return errorf("AniList saved nothing")
			}
			if e.json {
				return printJSON(e.stdout, en)
			}
			return table(e.stdout, []string{"ID", "MEDIA", "STATUS", "PROGRESS", "SCORE"},
				[][]string{{strconv.Itoa(en.Id), strconv.Itoa(en.MediaId), str(en.Status), str(en.Progress), str(en.Score)}})
		},
	}
	cmd.Flags().StringVar(&status, "status", "", "current, planning, completed, dropped, paused or repeating")
	cmd.Flags().IntVar(&progress, "progress", 0, "episodes watched or chapters read")
	cmd.Flags().Float64Var(&score, "score", 0, "score in your list's format")
	return cmd
}

// parseEntryChange checks the flags given to set.
func parseEntryChange(cmd *cobra.Command, status string, progress int, score float64) (entryChange, error) {
	fl := cmd.Flags()
	var ch entryChange
	if !fl.Changed("status") && !fl.Changed("progress") && !fl.Changed("score") {
		return ch, usagef("set needs at least one of --status, --progress, --score")
	}
	if fl.Changed("status") {
		st, err := listStatus(status)
		if err != nil {
			return ch, err
		}
		ch.status = st
	}
	if fl.Changed("progress") {
		if progress < 0 {
			return ch, usagef("--progress must not be negative")
		}
		ch.progress = &progress
	}
	if fl.Changed("score") {
		if math.IsNaN(score) || math.IsInf(score, 0) || score < 0 {
			return ch, usagef("--score must be a number ≥ 0, not %v", score)
		}
		ch.score = &score
	}
	return ch, nil
}

func listStatus(s string) (*generated.MediaListStatus, error) {
	st := generated.MediaListStatus(strings.ToUpper(s))
	if !slices.Contains(generated.AllMediaListStatus, st) {
		names := make([]string, len(generated.AllMediaListStatus))
		for i, v := range generated.AllMediaListStatus {
			names[i] = strings.ToLower(string(v))
		}
		return nil, usagef("--status must be one of %s, not %q", strings.Join(names, ", "), s)
	}
	return &st, nil
}

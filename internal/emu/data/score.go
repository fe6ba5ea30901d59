package data

import (
	"math"

	"github.com/anigql/anigql/internal/emu/exec"
)

// Scores are stored as AniList stores them, on the 100-point scale
// (scoreRaw). A user's mediaListOptions.scoreFormat decides what score
// means on the way in (SaveMediaListEntry's score) and on the way out
// (MediaList.score without a format), as on anilist.co: a POINT_10_DECIMAL
// user who saves score 7.5 stores 75 and reads 7.5 back.

// scoreFormatOf is u's score format, POINT_100 when unset.
func scoreFormatOf(u Obj) string {
	if lo, ok := u["mediaListOptions"].(Obj); ok {
		if f, ok := lo["scoreFormat"].(string); ok && f != "" {
			return f
		}
	}
	return "POINT_100"
}

// maxScore is the highest score in format.
func maxScore(format string) float64 {
	switch format {
	case "POINT_10", "POINT_10_DECIMAL":
		return 10
	case "POINT_5":
		return 5
	case "POINT_3":
		return 3
	}
	return 100
}

// toRaw converts a score given in format into the 100-point scale.
// POINT_3's faces are stored as AniList stores them: 35, 60 and 85.
func toRaw(score float64, format string) float64 {
	switch format {
	case "POINT_10":
		return math.Round(score) * 10
	case "POINT_10_DECIMAL":
		return math.Round(score * 10)
	case "POINT_5":
		return math.Round(score) * 20
	case "POINT_3":
		return [...]float64{0, 35, 60, 85}[int(math.Max(0, math.Min(3, math.Round(score))))]
	}
	return math.Round(score)
}

// scaleScore converts a 100-point score into a ScoreFormat.
func scaleScore(s float64, format any) float64 {
	switch format {
	case "POINT_10":
		return math.Floor(s / 10)
	case "POINT_10_DECIMAL":
		return math.Round(s) / 10
	case "POINT_5":
		return math.Round(s / 20)
	case "POINT_3":
		switch {
		case s == 0:
			return 0
		case s <= 35:
			return 1
		case s <= 60:
			return 2
		}
		return 3
	}
	return s
}

// scoreField answers MediaList.score: in the format asked for, else in the
// format of the list's owner.
func (r *res) scoreField(_ *exec.Ctx, parent any, args map[string]any) (any, error) {
	e := parent.(Obj)
	format := args["format"]
	if format == nil {
		format = scoreFormatOf(r.s.get(UserTable, intOf(e["userId"])))
	}
	return scaleScore(toFloat(e["score"]), format), nil
}

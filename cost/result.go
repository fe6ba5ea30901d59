package cost

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// Result is the score of one operation. Its slices are shared with the
// model's cache: read them, do not modify them.
type Result struct {
	// Op is the operation's name ("" for an anonymous one).
	Op string
	// Cost is the operation's complexity, as AniList computes it.
	Cost int
	// Position is where the operation starts in its document.
	Position *ast.Position
	// Top are the biggest contributors, costliest first, at most three:
	// the fields of the first selection in which no single field holds two
	// thirds of the cost (for an alias batch, the aliases themselves).
	Top []Contribution
	// Failure, if not nil, is a selection AniList answers with HTTP 500
	// "Internal Server Error" instead of data.
	Failure *Failure
}

// Over reports whether r exceeds limit (AniList: [Limit]); a limit of 0 or
// less is no limit.
func (r Result) Over(limit int) bool { return limit > 0 && r.Cost > limit }

// Contribution is one field and everything below it.
type Contribution struct {
	// Path is the field's response path from the operation's root, such as
	// "Page.media.characters" or "a7" for an alias.
	Path string `json:"path"`
	// Cost is the field's complexity, its selection included.
	Cost int `json:"cost"`
	// Position is where the field is selected.
	Position *ast.Position `json:"-"`
}

// String formats c as "path cost".
func (c Contribution) String() string { return fmt.Sprintf("%s %d", c.Path, c.Cost) }

// Failure is a selection AniList is known to answer with HTTP 500.
type Failure struct {
	// Path is the response path of the field at which the pattern completes.
	Path string `json:"path"`
	// Root is the response name of the root field it is under.
	Root string `json:"root"`
	// Pattern is the known pattern, such as
	// "Staff.characters.edges.node.media.edges.node".
	Pattern string `json:"pattern"`
	// Source is where the failure was reported, such as "AniList/docs#132".
	Source string `json:"source"`
	// Position is where the field that completes the pattern is selected.
	Position *ast.Position `json:"-"`
}

// Message returns AniList's error message for a complexity of got over
// limit: "Max query complexity should be 500 but got 525.", the text of
// webonyx/graphql-php's QueryComplexity::maxQueryComplexityErrorMessage.
func Message(limit, got int) string {
	return fmt.Sprintf("Max query complexity should be %d but got %d.", limit, got)
}

var messageRE = regexp.MustCompile(`Max query complexity should be (\d+) but got (\d+)`)

// ParseMessage extracts the limit and the complexity from AniList's
// message (or any text containing it, such as an error string). ok is false
// when s holds no such message.
func ParseMessage(s string) (limit, got int, ok bool) {
	m := messageRE.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	limit, err1 := strconv.Atoi(m[1])
	got, err2 := strconv.Atoi(m[2])
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return limit, got, true
}

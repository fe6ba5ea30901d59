// Package lint checks GraphQL operations for AniList before genqlient sees
// them, and rewrites the mechanical problems in place.
//
// It reports what would stop genqlient (anonymous operations, variables named
// after Go keywords, fragment names defined more than once across files,
// schema validation errors), what AniList rejects or answers badly (perPage
// over 50, or over 25 on nested connections; more than one list field in one
// Page; a Page without pageInfo.hasNextPage), and operations without the
// `# @genqlient(omitempty: true)` policy line. It also reports every Go
// identifier genqlient would declare twice in its one output package: an
// operation and a fragment of one name, either named like a schema enum or
// input type (MediaSort), or one operation's <Op>Response or <Op><Field>…
// types against another's names. [Fix] rewrites the mechanical ones
// textually, keeping comments and formatting.
package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// File is one operation file: its name as it should be reported and its text.
type File struct {
	Name string
	Src  string
}

// Severity says whether a finding stops code generation.
type Severity int

const (
	// Error marks a finding that genqlient or AniList rejects.
	Error Severity = iota
	// Warning marks a finding that generates but misbehaves against AniList.
	Warning
)

// MarshalText writes the severity as "error" or "warning" (for JSON).
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "error" or "warning", as MarshalText writes them.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("lint: unknown severity %q", b)
	}
	return nil
}

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Rule names, as shown in brackets after each finding.
const (
	RuleSyntax          = "syntax"
	RuleSchema          = "schema"
	RuleAnonymous       = "anonymous-operation"
	RuleKeywordName     = "keyword-name"
	RuleKeywordVariable = "keyword-variable"
	RuleDuplicateFrag   = "duplicate-fragment"
	RuleOmitempty       = "omitempty-policy"
	RulePerPage         = "per-page"
	RuleNestedPerPage   = "nested-per-page"
	RulePageFields      = "page-fields"
	RulePageInfo        = "page-info"
	RuleGoName          = "go-name-collision"
)

// Finding is one problem at a place in a file.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"` // 1-based
	Col      int      `json:"col"`  // 1-based, in characters
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"` // how to fix it; empty when the message says it all
	Fixable  bool     `json:"fixable"`        // Fix rewrites it
}

// String formats f as `file:line:col: severity: message [rule] (hint)`.
func (f Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]", f.File, f.Line, f.Col, f.Severity, f.Message, f.Rule)
	if f.Hint != "" {
		fmt.Fprintf(&b, " (%s)", f.Hint)
	}
	return b.String()
}

// Check lints files as one operation set, the way genqlient loads them:
// fragments are shared across files. Findings come sorted by file, line and
// column. schema must not be nil.
func Check(schema *ast.Schema, files []File) []Finding {
	set := parseSet(files)
	var out []Finding
	out = append(out, set.syntaxFindings...)
	out = append(out, checkNames(set)...)
	out = append(out, checkKeywordVariables(set)...)
	out = append(out, checkFragments(set)...)
	out = append(out, checkOmitempty(set)...)
	out = append(out, validate(schema, set)...)
	out = append(out, checkCollisions(schema, set)...) // after validate: needs the resolved types
	out = append(out, checkAniList(set)...)
	out = append(out, checkCost(schema, set)...)
	sortFindings(out)
	return out
}

// HasErrors reports whether any finding has severity [Error].
func HasErrors(findings []Finding) bool {
	return slices.ContainsFunc(findings, func(f Finding) bool { return f.Severity == Error })
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

func findingAt(pos *ast.Position, rule string, sev Severity, msg, hint string, fixable bool) Finding {
	f := Finding{Rule: rule, Severity: sev, Message: msg, Hint: hint, Fixable: fixable}
	if pos != nil {
		f.Line, f.Col = pos.Line, pos.Column
		if pos.Src != nil {
			f.File = pos.Src.Name
		}
	}
	return f
}

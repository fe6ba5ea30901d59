package lint

import (
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// OmitemptyLine is the genqlient directive every operation must carry, so
// that unset nullable arguments are left out rather than sent as zero values.
const OmitemptyLine = "# @genqlient(omitempty: true)"

// precedingComments returns the comment lines directly above line (1-based),
// nearest first, stopping at the first line that is not a comment: the lines
// genqlient reads its directives from.
func precedingComments(src string, line int) []string {
	// lines as gqlparser counts them: \r\n, \r and \n each end one
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n"), "\n")
	var out []string
	for i := line - 1; i > 0 && i <= len(lines); i-- {
		l := strings.TrimSpace(lines[i-1])
		if !strings.HasPrefix(l, "#") {
			break
		}
		out = append(out, l)
	}
	return out
}

// hasOmitempty reports whether the comments above op set omitempty: true in
// a genqlient directive.
func hasOmitempty(op *ast.OperationDefinition) bool {
	if op.Position == nil || op.Position.Src == nil {
		return false
	}
	for _, l := range precedingComments(op.Position.Src.Input, op.Position.Line) {
		if !strings.HasPrefix(l, "# @genqlient") {
			continue
		}
		d := strings.TrimSpace(strings.TrimPrefix(l, "#"))
		doc, err := parser.ParseQuery(&ast.Source{Input: fmt.Sprintf("query %s { field }", d)})
		if err != nil || len(doc.Operations) != 1 {
			continue
		}
		for _, dir := range doc.Operations[0].Directives {
			if a := dir.Arguments.ForName("omitempty"); a != nil && a.Value.Raw == "true" {
				return true
			}
		}
	}
	return false
}

// setsOmitempty reports whether some genqlient directive above op already
// sets omitempty (to false): adding a second one would clash.
func setsOmitempty(op *ast.OperationDefinition) bool {
	if op.Position == nil || op.Position.Src == nil {
		return false
	}
	for _, l := range precedingComments(op.Position.Src.Input, op.Position.Line) {
		if strings.HasPrefix(l, "# @genqlient") && strings.Contains(l, "omitempty") {
			return true
		}
	}
	return false
}

func checkOmitempty(set *opSet) []Finding {
	var out []Finding
	for _, op := range set.merged.Operations {
		if hasOmitempty(op) {
			if vs := sameLineRequired(op); len(vs) > 0 {
				out = append(out, findingAt(vs[0].Position, RuleOmitempty, Error,
					fmt.Sprintf("genqlient reads the omitempty line as a directive on $%s too, as it starts on the operation's line, and rejects omitempty on a non-null variable", vs[0].Variable),
					"anigql lint --fix moves the variable definitions to the next line", true))
			}
			continue
		}
		fixable := !setsOmitempty(op)
		hint := "anigql lint --fix adds the line above the operation"
		if !fixable {
			hint = "set omitempty: true in its @genqlient directive"
		}
		out = append(out, findingAt(op.Position, RuleOmitempty, Warning,
			fmt.Sprintf("operation %s lacks %q: unset arguments would be sent as zero values, which AniList treats as filters", displayName(op), OmitemptyLine),
			hint, fixable))
	}
	return out
}

func displayName(op *ast.OperationDefinition) string {
	if op.Name == "" {
		return "(anonymous)"
	}
	return op.Name
}

// sameLineRequired returns the non-null variables without a default that
// start on the operation's own line: genqlient applies the comment lines
// above that line to them as well.
func sameLineRequired(op *ast.OperationDefinition) []*ast.VariableDefinition {
	var out []*ast.VariableDefinition
	for _, v := range op.VariableDefinitions {
		if v.Position != nil && op.Position != nil && v.Position.Line == op.Position.Line &&
			v.Type.NonNull && v.DefaultValue == nil {
			out = append(out, v)
		}
	}
	return out
}

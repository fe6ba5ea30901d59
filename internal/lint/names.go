package lint

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/vektah/gqlparser/v2/ast"
)

var goKeywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true,
	"default": true, "defer": true, "else": true, "fallthrough": true, "for": true,
	"func": true, "go": true, "goto": true, "if": true, "import": true,
	"interface": true, "map": true, "package": true, "range": true, "return": true,
	"select": true, "struct": true, "switch": true, "type": true, "var": true,
}

// keywordReplacements are the Go-idiomatic stand-ins for common keywords;
// other keywords get a trailing underscore.
var keywordReplacements = map[string]string{
	"type": "typ", "func": "fn", "package": "pkg", "interface": "iface",
	"default": "def", "range": "rng", "select": "sel",
}

func keywordReplacement(kw string) string {
	if r, ok := keywordReplacements[kw]; ok {
		return r
	}
	return kw + "_"
}

// nameFromFile turns a file name such as "02_page-media search.graphql" into
// an exported GraphQL name ("PageMediaSearch"); "Operation" when nothing is
// left.
func nameFromFile(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	var b strings.Builder
	upper := true
	for _, r := range base {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if b.Len() == 0 && unicode.IsDigit(r) {
				continue
			}
			if upper {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			upper = false
		default:
			upper = true
		}
	}
	if b.Len() == 0 {
		return "Operation"
	}
	return b.String()
}

// anonymousNames picks a unique name for every anonymous operation of the
// set, from its file name. Fragment names are taken too: genqlient would
// generate a Go type and a function of the same name.
func anonymousNames(set *opSet) map[*ast.OperationDefinition]string {
	taken := map[string]bool{}
	for _, op := range set.merged.Operations {
		taken[op.Name] = true
	}
	for _, f := range set.merged.Fragments {
		taken[f.Name] = true
	}
	names := map[*ast.OperationDefinition]string{}
	for _, f := range set.files {
		if f.doc == nil {
			continue
		}
		for _, op := range f.doc.Operations {
			if op.Name != "" {
				continue
			}
			base := nameFromFile(f.name)
			name := base
			for i := 2; taken[name]; i++ {
				name = fmt.Sprintf("%s%d", base, i)
			}
			taken[name] = true
			names[op] = name
		}
	}
	return names
}

func checkNames(set *opSet) []Finding {
	var out []Finding
	names := anonymousNames(set)
	for _, op := range set.merged.Operations {
		switch {
		case op.Name == "":
			out = append(out, findingAt(op.Position, RuleAnonymous, Error,
				"anonymous operation: genqlient needs a name for the Go function",
				fmt.Sprintf("anigql lint --fix names it %s", names[op]), true))
		case goKeywords[op.Name]:
			out = append(out, findingAt(op.Position, RuleKeywordName, Error,
				fmt.Sprintf("operation name %q is a Go keyword", op.Name),
				"rename the operation", false))
		}
	}
	return out
}

// keywordFixable reports whether every variable of op named after a Go
// keyword can take its replacement name without clashing.
func keywordFixable(op *ast.OperationDefinition, kw string) bool {
	return op.VariableDefinitions.ForName(keywordReplacement(kw)) == nil
}

func checkKeywordVariables(set *opSet) []Finding {
	var out []Finding
	for _, op := range set.merged.Operations {
		for _, v := range op.VariableDefinitions {
			if !goKeywords[v.Variable] {
				continue
			}
			repl := keywordReplacement(v.Variable)
			fixable := keywordFixable(op, v.Variable)
			hint := fmt.Sprintf("anigql lint --fix renames it $%s everywhere it is used", repl)
			if !fixable {
				hint = fmt.Sprintf("rename it by hand: $%s is taken", repl)
			}
			out = append(out, findingAt(v.Position, RuleKeywordVariable, Error,
				fmt.Sprintf("variable $%s is a Go keyword: genqlient rejects it", v.Variable), hint, fixable))
		}
	}
	return out
}

package lint

import (
	"errors"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
)

// parsedFile is one file of an operation set with its AST (nil when it does
// not parse) and a table from gqlparser's rune offsets to byte offsets.
type parsedFile struct {
	name    string
	src     *ast.Source
	doc     *ast.QueryDocument
	offsets []int
}

// opSet is every file of a lint run, parsed, plus the merged document that
// genqlient would validate.
type opSet struct {
	files          []*parsedFile
	merged         *ast.QueryDocument
	syntaxFindings []Finding
}

func parseSet(files []File) *opSet {
	set := &opSet{merged: &ast.QueryDocument{}}
	for _, f := range files {
		pf := &parsedFile{name: f.Name, src: &ast.Source{Name: f.Name, Input: f.Src}}
		pf.offsets = runeOffsets(f.Src)
		doc, err := parser.ParseQuery(pf.src)
		if err != nil {
			set.syntaxFindings = append(set.syntaxFindings, syntaxFinding(f.Name, err))
			set.files = append(set.files, pf)
			continue
		}
		pf.doc = doc
		set.files = append(set.files, pf)
		set.merged.Operations = append(set.merged.Operations, doc.Operations...)
		set.merged.Fragments = append(set.merged.Fragments, doc.Fragments...)
	}
	return set
}

func syntaxFinding(name string, err error) Finding {
	f := Finding{File: name, Line: 1, Col: 1, Rule: RuleSyntax, Severity: Error, Message: err.Error(),
		Hint: "fix it by hand: --fix leaves a file that does not parse as it is"}
	var gerr *gqlerror.Error
	if errors.As(err, &gerr) {
		f.Message = gerr.Message
		if len(gerr.Locations) > 0 {
			f.Line, f.Col = gerr.Locations[0].Line, gerr.Locations[0].Column
		}
	}
	return f
}

// runeOffsets maps each rune index of s (and len) to its byte offset.
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

// byteOff converts a gqlparser rune offset into a byte offset in the file.
func (p *parsedFile) byteOff(runeOff int) int {
	if runeOff < 0 {
		return 0
	}
	if runeOff >= len(p.offsets) {
		return len(p.src.Input)
	}
	return p.offsets[runeOff]
}

// fileOf returns the parsed file a position belongs to.
func (s *opSet) fileOf(pos *ast.Position) *parsedFile {
	if pos == nil {
		return nil
	}
	for _, f := range s.files {
		if f.src == pos.Src {
			return f
		}
	}
	return nil
}

// definitionEnd returns the byte offset just past the selection set of the
// definition that starts at byte offset start: the closing brace at depth
// zero, ignoring braces inside argument lists (object values).
func definitionEnd(src string, start int) int {
	lx := lexer.New(&ast.Source{Input: src[start:]})
	depth, parens := 0, 0
	for {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return len(src)
		}
		switch tok.Kind {
		case lexer.ParenL:
			parens++
		case lexer.ParenR:
			parens--
		case lexer.BraceL:
			if parens == 0 {
				depth++
			}
		case lexer.BraceR:
			if parens == 0 {
				depth--
				if depth == 0 {
					return start + runeToByte(src[start:], tok.Pos.End)
				}
			}
		}
	}
}

// tokens returns the significant tokens of src as kind/value
// pairs, for comparing two definitions while ignoring layout and comments.
func tokens(src string) []lexer.Token {
	lx := lexer.New(&ast.Source{Input: src})
	var out []lexer.Token
	for {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return out
		}
		if tok.Kind == lexer.Comment {
			continue
		}
		out = append(out, lexer.Token{Kind: tok.Kind, Value: tok.Value})
	}
}

func runeToByte(s string, runeOff int) int {
	i := 0
	for n := 0; n < runeOff && i < len(s); n++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return i
}

package genpost

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
)

// GoccyPath is the import path of the decoder the rewritten code calls.
const GoccyPath = "github.com/goccy/go-json"

// goccyName is the local name the rewritten code gives GoccyPath.
const goccyName = "gojson"

// Header is the line Rewrite adds under genqlient's "Code generated" line.
const Header = "// Post-processed by github.com/anigql/anigql/cmd/anigql-genqlient for one-pass decoding."

// edit replaces src[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// Rewrite applies the post-processing to one Go file written by genqlient
// and returns the new source, gofmt'd. It is deterministic, and a file with
// nothing to change (no UnmarshalJSON, no json.Unmarshal) comes back with
// only the header line added, and rewriting a rewritten file changes nothing.
func Rewrite(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "genqlient.go", src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("genpost: parsing genqlient's output: %w", err)
	}
	info := scan(f)
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	var edits []edit
	for name := range info.flattenable() {
		fn := info.unmarshals[name]
		edits = append(edits, edit{off(fn.Pos()), off(fn.End()), ""})
		for _, field := range info.structs[name].Fields.List {
			if len(field.Names) == 0 && field.Tag != nil {
				edits = append(edits, edit{off(field.Type.End()), off(field.Tag.End()), ""})
			}
		}
	}
	calls := info.unmarshalCalls(f)
	for _, id := range calls {
		if !insideAny(off(id.Pos()), edits) {
			edits = append(edits, edit{off(id.Pos()), off(id.End()), goccyName})
		}
	}
	if hasReplacement(edits) {
		// After the last import: genqlient's third-party group.
		last := f.Imports[len(f.Imports)-1]
		edits = append(edits, edit{off(last.End()), off(last.End()), "\n" + goccyName + " " + strconv.Quote(GoccyPath)})
	}
	if !hasHeader(f) {
		edits = append(edits, headerEdit(f, off))
	}
	out, err := format.Source(apply(src, edits))
	if err != nil {
		return nil, fmt.Errorf("genpost: formatting the rewritten file: %w", err)
	}
	return dropUnusedImports(out)
}

// unmarshalCalls returns the package identifiers of every json.Unmarshal
// selector that names encoding/json's function.
func (info *file) unmarshalCalls(f *ast.File) []*ast.Ident {
	if info.jsonName == "" {
		return nil
	}
	var ids []*ast.Ident
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Unmarshal" {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == info.jsonName && id.Obj == nil {
			ids = append(ids, id)
		}
		return true
	})
	return ids
}

// insideAny reports whether offset p falls in a deletion of edits.
func insideAny(p int, edits []edit) bool {
	return slices.ContainsFunc(edits, func(e edit) bool { return e.text == "" && e.from <= p && p < e.to })
}

// hasReplacement reports whether any edit writes the goccy name.
func hasReplacement(edits []edit) bool {
	return slices.ContainsFunc(edits, func(e edit) bool { return e.text == goccyName })
}

// hasHeader reports whether an earlier Rewrite added Header.
func hasHeader(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() >= f.Package {
			break
		}
		for _, c := range cg.List {
			if c.Text == Header {
				return true
			}
		}
	}
	return false
}

// headerEdit inserts Header after the "Code generated" comment, or before
// the package clause when there is none.
func headerEdit(f *ast.File, off func(token.Pos) int) edit {
	for _, cg := range f.Comments {
		if cg.Pos() >= f.Package {
			break
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "// Code generated ") {
				return edit{off(c.End()), off(c.End()), "\n" + Header}
			}
		}
	}
	return edit{off(f.Package), off(f.Package), Header + "\n\n"}
}

// apply makes the edits, which must not overlap except for deletions that
// contain other edits (those are dropped with the text they remove).
func apply(src []byte, edits []edit) []byte {
	slices.SortFunc(edits, func(a, b edit) int {
		if a.from != b.from {
			return a.from - b.from
		}
		return b.to - a.to
	})
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		if e.from < at {
			continue // inside an earlier deletion
		}
		out.Write(src[at:e.from])
		out.WriteString(e.text)
		at = e.to
	}
	out.Write(src[at:])
	return out.Bytes()
}

// dropUnusedImports removes the imports that the removed methods were the
// last users of (genqlient's code never imports for side effects).
func dropUnusedImports(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "genqlient.go", src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("genpost: parsing the rewritten file: %w", err)
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				used[id.Name] = true
			}
		}
		return true
	})
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	var edits []edit
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		var unused []edit
		for _, s := range gd.Specs {
			if imp := s.(*ast.ImportSpec); !used[localName(imp)] {
				unused = append(unused, edit{off(imp.Pos()), off(imp.End()), ""})
			}
		}
		if len(unused) == len(gd.Specs) {
			unused = []edit{{off(gd.Pos()), off(gd.End()), ""}} // no empty import ()
		}
		edits = append(edits, unused...)
	}
	if len(edits) == 0 {
		return src, nil
	}
	return format.Source(apply(src, edits))
}

// localName is the name an import is referred to by.
func localName(imp *ast.ImportSpec) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	p, _ := strconv.Unquote(imp.Path.Value)
	return p[strings.LastIndex(p, "/")+1:]
}

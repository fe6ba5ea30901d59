package genpost

import (
	"go/ast"
	"reflect"
	"strconv"
	"strings"
)

// file is what Rewrite needs to know about one generated file.
type file struct {
	structs    map[string]*ast.StructType // struct types by name
	unmarshals map[string]*ast.FuncDecl   // UnmarshalJSON methods by receiver type
	jsonName   string                     // local name of the encoding/json import
}

// scan indexes the struct types and UnmarshalJSON methods of f.
func scan(f *ast.File) *file {
	info := &file{structs: map[string]*ast.StructType{}, unmarshals: map[string]*ast.FuncDecl{}}
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "encoding/json" {
			info.jsonName = "json"
			if imp.Name != nil {
				info.jsonName = imp.Name.Name
			}
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok {
					if st, ok := ts.Type.(*ast.StructType); ok && ts.TypeParams == nil {
						info.structs[ts.Name.Name] = st
					}
				}
			}
		case *ast.FuncDecl:
			if d.Name.Name == "UnmarshalJSON" && d.Recv != nil && len(d.Recv.List) == 1 {
				if name := pointerReceiver(d.Recv.List[0].Type); name != "" {
					info.unmarshals[name] = d
				}
			}
		}
	}
	return info
}

// pointerReceiver returns T for a receiver of type *T, else "".
func pointerReceiver(e ast.Expr) string {
	star, ok := e.(*ast.StarExpr)
	if !ok {
		return ""
	}
	id, ok := star.X.(*ast.Ident)
	if !ok {
		return ""
	}
	return id.Name
}

// embedOnly reports whether fn is genqlient's UnmarshalJSON for a struct
// whose only specially handled fields are embedded fragments: its first pass
// declares no json.RawMessage fields, only the receiver and
// graphql.NoUnmarshalJSON.
func embedOnly(fn *ast.FuncDecl, typeName string) bool {
	if fn.Body == nil {
		return false
	}
	var firstPass *ast.StructType
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "firstPass" {
			return true
		}
		firstPass, _ = vs.Type.(*ast.StructType)
		return false
	})
	if firstPass == nil || len(firstPass.Fields.List) != 2 {
		return false
	}
	recv, helper := firstPass.Fields.List[0], firstPass.Fields.List[1]
	if len(recv.Names) != 0 || pointerReceiver(recv.Type) != typeName || len(helper.Names) != 0 {
		return false
	}
	sel, ok := helper.Type.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "NoUnmarshalJSON"
}

// tagName returns the JSON name of a field's tag, "-" for a skipped field,
// and "" when the tag names none.
func tagName(field *ast.Field) string {
	if field.Tag == nil {
		return ""
	}
	tag, err := strconv.Unquote(field.Tag.Value)
	if err != nil {
		return ""
	}
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	return name
}

// embeddedType returns the name of the local struct type a field embeds by
// value, or "" when the field is not such an embedding.
func (info *file) embeddedType(field *ast.Field) string {
	if len(field.Names) != 0 {
		return ""
	}
	id, ok := field.Type.(*ast.Ident)
	if !ok || info.structs[id.Name] == nil {
		return ""
	}
	return id.Name
}

// flattenable returns the structs whose genqlient UnmarshalJSON can go: the
// method handles only embedded fragments, every embedded type decodes
// natively (it has no UnmarshalJSON left), and the names the decoder would
// see in one pass are distinct ignoring case, so that each key of the input
// fills exactly the fields genqlient's passes filled.
func (info *file) flattenable() map[string]bool {
	flat := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for name, fn := range info.unmarshals {
			if flat[name] || info.structs[name] == nil || !embedOnly(fn, name) {
				continue
			}
			if names, ok := info.passNames(name, flat, name); ok && distinctFold(names) {
				flat[name] = true
				changed = true
			}
		}
	}
	return flat
}

// passNames lists the JSON names one native decode of the struct would fill,
// assuming the structs in flat and the candidate have lost their
// UnmarshalJSON and the `json:"-"` of their embedded fields. It fails when
// an embedded field would bring its own UnmarshalJSON or is not a local
// struct.
func (info *file) passNames(name string, flat map[string]bool, candidate string) ([]string, bool) {
	flattened := flat[name] || name == candidate
	var names []string
	for _, field := range info.structs[name].Fields.List {
		if len(field.Names) != 0 {
			for _, id := range field.Names {
				if n := tagName(field); n != "-" {
					names = append(names, cmpName(n, id.Name))
				}
			}
			continue
		}
		switch tag := tagName(field); {
		case tag == "-" && !flattened:
			continue
		case tag != "-" && tag != "":
			return nil, false // a named embedding is not flattened by the decoder
		}
		inner := info.embeddedType(field)
		if inner == "" || (info.unmarshals[inner] != nil && !flat[inner]) {
			return nil, false
		}
		sub, ok := info.passNames(inner, flat, candidate)
		if !ok {
			return nil, false
		}
		names = append(names, sub...)
	}
	return names, true
}

// cmpName is the name a field answers to: its tag name, else its Go name.
func cmpName(tag, goName string) string {
	if tag != "" {
		return tag
	}
	return goName
}

// distinctFold reports whether no two names are equal ignoring case
// (encoding/json and goccy match keys case-insensitively).
func distinctFold(names []string) bool {
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		k := strings.ToLower(n)
		if seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

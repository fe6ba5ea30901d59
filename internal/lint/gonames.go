package lint

// This file computes the package-level Go identifiers genqlient v0.8.1
// declares for an operation set, following its generate/names.go and
// generate/convert.go (default casing): for an operation Op a func Op, a
// const Op_Operation, a type OpResponse (or the operation's typename), a type
// __OpInput when it has variables and one type per object, interface or union
// selection, named Op<Field><Type><Field>… with the type left out when the
// name so far ends with it; for a fragment F a type F (plus F<Impl> for each
// implementation of an abstract type condition) and F<Field>… types; for an
// enum E a type E, consts E<Value> and a var AllE; for an input object I a
// type I. genqlient puts them all in one package, so two of them with the
// same name do not compile (funcs and consts) or make genqlient fail
// (conflicting types), unless they are the same type: same GraphQL type and
// same selections, which genqlient shares.

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// ownerKind says what declares a Go identifier.
type ownerKind int

const (
	ownedByOperation ownerKind = iota
	ownedByFragment
	ownedBySchema
)

// owner is the operation, fragment or schema type a Go identifier comes from.
type owner struct {
	kind ownerKind
	name string // the GraphQL name (after a planned rename, for fragments)
	pos  *ast.Position
}

func (o owner) String() string {
	switch o.kind {
	case ownedByOperation:
		return "operation " + o.name
	case ownedByFragment:
		return "fragment " + o.name
	}
	return "schema type " + o.name
}

// goDecl is one package-level Go identifier in genqlient's output.
type goDecl struct {
	name  string
	owner owner
	pos   *ast.Position // where in the GraphQL it comes from
	// shared is set for struct and interface types genqlient reuses when a
	// second selection asks for the same name with the same GraphQL type
	// and selections; key identifies those.
	shared bool
	key    string
}

// sameType reports whether genqlient would emit a and b as one declaration.
func (a goDecl) sameType(b goDecl) bool {
	if a.owner.kind == ownedBySchema && b.owner.kind == ownedBySchema {
		return a.owner.name == b.owner.name
	}
	return a.shared && b.shared && a.key == b.key
}

// upperFirst is genqlient's: leading underscores dropped, first rune upper.
func upperFirst(s string) string {
	s = strings.TrimLeft(s, "_")
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// goConstName is genqlient's name for an enum value: MEDIA_SORT → MediaSort.
func goConstName(s string) string {
	if strings.TrimLeft(s, "_") == "" {
		return s
	}
	var prev rune
	return strings.Map(func(r rune) rune {
		var ret rune
		switch {
		case r == '_':
			ret = -1
		case prev == '_' || prev == 0:
			ret = unicode.ToUpper(r)
		default:
			ret = unicode.ToLower(r)
		}
		prev = r
		return ret
	}, s)
}

// prefix is genqlient's name prefix: parts from first to last, always ending
// with an operation, fragment or field name.
type prefix []string

func (p prefix) join() string { return strings.Join(p, "") }

// typeNameParts adds typeName unless p is the operation name alone or the
// name so far already ends with it.
func (p prefix) typeNameParts(typeName string) prefix {
	typeName = upperFirst(typeName)
	if len(p) <= 1 || strings.HasSuffix(p.join(), typeName) {
		return p
	}
	return append(slices.Clip(p), typeName)
}

func (p prefix) next(f *ast.Field) prefix {
	q := p.typeNameParts(f.ObjectDefinition.Name)
	return append(slices.Clip(q), upperFirst(f.Alias))
}

func (p prefix) typeName(typeName string) string { return p.typeNameParts(typeName).join() }

// options are the genqlient directive options that change names.
type options struct {
	typename string
	bind     string
	flatten  *bool
}

// genqlientOptions reads the `# @genqlient(...)` lines directly above the
// line of pos, as genqlient does (a line it cannot parse is ignored here:
// genqlient reports it).
func genqlientOptions(pos *ast.Position) options {
	var o options
	if pos == nil || pos.Src == nil {
		return o
	}
	for _, l := range precedingComments(pos.Src.Input, pos.Line) {
		if !strings.HasPrefix(l, "# @genqlient") {
			continue
		}
		d := strings.TrimSpace(strings.TrimPrefix(l, "#"))
		doc, err := parser.ParseQuery(&ast.Source{Input: fmt.Sprintf("query Q %s { f }", d)})
		if err != nil || len(doc.Operations) != 1 {
			continue
		}
		for _, dir := range doc.Operations[0].Directives {
			if a := dir.Arguments.ForName("typename"); a != nil && o.typename == "" {
				o.typename = a.Value.Raw
			}
			if a := dir.Arguments.ForName("bind"); a != nil && o.bind == "" {
				o.bind = a.Value.Raw
			}
			if a := dir.Arguments.ForName("flatten"); a != nil && o.flatten == nil {
				b := a.Value.Raw == "true"
				o.flatten = &b
			}
		}
	}
	return o
}

// merged applies the operation's flatten and bind to a field without its
// own, as genqlient's mergeOperationDirective does (typename is not
// inherited).
func (o options) merged(op options) options {
	if o.flatten == nil {
		o.flatten = op.flatten
	}
	if o.bind == "" {
		o.bind = op.bind
	}
	return o
}

func (o options) flattens() bool { return o.flatten != nil && *o.flatten }

// nameWalker collects the declarations of one operation or fragment.
type nameWalker struct {
	schema *ast.Schema
	owner  owner
	opOpts options
	out    []goDecl
}

func (w *nameWalker) add(name string, pos *ast.Position, shared bool, key string) {
	w.out = append(w.out, goDecl{name: name, owner: w.owner, pos: pos, shared: shared, key: key})
}

// operationDecls returns what genqlient declares for op.
func operationDecls(schema *ast.Schema, op *ast.OperationDefinition) []goDecl {
	w := &nameWalker{schema: schema, owner: owner{ownedByOperation, op.Name, op.Position}}
	w.opOpts = genqlientOptions(op.Position)
	w.add(op.Name, op.Position, false, "")
	w.add(op.Name+"_Operation", op.Position, false, "")
	if len(op.VariableDefinitions) > 0 {
		w.add("__"+op.Name+"Input", op.Position, false, "")
	}
	if op.Operation == ast.Subscription {
		w.add(op.Name+"WsResponse", op.Position, false, "")
		w.add(op.Name+"ForwardData", op.Position, false, "")
	}
	base := rootType(schema, op.Operation)
	if base == nil {
		return w.out
	}
	resp, pre := op.Name+"Response", prefix{op.Name}
	if w.opOpts.typename != "" {
		resp, pre = w.opOpts.typename, prefix{w.opOpts.typename}
	}
	w.selections(pre, op.SelectionSet, base)
	if !(w.opOpts.flattens() && flattenValid(base, op.SelectionSet)) {
		w.add(resp, op.Position, true, base.Name+selectionKey(op.SelectionSet))
	}
	return w.out
}

// fragmentDecls returns what genqlient declares for frag when it is named
// name (its own name, or the one a fix would give it).
func fragmentDecls(schema *ast.Schema, frag *ast.FragmentDefinition, name string) []goDecl {
	w := &nameWalker{schema: schema, owner: owner{ownedByFragment, name, frag.Position}}
	w.opOpts = genqlientOptions(frag.Position)
	typ := schema.Types[frag.TypeCondition]
	if typ == nil {
		return nil
	}
	pre := prefix{name}
	w.selections(pre, frag.SelectionSet, typ)
	if w.opOpts.flattens() && flattenValid(typ, frag.SelectionSet) {
		return w.out
	}
	w.add(name, frag.Position, false, "")
	if typ.Kind == ast.Interface || typ.Kind == ast.Union {
		for _, impl := range possibleTypes(schema, typ) {
			w.selections(pre, frag.SelectionSet, impl)
			w.add(name+upperFirst(impl.Name), frag.Position, false, "")
		}
	}
	return w.out
}

// schemaDecls returns the identifiers genqlient declares for the enums and
// input objects of the schema (whether or not an operation uses them yet).
func schemaDecls(schema *ast.Schema) []goDecl {
	var out []goDecl
	for _, def := range schema.Types {
		if def.BuiltIn || (def.Kind != ast.Enum && def.Kind != ast.InputObject) {
			continue
		}
		o := owner{ownedBySchema, def.Name, def.Position}
		name := upperFirst(def.Name)
		out = append(out, goDecl{name: name, owner: o, pos: def.Position})
		if def.Kind == ast.Enum {
			out = append(out, goDecl{name: "All" + name, owner: o, pos: def.Position})
			for _, v := range def.EnumValues {
				out = append(out, goDecl{name: name + goConstName(v.Name), owner: o, pos: v.Position})
			}
		}
	}
	return out
}

// selections walks a selection set as genqlient's convertSelectionSet does:
// fields, and inline fragments that apply to containing; fragment spreads
// are declared by their fragment.
func (w *nameWalker) selections(pre prefix, ss ast.SelectionSet, containing *ast.Definition) {
	for _, sel := range ss {
		switch s := sel.(type) {
		case *ast.Field:
			w.field(pre, s)
		case *ast.InlineFragment:
			cond := containing
			if s.TypeCondition != "" {
				cond = w.schema.Types[s.TypeCondition]
			}
			if cond != nil && fragmentMatches(containing, cond) {
				w.selections(pre, s.SelectionSet, containing)
			}
		}
	}
}

func (w *nameWalker) field(pre prefix, f *ast.Field) {
	if f.Definition == nil || f.ObjectDefinition == nil {
		return // not validated against the schema: reported as a schema error
	}
	def := w.schema.Types[f.Definition.Type.Name()]
	if def == nil {
		return
	}
	opts := genqlientOptions(f.Position).merged(w.opOpts)
	if opts.bind != "" && opts.bind != "-" {
		return // bound to a Go type of the user's
	}
	w.definition(pre.next(f), def, f.SelectionSet, f.Position, opts)
}

// definition mirrors convertDefinition for the type of one field.
func (w *nameWalker) definition(pre prefix, def *ast.Definition, ss ast.SelectionSet, pos *ast.Position, opts options) {
	var name string
	switch {
	case opts.typename != "":
		name = opts.typename
		if len(pre) == 1 && pre[0] == name {
			name += upperFirst(def.Name)
		}
		pre = prefix{opts.typename}
	case def.Kind == ast.Enum || def.Kind == ast.InputObject:
		return // declared once for the schema: schemaDecls
	case def.Kind == ast.Scalar:
		return // a Go builtin or a binding
	default:
		name = pre.typeName(def.Name)
	}
	key := def.Name + selectionKey(ss)
	switch def.Kind {
	case ast.Object:
		w.selections(pre, ss, def)
		if !(opts.flattens() && flattenValid(def, ss)) {
			w.add(name, pos, true, key)
		}
	case ast.Interface, ast.Union:
		w.selections(pre, ss, def)
		if opts.flattens() && flattenValid(def, ss) {
			return
		}
		w.add(name, pos, true, key)
		for _, impl := range possibleTypes(w.schema, def) {
			w.definition(pre, impl, ss, pos, opts) // a typename T names them T<Impl>
		}
	case ast.Scalar, ast.Enum, ast.InputObject:
		w.add(name, pos, true, key) // a typename on a leaf: `type Name string`
	}
}

func rootType(schema *ast.Schema, op ast.Operation) *ast.Definition {
	switch op {
	case ast.Query:
		return schema.Query
	case ast.Mutation:
		return schema.Mutation
	case ast.Subscription:
		return schema.Subscription
	}
	return nil
}

// possibleTypes returns the implementations of an abstract type in name
// order, as genqlient sorts them.
func possibleTypes(schema *ast.Schema, def *ast.Definition) []*ast.Definition {
	impls := slices.Clone(schema.GetPossibleTypes(def))
	slices.SortFunc(impls, func(a, b *ast.Definition) int { return strings.Compare(a.Name, b.Name) })
	return impls
}

// fragmentMatches is genqlient's: the fragment's fields apply to every
// object of type containing.
func fragmentMatches(containing, frag *ast.Definition) bool {
	if containing.Name == frag.Name || slices.Contains(containing.Interfaces, frag.Name) {
		return true
	}
	return frag.Kind == ast.Union && slices.Contains(frag.Types, containing.Name)
}

// flattenValid is genqlient's validateFlattenOption: exactly one fragment
// spread that applies, and nothing else.
func flattenValid(typ *ast.Definition, ss ast.SelectionSet) bool {
	spreads := 0
	for _, sel := range ss {
		sp, ok := sel.(*ast.FragmentSpread)
		if !ok || sp.Definition == nil || sp.Definition.Definition == nil || !fragmentMatches(typ, sp.Definition.Definition) {
			return false
		}
		spreads++
	}
	return spreads == 1
}

// selectionKey renders the shape of a selection set genqlient compares
// before it shares a type: fields by alias and name, inline fragments by
// type condition, spreads by name, recursively.
func selectionKey(ss ast.SelectionSet) string {
	var b strings.Builder
	var walk func(ast.SelectionSet)
	walk = func(ss ast.SelectionSet) {
		b.WriteByte('{')
		for _, sel := range ss {
			switch s := sel.(type) {
			case *ast.Field:
				fmt.Fprintf(&b, "%s:%s", s.Alias, s.Name)
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				fmt.Fprintf(&b, "...on %s", s.TypeCondition)
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				fmt.Fprintf(&b, "...%s", s.Name)
			}
			b.WriteByte(' ')
		}
		b.WriteByte('}')
	}
	walk(ss)
	return b.String()
}

package cost

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/anigql/anigql"
)

// Limit is AniList's maximum query complexity.
const Limit = 500

// Model scores operations over a schema. It caches the parse of every
// query text it scores (and the result, when it does not depend on the
// variables), so scoring the same operation again costs a map lookup. It is
// safe for concurrent use.
type Model struct {
	schema *ast.Schema
	table  Table

	cache  sync.Map // query text -> *parsed
	cached atomic.Int64
}

// maxCached bounds the parse cache, so a program fed endless distinct
// queries (an alias batch of every size) does not grow without limit.
const maxCached = 1024

// parsed is one query text, parsed and validated, with the results of the
// operations that do not depend on their variables.
type parsed struct {
	doc    *ast.QueryDocument
	err    error
	static sync.Map // operation name -> Result
}

// New returns a model over schema that scores fields with table (nil: every
// field has the default cost).
func New(schema *ast.Schema, table Table) *Model {
	return &Model{schema: schema, table: table}
}

var defaultModel = sync.OnceValues(func() (*Model, error) {
	schema, err := anigql.LoadSchema()
	if err != nil {
		return nil, fmt.Errorf("cost: loading the AniList schema: %w", err)
	}
	return New(schema, AniList), nil
})

// Default returns the model of AniList: the schema embedded in the module
// ([anigql.Schema]) and the [AniList] table. It is built once and shared.
func Default() (*Model, error) { return defaultModel() }

// Schema returns the schema the model scores against.
func (m *Model) Schema() *ast.Schema { return m.schema }

// ErrInvalid is wrapped by the error of an operation that does not parse or
// validate against the schema, which AniList answers with its own errors
// before it computes any complexity.
var ErrInvalid = errors.New("cost: invalid operation")

// Score returns the complexity of the operation named opName in query (""
// for the only one) with vars, the request's variables, as AniList computes
// it. A variable that vars lacks takes its default value. The error wraps
// [ErrInvalid] when the query does not parse or validate, or the variables
// do not fit their types.
func (m *Model) Score(query, opName string, vars map[string]any) (Result, error) {
	return m.ScoreFunc(query, opName, func() (map[string]any, error) { return vars, nil })
}

// ScoreFunc is [Model.Score] with the variables produced on demand: vars is
// called only when the operation's cost depends on them (an @include or
// @skip with a variable, or a [Rule] whose argument is a variable), and at
// most once. Most operations never call it, which spares a caller holding
// typed variables the work of turning them into a map.
func (m *Model) ScoreFunc(query, opName string, vars func() (map[string]any, error)) (Result, error) {
	p := m.parse(query)
	if p.err != nil {
		return Result{}, p.err
	}
	if r, ok := p.static.Load(opName); ok {
		return r.(Result), nil
	}
	op, err := pick(p.doc, opName)
	if err != nil {
		return Result{}, err
	}
	s := newScorer(m, p.doc, op, Given)
	s.lazy = vars
	r, err := s.run()
	if err == nil && !s.dynamic {
		p.static.Store(opName, r)
	}
	return r, err
}

// WorstCase returns the highest complexity the operation named opName can
// have over its variables: @include with a variable counts the field,
// @skip with a variable does not skip it, and a [Rule] sees each variable
// argument at its documented bound ([Bounds]) or, without one, at its
// default value.
func (m *Model) WorstCase(query, opName string) (Result, error) {
	p := m.parse(query)
	if p.err != nil {
		return Result{}, p.err
	}
	op, err := pick(p.doc, opName)
	if err != nil {
		return Result{}, err
	}
	return m.Operation(p.doc, op, WorstCase)
}

// Mode says how [Model.Operation] binds variables that were not given.
type Mode int

const (
	// Given binds variables to their runtime values (and defaults), as
	// AniList does.
	Given Mode = iota
	// WorstCase binds each variable the way that costs most.
	WorstCase
)

// Operation scores op of doc, a document already validated against the
// model's schema (so that its fields carry their definitions), with no
// variables bound: mode says how the variables are taken. The linter uses
// it on the document genqlient would load.
func (m *Model) Operation(doc *ast.QueryDocument, op *ast.OperationDefinition, mode Mode) (Result, error) {
	return newScorer(m, doc, op, mode).run()
}

// parse returns the cached parse and validation of query.
func (m *Model) parse(query string) *parsed {
	if p, ok := m.cache.Load(query); ok {
		return p.(*parsed)
	}
	p := &parsed{}
	doc, errs := gqlparser.LoadQueryWithRules(m.schema, query, nil) // nil: the default rules
	if len(errs) > 0 {
		p.err = invalid(errs)
	} else {
		p.doc = doc
	}
	if m.cached.Add(1) <= maxCached {
		m.cache.Store(query, p)
	}
	return p
}

func invalid(errs gqlerror.List) error {
	return fmt.Errorf("%w: %s", ErrInvalid, errs[0].Message)
}

// pick returns the operation named name, or the only one when name is "".
func pick(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, error) {
	if name == "" && len(doc.Operations) == 1 {
		return doc.Operations[0], nil
	}
	if op := doc.Operations.ForName(name); op != nil && name != "" {
		return op, nil
	}
	if name == "" {
		return nil, fmt.Errorf("%w: the document has %d operations and no operation name was given", ErrInvalid, len(doc.Operations))
	}
	return nil, fmt.Errorf("%w: no operation named %q", ErrInvalid, name)
}

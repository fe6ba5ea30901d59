// Package exec is a small, generic GraphQL executor for the AniList emulator.
// It parses and validates operations against a schema with gqlparser (caching
// the result by query text), then walks the selection set over plain Go
// values: map[string]any objects keyed by GraphQL field names, slices, and
// scalars. Fields with a registered [Resolver] are computed; every other
// field reads the stored value. The output keeps selection order.
package exec

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator"
)

// Resolver computes one field. parent is the object the field belongs to
// (nil for root fields) and args the field's arguments with defaults applied.
// A returned *Error is reported at the field's location; the field is null.
type Resolver func(c *Ctx, parent any, args map[string]any) (any, error)

// Executor runs operations against Schema using Resolvers, keyed
// "Type.field" (for example "Query.Media" or "Media.characters").
type Executor struct {
	Schema    *ast.Schema
	Resolvers map[string]Resolver
	// Lock, if set, is called once per operation with whether it is a
	// mutation, and the returned function when the operation is done.
	Lock func(mutation bool) (unlock func())
	// Refused names the arguments the resolvers do not implement, as
	// "Type.field(arg)", and single values of list or enum arguments they
	// do not implement, as "Type.field(arg:VALUE)". A request that gives
	// one (with a value other than its default) fails that field with a
	// 400 "anilisttest: argument … is not supported" error instead of
	// being answered as if the argument were absent.
	Refused map[string]bool
	// MaxObjects bounds the objects of one answer; 0 means
	// DefaultMaxObjects. Past it the request answers a 400 error and no data.
	MaxObjects int

	cache  sync.Map // query text -> *parsed
	cached atomic.Int64
	intro  introspection
}

// maxCached bounds the parse cache, so a long-running server fed endless
// distinct queries does not grow without limit.
const maxCached = 4096

type parsed struct {
	doc  *ast.QueryDocument
	errs gqlerror.List
}

// Request is one GraphQL request.
type Request struct {
	Query         string
	OperationName string
	Variables     map[string]any
	// State is handed to resolvers as Ctx.State (e.g. the viewer).
	State any
	// Before, if set, runs after validation and before execution. A non-nil
	// *Error fails every root field with it (e.g. a bad token).
	Before func(op *ast.OperationDefinition) *Error
}

// Response is the outcome of a request.
type Response struct {
	Data   *Object // nil when no root field ran
	Errors []*Error

	body []byte // the encoding, once made under the executor's lock
}

// Status is the HTTP status AniList would send: the first error's status,
// else 200.
func (r *Response) Status() int {
	if len(r.Errors) > 0 && r.Errors[0].Status != 0 {
		return r.Errors[0].Status
	}
	return http.StatusOK
}

// JSON encodes the response with data fields in selection order, keys
// ordered as AniList sends them: {"data":null,"errors":[…]} when no data
// was produced, {"errors":[…],"data":{…}} beside partial data, and
// {"data":{…}} without errors.
func (r *Response) JSON() []byte {
	if r.body != nil {
		return r.body
	}
	return r.encode()
}

func (r *Response) encode() []byte {
	var data bytes.Buffer
	if r.Data == nil {
		data.WriteString("null")
	} else if err := writeObject(&data, r.Data); err != nil {
		return []byte(`{"data":null,"errors":[{"message":"Internal Server Error.","status":500}]}`)
	}
	if len(r.Errors) == 0 {
		return []byte(`{"data":` + data.String() + `}`)
	}
	var errs bytes.Buffer
	list := make([]any, len(r.Errors))
	for i, e := range r.Errors {
		list[i] = e
	}
	_ = writeJSON(&errs, list)
	if r.Data == nil {
		return []byte(`{"data":null,"errors":` + errs.String() + `}`)
	}
	return []byte(`{"errors":` + errs.String() + `,"data":` + data.String() + `}`)
}

// parse returns the cached parse and validation of query.
func (e *Executor) parse(query string) *parsed {
	if p, ok := e.cache.Load(query); ok {
		return p.(*parsed)
	}
	doc, errs := gqlparser.LoadQueryWithRules(e.Schema, query, nil) // nil: the default rules
	p := &parsed{doc: doc, errs: errs}
	if e.cached.Add(1) <= maxCached {
		e.cache.Store(query, p)
	}
	return p
}

// Execute runs req and returns the response. It never panics on bad input.
func (e *Executor) Execute(ctx context.Context, req Request) (resp *Response) {
	p := e.parse(req.Query)
	if len(p.errs) > 0 {
		return &Response{Errors: fromGQL(p.errs)}
	}
	op, err := pickOperation(p.doc, req.OperationName)
	if err != nil {
		return &Response{Errors: []*Error{err}}
	}
	if err := checkVariables(e.Schema, op, req.Variables); err != nil {
		return &Response{Errors: []*Error{err}}
	}
	vars, verr := validator.VariableValues(e.Schema, op, req.Variables)
	if verr != nil {
		return &Response{Errors: []*Error{variableError(op, asGQL(verr))}}
	}
	if e.Lock != nil {
		defer e.Lock(op.Operation == ast.Mutation)()
	}
	defer func() {
		if r := recover(); r != nil {
			resp = &Response{Errors: []*Error{Errorf(http.StatusInternalServerError, "Internal Server Error: %v", r)}}
		}
	}()
	resp = e.run(ctx, p.doc, op, vars, req)
	resp.body = resp.encode() // under the lock: data may alias stored values
	return resp
}

func pickOperation(doc *ast.QueryDocument, name string) (*ast.OperationDefinition, *Error) {
	if name == "" && len(doc.Operations) == 1 {
		return doc.Operations[0], nil
	}
	if name == "" {
		return nil, Errorf(http.StatusBadRequest, "Must provide operation name if query contains multiple operations.")
	}
	if op := doc.Operations.ForName(name); op != nil {
		return op, nil
	}
	return nil, Errorf(http.StatusBadRequest, "Unknown operation named %q.", name)
}

func asGQL(err error) *gqlerror.Error {
	if g, ok := err.(*gqlerror.Error); ok {
		return g
	}
	return gqlerror.Wrap(err)
}

// variableError names the variable a coercion error is about, as in
// `Variable "$id" must be defined.`, at its definition. gqlparser keeps the
// name only in the error's path.
func variableError(op *ast.OperationDefinition, g *gqlerror.Error) *Error {
	e := &Error{Message: g.Message, Status: http.StatusBadRequest}
	if len(g.Path) < 2 || g.Path[0] != ast.PathName("variable") {
		return e
	}
	name, _ := g.Path[1].(ast.PathName)
	e.Message = fmt.Sprintf("Variable \"$%s\" %s.", g.Path[1:].String(), strings.TrimSuffix(g.Message, "."))
	if def := op.VariableDefinitions.ForName(string(name)); def != nil && def.Position != nil {
		e.Locations = []Location{{Line: def.Position.Line, Column: def.Position.Column}}
	}
	return e
}

func fromGQL(list gqlerror.List) []*Error {
	out := make([]*Error, 0, len(list))
	for _, g := range list {
		e := &Error{Message: g.Message, Status: http.StatusBadRequest}
		for _, l := range g.Locations {
			e.Locations = append(e.Locations, Location{Line: l.Line, Column: l.Column})
		}
		out = append(out, e)
	}
	return out
}

// run executes op and builds the response.
func (e *Executor) run(ctx context.Context, doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, req Request) *Response {
	c := &Ctx{Context: ctx, State: req.State, Vars: vars, Doc: doc, exec: e}
	root := e.Schema.Query
	if op.Operation == ast.Mutation {
		root = e.Schema.Mutation
	}
	if root == nil {
		return &Response{Errors: []*Error{Errorf(http.StatusBadRequest, "exec: schema has no %s type", op.Operation)}}
	}
	if req.Before != nil {
		if err := req.Before(op); err != nil {
			return c.failAll(root, op.SelectionSet, err)
		}
	}
	data, _ := c.object(root, op.SelectionSet, nil, nil)
	if c.stopped != nil {
		return &Response{Errors: []*Error{c.stopped}}
	}
	if c.invalidInput() {
		data = nil // AniList answers input validation with "data":null
	}
	return &Response{Data: data, Errors: c.errors}
}

// invalidInput reports whether a field failed input validation.
func (c *Ctx) invalidInput() bool {
	for _, e := range c.errors {
		if e.Validation != nil {
			return true
		}
	}
	return false
}

// failAll answers every root field null with one error at the first field.
func (c *Ctx) failAll(root *ast.Definition, set ast.SelectionSet, err *Error) *Response {
	data := &Object{}
	fields := c.collect(root, set, nil)
	for i, f := range fields {
		if i == 0 {
			c.addError(err, f.Field)
		}
		data.Set(f.Alias, nil)
	}
	return &Response{Data: data, Errors: c.errors}
}

// String describes the executor for debugging.
func (e *Executor) String() string {
	return fmt.Sprintf("exec.Executor{%d resolvers}", len(e.Resolvers))
}

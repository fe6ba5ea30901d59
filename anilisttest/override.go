package anilisttest

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/anigql/anigql/internal/emu/data"
	"github.com/anigql/anigql/internal/emu/exec"
)

// Error is an error a [ResolverFunc] can return to answer in AniList's
// shape: Message and Status (the HTTP status mirrors the first error's),
// and for input validation a map from argument name to messages.
type Error = exec.Error

// ResolverFunc computes one field for [Server.Override]. args are the
// field's arguments with variables and defaults applied (integers as int64
// or int), parent is the object the field belongs to (nil for root fields)
// and viewer the authenticated user id (0 without a token). Return objects
// as map[string]any keyed by GraphQL field name (union members need a
// "__typename"), lists as slices and enums as strings; return an *Error to
// fail the field with its status.
type ResolverFunc func(args, parent map[string]any, viewer int) (any, error)

// Override replaces how the field "Type.field" (for example "Query.Media"
// or "Media.title") is computed, for every later request, so a test can
// script one answer without rebuilding the dataset. It fails if the schema
// has no such field. Pass nil to restore the emulator's own resolver.
//
// The scope is that one field and nothing else: overriding "Query.Media"
// changes the root Media lookup only, while Page.media, the media of a
// list entry or of a character and every other path to a Media keep the
// emulator's data (override "Page.media" too, or change the record with
// [Server.Put], which every path reads). An answer that does not fit the
// field's type (a struct where an object is due, a key the type lacks, a
// string for an Int, a union member without its "__typename") fails the
// field with a 500 whose message is the [*ShapeError], instead of turning
// into nulls.
func (s *Server) Override(field string, fn ResolverFunc) error {
	s.check()
	typ, name, ok := strings.Cut(field, ".")
	def := s.exec.Schema.Types[typ]
	if !ok || def == nil || def.Fields.ForName(name) == nil {
		return fmt.Errorf("anilisttest: Override: the schema has no field %q", field)
	}
	unlock := s.store.Lock(true)
	defer unlock()
	if s.own == nil {
		s.own = map[string]exec.Resolver{}
	}
	if _, saved := s.own[field]; !saved {
		s.own[field] = s.exec.Resolvers[field]
	}
	if fn == nil {
		s.exec.Resolvers[field] = s.own[field]
		return nil
	}
	check := shapeChecker{schema: s.exec.Schema, op: "Override " + field}
	fieldType := def.Fields.ForName(name).Type
	s.exec.Resolvers[field] = func(c *exec.Ctx, parent any, args map[string]any) (any, error) {
		p, _ := parent.(map[string]any)
		v, _ := c.State.(data.Viewer)
		out, err := fn(args, p, v.ID)
		if err != nil {
			return nil, err
		}
		if err := check.value(typ, fieldType, out, name); err != nil {
			return nil, exec.Errorf(http.StatusInternalServerError, "%v", err)
		}
		return out, nil
	}
	return nil
}

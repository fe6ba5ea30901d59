package anilisttest

import (
	"fmt"
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
	s.exec.Resolvers[field] = func(c *exec.Ctx, parent any, args map[string]any) (any, error) {
		p, _ := parent.(map[string]any)
		v, _ := c.State.(data.Viewer)
		return fn(args, p, v.ID)
	}
	return nil
}

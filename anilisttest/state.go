package anilisttest

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/emu/data"
)

// SaveState writes to w, as JSON, what requests have changed in the
// server's dataset since it was created: list entries saved or deleted,
// favourites, follows and likes toggled, activities, replies, reviews,
// threads posted, notifications read. It is usually a few kilobytes. A
// fresh server given it with [Server.LoadState] answers as this one does,
// so a program can keep an emulator's state between runs (anigql --offline
// keeps it in the user's cache directory). Records put with [Server.Put]
// are saved too.
func (s *Server) SaveState(w io.Writer) error {
	schema, err := anigql.LoadSchema()
	if err != nil {
		return fmt.Errorf("anilisttest: %w", err)
	}
	snap, err := s.store.Diff(data.New(schema, 1))
	if err != nil {
		return fmt.Errorf("anilisttest: saving state: %w", err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(snap); err != nil {
		return fmt.Errorf("anilisttest: saving state: %w", err)
	}
	return nil
}

// LoadState applies a state [Server.SaveState] wrote to the server's
// dataset, which should be fresh (nothing changed yet). It may be called
// before or after Start. A state of another format version is an error and
// changes nothing; a state that does not fit the dataset is an error after
// which the dataset may hold part of it (start a fresh server).
func (s *Server) LoadState(r io.Reader) error {
	var snap data.Snapshot
	if err := json.NewDecoder(r).Decode(&snap); err != nil {
		return fmt.Errorf("anilisttest: loading state: %w", err)
	}
	if err := s.store.Apply(&snap); err != nil {
		return fmt.Errorf("anilisttest: loading state: %w", err)
	}
	return nil
}

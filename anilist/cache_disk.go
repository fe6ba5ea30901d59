package anilist

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/anigql/anigql/internal/atomicfile"
)

// DiskCache is a [Cache] in a directory, one file per answer, shared by
// the processes that use the same directory (the anigql command keeps one
// in the user's cache directory). Make one with [NewDiskCache].
//
// It suits a few thousand answers: Invalidate and the size bound read the
// whole directory. Files are written atomically (a crash or a concurrent
// reader sees the old answer or the new one) and readable by their owner
// only. Keep viewer-specific answers out of a directory others can read.
type DiskCache struct {
	dir      string
	maxBytes int64
	mu       sync.Mutex // serializes this process's writes
}

// diskEntry is the file format of one answer.
type diskEntry struct {
	Body       json.RawMessage `json:"body"`
	Stored     time.Time       `json:"stored"`
	Expires    time.Time       `json:"expires"`
	StaleUntil time.Time       `json:"staleUntil"`
	Entities   []string        `json:"entities,omitempty"`
}

// diskSuffix ends every answer's file name.
const diskSuffix = ".json"

// NewDiskCache returns a DiskCache in dir, which it creates (mode 0700) if
// needed. The answers it keeps stay within maxBytes: each Set removes the
// oldest files beyond it.
func NewDiskCache(dir string, maxBytes int64) (*DiskCache, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("anilist: disk cache: %w", err)
	}
	return &DiskCache{dir: dir, maxBytes: maxBytes}, nil
}

// path is the file of key, or "" for a key that is not a plain name.
func (d *DiskCache) path(key string) string {
	if key == "" || strings.ContainsAny(key, `/\.`) {
		return ""
	}
	return filepath.Join(d.dir, key+diskSuffix)
}

// Get implements [Cache]. A file that does not parse is a miss.
func (d *DiskCache) Get(_ context.Context, key string) (*CacheEntry, bool, error) {
	p := d.path(key)
	if p == "" {
		return nil, false, nil
	}
	e, err := readDiskEntry(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return e, e != nil, nil
}

// readDiskEntry reads one answer's file; a corrupt file reads as nil.
func readDiskEntry(p string) (*CacheEntry, error) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var de diskEntry
	if json.Unmarshal(raw, &de) != nil || len(de.Body) == 0 {
		return nil, nil
	}
	return &CacheEntry{Body: de.Body, Stored: de.Stored, Expires: de.Expires, StaleUntil: de.StaleUntil, Entities: de.Entities}, nil
}

// Set implements [Cache].
func (d *DiskCache) Set(_ context.Context, key string, e *CacheEntry) error {
	p := d.path(key)
	if p == "" {
		return fmt.Errorf("anilist: disk cache: bad key %q", key)
	}
	raw, err := json.Marshal(diskEntry{Body: e.Body, Stored: e.Stored, Expires: e.Expires, StaleUntil: e.StaleUntil, Entities: e.Entities})
	if err != nil {
		return fmt.Errorf("anilist: disk cache: %w", err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := atomicfile.Write(p, raw, 0o600); err != nil {
		return fmt.Errorf("anilist: disk cache: %w", err)
	}
	return d.prune()
}

// prune removes the oldest answers until the rest fit in maxBytes.
func (d *DiskCache) prune() error {
	files, err := d.files()
	if err != nil {
		return err
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	slices.SortFunc(files, func(a, b diskFile) int { return a.mod.Compare(b.mod) })
	for _, f := range files {
		if total <= d.maxBytes {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	return nil
}

// diskFile is one answer's file.
type diskFile struct {
	path string
	size int64
	mod  time.Time
}

// files lists the answers' files.
func (d *DiskCache) files() ([]diskFile, error) {
	ents, err := os.ReadDir(d.dir)
	if err != nil {
		return nil, fmt.Errorf("anilist: disk cache: %w", err)
	}
	var out []diskFile
	for _, de := range ents {
		if de.IsDir() || !strings.HasSuffix(de.Name(), diskSuffix) || strings.HasPrefix(de.Name(), ".") {
			continue
		}
		if info, err := de.Info(); err == nil {
			out = append(out, diskFile{path: filepath.Join(d.dir, de.Name()), size: info.Size(), mod: info.ModTime()})
		}
	}
	return out, nil
}

// Invalidate implements [Cache]: it reads every answer's file and removes
// those that hold one of entities.
func (d *DiskCache) Invalidate(_ context.Context, entities []string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	files, err := d.files()
	if err != nil {
		return err
	}
	for _, f := range files {
		e, err := readDiskEntry(f.path)
		if err != nil || e == nil {
			continue
		}
		if slices.ContainsFunc(e.Entities, func(ent string) bool { return slices.Contains(entities, ent) }) {
			if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("anilist: disk cache: %w", err)
			}
		}
	}
	return nil
}

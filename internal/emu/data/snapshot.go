package data

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// SnapshotVersion is the format of [Snapshot]; Apply rejects others.
const SnapshotVersion = 1

// Snapshot is what changed in a store since it was generated: every record
// added, changed or deleted, field by field, and the notifications marked
// read. It is small (mutations touch few records), and JSON keeps every Go
// type the records hold, so applying it to a fresh store of the same seed
// gives back the same data.
type Snapshot struct {
	Version int                               `json:"version"`
	Tables  map[string]map[string]*RecordDiff `json:"tables,omitempty"` // table → id → change
	Read    map[string]int                    `json:"read,omitempty"`   // user id → notification id
}

// RecordDiff is the change to one record: deleted, or fields set and unset.
type RecordDiff struct {
	Deleted bool              `json:"deleted,omitempty"`
	Set     map[string]*Value `json:"set,omitempty"`
	Unset   []string          `json:"unset,omitempty"`
}

// derived are the keys put recomputes; they are never stored.
var derived = map[string]bool{"_search": true, "id": true}

// clockTables are generated from the clock (Rebase) and written by no
// mutation, so a snapshot leaves them out.
var clockTables = map[string]bool{AiringTable: true, TrendTable: true}

// Diff returns what changed in s since base, a store generated with the
// same seed. It fails for a changed field of
// a type [Value] cannot encode, naming it.
func (s *Store) Diff(base *Store) (*Snapshot, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	base.mu.RLock()
	defer base.mu.RUnlock()
	snap := &Snapshot{Version: SnapshotVersion, Tables: map[string]map[string]*RecordDiff{}}
	for _, table := range slices.Sorted(maps.Keys(unionKeys(s.tables, base.tables))) {
		if clockTables[table] {
			continue
		}
		for _, id := range slices.Sorted(maps.Keys(unionKeys(s.tables[table], base.tables[table]))) {
			d, err := diffRecord(base.tables[table][id], s.tables[table][id])
			if err != nil {
				return nil, fmt.Errorf("data: snapshot of %s %d: %w", table, id, err)
			}
			if d == nil {
				continue
			}
			if snap.Tables[table] == nil {
				snap.Tables[table] = map[string]*RecordDiff{}
			}
			snap.Tables[table][strconv.Itoa(id)] = d
		}
	}
	s.readMu.Lock()
	defer s.readMu.Unlock()
	for user, id := range s.read {
		if snap.Read == nil {
			snap.Read = map[string]int{}
		}
		snap.Read[strconv.Itoa(user)] = id
	}
	return snap, nil
}

func unionKeys[K comparable, V any](a, b map[K]V) map[K]bool {
	out := make(map[K]bool, len(a))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// diffRecord returns the change from old to cur, nil for none.
func diffRecord(old, cur Obj) (*RecordDiff, error) {
	switch {
	case cur == nil && old == nil:
		return nil, nil
	case cur == nil:
		return &RecordDiff{Deleted: true}, nil
	}
	d := &RecordDiff{}
	for _, k := range slices.Sorted(maps.Keys(cur)) {
		if derived[k] {
			continue
		}
		if ov, ok := old[k]; ok && reflect.DeepEqual(ov, cur[k]) {
			continue
		}
		v, err := newValue(cur[k])
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", k, err)
		}
		if d.Set == nil {
			d.Set = map[string]*Value{}
		}
		d.Set[k] = v
	}
	for _, k := range slices.Sorted(maps.Keys(old)) {
		if _, ok := cur[k]; !ok && !derived[k] {
			d.Unset = append(d.Unset, k)
		}
	}
	if d.Set == nil && d.Unset == nil {
		return nil, nil
	}
	return d, nil
}

// Apply makes the changes of snap to s, which should be freshly generated
// with the seed snap was taken from. On error s may hold part of them.
func (s *Store) Apply(snap *Snapshot) error {
	if snap.Version != SnapshotVersion {
		return fmt.Errorf("data: snapshot version %d; want %d", snap.Version, SnapshotVersion)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, table := range slices.Sorted(maps.Keys(snap.Tables)) {
		for key, d := range snap.Tables[table] {
			id, err := strconv.Atoi(key)
			if err != nil || d == nil {
				return fmt.Errorf("data: snapshot: bad record %s %q", table, key)
			}
			if d.Deleted {
				s.del(table, id)
				continue
			}
			obj := Obj{}
			if old := s.get(table, id); old != nil {
				obj = maps.Clone(old)
			}
			for k, v := range d.Set {
				if v == nil {
					return fmt.Errorf("data: snapshot: %s %d: field %s has no value", table, id, k)
				}
				obj[k] = v.v
			}
			for _, k := range d.Unset {
				delete(obj, k)
			}
			if err := s.putChecked(table, id, obj); err != nil {
				return err
			}
		}
	}
	s.readMu.Lock()
	defer s.readMu.Unlock()
	for key, id := range snap.Read {
		user, err := strconv.Atoi(key)
		if err != nil {
			return fmt.Errorf("data: snapshot: bad user id %q", key)
		}
		if s.read == nil {
			s.read = map[int]int{}
		}
		s.read[user] = id
	}
	return nil
}

// putChecked is put for a record read from a snapshot file, whose fields
// may not have the shapes the indexes expect: a record put cannot take is
// an error, not a crash. The store may then hold the changes applied
// before it.
func (s *Store) putChecked(table string, id int, obj Obj) (err error) {
	if id <= 0 {
		return fmt.Errorf("data: snapshot: %s id %d is not positive", table, id)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("data: snapshot: %s %d does not fit the dataset: %v", table, id, r)
		}
	}()
	s.put(table, id, obj)
	return nil
}

// Value is one field value with its Go type kept through JSON: {"int": 3},
// {"float": 9.5}, {"list": [...]}, {"obj": {...}}, …
type Value struct{ v any }

// taggedValue is Value's JSON form: exactly one field is set.
type taggedValue struct {
	Null   bool              `json:"null,omitempty"`
	Bool   *bool             `json:"bool,omitempty"`
	Int    *int              `json:"int,omitempty"`
	Float  *float64          `json:"float,omitempty"`
	String *string           `json:"string,omitempty"`
	Ints   []int             `json:"ints,omitempty"`
	List   []*Value          `json:"list,omitempty"`
	Obj    map[string]*Value `json:"obj,omitempty"`
	IntMap map[string]string `json:"intMap,omitempty"` // map[int]string
	IdsMap map[string][]int  `json:"idsMap,omitempty"` // map[string][]int
	Empty  string            `json:"empty,omitempty"`  // the kind of an empty list or map
}

// newValue wraps v, failing for a type the snapshot format does not know.
func newValue(v any) (*Value, error) {
	if err := checkValue(v); err != nil {
		return nil, err
	}
	return &Value{v}, nil
}

func checkValue(v any) error {
	switch v := v.(type) {
	case nil, bool, int, float64, string, []int, map[int]string, map[string][]int:
		return nil
	case []any:
		for _, x := range v {
			if err := checkValue(x); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		for _, x := range v {
			if err := checkValue(x); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("data: snapshot cannot store a %T", v)
}

// MarshalJSON writes v tagged with its type.
func (v *Value) MarshalJSON() ([]byte, error) {
	var t taggedValue
	switch x := v.v.(type) {
	case nil:
		t.Null = true
	case bool:
		t.Bool = &x
	case int:
		t.Int = &x
	case float64:
		t.Float = &x
	case string:
		t.String = &x
	case []int:
		t.Ints, t.Empty = x, emptyKind(len(x) == 0, "ints")
	case map[int]string:
		t.IntMap, t.Empty = map[string]string{}, emptyKind(len(x) == 0, "intMap")
		for k, s := range x {
			t.IntMap[strconv.Itoa(k)] = s
		}
	case map[string][]int:
		t.IdsMap, t.Empty = x, emptyKind(len(x) == 0, "idsMap")
	case []any:
		t.Empty = emptyKind(len(x) == 0, "list")
		for _, e := range x {
			t.List = append(t.List, &Value{e})
		}
	case map[string]any:
		t.Obj, t.Empty = map[string]*Value{}, emptyKind(len(x) == 0, "obj")
		for k, e := range x {
			t.Obj[k] = &Value{e}
		}
	default:
		return nil, fmt.Errorf("data: snapshot cannot store a %T", x)
	}
	return json.Marshal(t)
}

func emptyKind(empty bool, kind string) string {
	if empty {
		return kind
	}
	return ""
}

// UnmarshalJSON reads a value MarshalJSON wrote.
func (v *Value) UnmarshalJSON(b []byte) error {
	var t taggedValue
	if err := json.Unmarshal(b, &t); err != nil {
		return err
	}
	switch {
	case t.Null:
		v.v = nil
	case t.Bool != nil:
		v.v = *t.Bool
	case t.Int != nil:
		v.v = *t.Int
	case t.Float != nil:
		v.v = *t.Float
	case t.String != nil:
		v.v = *t.String
	case t.Ints != nil || t.Empty == "ints":
		v.v = append([]int{}, t.Ints...)
	case t.IdsMap != nil || t.Empty == "idsMap":
		m := map[string][]int{}
		maps.Copy(m, t.IdsMap)
		v.v = m
	case t.IntMap != nil || t.Empty == "intMap":
		m := map[int]string{}
		for k, s := range t.IntMap {
			n, err := strconv.Atoi(k)
			if err != nil {
				return fmt.Errorf("data: snapshot: bad int key %q", k)
			}
			m[n] = s
		}
		v.v = m
	case t.List != nil || t.Empty == "list":
		l := make([]any, 0, len(t.List))
		for _, e := range t.List {
			if e == nil {
				return fmt.Errorf("data: snapshot: list item without a value")
			}
			l = append(l, e.v)
		}
		v.v = l
	case t.Obj != nil || t.Empty == "obj":
		m := make(map[string]any, len(t.Obj))
		for k, e := range t.Obj {
			if e == nil {
				return fmt.Errorf("data: snapshot: field %s without a value", k)
			}
			m[k] = e.v
		}
		v.v = m
	default:
		return fmt.Errorf("data: snapshot: value of no known kind: %s", strings.TrimSpace(string(b)))
	}
	return nil
}

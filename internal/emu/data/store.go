// Package data is the AniList emulator's in-memory dataset and the
// resolvers that answer AniList's root fields and mutations over it.
//
// Records are plain map[string]any objects keyed by GraphQL field names, so
// the generic executor in internal/emu/exec reads most fields directly.
// Links between records are stored as ids (mediaId, userId) or in hidden
// keys starting with "_" (relations, favourites, likes), which no GraphQL
// field can name.
package data

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// Obj is one record, keyed by GraphQL field name.
type Obj = map[string]any

// Table names. Activities of every kind share ActivityTable and carry their
// concrete "__typename".
const (
	MediaTable          = "Media"
	CharacterTable      = "Character"
	StaffTable          = "Staff"
	StudioTable         = "Studio"
	UserTable           = "User"
	MediaListTable      = "MediaList"
	ActivityTable       = "Activity"
	ReplyTable          = "ActivityReply"
	NotificationTable   = "Notification"
	ReviewTable         = "Review"
	RecommendationTable = "Recommendation"
	ThreadTable         = "Thread"
	CommentTable        = "ThreadComment"
	AiringTable         = "AiringSchedule"
	TrendTable          = "MediaTrend"
)

// tableOf maps GraphQL type names to the table holding them.
var tableOf = map[string]string{
	"Media": MediaTable, "Character": CharacterTable, "Staff": StaffTable,
	"Studio": StudioTable, "User": UserTable, "MediaList": MediaListTable,
	"ActivityUnion": ActivityTable, "TextActivity": ActivityTable,
	"ListActivity": ActivityTable, "MessageActivity": ActivityTable,
	"ActivityReply": ReplyTable, "NotificationUnion": NotificationTable,
	"Review": ReviewTable, "Recommendation": RecommendationTable,
	"Thread": ThreadTable, "ThreadComment": CommentTable,
	"AiringSchedule": AiringTable, "MediaTrend": TrendTable,
}

// TableFor returns the table that stores records of GraphQL type typeName
// (a notification member type maps to the notification table).
func TableFor(typeName string) (string, bool) {
	if t, ok := tableOf[typeName]; ok {
		return t, true
	}
	if len(typeName) > 12 && typeName[len(typeName)-12:] == "Notification" {
		return NotificationTable, true
	}
	return "", false
}

// Store holds every table. Its lock is taken once per operation by the
// executor (see Lock); the lower-case methods assume it is held.
type Store struct {
	mu     sync.RWMutex
	tables map[string]map[int]Obj
	order  map[string][]int                    // sorted ids per table
	index  map[string]map[string]map[int][]int // table → field → value → sorted ids
	// Now is the clock for timestamps and airing times.
	Now func() time.Time

	// readMu guards read, which queries may write (resetNotificationCount)
	// while holding only the read lock.
	readMu sync.Mutex
	read   map[int]int // user id → highest notification id read
}

func newStore() *Store {
	return &Store{tables: map[string]map[int]Obj{}, order: map[string][]int{}, index: map[string]map[string]map[int][]int{}, Now: time.Now}
}

// Lock takes the read lock for queries and the write lock for mutations and
// returns the matching unlock.
func (s *Store) Lock(write bool) func() {
	if write {
		s.mu.Lock()
		return s.mu.Unlock
	}
	s.mu.RLock()
	return s.mu.RUnlock
}

// Put stores obj as record id of table, replacing any record with that id.
func (s *Store) Put(table string, id int, obj Obj) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.put(table, id, obj)
}

// Get returns a shallow copy of a record, or nil.
func (s *Store) Get(table string, id int) Obj {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.get(table, id)
	if o == nil {
		return nil
	}
	cp := make(Obj, len(o))
	for k, v := range o {
		cp[k] = v
	}
	return cp
}

// Delete removes a record.
func (s *Store) Delete(table string, id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.del(table, id)
}

// Count returns the number of records in table.
func (s *Store) Count(table string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.tables[table])
}

func (s *Store) put(table string, id int, obj Obj) {
	t := s.tables[table]
	if t == nil {
		t = map[int]Obj{}
		s.tables[table] = t
	}
	obj["id"] = id
	if old, ok := t[id]; ok {
		s.unindex(table, old)
	}
	s.reindex(table, obj)
	if obj["__typename"] == nil && table != ActivityTable && table != NotificationTable {
		obj["__typename"] = table
	}
	if _, ok := t[id]; !ok {
		ids := s.order[table]
		i, _ := slices.BinarySearch(ids, id)
		s.order[table] = slices.Insert(ids, i, id)
	}
	t[id] = obj
}

func (s *Store) get(table string, id int) Obj {
	return s.tables[table][id]
}

func (s *Store) del(table string, id int) {
	old, ok := s.tables[table][id]
	if !ok {
		return
	}
	s.unindex(table, old)
	delete(s.tables[table], id)
	ids := s.order[table]
	if i, ok := slices.BinarySearch(ids, id); ok {
		s.order[table] = slices.Delete(slices.Clone(ids), i, i+1)
	}
}

// all returns the records of table in id order.
func (s *Store) all(table string) []Obj {
	ids := s.order[table]
	out := make([]Obj, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.tables[table][id])
	}
	return out
}

// nextID returns an id one above the largest in table.
func (s *Store) nextID(table string) int {
	ids := s.order[table]
	if len(ids) == 0 {
		return 1
	}
	return ids[len(ids)-1] + 1
}

func (s *Store) now() int {
	return int(s.Now().Unix())
}

// Rebase moves the generated airing schedule so that it is centred on now
// (the dataset is generated around a fixed date): episodes of releasing
// anime air in the weeks around now, so nextAiringEpisode and notYetAired
// have something to answer. Records put by hand are left alone, and a
// second call does nothing.
func (s *Store) Rebase(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delta := int(now.UTC().Truncate(24*time.Hour).Unix() - epoch)
	for _, a := range s.tables[AiringTable] {
		if at, ok := a["airingAt"].(int); ok && a["_rebase"] == true {
			a["airingAt"] = at + delta
			delete(a, "_rebase")
		}
	}
}

// indexed are the fields lookups can use instead of a scan.
var indexed = []string{"userId", "mediaId"}

// reindex adds obj to the indexes and caches its search text.
func (s *Store) reindex(table string, obj Obj) {
	if text := strings.ToLower(strings.Join(names(table, obj), "\n")); text != "" {
		obj["_search"] = text
	}
	id := obj["id"].(int)
	for _, f := range indexed {
		v, ok := obj[f].(int)
		if !ok {
			continue
		}
		byField := s.index[table]
		if byField == nil {
			byField = map[string]map[int][]int{}
			s.index[table] = byField
		}
		if byField[f] == nil {
			byField[f] = map[int][]int{}
		}
		ids := byField[f][v]
		if i, found := slices.BinarySearch(ids, id); !found {
			byField[f][v] = slices.Insert(slices.Clone(ids), i, id)
		}
	}
}

// unindex removes obj from the indexes.
func (s *Store) unindex(table string, obj Obj) {
	id, _ := obj["id"].(int)
	for _, f := range indexed {
		v, ok := obj[f].(int)
		if !ok {
			continue
		}
		ids := s.index[table][f][v]
		if i, found := slices.BinarySearch(ids, id); found {
			s.index[table][f][v] = slices.Delete(slices.Clone(ids), i, i+1)
		}
	}
}

// lookup returns the records of table whose field equals v, in id order.
func (s *Store) lookup(table, field string, v int) []Obj {
	byField, ok := s.index[table][field]
	if !ok {
		return s.all(table)
	}
	ids := byField[v]
	out := make([]Obj, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.tables[table][id])
	}
	return out
}

// markRead records that user has read notifications up to id.
func (s *Store) markRead(user, id int) {
	s.readMu.Lock()
	defer s.readMu.Unlock()
	if s.read == nil {
		s.read = map[int]int{}
	}
	s.read[user] = max(s.read[user], id)
}

// readUpTo returns the highest notification id user has read.
func (s *Store) readUpTo(user int) int {
	s.readMu.Lock()
	defer s.readMu.Unlock()
	return s.read[user]
}

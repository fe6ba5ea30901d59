package anilist

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	gojson "github.com/goccy/go-json"
)

// The cache key of a query is the hex SHA-256 of
//
//	endpoint NUL viewer NUL SHA-256(operation text) NUL canonical variables
//
// where viewer is a hash of Options.Viewer (empty for public clients) and
// the canonical variables are their JSON with object keys sorted and no
// insignificant space, so that equal variables give equal keys whatever Go
// value carried them. The endpoint keeps answers of different servers (the
// emulator, a proxy, AniList) apart in a shared store.

// keyer computes cache keys for one client.
type keyer struct {
	prefix []byte   // endpoint NUL viewer NUL
	ops    sync.Map // operation text → its SHA-256
}

// newKeyer returns the keyer of a client of endpoint for viewer ("" or
// Public for public answers).
func newKeyer(endpoint, viewer string) *keyer {
	v := ""
	if viewer != "" && viewer != Public {
		v = viewerHash(viewer)
	}
	return &keyer{prefix: []byte(endpoint + "\x00" + v + "\x00")}
}

// viewerHash hashes a token subject, so that neither the store nor its key
// names the user.
func viewerHash(subject string) string {
	sum := sha256.Sum256([]byte("anigql viewer\x00" + subject))
	return hex.EncodeToString(sum[:16])
}

// key returns the cache key of query with vars.
func (k *keyer) key(query string, vars any) (string, error) {
	canon, err := canonicalJSON(vars)
	if err != nil {
		return "", fmt.Errorf("encoding variables for the cache key: %w", err)
	}
	h := sha256.New()
	h.Write(k.prefix)
	h.Write(k.opHash(query))
	h.Write([]byte{0})
	h.Write(canon)
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])), nil
}

// opHash returns the SHA-256 of an operation's text, computed once per text:
// the generated operations are a few kilobytes each and never change.
func (k *keyer) opHash(query string) []byte {
	if h, ok := k.ops.Load(query); ok {
		return h.([]byte)
	}
	sum := sha256.Sum256([]byte(query))
	k.ops.Store(query, sum[:])
	return sum[:]
}

// canonicalJSON returns v as JSON with sorted object keys. A value that
// encodes to null or {} (no variables) gives "{}".
func canonicalJSON(v any) ([]byte, error) {
	raw, err := gojson.Marshal(v)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(raw, []byte("null")) || bytes.Equal(raw, []byte("{}")) {
		return []byte("{}"), nil
	}
	if canon, ok := sortKeys(raw); ok {
		return canon, nil
	}
	return canonicalTree(raw)
}

// canonicalTree returns raw with sorted object keys by decoding it into
// maps and encoding those again: the slow way, for what sortKeys declines.
func canonicalTree(raw []byte) ([]byte, error) {
	var tree any
	d := gojson.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&tree); err != nil {
		return nil, err
	}
	// Maps encode with their keys sorted.
	return gojson.Marshal(tree)
}

// sortKeys returns raw, compact JSON as the encoder writes it, with the
// members of every object sorted by key, as canonicalTree would write it.
// It declines (false) what it cannot order byte for byte the way decoding
// and encoding again would: space between tokens, escapes in keys, and
// duplicate keys. When the keys are sorted already (the variables of most
// operations) it returns raw itself.
func sortKeys(raw []byte) ([]byte, bool) {
	s := keySorter{raw: raw}
	end, ok := s.value(0)
	if !ok || end != len(raw) {
		return nil, false
	}
	if !s.unsorted {
		return raw, true
	}
	out := make([]byte, 0, len(raw))
	out, _ = s.write(out, 0)
	return out, true
}

// keySorter scans one JSON text.
type keySorter struct {
	raw      []byte
	unsorted bool // an object's keys are out of order
}

// member is one member of an object: its key, without the quotes, and
// where its value starts.
type member struct {
	key   []byte
	value int
}

// value scans the value at i and returns where it ends.
func (s *keySorter) value(i int) (int, bool) {
	if i >= len(s.raw) {
		return 0, false
	}
	switch s.raw[i] {
	case '{':
		return s.object(i, nil)
	case '[':
		i++
		if i < len(s.raw) && s.raw[i] == ']' {
			return i + 1, true
		}
		for {
			end, ok := s.value(i)
			if !ok || end >= len(s.raw) {
				return 0, false
			}
			switch s.raw[end] {
			case ',':
				i = end + 1
			case ']':
				return end + 1, true
			default:
				return 0, false
			}
		}
	case '"':
		end, _, ok := s.str(i)
		return end, ok
	}
	// A number, true, false or null: up to the next delimiter.
	j := i
	for j < len(s.raw) && s.raw[j] != ',' && s.raw[j] != ']' && s.raw[j] != '}' {
		if c := s.raw[j]; c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' {
			return 0, false
		}
		j++
	}
	return j, j > i
}

// str scans the string at i and returns where it ends and whether it holds
// an escape.
func (s *keySorter) str(i int) (end int, escaped, ok bool) {
	for j := i + 1; j < len(s.raw); j++ {
		switch s.raw[j] {
		case '"':
			return j + 1, escaped, true
		case '\\':
			escaped = true
			j++
		}
	}
	return 0, false, false
}

// object scans the object at i, appends its members to ms when ms is not
// nil, and returns where it ends.
func (s *keySorter) object(i int, ms *[]member) (int, bool) {
	i++
	if i < len(s.raw) && s.raw[i] == '}' {
		return i + 1, true
	}
	var prev []byte
	for {
		if i >= len(s.raw) || s.raw[i] != '"' {
			return 0, false
		}
		kend, escaped, ok := s.str(i)
		if !ok || escaped || kend >= len(s.raw) || s.raw[kend] != ':' {
			return 0, false
		}
		key := s.raw[i+1 : kend-1]
		switch c := bytes.Compare(prev, key); {
		case c == 0 && prev != nil:
			return 0, false // a duplicate key
		case c > 0:
			s.unsorted = true
		}
		prev = key
		end, ok := s.value(kend + 1)
		if !ok || end >= len(s.raw) {
			return 0, false
		}
		if ms != nil {
			*ms = append(*ms, member{key: key, value: kend + 1})
		}
		switch s.raw[end] {
		case ',':
			i = end + 1
		case '}':
			return end + 1, true
		default:
			return 0, false
		}
	}
}

// write appends the value at i, already scanned, with sorted keys, and
// returns where it ends.
func (s *keySorter) write(out []byte, i int) ([]byte, int) {
	switch s.raw[i] {
	case '{':
		var ms []member
		end, _ := s.object(i, &ms)
		if len(ms) == 0 {
			return append(out, "{}"...), end
		}
		slices.SortFunc(ms, func(a, b member) int { return bytes.Compare(a.key, b.key) })
		out = append(out, '{')
		for j, m := range ms {
			if j > 0 {
				out = append(out, ',')
			}
			out = append(out, '"')
			out = append(out, m.key...)
			out = append(out, '"', ':')
			out, _ = s.write(out, m.value)
		}
		return append(out, '}'), end
	case '[':
		out = append(out, '[')
		i++
		if s.raw[i] == ']' {
			return append(out, ']'), i + 1
		}
		for {
			var end int
			out, end = s.write(out, i)
			out = append(out, s.raw[end])
			if s.raw[end] == ']' {
				return out, end + 1
			}
			i = end + 1
		}
	}
	end, _ := s.value(i)
	return append(out, s.raw[i:end]...), end
}

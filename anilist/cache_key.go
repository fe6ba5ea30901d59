package anilist

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
	var tree any
	d := gojson.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&tree); err != nil {
		return nil, err
	}
	// Maps encode with their keys sorted.
	return gojson.Marshal(tree)
}

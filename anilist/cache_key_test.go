package anilist

import (
	"bytes"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	gojson "github.com/goccy/go-json"

	"github.com/google/go-cmp/cmp"
)

func TestCacheKey(t *testing.T) {
	t.Parallel()
	type vars struct {
		B  int            `json:"b"`
		A  string         `json:"a"`
		In map[string]any `json:"in,omitempty"`
	}
	const q = "query Q($a: String, $b: Int) { x }"
	pub := newKeyer("https://graphql.anilist.co", Public)
	key := func(k *keyer, v any) string {
		t.Helper()
		s, err := k.key(q, v)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	same := []any{
		&vars{B: 1, A: "x", In: map[string]any{"z": 1, "y": []int{2, 1}}},
		map[string]any{"a": "x", "b": 1, "in": map[string]any{"y": []int{2, 1}, "z": 1}},
	}
	if a, b := key(pub, same[0]), key(pub, same[1]); a != b {
		t.Errorf("equal variables as a struct and a map give keys %s and %s; want one key", a, b)
	}
	distinct := map[string]string{
		"public":          key(pub, same[0]),
		"public, no vars": key(pub, nil),
		"other order":     key(pub, map[string]any{"a": "x", "b": 1, "in": map[string]any{"y": []int{1, 2}, "z": 1}}),
		"viewer 1":        key(newKeyer("https://graphql.anilist.co", "1"), same[0]),
		"viewer 2":        key(newKeyer("https://graphql.anilist.co", "2"), same[0]),
		"other endpoint":  key(newKeyer("http://127.0.0.1:1", Public), same[0]),
	}
	seen := map[string]string{}
	for name, k := range distinct {
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s share the key %s", name, other, k)
		}
		seen[k] = name
	}
	if key(pub, nil) != key(pub, struct{}{}) {
		t.Error("nil and empty variables give different keys; want one")
	}
	if newKeyer("e", "").prefix == nil || string(newKeyer("e", "").prefix) != string(newKeyer("e", Public).prefix) {
		t.Error("an empty Viewer and Public give different prefixes; want one")
	}
}

func TestCacheEntities(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, query, body string
		want              []string
	}{{
		name:  "declared types, aliases and fragments",
		query: `query { a: Media(id: 1) { id ...F } Page { media { id } } } fragment F on Media { studios { nodes { id } } }`,
		body:  `{"data":{"a":{"id":1,"studios":{"nodes":[{"id":7},{"id":8}]}},"Page":{"media":[{"id":2},{"id":3}]}}}`,
		want:  []string{"Media:1", "Media:2", "Media:3", "Studio:7", "Studio:8"},
	}, {
		name:  "unions by __typename",
		query: `query { Page { activities { __typename ... on TextActivity { id } ... on ListActivity { id } } } }`,
		body:  `{"data":{"Page":{"activities":[{"__typename":"TextActivity","id":5},{"__typename":"ListActivity","id":6}]}}}`,
		want:  []string{"ListActivity:6", "TextActivity:5"},
	}, {
		name:  "references by name",
		query: `mutation { SaveMediaListEntry(mediaId: 9) { id mediaId userId } }`,
		body:  `{"data":{"SaveMediaListEntry":{"id":40,"mediaId":9,"userId":1}}}`,
		want:  []string{"Media:9", "MediaList:40", "User:1"},
	}, {
		name:  "a query the schema rejects: __typename and id only",
		query: `query { Newer { id x { __typename id } } }`,
		body:  `{"data":{"Newer":{"id":1,"x":{"__typename":"Media","id":2}}}}`,
		want:  []string{"Media:2"},
	}, {
		name:  "nulls and no data",
		query: `query { Media(id: 1) { id } }`,
		body:  `{"data":{"Media":null}}`,
		want:  []string{},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := newIndexer().entities(tc.query, []byte(tc.body))
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("entities (-want +got):\n%s", d)
			}
		})
	}
}

// TestCacheDeleted: a Delete mutation deletes the entities its id
// argument names, of the types the schema gives.
func TestCacheDeleted(t *testing.T) {
	t.Parallel()
	ix := newIndexer()
	for _, tc := range []struct {
		query string
		vars  string
		want  []string
	}{
		{`mutation ($id: Int) { DeleteMediaListEntry(id: $id) { deleted } }`, `{"id":459}`, []string{"MediaList:459"}},
		{`mutation { DeleteActivity(id: 5) { deleted } }`, `{}`, []string{"ListActivity:5", "MessageActivity:5", "TextActivity:5"}},
		{`mutation { DeleteReview(id: 3) { deleted } DeleteThreadComment(id: 4) { deleted } }`, `{}`, []string{"Review:3", "ThreadComment:4"}},
		{`mutation { a: DeleteThread(id: 1) { deleted } b: DeleteThread(id: 2) { deleted } }`, `null`, []string{"Thread:1", "Thread:2"}},
		{`mutation ($id: Int) { DeleteActivityReply(id: $id) { deleted } }`, `{}`, nil}, // no id given
		{`mutation { DeleteCustomList(customList: "Rewatch") { deleted } }`, `{}`, nil},
		{`mutation ($id: Int) { SaveMediaListEntry(id: $id) { id } }`, `{"id":459}`, nil},
		{`query ($id: Int) { Media(id: $id) { id } }`, `{"id":1}`, nil},
		{`mutation { DeleteNothing(id: 1) { deleted } }`, `{}`, nil}, // not in the schema
	} {
		body := `{"query":` + strconv.Quote(tc.query) + `,"variables":` + tc.vars + `}`
		if got := ix.deleted(tc.query, []byte(body)); !slices.Equal(got, tc.want) {
			t.Errorf("deleted(%s, %s) = %q; want %q", tc.query, tc.vars, got, tc.want)
		}
	}
}

// FuzzCacheEntities feeds arbitrary answers to the entity index, which
// must never panic. Run it with
//
//	go test ./anilist -run '^$' -fuzz FuzzCacheEntities
func FuzzCacheEntities(f *testing.F) {
	ix := newIndexer()
	const q = `query { Page { media { id studios { nodes { id } } } activities { __typename ... on TextActivity { id userId } } } }`
	f.Add(`{"data":{"Page":{"media":[{"id":1,"studios":{"nodes":[{"id":7}]}}],"activities":[{"__typename":"TextActivity","id":5,"userId":1}]}}}`)
	f.Add(`{"data":{"Page":{"media":{"id":"x"},"activities":[null,1,"a",{"id":{"a":1}}]}}}`)
	f.Add(`{"data":null}`)
	f.Fuzz(func(t *testing.T, body string) {
		for _, e := range ix.entities(q, []byte(body)) {
			if e == "" {
				t.Errorf("got an empty entity from %q", body)
			}
		}
	})
}

// FuzzSortKeys checks that the fast canonical form of variables, which
// reorders the encoder's bytes, equals the slow one, which decodes them
// into maps and encodes those: on arbitrary JSON written with its object
// members in a shuffled order, as a struct's fields are. Run it with
//
//	go test ./anilist -run '^$' -fuzz FuzzSortKeys
func FuzzSortKeys(f *testing.F) {
	f.Add(`{"b":1,"a":{"d":[1,{"z":null,"y":true}],"c":"x"}}`, uint64(1))
	f.Add(`[{"é":1,"e":2},{"a<":"<>&\u2028"},-1.5e10,"\\\""]`, uint64(2))
	f.Add(`{"mediaType":"ANIME","id":1,"page":{"perPage":50,"page":2}}`, uint64(3))
	f.Fuzz(func(t *testing.T, text string, seed uint64) {
		d := gojson.NewDecoder(strings.NewReader(text))
		d.UseNumber()
		var tree any
		if d.Decode(&tree) != nil {
			t.Skip()
		}
		rng := rand.New(rand.NewPCG(seed, seed))
		raw, plain, err := shuffledJSON(nil, tree, rng)
		if err != nil {
			t.Skip() // a number the encoder refuses
		}
		want, err := canonicalTree(raw)
		if err != nil {
			t.Fatalf("canonicalTree(%s): %v", raw, err)
		}
		got, ok := sortKeys(raw)
		if !ok {
			if plain {
				t.Fatalf("sortKeys declined %s, whose keys need no escapes", raw)
			}
			return
		}
		if !bytes.Equal(got, want) {
			t.Errorf("sortKeys(%s) = %s; want %s", raw, got, want)
		}
	})
}

// shuffledJSON appends v, a decoded JSON value, encoded with its object
// members in a random order, and reports whether its keys need no escapes.
func shuffledJSON(out []byte, v any, rng *rand.Rand) ([]byte, bool, error) {
	plain := true
	switch v := v.(type) {
	case map[string]any:
		keys := slices.Collect(maps.Keys(v))
		rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
		out = append(out, '{')
		for i, k := range keys {
			if i > 0 {
				out = append(out, ',')
			}
			kj, _ := gojson.Marshal(k)
			plain = plain && string(kj) == `"`+k+`"`
			out = append(append(out, kj...), ':')
			var p bool
			var err error
			if out, p, err = shuffledJSON(out, v[k], rng); err != nil {
				return nil, false, err
			}
			plain = plain && p
		}
		return append(out, '}'), plain, nil
	case []any:
		out = append(out, '[')
		for i, e := range v {
			if i > 0 {
				out = append(out, ',')
			}
			var p bool
			var err error
			if out, p, err = shuffledJSON(out, e, rng); err != nil {
				return nil, false, err
			}
			plain = plain && p
		}
		return append(out, ']'), plain, nil
	}
	b, err := gojson.Marshal(v)
	return append(out, b...), true, err
}

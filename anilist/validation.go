package anilist

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Validation maps each invalid argument of a mutation to AniList's messages,
// e.g. {"score": ["The score may not be greater than 100."]}.
type Validation map[string][]string

// UnmarshalJSON accepts AniList's object of message lists and, leniently, an
// object whose values are single strings; any other shape is kept as text so
// that an unexpected validation payload never hides the error it belongs to.
func (v *Validation) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		*v = Validation{"": {string(b)}}
		return nil
	}
	if raw == nil {
		*v = nil
		return nil
	}
	out := make(Validation, len(raw))
	for k, r := range raw {
		out[k] = messages(r)
	}
	*v = out
	return nil
}

// messages decodes one validation value: a list of strings, a string, or
// anything else as its JSON text.
func messages(r json.RawMessage) []string {
	var list []string
	if err := json.Unmarshal(r, &list); err == nil {
		return list
	}
	var one string
	if err := json.Unmarshal(r, &one); err == nil {
		return []string{one}
	}
	return []string{string(r)}
}

// String lists the arguments in name order: "id: The selected id is invalid.;
// score: …".
func (v Validation) String() string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %s", k, strings.Join(v[k], " ")))
	}
	return strings.Join(parts, "; ")
}

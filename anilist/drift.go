package anilist

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"sync"

	"github.com/Khan/genqlient/graphql"
	gojson "github.com/goccy/go-json"
)

// UnknownType is a union item that the client dropped from a response
// because the generated code does not know its __typename (AniList adds
// union members, such as new notification kinds, every few months).
// Regenerate the code against a fresh schema to receive such items.
type UnknownType struct {
	// Op is the GraphQL operation name.
	Op string
	// TypeName is the item's __typename, e.g. "MediaSubmissionUpdateNotification".
	TypeName string
	// Union is the generated Go type that could not hold the item.
	Union string
	// Path is where the item was, e.g. "data.Page.notifications[3]".
	Path string
	// Raw is the item's JSON.
	Raw json.RawMessage
}

// driftPattern matches the error genqlient's generated UnmarshalJSON returns
// for a __typename it does not know.
var driftPattern = regexp.MustCompile(`unexpected concrete type for (\w+): "([^"]+)"`)

// isDrift reports whether err is genqlient's unknown-__typename error.
func isDrift(err error) bool {
	return driftPattern.MatchString(err.Error())
}

// decodeDrifted is the slow path taken only after an unknown __typename: it
// prunes the items of every unknown type seen so far from a fresh parse of
// the body (so paths stay those of the original response) and decodes
// again, until the response decodes or nothing is left to prune.
func decodeDrifted(body []byte, resp *graphql.Response, err error) (Errors, []UnknownType, error) {
	unknown := map[string]string{} // __typename → generated union name
	var dropped []UnknownType
	for range 64 {
		m := driftPattern.FindStringSubmatch(err.Error())
		if m == nil || unknown[m[2]] != "" {
			return nil, dropped, err
		}
		unknown[m[2]] = m[1]
		var pruned []byte
		pruned, dropped = pruneBody(body, unknown)
		if pruned == nil {
			return nil, dropped, err
		}
		resetData(resp)
		env := envelope{Data: resp.Data}
		if err = gojson.Unmarshal(pruned, &env); err == nil {
			fillResponse(resp, &env)
			return env.Errors, dropped, nil
		}
	}
	return nil, dropped, err
}

// pruneBody parses body and removes every object whose __typename is in
// unknown from its data. It returns the new body (nil if it cannot parse
// it) and the removed items.
func pruneBody(body []byte, unknown map[string]string) ([]byte, []UnknownType) {
	var tree map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&tree); err != nil {
		return nil, nil
	}
	var dropped []UnknownType
	tree["data"] = prune(tree["data"], "data", unknown, &dropped)
	out, err := json.Marshal(tree)
	if err != nil {
		return nil, dropped
	}
	return out, dropped
}

// prune removes every object whose __typename is in unknown from v: list items
// are taken out of their list, other values become null.
func prune(v any, path string, unknown map[string]string, dropped *[]UnknownType) any {
	switch v := v.(type) {
	case map[string]any:
		if drop(v, path, unknown, dropped) {
			return nil
		}
		for k, item := range v {
			v[k] = prune(item, path+"."+k, unknown, dropped)
		}
	case []any:
		kept := v[:0]
		for i, item := range v {
			p := path + "[" + strconv.Itoa(i) + "]"
			if m, ok := item.(map[string]any); ok && drop(m, p, unknown, dropped) {
				continue
			}
			kept = append(kept, prune(item, p, unknown, dropped))
		}
		return kept
	}
	return v
}

// drop records item if its __typename is unknown and reports whether it did.
func drop(item map[string]any, path string, unknown map[string]string, dropped *[]UnknownType) bool {
	tn, _ := item["__typename"].(string)
	union, ok := unknown[tn]
	if !ok {
		return false
	}
	raw, _ := json.Marshal(item)
	*dropped = append(*dropped, UnknownType{TypeName: tn, Union: union, Path: path, Raw: raw})
	return true
}

// DriftReport collects the union items dropped during the calls made with a
// context from [WithDriftReport]. It is safe for concurrent use.
type DriftReport struct {
	mu    sync.Mutex
	items []UnknownType
}

// Items returns the dropped items so far.
func (r *DriftReport) Items() []UnknownType {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]UnknownType(nil), r.items...)
}

func (r *DriftReport) add(items []UnknownType) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.items = append(r.items, items...)
}

type driftKey struct{}

// WithDriftReport returns a context that records, in the returned report,
// every union item a [Client] drops while serving calls made with it.
func WithDriftReport(ctx context.Context) (context.Context, *DriftReport) {
	r := new(DriftReport)
	return context.WithValue(ctx, driftKey{}, r), r
}

// reportDrift hands dropped items to the context's report and the hook.
func reportDrift(ctx context.Context, op string, items []UnknownType, hook func(UnknownType)) {
	for i := range items {
		items[i].Op = op
		if hook != nil {
			hook(items[i])
		}
	}
	if r, ok := ctx.Value(driftKey{}).(*DriftReport); ok {
		r.add(items)
	}
}

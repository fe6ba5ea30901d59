package sdl

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// IntrospectionQuery is the standard introspection query (as graphql-js
// writes it), asking for descriptions, deprecated fields and enum values,
// and default values.
const IntrospectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives {
      name
      description
      locations
      isRepeatable
      args(includeDeprecated: true) { ...InputValue }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  specifiedByURL
  fields(includeDeprecated: true) {
    name
    description
    args(includeDeprecated: true) { ...InputValue }
    type { ...TypeRef }
    isDeprecated
    deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes { ...TypeRef }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
  isDeprecated
  deprecationReason
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType { kind name ofType { kind name ofType { kind name } } }
          }
        }
      }
    }
  }
}
`

// maxIntrospectionBytes bounds the answer Fetch reads (AniList's is ~0.5 MB).
const maxIntrospectionBytes = 64 << 20

// Fetch sends [IntrospectionQuery] to endpoint with client and parses the
// answer. header is added to the request (AniList wants a Referer and a
// descriptive User-Agent).
func Fetch(ctx context.Context, client *http.Client, endpoint string, header http.Header) (*Schema, error) {
	body, err := json.Marshal(map[string]string{"query": IntrospectionQuery, "operationName": "IntrospectionQuery"})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("sdl: %w", err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sdl: introspecting %s: %w", endpoint, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxIntrospectionBytes))
	if err != nil {
		return nil, fmt.Errorf("sdl: reading introspection answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("sdl: introspecting %s: HTTP %d: %.200s", endpoint, resp.StatusCode, data)
	}
	return ParseIntrospection(data)
}

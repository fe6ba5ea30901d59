package exec_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/anigql/anigql/internal/emu/exec"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

const testSchema = `
type Query {
  hero(id: Int = 1): Character
  search: [SearchResult]
  newer: [SearchResult]
  strict: Strict
  fail: Int
  wrong: Int
  color: Color
  old: Int @deprecated(reason: "gone")
}
type Mutation { set(v: Int!): Int }
type Character { id: Int! name: String friends: [Character] }
type Strict { must: Int! other: Int }
union SearchResult = Human | Droid
type Human { name: String height: Float }
type Droid { name: String model: String }
enum Color { RED GREEN }
`

type obj = map[string]any

func newExecutor(t testing.TB, locks *[]bool) *exec.Executor {
	t.Helper()
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "test.graphql", Input: testSchema})
	if err != nil {
		t.Fatal(err)
	}
	luke := obj{"id": 1, "name": "Luke"}
	luke["friends"] = []any{obj{"id": 2, "name": "Leia"}}
	return &exec.Executor{
		Schema: schema,
		Resolvers: map[string]exec.Resolver{
			"Query.hero": func(_ *exec.Ctx, _ any, args map[string]any) (any, error) {
				if args["id"] == int64(1) || args["id"] == 1 {
					return luke, nil
				}
				return nil, exec.NotFound()
			},
			"Query.search": func(*exec.Ctx, any, map[string]any) (any, error) {
				return []any{obj{"__typename": "Human", "name": "Han", "height": 1.8}, obj{"__typename": "Droid", "name": "R2", "model": "astromech"}}, nil
			},
			"Query.newer": func(*exec.Ctx, any, map[string]any) (any, error) {
				return []any{obj{"__typename": "Human", "name": "Han"}, obj{"__typename": "Wookiee", "name": "Chewie"}, obj{"name": "?"}}, nil
			},
			"Query.strict": func(*exec.Ctx, any, map[string]any) (any, error) { return obj{"other": 3}, nil },
			"Query.fail":   func(*exec.Ctx, any, map[string]any) (any, error) { return nil, errors.New("boom") },
			"Query.wrong":  func(*exec.Ctx, any, map[string]any) (any, error) { return "seven", nil },
			"Query.color":  func(*exec.Ctx, any, map[string]any) (any, error) { return "RED", nil },
			"Mutation.set": func(_ *exec.Ctx, _ any, args map[string]any) (any, error) { return args["v"], nil },
		},
		Lock: func(m bool) func() {
			*locks = append(*locks, m)
			return func() {}
		},
	}
}

func TestExecute(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, query string
		vars        map[string]any
		op          string
		status      int
		want        string
	}{
		{"aliases keep order", `{ b: hero { n: name id } a: hero { id } }`, nil, "", 200,
			`{"data":{"b":{"n":"Luke","id":1},"a":{"id":1}}}`},
		{"merged fields", `{ hero { id } hero { name friends { name } } }`, nil, "", 200,
			`{"data":{"hero":{"id":1,"name":"Luke","friends":[{"name":"Leia"}]}}}`},
		{"union fragments", `{ search { __typename ... on Human { height } ...D } } fragment D on Droid { model }`, nil, "", 200,
			`{"data":{"search":[{"__typename":"Human","height":1.8},{"__typename":"Droid","model":"astromech"}]}}`},
		{"member newer than the schema", `{ newer { t: __typename ... on Human { name } ... on Droid { name } } }`, nil, "", 500,
			`{"errors":[{"message":"Cannot resolve the concrete type of SearchResult.","status":500,"locations":[{"line":1,"column":3}]}],"data":{"newer":[{"t":"Human","name":"Han"},{"t":"Wookiee"},null]}}`},
		{"variables and defaults", `query ($id: Int = 2) { hero(id: $id) { id } }`, map[string]any{"id": 1}, "", 200,
			`{"data":{"hero":{"id":1}}}`},
		{"argument default", `{ hero { id } }`, nil, "", 200, `{"data":{"hero":{"id":1}}}`},
		{"skip and include", `query ($t: Boolean = true) { hero { id @skip(if: $t) name @include(if: $t) ... @skip(if: true) { id } } }`, nil, "", 200,
			`{"data":{"hero":{"name":"Luke"}}}`},
		{"not found", `{ hero(id: 9) { id } color }`, nil, "", 404,
			`{"errors":[{"message":"Not Found.","status":404,"locations":[{"line":1,"column":3}]}],"data":{"hero":null,"color":"RED"}}`},
		{"non-null propagates", `{ strict { other must } }`, nil, "", 500,
			`{"errors":[{"message":"Cannot return null for non-nullable field must.","status":500,"locations":[{"line":1,"column":18}]}],"data":{"strict":null}}`},
		{"plain error is 500", `{ fail }`, nil, "", 500,
			`{"errors":[{"message":"boom","status":500,"locations":[{"line":1,"column":3}]}],"data":{"fail":null}}`},
		{"wrong scalar type", `{ wrong }`, nil, "", 500,
			`{"errors":[{"message":"exec: cannot serialize seven (string) as Int","status":500,"locations":[{"line":1,"column":3}]}],"data":{"wrong":null}}`},
		{"validation error", `{ nope }`, nil, "", 400,
			`{"data":null,"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","status":400,"locations":[{"line":1,"column":3}]}]}`},
		{"syntax error", `{ hero {`, nil, "", 400, ``},
		{"bad variable", `query ($id: Int) { hero(id: $id) { id } }`, map[string]any{"id": "x"}, "", 400, ``},
		{"numeric string for Int", `query ($id: Int) { hero(id: $id) { id } }`, map[string]any{"id": "1"}, "", 400,
			`{"data":null,"errors":[{"message":"Variable \"$id\" got invalid value \"1\"; Int cannot represent non-integer value: \"1\"","status":400,"locations":[{"line":1,"column":8}]}]}`},
		{"fraction for Int shows the value sent", `query ($id: Int) { hero(id: $id) { id } }`, map[string]any{"id": json.Number("154587.0")}, "", 400,
			`{"data":null,"errors":[{"message":"Variable \"$id\" got invalid value 154587.0; Int cannot represent non-integer value: 154587.0","status":400,"locations":[{"line":1,"column":8}]}]}`},
		{"Int beyond 32 bits", `query ($id: Int) { hero(id: $id) { id } }`, map[string]any{"id": json.Number("2147483648")}, "", 400,
			`{"data":null,"errors":[{"message":"Variable \"$id\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648","status":400,"locations":[{"line":1,"column":8}]}]}`},
		{"whole JSON number for Int", `query ($id: Int) { hero(id: $id) { id } }`, map[string]any{"id": json.Number("1")}, "", 200,
			`{"data":{"hero":{"id":1}}}`},
		{"operation name", `query A { color } query B { old }`, nil, "B", 200, `{"data":{"old":null}}`},
		{"ambiguous operation", `query A { color } query B { old }`, nil, "", 400, ``},
		{"unknown operation", `query A { color }`, nil, "Z", 400, ``},
		{"mutation", `mutation ($v: Int!) { set(v: $v) }`, map[string]any{"v": 5}, "", 200, `{"data":{"set":5}}`},
		{"typename", `{ __typename hero { __typename } }`, nil, "", 200, `{"data":{"__typename":"Query","hero":{"__typename":"Character"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var locks []bool
			e := newExecutor(t, &locks)
			resp := e.Execute(t.Context(), exec.Request{Query: tt.query, Variables: tt.vars, OperationName: tt.op})
			if resp.Status() != tt.status {
				t.Errorf("got status %d; want %d (%s)", resp.Status(), tt.status, resp.JSON())
			}
			if got := string(resp.JSON()); tt.want != "" && got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestLockAndCache(t *testing.T) {
	t.Parallel()
	var locks []bool
	e := newExecutor(t, &locks)
	for _, q := range []string{`{ color }`, `{ color }`, `mutation { set(v: 1) }`} {
		e.Execute(t.Context(), exec.Request{Query: q})
	}
	if len(locks) != 3 || locks[0] || locks[1] || !locks[2] {
		t.Errorf("got locks %v; want [false false true]", locks)
	}
}

func TestBefore(t *testing.T) {
	t.Parallel()
	var locks []bool
	e := newExecutor(t, &locks)
	resp := e.Execute(t.Context(), exec.Request{Query: "{\n  hero { id }\n  color\n}", Before: func(*ast.OperationDefinition) *exec.Error {
		return &exec.Error{Message: "Invalid token", Status: 400}
	}})
	want := `{"errors":[{"message":"Invalid token","status":400,"locations":[{"line":2,"column":3}]}],"data":{"hero":null,"color":null}}`
	if got := string(resp.JSON()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestIntrospection(t *testing.T) {
	t.Parallel()
	var locks []bool
	e := newExecutor(t, &locks)
	tests := []struct{ query, want string }{
		{`{ __type(name: "Query") { fields { name } } }`,
			`{"data":{"__type":{"fields":[{"name":"hero"},{"name":"search"},{"name":"newer"},{"name":"strict"},{"name":"fail"},{"name":"wrong"},{"name":"color"}]}}}`},
		{`{ __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`, ``},
		{`{ __type(name: "SearchResult") { kind possibleTypes { name } } }`,
			`{"data":{"__type":{"kind":"UNION","possibleTypes":[{"name":"Human"},{"name":"Droid"}]}}}`},
		{`{ __type(name: "Character") { fields { name type { kind ofType { name kind } } } } }`,
			`{"data":{"__type":{"fields":[{"name":"id","type":{"kind":"NON_NULL","ofType":{"name":"Int","kind":"SCALAR"}}},{"name":"name","type":{"kind":"SCALAR","ofType":null}},{"name":"friends","type":{"kind":"LIST","ofType":{"name":"Character","kind":"OBJECT"}}}]}}}`},
		{`{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }`,
			`{"data":{"__schema":{"queryType":{"name":"Query"},"mutationType":{"name":"Mutation"},"subscriptionType":null}}}`},
		{`{ __type(name: "Nope") { name } }`, `{"data":{"__type":null}}`},
	}
	for _, tt := range tests {
		resp := e.Execute(t.Context(), exec.Request{Query: tt.query})
		if got := string(resp.JSON()); resp.Status() != 200 || (tt.want != "" && got != tt.want) {
			t.Errorf("%s:\ngot  %s\nwant %s", tt.query, got, tt.want)
		}
	}
}

// FuzzExecute runs arbitrary operation text against a small schema; the
// executor must answer, never panic.
//
//	go test -run '^$' -fuzz FuzzExecute ./internal/emu/exec/
func FuzzExecute(f *testing.F) {
	for _, q := range []string{`{ hero { id name friends { name } } }`, `{ search { ... on Human { name } } }`,
		`query ($id: Int = 2) { hero(id: $id) { id } }`, `{ __schema { types { name } } }`, `{ strict { must } }`, `{`} {
		f.Add(q)
	}
	var locks []bool
	e := newExecutor(f, &locks)
	f.Fuzz(func(t *testing.T, q string) {
		locks = locks[:0]
		resp := e.Execute(t.Context(), exec.Request{Query: q})
		if resp.Data == nil && len(resp.Errors) == 0 {
			t.Errorf("got neither data nor errors for %q", q)
		}
	})
}

// TestMaxObjects checks an answer that grows past the budget, here through
// a cycle, is refused whole instead of built.
func TestMaxObjects(t *testing.T) {
	t.Parallel()
	const query = `{ hero { friends { friends { friends { id } } } } }` // the root, then 1+2+4+8 objects
	tests := []struct {
		max  int
		want string
	}{
		{16, `{"data":{"hero":{"friends":[{"friends":[{"friends":[{"id":1},{"id":1}]},{"friends":[{"id":1},{"id":1}]}]},{"friends":[{"friends":[{"id":1},{"id":1}]},{"friends":[{"id":1},{"id":1}]}]}]}}}`},
		{15, `{"data":null,"errors":[{"message":"anilisttest: the answer to this query would hold more than 15 objects; AniList refuses queries this complex.","status":400}]}`},
	}
	for _, tt := range tests {
		var locks []bool
		e := newExecutor(t, &locks)
		e.MaxObjects = tt.max
		e.Resolvers["Character.friends"] = func(_ *exec.Ctx, parent any, _ map[string]any) (any, error) {
			return []any{parent, parent}, nil
		}
		resp := e.Execute(t.Context(), exec.Request{Query: query})
		if got := string(resp.JSON()); got != tt.want || resp.Status() != 200 && tt.max == 16 {
			t.Errorf("MaxObjects %d: got %d %s\nwant %s", tt.max, resp.Status(), got, tt.want)
		}
	}
}

// TestRefused checks that a refused argument answers a clear 400, unless
// it is given its default, and that the other fields are still answered.
func TestRefused(t *testing.T) {
	t.Parallel()
	var locks []bool
	e := newExecutor(t, &locks)
	e.Refused = map[string]bool{"Query.hero(id)": true}
	tests := []struct {
		query, want string
		status      int
	}{
		{`{ hero(id: 2) { id } color }`, `{"errors":[{"message":"anilisttest: argument Query.hero(id) is not supported","status":400,"locations":[{"line":1,"column":3}]}],"data":{"hero":null,"color":"RED"}}`, 400},
		{`{ hero(id: 1) { id } }`, `{"data":{"hero":{"id":1}}}`, 200},
		{`{ hero { id } }`, `{"data":{"hero":{"id":1}}}`, 200},
	}
	for _, tt := range tests {
		resp := e.Execute(t.Context(), exec.Request{Query: tt.query})
		if got := string(resp.JSON()); got != tt.want || resp.Status() != tt.status {
			t.Errorf("%s: got %d %s; want %d %s", tt.query, resp.Status(), got, tt.status, tt.want)
		}
	}
}

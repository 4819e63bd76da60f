package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/internal/server"
)

// A recursive schema, so that depth and aliases can grow without bound.
const shapeSchema = `
type Query { node(id: ID): Node, nodes: [Node!]! }
type Node { id: ID!, name: String, parent: Node, children: [Node!]! }
`

// newShapeServer serves shapeSchema with ShapeLimit; executions counts the
// operations that reached execution.
func newShapeServer(t *testing.T, limit server.ShapeLimit) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var executions atomic.Int64
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: shapeSchema})
	es := &graphql.ExecutableSchemaMock{
		SchemaFunc: func() *ast.Schema { return schema },
		ComplexityFunc: func(context.Context, string, string, int, map[string]any) (int, bool) {
			return 0, false
		},
		ExecFunc: func(ctx context.Context) graphql.ResponseHandler {
			executions.Add(1)
			return graphql.OneShot(&graphql.Response{Data: []byte(`{}`)})
		},
	}
	h := handler.New(es)
	h.AddTransport(transport.POST{})
	h.Use(extension.Introspection{})
	h.Use(limit)
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts, &executions
}

type gqlResponse struct {
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func postQuery(t *testing.T, url, query string) (int, gqlResponse) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(url, "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decoding the response: %v", err)
	}
	return resp.StatusCode, out
}

// nested returns a query of depth n: node { parent { parent { … id } } }.
func nested(n int) string {
	return "{ node(id: 1) { " + strings.Repeat("parent { ", n-2) + "id" + strings.Repeat(" }", n-2) + " } }"
}

func TestShapeLimitRejectsTooDeepQueriesBeforeExecution(t *testing.T) {
	ts, executions := newShapeServer(t, server.ShapeLimit{MaxDepth: 12, MaxAliases: 100})
	status, resp := postQuery(t, ts.URL, nested(12))
	if status != http.StatusOK || len(resp.Errors) != 0 || executions.Load() != 1 {
		t.Fatalf("depth 12: status %d errors %v executions %d, want it accepted", status, resp.Errors, executions.Load())
	}
	status, resp = postQuery(t, ts.URL, nested(13))
	if status != http.StatusUnprocessableEntity || len(resp.Errors) != 1 ||
		resp.Errors[0].Message != "query depth 13 exceeds the limit of 12" || resp.Errors[0].Extensions["code"] != server.CodeDepthLimit {
		t.Fatalf("depth 13: status %d errors %+v", status, resp.Errors)
	}
	if executions.Load() != 1 {
		t.Fatalf("the rejected query was executed")
	}
}

func TestShapeLimitCountsDepthThroughFragments(t *testing.T) {
	ts, executions := newShapeServer(t, server.ShapeLimit{MaxDepth: 5, MaxAliases: 100})
	// node(1) > parent(2) > [F: children(3) > ... on Node { parent(4) > [G: parent(5) > id(6)] }]
	q := `{ node(id: 1) { parent { ...F } } }
fragment F on Node { children { ... on Node { parent { ...G } } } }
fragment G on Node { parent { id } }`
	status, resp := postQuery(t, ts.URL, q)
	if status != http.StatusUnprocessableEntity || len(resp.Errors) != 1 || resp.Errors[0].Message != "query depth 6 exceeds the limit of 5" {
		t.Fatalf("status %d errors %+v", status, resp.Errors)
	}
	if executions.Load() != 0 {
		t.Fatal("executed")
	}
}

func TestShapeLimitHandlesExponentialFragmentFanOutQuickly(t *testing.T) {
	ts, _ := newShapeServer(t, server.ShapeLimit{MaxDepth: 12, MaxAliases: 100})
	// Each fragment spreads the next twice: expanded naively this is 2^30
	// selections; the memo makes it linear.
	var b strings.Builder
	b.WriteString("{ node(id: 1) { ...F0 } }\n")
	for i := range 30 {
		fmt.Fprintf(&b, "fragment F%d on Node { id children { ...F%d } parent { ...F%d } }\n", i, i+1, i+1)
	}
	b.WriteString("fragment F30 on Node { id }\n")
	status, resp := postQuery(t, ts.URL, b.String())
	if status != http.StatusUnprocessableEntity || len(resp.Errors) != 1 || resp.Errors[0].Message != "query depth 32 exceeds the limit of 12" {
		t.Fatalf("status %d errors %+v", status, resp.Errors)
	}
}

func TestShapeLimitRejectsAliasFloods(t *testing.T) {
	ts, executions := newShapeServer(t, server.ShapeLimit{MaxDepth: 12, MaxAliases: 100})
	var b strings.Builder
	b.WriteString("{")
	for i := range 500 {
		fmt.Fprintf(&b, " a%d: __typename", i)
	}
	b.WriteString(" }")
	status, resp := postQuery(t, ts.URL, b.String())
	if status != http.StatusUnprocessableEntity || len(resp.Errors) != 1 ||
		resp.Errors[0].Message != "query has 500 aliased fields, more than the limit of 100" || resp.Errors[0].Extensions["code"] != server.CodeAliasLimit {
		t.Fatalf("status %d errors %+v", status, resp.Errors)
	}
	if executions.Load() != 0 {
		t.Fatal("executed")
	}
}

// graphiqlIntrospection is the shape of the introspection query GraphiQL
// sends (graphql-js getIntrospectionQuery, TypeRef nine ofType deep).
func graphiqlIntrospection() string {
	typeRef := "kind name"
	for range 9 {
		typeRef = "kind name ofType { " + typeRef + " }"
	}
	return `query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
  types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { ` + typeRef + ` }`
}

func TestShapeLimitAdmitsGraphiQLsIntrospectionButNotIntrospectionBombs(t *testing.T) {
	ts, executions := newShapeServer(t, server.ShapeLimit{MaxDepth: 12, MaxAliases: 100})
	if status, resp := postQuery(t, ts.URL, graphiqlIntrospection()); status != http.StatusOK || len(resp.Errors) != 0 {
		t.Fatalf("GraphiQL's introspection: status %d errors %+v", status, resp.Errors)
	}
	// gqlparser's own rule already refuses nesting fields, interfaces,
	// possibleTypes or inputFields three deep; ShapeLimit also counts args
	// and directives, and bounds ofType chains.
	bombs := map[string]struct{ query, code string }{
		"fields": {`{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`, "GRAPHQL_VALIDATION_FAILED"},
		"args":   {`{ __schema { directives { args { type { fields { args { name } } } } } } }`, server.CodeDepthLimit},
		"ofType": {`{ __type(name: "Node") { ` + strings.Repeat("ofType { ", 20) + "name" + strings.Repeat(" }", 20) + ` } }`, server.CodeDepthLimit},
	}
	for name, b := range bombs {
		status, resp := postQuery(t, ts.URL, b.query)
		if status != http.StatusUnprocessableEntity || len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != b.code {
			t.Errorf("%s bomb: status %d errors %+v, want code %s", name, status, resp.Errors, b.code)
		}
	}
	if executions.Load() != 1 {
		t.Fatalf("%d executions, want only GraphiQL's query", executions.Load())
	}
}

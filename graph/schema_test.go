package graph_test

import (
	"context"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/maillage/maillage/graph"
)

func executableSchema(t *testing.T) graphql.ExecutableSchema {
	t.Helper()
	return graph.NewExecutableSchema(openStore(t, nil), graph.Options{})
}

func TestEveryTypeFieldArgumentAndValueIsDocumented(t *testing.T) {
	s := executableSchema(t).Schema()
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("field %s.%s has no description", name, f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					t.Errorf("argument %s.%s(%s) has no description", name, f.Name, a.Name)
				}
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				t.Errorf("enum value %s.%s has no description", name, v.Name)
			}
		}
	}
}

// TestGeneratedCodeMatchesSchemaFile fails when schema.graphqls was edited
// without running `go run github.com/99designs/gqlgen generate`.
func TestGeneratedCodeMatchesSchemaFile(t *testing.T) {
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	fromFile, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	format := func(s *ast.Schema) string {
		var b strings.Builder
		formatter.NewFormatter(&b, formatter.WithComments()).FormatSchema(s)
		return b.String()
	}
	if got, want := format(executableSchema(t).Schema()), format(fromFile); got != want {
		t.Error("the generated executor's schema differs from schema.graphqls: run `go run github.com/99designs/gqlgen generate`")
	}
}

// TestConnectionsCostChildComplexityTimesFirst checks every field that takes
// `first`: its cost must be 1 + child × first, first defaulting to the
// default page size and clamped to the maximum.
func TestConnectionsCostChildComplexityTimesFirst(t *testing.T) {
	es := executableSchema(t)
	ctx := context.Background()
	checked := 0
	for name, def := range es.Schema().Types {
		if def.Kind != ast.Object || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range def.Fields {
			if f.Arguments.ForName("first") == nil {
				continue
			}
			checked++
			args := map[string]any{"first": 7}
			if f.Arguments.ForName("query") != nil {
				args["query"] = "x"
			}
			for _, c := range []struct {
				first any
				want  int
			}{{7, 71}, {nil, 1 + 10*graph.DefaultPageSize}, {5000, 1 + 10*graph.MaxPageSize}} {
				if c.first == nil {
					delete(args, "first")
				} else {
					args["first"] = c.first
				}
				got, ok := es.Complexity(ctx, name, f.Name, 10, args)
				if !ok || got != c.want {
					t.Errorf("%s.%s(first: %v) costs %d (set %v), want %d", name, f.Name, c.first, got, ok, c.want)
				}
			}
		}
	}
	if checked < 40 {
		t.Errorf("only %d fields with `first` checked", checked)
	}
	if got, ok := es.Complexity(ctx, "Query", "nodes", 10, map[string]any{"ids": []any{"a", "b", "c"}}); !ok || got != 31 {
		t.Errorf("nodes(3 ids) costs %d", got)
	}
	for _, f := range [][2]string{{"Organization", "territories"}, {"Territory", "ancestors"}, {"Article", "themes"}, {"Relation", "articles"}} {
		if got, ok := es.Complexity(ctx, f[0], f[1], 10, nil); !ok || got != 1+10*graph.ShortListCost {
			t.Errorf("%s.%s costs %d", f[0], f[1], got)
		}
	}
}

// TestComplexityLimitRejectsWideNestedQueriesBeforeStoreWork serves the
// schema with gqlgen's fixed complexity limit, as the server does: a nested
// query asking 100 × 100 items is refused before any store call, while the
// same shape with small pages runs.
func TestComplexityLimitRejectsWideNestedQueriesBeforeStoreWork(t *testing.T) {
	store := counting(openStore(t, corpus(t)))
	srv := handler.New(graph.NewExecutableSchema(store, graph.Options{}))
	srv.AddTransport(transport.POST{})
	srv.SetErrorPresenter(graph.ErrorPresenter(nil))
	srv.Use(extension.FixedComplexityLimit(5000))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	e := &env{t: t, srv: ts, logs: &syncBuffer{}}

	const q = `query($n: Int) { organizations(first: $n) { edges { node { name relations(first: $n) { edges { other { name } } } } } } }`
	store.take()
	res := e.do(q, map[string]any{"n": 100})
	if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Fatalf("wide query: %+v", res.Errors)
	}
	if _, calls := store.take(); calls != 0 {
		t.Errorf("the refused query cost %d store calls", calls)
	}
	var data map[string]any
	e.query(q, map[string]any{"n": 5}, &data)
}

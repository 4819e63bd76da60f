package graph_test

import (
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
)

// Wiring the GraphQL layer into an HTTP server: the executable schema over
// a store, the error presenter and recover function, a complexity limit
// (connections cost childComplexity × first), and a middleware marking
// requests that carry a valid API key so that mutations run.
func ExampleNewExecutableSchema() {
	var store kg.Store // memstore.Open(dir), or the Neo4j store
	logger := slog.Default()

	srv := handler.New(graph.NewExecutableSchema(store, graph.Options{Logger: logger}))
	srv.AddTransport(transport.POST{})
	srv.SetErrorPresenter(graph.ErrorPresenter(logger))
	srv.SetRecoverFunc(graph.RecoverFunc(logger))
	srv.Use(extension.FixedComplexityLimit(20000))

	http.Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := graph.WithRequestID(r.Context(), r.Header.Get("X-Request-Id"))
		if r.Header.Get("Authorization") == "Bearer secret" { // compare hashes in constant time in real code
			ctx = graph.WithAuthenticated(ctx)
		}
		srv.ServeHTTP(w, r.WithContext(ctx))
	}))
}

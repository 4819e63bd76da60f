package server

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/maillage/maillage/graph"
)

// responseCounter is a gqlgen extension that records, for the access log
// and the metrics, how many errors each GraphQL response carries.
type responseCounter struct{}

var _ interface {
	graphql.ResponseInterceptor
	graphql.HandlerExtension
} = responseCounter{}

func (responseCounter) ExtensionName() string                   { return "ResponseCounter" }
func (responseCounter) Validate(graphql.ExecutableSchema) error { return nil }

func (responseCounter) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if info := requestInfoFrom(ctx); info != nil && resp != nil {
		info.addErrors(len(resp.Errors))
	}
	return resp
}

func contextWithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// withRequestID hands the request id to the GraphQL layer, whose error
// presenter logs it with every masked internal error.
func (s *server) withRequestID(ctx context.Context, id string) context.Context {
	return graph.WithRequestID(ctx, id)
}

// withAuthenticated marks a request that carried a valid API key.
func (s *server) withAuthenticated(ctx context.Context) context.Context {
	return graph.WithAuthenticated(ctx)
}

// defaultQuery is what GraphiQL shows first: a query that finds data in
// the sample graph.
const defaultQuery = `# Welcome to Maillage: a knowledge graph of French social innovation in
# territories. Run this query (Ctrl-Enter), then explore the schema in the
# Docs pane. Mutations need an API key: set it in the Headers pane as
#   {"Authorization": "Bearer YOUR-KEY"}
query FindNetwork {
  search(query: "rtes", first: 5) {
    totalCount
    edges {
      node {
        __typename
        id
        name
        ... on Organization {
          acronym
          kind
          people {
            edges {
              node {
                title
                person {
                  name
                }
              }
            }
          }
        }
      }
    }
  }
}
`

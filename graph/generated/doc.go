// Package generated is the GraphQL executor that gqlgen generates from
// schema.graphqls and gqlgen.yml (`go run github.com/99designs/gqlgen
// generate`); it is not edited by hand.
package generated

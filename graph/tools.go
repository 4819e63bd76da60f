//go:build tools

// This file keeps the gqlgen generator required by go.mod, so that
// `go run github.com/99designs/gqlgen generate` (see gqlgen.yml) runs the
// pinned version.
package graph

import _ "github.com/99designs/gqlgen"

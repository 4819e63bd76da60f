package main

import (
	"context"
	"errors"
)

// runIngest is the "ingest" subcommand. Not built yet.
func runIngest(_ context.Context, _ *env, _ []string) error {
	return errors.New("ingest: not implemented yet")
}

package main

import (
	"context"
	"errors"
)

// runExtract is the "extract" subcommand. Not built yet.
func runExtract(_ context.Context, _ *env, _ []string) error {
	return errors.New("extract: not implemented yet")
}

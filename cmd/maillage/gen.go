package main

import (
	"context"
	"errors"
)

// runGen is the "gen" subcommand. Not built yet.
func runGen(_ context.Context, _ *env, _ []string) error {
	return errors.New("gen: not implemented yet")
}

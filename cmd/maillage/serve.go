package main

import (
	"context"
	"errors"
)

// runServe is the "serve" subcommand. Not built yet.
func runServe(_ context.Context, _ *env, _ []string) error {
	return errors.New("serve: not implemented yet")
}

package main

import (
	"context"
	"errors"
)

// runEval is the "eval" subcommand. Not built yet.
func runEval(_ context.Context, _ *env, _ []string) error {
	return errors.New("eval: not implemented yet")
}

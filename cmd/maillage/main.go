// Command maillage turns French articles about social innovation in
// territories into a knowledge graph and serves it through GraphQL.
//
// Subcommands: serve, ingest, extract, eval, gen, version. Run
// "maillage help" for the list and "maillage CMD -h" for the flags of one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "maillage:", err)
		}
		os.Exit(exitCode(err))
	}
}

// env is what a subcommand gets from the outside world: nothing else is
// global, so end-to-end tests can call run with their own.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{
	"serve":   {"serve the GraphQL API over the embedded store (default) or Neo4j", runServe},
	"ingest":  {"read article files, extract their graph and write it to the store", runIngest},
	"extract": {"print the entities and relations extracted from article files", runExtract},
	"eval":    {"score extraction against gold annotations", runEval},
	"gen":     {"generate a deterministic synthetic corpus (texts and graphs)", runGen},
	"version": {"print the version", runVersion},
}

// errReported is returned by a subcommand that already told the user what
// went wrong; main then only sets the exit status.
var errReported = errors.New("reported")

// usageError marks bad command-line usage (exit status 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// run is the whole program: main only calls it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := &env{getenv: getenv, stdout: stdout, stderr: stderr}
	if len(args) < 2 {
		printUsage(stderr)
		return usageError{"missing command"}
	}
	name := args[1]
	if name == "help" || name == "-h" || name == "--help" {
		printUsage(stdout)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		printUsage(stderr)
		return usageError{fmt.Sprintf("unknown command %q", name)}
	}
	return cmd.run(ctx, e, args[2:])
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: maillage COMMAND [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'maillage COMMAND -h' for the flags of a command.")
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("maillage "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: maillage %s %s\n\nflags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// envOr returns the environment variable key, or def when it is unset or empty.
func (e *env) envOr(key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

var version = "dev"

func runVersion(_ context.Context, e *env, _ []string) error {
	fmt.Fprintln(e.stdout, "maillage", version)
	return nil
}

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/kg"
)

// runIngest is the "ingest" subcommand: it reads article files (files,
// folders recursively, globs), extracts their graphs and writes them to
// the store in batches, skipping the articles whose content is already
// stored unless --force. It shows a progress bar on a terminal, periodic
// log lines otherwise, prints a summary, names every bad file with its
// reason, and exits non-zero if any failed.
func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "ingest", "[--store embedded|neo4j] [--data DIR] [--force] [--format FORMAT] PATH...")
	sf := addStoreFlags(fs, e)
	force := fs.Bool("force", false, "re-extract and rewrite articles whose content is already stored")
	format := fs.String("format", "auto", "input format: auto, export, text, markdown, html, json or ndjson")
	batch := fs.Int("batch", 200, "articles per store transaction")
	workers := fs.Int("workers", 0, "reading and extraction goroutines (default: the number of CPUs)")
	ref := fs.String("reference", e.envOr("MAILLAGE_REFERENCE", defaultReference), "reference territories loaded into an empty store first: regions or all (env MAILLAGE_REFERENCE)")
	progress := fs.String("progress", "auto", "progress display: auto (a bar on a terminal, log lines otherwise), bar, log or none")
	logLevel := fs.String("log-level", e.envOr("MAILLAGE_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env MAILLAGE_LOG_LEVEL)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"ingest: no path given"}
	}
	inf, err := article.ParseFormat(*format)
	if err != nil {
		return usageError{"--format: " + kg.ErrorMessage(err)}
	}
	if *batch < 1 {
		return usageError{"--batch: must be at least 1"}
	}
	switch *progress {
	case "auto", "bar", "log", "none":
	default:
		return usageError{fmt.Sprintf("--progress: unknown value %q (want auto, bar, log or none)", *progress)}
	}
	logger, err := newLogger(e, "text", *logLevel)
	if err != nil {
		return err
	}
	levels, err := (&serveFlags{reference: *ref}).referenceLevels()
	if err != nil {
		return err
	}
	store, err := sf.open(ctx, logger)
	if err != nil {
		return fmt.Errorf("opening the store: %w", err)
	}
	defer func() {
		if err := store.Close(); err != nil {
			logger.Error("closing the store", "error", err)
		}
	}()
	x, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	mode := *progress
	if mode == "auto" {
		mode = "log"
		if isTerminal(e.stderr) {
			mode = "bar"
		}
	}
	opts := ingest.Options{Store: store, Extractor: x, Format: inf, Force: *force, BatchSize: *batch, Workers: *workers}
	bar := &progressBar{w: e.stderr}
	switch mode {
	case "bar":
		opts.Progress, opts.ProgressEvery = bar.draw, 200*time.Millisecond
	case "log":
		opts.Progress, opts.ProgressEvery = logProgress(logger), 5*time.Second
	}
	p, err := ingest.New(opts)
	if err != nil {
		return err
	}
	if err := seedIfEmpty(ctx, p, levels, false, logger); err != nil {
		return err
	}
	sum, runErr := p.Run(ctx, fs.Args())
	if mode == "bar" {
		bar.done()
	}
	for _, f := range sum.Failures {
		fmt.Fprintf(e.stderr, "maillage ingest: %s: %s\n", f.Path, f.Reason)
	}
	fmt.Fprintf(e.stdout, "ingested %s\n", sum)
	if runErr != nil {
		return runErr
	}
	if sum.Failed() > 0 {
		fmt.Fprintf(e.stderr, "maillage ingest: %d failed (see above); everything else was written\n", sum.Failed())
		return errReported
	}
	return nil
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressBar draws a one-line progress bar with the article rate and the
// time left.
type progressBar struct {
	w     io.Writer
	drawn bool
}

func (b *progressBar) draw(p ingest.Progress) {
	const width = 30
	frac := 0.0
	if p.Bytes > 0 {
		frac = float64(p.BytesDone) / float64(p.Bytes)
	}
	n := int(frac * width)
	bar := strings.Repeat("=", n) + strings.Repeat(" ", width-n)
	eta := "--"
	if d := p.ETA(); d > 0 {
		eta = d.Round(time.Second).String()
	}
	fmt.Fprintf(b.w, "\r[%s] %3.0f%%  %d/%d files  %d articles  %.0f articles/s  ETA %s  (%d skipped, %d failed)\x1b[K",
		bar, frac*100, p.FilesDone, p.Files, p.Articles, p.Rate(), eta, p.Skipped, p.Failed)
	b.drawn = true
}

func (b *progressBar) done() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}

// logProgress returns a Progress callback writing a log line.
func logProgress(logger *slog.Logger) func(ingest.Progress) {
	return func(p ingest.Progress) {
		logger.Info("ingest progress", "files", fmt.Sprintf("%d/%d", p.FilesDone, p.Files), "articles", p.Articles,
			"written", p.Written, "skipped", p.Skipped, "failed", p.Failed,
			"articles_per_s", fmt.Sprintf("%.0f", p.Rate()), "eta", p.ETA().Round(time.Second))
	}
}

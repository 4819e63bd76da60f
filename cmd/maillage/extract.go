package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/kg"
)

// runExtract is the "extract" subcommand: it prints the extraction
// document of each article of each file (shared/corpus/README.md), one
// JSON document per line (ndjson) or indented (pretty).
func runExtract(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "extract", "[--format ndjson|pretty] [--input-format auto|export|text|markdown|html|json|ndjson] FILE...")
	format := fs.String("format", "ndjson", "output: ndjson (one document per line) or pretty (indented JSON)")
	inFormat := fs.String("input-format", "auto", "input format of the files (auto-detected by default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "ndjson" && *format != "pretty" {
		return usageError{fmt.Sprintf("--format: unknown format %q (want ndjson or pretty)", *format)}
	}
	inf, err := article.ParseFormat(*inFormat)
	if err != nil {
		return usageError{"--input-format: " + kg.ErrorMessage(err)}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"extract: no input file"}
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	if *format == "pretty" {
		enc.SetIndent("", "  ")
	}
	failed := 0
	for _, path := range fs.Args() {
		docs, err := extractFile(x, path, inf)
		for _, d := range docs {
			if werr := enc.Encode(d); werr != nil {
				return fmt.Errorf("writing output: %w", werr)
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "maillage extract: %s\n", kg.ErrorMessage(err))
			failed++
		}
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// extractFile reads one article file and extracts the document of each of
// its articles. Bad records of a multi-record file are reported in err
// while the good ones are still returned.
func extractFile(x *extract.Extractor, path string, f article.Format) ([]extract.Document, error) {
	arts, err := article.ReadFile(path, f)
	var rec article.RecordErrors
	if err != nil && !errors.As(err, &rec) {
		return nil, err
	}
	docs := make([]extract.Document, 0, len(arts))
	for _, a := range arts {
		docs = append(docs, extract.NewDocument(x.Extract(a)))
	}
	return docs, err
}

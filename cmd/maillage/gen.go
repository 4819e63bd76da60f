package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
)

// genFlags are the flags of "maillage gen".
type genFlags struct {
	articles int
	seed     int64
	from, to string
	format   string
	workers  int
	quiet    bool
}

const genUsage = `[flags] DIR

Generates a deterministic synthetic corpus into DIR: French news items and
event reports about social innovation in territories, each with the knowledge
graph its text states. The same flags always give byte-identical files.

  DIR/articles.ndjson   one {url,title,publishedAt,text,themes} record per line
                        (with --format files: DIR/articles/*.md, Markdown with
                        front matter) — what extraction reads
  DIR/graphs.ndjson     one ArticleGraph per line — what store benchmarks load
  DIR/reference.json    the territories' PART_OF hierarchy and the themes
  DIR/manifest.json     the flags and statistics of the corpus`

// runGen is the "gen" subcommand.
func runGen(ctx context.Context, e *env, args []string) error {
	f := genFlags{}
	fs := newFlagSet(e, "gen", genUsage)
	fs.IntVar(&f.articles, "articles", 1000, "number of articles")
	fs.Int64Var(&f.seed, "seed", 1, "random seed: the same seed gives the same corpus")
	fs.StringVar(&f.from, "from", "2015-01-01", "first publication date (YYYY-MM-DD)")
	fs.StringVar(&f.to, "to", "2025-12-31", "last publication date (YYYY-MM-DD)")
	fs.StringVar(&f.format, "format", gen.FormatNDJSON, "article texts as one NDJSON file (ndjson) or one Markdown file each (files)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "goroutines generating articles (never changes the output)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress on stderr")
	// Flags may come before or after DIR.
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{"gen: " + err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	switch {
	case len(pos) == 0:
		fs.Usage()
		return usageError{"gen: missing the output directory DIR"}
	case len(pos) > 1:
		return usageError{fmt.Sprintf("gen: one output directory expected, got %q", pos)}
	case f.articles < 1 || f.articles > gen.MaxArticles:
		return usageError{fmt.Sprintf("gen: --articles: want 1 to %d, got %d", gen.MaxArticles, f.articles)}
	case f.format != gen.FormatNDJSON && f.format != gen.FormatFiles:
		return usageError{fmt.Sprintf("gen: --format: want %s or %s, got %q", gen.FormatNDJSON, gen.FormatFiles, f.format)}
	case f.workers < 1:
		return usageError{fmt.Sprintf("gen: --workers: want at least 1, got %d", f.workers)}
	}
	from, err := kg.ParseDate(f.from)
	if err != nil || from == "" {
		return usageError{fmt.Sprintf("gen: --from: want a date YYYY-MM-DD, got %q", f.from)}
	}
	to, err := kg.ParseDate(f.to)
	if err != nil || to == "" {
		return usageError{fmt.Sprintf("gen: --to: want a date YYYY-MM-DD, got %q", f.to)}
	}
	dir := pos[0]
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return fmt.Errorf("gen: %s exists and is not a directory", dir)
	}

	started := time.Now()
	c, err := gen.New(gen.Config{Articles: f.articles, Seed: f.seed, StartDate: from, EndDate: to, Workers: f.workers})
	if err != nil {
		if kg.ErrorCode(err) == kg.Invalid {
			return usageError{"gen: " + kg.ErrorMessage(err)}
		}
		return fmt.Errorf("gen: %w", err)
	}
	opt := gen.WriteOptions{Format: f.format}
	if !f.quiet && f.articles >= 1000 {
		step := max(1000, f.articles/20)
		opt.Progress = func(done, total int) {
			if done%step == 0 || done == total {
				fmt.Fprintf(e.stderr, "gen: %d/%d articles (%.1fs)\n", done, total, time.Since(started).Seconds())
			}
		}
	}
	m, err := gen.Write(ctx, dir, c, opt)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	printGenSummary(e.stdout, dir, m, time.Since(started))
	return nil
}

// printGenSummary tells what was written: files, sizes, entities,
// relations, and the skew of the actors' mention counts.
func printGenSummary(w io.Writer, dir string, m gen.Manifest, took time.Duration) {
	s := m.Stats
	fmt.Fprintf(w, "wrote %d articles (seed %d) to %s in %.1fs: %s\n", s.Articles, m.Config.Seed, dir, took.Seconds(), genMegabytes(m.Bytes))
	var files []string
	for _, name := range m.Files {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && !info.IsDir() {
			files = append(files, fmt.Sprintf("%s (%s)", name, genMegabytes(info.Size())))
		} else {
			files = append(files, name)
		}
	}
	fmt.Fprintf(w, "  files:     %s\n", strings.Join(files, ", "))
	fmt.Fprintf(w, "  text:      %s words, %d to %d per article, published %s to %s\n", genThousands(s.Words), s.MinWords, s.MaxWords, s.FirstArticle, s.LastArticle)
	var ents []string
	total := 0
	for _, t := range kg.EntityTypes {
		ents = append(ents, fmt.Sprintf("%s %s", genThousands(s.Entities[t]), strings.ToLower(string(t))))
		total += s.Entities[t]
	}
	fmt.Fprintf(w, "  entities:  %s (%s)\n", genThousands(total), strings.Join(ents, ", "))
	fmt.Fprintf(w, "  mentions:  %s article–entity pairs, %s spans\n", genThousands(s.Mentions), genThousands(s.Spans))
	var rels []string
	for _, t := range slices.SortedFunc(maps.Keys(s.RelationTypes), func(a, b kg.RelationType) int {
		return cmp.Or(cmp.Compare(s.RelationTypes[b], s.RelationTypes[a]), cmp.Compare(a, b))
	}) {
		rels = append(rels, fmt.Sprintf("%s %s", t, genThousands(s.RelationTypes[t])))
	}
	fmt.Fprintf(w, "  relations: %s distinct, %s stating sentences (%s)\n", genThousands(s.Relations), genThousands(s.Statements), strings.Join(rels, ", "))
	var top []string
	for _, a := range s.TopActors[:min(5, len(s.TopActors))] {
		top = append(top, fmt.Sprintf("%s %d", a.Name, a.Articles))
	}
	fmt.Fprintf(w, "  skew:      %s actors named; median %g article(s) each, %s in a single article; most named: %s\n",
		genThousands(s.Actors), s.MedianActor, genThousands(s.ActorsInOne), strings.Join(top, ", "))
}

func genMegabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// genThousands writes 12345 as "12,345".
func genThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

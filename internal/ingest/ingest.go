// Package ingest is the pipeline from article files to the store: it
// expands paths (files, folders recursively, globs), reads each file
// (internal/article), skips the articles whose stored content hash is
// unchanged, extracts their graphs on several goroutines
// (internal/extract) and writes them to a kg.Store in batches, reporting
// progress and a summary. A bad file is reported with its name and reason
// and the others go on; a batch the store refuses is retried article by
// article so that only the faulty ones are lost, and nothing already
// stored is touched by a failed write (UpsertArticles is all or nothing).
//
// The same pipeline serves "maillage ingest", the first start of "maillage
// serve" (Bundled) and the GraphQL ingestArticle mutation (Ingester).
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/reference"
)

// Options configure a Pipeline.
type Options struct {
	Store     kg.Store
	Extractor *extract.Extractor // nil: a new one
	Format    article.Format     // input format; "" or auto: detected per file
	Force     bool               // re-extract articles whose content is already stored
	BatchSize int                // articles per UpsertArticles call (default 200)
	Workers   int                // reading and extraction goroutines (default GOMAXPROCS)
	// Progress, if set, is called with a snapshot every ProgressEvery
	// (default 250 ms) and once at the end.
	Progress      func(Progress)
	ProgressEvery time.Duration
}

// Pipeline ingests article files into a store. It is safe for concurrent
// use by the GraphQL mutation; Run calls do not share state.
type Pipeline struct {
	opts Options
	x    *extract.Extractor

	refMu  sync.Mutex
	refIDs map[kg.ID]bool // reference territories this pipeline has written
}

// New builds a pipeline.
func New(opts Options) (*Pipeline, error) {
	if opts.Store == nil {
		return nil, kg.Errorf(kg.Invalid, "ingest: no store")
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 200
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 250 * time.Millisecond
	}
	if opts.Format == "" {
		opts.Format = article.Auto
	}
	x := opts.Extractor
	if x == nil {
		var err error
		if x, err = extract.New(extract.Options{}); err != nil {
			return nil, err
		}
	}
	return &Pipeline{opts: opts, x: x, refIDs: map[kg.ID]bool{}}, nil
}

// Progress is a snapshot of a run.
type Progress struct {
	Files, FilesDone int   // files to read, files read
	Bytes, BytesDone int64 // their sizes
	Articles         int   // articles read
	Skipped          int   // unchanged articles skipped
	Written          int   // articles written
	Failed           int   // files, records or articles that failed
	Elapsed          time.Duration
}

// Rate is the articles read per second.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Articles) / p.Elapsed.Seconds()
}

// ETA estimates the time left from the bytes read so far.
func (p Progress) ETA() time.Duration {
	if p.BytesDone <= 0 || p.Bytes <= p.BytesDone {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * float64(p.Bytes-p.BytesDone) / float64(p.BytesDone))
}

// Failure is a file, record or article that could not be ingested.
type Failure struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Summary is the outcome of a run.
type Summary struct {
	Files           int           `json:"files"`
	Articles        int           `json:"articles"` // read
	Skipped         int           `json:"skipped"`  // unchanged, not re-extracted
	Written         int           `json:"written"`  // written to the store (created or replaced)
	Created         int           `json:"created"`
	Replaced        int           `json:"replaced"`
	EntitiesCreated int           `json:"entitiesCreated"`
	EntitiesUpdated int           `json:"entitiesUpdated"`
	Relations       int           `json:"relations"`
	Failures        []Failure     `json:"failures,omitempty"`
	Elapsed         time.Duration `json:"elapsed"`
}

// Failed is the number of failures.
func (s Summary) Failed() int { return len(s.Failures) }

// articleExts are the file extensions read when a folder is walked.
var articleExts = map[string]bool{".txt": true, ".text": true, ".md": true, ".markdown": true, ".html": true, ".htm": true,
	".xhtml": true, ".json": true, ".ndjson": true, ".jsonl": true, "": true}

// Expand turns paths into the list of files to read: a file is taken as
// given, a folder is walked recursively for article files (by extension,
// hidden entries, README/LICENSE files and gold annotations *.gold.json
// skipped), a pattern with
// * ? [ is expanded as a glob. The result is sorted and without
// duplicates; a path that matches nothing is a failure.
func Expand(paths []string) ([]string, []Failure) {
	var files []string
	var fails []Failure
	seen := map[string]bool{}
	addFile := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	var walk func(root string)
	walk = func(root string) {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fails = append(fails, Failure{Path: p, Reason: errReason(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != root && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || strings.HasSuffix(name, ".gold.json") || !articleExts[strings.ToLower(filepath.Ext(name))] || notArticle(name) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if st, err := os.Stat(p); err != nil || st.IsDir() {
					return nil
				}
			}
			addFile(p)
			return nil
		})
		if err != nil {
			fails = append(fails, Failure{Path: root, Reason: errReason(err)})
		}
	}
	for _, p := range paths {
		if strings.ContainsAny(p, "*?[") {
			matches, err := filepath.Glob(p)
			if err != nil {
				fails = append(fails, Failure{Path: p, Reason: "bad pattern: " + err.Error()})
				continue
			}
			if len(matches) == 0 {
				fails = append(fails, Failure{Path: p, Reason: "no file matches"})
			}
			for _, m := range matches {
				if st, err := os.Stat(m); err == nil && st.IsDir() {
					walk(m)
				} else {
					addFile(m)
				}
			}
			continue
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
			fails = append(fails, Failure{Path: p, Reason: errReason(err)})
		case st.IsDir():
			walk(p)
		default:
			addFile(p)
		}
	}
	sort.Strings(files)
	return files, fails
}

// notArticle reports whether a file met while walking a folder is a
// project file rather than an article (README, LICENSE…).
func notArticle(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	switch base {
	case "README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE", "AUTHORS", "COPYING":
		return true
	}
	return false
}

func errReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return kg.ErrorMessage(err)
}

// item is an extracted article on its way to the writer.
type item struct {
	path  string
	graph kg.ArticleGraph
}

// counters are the live counts of a run.
type counters struct {
	filesDone, articles, skipped, written, failed atomic.Int64
	bytesDone                                     atomic.Int64
}

// Run ingests paths (see Expand). It returns the summary of what was done
// and a non-nil error only when the run could not proceed at all (the store
// failed, or ctx ended); bad files are in Summary.Failures.
func (p *Pipeline) Run(parent context.Context, paths []string) (Summary, error) {
	start := time.Now()
	files, fails := Expand(paths)
	var total int64
	sizes := make(map[string]int64, len(files))
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			sizes[f] = st.Size()
			total += st.Size()
		}
	}
	sum := Summary{Files: len(files), Failures: fails}
	var mu sync.Mutex // guards sum.Failures
	fail := func(path, reason string) {
		reason = strings.TrimPrefix(reason, path+": ") // the failure names its file once
		mu.Lock()
		sum.Failures = append(sum.Failures, Failure{Path: path, Reason: reason})
		mu.Unlock()
	}
	var c counters
	c.failed.Store(int64(len(fails)))
	snapshot := func() Progress {
		return Progress{Files: len(files), FilesDone: int(c.filesDone.Load()), Bytes: total, BytesDone: c.bytesDone.Load(),
			Articles: int(c.articles.Load()), Skipped: int(c.skipped.Load()), Written: int(c.written.Load()),
			Failed: int(c.failed.Load()), Elapsed: time.Since(start)}
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()

	// progress ticker
	var tickDone chan struct{}
	if p.opts.Progress != nil {
		tickDone = make(chan struct{})
		go func() {
			t := time.NewTicker(p.opts.ProgressEvery)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					p.opts.Progress(snapshot())
				case <-tickDone:
					return
				}
			}
		}()
	}

	// readers (one file at a time each), then extractors (one article at a
	// time each, so that a large NDJSON file is extracted in parallel too)
	jobs := make(chan string)
	arts := make(chan pending, p.opts.Workers*4)
	out := make(chan item, p.opts.BatchSize)
	var errMu sync.Mutex
	var storeErr error
	setStoreErr := func(err error) {
		errMu.Lock()
		if storeErr == nil {
			storeErr = err
			cancel()
		}
		errMu.Unlock()
	}
	failedStore := func() error {
		errMu.Lock()
		defer errMu.Unlock()
		return storeErr
	}
	var readers, extractors sync.WaitGroup
	for range max(1, p.opts.Workers/2) {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for path := range jobs {
				p.readFile(ctx, path, arts, &c, fail, setStoreErr)
				c.filesDone.Add(1)
				c.bytesDone.Add(sizes[path])
			}
		}()
	}
	for range p.opts.Workers {
		extractors.Add(1)
		go func() {
			defer extractors.Done()
			for a := range arts {
				g := p.x.Extract(a.article)
				select {
				case out <- item{path: a.path, graph: g}:
				case <-ctx.Done():
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { readers.Wait(); close(arts) }()
	go func() { extractors.Wait(); close(out) }()

	// writer: batches into the store
	batch := make([]item, 0, p.opts.BatchSize)
	inBatch := map[kg.ID]bool{}
	flush := func() {
		if len(batch) == 0 {
			return
		}
		if err := p.write(ctx, batch, &sum, &c, fail); err != nil {
			setStoreErr(err)
		}
		batch = batch[:0]
		clear(inBatch)
	}
	for it := range out {
		if failedStore() != nil {
			continue // drain
		}
		if inBatch[it.graph.Article.ID] {
			flush() // the same article twice: the later file wins
		}
		batch = append(batch, it)
		inBatch[it.graph.Article.ID] = true
		if len(batch) >= p.opts.BatchSize {
			flush()
		}
	}
	if failedStore() == nil && ctx.Err() == nil {
		flush()
	}
	if tickDone != nil {
		close(tickDone)
	}
	sum.Articles = int(c.articles.Load())
	sum.Skipped = int(c.skipped.Load())
	sum.Elapsed = time.Since(start)
	slices.SortStableFunc(sum.Failures, func(a, b Failure) int { return strings.Compare(a.Path, b.Path) })
	if p.opts.Progress != nil {
		p.opts.Progress(snapshot())
	}
	if err := failedStore(); err != nil {
		return sum, err
	}
	if parent.Err() != nil {
		return sum, kg.WrapError(kg.Unavailable, parent.Err(), "ingest interrupted after %d of %d files", int(c.filesDone.Load()), len(files))
	}
	return sum, nil
}

// pending is an article read and waiting for extraction.
type pending struct {
	path    string
	article kg.Article
}

// readFile parses one file, skips its unchanged articles and passes the
// others on to extraction.
func (p *Pipeline) readFile(ctx context.Context, path string, out chan<- pending, c *counters, fail func(string, string), storeErr func(error)) {
	if ctx.Err() != nil {
		return
	}
	arts, err := article.ReadFile(path, p.opts.Format)
	var rec article.RecordErrors
	if err != nil {
		if errors.As(err, &rec) {
			for _, r := range rec {
				fail(path, fmt.Sprintf("record %d (line %d): %s", r.Record, r.Line, r.Reason))
				c.failed.Add(1)
			}
		} else {
			fail(path, kg.ErrorMessage(err))
			c.failed.Add(1)
			return
		}
	}
	c.articles.Add(int64(len(arts)))
	if len(arts) == 0 {
		return
	}
	if !p.opts.Force {
		ids := make([]kg.ID, len(arts))
		for i, a := range arts {
			ids[i] = a.ID
		}
		hashes, err := p.opts.Store.ArticleHashes(ctx, ids)
		if err != nil {
			storeErr(err)
			return
		}
		kept := arts[:0]
		for _, a := range arts {
			if h, ok := hashes[a.ID]; ok && h == a.ContentHash && a.ContentHash != "" {
				c.skipped.Add(1)
				continue
			}
			kept = append(kept, a)
		}
		arts = kept
	}
	for _, a := range arts {
		select {
		case out <- pending{path: path, article: a}:
		case <-ctx.Done():
			return
		}
	}
}

// write stores a batch; when the store refuses it as invalid, each article
// is written alone so that only the faulty ones fail.
func (p *Pipeline) write(ctx context.Context, batch []item, sum *Summary, c *counters, fail func(string, string)) error {
	graphs := make([]kg.ArticleGraph, len(batch))
	for i, it := range batch {
		graphs[i] = it.graph
	}
	res, err := p.upsert(ctx, graphs)
	if err == nil {
		addResult(sum, res)
		c.written.Add(int64(len(batch)))
		return nil
	}
	if kg.ErrorCode(err) != kg.Invalid {
		return err
	}
	for _, it := range batch {
		res, err := p.upsert(ctx, []kg.ArticleGraph{it.graph})
		switch {
		case err == nil:
			addResult(sum, res)
			c.written.Add(1)
		case kg.ErrorCode(err) == kg.Invalid:
			fail(it.path, kg.ErrorMessage(err))
			c.failed.Add(1)
		default:
			return err
		}
	}
	return nil
}

// upsert writes graphs after loading, as reference data, the official
// territories they name with every unit above them (reference.Closure): a
// commune or QPV named by an article thus sits in the PART_OF hierarchy and
// rolls up to its department and region, although only regions and
// departments are loaded up front.
func (p *Pipeline) upsert(ctx context.Context, graphs []kg.ArticleGraph) (kg.UpsertResult, error) {
	if err := p.loadTerritories(ctx, graphs); err != nil {
		return kg.UpsertResult{}, err
	}
	return p.opts.Store.UpsertArticles(ctx, graphs)
}

func (p *Pipeline) loadTerritories(ctx context.Context, graphs []kg.ArticleGraph) error {
	p.refMu.Lock()
	defer p.refMu.Unlock()
	var ids []kg.ID
	for _, g := range graphs {
		for _, e := range g.Entities {
			if e.Type == kg.TypeTerritory && !p.refIDs[e.ID] {
				ids = append(ids, e.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	data := reference.Closure(geo.Default(), ids)
	if len(data.Entities) > 0 {
		if err := p.opts.Store.LoadReference(ctx, data); err != nil {
			return err
		}
	}
	for _, id := range ids {
		p.refIDs[id] = true // known now, or not a territory of the geography
	}
	for _, e := range data.Entities {
		p.refIDs[e.ID] = true
	}
	return nil
}

func addResult(sum *Summary, r kg.UpsertResult) {
	sum.Written += r.ArticlesCreated + r.ArticlesReplaced
	sum.Created += r.ArticlesCreated
	sum.Replaced += r.ArticlesReplaced
	sum.EntitiesCreated += r.EntitiesCreated
	sum.EntitiesUpdated += r.EntitiesUpdated
	sum.Relations += r.Relations
}

// IngestArticle reads one article given field by field, extracts it and
// stores it, returning its id (the GraphQL ingestArticle mutation).
func (p *Pipeline) IngestArticle(ctx context.Context, in article.Input) (kg.ID, error) {
	a, err := article.FromInput(in)
	if err != nil {
		return "", err
	}
	g := p.x.Extract(a)
	if _, err := p.upsert(ctx, []kg.ArticleGraph{g}); err != nil {
		return "", err
	}
	return g.Article.ID, nil
}

// String describes a summary in one line.
func (s Summary) String() string {
	return fmt.Sprintf("%d files, %d articles read, %d skipped (unchanged), %d written (%d new, %d replaced), %d failed; entities %d new, %d updated; %d relations; %s",
		s.Files, s.Articles, s.Skipped, s.Written, s.Created, s.Replaced, s.Failed(), s.EntitiesCreated, s.EntitiesUpdated, s.Relations, s.Elapsed.Round(time.Millisecond))
}

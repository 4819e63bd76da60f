package bench_test

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/bench"
	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
	"github.com/maillage/maillage/internal/server"
)

// Corpus of the benchmarks.
const (
	benchArticles = 10_000
	benchSeed     = 1
	// loadBatch is the batch size the shared store is built with.
	loadBatch = 500
	// dirEnv names a directory written by `maillage gen` to read the corpus
	// from instead of generating it.
	dirEnv = "MAILLAGE_BENCH_DIR"
)

// corpus is a source of article graphs and the reference data they need.
type corpus struct {
	desc   string // where it comes from, for the logs
	ref    kg.ReferenceData
	graphs iter.Seq2[kg.ArticleGraph, error] // streamed: never all in memory
}

// benchCorpus is the corpus of the benchmarks: the one in $MAILLAGE_BENCH_DIR
// when set, else 10,000 articles generated in-process with seed 1.
func benchCorpus() (corpus, error) {
	if dir := os.Getenv(dirEnv); dir != "" {
		m, err := gen.ReadManifest(dir)
		if err != nil {
			return corpus{}, fmt.Errorf("%s=%s: %w", dirEnv, dir, err)
		}
		ref, err := gen.LoadReference(dir)
		if err != nil {
			return corpus{}, fmt.Errorf("%s=%s: %w", dirEnv, dir, err)
		}
		desc := fmt.Sprintf("read from %s (%d articles, seed %d)", dir, m.Config.Articles, m.Config.Seed)
		return corpus{desc: desc, ref: ref, graphs: gen.ReadGraphs(dir)}, nil
	}
	return generated(benchArticles, benchSeed)
}

// generated is a corpus of n articles generated in-process.
func generated(n int, seed int64) (corpus, error) {
	c, err := gen.New(gen.Config{Articles: n, Seed: seed})
	if err != nil {
		return corpus{}, err
	}
	graphs := func(yield func(kg.ArticleGraph, error) bool) {
		for it := range c.Items(context.Background()) {
			if !yield(it.Graph, nil) {
				return
			}
		}
	}
	return corpus{desc: fmt.Sprintf("generated in-process (%d articles, seed %d)", n, seed), ref: c.Reference(), graphs: graphs}, nil
}

// build writes the corpus into a new store in dir, in batches, and closes it.
func build(dir string, c corpus, batch int) error {
	ctx := context.Background()
	s, err := memstore.Open(dir)
	if err != nil {
		return err
	}
	if err := s.LoadReference(ctx, c.ref); err != nil {
		s.Close()
		return err
	}
	buf := make([]kg.ArticleGraph, 0, batch)
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		_, err := s.UpsertArticles(ctx, buf)
		buf = buf[:0]
		return err
	}
	for g, err := range c.graphs {
		if err != nil {
			s.Close()
			return err
		}
		if buf = append(buf, g); len(buf) == batch {
			if err := flush(); err != nil {
				s.Close()
				return err
			}
		}
	}
	if err := flush(); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

// fixture is the store of the benchmark corpus, built once per process in a
// temporary directory removed by TestMain.
var fixture struct {
	once  sync.Once
	tmp   string // removed at exit
	dir   string // the store directory
	desc  string
	took  time.Duration
	stats kg.Stats
	err   error
}

// storeDir returns the directory of the benchmark store, building it on
// first use (the caller's timer is reset by the caller).
func storeDir(tb testing.TB) string {
	tb.Helper()
	fixture.once.Do(func() {
		fixture.tmp, fixture.err = os.MkdirTemp("", "maillage-bench-")
		if fixture.err != nil {
			return
		}
		fixture.dir = filepath.Join(fixture.tmp, "store")
		c, err := benchCorpus()
		if err != nil {
			fixture.err = err
			return
		}
		fixture.desc = c.desc
		t0 := time.Now()
		if fixture.err = build(fixture.dir, c, loadBatch); fixture.err != nil {
			return
		}
		fixture.took = time.Since(t0)
		s, err := memstore.Open(fixture.dir)
		if err != nil {
			fixture.err = err
			return
		}
		defer s.Close()
		fixture.stats, fixture.err = s.Stats(context.Background())
	})
	if fixture.err != nil {
		tb.Fatalf("building the benchmark store: %v", fixture.err)
	}
	return fixture.dir
}

// describeStats renders store statistics on one line.
func describeStats(st kg.Stats) string {
	var types []string
	total := 0
	for t, n := range st.Entities {
		types = append(types, fmt.Sprintf("%s %d", t, n))
		total += n
	}
	sort.Strings(types)
	return fmt.Sprintf("%d articles, %d entities (%s), %d relations, %d mentions",
		st.Articles, total, strings.Join(types, ", "), st.Relations, st.Mentions)
}

var logFixtureOnce sync.Once

// note prints a line to the benchmark output, where it stays next to the
// results (b.Log output of a parent benchmark is dropped). The "# " prefix
// keeps benchstat from reading it as a configuration line.
func note(format string, args ...any) {
	fmt.Printf("# "+format+"\n", args...)
}

// logFixture prints, once per process, what the benchmark store holds.
func logFixture() {
	logFixtureOnce.Do(func() {
		note("benchmark store: corpus %s, built in %s with batches of %d: %s",
			fixture.desc, fixture.took.Round(time.Millisecond), loadBatch, describeStats(fixture.stats))
	})
}

// env is an open store with the API over it, shared by the read
// benchmarks. The open-time benchmark closes it (the store directory is
// locked while open) and the next read benchmark reopens it.
type env struct {
	store   *memstore.Store
	counter *countingStore
	api     http.Handler
	picks   bench.Picks
}

var shared struct {
	mu    sync.Mutex
	env   *env
	picks *bench.Picks // computed once: the store never changes
}

// openEnv opens a store in dir and the API over it, with its store calls
// counted.
func openEnv(dir string) (*env, error) {
	s, err := memstore.Open(dir)
	if err != nil {
		return nil, err
	}
	c := counting(s)
	api, err := server.New(server.DefaultConfig(), c, slog.New(slog.DiscardHandler))
	if err != nil {
		s.Close()
		return nil, err
	}
	return &env{store: s, counter: c, api: api}, nil
}

// sharedEnv returns the shared environment over the benchmark store.
func sharedEnv(b *testing.B) *env {
	b.Helper()
	dir := storeDir(b)
	logFixture()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.env == nil {
		e, err := openEnv(dir)
		if err != nil {
			b.Fatal(err)
		}
		if shared.picks == nil {
			p, err := bench.Choose(context.Background(), e.store)
			if err != nil {
				e.store.Close()
				b.Fatal(err)
			}
			shared.picks = &p
			note("picked: %s", p)
		}
		e.picks = *shared.picks
		shared.env = e
	}
	return shared.env
}

// releaseEnv closes the shared environment, if open.
func releaseEnv(tb testing.TB) {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.env != nil {
		if err := shared.env.store.Close(); err != nil {
			tb.Fatal(err)
		}
		shared.env = nil
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	shared.mu.Lock()
	if shared.env != nil {
		shared.env.store.Close()
	}
	shared.mu.Unlock()
	if fixture.tmp != "" {
		os.RemoveAll(fixture.tmp)
	}
	os.Exit(code)
}

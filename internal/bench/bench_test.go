package bench_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

// cpuMeter reports the process CPU time per operation ("cpu-ns/op") next
// to wall time: on a shared machine wall time also measures the neighbours.
type cpuMeter struct {
	start time.Duration
	spent time.Duration
	ok    bool
}

func startCPU() cpuMeter {
	t, ok := cpuTime()
	return cpuMeter{start: t, ok: ok}
}

// pause adds the CPU time since start (or the last resume) to the total.
func (m *cpuMeter) pause() {
	if t, ok := cpuTime(); ok {
		m.spent += t - m.start
	}
}

// resume starts counting again.
func (m *cpuMeter) resume() { m.start, _ = cpuTime() }

func (m *cpuMeter) report(b *testing.B) {
	if m.ok && b.N > 0 {
		b.ReportMetric(float64(m.spent)/float64(b.N), "cpu-ns/op")
	}
}

var errorsKey = []byte(`"errors"`)

// BenchmarkAPI runs the five queries through the server's HTTP handler, in
// process (handler.ServeHTTP: routing, CORS, limits, metrics, gqlgen,
// dataloaders, JSON), on the 10,000-article store. Metrics: store calls per
// query and response bytes.
func BenchmarkAPI(b *testing.B) {
	e := sharedEnv(b)
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			req := newRequest(q.gql, q.vars(e.picks))
			first := req.serve(e.api)
			if _, err := checkResponse(first.Code, first.Body.Bytes()); err != nil {
				b.Fatal(err)
			}
			before, rels := e.counter.snapshot(), e.counter.relations.Load()
			cpu := startCPU()
			for b.Loop() {
				rec := req.serve(e.api)
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), errorsKey) {
					b.Fatalf("HTTP %d: %.500s", rec.Code, rec.Body.Bytes())
				}
			}
			cpu.pause()
			cpu.report(b)
			calls := e.counter.snapshot().since(before)
			b.ReportMetric(float64(calls.total())/float64(b.N), "store-calls/op")
			b.ReportMetric(float64(e.counter.relations.Load()-rels)/float64(b.N), "store-rels/op")
			b.ReportMetric(float64(first.Body.Len()), "resp-bytes")
		})
	}
}

// BenchmarkAPIOverTCP runs the same queries over a real loopback
// connection (httptest.Server, keep-alive client reading the whole body):
// what a client on the same host pays, client work included.
func BenchmarkAPIOverTCP(b *testing.B) {
	e := sharedEnv(b)
	srv := httptest.NewServer(e.api)
	defer srv.Close()
	client := srv.Client()
	url := srv.URL + "/graphql"
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			req := newRequest(q.gql, q.vars(e.picks))
			var body bytes.Buffer
			post := func() int {
				resp, err := client.Post(url, "application/json", bytes.NewReader(req))
				if err != nil {
					b.Fatal(err)
				}
				body.Reset()
				_, err = io.Copy(&body, resp.Body)
				resp.Body.Close()
				if err != nil {
					b.Fatal(err)
				}
				return resp.StatusCode
			}
			if _, err := checkResponse(post(), body.Bytes()); err != nil {
				b.Fatal(err)
			}
			before := e.counter.snapshot()
			cpu := startCPU()
			for b.Loop() {
				if code := post(); code != http.StatusOK || bytes.Contains(body.Bytes(), errorsKey) {
					b.Fatalf("HTTP %d: %.500s", code, body.Bytes())
				}
			}
			cpu.pause()
			cpu.report(b)
			calls := e.counter.snapshot().since(before)
			b.ReportMetric(float64(calls.total())/float64(b.N), "store-calls/op")
		})
	}
}

// BenchmarkLoaderWait runs the queries through a bare gqlgen handler (POST
// transport, query cache, the graph package's error presenter; none of the
// server's middleware) with the dataloaders' batching window at its default
// (graph.DefaultLoaderWait) and at 10µs. The difference in wall time is
// time spent waiting for a batch to fill rather than working: it shows
// where a query's latency is a timer, not CPU.
func BenchmarkLoaderWait(b *testing.B) {
	e := sharedEnv(b)
	logger := slog.New(slog.DiscardHandler)
	for _, wait := range []time.Duration{graph.DefaultLoaderWait, 10 * time.Microsecond} {
		h := handler.New(graph.NewExecutableSchema(e.counter, graph.Options{Logger: logger, LoaderWait: wait}))
		h.AddTransport(transport.POST{})
		h.SetQueryCache(lru.New[*ast.QueryDocument](100))
		h.SetErrorPresenter(graph.ErrorPresenter(logger))
		for _, q := range queries {
			b.Run(fmt.Sprintf("wait=%s/%s", wait, q.name), func(b *testing.B) {
				req := newRequest(q.gql, q.vars(e.picks))
				first := req.serve(h)
				if _, err := checkResponse(first.Code, first.Body.Bytes()); err != nil {
					b.Fatal(err)
				}
				before := e.counter.snapshot()
				cpu := startCPU()
				for b.Loop() {
					rec := req.serve(h)
					if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), errorsKey) {
						b.Fatalf("HTTP %d: %.500s", rec.Code, rec.Body.Bytes())
					}
				}
				cpu.pause()
				cpu.report(b)
				calls := e.counter.snapshot().since(before)
				b.ReportMetric(float64(calls.total())/float64(b.N), "store-calls/op")
			})
		}
	}
}

// BenchmarkStore runs the same five fetches written directly against
// kg.Store (same store methods, same arguments, same nodes fetched; see
// the check test): API/Store is the overhead of the HTTP and GraphQL layers.
func BenchmarkStore(b *testing.B) {
	e := sharedEnv(b)
	ctx := context.Background()
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			if ids, err := q.direct(ctx, e.counter, e.picks); err != nil || len(ids) == 0 {
				b.Fatalf("%d nodes, %v", len(ids), err)
			}
			before, rels := e.counter.snapshot(), e.counter.relations.Load()
			cpu := startCPU()
			for b.Loop() {
				if _, err := q.direct(ctx, e.counter, e.picks); err != nil {
					b.Fatal(err)
				}
			}
			cpu.pause()
			cpu.report(b)
			calls := e.counter.snapshot().since(before)
			b.ReportMetric(float64(calls.total())/float64(b.N), "store-calls/op")
			b.ReportMetric(float64(e.counter.relations.Load()-rels)/float64(b.N), "store-rels/op")
		})
	}
}

// BenchmarkOpen opens and closes the 10,000-article store (read the bbolt
// file, verify every checksum, rebuild the in-memory graph; the file is in
// the page cache), as `maillage serve` does (check: with bbolt's
// consistency check) and without that check. After each open, timer
// stopped, it collects garbage and reports the heap the open store holds:
// B-heap-alloc (live objects, HeapAlloc) and B-heap-inuse (HeapInuse),
// both relative to before the open, and B-file, the size of the data file.
func BenchmarkOpen(b *testing.B) {
	dir := storeDir(b)
	logFixture()
	releaseEnv(b) // the store directory is locked while open
	info, err := os.Stat(filepath.Join(dir, memstore.DataFile))
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []struct {
		name string
		opts []memstore.Option
	}{
		{"check", nil},
		{"no-check", []memstore.Option{memstore.WithoutConsistencyCheck()}},
	} {
		b.Run(mode.name, func(b *testing.B) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			var alloc, inuse uint64
			cpu := startCPU()
			for b.Loop() {
				s, err := memstore.Open(dir, mode.opts...)
				if err != nil {
					b.Fatal(err)
				}
				cpu.pause()
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&after)
				alloc, inuse = after.HeapAlloc-before.HeapAlloc, after.HeapInuse-before.HeapInuse
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				cpu.resume()
			}
			cpu.report(b)
			// In bytes: benchstat scales units starting with B itself (a
			// metric in "MB" would be read as 10⁶ bytes).
			b.ReportMetric(float64(alloc), "B-heap-alloc")
			b.ReportMetric(float64(inuse), "B-heap-inuse")
			b.ReportMetric(float64(info.Size()), "B-file")
		})
	}
}

// allGraphs is the benchmark corpus in memory, for the load benchmark
// only (the read benchmarks never hold it).
var allGraphs struct {
	once     sync.Once
	ref      kg.ReferenceData
	graphs   []kg.ArticleGraph
	entities int // Σ len(graph.Entities): entity records written
	err      error
}

func loadAllGraphs(b *testing.B) {
	allGraphs.once.Do(func() {
		c, err := benchCorpus()
		if err != nil {
			allGraphs.err = err
			return
		}
		allGraphs.ref = c.ref
		for g, err := range c.graphs {
			if err != nil {
				allGraphs.err = err
				return
			}
			allGraphs.graphs = append(allGraphs.graphs, g)
			allGraphs.entities += len(g.Entities)
		}
		note("upsert corpus: %s: %d graphs, %d entity records, %d reference entities",
			c.desc, len(allGraphs.graphs), allGraphs.entities, len(c.ref.Entities))
	})
	if allGraphs.err != nil {
		b.Fatal(allGraphs.err)
	}
}

// BenchmarkUpsert loads the 10,000 graphs into a fresh store (reference
// territories loaded first, untimed), in transactions of 500 articles and
// of one article: each transaction is one fsynced bbolt commit. Metrics:
// articles/s and entities/s (entity records written, Σ len(Entities) over
// the graphs), from wall time.
func BenchmarkUpsert(b *testing.B) {
	releaseEnv(b) // not needed here: free its memory
	loadAllGraphs(b)
	graphs := allGraphs.graphs
	ctx := context.Background()
	for _, batch := range []int{500, 1} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			cpu := startCPU()
			for b.Loop() {
				cpu.pause()
				b.StopTimer()
				dir, err := os.MkdirTemp("", "maillage-bench-upsert-")
				if err != nil {
					b.Fatal(err)
				}
				s, err := memstore.Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.LoadReference(ctx, allGraphs.ref); err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				b.StartTimer()
				cpu.resume()
				created := 0
				for i := 0; i < len(graphs); i += batch {
					r, err := s.UpsertArticles(ctx, graphs[i:min(i+batch, len(graphs))])
					if err != nil {
						b.Fatal(err)
					}
					created += r.ArticlesCreated
				}
				cpu.pause()
				b.StopTimer()
				if created != len(graphs) {
					b.Fatalf("%d articles created, want %d", created, len(graphs))
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
				os.RemoveAll(dir)
				b.StartTimer()
				cpu.resume()
			}
			cpu.pause()
			cpu.report(b)
			secs := b.Elapsed().Seconds()
			b.ReportMetric(float64(len(graphs)*b.N)/secs, "articles/s")
			b.ReportMetric(float64(allGraphs.entities*b.N)/secs, "entities/s")
		})
	}
}

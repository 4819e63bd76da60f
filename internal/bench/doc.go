// Package bench holds Maillage's end-to-end benchmarks of the embedded store
// and the API at corpus scale. Its only non-test code is the definition of
// the five benchmarked GraphQL queries and how their ids are picked from a
// store (queries.go), which internal/neo4jstore's benchmarks share; the
// benchmarks and their helpers are in its _test files.
//
// The benchmarks run on a store holding a generated corpus of 10,000
// articles (internal/gen, seed 1), built once per process in a temporary
// directory, or on the corpus that `maillage gen` wrote in the directory
// named by MAILLAGE_BENCH_DIR:
//
//   - BenchmarkAPI: five representative GraphQL queries through the real
//     HTTP handler of internal/server (entity by id with relations and
//     territories, search, a region with the initiatives placed anywhere
//     below it, an article with its entities, a three-level nested list),
//     with the store calls each costs and the relations the store hands
//     over (store-rels/op);
//   - BenchmarkAPIOverTCP: the same requests over a loopback connection;
//   - BenchmarkLoaderWait: the same queries through a bare gqlgen handler
//     with the dataloaders' batching window at its default and at 10µs,
//     to tell waiting from working;
//   - BenchmarkStore: the same five fetches written directly against
//     kg.Store, so that API/store is the overhead of the HTTP and GraphQL
//     layers;
//   - BenchmarkOpen: opening the store at that size, and the heap it holds;
//   - BenchmarkUpsert: loading the 10,000 graphs in batches of 500 and one
//     article per call.
//
// A plain `go test ./internal/bench/` runs only a small, fast check that
// every benchmarked query returns data and that the API and the direct
// fetches agree; nothing heavy runs without -bench. BENCHMARKS.md at the
// repository root has the commands, the machine and the figures.
package bench

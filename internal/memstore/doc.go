// Package memstore is the embedded, durable implementation of kg.Store: the
// default back end of "maillage serve", needing nothing but a directory.
//
// # Layout
//
// The store is a directory holding two files: "maillage.db", a bbolt
// database, and "LOCK", held with an exclusive flock(2) while the store is
// open so that a second process gets a clear "in use by another process"
// error instead of corrupting the data.
//
// The database holds only the source of truth, never derived data:
//
//	articles             article id → its normalised ArticleGraph (kg.NormalizeGraph), text left out
//	texts                article id → the article's text (read on demand by Articles, never held in memory)
//	reference-entities   entity id  → reference entity (LoadReference)
//	reference-relations  relation key → reference relation with its reference evidence
//	meta                 "format" → format version
//
// Values are CBOR (github.com/fxamacker/cbor: decoding is about four times
// faster than encoding/json, and decoding is what bounds the open time),
// each stored behind a CRC-32C of its bytes. At open the whole database is
// read, every checksum verified, and the in-memory graph is rebuilt:
//
//   - articles by id, each keeping its normalised graph, which the entity
//     records point into (contributions, mentions) rather than copy;
//   - entities by id and by type, each with its sources merged
//     (kg.MergeEntity), statistics, Parents, folded names, mentions and
//     adjacency (relations out and in, each list kept sorted by relation
//     key, so that a page of RelationsOf is a binary search for its After
//     and a merge of the two lists that stops at its Limit, and only the
//     page is copied);
//   - relations by key, with one statement per source (article or
//     reference), kept in source order with its evidence sorted, so that the
//     merged provenance is the statements laid end to end, never re-sorted;
//   - articles by theme (HAS_THEME); territory roll-up walks the PART_OF
//     adjacency on demand.
//
// Derived views are built lazily on first use and dropped on every write:
// the sorted lists per entity type and ordering and per article ordering
// (a page is a binary search for the cursor's key and a slice), and one
// string of every folded name, so that search and the text filter are a
// vectorised strings.Index scan for the longest word of the query, the
// candidates then ranked with kg.MatchRank. Filtered lists gather their
// candidates from the adjacency (territory, PART_OF, mentioned-in, name
// index) and select the page with a bounded heap instead of a full sort.
//
// Measured on 10,000 generated articles (~100,000 entities), see
// bench_test.go: open (read, check, rebuild) ~2 s of CPU and ~250 MB of heap;
// upserts ~2,800 articles per CPU-second in batches, one fsync per batch.
//
// # Why bbolt
//
// go.etcd.io/bbolt gives what durability needs without a journal of our own:
// every write is one read-write transaction (a batch of articles is one
// transaction: all of it or nothing), committed with fsync of the data pages
// before the meta page that makes them visible, and fsync of the meta page
// before Commit returns. Pages are copy-on-write, so a crash at any point
// leaves the previous committed state intact, and the two meta pages carry
// checksums: a meta page torn by a crash during commit fails its checksum and
// bbolt opens the previous one — the interrupted write is discarded, the
// store is the one before it. Writing our own fsynced journal would mean
// hand-written framing, checksums, torn-tail truncation and compaction, for
// the same guarantees.
//
// Damage that bbolt cannot repair is reported, never papered over: Open
// fails with an error naming the file when both meta pages are invalid, when
// the file is shorter than its committed size (truncated), when bbolt's
// consistency check (Tx.Check) finds an inconsistent page tree, or when a
// stored value fails its checksum or does not decode.
//
// # Concurrency
//
// The in-memory graph is guarded by a sync.RWMutex: readers share the read
// lock and never block each other; the lazily built sorted views are
// published with atomic compare-and-swap, so a reader never waits for
// another. Writers are serialised by a second mutex; a writer validates,
// normalises and encodes its input without holding the graph lock, then
// takes the write lock only to commit the bbolt transaction and apply the
// change to memory, so readers never see memory ahead of or behind the disk.
package memstore

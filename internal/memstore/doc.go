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
// Every value is stored behind a CRC-32C of its bytes. At open the whole
// database is read, every checksum verified, and the in-memory graph and its
// indexes are rebuilt: entities merged from their sources (kg.MergeEntity),
// relations with their provenance, adjacency lists, mentions by entity and by
// article, statistics, theme and territory memberships. Sorted views per
// ordering are built lazily on first use and dropped on every write.
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

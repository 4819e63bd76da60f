// Package neo4jstore is the Neo4j 5 implementation of kg.Store, the
// production back end of Maillage: the same contract as the embedded store
// (internal/memstore), proven by the same conformance suite
// (internal/storetest) against a real server. It talks Bolt through
// github.com/neo4j/neo4j-go-driver/v5, bolt:// to one server or neo4j:// to
// a cluster or Aura.
//
// All Cypher lives in this package, in cypher.go, as named constants or as
// templates whose only holes are labels and relationship types taken from
// the allow-lists kg.EntityTypes and kg.RelationTypes. Every value a caller
// gives travels as a query parameter, never inside the query text.
//
// # Graph model
//
// As in DESIGN.md, with the bookkeeping a replace or a delete needs:
//
//	(:Entity:Organization {id, name, aliases, kind, …})   one label per entity type, and Entity
//	(:Article {id, url, title, publishedAt, text, …})
//	(:Article)-[:MENTIONS {count, starts, ends, texts}]->(:Entity)   the spans, as parallel lists
//	(:Article)-[:HAS_THEME]->(:Theme)                                the article's theme list
//	(:Article)-[:CONTRIBUTES {entity}]->(:Entity)                    the entity as this article gives it (JSON)
//	(:Entity)-[:HOLDS_ROLE|ORGANIZED|… {roleKey, srcs, dates, roles, evidence, confs}]->(:Entity)
//
// An entity node keeps its reference source (LoadReference) as JSON in
// "ref", and its merged attributes (kg.MergeEntity over the reference, then
// the CONTRIBUTES of every article in kg.ContributionOrder) as plain
// properties, with what reads sort and search on: sortName (kg.Fold of the
// name), names and foldedNames (the name, aliases and acronym, written and
// folded), searchText (the folded names, for the full-text index), and the
// statistics mentionCount, articleCount, firstMentioned, lastMentioned
// ("" when never mentioned, so that it sorts before any date). A stated
// relation is one relationship per kg.Relation.Key, typed by the relation
// type, with one entry per source in its parallel lists: srcs (article id,
// "" for reference data), dates, roles, evidence (JSON) and confs (the
// source's highest confidence, what a kg.RelationQuery.Bare read returns
// instead of the evidence). An article keeps
// the keys of the relations it stated (relTypes, relFrom, relTo,
// relRoleKeys), so that replacing or deleting it removes exactly its own
// statements.
//
// # Writes
//
// UpsertArticles, DeleteArticle and LoadReference each run one managed
// write transaction, whatever the batch size. The transaction first takes
// the write stripes of every id it writes or links (128 WriteStripe nodes,
// an id's stripe is a hash of it, locked in ascending order before anything
// else): writers with an id in common run one after the other and cannot
// deadlock on it, since MERGE and relationship writes otherwise lock nodes
// and index entries in an order a query cannot fix (an entity reached only
// through a replaced article's previous version is locked later; a rare
// deadlock there is retried). It then locks what it will
// recompute (MERGE of the article and entity nodes on id, under the
// uniqueness constraints, then a property write that takes the node's write
// lock), so concurrent writers touching the same entity never lose each
// other's contributions: the
// merged attributes and statistics are recomputed from everything stored,
// after the locks, inside the same transaction. Rows go in with UNWIND. A
// deadlock or a lost connection makes the whole transaction run again (the
// writes are idempotent); re-running an interrupted ingestion converges to
// the same graph.
//
// # Reads
//
// Every read is one query, one round trip. Batched reads UNWIND their ids.
// Lists are keyset-paginated: the cursor holds the sort key and the id of
// the last item (the same cursors as memstore), the query asks for the items
// strictly after it with a range predicate on the sort key (the tie on the
// key is a CASE, which the planner does not split into a union) and a
// USING INDEX hint, so that Neo4j walks the range index on that key in
// order and stops after the page (NodeIndexSeekByRange or NodeIndexScan,
// then PartialTop: plan_test.go checks it for every label, ordering and
// direction); the total comes from a count in a separate subquery of the
// same query (from the count store when nothing filters). Filters that
// designate a small set (an article, a parent, a territory and below it)
// drive the query from that set instead, which is then sorted.
// RelationsOf cuts each entity's page in the database, in a subquery per
// entity (the relations after $after, ORDER BY their key computed in
// Cypher, LIMIT $limit), before it reads their provenance, so that only the
// page crosses the wire; CountRelations counts without reading provenance
// (plan_test.go checks both plans). Neo4j's ORDER BY compares strings by
// UTF-16 code unit and its comparison operators by code point: both agree
// with Go's byte order of kg.Relation.Key on the Basic Multilingual Plane.
// Search asks the full-text index entity_names (analyzer standard-folding,
// over the folded names) for candidates, then ranks them exactly as
// kg.MatchRank does, in Cypher, before paginating.
//
// # Schema
//
// Open applies the migrations, all idempotent (IF NOT EXISTS): a uniqueness
// constraint on id for Entity, for each entity label and for Article; range
// indexes on every sort key and on the kind of every label, on
// Territory.code and on the article's url, publishedAt, foldedTitle and
// siteKey; the full-text index; uniqueness constraints on the WriteStripe
// and Migration markers. Then the data migrations not yet recorded by a
// Migration node: "relation-source-confidences" stores confs on relations
// written before they were (computed from their evidence, 2,000 per
// transaction); until it has run, bare reads of such relations take the
// evidence instead. The store remembers the database's id
// (db.info): when Neo4j comes back with another database (restarted on an
// empty data folder), the next write (whose first statement reads the id),
// the next call after a connection failure, Ping (so /readyz), or a search
// that finds no full-text index notices it and applies the migrations again
// before going on.
//
// # Failures
//
// Driver errors become kg errors: unreachable server, lost connection,
// timeouts, transient errors still failing after the retry budget →
// Unavailable with a message naming the server; bad credentials or a
// missing database → Unavailable too (the API cannot serve, whatever the
// client does); anything else → Internal. Connection attempts are bounded
// (Config.ConnectTimeout, Config.AcquireTimeout): a request never hangs on a
// dead server, it fails fast.
package neo4jstore

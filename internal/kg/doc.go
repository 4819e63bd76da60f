// Package kg is the domain of Maillage: the knowledge graph of organizations,
// people, events, territories, themes and initiatives read out of French
// articles about social innovation in territories.
//
// It holds the types (Article, Entity and its six typed views, Relation with
// its provenance, Mention with its spans, ArticleGraph), the readable typed
// IDs, the error codes, the text folding used for matching and search, and the
// Store interface with its contract documented on each method.
//
// kg imports no database driver and no GraphQL code: back ends
// (internal/memstore, internal/neo4jstore) implement Store, the GraphQL layer
// (graph/) and the commands consume it, and internal/storetest checks that
// every back end honours the same contract.
package kg

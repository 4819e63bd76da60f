package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

// storeFlags are the flags shared by every subcommand that opens a store
// (serve, ingest). Each flag defaults to its environment variable.
type storeFlags struct {
	kind          string // "embedded" (default) or "neo4j"
	data          string // embedded store directory
	neo4jURI      string
	neo4jUser     string
	neo4jPassword string
	neo4jDatabase string
}

func addStoreFlags(fs *flag.FlagSet, e *env) *storeFlags {
	f := &storeFlags{}
	fs.StringVar(&f.kind, "store", e.envOr("MAILLAGE_STORE", "embedded"), "store back end: embedded or neo4j (env MAILLAGE_STORE)")
	fs.StringVar(&f.data, "data", e.envOr("MAILLAGE_DATA", "./maillage-data"), "directory of the embedded store (env MAILLAGE_DATA)")
	fs.StringVar(&f.neo4jURI, "neo4j-uri", e.envOr("NEO4J_URI", "bolt://localhost:7687"), "Neo4j URI, bolt:// or neo4j:// (env NEO4J_URI)")
	fs.StringVar(&f.neo4jUser, "neo4j-user", e.envOr("NEO4J_USER", "neo4j"), "Neo4j user (env NEO4J_USER)")
	fs.StringVar(&f.neo4jPassword, "neo4j-password", e.getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&f.neo4jDatabase, "neo4j-database", e.envOr("NEO4J_DATABASE", "neo4j"), "Neo4j database name (env NEO4J_DATABASE)")
	return f
}

// open opens the configured store.
func (f *storeFlags) open(ctx context.Context, logger *slog.Logger) (kg.Store, error) {
	switch f.kind {
	case "embedded":
		return openEmbedded(ctx, f, logger)
	case "neo4j":
		return openNeo4j(ctx, f, logger)
	}
	return nil, usageError{fmt.Sprintf("--store: unknown back end %q (want embedded or neo4j)", f.kind)}
}

// openEmbedded opens (creating it if needed) the embedded store in the
// --data directory.
func openEmbedded(_ context.Context, f *storeFlags, logger *slog.Logger) (kg.Store, error) {
	if f.data == "" {
		return nil, usageError{"--data: the embedded store needs a directory"}
	}
	s, err := memstore.Open(f.data)
	if err != nil {
		return nil, err
	}
	logger.Debug("embedded store open", "dir", f.data)
	return s, nil
}

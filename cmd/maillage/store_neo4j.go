package main

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
)

// neo4jWait is how long serve and ingest wait for Neo4j to answer at start
// (with a bounded backoff) before they give up: long enough for a Neo4j
// container started at the same time to come up.
const neo4jWait = 30 * time.Second

// openNeo4j opens the Neo4j store given by the --neo4j-* flags (bolt:// or
// neo4j:// routing URI, user, password, database), waiting up to neo4jWait
// for the server, and applies the schema migrations.
func openNeo4j(ctx context.Context, f *storeFlags, logger *slog.Logger) (kg.Store, error) {
	if f.neo4jURI == "" {
		return nil, usageError{"--neo4j-uri: the neo4j store needs a URI such as bolt://localhost:7687 (env NEO4J_URI)"}
	}
	start := time.Now()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{
		URI:      f.neo4jURI,
		User:     f.neo4jUser,
		Password: f.neo4jPassword,
		Database: f.neo4jDatabase,
		Wait:     neo4jWait,
		Logger:   logger,
	})
	if err != nil {
		if kg.ErrorCode(err) == kg.Invalid {
			return nil, usageError{"--neo4j-uri: " + kg.ErrorMessage(err)}
		}
		return nil, err
	}
	host := f.neo4jURI
	if u, err := url.Parse(f.neo4jURI); err == nil {
		host = u.Scheme + "://" + u.Host
	}
	logger.Info("neo4j store open", "uri", host, "database", f.neo4jDatabase, "duration", time.Since(start).Round(time.Millisecond))
	return s, nil
}

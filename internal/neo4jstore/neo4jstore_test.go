package neo4jstore_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
	"github.com/maillage/maillage/internal/storetest"
)

// testConfig returns the Neo4j the tests run against, from NEO4J_URI (and
// NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). Without NEO4J_URI the test
// is skipped with the command that starts one — or fails in CI (CI=true),
// where a missing Neo4j must not pass unnoticed.
func testConfig(t testing.TB) neo4jstore.Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		const how = "start a real Neo4j with `export NEO4J_URI=$(.ci/neo4j/start)` (stop it with .ci/neo4j/stop)"
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is not set: CI must run the Neo4j store tests; " + how)
		}
		t.Skip("NEO4J_URI is not set: " + how)
	}
	return neo4jstore.Config{
		URI:      uri,
		User:     os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
		Wait:     30 * time.Second,
	}
}

var (
	sharedMu     sync.Mutex
	sharedStores = map[string]*neo4jstore.Store{}
	freshCount   int
)

// openShared returns one store per server for the whole test binary
// (opening applies the migrations).
func openShared(t testing.TB, cfg neo4jstore.Config) *neo4jstore.Store {
	t.Helper()
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if s := sharedStores[cfg.URI]; s != nil {
		return s
	}
	s, err := neo4jstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open(%s): %v", cfg.URI, err)
	}
	sharedStores[cfg.URI] = s
	return s
}

// shared returns the store over the test database.
func shared(t testing.TB) *neo4jstore.Store {
	t.Helper()
	return openShared(t, testConfig(t))
}

// freshStore empties a test database and returns its store behind a Close
// that does not close it.
//
// Neo4j Community has one user database, and the conformance suite holds
// two stores at once in a few tests (a store after a delete against one
// that never had the article…): on one server the second would wipe the
// first and such comparisons would hold trivially. With a second server in
// NEO4J_URI_2 (e.g. NEO4J_STATE_DIR=/tmp/n4j-2 .ci/neo4j/start), successive
// stores alternate between the two, so that every comparison is real.
func freshStore(t testing.TB) kg.Store {
	t.Helper()
	cfg := testConfig(t)
	if uri2 := os.Getenv("NEO4J_URI_2"); uri2 != "" {
		sharedMu.Lock()
		freshCount++
		second := freshCount%2 == 0
		sharedMu.Unlock()
		if second {
			cfg.URI = uri2
		}
	}
	s := openShared(t, cfg)
	if err := neo4jstore.Wipe(context.Background(), s); err != nil {
		t.Fatalf("wiping the test database at %s: %v", cfg.URI, err)
	}
	return unclosable{s}
}

type unclosable struct{ *neo4jstore.Store }

func (unclosable) Close() error { return nil }

func TestConformance(t *testing.T) {
	testConfig(t) // skip (or fail in CI) once, not in every subtest
	if os.Getenv("NEO4J_URI_2") == "" {
		const why = "NEO4J_URI_2 is not set: the suite's comparisons of two stores hold trivially on one Community server"
		if os.Getenv("CI") == "true" {
			t.Fatal(why + "; .ci/run starts a second Neo4j for them")
		}
		t.Log(why + " (start a second one with NEO4J_STATE_DIR=/tmp/n4j-2 .ci/neo4j/start)")
	}
	storetest.Run(t, func(t *testing.T) kg.Store { return freshStore(t) })
}

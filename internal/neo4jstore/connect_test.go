package neo4jstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
)

func TestRoutingURIWorks(t *testing.T) {
	cfg := testConfig(t)
	scheme, rest, ok := strings.Cut(cfg.URI, "://")
	if !ok || scheme != "bolt" {
		t.Skipf("NEO4J_URI %s is not a bolt:// URI", cfg.URI)
	}
	cfg.URI = "neo4j://" + rest
	s, err := neo4jstore.Open(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Open(%s): %v", cfg.URI, err)
	}
	defer s.Close()
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping over %s: %v", cfg.URI, err)
	}
	if _, err := s.Stats(t.Context()); err != nil {
		t.Fatalf("Stats over %s: %v", cfg.URI, err)
	}
}

func TestMissingDatabaseFailsAtOnce(t *testing.T) {
	cfg := testConfig(t)
	cfg.Database, cfg.Wait = "maillage-nope", 30*time.Second
	start := time.Now()
	_, err := neo4jstore.Open(t.Context(), cfg)
	if kg.ErrorCode(err) != kg.Unavailable || !strings.Contains(kg.ErrorMessage(err), "maillage-nope") {
		t.Fatalf("Open on a missing database: %v (code %s), want unavailable naming the database", err, kg.ErrorCode(err))
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Open on a missing database took %v: it should not wait for the server", d)
	}
}

// TestCredentials: a Neo4j with authentication accepts the right password
// and refuses a wrong one at once, with a message naming the user.
func TestCredentials(t *testing.T) {
	l := newLauncher(t)
	l.password = "maillage-test-secret"
	uri := l.start()
	s, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri, User: "neo4j", Password: l.password})
	if err != nil {
		t.Fatalf("Open with the right password: %v", err)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	s.Close()
	start := time.Now()
	_, err = neo4jstore.Open(context.Background(), neo4jstore.Config{URI: uri, User: "neo4j", Password: "wrong", Wait: 30 * time.Second})
	if kg.ErrorCode(err) != kg.Unavailable || !strings.Contains(kg.ErrorMessage(err), `credentials of user "neo4j"`) {
		t.Errorf("Open with a wrong password: %v (code %s)", err, kg.ErrorCode(err))
	}
	if strings.Contains(err.Error(), "wrong") {
		t.Errorf("the error shows the password: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("a wrong password took %v to report: it should not wait", d)
	}
	_, err = neo4jstore.Open(context.Background(), neo4jstore.Config{URI: uri})
	if kg.ErrorCode(err) != kg.Unavailable {
		t.Errorf("Open without credentials on a server with auth: %v", err)
	}
}

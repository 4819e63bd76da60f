package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/storetest"
)

// launcher drives a Neo4j of its own through .ci/neo4j/start and stop, in
// a private state directory, on a fixed port (so that it can come back on
// the same address).
type launcher struct {
	t        *testing.T
	dir      string // .ci/neo4j
	state    string
	port     int
	password string // "": auth disabled
}

func newLauncher(t *testing.T) *launcher {
	t.Helper()
	testConfig(t) // same skip / CI rule as every Neo4j test
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := wd
	for {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(root)
		if parent == root {
			t.Fatalf("no go.mod above %s", wd)
		}
		root = parent
	}
	dir := filepath.Join(root, ".ci", "neo4j")
	if _, err := os.Stat(filepath.Join(dir, "start")); err != nil {
		t.Fatalf("the Neo4j launcher is missing: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	l := &launcher{t: t, dir: dir, state: t.TempDir(), port: port}
	t.Cleanup(l.stop)
	return l
}

func (l *launcher) command(name string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(l.dir, name))
	cmd.Env = append(os.Environ(), "NEO4J_STATE_DIR="+l.state, "NEO4J_PORT="+strconv.Itoa(l.port), "NEO4J_PASSWORD="+l.password)
	return cmd
}

// start starts Neo4j (an empty database) and returns its URI.
func (l *launcher) start() string {
	l.t.Helper()
	var stderr bytes.Buffer
	cmd := l.command("start")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		l.t.Fatalf(".ci/neo4j/start: %v\n%s", err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

func (l *launcher) stop() {
	l.t.Helper()
	if out, err := l.command("stop").CombinedOutput(); err != nil {
		l.t.Errorf(".ci/neo4j/stop: %v\n%s", err, out)
	}
}

// gqlResult is a GraphQL response.
type gqlResult struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func postQuery(t *testing.T, url, query string) (gqlResult, time.Duration) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	start := time.Now()
	resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	var r gqlResult
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("POST /graphql: HTTP %d, undecodable body: %v", resp.StatusCode, err)
	}
	return r, time.Since(start)
}

func readyz(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url + "/readyz")
	if err != nil {
		t.Fatalf("GET /readyz: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestAPISurvivesNeo4jRestart: the API over a Neo4j that stops answers
// every request at once with extensions.code "unavailable" and turns not
// ready; when Neo4j comes back on the same address (with an empty
// database: the launcher starts on a fresh data folder), the same process
// serves again, without a restart, with the schema applied again.
func TestAPISurvivesNeo4jRestart(t *testing.T) {
	l := newLauncher(t)
	uri := l.start()
	store, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: uri, Wait: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	c := storetest.NewCorpus()
	if err := store.LoadReference(t.Context(), c.Reference); err != nil {
		t.Fatal(err)
	}
	if _, err := store.UpsertArticles(t.Context(), c.Graphs); err != nil {
		t.Fatal(err)
	}
	h, err := server.New(server.DefaultConfig(), store, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	// search needs the full-text index; organizations the sort-key index.
	const query = `{ search(query: "loups", first: 5) { totalCount edges { node { id } } }
  organizations(first: 3) { totalCount edges { node { id name } } } }`
	total := func(r gqlResult, field string) int {
		m, _ := r.Data[field].(map[string]any)
		n, _ := m["totalCount"].(float64)
		return int(n)
	}
	r, _ := postQuery(t, srv.URL, query)
	if len(r.Errors) > 0 || total(r, "search") != 1 || total(r, "organizations") != 7 {
		t.Fatalf("before the stop: %+v", r)
	}
	if code := readyz(t, srv.URL); code != http.StatusOK {
		t.Fatalf("/readyz = %d before the stop", code)
	}

	l.stop()
	for i := range 3 {
		r, took := postQuery(t, srv.URL, query)
		if len(r.Errors) == 0 {
			t.Fatalf("query %d with Neo4j stopped succeeded: %+v", i, r)
		}
		for _, e := range r.Errors {
			if e.Extensions["code"] != string(kg.Unavailable) || !strings.Contains(e.Message, "neo4j") {
				t.Errorf("query %d with Neo4j stopped: error %q, code %v; want unavailable, naming neo4j", i, e.Message, e.Extensions["code"])
			}
			if strings.Contains(e.Message, "goroutine") || strings.Contains(e.Message, ".go:") {
				t.Errorf("error shows internals: %q", e.Message)
			}
		}
		if took > 3*time.Second {
			t.Errorf("query %d with Neo4j stopped took %v, want a fast failure", i, took)
		}
		t.Logf("with Neo4j stopped: %q in %v", r.Errors[0].Message, took)
	}
	if code := readyz(t, srv.URL); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d with Neo4j stopped, want 503", code)
	}

	if again := l.start(); again != uri {
		t.Fatalf("Neo4j came back at %s, not %s", again, uri)
	}
	deadline := time.Now().Add(60 * time.Second)
	for readyz(t, srv.URL) != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz still not ready 60 s after Neo4j came back")
		}
		time.Sleep(200 * time.Millisecond)
	}
	r, _ = postQuery(t, srv.URL, query)
	if len(r.Errors) > 0 || total(r, "search") != 0 || total(r, "organizations") != 0 {
		t.Fatalf("after the restart (empty database): %+v", r)
	}
	// The schema is back: writing again converges to the same answers.
	if err := store.LoadReference(t.Context(), c.Reference); err != nil {
		t.Fatal(err)
	}
	if _, err := store.UpsertArticles(t.Context(), c.Graphs); err != nil {
		t.Fatal(err)
	}
	r, _ = postQuery(t, srv.URL, query)
	if len(r.Errors) > 0 || total(r, "search") != 1 || total(r, "organizations") != 7 {
		t.Fatalf("after reloading: %+v", r)
	}
	plans, err := neo4jstore.ExplainListEntities(t.Context(), store, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkWalksIndex(t, "after the restart", plans.Items, "e", "Organization", "sortName")
	fmt.Fprintln(os.Stderr) // keep the launcher's output apart in -v logs
}

// TestOpenWaitsForNeo4j: Open started before Neo4j keeps trying and
// succeeds once the server answers.
func TestOpenWaitsForNeo4j(t *testing.T) {
	l := newLauncher(t)
	uri := fmt.Sprintf("bolt://127.0.0.1:%d", l.port)
	opened := make(chan error, 1)
	go func() {
		s, err := neo4jstore.Open(context.Background(), neo4jstore.Config{URI: uri, Wait: 120 * time.Second})
		if err == nil {
			err = s.Ping(context.Background())
			s.Close()
		}
		opened <- err
	}()
	time.Sleep(time.Second)
	select {
	case err := <-opened:
		t.Fatalf("Open returned before Neo4j started: %v", err)
	default:
	}
	if got := l.start(); got != uri {
		t.Fatalf("Neo4j at %s, want %s", got, uri)
	}
	select {
	case err := <-opened:
		if err != nil {
			t.Fatalf("Open after Neo4j started: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Open did not return 30 s after Neo4j was ready")
	}
}

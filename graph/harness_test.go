package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

const testAPIKey = "test-key"

// openStore opens a real embedded store in a temporary directory, loaded
// with the reference data and the given graphs.
func openStore(t testing.TB, graphs []kg.ArticleGraph) *memstore.Store {
	t.Helper()
	s, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if err := s.LoadReference(ctx, reference()); err != nil {
		t.Fatal(err)
	}
	if len(graphs) > 0 {
		if _, err := s.UpsertArticles(ctx, graphs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// syncBuffer is a log sink safe for concurrent writers and readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// env is a GraphQL endpoint over a store, served over real HTTP the way the
// server package does it: explicit POST transport, the error presenter, the
// recover function, and an API-key check marking requests authenticated.
type env struct {
	t    testing.TB
	srv  *httptest.Server
	logs *syncBuffer
}

func newEnv(t testing.TB, store kg.Store, opts graph.Options) *env {
	t.Helper()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, nil))
	opts.Logger = logger
	h := handler.New(graph.NewExecutableSchema(store, opts))
	h.AddTransport(transport.POST{})
	h.SetErrorPresenter(graph.ErrorPresenter(logger))
	h.SetRecoverFunc(graph.RecoverFunc(logger))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if r.Header.Get("Authorization") == "Bearer "+testAPIKey {
			ctx = graph.WithAuthenticated(ctx)
		}
		if id := r.Header.Get("X-Request-Id"); id != "" {
			ctx = graph.WithRequestID(ctx, id)
		}
		h.ServeHTTP(w, r.WithContext(ctx))
	}))
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, logs: logs}
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// do posts a query with variables and optional headers ("Name: value").
func (e *env) do(query string, vars map[string]any, headers ...string) gqlResponse {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		e.t.Fatalf("status %d, body %s: %v", res.StatusCode, raw, err)
	}
	return out
}

// query runs a query that must succeed and decodes its data into out.
func (e *env) query(query string, vars map[string]any, out any, headers ...string) {
	e.t.Helper()
	res := e.do(query, vars, headers...)
	if len(res.Errors) > 0 {
		e.t.Fatalf("unexpected errors: %+v", res.Errors)
	}
	if err := json.Unmarshal(res.Data, out); err != nil {
		e.t.Fatalf("decode %s: %v", res.Data, err)
	}
}

// failing runs a query that must fail and returns its single error.
func (e *env) failing(query string, vars map[string]any, headers ...string) (gqlError, gqlResponse) {
	e.t.Helper()
	res := e.do(query, vars, headers...)
	if len(res.Errors) != 1 {
		e.t.Fatalf("want exactly one error, got %+v (data %s)", res.Errors, res.Data)
	}
	return res.Errors[0], res
}

func expectError(t testing.TB, got gqlError, code string, parts ...string) {
	t.Helper()
	if got.Extensions["code"] != code {
		t.Errorf("code = %v, want %s (message %q)", got.Extensions["code"], code, got.Message)
	}
	for _, p := range parts {
		if !strings.Contains(got.Message, p) {
			t.Errorf("message %q does not contain %q", got.Message, p)
		}
	}
}

// countingStore counts the calls to each Store method of a real store, and
// the relations RelationsOf hands over.
type countingStore struct {
	kg.Store
	mu        sync.Mutex
	calls     map[string]int
	relations int // relations returned by RelationsOf, over all entities
	bare      int // RelationsOf calls with a Bare query
}

func counting(s kg.Store) *countingStore { return &countingStore{Store: s, calls: map[string]int{}} }

func (c *countingStore) count(method string) {
	c.mu.Lock()
	c.calls[method]++
	c.mu.Unlock()
}

// take returns the counts so far and starts again from zero.
func (c *countingStore) take() (map[string]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, total := maps.Clone(c.calls), 0
	for _, n := range c.calls {
		total += n
	}
	clear(c.calls)
	return out, total
}

// takeRelations returns the number of relations RelationsOf returned so
// far and starts again from zero.
func (c *countingStore) takeRelations() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.relations
	c.relations = 0
	return n
}

func (c *countingStore) Entities(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Entity, error) {
	c.count("Entities")
	return c.Store.Entities(ctx, ids)
}

func (c *countingStore) Articles(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Article, error) {
	c.count("Articles")
	return c.Store.Articles(ctx, ids)
}

func (c *countingStore) ListEntities(ctx context.Context, f kg.EntityFilter, o kg.EntityOrder, p kg.PageRequest) (kg.Page[kg.Entity], error) {
	c.count("ListEntities")
	return c.Store.ListEntities(ctx, f, o, p)
}

func (c *countingStore) ListArticles(ctx context.Context, f kg.ArticleFilter, o kg.ArticleOrder, p kg.PageRequest) (kg.Page[kg.Article], error) {
	c.count("ListArticles")
	return c.Store.ListArticles(ctx, f, o, p)
}

func (c *countingStore) Search(ctx context.Context, q kg.SearchQuery, p kg.PageRequest) (kg.Page[kg.SearchHit], error) {
	c.count("Search")
	return c.Store.Search(ctx, q, p)
}

func (c *countingStore) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	c.count("RelationsOf")
	m, err := c.Store.RelationsOf(ctx, ids, q)
	n := 0
	for _, rels := range m {
		n += len(rels)
	}
	c.mu.Lock()
	c.relations += n
	if q.Bare {
		c.bare++
	}
	c.mu.Unlock()
	return m, err
}

// takeBare returns the number of RelationsOf calls so far with a Bare
// query, and of those without, and starts again from zero.
func (c *countingStore) takeBare() (bare, full int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	bare, full = c.bare, c.calls["RelationsOf"]-c.bare
	c.bare = 0
	clear(c.calls)
	return bare, full
}

func (c *countingStore) CountRelations(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID]int, error) {
	c.count("CountRelations")
	return c.Store.CountRelations(ctx, ids, q)
}

func (c *countingStore) MentionsOf(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.Mention, error) {
	c.count("MentionsOf")
	return c.Store.MentionsOf(ctx, ids)
}

func (c *countingStore) MentionsIn(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.Mention, error) {
	c.count("MentionsIn")
	return c.Store.MentionsIn(ctx, ids)
}

func (c *countingStore) CoMentioned(ctx context.Context, ids []kg.ID, q kg.CoMentionQuery) (map[kg.ID][]kg.CoMention, error) {
	c.count("CoMentioned")
	return c.Store.CoMentioned(ctx, ids, q)
}

func (c *countingStore) Stats(ctx context.Context) (kg.Stats, error) {
	c.count("Stats")
	return c.Store.Stats(ctx)
}

// remarshal converts a decoded JSON value into another Go value.
func remarshal(t testing.TB, from, to any) {
	t.Helper()
	b, err := json.Marshal(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, to); err != nil {
		t.Fatal(err)
	}
}

package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
	"github.com/maillage/maillage/internal/reference"
	"github.com/maillage/maillage/internal/server"
)

// countingStore counts every call that reaches the store, and lets a test
// make Search or Ping misbehave.
type countingStore struct {
	kg.Store
	calls atomic.Int64

	search      func(ctx context.Context) error // when set, Search runs it instead
	ping        error                           // when set, Ping fails with it
	panicOnPing bool
}

func (s *countingStore) count() { s.calls.Add(1) }

func (s *countingStore) UpsertArticles(ctx context.Context, g []kg.ArticleGraph) (kg.UpsertResult, error) {
	s.count()
	return s.Store.UpsertArticles(ctx, g)
}
func (s *countingStore) DeleteArticle(ctx context.Context, id kg.ID) error {
	s.count()
	return s.Store.DeleteArticle(ctx, id)
}
func (s *countingStore) LoadReference(ctx context.Context, d kg.ReferenceData) error {
	s.count()
	return s.Store.LoadReference(ctx, d)
}
func (s *countingStore) Entities(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Entity, error) {
	s.count()
	return s.Store.Entities(ctx, ids)
}
func (s *countingStore) Articles(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Article, error) {
	s.count()
	return s.Store.Articles(ctx, ids)
}
func (s *countingStore) ArticleHashes(ctx context.Context, ids []kg.ID) (map[kg.ID]string, error) {
	s.count()
	return s.Store.ArticleHashes(ctx, ids)
}
func (s *countingStore) ListEntities(ctx context.Context, f kg.EntityFilter, o kg.EntityOrder, p kg.PageRequest) (kg.Page[kg.Entity], error) {
	s.count()
	return s.Store.ListEntities(ctx, f, o, p)
}
func (s *countingStore) ListArticles(ctx context.Context, f kg.ArticleFilter, o kg.ArticleOrder, p kg.PageRequest) (kg.Page[kg.Article], error) {
	s.count()
	return s.Store.ListArticles(ctx, f, o, p)
}
func (s *countingStore) Search(ctx context.Context, q kg.SearchQuery, p kg.PageRequest) (kg.Page[kg.SearchHit], error) {
	s.count()
	if s.search != nil {
		return kg.Page[kg.SearchHit]{}, s.search(ctx)
	}
	return s.Store.Search(ctx, q, p)
}
func (s *countingStore) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	s.count()
	return s.Store.RelationsOf(ctx, ids, q)
}
func (s *countingStore) MentionsOf(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.Mention, error) {
	s.count()
	return s.Store.MentionsOf(ctx, ids)
}
func (s *countingStore) MentionsIn(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.Mention, error) {
	s.count()
	return s.Store.MentionsIn(ctx, ids)
}
func (s *countingStore) CoMentioned(ctx context.Context, ids []kg.ID, q kg.CoMentionQuery) (map[kg.ID][]kg.CoMention, error) {
	s.count()
	return s.Store.CoMentioned(ctx, ids, q)
}
func (s *countingStore) Stats(ctx context.Context) (kg.Stats, error) {
	s.count()
	return s.Store.Stats(ctx)
}
func (s *countingStore) Ping(ctx context.Context) error {
	s.count()
	if s.panicOnPing {
		panic("ping exploded")
	}
	if s.ping != nil {
		return s.ping
	}
	return s.Store.Ping(ctx)
}

// sampleStore is an embedded store holding the reference regions and
// departments and the sample graph, as after a first start.
func sampleStore(t *testing.T) *countingStore {
	t.Helper()
	ms, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ms.Close() })
	p, err := ingest.New(ingest.Options{Store: ms})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Seed(context.Background(), reference.Coarse, true); err != nil {
		t.Fatal(err)
	}
	return &countingStore{Store: ms}
}

// logBuffer collects the server's JSON logs.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type testServer struct {
	*httptest.Server
	store *countingStore
	logs  *logBuffer
}

func newTestServer(t *testing.T, cfg server.Config, store *countingStore) *testServer {
	t.Helper()
	logs := &logBuffer{}
	h, err := server.New(cfg, store, slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, store: store, logs: logs}
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type result struct {
	status int
	header http.Header
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

func (r result) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

func decode(t *testing.T, resp *http.Response) result {
	t.Helper()
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := result{status: resp.StatusCode, header: resp.Header}
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("status %d, body is not JSON: %q", resp.StatusCode, raw)
	}
	return r
}

func (ts *testServer) post(t *testing.T, query string, header map[string]string) result {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, resp)
}

func (ts *testServer) get(t *testing.T, query string) result {
	t.Helper()
	resp, err := http.Get(ts.URL + "/graphql?query=" + url.QueryEscape(query))
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, resp)
}

const rtesQuery = `query FindNetwork { search(query: "rtes", first: 3) { totalCount edges { node { id name } } } }`

func TestSampleQueryFindsTheNetworkOverPOSTAndGET(t *testing.T) {
	ts := newTestServer(t, server.DefaultConfig(), sampleStore(t))
	for name, r := range map[string]result{"POST": ts.post(t, rtesQuery, nil), "GET": ts.get(t, rtesQuery)} {
		if r.status != http.StatusOK || len(r.Errors) > 0 {
			t.Fatalf("%s: status %d errors %+v", name, r.status, r.Errors)
		}
		if !strings.Contains(string(r.Data), `"id":"org:rtes"`) {
			t.Errorf("%s: the network is not found: %s", name, r.Data)
		}
	}
}

func TestMutationOverGETIsRefusedWithoutStoreWork(t *testing.T) {
	ts := newTestServer(t, withKeys("k1"), sampleStore(t))
	before := ts.store.calls.Load()
	// Authenticated, so that only the method can be the reason.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/graphql?query="+url.QueryEscape(`mutation { deleteArticle(id: "article:741c982d8de1") }`), nil)
	req.Header.Set("Authorization", "Bearer k1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r := decode(t, resp)
	if r.status != http.StatusNotAcceptable || len(r.Errors) != 1 || r.Errors[0].Message != "GET requests only allow query operations" {
		t.Fatalf("status %d errors %+v", r.status, r.Errors)
	}
	if n := ts.store.calls.Load() - before; n != 0 {
		t.Errorf("%d store calls for a refused mutation", n)
	}
	// The article is still there.
	if r := ts.post(t, `{ article(id: "article:741c982d8de1") { id } }`, nil); len(r.Errors) > 0 {
		t.Errorf("the article is gone: %+v", r.Errors)
	}
}

func withKeys(keys ...string) server.Config {
	cfg := server.DefaultConfig()
	cfg.APIKeys = keys
	return cfg
}

// deepQuery nests relations → edges → node → to n times under entity:
// depth 2 + 4n.
func deepQuery(n int) string {
	return `{ entity(id: "org:rtes") { ` + strings.Repeat("relations { edges { node { to { ", n) + "id" + strings.Repeat(" } } } }", n) + " } }"
}

func TestLimitsRejectBeforeAnyStoreWork(t *testing.T) {
	aliasFlood := func(field string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range 500 {
			fmt.Fprintf(&b, " a%d: %s", i, field)
		}
		return b.String() + " }"
	}
	cases := []struct {
		name, query, code, message string
	}{
		{"depth bomb", deepQuery(3), server.CodeDepthLimit, "query depth 14 exceeds the limit of 12"},
		{"alias flood of lookups", aliasFlood(`entity(id: "org:rtes") { id }`), server.CodeAliasLimit, "query has 500 aliased fields, more than the limit of 100"},
		{"alias flood of __typename", aliasFlood(`__typename`), server.CodeAliasLimit, "query has 500 aliased fields, more than the limit of 100"},
		{"token flood", "{ " + strings.Repeat("__typename ", 10001) + "}", "GRAPHQL_PARSE_FAILED", "exceeded token limit of 10000"},
		{"over the complexity limit", `{ organizations(first: 100) { edges { node { relations(first: 100) { edges { node { to { id name } } } } } } } }`,
			server.CodeComplexityLimit, "operation has complexity"},
	}
	ts := newTestServer(t, server.DefaultConfig(), sampleStore(t))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := ts.store.calls.Load()
			r := ts.post(t, c.query, nil)
			if r.status != http.StatusUnprocessableEntity || len(r.Errors) != 1 || r.code() != c.code || !strings.HasPrefix(r.Errors[0].Message, c.message) {
				t.Fatalf("status %d errors %+v, want 422 %s %q", r.status, r.Errors, c.code, c.message)
			}
			if string(r.Data) != "" && string(r.Data) != "null" {
				t.Errorf("data %s for a rejected operation", r.Data)
			}
			if n := ts.store.calls.Load() - before; n != 0 {
				t.Errorf("%d store calls for a rejected operation", n)
			}
		})
	}
	// Just under the limits, the same shapes run.
	if r := ts.post(t, deepQuery(2), nil); r.status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("depth 10: status %d errors %+v", r.status, r.Errors)
	}
}

func TestDefaultComplexityAdmitsTheShapesTheAPIIsFor(t *testing.T) {
	ts := newTestServer(t, server.DefaultConfig(), sampleStore(t))
	for _, q := range []string{
		`{ organizations(first: 50) { edges { node { id name relations(first: 10) { edges { node { type to { id name territories { id name } } } } } } } } }`,
		`{ organizations(first: 100) { edges { node { id name relations(first: 10) { edges { node { type to { id name } } } } } } } }`,
		`{ territory(id: "territory:reg-32") { name initiatives(first: 50) { totalCount edges { node { id name territories { name } themes { name } } } } } }`,
	} {
		if r := ts.post(t, q, nil); r.status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("%s: status %d errors %+v", q, r.status, r.Errors)
		}
	}
}

func TestAliasFloodsNeedTheAliasLimit(t *testing.T) {
	// With the alias limit out of the way, 500 aliased searches are still
	// refused, by complexity (each costs its page size)...
	cfg := server.DefaultConfig()
	cfg.MaxAliases = 1000
	ts := newTestServer(t, cfg, sampleStore(t))
	var b strings.Builder
	b.WriteString("{")
	for i := range 500 {
		fmt.Fprintf(&b, ` a%d: search(query: "rtes", first: 100) { totalCount }`, i)
	}
	b.WriteString(" }")
	before := ts.store.calls.Load()
	r := ts.post(t, b.String(), nil)
	if r.status != http.StatusUnprocessableEntity || r.code() != server.CodeComplexityLimit {
		t.Fatalf("status %d errors %+v", r.status, r.Errors)
	}
	if n := ts.store.calls.Load() - before; n != 0 {
		t.Errorf("%d store calls", n)
	}
	// ...but 500 aliases of a cheap field pass both complexity (500) and
	// the token limit (1,500 tokens): only the alias limit stops them.
	b.Reset()
	b.WriteString("{")
	for i := range 500 {
		fmt.Fprintf(&b, " a%d: __typename", i)
	}
	b.WriteString(" }")
	if r := ts.post(t, b.String(), nil); r.status != http.StatusOK || len(r.Errors) != 0 {
		t.Fatalf("cheap alias flood without the alias limit: status %d errors %+v", r.status, r.Errors)
	}
}

func TestBodyOverOneMiBIs413WithAJSONError(t *testing.T) {
	ts := newTestServer(t, server.DefaultConfig(), sampleStore(t))
	big := `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`
	for _, chunked := range []bool{false, true} {
		var body io.Reader = strings.NewReader(big)
		if chunked {
			body = io.MultiReader(strings.NewReader(big)) // no length known: sent chunked
		}
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/graphql", body)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r := decode(t, resp)
		if r.status != http.StatusRequestEntityTooLarge || r.code() != "invalid" || r.Errors[0].Message != "request body is larger than the limit of 1 MiB" {
			t.Errorf("chunked %v: status %d errors %+v", chunked, r.status, r.Errors)
		}
	}
	if n := ts.store.calls.Load(); n != 0 {
		t.Errorf("%d store calls", n)
	}
}

func TestCORSPreflight(t *testing.T) {
	preflight := func(ts *testServer, origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization,content-type") // as browsers send it
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	t.Run("any origin by default, no credentials", func(t *testing.T) {
		ts := newTestServer(t, server.DefaultConfig(), sampleStore(t))
		resp := preflight(ts, "https://dashboards.example.org")
		h := resp.Header
		if resp.StatusCode/100 != 2 || h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Access-Control-Allow-Credentials") != "" ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") || !strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "authorization") {
			t.Errorf("status %d headers %v", resp.StatusCode, h)
		}
	})
	t.Run("explicit origins with credentials", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.CORSOrigins = []string{"https://dashboards.example.org"}
		cfg.CORSCredentials = true
		ts := newTestServer(t, cfg, sampleStore(t))
		ok := preflight(ts, "https://dashboards.example.org")
		if ok.Header.Get("Access-Control-Allow-Origin") != "https://dashboards.example.org" || ok.Header.Get("Access-Control-Allow-Credentials") != "true" {
			t.Errorf("allowed origin: headers %v", ok.Header)
		}
		bad := preflight(ts, "https://evil.example.com")
		if bad.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("other origin allowed: headers %v", bad.Header)
		}
	})
	t.Run("credentials with any origin is a configuration error", func(t *testing.T) {
		cfg := server.DefaultConfig()
		cfg.CORSCredentials = true
		if _, err := server.New(cfg, sampleStore(t), nil); kg.ErrorCode(err) != kg.Invalid {
			t.Errorf("got %v, want invalid", err)
		}
	})
}

func TestIntrospectionCanBeTurnedOff(t *testing.T) {
	const q = `{ __schema { queryType { name } } }`
	on := newTestServer(t, server.DefaultConfig(), sampleStore(t))
	if r := on.post(t, q, nil); len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"Query"`) {
		t.Fatalf("introspection on: %s %+v", r.Data, r.Errors)
	}
	cfg := server.DefaultConfig()
	cfg.Introspection = false
	off := newTestServer(t, cfg, sampleStore(t))
	r := off.post(t, q, nil)
	if r.status != http.StatusUnprocessableEntity || len(r.Errors) != 1 || r.code() != server.CodeIntrospectionDisabled ||
		r.Errors[0].Message != "introspection is disabled on this server" {
		t.Fatalf("introspection off: %s %+v", r.Data, r.Errors)
	}
	// Ordinary queries still work.
	if r := off.post(t, rtesQuery, nil); len(r.Errors) > 0 {
		t.Errorf("query with introspection off: %+v", r.Errors)
	}
}

func TestInternalErrorsAreMaskedAndLoggedWithTheRequestID(t *testing.T) {
	store := sampleStore(t)
	store.search = func(context.Context) error { return errors.New("disk on fire at /var/secret/path") }
	ts := newTestServer(t, server.DefaultConfig(), store)
	r := ts.post(t, rtesQuery, map[string]string{"X-Request-ID": "req-1234"})
	if len(r.Errors) != 1 || r.Errors[0].Message != "internal error" || r.code() != "internal" || r.Errors[0].Extensions["requestId"] != "req-1234" {
		t.Fatalf("errors %+v", r.Errors)
	}
	if got := r.header.Get(server.RequestIDHeader); got != "req-1234" {
		t.Errorf("X-Request-ID echoed as %q", got)
	}
	if strings.Contains(string(r.Data)+fmt.Sprint(r.Errors), "fire") {
		t.Error("the internal error leaked to the client")
	}
	logs := ts.logs.String()
	if !regexp.MustCompile(`"requestId":"req-1234"[^\n]*disk on fire|disk on fire[^\n]*"requestId":"req-1234"`).MatchString(logs) {
		t.Errorf("no log line with the real error and the request id:\n%s", logs)
	}
}

func TestPanicsAreRecoveredMaskedAndLogged(t *testing.T) {
	store := sampleStore(t)
	store.search = func(context.Context) error { panic("boom in the store") }
	ts := newTestServer(t, server.DefaultConfig(), store)
	r := ts.post(t, rtesQuery, map[string]string{"X-Request-ID": "req-panic"})
	if len(r.Errors) != 1 || r.Errors[0].Message != "internal error" || r.code() != "internal" {
		t.Fatalf("status %d errors %+v", r.status, r.Errors)
	}
	if !strings.Contains(ts.logs.String(), "boom in the store") || !strings.Contains(ts.logs.String(), "req-panic") {
		t.Errorf("the panic is not logged with the request id:\n%s", ts.logs.String())
	}
	store.search = nil
	if r := ts.post(t, rtesQuery, nil); len(r.Errors) > 0 {
		t.Errorf("the server does not serve after a panic: %+v", r.Errors)
	}

	// Outside GraphQL, the HTTP middleware recovers: 500, masked, logged.
	store.panicOnPing = true
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/readyz", nil)
	req.Header.Set(server.RequestIDHeader, "req-ping")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r = decode(t, resp)
	if r.status != http.StatusInternalServerError || r.code() != "internal" || r.Errors[0].Message != "internal error" {
		t.Errorf("/readyz panic: status %d errors %+v", r.status, r.Errors)
	}
	if !regexp.MustCompile(`ping exploded[^\n]*|"requestId":"req-ping"[^\n]*ping exploded`).MatchString(ts.logs.String()) || !strings.Contains(ts.logs.String(), "req-ping") {
		t.Errorf("the HTTP panic is not logged with the request id")
	}
}

func TestRequestIDIsGeneratedWhenAbsentOrMalformed(t *testing.T) {
	ts := newTestServer(t, server.DefaultConfig(), sampleStore(t))
	ids := map[string]bool{}
	for _, given := range []string{"", "bad id\twith spaces", strings.Repeat("x", 200)} {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/healthz", nil)
		if given != "" {
			req.Header.Set(server.RequestIDHeader, given)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		id := resp.Header.Get(server.RequestIDHeader)
		if id == "" || id == given || ids[id] {
			t.Errorf("given %q, got id %q", given, id)
		}
		ids[id] = true
	}
}

func TestStoreTimeoutAnswersUnavailableWithoutHanging(t *testing.T) {
	store := sampleStore(t)
	store.search = func(ctx context.Context) error {
		<-ctx.Done() // a store honouring its context
		return kg.WrapError(kg.Unavailable, ctx.Err(), "store: request timed out")
	}
	cfg := server.DefaultConfig()
	cfg.Timeout = 200 * time.Millisecond
	ts := newTestServer(t, cfg, store)
	start := time.Now()
	r := ts.post(t, rtesQuery, nil)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("answered after %s", elapsed)
	}
	if len(r.Errors) != 1 || r.code() != "unavailable" {
		t.Fatalf("status %d errors %+v", r.status, r.Errors)
	}
}

func TestStoreIgnoringItsContextIsCutByTheBackstop(t *testing.T) {
	store := sampleStore(t)
	release := make(chan struct{})
	defer close(release)
	store.search = func(context.Context) error { <-release; return nil }
	cfg := server.DefaultConfig()
	cfg.Timeout = 100 * time.Millisecond
	ts := newTestServer(t, cfg, store)
	start := time.Now()
	r := ts.post(t, rtesQuery, nil)
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("answered after %s", elapsed)
	}
	if r.status != http.StatusServiceUnavailable || r.code() != "unavailable" || r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d type %q errors %+v", r.status, r.header.Get("Content-Type"), r.Errors)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	store := sampleStore(t)
	ts := newTestServer(t, server.DefaultConfig(), store)
	check := func(path string, want int) string {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: status %d type %q, want %d", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
		return string(body)
	}
	check("/healthz", http.StatusOK)
	check("/readyz", http.StatusOK)
	store.ping = kg.Errorf(kg.Unavailable, "neo4j at bolt://db:7687 unreachable")
	if body := check("/readyz", http.StatusServiceUnavailable); !strings.Contains(body, "unavailable") || !strings.Contains(body, "unreachable") {
		t.Errorf("/readyz body %s", body)
	}
	check("/healthz", http.StatusOK) // the process is still up
}

func TestAPIKeysGateMutations(t *testing.T) {
	const del = `mutation { deleteArticle(id: "article:741c982d8de1") }`
	ts := newTestServer(t, withKeys("key-one", "key-two"), sampleStore(t))

	if r := ts.post(t, del, nil); r.code() != "unauthorized" {
		t.Errorf("no key: status %d errors %+v, want unauthorized", r.status, r.Errors)
	}
	if r := ts.post(t, rtesQuery, nil); len(r.Errors) > 0 {
		t.Errorf("queries need no key: %+v", r.Errors)
	}
	for _, h := range []map[string]string{{"Authorization": "Bearer wrong"}, {"X-API-Key": "key-three"}, {"Authorization": "Basic a2V5LW9uZQ=="}} {
		r := ts.post(t, rtesQuery, h)
		if r.status != http.StatusUnauthorized || r.code() != "unauthorized" {
			t.Errorf("%v: status %d errors %+v", h, r.status, r.Errors)
		}
	}
	r := ts.post(t, del, map[string]string{"X-API-Key": "key-two"})
	if r.status != http.StatusOK || len(r.Errors) > 0 || !strings.Contains(string(r.Data), "true") {
		t.Fatalf("valid key: status %d data %s errors %+v", r.status, r.Data, r.Errors)
	}
	r = ts.post(t, del, map[string]string{"Authorization": "Bearer key-one"})
	if r.code() != "not_found" {
		t.Errorf("deleting again: errors %+v, want not_found", r.Errors)
	}
}

func TestMetricsCountOperationsAndStoreErrors(t *testing.T) {
	store := sampleStore(t)
	ts := newTestServer(t, server.DefaultConfig(), store)
	ts.post(t, rtesQuery, nil)
	ts.post(t, deepQuery(3), nil)
	store.search = func(context.Context) error { return kg.Errorf(kg.Unavailable, "down") }
	ts.post(t, rtesQuery, nil)

	resp, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`maillage_graphql_operations_total{operation="FindNetwork",outcome="ok",type="query"} 1`,
		`maillage_graphql_operations_total{operation="FindNetwork",outcome="error",type="query"} 1`,
		`maillage_graphql_operations_total{operation="anonymous",outcome="rejected",type="query"} 1`,
		`maillage_store_errors_total{code="unavailable",method="Search"} 1`,
		`maillage_http_requests_total{code="422",method="POST",route="/graphql"} 1`,
		`maillage_graphql_operation_duration_seconds_count{operation="FindNetwork",type="query"} 2`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func TestGraphiQLPageLoadsOnlyEmbeddedAssets(t *testing.T) {
	ts := newTestServer(t, server.DefaultConfig(), sampleStore(t))
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Fatalf("page: status %d headers %v", resp.StatusCode, resp.Header)
	}
	// The query GraphiQL shows first runs on the sample.
	m := regexp.MustCompile(`data-default-query="([^"]*)"`).FindSubmatch(page)
	if m == nil {
		t.Fatal("the page has no default query")
	}
	if r := ts.post(t, html.UnescapeString(string(m[1])), nil); len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"org:rtes"`) {
		t.Errorf("the default query: data %s errors %+v", r.Data, r.Errors)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(page), -1)
	if len(refs) != 6 {
		t.Fatalf("page references %d files, want 6 (2 style sheets, 4 scripts): %q", len(refs), refs)
	}
	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	for _, m := range refs {
		ref := strings.ReplaceAll(m[1], "&amp;", "&")
		if strings.Contains(ref, "//") || !strings.HasPrefix(ref, "assets/") {
			t.Errorf("page loads %q, not an embedded asset", ref)
			continue
		}
		for _, gz := range []bool{false, true} {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+"/"+ref, nil)
			if gz {
				req.Header.Set("Accept-Encoding", "gzip")
			} else {
				req.Header.Set("Accept-Encoding", "identity")
			}
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			ext := ref[strings.LastIndexByte(strings.Split(ref, "?")[0], '.'):strings.IndexByte(ref, '?')]
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != types[ext] || len(body) == 0 ||
				resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || resp.Header.Get("ETag") == "" {
				t.Errorf("%s (gzip %v): status %d headers %v", ref, gz, resp.StatusCode, resp.Header)
			}
			if gz != (resp.Header.Get("Content-Encoding") == "gzip") {
				t.Errorf("%s: gzip asked %v, Content-Encoding %q", ref, gz, resp.Header.Get("Content-Encoding"))
			}
			// A revalidation with the ETag is answered 304.
			req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
			again, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			again.Body.Close()
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("%s: revalidation answered %d", ref, again.StatusCode)
			}
		}
	}
	for _, path := range []string{"/assets/nope.js", "/nope"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", path, resp.StatusCode)
		}
	}
}

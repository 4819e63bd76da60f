package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

// lockedBuffer is an io.Writer the command writes to while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var listeningLine = regexp.MustCompile(`Maillage listening on (http://127\.0\.0\.1:\d+/) \(GraphiQL\) — GraphQL at /graphql`)

// serving is one "maillage serve" started by run in the background.
type serving struct {
	url            string
	stdout, stderr *lockedBuffer
	cancel         context.CancelFunc
	done           chan error
}

// startServe runs "maillage serve" on a free port of 127.0.0.1 over the
// embedded store in dir, and waits for the URL it prints.
func startServe(t *testing.T, dir string, env map[string]string, extra ...string) *serving {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{stdout: &lockedBuffer{}, stderr: &lockedBuffer{}, cancel: cancel, done: make(chan error, 1)}
	args := append([]string{"maillage", "serve", "--addr", "127.0.0.1:0", "--data", dir}, extra...)
	getenv := func(k string) string { return env[k] }
	go func() { s.done <- run(ctx, args, getenv, s.stdout, s.stderr) }()
	deadline := time.After(10 * time.Second)
	for {
		if m := listeningLine.FindStringSubmatch(s.stdout.String()); m != nil {
			s.url = m[1]
			break
		}
		select {
		case err := <-s.done:
			cancel()
			t.Fatalf("serve stopped before listening: %v\nstderr:\n%s", err, s.stderr.String())
		case <-deadline:
			cancel()
			t.Fatalf("serve printed no URL within 10s; stdout %q\nstderr:\n%s", s.stdout.String(), s.stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop cancels the command's context (as SIGINT does) and waits for run to
// return.
func (s *serving) stop(t *testing.T) {
	t.Helper()
	if s.cancel == nil {
		return
	}
	s.cancel()
	s.cancel = nil
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown\nstderr:\n%s", err, s.stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not return within 20s of the shutdown signal")
	}
}

// query posts a GraphQL query and decodes the data into out.
func (s *serving) query(t *testing.T, q string, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": q})
	resp, err := http.Post(s.url+"graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r struct {
		Data   json.RawMessage `json:"data"`
		Errors []any           `json:"errors"`
	}
	if err := json.Unmarshal(raw, &r); err != nil || resp.StatusCode != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("query %s: status %d body %s", q, resp.StatusCode, raw)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		t.Fatal(err)
	}
}

type statsData struct {
	Stats struct {
		Articles       int `json:"articles"`
		Entities       int `json:"entities"`
		Relations      int `json:"relations"`
		Mentions       int `json:"mentions"`
		EntitiesByType []struct {
			Type  string `json:"type"`
			Count int    `json:"count"`
		} `json:"entitiesByType"`
	} `json:"stats"`
}

const statsQuery = `{ stats { articles entities relations mentions entitiesByType { type count } } }`

func TestServeLoadsTheSampleOnFirstStartAndNotAgainOnRestart(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, dir, nil)

	var found struct {
		Search struct {
			Edges []struct {
				Node struct{ ID, Name string } `json:"node"`
			} `json:"edges"`
		} `json:"search"`
	}
	s.query(t, `{ search(query: "rtes") { edges { node { id name } } } }`, &found)
	if len(found.Search.Edges) == 0 || found.Search.Edges[0].Node.ID != "org:rtes" {
		t.Fatalf("search rtes found %+v, want the network org:rtes first", found.Search.Edges)
	}
	var first statsData
	s.query(t, statsQuery, &first)
	if first.Stats.Articles != 1 {
		t.Fatalf("after first start: %d articles, want the sample's 1", first.Stats.Articles)
	}
	territories := 0
	for _, c := range first.Stats.EntitiesByType {
		if c.Type == "TERRITORY" || strings.EqualFold(c.Type, "territory") {
			territories = c.Count
		}
	}
	if territories != 120 {
		t.Errorf("after first start: %d territories, want France, 18 regions and 101 departments", territories)
	}
	s.stop(t)

	again := startServe(t, dir, nil)
	var second statsData
	again.query(t, statsQuery, &second)
	if fmt.Sprint(second) != fmt.Sprint(first) {
		t.Errorf("restart changed the store:\nfirst  %+v\nsecond %+v", first, second)
	}
	again.stop(t)

	// run returned, so the store is closed: it opens again here.
	st, err := memstore.Open(dir)
	if err != nil {
		t.Fatalf("store not released after shutdown: %v", err)
	}
	st.Close()
}

func TestServeWithoutSampleLoadsOnlyTheReference(t *testing.T) {
	s := startServe(t, t.TempDir(), map[string]string{"MAILLAGE_SAMPLE": "false"})
	var st statsData
	s.query(t, statsQuery, &st)
	byType := map[string]int{}
	for _, c := range st.Stats.EntitiesByType {
		byType[c.Type] = c.Count
	}
	x, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	themes := len(x.ThemeReference().Entities)
	if st.Stats.Articles != 0 || byType["TERRITORY"] != 120 || byType["THEME"] != themes || st.Stats.Entities != 120+themes {
		t.Errorf("with MAILLAGE_SAMPLE=false: %d articles, %v; want 0 and only the 120 reference territories and the %d themes of the vocabulary", st.Stats.Articles, byType, themes)
	}
}

func TestServeDrainsInFlightRequestsOnShutdown(t *testing.T) {
	s := startServe(t, t.TempDir(), nil)
	// Hold a connection open with a request whose body arrives slowly,
	// then signal shutdown while it is in flight: it must still complete.
	pr, pw := io.Pipe()
	result := make(chan error, 1)
	go func() {
		resp, err := http.Post(s.url+"graphql", "application/json", pr)
		if err == nil {
			var r struct{ Data statsData }
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err = json.Unmarshal(raw, &r.Data); err == nil && resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("status %d: %s", resp.StatusCode, raw)
			}
		}
		result <- err
	}()
	body, _ := json.Marshal(map[string]string{"query": statsQuery})
	if _, err := pw.Write(body[:10]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // the request is now being read by the server
	cancel := s.cancel
	s.cancel = nil
	cancel()
	time.Sleep(100 * time.Millisecond) // shutdown has begun and is waiting for us
	if _, err := pw.Write(body[10:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	select {
	case err := <-result:
		if err != nil {
			t.Fatalf("the in-flight request failed during shutdown: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the in-flight request did not complete")
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after draining")
	}
	// New connections are refused once shut down.
	if _, err := http.Get(s.url + "healthz"); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

func TestServeRejectsBadConfiguration(t *testing.T) {
	cases := map[string]struct {
		args []string
		env  map[string]string
		want string
	}{
		"bad env int":       {nil, map[string]string{"MAILLAGE_MAX_DEPTH": "deep"}, `MAILLAGE_MAX_DEPTH="deep": want an integer`},
		"bad env bool":      {nil, map[string]string{"MAILLAGE_INTROSPECTION": "perhaps"}, `MAILLAGE_INTROSPECTION="perhaps": want true or false`},
		"bad log format":    {[]string{"--log-format", "xml"}, nil, `--log-format: unknown format "xml"`},
		"bad reference":     {[]string{"--reference", "cantons"}, nil, `--reference: unknown value "cantons"`},
		"zero depth":        {[]string{"--max-depth", "0"}, nil, "max depth must be positive"},
		"credentials + any": {[]string{"--cors-credentials"}, nil, "CORS credentials need an explicit list of origins"},
		"extra argument":    {[]string{"now"}, nil, "serve takes no arguments"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			args := append([]string{"maillage", "serve", "--addr", "127.0.0.1:0", "--data", t.TempDir()}, c.args...)
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), args, func(k string) string { return c.env[k] }, &stdout, &stderr)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
			if strings.Contains(stdout.String(), "listening") {
				t.Error("it started listening anyway")
			}
		})
	}
}

func TestServeReportsAStoreHeldByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	held, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	var stdout, stderr bytes.Buffer
	err = run(context.Background(), []string{"maillage", "serve", "--addr", "127.0.0.1:0", "--data", dir}, func(string) string { return "" }, &stdout, &stderr)
	var kerr *kg.Error
	if !errors.As(err, &kerr) || kerr.Code != kg.Unavailable {
		t.Fatalf("got %v, want an unavailable error", err)
	}
}

func TestServeFlagsAndEnvironmentSetTheConfiguration(t *testing.T) {
	vars := map[string]string{
		"MAILLAGE_ADDR":           "127.0.0.1:9999",
		"MAILLAGE_CORS_ORIGINS":   "https://a.example, https://b.example",
		"MAILLAGE_INTROSPECTION":  "false",
		"MAILLAGE_MAX_COMPLEXITY": "777",
		"MAILLAGE_TIMEOUT":        "3s",
		"MAILLAGE_API_KEYS":       "k1, k2,",
	}
	e := &env{getenv: func(k string) string { return vars[k] }, stdout: io.Discard, stderr: io.Discard}
	// Flags win over the environment.
	f, err := parseServeFlags(e, []string{"--max-depth", "7", "--timeout", "250ms", "--cors-credentials"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.serverConfig(e)
	if f.addr != "127.0.0.1:9999" || cfg.Introspection || cfg.MaxComplexity != 777 || cfg.MaxDepth != 7 ||
		cfg.Timeout != 250*time.Millisecond || !cfg.CORSCredentials ||
		fmt.Sprint(cfg.CORSOrigins) != "[https://a.example https://b.example]" || fmt.Sprint(cfg.APIKeys) != "[k1 k2]" {
		t.Errorf("addr %q config %+v", f.addr, cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	f, err = parseServeFlags(&env{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: io.Discard}, []string{"--no-introspection"})
	if err != nil || f.serverConfig(e).Introspection {
		t.Errorf("--no-introspection left introspection on (err %v)", err)
	}
}

func TestServeIngestsAnArticleThroughTheMutationWithAnAPIKey(t *testing.T) {
	s := startServe(t, t.TempDir(), map[string]string{"MAILLAGE_API_KEYS": "k1,k2"})
	text := "La coopérative Les Jardins du Partage a ouvert un tiers-lieu à Roubaix le 3 juin 2024. " +
		"Marie Durand, présidente des Jardins du Partage, a présenté le projet."
	vars, _ := json.Marshal(map[string]any{"in": map[string]any{"text": text, "url": "https://exemple.fr/jardins", "publishedAt": "2024-06-04"}})
	mutation := `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { article { id publishedAt entities(first: 50) { edges { node { __typename name } } } } } }`
	post := func(key string) (int, string) {
		body, _ := json.Marshal(map[string]any{"query": mutation, "variables": json.RawMessage(vars)})
		req, _ := http.NewRequest(http.MethodPost, s.url+"graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(raw)
	}
	if _, body := post(""); !strings.Contains(body, `"unauthorized"`) {
		t.Errorf("mutation without a key: %s", body)
	}
	status, body := post("k2")
	if status != http.StatusOK || strings.Contains(body, `"errors"`) {
		t.Fatalf("mutation with a key: %d %s", status, body)
	}
	for _, want := range []string{`"publishedAt":"2024-06-04"`, `"name":"Roubaix"`, `"name":"Marie Durand"`} {
		if !strings.Contains(body, want) {
			t.Errorf("ingested article lacks %s: %s", want, body)
		}
	}
	var found struct {
		Search struct{ TotalCount int } `json:"search"`
	}
	s.query(t, `{ search(query: "marie durand", types: [PERSON]) { totalCount } }`, &found)
	if found.Search.TotalCount != 1 {
		t.Errorf("the ingested person is not searchable: %d hits", found.Search.TotalCount)
	}
}

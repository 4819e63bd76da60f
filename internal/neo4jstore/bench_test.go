package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/maillage/maillage/internal/bench"
	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
	"github.com/maillage/maillage/internal/server"
)

// Benchmarks against the Neo4j at NEO4J_URI holding the 10,000-article
// generated corpus (internal/gen, seed 1), loaded once, in batches of
// benchLoadBatch, unless the database already holds it (checked by
// content hashes): the read benchmarks can be run again without reloading.
// BenchmarkUpsert empties the database; run it apart.
const (
	benchArticles  = 10_000
	benchSeed      = 1
	benchLoadBatch = 500
)

// bigData is the loaded store and what the queries ask about.
var bigData struct {
	once   sync.Once
	err    error
	store  *neo4jstore.Store
	picks  bench.Picks
	loaded string // how the data got there, for the logs
}

func benchStore(b *testing.B) (*neo4jstore.Store, bench.Picks) {
	b.Helper()
	s := shared(b)
	bigData.once.Do(func() {
		bigData.store = s
		bigData.loaded, bigData.err = ensureCorpus(s)
		if bigData.err == nil {
			bigData.picks, bigData.err = bench.Choose(context.Background(), s)
		}
	})
	if bigData.err != nil {
		b.Fatal(bigData.err)
	}
	b.Logf("corpus: %s; %s", bigData.loaded, bigData.picks)
	return bigData.store, bigData.picks
}

// ensureCorpus loads the corpus unless the database holds it already.
func ensureCorpus(s *neo4jstore.Store) (string, error) {
	ctx := context.Background()
	c, err := gen.New(gen.Config{Articles: benchArticles, Seed: benchSeed})
	if err != nil {
		return "", err
	}
	st, err := s.Stats(ctx)
	if err != nil {
		return "", err
	}
	if st.Articles == benchArticles {
		probe := map[kg.ID]string{}
		var ids []kg.ID
		for _, i := range []int{0, benchArticles / 2, benchArticles - 1} {
			a := c.Article(i).Graph.Article
			probe[a.ID] = a.ContentHash
			ids = append(ids, a.ID)
		}
		got, err := s.ArticleHashes(ctx, ids)
		if err != nil {
			return "", err
		}
		same := true
		for id, h := range probe {
			same = same && got[id] == h
		}
		if same {
			return fmt.Sprintf("already in the database (%d articles)", st.Articles), nil
		}
	}
	if err := neo4jstore.Wipe(ctx, s); err != nil {
		return "", err
	}
	start := time.Now()
	if err := s.LoadReference(ctx, c.Reference()); err != nil {
		return "", err
	}
	var batch []kg.ArticleGraph
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := s.UpsertArticles(ctx, batch); err != nil {
			return err
		}
		n += len(batch)
		batch = batch[:0]
		return nil
	}
	for it := range c.Items(ctx) {
		batch = append(batch, it.Graph)
		if len(batch) == benchLoadBatch {
			if err := flush(); err != nil {
				return "", err
			}
		}
	}
	if err := flush(); err != nil {
		return "", err
	}
	d := time.Since(start)
	st, err = s.Stats(ctx)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("loaded %d articles in batches of %d in %v (%.0f articles/s): %+v", n, benchLoadBatch, d.Round(time.Second), float64(n)/d.Seconds(), st), nil
}

// benchQuery is one of the backbone's five representative queries (the
// GraphQL of internal/bench, shared), and the same data fetched with one
// hand-written Cypher statement through the driver alone.
type benchQuery struct {
	name   string
	gql    string
	cypher string
	vars   func(p bench.Picks) map[string]any
}

var benchQueries = []benchQuery{
	{name: "a-entity-top", gql: bench.EntityGQL, cypher: entityCypher, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": string(p.TopOrg.ID)} }},
	{name: "a-entity-mid", gql: bench.EntityGQL, cypher: entityCypher, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": string(p.MidOrg.ID)} }},
	{name: "b-search-broad", gql: bench.SearchGQL, cypher: searchCypher, vars: func(bench.Picks) map[string]any { return map[string]any{"q": bench.BroadSearch} }},
	{name: "b-search-name", gql: bench.SearchGQL, cypher: searchCypher, vars: func(p bench.Picks) map[string]any { return map[string]any{"q": p.NameSearch} }},
	{name: "c-region-initiatives", gql: bench.RegionGQL, cypher: regionCypher, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": string(p.Region.ID)} }},
	{name: "d-article-entities", gql: bench.ArticleGQL, cypher: articleCypher, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": string(p.Article.ID)} }},
	{name: "e-nested-list", gql: bench.NestedGQL, cypher: nestedCypher, vars: func(bench.Picks) map[string]any { return map[string]any{} }},
}

// (a) An organization with its first 20 relations (the other end of each)
// and its territories.
const entityCypher = `
MATCH (o:Organization {id: $id})
RETURN o {.id, .name, .kind, .acronym, .aliases, .mentionCount, .articleCount, .firstMentioned, .lastMentioned} AS organization,
  COUNT { (o)-[]-(:Entity) } AS relationCount,
  COLLECT { MATCH (o)-[r]-(x:Entity)
            WITH r, x ORDER BY type(r) + "|" + startNode(r).id + "|" + endNode(r).id + "|" + r.roleKey LIMIT 20
            RETURN {type: type(r), from: startNode(r).id, roles: r.roles, evidence: r.evidence, other: x {.id, .name, .type}} } AS relations,
  COLLECT { MATCH (o)-[:LOCATED_IN|GOVERNS|HELD_AT]->(t:Territory)
            RETURN t {.id, .name, .kind, .code} ORDER BY t.sortName } AS territories`

// (b) The first 20 hits of a search, ranked as kg.MatchRank.
const searchCypher = `
CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node AS e
WITH e, [n IN e.foldedNames |
  CASE WHEN n = $text THEN 0 WHEN n STARTS WITH $text THEN 1 WHEN n CONTAINS $text THEN 2
       WHEN all(q IN $words WHERE any(w IN split(n, ' ') WHERE w STARTS WITH q)) THEN 2 ELSE 3 END] AS ranks
WITH e, ranks, reduce(b = 0, i IN range(0, size(ranks) - 1) | CASE WHEN ranks[i] < ranks[b] THEN i ELSE b END) AS best
WHERE ranks[best] < 3
WITH e, ranks[best] AS rank, e.names[best] AS matched ORDER BY rank, e.mentionCount DESC, e.sortName, e.id
WITH collect({rank: rank, matched: matched, e: e}) AS hits
RETURN size(hits) AS total, [h IN hits[0..20] | {rank: h.rank, matched: h.matched, id: h.e.id, name: h.e.name, type: h.e.type, mentionCount: h.e.mentionCount}] AS page`

// (c) A region, its first 20 children, and the 20 most mentioned
// initiatives placed in it or anywhere below it, with their territories.
const regionCypher = `
MATCH (t:Territory {id: $id})
CALL (t) {
  MATCH (t)<-[:PART_OF*0..]-(:Territory)<-[:LOCATED_IN]-(i:Initiative)
  WITH DISTINCT i
  ORDER BY i.mentionCount DESC, i.id
  WITH collect(i) AS inits
  RETURN size(inits) AS initiativeCount,
    [i IN inits[0..20] | i {.id, .name, .kind, .mentionCount, territories: [(i)-[:LOCATED_IN]->(p:Territory) | p {.id, .name}]}] AS initiatives
}
RETURN t {.id, .name, .kind, .code} AS territory,
  COUNT { (t)<-[:PART_OF]-(:Territory) } AS childCount,
  COLLECT { MATCH (t)<-[:PART_OF]-(c:Territory) RETURN c {.id, .name, .code} ORDER BY c.sortName, c.id LIMIT 20 } AS children,
  initiativeCount, initiatives`

// (d) An article with its text and themes, and the first 50 entities it
// names with where it names them.
const articleCypher = `
MATCH (a:Article {id: $id})
RETURN a {.id, .url, .title, .publishedAt, .site, .text} AS article,
  [(a)-[:HAS_THEME]->(th:Theme) | th {.id, .name}] AS themes,
  COUNT { (a)-[:MENTIONS]->(:Entity) } AS entityCount,
  COLLECT { MATCH (a)-[m:MENTIONS]->(e:Entity)
            WITH m, e ORDER BY m.starts[0], e.id LIMIT 50
            RETURN {count: m.count, starts: m.starts, ends: m.ends, texts: m.texts, entity: e {.id, .name, .type}} } AS entities`

// (e) The 20 most mentioned organizations × their first 10 relations × the
// other end × its territories.
const nestedCypher = `
CALL () { MATCH (o:Organization) RETURN count(o) AS total }
MATCH (o:Organization) USING INDEX o:Organization(mentionCount) WHERE o.mentionCount IS NOT NULL
WITH total, o ORDER BY o.mentionCount DESC, o.id LIMIT 20
RETURN total, o {.id, .name} AS organization,
  COUNT { (o)-[]-(:Entity) } AS relationCount,
  COLLECT { MATCH (o)-[r]-(x:Entity)
            WITH r, x ORDER BY type(r) + "|" + startNode(r).id + "|" + endNode(r).id + "|" + r.roleKey LIMIT 10
            RETURN {type: type(r), other: x {.id, .name, .type,
              territories: CASE WHEN x:Territory THEN [(x)-[:PART_OF]->(p:Territory) | p {.id, .name}]
                                ELSE [(x)-[:LOCATED_IN|GOVERNS|HELD_AT]->(p:Territory) | p {.id, .name}] END}} } AS relations`

// cypherParams completes a query's parameters for its Cypher statement.
func cypherParams(q benchQuery, p bench.Picks, stop map[string]bool) map[string]any {
	params := q.vars(p)
	if text, ok := params["q"].(string); ok {
		ft := kg.Fold(text)
		var terms []string
		for i, w := range strings.Fields(ft) {
			switch {
			case stop[w]:
			case i == 0:
				terms = append(terms, "+*"+w+"*")
			default:
				terms = append(terms, "+"+w+"*")
			}
		}
		params = map[string]any{"text": ft, "words": strings.Fields(ft), "lucene": strings.Join(terms, " ")}
	}
	return params
}

// ids collects every "id" string of a decoded JSON value or driver record.
func ids(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "id" {
				out[s] = true
			}
			ids(val, out)
		}
	case []any:
		for _, val := range x {
			ids(val, out)
		}
	}
}

// benchDriver opens a driver of its own on the benchmark database.
func benchDriver(b *testing.B) (neo4j.DriverWithContext, string) {
	b.Helper()
	cfg := testConfig(b)
	auth := neo4j.NoAuth()
	if cfg.Password != "" {
		auth = neo4j.BasicAuth(cmpOr(cfg.User, "neo4j"), cfg.Password, "")
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close(context.Background()) })
	return d, cmpOr(cfg.Database, "neo4j")
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// runCypher runs one statement in a managed read transaction and returns
// its records as maps.
func runCypher(ctx context.Context, d neo4j.DriverWithContext, db, stmt string, params map[string]any) ([]map[string]any, error) {
	res, err := neo4j.ExecuteQuery(ctx, d, stmt, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out, nil
}

func postGraphQL(h http.Handler, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var errorsKey = []byte(`"errors"`)

// BenchmarkAPI runs the five queries through the server's HTTP handler in
// process (routing, limits, gqlgen, dataloaders, JSON) over the Neo4j store
// holding 10,000 generated articles. resp-ids is the number of distinct ids
// in the response.
func BenchmarkAPI(b *testing.B) {
	s, p := benchStore(b)
	h, err := server.New(server.DefaultConfig(), s, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			body, _ := json.Marshal(map[string]any{"query": q.gql, "variables": q.vars(p)})
			first := postGraphQL(h, body)
			if first.Code != http.StatusOK || bytes.Contains(first.Body.Bytes(), errorsKey) {
				b.Fatalf("HTTP %d: %.500s", first.Code, first.Body.Bytes())
			}
			var resp any
			_ = json.Unmarshal(first.Body.Bytes(), &resp)
			seen := map[string]bool{}
			ids(resp, seen)
			for b.Loop() {
				rec := postGraphQL(h, body)
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), errorsKey) {
					b.Fatalf("HTTP %d: %.500s", rec.Code, rec.Body.Bytes())
				}
			}
			b.ReportMetric(float64(len(seen)), "resp-ids")
		})
	}
}

// BenchmarkCypher fetches the same data as BenchmarkAPI with one
// hand-written Cypher statement per query, through the driver alone
// (records decoded to Go maps, nothing else): API/Cypher is the overhead of
// the whole API (HTTP, GraphQL, dataloaders, store). Before timing, it
// checks that the statement returns the ids the API returns.
func BenchmarkCypher(b *testing.B) {
	s, p := benchStore(b)
	h, err := server.New(server.DefaultConfig(), s, nil)
	if err != nil {
		b.Fatal(err)
	}
	d, db := benchDriver(b)
	ctx := context.Background()
	stopRecs, err := runCypher(ctx, d, db, "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords WHERE analyzer = 'standard-folding' RETURN stopwords", nil)
	if err != nil || len(stopRecs) != 1 {
		b.Fatalf("stop words: %v", err)
	}
	stop := map[string]bool{}
	for _, w := range stopRecs[0]["stopwords"].([]any) {
		stop[w.(string)] = true
	}
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			params := cypherParams(q, p, stop)
			recs, err := runCypher(ctx, d, db, q.cypher, params)
			if err != nil || len(recs) == 0 {
				b.Fatalf("%d records, %v", len(recs), err)
			}
			got := map[string]bool{}
			for _, r := range recs {
				ids(map[string]any(r), got)
			}
			body, _ := json.Marshal(map[string]any{"query": q.gql, "variables": q.vars(p)})
			var resp any
			_ = json.Unmarshal(postGraphQL(h, body).Body.Bytes(), &resp)
			want := map[string]bool{}
			ids(resp, want)
			if !mapsEqual(got, want) {
				b.Fatalf("the statement fetches other ids than the API:\n Cypher %v\n API    %v", sortedKeys(got), sortedKeys(want))
			}
			for b.Loop() {
				if _, err := runCypher(ctx, d, db, q.cypher, params); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(got)), "resp-ids")
		})
	}
}

func mapsEqual(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// BenchmarkUpsert writes the first upsertArticles graphs of the corpus into
// an emptied database (reference data loaded first, untimed) in batches of
// 500 and one article per call (one transaction each). Metrics, from wall
// time: articles/s, entities/s (entity records written, Σ len(Entities))
// and relations/s (relation statements, Σ len(Relations)). It empties the
// database: the read benchmarks reload their corpus afterwards.
func BenchmarkUpsert(b *testing.B) {
	const upsertArticles = 1000
	s := shared(b)
	c, err := gen.New(gen.Config{Articles: benchArticles, Seed: benchSeed})
	if err != nil {
		b.Fatal(err)
	}
	ref := c.Reference()
	var graphs []kg.ArticleGraph
	entities, relations := 0, 0
	for i := range upsertArticles {
		g := c.Article(i).Graph
		graphs = append(graphs, g)
		entities += len(g.Entities)
		relations += len(g.Relations)
	}
	ctx := context.Background()
	for _, batch := range []int{500, 1} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				if err := neo4jstore.Wipe(ctx, s); err != nil {
					b.Fatal(err)
				}
				if err := s.LoadReference(ctx, ref); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				created := 0
				for i := 0; i < len(graphs); i += batch {
					r, err := s.UpsertArticles(ctx, graphs[i:min(i+batch, len(graphs))])
					if err != nil {
						b.Fatal(err)
					}
					created += r.ArticlesCreated
				}
				if created != len(graphs) {
					b.Fatalf("%d articles created, want %d", created, len(graphs))
				}
			}
			secs := b.Elapsed().Seconds()
			b.ReportMetric(float64(len(graphs)*b.N)/secs, "articles/s")
			b.ReportMetric(float64(entities*b.N)/secs, "entities/s")
			b.ReportMetric(float64(relations*b.N)/secs, "relations/s")
		})
	}
	bigData.once = sync.Once{} // the corpus is gone: load it again if asked
}

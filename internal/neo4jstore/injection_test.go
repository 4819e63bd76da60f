package neo4jstore_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/storetest"
)

// payloads are strings that would change a query built by concatenation:
// quotes, backticks, braces, backslashes, Cypher and Lucene fragments.
var payloads = []string{
	`'`, `"`, "`", `}`, `{`, `\`, `\'`, `' OR 1=1 //`, `"}) RETURN 1 AS x //`,
	"`}) DETACH DELETE n //", `'}) MATCH (n) DETACH DELETE n RETURN n //`,
	"x` RETURN 1 UNION MATCH (n) RETURN n //", `$ids`, `*:*`, `+* -loups`, `loups" OR "`,
	`RETURN`, `MATCH (n) RETURN n`, "loups'}) RETURN e //",
}

// loadedPair returns the Neo4j store and an embedded store holding the
// same data: the conformance corpus and an article whose names, title,
// text, kinds and roles are the payloads.
func loadedPair(t *testing.T) (neo kg.Store, mem kg.Store, c *storetest.Corpus, names kg.ArticleGraph) {
	t.Helper()
	neo = freshStore(t)
	m, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	c = storetest.NewCorpus()
	names = payloadArticle()
	for _, s := range []kg.Store{neo, m} {
		if err := s.LoadReference(t.Context(), c.Reference); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpsertArticles(t.Context(), append(c.Graphs, names)); err != nil {
			t.Fatal(err)
		}
	}
	return neo, m, c, names
}

func payloadArticle() kg.ArticleGraph {
	text := strings.Join(payloads, " ")
	aid := kg.ArticleID("https://exemple.example/injection", "")
	g := kg.ArticleGraph{Article: kg.Article{ID: aid, URL: "https://exemple.example/injection?q='}", Title: "Titre " + text,
		Text: text, PublishedAt: "2024-02-02", Site: "exemple.example", Themes: payloads, Links: payloads}}
	start := 0
	for i, p := range payloads {
		n := len([]rune(p))
		org := kg.ID(fmt.Sprintf("org:injection-%02d", i))
		g.Entities = append(g.Entities, kg.Entity{ID: org, Type: kg.TypeOrganization, Name: "Association " + p,
			Aliases: []string{p + " alias"}, Kind: p, Acronym: p})
		g.Mentions = append(g.Mentions, kg.Mention{ArticleID: aid, EntityID: org, Spans: []kg.Span{{Start: start, End: start + n, Text: p}}})
		if i > 0 {
			g.Relations = append(g.Relations, kg.Relation{Type: kg.PartnerOf, From: org, To: "org:injection-00", Role: p,
				Provenance: []kg.Evidence{{ArticleID: aid, Sentence: p, Start: start, End: start + n, Extractor: p}}})
		}
		start += n + 1
	}
	return g
}

// outcome is a call's result in comparable form: its value, or its error
// code.
func outcome(v any, err error) string {
	if err != nil {
		return "error " + string(kg.ErrorCode(err))
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestInjectionThroughTheStore: every string argument of every Store
// method, fed with quotes, backticks, braces and Cypher fragments, gives
// what the embedded store gives (mostly nothing), and changes nothing.
func TestInjectionThroughTheStore(t *testing.T) {
	neo, mem, c, names := loadedPair(t)
	var ids, aids []kg.ID
	for _, e := range names.Entities {
		ids = append(ids, e.ID)
	}
	ids = append(ids, c.IDs("rness", "creche", "qpv-A")...)
	aids = append(aids, names.Article.ID, c.ID("A1"))
	before := snapshot(t, neo, ids, aids)
	if want := snapshot(t, mem, ids, aids); before != want {
		t.Fatalf("the stores differ before the test")
	}

	ctx := t.Context()
	calls := map[string]func(s kg.Store, p string) string{
		"Entities": func(s kg.Store, p string) string {
			return outcome(s.Entities(ctx, []kg.ID{kg.ID(p), kg.ID("org:" + p), kg.ID("org:injection-00" + p)}))
		},
		"Articles": func(s kg.Store, p string) string {
			return outcome(s.Articles(ctx, []kg.ID{kg.ID("article:" + p), kg.ID(p)}))
		},
		"ArticleHashes": func(s kg.Store, p string) string {
			return outcome(s.ArticleHashes(ctx, []kg.ID{kg.ID("article:" + p)}))
		},
		"RelationsOf": func(s kg.Store, p string) string {
			return outcome(s.RelationsOf(ctx, []kg.ID{kg.ID("org:" + p), "org:injection-00"}, kg.RelationQuery{}))
		},
		"RelationsOfType": func(s kg.Store, p string) string {
			return outcome(s.RelationsOf(ctx, []kg.ID{"org:injection-00"}, kg.RelationQuery{Types: []kg.RelationType{kg.RelationType(p)}}))
		},
		"RelationsOfDirection": func(s kg.Store, p string) string {
			return outcome(s.RelationsOf(ctx, []kg.ID{"org:injection-00"}, kg.RelationQuery{Direction: kg.Direction(p)}))
		},
		"MentionsOf": func(s kg.Store, p string) string { return outcome(s.MentionsOf(ctx, []kg.ID{kg.ID("org:" + p)})) },
		"MentionsIn": func(s kg.Store, p string) string { return outcome(s.MentionsIn(ctx, []kg.ID{kg.ID("article:" + p)})) },
		"CoMentioned": func(s kg.Store, p string) string {
			return outcome(s.CoMentioned(ctx, []kg.ID{kg.ID("org:" + p)}, kg.CoMentionQuery{Types: []kg.EntityType{kg.EntityType(p)}}))
		},
		"DeleteArticle": func(s kg.Store, p string) string { return outcome(nil, s.DeleteArticle(ctx, kg.ID("article:"+p))) },
		"ListEntitiesText": func(s kg.Store, p string) string {
			return outcome(s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization, Text: p}, kg.EntityOrder{}, kg.PageRequest{First: 50}))
		},
		"ListEntitiesKinds": func(s kg.Store, p string) string {
			return outcome(s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization, Kinds: []string{p}}, kg.EntityOrder{}, kg.PageRequest{First: 50}))
		},
		"ListEntitiesIDs": func(s kg.Store, p string) string {
			f := kg.EntityFilter{Type: kg.TypeOrganization, Themes: []kg.ID{kg.ID("theme:" + p)}, Territory: kg.ID("territory:" + p),
				PartOf: kg.ID("org:" + p), MentionedIn: kg.ID("article:" + p), IncludeDescendants: true}
			return outcome(s.ListEntities(ctx, f, kg.EntityOrder{}, kg.PageRequest{First: 50}))
		},
		"ListEntitiesType": func(s kg.Store, p string) string {
			return outcome(s.ListEntities(ctx, kg.EntityFilter{Type: kg.EntityType(p)}, kg.EntityOrder{Field: kg.EntitySortField(p)}, kg.PageRequest{First: 5}))
		},
		"ListEntitiesCursor": func(s kg.Store, p string) string {
			after := kg.EncodeCursor("entities/Organization/NAME/ASC", p, p)
			return outcome(s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 50, After: after}))
		},
		"ListEntitiesRawCursor": func(s kg.Store, p string) string {
			return outcome(s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 5, After: p}))
		},
		"ListArticles": func(s kg.Store, p string) string {
			return outcome(s.ListArticles(ctx, kg.ArticleFilter{Text: p}, kg.ArticleOrder{}, kg.PageRequest{First: 50}))
		},
		"ListArticlesSite": func(s kg.Store, p string) string {
			return outcome(s.ListArticles(ctx, kg.ArticleFilter{Site: p}, kg.ArticleOrder{}, kg.PageRequest{First: 50}))
		},
		"ListArticlesIDs": func(s kg.Store, p string) string {
			f := kg.ArticleFilter{Mentions: kg.ID("org:" + p), Territory: kg.ID("territory:" + p), Themes: []kg.ID{kg.ID("theme:" + p)}}
			return outcome(s.ListArticles(ctx, f, kg.ArticleOrder{}, kg.PageRequest{First: 50}))
		},
		"ListArticlesCursor": func(s kg.Store, p string) string {
			after := kg.EncodeCursor("articles/TITLE/ASC", p, p)
			return outcome(s.ListArticles(ctx, kg.ArticleFilter{}, kg.ArticleOrder{Field: kg.SortByTitle}, kg.PageRequest{First: 50, After: after}))
		},
		"Search": func(s kg.Store, p string) string {
			return outcome(s.Search(ctx, kg.SearchQuery{Text: p}, kg.PageRequest{First: 50}))
		},
		"SearchWithWord": func(s kg.Store, p string) string {
			return outcome(s.Search(ctx, kg.SearchQuery{Text: "association " + p}, kg.PageRequest{First: 50}))
		},
		"SearchTypes": func(s kg.Store, p string) string {
			return outcome(s.Search(ctx, kg.SearchQuery{Text: "loups", Types: []kg.EntityType{kg.EntityType(p)}}, kg.PageRequest{First: 5}))
		},
		"SearchCursor": func(s kg.Store, p string) string {
			return outcome(s.Search(ctx, kg.SearchQuery{Text: "e"}, kg.PageRequest{First: 50, After: kg.EncodeCursor("search", "1", "0", p, p)}))
		},
	}
	for name, call := range calls {
		for _, p := range payloads {
			got, want := call(neo, p), call(mem, p)
			if got != want {
				t.Errorf("%s(%q):\n neo4j    %.300s\n embedded %.300s", name, p, got, want)
			}
		}
	}
	// The names themselves are stored and found as written.
	for i, p := range payloads {
		id := kg.ID(fmt.Sprintf("org:injection-%02d", i))
		e, err := neo.Entities(ctx, []kg.ID{id})
		if err != nil || e[id].Name != "Association "+p || e[id].Kind != p || e[id].Acronym != p {
			t.Errorf("entity named with %q: %+v, %v", p, e[id], err)
		}
	}
	if after := snapshot(t, neo, ids, aids); after != before {
		t.Errorf("the Neo4j store changed under the calls")
	}
}

// TestInjectionThroughGraphQL: the same payloads, as GraphQL variables and
// as string literals in the query document, give the API over Neo4j the
// answers of the API over the embedded store, and change nothing.
func TestInjectionThroughGraphQL(t *testing.T) {
	neo, mem, c, names := loadedPair(t)
	ids := append([]kg.ID{"org:injection-00"}, c.IDs("rness", "creche")...)
	aids := []kg.ID{names.Article.ID}
	before := snapshot(t, neo, ids, aids)
	servers := map[string]*httptest.Server{}
	for name, s := range map[string]kg.Store{"neo4j": neo, "embedded": mem} {
		h, err := server.New(server.DefaultConfig(), s, nil)
		if err != nil {
			t.Fatal(err)
		}
		servers[name] = httptest.NewServer(h)
		defer servers[name].Close()
	}
	post := func(url string, body map[string]any) string {
		b, _ := json.Marshal(body)
		resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r struct {
			Data   any `json:"data"`
			Errors []struct {
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
			t.Fatalf("HTTP %d, undecodable body: %v", resp.StatusCode, err)
		}
		var codes []string
		for _, e := range r.Errors {
			codes = append(codes, fmt.Sprint(e.Extensions["code"]))
		}
		slices.Sort(codes) // resolvers run concurrently: errors come in any order
		out, _ := json.Marshal([]any{resp.StatusCode, r.Data, codes})
		return string(out)
	}
	withVariables := []string{
		`query($q: String!) { search(query: $q, first: 20) { totalCount edges { cursor node { id name } } } }`,
		`query($q: String!, $id: ID!) { organizations(filter: {text: $q, kinds: [$q], mentionedIn: $id}, first: 20) { totalCount edges { node { id name kind } } } }`,
		`query($q: String!) { organizations(filter: {text: $q}, first: 20) { totalCount edges { node { id name } } } }`,
		`query($q: String!) { organizations(first: 5, after: $q) { totalCount } }`,
		`query($q: String!) { articles(filter: {text: $q, site: $q}, first: 5) { totalCount edges { node { id title } } } }`,
		`query($id: ID!) { node(id: $id) { id } }`,
		`query($id: ID!) { territory(id: $id) { id } }`,
		`query($id: ID!) { organizations(filter: {territory: $id, themes: [$id]}, first: 5) { totalCount } }`,
	}
	for _, p := range payloads {
		for _, vars := range []map[string]any{
			{"q": p, "id": p},
			{"q": "association " + p, "id": "org:" + p},
			{"q": p, "id": "article:" + p},
		} {
			for _, q := range withVariables {
				body := map[string]any{"query": q, "variables": vars}
				if got, want := post(servers["neo4j"].URL, body), post(servers["embedded"].URL, body); got != want {
					t.Errorf("%s with %q:\n neo4j    %.400s\n embedded %.400s", q, vars, got, want)
				}
			}
		}
		lit, _ := json.Marshal(p) // a JSON string is a valid GraphQL string literal
		inline := fmt.Sprintf(`{ search(query: %s, first: 20) { totalCount edges { node { id } } }
  organizations(filter: {text: %s}, first: 20) { totalCount } node(id: %s) { id } }`, lit, lit, lit)
		body := map[string]any{"query": inline}
		if got, want := post(servers["neo4j"].URL, body), post(servers["embedded"].URL, body); got != want {
			t.Errorf("literal %s:\n neo4j    %.400s\n embedded %.400s", lit, got, want)
		}
	}
	if after := snapshot(t, neo, ids, aids); after != before {
		t.Errorf("the Neo4j store changed under the queries")
	}
}

package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
)

// brokenStore is a real store whose some reads fail the way a damaged back
// end would: plain errors and wrapped Internal errors carrying details that
// must not reach clients, an Unavailable error, and a panic.
type brokenStore struct{ kg.Store }

func (brokenStore) ListEntities(context.Context, kg.EntityFilter, kg.EntityOrder, kg.PageRequest) (kg.Page[kg.Entity], error) {
	return kg.Page[kg.Entity]{}, errors.New("bbolt: page 7 checksum mismatch in /var/lib/maillage/secret.db")
}

func (brokenStore) Search(context.Context, kg.SearchQuery, kg.PageRequest) (kg.Page[kg.SearchHit], error) {
	return kg.Page[kg.SearchHit]{}, kg.WrapError(kg.Internal, errors.New("index file /srv/idx truncated"), "search index")
}

func (brokenStore) ListArticles(context.Context, kg.ArticleFilter, kg.ArticleOrder, kg.PageRequest) (kg.Page[kg.Article], error) {
	return kg.Page[kg.Article]{}, kg.WrapError(kg.Unavailable, errors.New("dial tcp 10.0.0.7:7687: connection refused"), "the database is unavailable")
}

func (brokenStore) Stats(context.Context) (kg.Stats, error) {
	panic("stats: nil map in shard 3")
}

func TestInternalErrorsAreMaskedWithARequestID(t *testing.T) {
	e := newEnv(t, brokenStore{openStore(t, corpus(t))}, graph.Options{})
	for _, c := range []struct{ query, secret string }{
		{`{ organizations { totalCount } }`, "checksum mismatch"},
		{`{ search(query: "lille") { totalCount } }`, "/srv/idx"},
	} {
		got, res := e.failing(c.query, nil, "X-Request-Id: req-42")
		expectError(t, got, "internal")
		if got.Message != "internal error" || got.Extensions["requestId"] != "req-42" {
			t.Errorf("%s: %+v", c.query, got)
		}
		if body, _ := json.Marshal(res); strings.Contains(string(body), c.secret) || !strings.Contains(string(body), "internal error") {
			t.Errorf("%s: the response leaks %q: %+v", c.query, c.secret, res)
		}
		if logs := e.logs.String(); !strings.Contains(logs, c.secret) || !strings.Contains(logs, `"requestId":"req-42"`) {
			t.Errorf("the log lacks the real error or the request id:\n%s", logs)
		}
	}

	// Without a request id from the HTTP layer, one is made up and shared
	// by the response and the log.
	got, _ := e.failing(`{ organizations { totalCount } }`, nil)
	id, _ := got.Extensions["requestId"].(string)
	if id == "" || !strings.Contains(e.logs.String(), `"requestId":"`+id+`"`) {
		t.Errorf("generated request id %q not in the log", id)
	}
}

func TestUnavailableErrorsKeepTheirCodeAndHideTheCause(t *testing.T) {
	e := newEnv(t, brokenStore{openStore(t, corpus(t))}, graph.Options{})
	got, _ := e.failing(`{ articles { totalCount } }`, nil)
	expectError(t, got, "unavailable", "the database is unavailable")
	if strings.Contains(got.Message, "10.0.0.7") {
		t.Errorf("the cause leaks: %q", got.Message)
	}
}

func TestPanicsBecomeMaskedInternalErrorsLoggedWithTheStack(t *testing.T) {
	e := newEnv(t, brokenStore{openStore(t, corpus(t))}, graph.Options{})
	got, _ := e.failing(`{ stats { articles } }`, nil, "X-Request-Id: req-panic")
	expectError(t, got, "internal")
	if got.Message != "internal error" || got.Extensions["requestId"] != "req-panic" {
		t.Errorf("panic presented as %+v", got)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "nil map in shard 3") || !strings.Contains(logs, "goroutine") || !strings.Contains(logs, "req-panic") {
		t.Errorf("the panic is not logged with its stack and request id:\n%s", logs)
	}
}

// testIngester stands for the extraction pipeline: it makes a small graph of
// the text (an organization named in it, placed in Lille) and stores it in
// the real store, as the real ingester does.
type testIngester struct {
	store kg.Store
	got   []graph.IngestInput
}

func (ti *testIngester) Ingest(ctx context.Context, in graph.IngestInput) (kg.ID, error) {
	ti.got = append(ti.got, in)
	const name = "Atelier Solidaire"
	at := strings.Index(in.Text, name)
	if at < 0 {
		return "", kg.Errorf(kg.Invalid, "input.text: nothing to extract")
	}
	start := utf8.RuneCountInString(in.Text[:at])
	id := kg.ArticleID(in.URL, in.Text)
	org := kg.Entity{ID: kg.NewEntityID(kg.TypeOrganization, name), Type: kg.TypeOrganization, Name: name, Kind: "association"}
	g := kg.ArticleGraph{
		Article:  kg.Article{ID: id, URL: in.URL, Title: in.Title, PublishedAt: in.PublishedAt, Format: in.Format, Source: "api", Text: in.Text},
		Entities: []kg.Entity{org},
		Mentions: []kg.Mention{{ArticleID: id, EntityID: org.ID, Spans: []kg.Span{{Start: start, End: start + utf8.RuneCountInString(name), Text: name}}}},
		Relations: []kg.Relation{{Type: kg.LocatedIn, From: org.ID, To: lille, Provenance: []kg.Evidence{{
			ArticleID: id, Sentence: in.Text, Start: 0, End: utf8.RuneCountInString(in.Text), Extractor: "test/ingester", Confidence: 0.8}}}},
	}
	if _, err := ti.store.UpsertArticles(ctx, []kg.ArticleGraph{g}); err != nil {
		return "", err
	}
	return id, nil
}

const ingest = `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { article {
  id title publishedAt url format
  entities { edges { count node { id name ... on Organization { territories { id } } } } }
  relations { edges { node { type from { id } to { id } } evidence { extractor } } }
} } }`

func TestMutationsNeedAnAPIKey(t *testing.T) {
	store := openStore(t, corpus(t))
	ing := &testIngester{store: store}
	e := newEnv(t, store, graph.Options{Ingester: ing})
	in := map[string]any{"in": map[string]any{"text": "L'Atelier Solidaire ouvre à Lille."}}

	got, res := e.failing(ingest, in)
	expectError(t, got, "unauthorized", "mutations need an API key: ")
	if string(res.Data) != "null" || len(ing.got) != 0 {
		t.Errorf("an unauthenticated mutation ran: data %s, ingester called %d times", res.Data, len(ing.got))
	}
	got, _ = e.failing(fmt.Sprintf(`mutation { deleteArticle(id: %q) }`, artArras), nil)
	expectError(t, got, "unauthorized", "mutations need an API key: ")
	got, _ = e.failing(`mutation { deleteArticle(id: "article:000000000000") }`, nil, "Authorization: Bearer wrong-key")
	expectError(t, got, "unauthorized")

	var data struct {
		Article *idName `json:"article"`
	}
	e.query(`query($id: ID!) { article: node(id: $id) { id } }`, map[string]any{"id": artArras}, &data)
	if data.Article == nil {
		t.Error("the article was deleted by an unauthenticated caller")
	}
}

func TestIngestArticleWithoutAnIngesterIsUnavailable(t *testing.T) {
	e := corpusEnv(t)
	got, _ := e.failing(ingest, map[string]any{"in": map[string]any{"text": "L'Atelier Solidaire ouvre à Lille."}}, "Authorization: Bearer "+testAPIKey)
	expectError(t, got, "unavailable", "ingestion is not configured")
}

func TestIngestArticleReturnsTheStoredArticleWithItsGraph(t *testing.T) {
	store := openStore(t, corpus(t))
	ing := &testIngester{store: store}
	e := newEnv(t, store, graph.Options{Ingester: ing})
	auth := "Authorization: Bearer " + testAPIKey
	var data struct {
		IngestArticle struct {
			Article struct {
				ID          string `json:"id"`
				Title       string `json:"title"`
				PublishedAt string `json:"publishedAt"`
				URL         string `json:"url"`
				Format      string `json:"format"`
				Entities    struct {
					Edges []struct {
						Count int `json:"count"`
						Node  struct {
							ID          string   `json:"id"`
							Name        string   `json:"name"`
							Territories []idName `json:"territories"`
						} `json:"node"`
					} `json:"edges"`
				} `json:"entities"`
				Relations struct {
					Edges []struct {
						Node struct {
							Type string `json:"type"`
							From idName `json:"from"`
							To   idName `json:"to"`
						} `json:"node"`
						Evidence []struct {
							Extractor string `json:"extractor"`
						} `json:"evidence"`
					} `json:"edges"`
				} `json:"relations"`
			} `json:"article"`
		} `json:"ingestArticle"`
	}
	in := map[string]any{"text": "L'Atelier Solidaire ouvre à Lille.", "url": "https://exemple.fr/atelier", "title": "Un atelier", "publishedAt": "2024-06-01", "format": "text"}
	e.query(ingest, map[string]any{"in": in}, &data, auth)
	a := data.IngestArticle.Article
	if a.ID != string(kg.ArticleID("https://exemple.fr/atelier", "")) || a.Title != "Un atelier" || a.PublishedAt != "2024-06-01" || a.URL != "https://exemple.fr/atelier" || a.Format != "text" {
		t.Errorf("article: %+v", a)
	}
	if len(a.Entities.Edges) != 1 || a.Entities.Edges[0].Node.ID != "org:atelier-solidaire" || a.Entities.Edges[0].Count != 1 ||
		len(a.Entities.Edges[0].Node.Territories) != 1 || a.Entities.Edges[0].Node.Territories[0].ID != string(lille) {
		t.Errorf("entities: %+v", a.Entities)
	}
	if len(a.Relations.Edges) != 1 || a.Relations.Edges[0].Node.Type != "LOCATED_IN" || a.Relations.Edges[0].Evidence[0].Extractor != "test/ingester" {
		t.Errorf("relations: %+v", a.Relations)
	}
	if len(ing.got) != 1 || ing.got[0] != (graph.IngestInput{Text: in["text"].(string), URL: "https://exemple.fr/atelier", Title: "Un atelier", PublishedAt: "2024-06-01", Format: "text"}) {
		t.Errorf("ingester got %+v", ing.got)
	}

	// Bad input is refused with the field named.
	bad := map[string]any{"in": map[string]any{"text": "L'Atelier Solidaire.", "publishedAt": "le 1er juin"}}
	got, _ := e.failing(ingest, bad, auth)
	expectError(t, got, "invalid", "publishedAt: ")
	got, _ = e.failing(ingest, map[string]any{"in": map[string]any{"text": "   "}}, auth)
	expectError(t, got, "invalid", "input.text")
	// The ingester's own errors keep their code.
	got, _ = e.failing(ingest, map[string]any{"in": map[string]any{"text": "Rien à lire ici."}}, auth)
	expectError(t, got, "invalid", "nothing to extract")
}

func TestDeleteArticleRemovesItAndUnknownIDsAreNotFound(t *testing.T) {
	e := corpusEnv(t)
	auth := "Authorization: Bearer " + testAPIKey
	var del struct {
		DeleteArticle bool `json:"deleteArticle"`
	}
	e.query(`mutation($id: ID!) { deleteArticle(id: $id) }`, map[string]any{"id": artArras}, &del, auth)
	if !del.DeleteArticle {
		t.Fatal("deleteArticle returned false")
	}
	got, _ := e.failing(`query($id: ID!) { article(id: $id) { id } }`, map[string]any{"id": artArras})
	expectError(t, got, "not_found", string(artArras))
	// The entities only that article supported are gone; reference territories stay.
	var data struct {
		Chantiers *idName `json:"chantiers"`
		Arras     *idName `json:"arras"`
	}
	e.query(`{ chantiers: node(id: "org:chantiers-d-artois") { id } arras: node(id: "territory:com-62041") { id } }`, nil, &data)
	if data.Chantiers != nil || data.Arras == nil {
		t.Errorf("after delete: %+v", data)
	}
	got, _ = e.failing(`mutation($id: ID!) { deleteArticle(id: $id) }`, map[string]any{"id": artArras}, auth)
	expectError(t, got, "not_found", string(artArras))
	got, _ = e.failing(`mutation { deleteArticle(id: "org:le-fil-rouge") }`, nil, auth)
	expectError(t, got, "invalid", "org:le-fil-rouge")
}

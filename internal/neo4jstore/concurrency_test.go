package neo4jstore_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
)

// sameEntityGraphs returns n articles that all list and mention the same
// new organization, each with an alias of its own and a relation to it.
func sameEntityGraphs(n int) ([]kg.ArticleGraph, kg.ID) {
	org := kg.ID("org:collectif-des-quais")
	var graphs []kg.ArticleGraph
	for i := range n {
		person := kg.ID(fmt.Sprintf("person:benevole-%02d", i))
		text := fmt.Sprintf("Le Collectif des quais accueille la bénévole n°%02d.", i)
		aid := kg.ArticleID(fmt.Sprintf("https://exemple.example/quais/%d", i), "")
		g := kg.ArticleGraph{
			Article: kg.Article{ID: aid, Title: fmt.Sprintf("Brève %d", i), Text: text,
				PublishedAt: kg.Date(fmt.Sprintf("2024-03-%02d", 1+i%28))},
			Entities: []kg.Entity{
				{ID: org, Type: kg.TypeOrganization, Name: "Collectif des quais", Kind: "association",
					Aliases: []string{fmt.Sprintf("Quais %02d", i)}},
				{ID: person, Type: kg.TypePerson, Name: fmt.Sprintf("Bénévole %02d", i)},
			},
			Mentions: []kg.Mention{
				{ArticleID: aid, EntityID: org, Spans: []kg.Span{{Start: 3, End: 22, Text: "Collectif des quais"}}},
				{ArticleID: aid, EntityID: person, Spans: []kg.Span{{Start: 35, End: 47}}},
			},
			Relations: []kg.Relation{{Type: kg.MemberOf, From: person, To: org,
				Provenance: []kg.Evidence{{ArticleID: aid, Sentence: text, Start: 0, End: len([]rune(text)), Extractor: "test"}}}},
		}
		graphs = append(graphs, g)
	}
	return graphs, org
}

// TestConcurrentUpsertsOfOneEntityMakeOneNode runs twelve writers of the
// same new entity at once, on a store that does not retry transient
// failures: the write stripes must keep them from deadlocking at all (a
// retry budget only hides deadlocks until the machine is slow enough).
func TestConcurrentUpsertsOfOneEntityMakeOneNode(t *testing.T) {
	cfg := testConfig(t)
	if err := neo4jstore.Wipe(t.Context(), openShared(t, cfg)); err != nil {
		t.Fatal(err)
	}
	cfg.RetryTime = time.Nanosecond
	s, err := neo4jstore.Open(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	const writers = 12
	graphs, org := sameEntityGraphs(writers)
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	start := make(chan struct{})
	for _, g := range graphs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := s.UpsertArticles(t.Context(), []kg.ArticleGraph{g}); err != nil {
				errs <- err
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent upsert: %v", err)
	}
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities[kg.TypeOrganization] != 1 || st.Entities[kg.TypePerson] != writers || st.Articles != writers {
		t.Errorf("Stats = %+v, want 1 organization, %d persons, %d articles", st, writers, writers)
	}
	p, err := s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 10})
	if err != nil || p.TotalCount != 1 || len(p.Items) != 1 {
		t.Fatalf("organizations listed: %d (total %d), %v; want one", len(p.Items), p.TotalCount, err)
	}
	// No contribution lost: every writer's alias, mention and relation.
	e := p.Items[0]
	var want []string
	for i := range writers {
		want = append(want, fmt.Sprintf("Quais %02d", i))
	}
	if !slices.Equal(e.Aliases, want) {
		t.Errorf("aliases = %q, want every writer's: %q", e.Aliases, want)
	}
	if e.MentionCount != writers || e.ArticleCount != writers {
		t.Errorf("mention count %d in %d articles, want %d in %d", e.MentionCount, e.ArticleCount, writers, writers)
	}
	rels, err := s.RelationsOf(t.Context(), []kg.ID{org}, kg.RelationQuery{Direction: kg.In})
	if err != nil || len(rels[org]) != writers {
		t.Errorf("relations into the organization: %d, %v; want %d", len(rels[org]), err, writers)
	}

	// And the same graph as the articles written one after the other.
	seq := freshStoreOther(t)
	if _, err := seq.UpsertArticles(t.Context(), graphs); err != nil {
		t.Fatal(err)
	}
	got, err := seq.Entities(t.Context(), []kg.ID{org})
	if err != nil {
		t.Fatal(err)
	}
	if g := got[org]; !slices.Equal(g.Aliases, e.Aliases) || g.Name != e.Name || g.MentionCount != e.MentionCount {
		t.Errorf("written in parallel: %+v\nwritten at once: %+v", e, g)
	}
}

// freshStoreOther is freshStore, for a second store in the same test: on a
// single server it wipes the first one, which the caller must not use
// afterwards.
func freshStoreOther(t *testing.T) kg.Store { return freshStore(t) }

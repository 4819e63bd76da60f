package memstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

// variantCorpus is a generated corpus whose popular entities are given in
// several ways: every third article adds one of four aliases to each
// entity it lists, so that an entity has several distinct sources, each
// shared by many articles.
func variantCorpus(t *testing.T, n int) (kg.ReferenceData, []kg.ArticleGraph) {
	t.Helper()
	c, err := gen.New(gen.Config{Articles: n, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	var graphs []kg.ArticleGraph
	for i := range n {
		g := c.Article(i).Graph
		if i%3 == 0 {
			for j := range g.Entities {
				e := &g.Entities[j]
				e.Aliases = append(slices.Clone(e.Aliases), fmt.Sprintf("%s (variante %d)", e.Name, i%4))
			}
		}
		graphs = append(graphs, g)
	}
	return c.Reference(), graphs
}

// relationPagesJSON reads, for each query, the relations of every given
// entity as JSON: pages and unpaged lists, whose order depends on the
// store's ordered adjacency.
func relationPagesJSON(t *testing.T, s kg.Store, ids []kg.ID) []string {
	t.Helper()
	var out []string
	for _, q := range []kg.RelationQuery{{}, {Limit: 1}, {Limit: 3, After: "LOCATED_IN|"}, {Direction: kg.In, Limit: 2}} {
		m, err := s.RelationsOf(context.Background(), ids, q)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.CountRelations(context.Background(), ids, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			b, _ := json.Marshal(m[id])
			out = append(out, fmt.Sprintf("%s %+v (%d): %s", id, q, n[id], b))
		}
	}
	return out
}

// entitiesJSON reads every given entity of s as JSON, by id.
func entitiesJSON(t *testing.T, s kg.Store, ids []kg.ID) map[kg.ID]string {
	t.Helper()
	m, err := s.Entities(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[kg.ID]string{}
	for id, e := range m {
		b, _ := json.Marshal(e)
		out[id] = string(b)
	}
	return out
}

// TestOneByOneWritesDeletesAndReplacementsMergeLikeOneBatch writes a corpus
// whose entities have several distinct sources one article per
// transaction, deletes some articles and replaces others (so that shared
// sources lose the article they were read from), and checks that every
// entity is merged exactly as in a store given the surviving articles in
// one batch, and its relations paged alike, before and after reopening
// (which orders the lists in bulk).
func TestOneByOneWritesDeletesAndReplacementsMergeLikeOneBatch(t *testing.T) {
	ctx := context.Background()
	ref, graphs := variantCorpus(t, 240)
	dir := t.TempDir()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadReference(ctx, ref); err != nil {
		t.Fatal(err)
	}
	for _, g := range graphs {
		if _, err := s.UpsertArticles(ctx, []kg.ArticleGraph{g}); err != nil {
			t.Fatal(err)
		}
	}
	var final []kg.ArticleGraph
	for i, g := range graphs {
		switch {
		case i%5 == 0:
			if err := s.DeleteArticle(ctx, g.Article.ID); err != nil {
				t.Fatal(err)
			}
		case i%7 == 0:
			g.Entities = slices.Clone(g.Entities)
			for j := range g.Entities {
				g.Entities[j].Aliases = append(slices.Clone(g.Entities[j].Aliases), g.Entities[j].Name+" (remplacée)")
			}
			if _, err := s.UpsertArticles(ctx, []kg.ArticleGraph{g}); err != nil {
				t.Fatal(err)
			}
			final = append(final, g)
		default:
			final = append(final, g)
		}
	}
	var ids []kg.ID
	for _, g := range graphs {
		for _, e := range g.Entities {
			ids = append(ids, e.ID)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)

	batch, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer batch.Close()
	if err := batch.LoadReference(ctx, ref); err != nil {
		t.Fatal(err)
	}
	if _, err := batch.UpsertArticles(ctx, final); err != nil {
		t.Fatal(err)
	}
	want := entitiesJSON(t, batch, ids)
	wantRels := relationPagesJSON(t, batch, ids)
	multi := 0
	for _, id := range ids {
		var e kg.Entity
		if err := json.Unmarshal([]byte(want[id]), &e); err == nil && e.ArticleCount > 3 && len(e.Aliases) > 2 {
			multi++
		}
	}
	if multi < 10 {
		t.Fatalf("only %d entities are given in several ways by several articles: the test merges little", multi)
	}
	check := func(when string, s kg.Store) {
		got := entitiesJSON(t, s, ids)
		if len(got) != len(want) {
			t.Errorf("%s: %d entities, want %d", when, len(got), len(want))
		}
		for _, id := range ids {
			if got[id] != want[id] {
				t.Errorf("%s: %s\n got %s\nwant %s", when, id, got[id], want[id])
			}
		}
		for i, rels := range relationPagesJSON(t, s, ids) {
			if rels != wantRels[i] {
				t.Errorf("%s: relations\n got %.300s\nwant %.300s", when, rels, wantRels[i])
				break
			}
		}
	}
	check("one by one", s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("reopened", s)
}

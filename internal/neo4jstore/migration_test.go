package neo4jstore_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
	"github.com/maillage/maillage/internal/storetest"
)

// TestRelationsWrittenBeforeStoredConfidencesGetThemAtOpen writes the
// conformance corpus, then removes the sources' confidences as a database
// written by an older version would lack them: bare reads must still give
// every relation's confidence (from the evidence), and opening the store
// again must store the confidences once for all.
func TestRelationsWrittenBeforeStoredConfidencesGetThemAtOpen(t *testing.T) {
	cfg := testConfig(t)
	s := openShared(t, cfg)
	ctx := t.Context()
	if err := neo4jstore.Wipe(ctx, s); err != nil {
		t.Fatal(err)
	}
	c := storetest.NewCorpus()
	if err := s.LoadReference(ctx, c.Reference); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertArticles(ctx, c.Graphs); err != nil {
		t.Fatal(err)
	}
	idSet := map[kg.ID]bool{}
	for _, g := range c.Graphs {
		for _, r := range g.Relations {
			idSet[r.From], idSet[r.To] = true, true
		}
	}
	ids := slices.Sorted(maps.Keys(idSet))
	full, err := s.RelationsOf(ctx, ids, kg.RelationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	confident := 0
	for _, rels := range full {
		for _, r := range rels {
			if r.Confidence() > 0 {
				confident++
			}
		}
	}
	if confident == 0 {
		t.Fatal("no relation of the corpus has a confidence: the test tests nothing")
	}
	if n, err := neo4jstore.MissingConfs(ctx, s); err != nil || n != 0 {
		t.Fatalf("after writing, %d relations lack their sources' confidences (%v), want 0", n, err)
	}
	sameConfidences := func(when string, st kg.Store) {
		t.Helper()
		bare, err := st.RelationsOf(ctx, ids, kg.RelationQuery{Bare: true})
		if err != nil {
			t.Fatal(err)
		}
		for id, rels := range full {
			if len(bare[id]) != len(rels) {
				t.Errorf("%s: %s has %d bare relations, %d full", when, id, len(bare[id]), len(rels))
				continue
			}
			for i, r := range rels {
				if b := bare[id][i]; b.Key() != r.Key() || b.Confidence() != r.Confidence() {
					t.Errorf("%s: bare %s confidence %v, full %s %v", when, b.Key(), b.Confidence(), r.Key(), r.Confidence())
				}
			}
		}
	}

	if err := neo4jstore.ForgetConfidences(ctx, s); err != nil {
		t.Fatal(err)
	}
	missing, err := neo4jstore.MissingConfs(ctx, s)
	if err != nil || missing == 0 {
		t.Fatalf("after forgetting, %d relations lack their confidences (%v): the test tests nothing", missing, err)
	}
	sameConfidences("confidences missing", s)

	again, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n, err := neo4jstore.MissingConfs(ctx, again); err != nil || n != 0 {
		t.Fatalf("after opening again, %d of %d relations still lack their confidences (%v)", n, missing, err)
	}
	sameConfidences("after the migration", again)
}

package storetest

import (
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

// without returns the corpus graphs minus the given articles.
func without(c *Corpus, keys ...string) []kg.ArticleGraph {
	var out []kg.ArticleGraph
	for _, k := range c.ArticleKeys() {
		if !slices.Contains(keys, k) {
			out = append(out, c.Graph(k))
		}
	}
	return out
}

func (h *harness) testDelete(t *testing.T) {
	t.Run("StoreEqualsOneThatNeverHadTheArticle", func(t *testing.T) {
		for _, key := range []string{"A1", "A4", "A6"} {
			t.Run(key, func(t *testing.T) {
				c := NewCorpus()
				s := h.loaded(t, c)
				mustDelete(t, s, c.ID(key))
				never := h.fresh(t)
				mustLoadReference(t, never, c.Reference)
				mustUpsert(t, never, without(c, key)...)
				compareDumps(t, takeDump(t, never), takeDump(t, s), "store after deleting "+key)
				checkAgainstOracle(t, s, newOracle(c.Reference, without(c, key)...))
			})
		}
	})

	t.Run("RemovesTheArticleAndItsMentions", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		aid := c.ID("A4")
		mustDelete(t, s, aid)
		if got := articles(t, s, aid); len(got) != 0 {
			t.Errorf("deleted article still readable")
		}
		if got, err := s.ArticleHashes(t.Context(), []kg.ID{aid}); err != nil || len(got) != 0 {
			t.Errorf("ArticleHashes of a deleted article = %v, %v", got, err)
		}
		if got, err := s.MentionsIn(t.Context(), []kg.ID{aid}); err != nil || len(got) != 0 {
			t.Errorf("MentionsIn of a deleted article = %v, %v", got, err)
		}
		ms, err := s.MentionsOf(t.Context(), c.IDs("youssef", "creche"))
		if err != nil {
			t.Fatal(err)
		}
		for id, list := range ms {
			for _, m := range list {
				if m.ArticleID == aid {
					t.Errorf("mention of %s by the deleted article survived", id)
				}
			}
		}
		p, err := s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: 100})
		if err != nil || p.TotalCount != len(c.Graphs)-1 {
			t.Errorf("article count after delete = %d, %v", p.TotalCount, err)
		}
	})

	t.Run("OrphanEntitiesGo", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		mustDelete(t, s, c.ID("A4"))
		got := entities(t, s, c.IDs("event2", "mairie", "youssef", "creche", "asso")...)
		for _, key := range []string{"event2", "mairie"} {
			if _, ok := got[c.ID(key)]; ok {
				t.Errorf("%s, named only by the deleted article, still exists", key)
			}
		}
		for _, key := range []string{"youssef", "creche", "asso"} {
			if _, ok := got[c.ID(key)]; !ok {
				t.Errorf("%s, named by other articles too, was removed", key)
			}
		}
		p, err := s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypeEvent}, kg.EntityOrder{}, kg.PageRequest{First: 10})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Items {
			if e.ID == c.ID("event2") {
				t.Errorf("removed event still listed")
			}
		}
		if hits, err := s.Search(t.Context(), kg.SearchQuery{Text: "Forum petite enfance"}, kg.PageRequest{First: 10}); err != nil || hits.TotalCount != 0 {
			t.Errorf("removed event still found by search: %+v, %v", hits, err)
		}
	})

	t.Run("RelationKeepsItsOtherEvidence", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		key := kg.Relation{Type: kg.HoldsRole, From: c.ID("maelle"), To: c.ID("rness"), Role: "présidente"}.Key()
		before := relationByKey(t, s, c.ID("maelle"), key)
		if got := before.ArticleIDs(); len(got) != 2 || before.Role != "présidente" {
			t.Fatalf("fixture: relation stated by %v with role %q, want A1 and A6, role of A1", got, before.Role)
		}
		mustDelete(t, s, c.ID("A1"))
		after := relationByKey(t, s, c.ID("maelle"), key)
		if got := after.ArticleIDs(); !slices.Equal(got, []kg.ID{c.ID("A6")}) {
			t.Errorf("provenance after delete names %v, want only A6", got)
		}
		if after.Role != "Présidente" {
			t.Errorf("role = %q, want the remaining article's form", after.Role)
		}
		want := newOracle(c.Reference, c.Graph("A6")).evidence(key)
		if !equalJSON(want, canonicalRelation(after).Provenance) {
			t.Errorf("remaining evidence:\n%s", diffJSON(want, canonicalRelation(after).Provenance))
		}
	})

	t.Run("RelationItAloneSupportedGoes", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		mustDelete(t, s, c.ID("A1"))
		rels := relationsOf(t, s, kg.RelationQuery{}, c.IDs("rness", "budget", "com-9A001")...)
		for id, list := range rels {
			for _, r := range list {
				if r.To == c.ID("event1") || r.From == c.ID("event1") {
					t.Errorf("relation %s of %s stated only by the deleted article survived", r.Key(), id)
				}
			}
		}
		if _, ok := rels[c.ID("budget")]; !ok {
			t.Errorf("budget, still named by A2, is gone")
		}
	})

	t.Run("ReferenceEntitiesStay", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		for _, key := range c.ArticleKeys() {
			mustDelete(t, s, c.ID(key))
		}
		onlyRef := h.fresh(t)
		mustLoadReference(t, onlyRef, c.Reference)
		compareDumps(t, takeDump(t, onlyRef), takeDump(t, s), "store after deleting every article (want: reference data only)")
		e := entity(t, s, c.ID("dep-9A"))
		if e.MentionCount != 0 || e.ArticleCount != 0 || e.FirstMentioned != "" || len(e.Aliases) != 0 {
			t.Errorf("dep-9A kept article data: %+v", e)
		}
		st, err := s.Stats(t.Context())
		if err != nil || st.Articles != 0 || st.Mentions != 0 || st.Relations != len(c.Reference.Relations) {
			t.Errorf("Stats = %+v, %v", st, err)
		}
	})

	t.Run("UnknownIDIsNotFound", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		before := takeDump(t, s)
		wantError(t, "unknown article", s.DeleteArticle(t.Context(), "article:ffffffffffff"), kg.NotFound, "article:ffffffffffff")
		mustDelete(t, s, c.ID("A2"))
		wantError(t, "deleting twice", s.DeleteArticle(t.Context(), c.ID("A2")), kg.NotFound, string(c.ID("A2")))
		wantError(t, "entity id", s.DeleteArticle(t.Context(), c.ID("rness")), kg.Invalid, string(c.ID("rness")))
		wantError(t, "malformed id", s.DeleteArticle(t.Context(), "pas un id"), kg.Invalid, "pas un id")
		mustUpsert(t, s, c.Graph("A2"))
		compareDumps(t, before, takeDump(t, s), "store after delete and re-upsert of A2")
	})

	t.Run("StatisticsFollowDeletes", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		y := entity(t, s, c.ID("youssef"))
		if y.LastMentioned != "2024-06-25" || y.ArticleCount != 2 {
			t.Fatalf("fixture: Youssef = %+v", y)
		}
		mustDelete(t, s, c.ID("A4"))
		o := newOracle(c.Reference, without(c, "A4")...)
		for _, key := range []string{"youssef", "creche", "asso", "com-9C100", "qpv-C"} {
			e := entity(t, s, c.ID(key))
			mc, ac, first, last := o.stats(c.ID(key))
			if e.MentionCount != mc || e.ArticleCount != ac || e.FirstMentioned != first || e.LastMentioned != last {
				t.Errorf("%s stats = %d/%d/%s/%s, want %d/%d/%s/%s", key, e.MentionCount, e.ArticleCount, e.FirstMentioned, e.LastMentioned, mc, ac, first, last)
			}
		}
		if y := entity(t, s, c.ID("youssef")); y.LastMentioned != "2023-09-10" {
			t.Errorf("Youssef last mentioned %s after delete, want 2023-09-10", y.LastMentioned)
		}
	})
}

// relationByKey finds a relation of id by key.
func relationByKey(t *testing.T, s kg.Store, id kg.ID, key string) kg.Relation {
	t.Helper()
	for _, r := range relationsOf(t, s, kg.RelationQuery{}, id)[id] {
		if r.Key() == key {
			return r
		}
	}
	t.Fatalf("relation %s of %s missing", key, id)
	return kg.Relation{}
}

package storetest

import (
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

// testEmpty: every read of an empty store returns empty results.
func (h *harness) testEmpty(t *testing.T) {
	s := h.fresh(t)
	ctx := t.Context()
	some := []kg.ID{"org:rness", "territory:reg-95", "article:000000000000", "person:personne"}

	t.Run("PingSucceeds", func(t *testing.T) {
		if err := s.Ping(ctx); err != nil {
			t.Errorf("Ping: %v", err)
		}
	})
	t.Run("BatchedReadsReturnEmptyMaps", func(t *testing.T) {
		for _, ids := range [][]kg.ID{nil, {}, some} {
			if m, err := s.Entities(ctx, ids); err != nil || m == nil || len(m) != 0 {
				t.Errorf("Entities(%v) = %v, %v; want empty map", ids, m, err)
			}
			if m, err := s.Articles(ctx, ids); err != nil || m == nil || len(m) != 0 {
				t.Errorf("Articles(%v) = %v, %v; want empty map", ids, m, err)
			}
			if m, err := s.ArticleHashes(ctx, ids); err != nil || m == nil || len(m) != 0 {
				t.Errorf("ArticleHashes(%v) = %v, %v; want empty map", ids, m, err)
			}
			if m, err := s.RelationsOf(ctx, ids, kg.RelationQuery{}); err != nil || m == nil || len(m) != 0 {
				t.Errorf("RelationsOf(%v) = %v, %v; want empty map", ids, m, err)
			}
			if m, err := s.CountRelations(ctx, ids, kg.RelationQuery{}); err != nil || m == nil || len(m) != 0 {
				t.Errorf("CountRelations(%v) = %v, %v; want empty map", ids, m, err)
			}
			if m, err := s.MentionsOf(ctx, ids); err != nil || m == nil || len(m) != 0 {
				t.Errorf("MentionsOf(%v) = %v, %v; want empty map", ids, m, err)
			}
			if m, err := s.MentionsIn(ctx, ids); err != nil || m == nil || len(m) != 0 {
				t.Errorf("MentionsIn(%v) = %v, %v; want empty map", ids, m, err)
			}
			if m, err := s.CoMentioned(ctx, ids, kg.CoMentionQuery{}); err != nil || m == nil || len(m) != 0 {
				t.Errorf("CoMentioned(%v) = %v, %v; want empty map", ids, m, err)
			}
		}
	})
	t.Run("EveryEntityListIsEmpty", func(t *testing.T) {
		for _, typ := range kg.EntityTypes {
			for _, field := range []kg.EntitySortField{kg.SortByName, kg.SortByMentionCount, kg.SortByFirstMentioned, kg.SortByLastMentioned} {
				for _, first := range []int{0, 1, kg.MaxPageSize} {
					p, err := s.ListEntities(ctx, kg.EntityFilter{Type: typ}, kg.EntityOrder{Field: field, Direction: kg.Desc}, kg.PageRequest{First: first})
					if err != nil || len(p.Items) != 0 || len(p.Cursors) != 0 || p.HasNextPage || p.TotalCount != 0 {
						t.Errorf("ListEntities(%s, %s, first %d) = %+v, %v; want an empty last page", typ, field, first, p, err)
					}
				}
			}
		}
	})
	t.Run("ArticleListIsEmpty", func(t *testing.T) {
		for _, o := range []kg.ArticleOrder{{}, {Field: kg.SortByTitle}} {
			p, err := s.ListArticles(ctx, kg.ArticleFilter{}, o, kg.PageRequest{First: 10})
			if err != nil || len(p.Items) != 0 || p.HasNextPage || p.TotalCount != 0 {
				t.Errorf("ListArticles(%+v) = %+v, %v; want an empty last page", o, p, err)
			}
		}
	})
	t.Run("SearchFindsNothing", func(t *testing.T) {
		p, err := s.Search(ctx, kg.SearchQuery{Text: "économie"}, kg.PageRequest{First: 10})
		if err != nil || len(p.Items) != 0 || p.HasNextPage || p.TotalCount != 0 {
			t.Errorf("Search = %+v, %v; want nothing", p, err)
		}
	})
	t.Run("StatsAreZero", func(t *testing.T) {
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != 0 || st.Relations != 0 || st.Mentions != 0 {
			t.Errorf("Stats = %+v; want zeros", st)
		}
		for typ, n := range st.Entities {
			if n != 0 {
				t.Errorf("Stats.Entities[%s] = %d", typ, n)
			}
		}
	})
	t.Run("DeleteUnknownArticleIsNotFound", func(t *testing.T) {
		err := s.DeleteArticle(ctx, "article:000000000000")
		wantError(t, "DeleteArticle", err, kg.NotFound, "article:000000000000")
	})
	t.Run("EmptyBatchWritesNothing", func(t *testing.T) {
		res, err := s.UpsertArticles(ctx, nil)
		if err != nil || res != (kg.UpsertResult{}) {
			t.Errorf("UpsertArticles(nil) = %+v, %v", res, err)
		}
		if err := s.LoadReference(ctx, kg.ReferenceData{}); err != nil {
			t.Errorf("LoadReference(empty) = %v", err)
		}
		if st, err := s.Stats(ctx); err != nil || st.Articles != 0 || st.Relations != 0 {
			t.Errorf("Stats after empty writes = %+v, %v", st, err)
		}
	})
}

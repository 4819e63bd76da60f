package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/kg"
)

func (h *harness) testContext(t *testing.T) {
	c := NewCorpus()
	s := h.fresh(t)
	mustLoadReference(t, s, c.Reference)
	mustUpsert(t, s, without(c, "A7")...)
	before := takeDump(t, s)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel2 := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel2()
	ids := c.IDs("rness", "creche")
	aids := c.IDs("A1")
	for name, ctx := range map[string]context.Context{"Cancelled": cancelled, "DeadlinePassed": expired} {
		t.Run(name, func(t *testing.T) {
			calls := map[string]func() error{
				"UpsertArticles": func() error { _, err := s.UpsertArticles(ctx, []kg.ArticleGraph{c.Graph("A7")}); return err },
				"DeleteArticle":  func() error { return s.DeleteArticle(ctx, c.ID("A1")) },
				"LoadReference": func() error {
					return s.LoadReference(ctx, kg.ReferenceData{Entities: []kg.Entity{{ID: "territory:com-9C999", Type: kg.TypeTerritory, Name: "Anse", Kind: "commune"}}})
				},
				"Entities":      func() error { _, err := s.Entities(ctx, ids); return err },
				"Articles":      func() error { _, err := s.Articles(ctx, aids); return err },
				"ArticleHashes": func() error { _, err := s.ArticleHashes(ctx, aids); return err },
				"ListEntities": func() error {
					_, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 5})
					return err
				},
				"ListArticles": func() error {
					_, err := s.ListArticles(ctx, kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: 5})
					return err
				},
				"Search": func() error {
					_, err := s.Search(ctx, kg.SearchQuery{Text: "loups"}, kg.PageRequest{First: 5})
					return err
				},
				"RelationsOf": func() error { _, err := s.RelationsOf(ctx, ids, kg.RelationQuery{}); return err },
				"RelationsOf paged": func() error {
					_, err := s.RelationsOf(ctx, ids, kg.RelationQuery{Limit: 1, After: "A"})
					return err
				},
				"CountRelations": func() error { _, err := s.CountRelations(ctx, ids, kg.RelationQuery{}); return err },
				"MentionsOf":     func() error { _, err := s.MentionsOf(ctx, ids); return err },
				"MentionsIn":     func() error { _, err := s.MentionsIn(ctx, aids); return err },
				"CoMentioned":    func() error { _, err := s.CoMentioned(ctx, ids, kg.CoMentionQuery{}); return err },
				"Stats":          func() error { _, err := s.Stats(ctx); return err },
				"Ping":           func() error { return s.Ping(ctx) },
			}
			for method, call := range calls {
				done := make(chan error, 1)
				go func() { done <- call() }()
				select {
				case err := <-done:
					wantError(t, method, err, kg.Unavailable)
				case <-time.After(10 * time.Second):
					t.Errorf("%s with an ended context hangs", method)
				}
			}
			compareDumps(t, before, takeDump(t, s), "store after calls with an ended context")
		})
	}
}

// testConcurrency runs writers and readers at once (run it with -race).
func (h *harness) testConcurrency(t *testing.T) {
	c := NewCorpus()
	s := h.loaded(t, c)
	const writers, perWriter, readers = 3, 8, 4
	graphs := make([][]kg.ArticleGraph, writers)
	for w := range writers {
		for i := range perWriter {
			key := fmt.Sprintf("W%d-%d", w, i)
			c.define(key+"-org", kg.Entity{Type: kg.TypeOrganization, Name: fmt.Sprintf("Collectif solidaire n°%d-%d", w, i), Kind: "association"})
			a := c.article(key, fmt.Sprintf("https://exemple.example/concurrence/%d/%d", w, i), "exemple.example",
				fmt.Sprintf("Brève %d-%d", w, i), kg.Date(fmt.Sprintf("2024-%02d-%02d", 1+w, 1+i)))
			s0 := a.say("Le [Collectif solidaire n°" + fmt.Sprintf("%d-%d", w, i) + "]{" + key + "-org}, membre du [RNESS]{rness}, s’installe à [Lécluse]{com-9A002}.")
			a.rel(kg.LocatedIn, key+"-org", "com-9A002", "", s0)
			a.rel(kg.MemberOf, key+"-org", "rness", "", s0)
			graphs[w] = append(graphs[w], a.build())
		}
	}
	ctx := t.Context()
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	stop := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, g := range graphs[w] {
				if _, err := s.UpsertArticles(ctx, []kg.ArticleGraph{g}); err != nil {
					errs <- fmt.Errorf("writer %d upsert %d: %w", w, i, err)
					return
				}
				if i%2 == 1 {
					if err := s.DeleteArticle(ctx, g.Article.ID); err != nil {
						errs <- fmt.Errorf("writer %d delete %d: %w", w, i, err)
						return
					}
				}
			}
		}()
	}
	var rg sync.WaitGroup
	for r := range readers {
		rg.Add(1)
		go func() {
			defer rg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				switch (n + r) % 6 {
				case 0:
					var p kg.Page[kg.Entity]
					p, err = s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization, Territory: c.ID("reg-95"), IncludeDescendants: true}, kg.EntityOrder{Field: kg.SortByMentionCount, Direction: kg.Desc}, kg.PageRequest{First: 5})
					if err == nil && p.TotalCount < len(p.Items) {
						err = fmt.Errorf("page of %d items with total %d", len(p.Items), p.TotalCount)
					}
				case 1:
					_, err = s.Search(ctx, kg.SearchQuery{Text: "collectif solidaire"}, kg.PageRequest{First: 10})
				case 2:
					_, err = s.RelationsOf(ctx, c.IDs("rness", "com-9A002"), kg.RelationQuery{})
					if err == nil {
						_, err = s.RelationsOf(ctx, c.IDs("rness", "com-9A002"), kg.RelationQuery{Limit: 2})
					}
					if err == nil {
						_, err = s.CountRelations(ctx, c.IDs("rness", "com-9A002"), kg.RelationQuery{})
					}
				case 3:
					_, err = s.MentionsOf(ctx, c.IDs("rness", "com-9A002"))
				case 4:
					_, err = s.CoMentioned(ctx, c.IDs("rness"), kg.CoMentionQuery{Limit: 3})
				case 5:
					var p kg.Page[kg.Article]
					p, err = s.ListArticles(ctx, kg.ArticleFilter{Territory: c.ID("reg-95"), IncludeDescendants: true}, kg.ArticleOrder{}, kg.PageRequest{First: 3})
					if err == nil && len(p.Items) > 0 {
						_, err = s.Articles(ctx, []kg.ID{p.Items[0].ID})
					}
				}
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	rg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Every writer kept its even-numbered articles.
	var kept []kg.ArticleGraph
	for w := range writers {
		for i, g := range graphs[w] {
			if i%2 == 0 {
				kept = append(kept, g)
			}
		}
	}
	sequential := h.fresh(t)
	mustLoadReference(t, sequential, c.Reference)
	mustUpsert(t, sequential, append(append([]kg.ArticleGraph{}, c.Graphs...), kept...)...)
	compareDumps(t, takeDump(t, sequential), takeDump(t, s), "store after concurrent writes (want: the surviving articles written at once)")
}

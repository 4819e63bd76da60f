package storetest

import (
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

func (h *harness) testReads(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"EntitiesWithDuplicatesAndUnknownIDs": func(t *testing.T, s kg.Store, c *Corpus) {
			ids := []kg.ID{c.ID("rness"), "org:inconnue", c.ID("rness"), c.ID("qpv-A"), "pas un id", "", c.ID("A1"), c.ID("maelle")}
			got := entities(t, s, ids...)
			if len(got) != 3 {
				t.Errorf("got %d entities, want 3 (rness, qpv-A, maelle): %v", len(got), keys(got))
			}
			for _, key := range []string{"rness", "qpv-A", "maelle"} {
				e, ok := got[c.ID(key)]
				if !ok || e.ID != c.ID(key) || e.Name == "" {
					t.Errorf("%s = %+v", key, e)
				}
			}
		},
		"EntitiesCarryStatistics": func(t *testing.T, s kg.Store, c *Corpus) {
			o := newOracle(c.Reference, c.Graphs...)
			ids := o.entityIDs()
			got := entities(t, s, ids...)
			for _, id := range ids {
				e := got[id]
				mc, ac, first, last := o.stats(id)
				if e.MentionCount != mc || e.ArticleCount != ac || e.FirstMentioned != first || e.LastMentioned != last {
					t.Errorf("%s stats = %d/%d/%q/%q, want %d/%d/%q/%q", id, e.MentionCount, e.ArticleCount, e.FirstMentioned, e.LastMentioned, mc, ac, first, last)
				}
			}
			// Spot checks of the fixture: RNESS is named 4 times in A1, A3
			// and A6 (undated: counted, but no date).
			r := got[c.ID("rness")]
			if r.MentionCount != 4 || r.ArticleCount != 3 || r.FirstMentioned != "2023-03-20" || r.LastMentioned != "2023-09-10" {
				t.Errorf("rness stats = %+v", r)
			}
			if jb := got[c.ID("jb")]; jb.MentionCount != 1 || jb.FirstMentioned != "" || jb.LastMentioned != "" {
				t.Errorf("person named only by an undated article: %+v", jb)
			}
			if reg := got[c.ID("reg-96")]; reg.MentionCount != 0 || reg.ArticleCount != 0 {
				t.Errorf("unmentioned region: %+v", reg)
			}
		},
		"MergedAttributesFollowContributionOrder": func(t *testing.T, s kg.Store, c *Corpus) {
			// A7 (2022) names the council first; A2 (2023) calls it the
			// Département, a kind the earlier article already set.
			cd := entity(t, s, c.ID("cd"))
			if cd.Name != "Conseil départemental des Monts-Verts" || cd.Kind != "local_authority" {
				t.Errorf("cd = %+v", cd)
			}
			for _, alias := range []string{"CD des Monts-Verts", "Département des Monts-Verts"} {
				if !contains(cd.Aliases, alias) {
					t.Errorf("cd aliases %q lack %q", cd.Aliases, alias)
				}
			}
			// RNESS: dated articles first, the undated A6 last.
			r := entity(t, s, c.ID("rness"))
			if r.Name != c.Entity("rness").Name || r.Acronym != "RNESS" || !contains(r.Aliases, "le Réseau des élus solidaires") {
				t.Errorf("rness = %+v", r)
			}
		},
		"ArticlesWithDuplicatesAndUnknownIDs": func(t *testing.T, s kg.Store, c *Corpus) {
			got := articles(t, s, c.ID("A2"), c.ID("A2"), "article:ffffffffffff", c.ID("rness"), "x", c.ID("A6"))
			if len(got) != 2 {
				t.Errorf("got %d articles, want 2: %v", len(got), keys(got))
			}
			a := got[c.ID("A6")]
			if a.Title != c.Graph("A6").Article.Title || a.PublishedAt != "" || a.Text != c.Graph("A6").Article.Text {
				t.Errorf("A6 = %+v", a)
			}
		},
		"ArticleHashesWithoutText": func(t *testing.T, s kg.Store, c *Corpus) {
			got, err := s.ArticleHashes(t.Context(), append(c.IDs(c.ArticleKeys()...), "article:ffffffffffff"))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.Graphs) {
				t.Errorf("%d hashes for %d articles", len(got), len(c.Graphs))
			}
			for _, g := range c.Graphs {
				if got[g.Article.ID] != g.Article.ContentHash {
					t.Errorf("hash of %s = %q, want %q", g.Article.ID, got[g.Article.ID], g.Article.ContentHash)
				}
			}
		},
		"PingSucceeds": func(t *testing.T, s kg.Store, c *Corpus) {
			if err := s.Ping(t.Context()); err != nil {
				t.Error(err)
			}
		},
	})
}

func keys[V any](m map[kg.ID]V) []kg.ID {
	var out []kg.ID
	for k := range m {
		out = append(out, k)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

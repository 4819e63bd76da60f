package storetest

import (
	"cmp"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

// expectedMentionsOf lists the mentions of an entity newest first, undated
// last, then by article id.
func expectedMentionsOf(o *oracle, id kg.ID) []kg.Mention {
	out := []kg.Mention{}
	for aid, g := range o.graphs {
		for _, m := range g.Mentions {
			if m.EntityID == id {
				m.PublishedAt = o.date(aid)
				out = append(out, m)
			}
		}
	}
	slices.SortFunc(out, func(a, b kg.Mention) int {
		switch {
		case a.PublishedAt == "" && b.PublishedAt != "":
			return 1
		case a.PublishedAt != "" && b.PublishedAt == "":
			return -1
		}
		return cmp.Or(cmp.Compare(b.PublishedAt, a.PublishedAt), cmp.Compare(a.ArticleID, b.ArticleID))
	})
	return out
}

// expectedMentionsIn lists the mentions of an article by first span start,
// then entity id.
func expectedMentionsIn(o *oracle, aid kg.ID) []kg.Mention {
	out := slices.Clone(o.graphs[aid].Mentions)
	for i := range out {
		out[i].PublishedAt = o.date(aid)
	}
	slices.SortFunc(out, func(a, b kg.Mention) int {
		return cmp.Or(cmp.Compare(a.Spans[0].Start, b.Spans[0].Start), cmp.Compare(a.EntityID, b.EntityID))
	})
	return out
}

func (h *harness) testMentions(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"MentionsOfNewestFirstWithSpans": func(t *testing.T, s kg.Store, c *Corpus) {
			o := newOracle(c.Reference, c.Graphs...)
			ids := o.entityIDs()
			got, err := s.MentionsOf(t.Context(), ids)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				list, ok := got[id]
				if !ok {
					t.Errorf("MentionsOf has no key for existing entity %s", id)
				}
				if want := expectedMentionsOf(o, id); !equalJSON(want, list) && !(len(want) == 0 && len(list) == 0) {
					t.Errorf("mentions of %s:\n%s", id, diffJSON(want, list))
				}
			}
			var order []kg.ID
			for _, m := range got[c.ID("rness")] {
				order = append(order, m.ArticleID)
			}
			wantIDs(t, "articles mentioning RNESS, newest first, undated last", order, c.IDs("A3", "A1", "A6"))
		},
		"MentionsOfBatch": func(t *testing.T, s kg.Store, c *Corpus) {
			got, err := s.MentionsOf(t.Context(), []kg.ID{c.ID("jb"), c.ID("jb"), "person:inconnue", c.ID("reg-96"), c.ID("A1")})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 || len(got[c.ID("jb")]) != 1 {
				t.Errorf("MentionsOf keys %v", keys(got))
			}
			if list, ok := got[c.ID("reg-96")]; !ok || len(list) != 0 {
				t.Errorf("unmentioned region: present %v, %d mentions", ok, len(list))
			}
		},
		"MentionsInTextOrder": func(t *testing.T, s kg.Store, c *Corpus) {
			o := newOracle(c.Reference, c.Graphs...)
			aids := c.IDs(c.ArticleKeys()...)
			got, err := s.MentionsIn(t.Context(), append(aids, "article:ffffffffffff", c.ID("rness"), aids[0]))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(aids) {
				t.Errorf("MentionsIn keys %v", keys(got))
			}
			for _, aid := range aids {
				if want := expectedMentionsIn(o, aid); !equalJSON(want, got[aid]) {
					t.Errorf("mentions in %s:\n%s", aid, diffJSON(want, got[aid]))
				}
			}
			first := got[c.ID("A1")][0]
			if first.EntityID != c.ID("event1") || first.Count() != 1 || first.Spans[0].Text != "Rencontres des territoires solidaires" {
				t.Errorf("first mention of A1 = %+v", first)
			}
		},
	})
}

func (h *harness) testCoMentioned(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"WeightsAndOrder": func(t *testing.T, s kg.Store, c *Corpus) {
			o := newOracle(c.Reference, c.Graphs...)
			ids := o.entityIDs()
			got, err := s.CoMentioned(t.Context(), ids, kg.CoMentionQuery{})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				list, ok := got[id]
				if !ok {
					t.Errorf("CoMentioned has no key for existing entity %s", id)
				}
				want := []kg.CoMention{}
				for other, n := range o.coMentioned(id) {
					want = append(want, kg.CoMention{EntityID: other, Articles: n})
				}
				slices.SortFunc(want, func(a, b kg.CoMention) int {
					return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.EntityID, b.EntityID))
				})
				if !equalJSON(want, list) && !(len(want) == 0 && len(list) == 0) {
					t.Errorf("co-mentions of %s:\n%s", id, diffJSON(want, list))
				}
			}
			// Youssef and the crèche share A3 and A4.
			y := got[c.ID("youssef")]
			if len(y) == 0 || y[0].EntityID != c.ID("creche") || y[0].Articles != 2 {
				t.Errorf("Youssef's first co-mention = %+v, want the crèche with 2 articles", y)
			}
		},
		"LimitAndTypes": func(t *testing.T, s kg.Store, c *Corpus) {
			all, err := s.CoMentioned(t.Context(), c.IDs("creche"), kg.CoMentionQuery{})
			if err != nil {
				t.Fatal(err)
			}
			limited, err := s.CoMentioned(t.Context(), c.IDs("creche", "jb"), kg.CoMentionQuery{Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if !equalJSON(all[c.ID("creche")][:2], limited[c.ID("creche")]) {
				t.Errorf("limit 2 = %+v, want the first two of %+v", limited[c.ID("creche")], all[c.ID("creche")])
			}
			if n := len(limited[c.ID("jb")]); n != 2 {
				t.Errorf("jb limited to %d, want 2", n)
			}
			typed, err := s.CoMentioned(t.Context(), c.IDs("creche"), kg.CoMentionQuery{Types: []kg.EntityType{kg.TypePerson, kg.TypeEvent}})
			if err != nil {
				t.Fatal(err)
			}
			var want []kg.CoMention
			for _, cm := range all[c.ID("creche")] {
				if et := cm.EntityID.EntityType(); et == kg.TypePerson || et == kg.TypeEvent {
					want = append(want, cm)
				}
			}
			if !equalJSON(want, typed[c.ID("creche")]) || len(want) == 0 {
				t.Errorf("persons and events co-mentioned with the crèche = %+v, want %+v", typed[c.ID("creche")], want)
			}
			_, err = s.CoMentioned(t.Context(), c.IDs("creche"), kg.CoMentionQuery{Types: []kg.EntityType{"Company"}})
			wantError(t, "unknown type", err, kg.Invalid, "Company")
		},
		"BatchWithUnknownIDs": func(t *testing.T, s kg.Store, c *Corpus) {
			got, err := s.CoMentioned(t.Context(), []kg.ID{c.ID("reg-96"), "org:inconnue", c.ID("reg-96")}, kg.CoMentionQuery{})
			if err != nil {
				t.Fatal(err)
			}
			if list, ok := got[c.ID("reg-96")]; len(got) != 1 || !ok || len(list) != 0 {
				t.Errorf("CoMentioned = %v", got)
			}
		},
	})
}

func (h *harness) testStats(t *testing.T) {
	c := NewCorpus()
	s := h.loaded(t, c)
	o := newOracle(c.Reference, c.Graphs...)
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	wantEntities := map[kg.EntityType]int{}
	for _, id := range o.entityIDs() {
		wantEntities[id.EntityType()]++
	}
	mentions := 0
	for _, g := range o.graphs {
		mentions += len(g.Mentions)
	}
	if st.Articles != len(c.Graphs) || st.Relations != len(o.relations()) || st.Mentions != mentions {
		t.Errorf("Stats = %d articles, %d relations, %d mentions; want %d, %d, %d", st.Articles, st.Relations, st.Mentions, len(c.Graphs), len(o.relations()), mentions)
	}
	for _, typ := range kg.EntityTypes {
		if st.Entities[typ] != wantEntities[typ] {
			t.Errorf("Stats.Entities[%s] = %d, want %d", typ, st.Entities[typ], wantEntities[typ])
		}
	}
	mustDelete(t, s, c.ID("A5"))
	st, err = s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	o = newOracle(c.Reference, without(c, "A5")...)
	if st.Articles != len(c.Graphs)-1 || st.Relations != len(o.relations()) {
		t.Errorf("Stats after delete = %+v", st)
	}
}

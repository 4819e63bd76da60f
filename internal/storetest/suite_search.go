package storetest

import (
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

func search(t *testing.T, s kg.Store, q kg.SearchQuery, first int) kg.Page[kg.SearchHit] {
	t.Helper()
	p, err := s.Search(t.Context(), q, kg.PageRequest{First: first})
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	checkPage(t, p.Items, p.Cursors, p.HasNextPage, first)
	return p
}

// searchAll walks every page of a search.
func searchAll(t *testing.T, s kg.Store, q kg.SearchQuery, first int) []kg.SearchHit {
	t.Helper()
	var out []kg.SearchHit
	after := ""
	total := -1
	for range 1000 {
		p, err := s.Search(t.Context(), q, kg.PageRequest{First: first, After: after})
		if err != nil {
			t.Fatalf("Search(%+v, after %q): %v", q, after, err)
		}
		checkPage(t, p.Items, p.Cursors, p.HasNextPage, first)
		if total >= 0 && total != p.TotalCount {
			t.Fatalf("TotalCount changed while paging: %d then %d", total, p.TotalCount)
		}
		total = p.TotalCount
		out = append(out, p.Items...)
		if !p.HasNextPage {
			if len(out) != total {
				t.Errorf("walked %d hits, TotalCount says %d", len(out), total)
			}
			return out
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatal("paging never ended")
	return nil
}

func hitIDs(hits []kg.SearchHit) []kg.ID {
	out := make([]kg.ID, len(hits))
	for i, h := range hits {
		out[i] = h.Entity.ID
	}
	return out
}

func (h *harness) testSearch(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"FoldedTextFindsNames": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				text    string
				want    string
				rank    kg.SearchRank
				matched string
			}{
				{"crèche coopérative les p'tits loups", "creche", kg.RankExact, c.Entity("creche").Name},
				{"CRECHE COOPERATIVE", "creche", kg.RankPrefix, c.Entity("creche").Name},
				{"creche p tits loups", "creche", kg.RankPartial, c.Entity("creche").Name},
				{"Les P’tits Loups", "creche", kg.RankExact, "Les P’tits Loups"},
				{"rness", "rness", kg.RankExact, "RNESS"},
				{"coeur", "fonds", kg.RankPartial, c.Entity("fonds").Name},
				{"entre rives", "entre", kg.RankPartial, c.Entity("entre").Name},
				{"« l’Économie en partage »", "asso", kg.RankPartial, c.Entity("asso").Name},
				{"maelle kerbrat", "maelle", kg.RankExact, "Maëlle Kerbrat"},
				{"mael ker", "maelle", kg.RankPartial, "Maëlle Kerbrat"},
			}
			for _, tc := range cases {
				p := search(t, s, kg.SearchQuery{Text: tc.text}, 20)
				i := slices.IndexFunc(p.Items, func(h kg.SearchHit) bool { return h.Entity.ID == c.ID(tc.want) })
				if i < 0 {
					t.Errorf("search %q did not find %s: %v", tc.text, tc.want, hitIDs(p.Items))
					continue
				}
				if h := p.Items[i]; h.Rank != tc.rank || h.MatchedName != tc.matched {
					t.Errorf("search %q: %s rank %d matched %q, want rank %d matched %q", tc.text, tc.want, h.Rank, h.MatchedName, tc.rank, tc.matched)
				}
			}
		},
		"EntityAppearsOnceWithItsBestRank": func(t *testing.T, s kg.Store, c *Corpus) {
			p := search(t, s, kg.SearchQuery{Text: "réseau"}, 50)
			n := 0
			for _, h := range p.Items {
				if h.Entity.ID == c.ID("rness") {
					n++
					if h.Rank != kg.RankPrefix || h.MatchedName != c.Entity("rness").Name {
						t.Errorf("rness: rank %d matched %q, want the prefix match of its name", h.Rank, h.MatchedName)
					}
				}
			}
			if n != 1 {
				t.Errorf("rness appears %d times", n)
			}
		},
		"TypesFilter": func(t *testing.T, s kg.Store, c *Corpus) {
			all := hitIDs(search(t, s, kg.SearchQuery{Text: "Port-Mathurin"}, 20).Items)
			wantIDs(t, "all types", all, c.IDs("com-9C100", "mairie"))
			terr := hitIDs(search(t, s, kg.SearchQuery{Text: "Port-Mathurin", Types: []kg.EntityType{kg.TypeTerritory}}, 20).Items)
			wantIDs(t, "territories only", terr, c.IDs("com-9C100"))
			none := search(t, s, kg.SearchQuery{Text: "loups", Types: []kg.EntityType{kg.TypeInitiative, kg.TypeEvent}}, 20)
			if none.TotalCount != 0 {
				t.Errorf("initiatives and events named loups: %v", hitIDs(none.Items))
			}
			_, err := s.Search(t.Context(), kg.SearchQuery{Text: "loups", Types: []kg.EntityType{"Company"}}, kg.PageRequest{First: 1})
			wantError(t, "unknown type", err, kg.Invalid, "Company")
		},
		"HitsCarryTheEntity": func(t *testing.T, s kg.Store, c *Corpus) {
			p := search(t, s, kg.SearchQuery{Text: "solidaire"}, 50)
			if p.TotalCount == 0 {
				t.Fatal("nothing found")
			}
			for _, h := range p.Items {
				if want := entity(t, s, h.Entity.ID); !equalJSON(want, h.Entity) {
					t.Errorf("hit %s differs from Entities:\n%s", h.Entity.ID, diffJSON(want, h.Entity))
				}
			}
		},
		"PagesOfOneWalkEveryHit": func(t *testing.T, s kg.Store, c *Corpus) {
			q := kg.SearchQuery{Text: "e"}
			whole := search(t, s, q, kg.MaxPageSize)
			if whole.HasNextPage || whole.TotalCount != len(whole.Items) || whole.TotalCount < 10 {
				t.Fatalf("one page: %d items of %d", len(whole.Items), whole.TotalCount)
			}
			wantIDs(t, "search walked with pages of one", hitIDs(searchAll(t, s, q, 1)), hitIDs(whole.Items))
			for i := 1; i < len(whole.Items); i++ {
				a, b := whole.Items[i-1], whole.Items[i]
				if a.Rank > b.Rank || (a.Rank == b.Rank && a.Entity.MentionCount < b.Entity.MentionCount) {
					t.Errorf("hit %d (%s rank %d, %d mentions) after %s rank %d, %d mentions", i, b.Entity.ID, b.Rank, b.Entity.MentionCount, a.Entity.ID, a.Rank, a.Entity.MentionCount)
				}
			}
			p := search(t, s, q, 0)
			if len(p.Items) != 0 || p.TotalCount != whole.TotalCount {
				t.Errorf("first 0: %d items, total %d", len(p.Items), p.TotalCount)
			}
		},
		"EmptyTextIsInvalid": func(t *testing.T, s kg.Store, c *Corpus) {
			for _, text := range []string{"", "   ", "—«»’", "\u00a0"} {
				_, err := s.Search(t.Context(), kg.SearchQuery{Text: text}, kg.PageRequest{First: 5})
				wantError(t, "search "+text, err, kg.Invalid, "text")
			}
		},
	})

	t.Run("RankingExactPrefixPartialThenMentions", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		org := func(key, name string) {
			c.define(key, kg.Entity{Type: kg.TypeOrganization, Name: name, Kind: "association"})
		}
		org("exact", "Les Loups")
		org("prefix1", "Les Loups de Lécluse")
		org("prefix2", "Les Loups du Phare")
		org("partial-substring-a", "Association les loups de mer")
		org("partial-substring-b", "Fédération les loups solidaires")
		org("partial-words", "Crèche Les P’tits Loups")
		org("nomatch", "Amis des loups")
		a := c.article("X6", "https://exemple.example/loups", "exemple.example", "Les loups partout", "2024-08-01")
		a.say("[Les Loups]{exact} rencontrent [Les Loups du Phare]{prefix2} et [Les Loups de Lécluse]{prefix1}.")
		a.say("[Les Loups du Phare]{prefix2} invitent la [Crèche Les P’tits Loups]{partial-words}.")
		a.say("La [crèche]{partial-words} et la [Crèche Les P’tits Loups]{partial-words} travaillent avec l’[Association les loups de mer]{partial-substring-a}.")
		a.say("La [Fédération les loups solidaires]{partial-substring-b} et les [Amis des loups]{nomatch} approuvent.")
		mustUpsert(t, s, a.build())
		hits := searchAll(t, s, kg.SearchQuery{Text: "les loups"}, 2)
		wantIDs(t, "ranking for “les loups”", hitIDs(hits),
			c.IDs("exact", "prefix2", "prefix1", "partial-words", "partial-substring-a", "partial-substring-b"))
		wantRanks := []kg.SearchRank{kg.RankExact, kg.RankPrefix, kg.RankPrefix, kg.RankPartial, kg.RankPartial, kg.RankPartial}
		for i, h := range hits {
			if i < len(wantRanks) && h.Rank != wantRanks[i] {
				t.Errorf("hit %d %s rank %d, want %d", i, h.Entity.ID, h.Rank, wantRanks[i])
			}
		}
	})
}

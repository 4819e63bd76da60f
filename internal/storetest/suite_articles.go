package storetest

import (
	"cmp"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

// articlesByRule orders the corpus articles as the contract says.
func articlesByRule(graphs []kg.ArticleGraph, o kg.ArticleOrder) []kg.ID {
	o, _ = o.Normalize()
	list := slices.Clone(graphs)
	slices.SortFunc(list, func(a, b kg.ArticleGraph) int {
		var c int
		if o.Field == kg.SortByTitle {
			c = cmp.Compare(kg.Fold(a.Article.Title), kg.Fold(b.Article.Title))
		} else {
			c = cmp.Compare(a.Article.PublishedAt, b.Article.PublishedAt)
		}
		if o.Direction == kg.Desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.Article.ID, b.Article.ID))
	})
	out := make([]kg.ID, len(list))
	for i, g := range list {
		out[i] = g.Article.ID
	}
	return out
}

func (h *harness) testListArticles(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"DefaultOrderIsNewestFirstUndatedLast": func(t *testing.T, s kg.Store, c *Corpus) {
			got := listArticlesAll(t, s, kg.ArticleFilter{}, kg.ArticleOrder{}, 100)
			wantIDs(t, "articles in default order", got, c.IDs("A4", "A5", "A3", "A2", "A1", "A7", "A6"))
		},
		"EveryOrderingWithPageSizeOne": func(t *testing.T, s kg.Store, c *Corpus) {
			for _, field := range []kg.ArticleSortField{kg.SortByPublishedAt, kg.SortByTitle} {
				for _, dir := range []kg.SortDirection{kg.Asc, kg.Desc} {
					o := kg.ArticleOrder{Field: field, Direction: dir}
					got := listArticlesAll(t, s, kg.ArticleFilter{}, o, 1)
					wantIDs(t, "articles by "+string(field)+" "+string(dir), got, articlesByRule(c.Graphs, o))
				}
			}
			got := listArticlesAll(t, s, kg.ArticleFilter{}, kg.ArticleOrder{Field: kg.SortByPublishedAt}, 2)
			if got[0] != c.ID("A6") {
				t.Errorf("ascending dates start with %s, want the undated A6", got[0])
			}
		},
		"ItemsMatchArticles": func(t *testing.T, s kg.Store, c *Corpus) {
			p, err := s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: 100})
			if err != nil {
				t.Fatal(err)
			}
			byID := articles(t, s, c.IDs(c.ArticleKeys()...)...)
			for _, a := range p.Items {
				if !equalJSON(byID[a.ID], a) {
					t.Errorf("listed article %s differs from Articles:\n%s", a.ID, diffJSON(byID[a.ID], a))
				}
			}
		},
		"FirstZeroReturnsOnlyTheCount": func(t *testing.T, s kg.Store, c *Corpus) {
			p, err := s.ListArticles(t.Context(), kg.ArticleFilter{Themes: c.IDs("ess")}, kg.ArticleOrder{}, kg.PageRequest{})
			if err != nil || len(p.Items) != 0 || p.TotalCount != 4 {
				t.Errorf("first 0 = %d items, total %d, %v; want none and 4", len(p.Items), p.TotalCount, err)
			}
		},
		"Filters": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				name string
				f    kg.ArticleFilter
				want []string
			}{
				{"TextInTitle", kg.ArticleFilter{Text: "TIERS LIEU"}, []string{"A5"}},
				{"TextFolded", kg.ArticleFilter{Text: "p'tits loups"}, []string{"A3"}},
				{"Theme", kg.ArticleFilter{Themes: c.IDs("petite-enfance")}, []string{"A3", "A4"}},
				{"AnyOfThemes", kg.ArticleFilter{Themes: c.IDs("tiers-lieux", "pdlv")}, []string{"A2", "A4", "A5"}},
				{"TerritoryItself", kg.ArticleFilter{Territory: c.ID("reg-95")}, []string{"A1"}},
				{"TerritoryAndBelow", kg.ArticleFilter{Territory: c.ID("reg-95"), IncludeDescendants: true}, []string{"A1", "A2", "A3", "A6", "A7"}},
				{"OtherRegionAndBelow", kg.ArticleFilter{Territory: c.ID("reg-96"), IncludeDescendants: true}, []string{"A4", "A5"}},
				{"QPV", kg.ArticleFilter{Territory: c.ID("qpv-A"), IncludeDescendants: true}, []string{"A2", "A3"}},
				{"Mentions", kg.ArticleFilter{Mentions: c.ID("youssef")}, []string{"A3", "A4"}},
				{"MentionsTheme", kg.ArticleFilter{Mentions: c.ID("pdlv")}, []string{"A3"}},
				{"SiteIgnoresCase", kg.ArticleFilter{Site: "tiers-lieux.EXAMPLE"}, []string{"A5"}},
				{"Site", kg.ArticleFilter{Site: "territoires-solidaires.example"}, []string{"A1", "A2", "A7"}},
				{"DateRangeInclusive", kg.ArticleFilter{From: "2023-05-02", To: "2024-01-15"}, []string{"A2", "A3", "A5"}},
				{"OpenEndedFrom", kg.ArticleFilter{From: "2024-01-01"}, []string{"A4", "A5"}},
				{"OpenEndedTo", kg.ArticleFilter{To: "2023-03-20"}, []string{"A1", "A7"}},
				{"Combined", kg.ArticleFilter{Territory: c.ID("reg-95"), IncludeDescendants: true, Themes: c.IDs("ess"), From: "2023-01-01"}, []string{"A1", "A3"}},
				{"UnknownEntity", kg.ArticleFilter{Mentions: "org:inconnue"}, nil},
			}
			for _, tc := range cases {
				for _, first := range []int{1, 100} {
					got := listArticlesAll(t, s, tc.f, kg.ArticleOrder{}, first)
					wantIDSet(t, tc.name, got, c.IDs(tc.want...))
					var graphs []kg.ArticleGraph
					for _, k := range tc.want {
						graphs = append(graphs, c.Graph(k))
					}
					wantIDs(t, tc.name+" order", got, articlesByRule(graphs, kg.ArticleOrder{}))
				}
			}
		},
		"MalformedFilterArgumentsAreInvalid": func(t *testing.T, s kg.Store, c *Corpus) {
			for name, f := range map[string]kg.ArticleFilter{
				"territory": {Territory: "pas un id"},
				"from":      {From: "2024-02-30"},
				"to":        {To: "demain"},
			} {
				_, err := s.ListArticles(t.Context(), f, kg.ArticleOrder{}, kg.PageRequest{First: 1})
				wantError(t, "filter "+name, err, kg.Invalid)
			}
		},
	})
}

package bench

import (
	"context"
	"fmt"

	"github.com/maillage/maillage/internal/kg"
)

// The five representative queries of the backbone issue and how the ids
// they ask about are picked from a store. They are shared by this
// package's benchmarks and internal/neo4jstore's, so both measure the same
// requests.

// Picks are the ids the benchmarked queries ask about, chosen from the data
// so that they are realistic whatever the corpus: the most mentioned
// organization, a median one, the region with the most initiatives placed in
// it or below it, the newest article.
type Picks struct {
	TopOrg, MidOrg    kg.Entity
	TopOrgRelations   int
	MidOrgRelations   int
	Region            kg.Entity
	RegionInitiatives int
	Article           kg.Article
	ArticleEntities   int
	// NameSearch is the median organization's name as typed without
	// accents, capitals or punctuation (its fold).
	NameSearch string
}

func (p Picks) String() string {
	return fmt.Sprintf("top organization %s (%d mentions in %d articles, %d relations); median organization %s (%d mentions in %d articles, %d relations); region %s %q (%d initiatives in it or below); newest article %s of %s (%d entities); searches %q and %q",
		p.TopOrg.ID, p.TopOrg.MentionCount, p.TopOrg.ArticleCount, p.TopOrgRelations,
		p.MidOrg.ID, p.MidOrg.MentionCount, p.MidOrg.ArticleCount, p.MidOrgRelations,
		p.Region.ID, p.Region.Name, p.RegionInitiatives,
		p.Article.ID, p.Article.PublishedAt, p.ArticleEntities, BroadSearch, p.NameSearch)
}

// ByMentions is the ordering of the queries that ask for the most mentioned
// entities first.
var ByMentions = kg.EntityOrder{Field: kg.SortByMentionCount, Direction: kg.Desc}

// Choose Picks the ids of the queries from the store.
func Choose(ctx context.Context, s kg.Store) (Picks, error) {
	var p Picks
	orgs := kg.EntityFilter{Type: kg.TypeOrganization}
	top, err := s.ListEntities(ctx, orgs, ByMentions, kg.PageRequest{First: 1})
	if err != nil {
		return p, err
	}
	if len(top.Items) == 0 {
		return p, fmt.Errorf("the store holds no organization")
	}
	p.TopOrg = top.Items[0]
	// The median organization by mention count: walk the ordering.
	want, page := top.TotalCount/2, kg.PageRequest{First: kg.MaxPageSize}
	for seen := 0; ; {
		pg, err := s.ListEntities(ctx, orgs, ByMentions, page)
		if err != nil {
			return p, err
		}
		if want < seen+len(pg.Items) {
			p.MidOrg = pg.Items[want-seen]
			break
		}
		if !pg.HasNextPage || len(pg.Items) == 0 {
			return p, fmt.Errorf("organization %d of %d not found", want, top.TotalCount)
		}
		seen += len(pg.Items)
		page.After = pg.Cursors[len(pg.Cursors)-1]
	}
	rels, err := s.CountRelations(ctx, []kg.ID{p.TopOrg.ID, p.MidOrg.ID}, kg.RelationQuery{})
	if err != nil {
		return p, err
	}
	p.TopOrgRelations, p.MidOrgRelations = rels[p.TopOrg.ID], rels[p.MidOrg.ID]
	p.NameSearch = kg.Fold(p.MidOrg.Name)

	regions, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeTerritory, Kinds: []string{string(kg.LevelRegion)}}, kg.EntityOrder{}, kg.PageRequest{First: 100})
	if err != nil {
		return p, err
	}
	p.RegionInitiatives = -1
	for _, r := range regions.Items {
		n, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeInitiative, Territory: r.ID, IncludeDescendants: true}, kg.EntityOrder{}, kg.PageRequest{})
		if err != nil {
			return p, err
		}
		if n.TotalCount > p.RegionInitiatives {
			p.Region, p.RegionInitiatives = r, n.TotalCount
		}
	}
	if p.RegionInitiatives <= 0 {
		return p, fmt.Errorf("no region has initiatives (%d regions)", len(regions.Items))
	}

	arts, err := s.ListArticles(ctx, kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: 1})
	if err != nil {
		return p, err
	}
	if len(arts.Items) == 0 {
		return p, fmt.Errorf("the store holds no article")
	}
	p.Article = arts.Items[0]
	p.ArticleEntities = p.Article.EntityCount
	return p, nil
}

// BroadSearch is what the broad search looks for: a common word of names,
// typed without its hyphen, that matches inside hundreds of names
// (partial matches) of generated corpora.
const BroadSearch = "tiers lieu"

// The GraphQL of the five queries: (a) an organization with its first 20
// relations and its territories; (b) the first 20 hits of a search; (c) a
// region, its first 20 children and the 20 most mentioned initiatives placed
// in it or below it, with their territories; (d) an article with its text,
// themes and first 50 entities with their spans; (e) the 20 most mentioned
// organizations × their first 10 relations × the other end × its
// territories.
const (
	EntityGQL = `query Entity($id: ID!) { organization(id: $id) {
  id name kind acronym aliases mentionCount articleCount firstMentioned lastMentioned
  relations(first: 20) { totalCount edges { type direction role confidence other { __typename id name } } }
  territories { id name level code }
} }`
	SearchGQL = `query Search($q: String!) { search(query: $q, first: 20) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor rank matchedName node { __typename id name mentionCount } }
} }`
	RegionGQL = `query Region($id: ID!) { territory(id: $id) {
  id name level code
  children(first: 20) { totalCount edges { node { id name code } } }
  initiatives(first: 20, includeDescendants: true, orderBy: {field: MENTION_COUNT, direction: DESC}) {
    totalCount edges { node { id name kind mentionCount territories { id name } } }
  }
} }`
	ArticleGQL = `query Article($id: ID!) { article(id: $id) {
  id url title publishedAt site text
  themes { id name }
  entities(first: 50) { totalCount edges { count spans { start end text } node { __typename id name } } }
} }`
	NestedGQL = `query Nested { organizations(first: 20, orderBy: {field: MENTION_COUNT, direction: DESC}) {
  totalCount edges { node { id name
    relations(first: 10) { totalCount edges { type other { __typename id name territories { id name } } } }
  } }
} }`
)

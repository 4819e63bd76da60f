package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"

	"github.com/maillage/maillage/internal/kg"
)

// picks are the ids the queries ask about, chosen from the data so that they
// are realistic whatever the corpus: the most mentioned organization, a
// median one, the region with the most initiatives placed in it or below
// it, the newest article.
type picks struct {
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

func (p picks) String() string {
	return fmt.Sprintf("top organization %s (%d mentions in %d articles, %d relations); median organization %s (%d mentions in %d articles, %d relations); region %s %q (%d initiatives in it or below); newest article %s of %s (%d entities); searches %q and %q",
		p.TopOrg.ID, p.TopOrg.MentionCount, p.TopOrg.ArticleCount, p.TopOrgRelations,
		p.MidOrg.ID, p.MidOrg.MentionCount, p.MidOrg.ArticleCount, p.MidOrgRelations,
		p.Region.ID, p.Region.Name, p.RegionInitiatives,
		p.Article.ID, p.Article.PublishedAt, p.ArticleEntities, broadSearch, p.NameSearch)
}

var byMentions = kg.EntityOrder{Field: kg.SortByMentionCount, Direction: kg.Desc}

// choose picks the ids of the queries from the store.
func choose(ctx context.Context, s kg.Store) (picks, error) {
	var p picks
	orgs := kg.EntityFilter{Type: kg.TypeOrganization}
	top, err := s.ListEntities(ctx, orgs, byMentions, kg.PageRequest{First: 1})
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
		pg, err := s.ListEntities(ctx, orgs, byMentions, page)
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

// broadSearch is what the broad search looks for: a common word of names,
// typed without its hyphen, that matches inside hundreds of names
// (partial matches) of generated corpora.
const broadSearch = "tiers lieu"

// query is one of the benchmarked fetches, as a GraphQL query for the API and
// as the same fetch written directly against kg.Store. Both return the ids
// of the nodes they fetched, which must be the same.
type query struct {
	name   string
	gql    string
	vars   func(p picks) map[string]any
	direct func(ctx context.Context, s kg.Store, p picks) ([]kg.ID, error)
}

// The five queries; (a) and (b) in two variants each.
var queries = []query{
	{name: "a-entity-top", gql: entityGQL, vars: func(p picks) map[string]any { return map[string]any{"id": p.TopOrg.ID} },
		direct: func(ctx context.Context, s kg.Store, p picks) ([]kg.ID, error) {
			return entityDirect(ctx, s, p.TopOrg.ID)
		}},
	{name: "a-entity-mid", gql: entityGQL, vars: func(p picks) map[string]any { return map[string]any{"id": p.MidOrg.ID} },
		direct: func(ctx context.Context, s kg.Store, p picks) ([]kg.ID, error) {
			return entityDirect(ctx, s, p.MidOrg.ID)
		}},
	{name: "b-search-broad", gql: searchGQL, vars: func(picks) map[string]any { return map[string]any{"q": broadSearch} },
		direct: func(ctx context.Context, s kg.Store, _ picks) ([]kg.ID, error) {
			return searchDirect(ctx, s, broadSearch)
		}},
	{name: "b-search-name", gql: searchGQL, vars: func(p picks) map[string]any { return map[string]any{"q": p.NameSearch} },
		direct: func(ctx context.Context, s kg.Store, p picks) ([]kg.ID, error) {
			return searchDirect(ctx, s, p.NameSearch)
		}},
	{name: "c-region-initiatives", gql: regionGQL, vars: func(p picks) map[string]any { return map[string]any{"id": p.Region.ID} },
		direct: func(ctx context.Context, s kg.Store, p picks) ([]kg.ID, error) {
			return regionDirect(ctx, s, p.Region.ID)
		}},
	{name: "d-article-entities", gql: articleGQL, vars: func(p picks) map[string]any { return map[string]any{"id": p.Article.ID} },
		direct: func(ctx context.Context, s kg.Store, p picks) ([]kg.ID, error) {
			return articleDirect(ctx, s, p.Article.ID)
		}},
	{name: "e-nested-list", gql: nestedGQL, vars: func(picks) map[string]any { return nil },
		direct: func(ctx context.Context, s kg.Store, _ picks) ([]kg.ID, error) { return nestedDirect(ctx, s) }},
}

// (a) An entity page: an organization with its first 20 relations (the
// other end of each) and its territories.
const entityGQL = `query Entity($id: ID!) { organization(id: $id) {
  id name kind acronym aliases mentionCount articleCount firstMentioned lastMentioned
  relations(first: 20) { totalCount edges { type direction role confidence other { __typename id name } } }
  territories { id name level code }
} }`

// placedIn is the relation query of an entity's territories.
var placedIn = kg.RelationQuery{Types: kg.PlacementTypes, Direction: kg.Out, OtherTypes: []kg.EntityType{kg.TypeTerritory}}

func entityDirect(ctx context.Context, s kg.Store, id kg.ID) ([]kg.ID, error) {
	es, err := s.Entities(ctx, []kg.ID{id})
	if err != nil {
		return nil, err
	}
	if _, ok := es[id]; !ok {
		return nil, fmt.Errorf("%s not found", id)
	}
	// The page of 20 and whether more follow, and the total, as the API
	// asks them.
	rels, err := s.RelationsOf(ctx, []kg.ID{id}, kg.RelationQuery{Direction: kg.Both, Limit: 21})
	if err != nil {
		return nil, err
	}
	if _, err := s.CountRelations(ctx, []kg.ID{id}, kg.RelationQuery{Direction: kg.Both}); err != nil {
		return nil, err
	}
	placed, err := s.RelationsOf(ctx, []kg.ID{id}, placedIn)
	if err != nil {
		return nil, err
	}
	page := rels[id][:min(20, len(rels[id]))]
	ends := append(otherEnds(id, page), otherEnds(id, placed[id])...)
	others, err := s.Entities(ctx, ends)
	if err != nil {
		return nil, err
	}
	out := []kg.ID{id}
	for _, o := range ends {
		if _, ok := others[o]; ok {
			out = append(out, o)
		}
	}
	return out, nil
}

// otherEnds returns the ends of rels opposite to id, without duplicates.
func otherEnds(id kg.ID, rels []kg.Relation) []kg.ID {
	out := make([]kg.ID, 0, len(rels))
	for _, r := range rels {
		o := r.To
		if o == id {
			o = r.From
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// (b) A search box: the first page of 20 hits for a text typed without
// accents: a common word (hundreds of partial matches to rank) or a name.
const searchGQL = `query Search($q: String!) { search(query: $q, first: 20) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor rank matchedName node { __typename id name mentionCount } }
} }`

func searchDirect(ctx context.Context, s kg.Store, text string) ([]kg.ID, error) {
	pg, err := s.Search(ctx, kg.SearchQuery{Text: text}, kg.PageRequest{First: 20})
	if err != nil {
		return nil, err
	}
	out := make([]kg.ID, len(pg.Items))
	for i, h := range pg.Items {
		out[i] = h.Entity.ID
	}
	return out, nil
}

// (c) A territory dashboard: a region, its departments, and the 20 most
// mentioned initiatives placed in it or anywhere below it, with where each
// is placed.
const regionGQL = `query Region($id: ID!) { territory(id: $id) {
  id name level code
  children(first: 20) { totalCount edges { node { id name code } } }
  initiatives(first: 20, includeDescendants: true, orderBy: {field: MENTION_COUNT, direction: DESC}) {
    totalCount edges { node { id name kind mentionCount territories { id name } } }
  }
} }`

func regionDirect(ctx context.Context, s kg.Store, id kg.ID) ([]kg.ID, error) {
	es, err := s.Entities(ctx, []kg.ID{id})
	if err != nil {
		return nil, err
	}
	if _, ok := es[id]; !ok {
		return nil, fmt.Errorf("%s not found", id)
	}
	children, err := s.RelationsOf(ctx, []kg.ID{id}, kg.RelationQuery{Types: []kg.RelationType{kg.PartOf}, Direction: kg.In, OtherTypes: []kg.EntityType{kg.TypeTerritory}})
	if err != nil {
		return nil, err
	}
	inits, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeInitiative, Territory: id, IncludeDescendants: true}, byMentions, kg.PageRequest{First: 20})
	if err != nil {
		return nil, err
	}
	initIDs := make([]kg.ID, len(inits.Items))
	for i, e := range inits.Items {
		initIDs[i] = e.ID
	}
	placed, err := s.RelationsOf(ctx, initIDs, placedIn)
	if err != nil {
		return nil, err
	}
	childIDs := otherEnds(id, children[id])
	ends := slices.Clone(childIDs[:min(20, len(childIDs))])
	for _, i := range initIDs {
		ends = append(ends, otherEnds(i, placed[i])...)
	}
	others, err := s.Entities(ctx, ends)
	if err != nil {
		return nil, err
	}
	out := append([]kg.ID{id}, initIDs...)
	for _, o := range ends {
		if _, ok := others[o]; ok {
			out = append(out, o)
		}
	}
	return out, nil
}

// (d) An article page: the article with its text and themes, and the
// entities it names with where it names them.
const articleGQL = `query Article($id: ID!) { article(id: $id) {
  id url title publishedAt site text
  themes { id name }
  entities(first: 50) { totalCount edges { count spans { start end text } node { __typename id name } } }
} }`

func articleDirect(ctx context.Context, s kg.Store, id kg.ID) ([]kg.ID, error) {
	arts, err := s.Articles(ctx, []kg.ID{id})
	if err != nil {
		return nil, err
	}
	a, ok := arts[id]
	if !ok {
		return nil, fmt.Errorf("%s not found", id)
	}
	ms, err := s.MentionsIn(ctx, []kg.ID{id})
	if err != nil {
		return nil, err
	}
	ids := slices.Clone(a.ThemeIDs)
	for _, m := range ms[id][:min(50, len(ms[id]))] {
		ids = append(ids, m.EntityID)
	}
	es, err := s.Entities(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []kg.ID{id}
	for _, e := range ids {
		if _, ok := es[e]; ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// (e) A three-level nested list: the 20 most mentioned organizations × their
// first 10 relations × the other end × its territories.
const nestedGQL = `query Nested { organizations(first: 20, orderBy: {field: MENTION_COUNT, direction: DESC}) {
  totalCount edges { node { id name
    relations(first: 10) { totalCount edges { type other { __typename id name territories { id name } } } }
  } }
} }`

func nestedDirect(ctx context.Context, s kg.Store) ([]kg.ID, error) {
	orgs, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, byMentions, kg.PageRequest{First: 20})
	if err != nil {
		return nil, err
	}
	ids := make([]kg.ID, len(orgs.Items))
	for i, e := range orgs.Items {
		ids[i] = e.ID
	}
	rels, err := s.RelationsOf(ctx, ids, kg.RelationQuery{Direction: kg.Both, Limit: 11})
	if err != nil {
		return nil, err
	}
	if _, err := s.CountRelations(ctx, ids, kg.RelationQuery{Direction: kg.Both}); err != nil {
		return nil, err
	}
	var level2 []kg.ID
	for _, id := range ids {
		level2 = append(level2, otherEnds(id, rels[id][:min(10, len(rels[id]))])...)
	}
	ends, err := s.Entities(ctx, level2)
	if err != nil {
		return nil, err
	}
	// The territories of an entity are where it is placed; those of a
	// territory are its parents.
	var placeable []kg.ID
	var level3 []kg.ID
	for _, id := range level2 {
		if e, ok := ends[id]; ok && e.Type == kg.TypeTerritory {
			level3 = append(level3, e.Parents...)
		} else {
			placeable = append(placeable, id)
		}
	}
	placed, err := s.RelationsOf(ctx, placeable, placedIn)
	if err != nil {
		return nil, err
	}
	for _, id := range placeable {
		level3 = append(level3, otherEnds(id, placed[id])...)
	}
	terr, err := s.Entities(ctx, level3)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(ids)
	for _, id := range level2 {
		if _, ok := ends[id]; ok {
			out = append(out, id)
		}
	}
	for _, id := range level3 {
		if _, ok := terr[id]; ok {
			out = append(out, id)
		}
	}
	return out, nil
}

// request is a ready-to-send GraphQL POST body.
type request []byte

func newRequest(gql string, vars map[string]any) request {
	b, err := json.Marshal(map[string]any{"query": gql, "variables": vars})
	if err != nil {
		panic(err) // only strings and ids: cannot fail
	}
	return b
}

// serve runs one request through the handler in-process and returns the
// recorder.
func (r request) serve(h http.Handler) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(r))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// response is a GraphQL response.
type response struct {
	Data   map[string]any    `json:"data"`
	Errors []json.RawMessage `json:"errors"`
}

// checkResponse decodes a response and fails unless it is a 200 with data
// and no errors; it returns the ids of the nodes in it.
func checkResponse(status int, body []byte) ([]kg.ID, error) {
	if status != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %.500s", status, body)
	}
	var r response
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("response is not JSON: %v: %.500s", err, body)
	}
	if len(r.Errors) > 0 || r.Data == nil {
		return nil, fmt.Errorf("response has errors or no data: %.500s", body)
	}
	var ids []kg.ID
	collectIDs(r.Data, &ids)
	if len(ids) == 0 {
		return nil, fmt.Errorf("response names no node: %.500s", body)
	}
	return ids, nil
}

// collectIDs appends every "id" value of a decoded JSON value.
func collectIDs(v any, ids *[]kg.ID) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && k == "id" {
				*ids = append(*ids, kg.ID(s))
			} else {
				collectIDs(x, ids)
			}
		}
	case []any:
		for _, x := range v {
			collectIDs(x, ids)
		}
	}
}

// distinct returns the sorted distinct ids.
func distinct(ids []kg.ID) []kg.ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

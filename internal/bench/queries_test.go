package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"

	"github.com/maillage/maillage/internal/bench"
	"github.com/maillage/maillage/internal/kg"
)

// query is one of the benchmarked fetches, as a GraphQL query for the API and
// as the same fetch written directly against kg.Store. Both return the ids
// of the nodes they fetched, which must be the same.
type query struct {
	name   string
	gql    string
	vars   func(p bench.Picks) map[string]any
	direct func(ctx context.Context, s kg.Store, p bench.Picks) ([]kg.ID, error)
}

// The five queries; (a) and (b) in two variants each.
var queries = []query{
	{name: "a-entity-top", gql: bench.EntityGQL, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": p.TopOrg.ID} },
		direct: func(ctx context.Context, s kg.Store, p bench.Picks) ([]kg.ID, error) {
			return entityDirect(ctx, s, p.TopOrg.ID)
		}},
	{name: "a-entity-mid", gql: bench.EntityGQL, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": p.MidOrg.ID} },
		direct: func(ctx context.Context, s kg.Store, p bench.Picks) ([]kg.ID, error) {
			return entityDirect(ctx, s, p.MidOrg.ID)
		}},
	{name: "b-search-broad", gql: bench.SearchGQL, vars: func(bench.Picks) map[string]any { return map[string]any{"q": bench.BroadSearch} },
		direct: func(ctx context.Context, s kg.Store, _ bench.Picks) ([]kg.ID, error) {
			return searchDirect(ctx, s, bench.BroadSearch)
		}},
	{name: "b-search-name", gql: bench.SearchGQL, vars: func(p bench.Picks) map[string]any { return map[string]any{"q": p.NameSearch} },
		direct: func(ctx context.Context, s kg.Store, p bench.Picks) ([]kg.ID, error) {
			return searchDirect(ctx, s, p.NameSearch)
		}},
	{name: "c-region-initiatives", gql: bench.RegionGQL, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": p.Region.ID} },
		direct: func(ctx context.Context, s kg.Store, p bench.Picks) ([]kg.ID, error) {
			return regionDirect(ctx, s, p.Region.ID)
		}},
	{name: "d-article-entities", gql: bench.ArticleGQL, vars: func(p bench.Picks) map[string]any { return map[string]any{"id": p.Article.ID} },
		direct: func(ctx context.Context, s kg.Store, p bench.Picks) ([]kg.ID, error) {
			return articleDirect(ctx, s, p.Article.ID)
		}},
	{name: "e-nested-list", gql: bench.NestedGQL, vars: func(bench.Picks) map[string]any { return nil },
		direct: func(ctx context.Context, s kg.Store, _ bench.Picks) ([]kg.ID, error) { return nestedDirect(ctx, s) }},
}

// (a) An entity page: an organization with its first 20 relations (the
// other end of each) and its territories.

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
	inits, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeInitiative, Territory: id, IncludeDescendants: true}, bench.ByMentions, kg.PageRequest{First: 20})
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

func nestedDirect(ctx context.Context, s kg.Store) ([]kg.ID, error) {
	orgs, err := s.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeOrganization}, bench.ByMentions, kg.PageRequest{First: 20})
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

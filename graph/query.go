package graph

import (
	"context"
	"slices"

	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/kg"
)

// node loads any node through the loaders (so that the loads of nodes
// share batches); an unknown or malformed id is nil without error.
func (r *Resolver) node(ctx context.Context, id kg.ID) (kg.Node, error) {
	return r.nodeWith(ctx, id, r.entity, r.article)
}

// rootNode is node for the root field node(id), which has no batch to
// share: it reads the store at once (see rootEntity).
func (r *Resolver) rootNode(ctx context.Context, id kg.ID) (kg.Node, error) {
	return r.nodeWith(ctx, id, r.rootEntity, r.rootArticle)
}

func (r *Resolver) nodeWith(ctx context.Context, id kg.ID,
	entity func(context.Context, kg.ID) (kg.Entity, bool, error),
	article func(context.Context, kg.ID) (kg.Article, bool, error)) (kg.Node, error) {
	if id.IsArticle() {
		a, ok, err := article(ctx, id)
		if err != nil || !ok {
			return nil, err
		}
		return &a, nil
	}
	e, ok, err := entity(ctx, id)
	if err != nil || !ok {
		return nil, err
	}
	if n := kg.AsNode(e); n != nil {
		return n, nil
	}
	return nil, nil
}

// nodes loads nodes in the order asked, nil for those that do not exist.
// Every load is started before any is awaited, so they share batches.
func (r *Resolver) nodes(ctx context.Context, ids []kg.ID) ([]kg.Node, error) {
	if len(ids) > r.opts.MaxPageSize {
		return nil, kg.Errorf(kg.Invalid, "ids: at most %d IDs, got %d", r.opts.MaxPageSize, len(ids))
	}
	type result struct {
		n   kg.Node
		err error
	}
	results := make([]chan result, len(ids))
	for i, id := range ids {
		results[i] = make(chan result, 1)
		go func() {
			n, err := r.node(ctx, id)
			results[i] <- result{n, err}
		}()
	}
	out := make([]kg.Node, len(ids))
	for i := range ids {
		res := <-results[i]
		if res.err != nil {
			return nil, res.err
		}
		out[i] = res.n
	}
	r.prefetchNodes(ctx, slices.DeleteFunc(slices.Clone(out), func(n kg.Node) bool { return n == nil })...)
	return out, nil
}

func nodesOf(edges []*model.SearchEdge) []kg.Node {
	out := make([]kg.Node, len(edges))
	for i, e := range edges {
		out[i] = e.Node
	}
	return out
}

// lookupView is the root field of one entity type (organization(id), …):
// lookup, the typed view, and the prefetch of what the query selects under
// it.
func lookupView[V kg.Node](ctx context.Context, r *Resolver, id kg.ID, want kg.EntityType, view func(kg.Entity) V) (V, error) {
	e, err := r.lookup(ctx, id, want)
	if err != nil {
		var none V
		return none, err
	}
	v := view(e)
	r.prefetchNodes(ctx, v)
	return v, nil
}

// lookup loads an entity asked explicitly by id and type by a root field
// (see rootEntity): an id of another type is Invalid, an unknown one
// NotFound, both naming the id.
func (r *Resolver) lookup(ctx context.Context, id kg.ID, want kg.EntityType) (kg.Entity, error) {
	if id.Valid() && id.EntityType() != want {
		what := "an article"
		if t := id.EntityType(); t != "" {
			what = "a " + string(t)
		}
		return kg.Entity{}, kg.Errorf(kg.Invalid, "id: %q is the ID of %s, not of a %s", id, what, want)
	}
	e, ok, err := r.rootEntity(ctx, id)
	if err != nil {
		return kg.Entity{}, err
	}
	if !ok {
		return kg.Entity{}, kg.Errorf(kg.NotFound, "no %s with ID %q", want, id)
	}
	return e, nil
}

// articleRelations loads the relations an article gives evidence for,
// between entities it mentions: the relations of its mentioned entities (one
// batched load) that have evidence from the article.
func (r *Resolver) articleRelations(ctx context.Context, id kg.ID, types []kg.RelationType) ([]kg.Relation, error) {
	ms, err := r.mentionsIn(ctx, id)
	if err != nil {
		return nil, err
	}
	lists, err := r.relationsOfAll(ctx, mentionedIDs(ms), articleRelationQuery(types))
	if err != nil {
		return nil, err
	}
	return statedBy(id, lists), nil
}

// search runs Store.Search and primes the entity loader with the hits.
func (r *Resolver) search(ctx context.Context, query string, types []kg.EntityType, first *int, after *string) (*model.SearchConnection, error) {
	if kg.Fold(query) == "" {
		return nil, kg.Errorf(kg.Invalid, "query: must contain a letter or a digit, got %q", truncate(query, 40))
	}
	p, err := r.pageRequest(first, after)
	if err != nil {
		return nil, err
	}
	pg, err := r.store.Search(ctx, kg.SearchQuery{Text: query, Types: types}, p)
	if err != nil {
		return nil, err
	}
	conn := &model.SearchConnection{TotalCount: pg.TotalCount, PageInfo: storePageInfo(pg.Cursors, pg.HasNextPage, p.After)}
	conn.Edges = make([]*model.SearchEdge, 0, len(pg.Items))
	defer func() { r.prefetchConnection(ctx, nodesOf(conn.Edges)...) }()
	for i, hit := range pg.Items {
		r.prime(ctx, hit.Entity)
		node := model.AsEntity(hit.Entity)
		if node == nil {
			return nil, kg.Errorf(kg.Internal, "search hit %s has unknown type %q", hit.Entity.ID, hit.Entity.Type)
		}
		conn.Edges = append(conn.Edges, &model.SearchEdge{Cursor: pg.Cursors[i], Node: node, Rank: hit.Rank, MatchedName: hit.MatchedName})
	}
	return conn, nil
}

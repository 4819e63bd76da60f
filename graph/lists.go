package graph

import (
	"context"

	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/kg"
)

// This file maps the filtered, ordered lists of the schema onto
// Store.ListEntities, Store.ListArticles and Store.Search.

// entityOrder fills the defaults of an entity ordering: NAME; ascending for
// NAME, descending for counts and dates.
func entityOrder(o *kg.EntityOrder) (kg.EntityOrder, error) {
	out := kg.EntityOrder{Field: kg.SortByName}
	if o != nil {
		out = *o
	}
	if out.Field == "" {
		out.Field = kg.SortByName
	}
	if out.Direction == "" {
		out.Direction = kg.Desc
		if out.Field == kg.SortByName {
			out.Direction = kg.Asc
		}
	}
	return out.Normalize()
}

// articleOrder fills the defaults of an article ordering: PUBLISHED_AT;
// descending for dates, ascending for titles.
func articleOrder(o *kg.ArticleOrder) (kg.ArticleOrder, error) {
	out := kg.ArticleOrder{Field: kg.SortByPublishedAt}
	if o != nil {
		out = *o
	}
	if out.Field == "" {
		out.Field = kg.SortByPublishedAt
	}
	if out.Direction == "" {
		out.Direction = kg.Asc
		if out.Field == kg.SortByPublishedAt {
			out.Direction = kg.Desc
		}
	}
	return out.Normalize()
}

// checkID checks that an id given as a filter is of the expected kind.
func checkID(arg string, id kg.ID, ok func(kg.ID) bool, what string) error {
	if id != "" && (!id.Valid() || !ok(id)) {
		return kg.Errorf(kg.Invalid, "%s: %q is not %s ID", arg, id, what)
	}
	return nil
}

func isTerritory(id kg.ID) bool { return id.EntityType() == kg.TypeTerritory }
func isTheme(id kg.ID) bool     { return id.EntityType() == kg.TypeTheme }
func isArticle(id kg.ID) bool   { return id.IsArticle() }
func isEntity(id kg.ID) bool    { return id.EntityType() != "" }

func checkThemes(arg string, ids []kg.ID) error {
	for _, id := range ids {
		if err := checkID(arg, id, isTheme, "a theme"); err != nil {
			return err
		}
	}
	return nil
}

func checkEntityFilter(f kg.EntityFilter, prefix string) error {
	if err := checkID(prefix+"territory", f.Territory, isTerritory, "a territory"); err != nil {
		return err
	}
	if err := checkID(prefix+"partOf", f.PartOf, isTerritory, "a territory"); err != nil {
		return err
	}
	if err := checkID(prefix+"mentionedIn", f.MentionedIn, isArticle, "an article"); err != nil {
		return err
	}
	return checkThemes(prefix+"themes", f.Themes)
}

// listEntities runs a filtered entity list and primes the entity loader
// with its items.
func (r *Resolver) listEntities(ctx context.Context, f kg.EntityFilter, orderBy *kg.EntityOrder, first *int, after *string) (kg.Page[kg.Entity], error) {
	p, err := r.pageRequest(first, after)
	if err != nil {
		return kg.Page[kg.Entity]{}, err
	}
	o, err := entityOrder(orderBy)
	if err != nil {
		return kg.Page[kg.Entity]{}, err
	}
	pg, err := r.store.ListEntities(ctx, f, o, p)
	if err != nil {
		return kg.Page[kg.Entity]{}, err
	}
	r.prime(ctx, pg.Items...)
	nodes := make([]kg.Node, 0, len(pg.Items))
	for _, e := range pg.Items {
		if n := kg.AsNode(e); n != nil {
			nodes = append(nodes, n)
		}
	}
	r.prefetchConnection(ctx, nodes...)
	return pg, nil
}

// rootEntities is a root entity list of type t.
func (r *Resolver) rootEntities(ctx context.Context, t kg.EntityType, filter *kg.EntityFilter, orderBy *kg.EntityOrder, first *int, after *string) (kg.Page[kg.Entity], *model.PageInfo, error) {
	var f kg.EntityFilter
	if filter != nil {
		f = *filter
		if err := checkEntityFilter(f, "filter."); err != nil {
			return kg.Page[kg.Entity]{}, nil, err
		}
	}
	f.Type = t
	pg, err := r.listEntities(ctx, f, orderBy, first, after)
	if err != nil {
		return pg, nil, err
	}
	return pg, storePageInfo(pg.Cursors, pg.HasNextPage, deref(after)), nil
}

// placedIn is the entity list of type t placed in territory id.
func (r *Resolver) placedIn(ctx context.Context, id kg.ID, t kg.EntityType, includeDescendants *bool, kinds []string, themes []kg.ID, from, to *kg.Date, orderBy *kg.EntityOrder, first *int, after *string) (kg.Page[kg.Entity], *model.PageInfo, error) {
	if err := checkThemes("themes", themes); err != nil {
		return kg.Page[kg.Entity]{}, nil, err
	}
	f := kg.EntityFilter{
		Type: t, Territory: id, IncludeDescendants: includeDescendants == nil || *includeDescendants,
		Kinds: kinds, Themes: themes, From: deref(from), To: deref(to),
	}
	pg, err := r.listEntities(ctx, f, orderBy, first, after)
	if err != nil {
		return pg, nil, err
	}
	return pg, storePageInfo(pg.Cursors, pg.HasNextPage, deref(after)), nil
}

// entityEdges makes the edges of a page of entities with typed views.
func entityEdges[V, E any](pg kg.Page[kg.Entity], view func(kg.Entity) *V, edge func(*V, string) E) []E {
	out := make([]E, 0, len(pg.Items))
	for i, e := range pg.Items {
		out = append(out, edge(view(e), pg.Cursors[i]))
	}
	return out
}

func organizationConnection(pg kg.Page[kg.Entity], pi *model.PageInfo) *model.OrganizationConnection {
	return &model.OrganizationConnection{PageInfo: pi, TotalCount: pg.TotalCount,
		Edges: entityEdges(pg, organizationView, func(v *kg.Organization, c string) *model.OrganizationEdge {
			return &model.OrganizationEdge{Cursor: c, Node: v}
		})}
}

func personConnection(pg kg.Page[kg.Entity], pi *model.PageInfo) *model.PersonConnection {
	return &model.PersonConnection{PageInfo: pi, TotalCount: pg.TotalCount,
		Edges: entityEdges(pg, personView, func(v *kg.Person, c string) *model.PersonEdge {
			return &model.PersonEdge{Cursor: c, Node: v}
		})}
}

func eventConnection(pg kg.Page[kg.Entity], pi *model.PageInfo) *model.EventConnection {
	return &model.EventConnection{PageInfo: pi, TotalCount: pg.TotalCount,
		Edges: entityEdges(pg, eventView, func(v *kg.Event, c string) *model.EventEdge {
			return &model.EventEdge{Cursor: c, Node: v}
		})}
}

func territoryConnection(pg kg.Page[kg.Entity], pi *model.PageInfo) *model.TerritoryConnection {
	return &model.TerritoryConnection{PageInfo: pi, TotalCount: pg.TotalCount,
		Edges: entityEdges(pg, territoryView, func(v *kg.Territory, c string) *model.TerritoryEdge {
			return &model.TerritoryEdge{Cursor: c, Node: v}
		})}
}

func themeConnection(pg kg.Page[kg.Entity], pi *model.PageInfo) *model.ThemeConnection {
	return &model.ThemeConnection{PageInfo: pi, TotalCount: pg.TotalCount,
		Edges: entityEdges(pg, themeView, func(v *kg.Theme, c string) *model.ThemeEdge {
			return &model.ThemeEdge{Cursor: c, Node: v}
		})}
}

func initiativeConnection(pg kg.Page[kg.Entity], pi *model.PageInfo) *model.InitiativeConnection {
	return &model.InitiativeConnection{PageInfo: pi, TotalCount: pg.TotalCount,
		Edges: entityEdges(pg, initiativeView, func(v *kg.Initiative, c string) *model.InitiativeEdge {
			return &model.InitiativeEdge{Cursor: c, Node: v}
		})}
}

// listArticles runs a filtered article list and primes the article loader.
func (r *Resolver) listArticles(ctx context.Context, f kg.ArticleFilter, orderBy *kg.ArticleOrder, first *int, after *string) (*model.ArticleConnection, error) {
	p, err := r.pageRequest(first, after)
	if err != nil {
		return nil, err
	}
	o, err := articleOrder(orderBy)
	if err != nil {
		return nil, err
	}
	pg, err := r.store.ListArticles(ctx, f, o, p)
	if err != nil {
		return nil, err
	}
	conn := &model.ArticleConnection{TotalCount: pg.TotalCount, PageInfo: storePageInfo(pg.Cursors, pg.HasNextPage, p.After)}
	conn.Edges = make([]*model.ArticleEdge, 0, len(pg.Items))
	if l, err := r.loaders(ctx); err == nil {
		for _, a := range pg.Items {
			l.articles.Prime(a.ID, a)
		}
	}
	nodes := make([]kg.Node, 0, len(pg.Items))
	for i := range pg.Items {
		conn.Edges = append(conn.Edges, &model.ArticleEdge{Cursor: pg.Cursors[i], Node: &pg.Items[i]})
		nodes = append(nodes, &pg.Items[i])
	}
	r.prefetchConnection(ctx, nodes...)
	return conn, nil
}

func checkArticleFilter(f kg.ArticleFilter, prefix string) error {
	if err := checkID(prefix+"territory", f.Territory, isTerritory, "a territory"); err != nil {
		return err
	}
	if err := checkID(prefix+"mentions", f.Mentions, isEntity, "an entity"); err != nil {
		return err
	}
	return checkThemes(prefix+"themes", f.Themes)
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

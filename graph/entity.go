package graph

import (
	"cmp"
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/kg"
)

// This file holds the logic shared by the six entity types' resolvers.

// byName orders entities by folded name, then id.
func byName(a, b kg.Entity) int {
	return cmp.Or(cmp.Compare(kg.Fold(a.Name), kg.Fold(b.Name)), cmp.Compare(a.ID, b.ID))
}

// typed keeps the entities of type t as typed views, in order.
func typed[V any](es []kg.Entity, t kg.EntityType, view func(kg.Entity) *V) []*V {
	out := make([]*V, 0, len(es))
	for _, e := range es {
		if e.Type == t {
			out = append(out, view(e))
		}
	}
	return out
}

func territoryView(e kg.Entity) *kg.Territory       { return &kg.Territory{Entity: e} }
func themeView(e kg.Entity) *kg.Theme               { return &kg.Theme{Entity: e} }
func organizationView(e kg.Entity) *kg.Organization { return &kg.Organization{Entity: e} }
func personView(e kg.Entity) *kg.Person             { return &kg.Person{Entity: e} }
func eventView(e kg.Entity) *kg.Event               { return &kg.Event{Entity: e} }
func initiativeView(e kg.Entity) *kg.Initiative     { return &kg.Initiative{Entity: e} }

// asEntities converts entities to GraphQL Entity values, in order.
func asEntities(es []kg.Entity) []model.Entity {
	out := make([]model.Entity, 0, len(es))
	for _, e := range es {
		if v := model.AsEntity(e); v != nil {
			out = append(out, v)
		}
	}
	return out
}

// otherEnds returns the distinct ids at the end of rels opposite to id, in
// order.
func otherEnds(id kg.ID, rels []kg.Relation) []kg.ID {
	out := make([]kg.ID, 0, len(rels))
	for _, rel := range rels {
		o := rel.To
		if o == id {
			o = rel.From
		}
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// related loads the entities at the other end of id's relations passing q,
// ordered by name.
func (r *Resolver) related(ctx context.Context, id kg.ID, q kg.RelationQuery) ([]kg.Entity, error) {
	rels, err := r.relationsOf(ctx, id, q)
	if err != nil {
		return nil, err
	}
	es, err := r.entitiesOf(ctx, otherEnds(id, rels))
	if err != nil {
		return nil, err
	}
	slices.SortFunc(es, byName)
	return es, nil
}

func (r *Resolver) mentionsConnection(ctx context.Context, e *kg.Entity, first *int, after *string) (*model.MentionConnection, error) {
	p, err := r.pageRequest(first, after)
	if err != nil {
		return nil, err
	}
	ms, err := r.mentionsOf(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	pg, err := mentionPage(ms, p)
	if err != nil {
		return nil, err
	}
	return &model.MentionConnection{Edges: pg.Edges, PageInfo: pg.PageInfo, TotalCount: pg.TotalCount}, nil
}

func (r *Resolver) relationsConnection(ctx context.Context, e *kg.Entity, types []kg.RelationType, dir *kg.Direction, otherTypes []kg.EntityType, first *int, after *string) (*model.RelationConnection, error) {
	pg, err := relationConnection(ctx, r, e.ID, relationQuery(types, dir, otherTypes), first, after, relationEdge(e.ID))
	if err != nil {
		return nil, err
	}
	return &model.RelationConnection{Edges: pg.Edges, PageInfo: pg.PageInfo, TotalCount: pg.TotalCount}, nil
}

// connParts says which parts of a connection a query selects: the page
// (edges or pageInfo), the total count, and, for a connection of
// relations, whether the edges read the relations' evidence (provenance).
type connParts struct{ page, total, evidence bool }

// selectedParts reads the parts of connection field f selected by the
// operation.
func selectedParts(oc *graphql.OperationContext, f graphql.CollectedField) connParts {
	var w connParts
	for _, sf := range graphql.CollectFields(oc, f.Selections, []string{f.Definition.Type.Name()}) {
		switch sf.Name {
		case "edges", "pageInfo":
			w.page = true
		case "totalCount":
			w.total = true
		}
		if sf.Name == "edges" && sf.Definition != nil && selectsEvidence(oc, sf.Selections, sf.Definition.Type.Name(), 0) {
			w.evidence = true
		}
	}
	return w
}

// linkTypes are the types between a relation connection's edges and the
// relation itself.
var linkTypes = map[string]bool{"Relation": true, "Role": true, "Participation": true, "Leadership": true, "Presentation": true}

// selectsEvidence reports whether sel, a selection on typeName under a
// relation connection's edges, reads a relation's evidence: the provenance
// of the edge or of the relation, directly or through a link (Role,
// Participation…). A confidence needs none: bare relations carry each
// source's highest one. Entities reached from there have relations of
// their own, read by their own fields.
func selectsEvidence(oc *graphql.OperationContext, sel ast.SelectionSet, typeName string, depth int) bool {
	for _, f := range graphql.CollectFields(oc, sel, []string{typeName}) {
		switch {
		case f.Name == "provenance":
			if typeName == "Relation" || typeName == "RelationEdge" {
				return true
			}
		case f.Definition != nil && linkTypes[f.Definition.Type.Name()] && depth < 4:
			if selectsEvidence(oc, f.Selections, f.Definition.Type.Name(), depth+1) {
				return true
			}
		}
	}
	return false
}

// wantedParts is selectedParts for the field being resolved (everything
// when called outside an operation).
func wantedParts(ctx context.Context) connParts {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil || !graphql.HasOperationContext(ctx) {
		return connParts{page: true, total: true, evidence: true}
	}
	return selectedParts(graphql.GetOperationContext(ctx), fc.Field)
}

// relationConnection pages the relations of id passing q for a connection
// field: the store reads only the page asked (see relationPageQuery), and
// counts the relations (without reading them) only when the field selects
// totalCount, and reads no evidence when the edges show no provenance. Both loads
// start before either is awaited.
func relationConnection[E any](ctx context.Context, r *Resolver, id kg.ID, q kg.RelationQuery, first *int, after *string, edge func(kg.Relation, string) E) (connPage[E], error) {
	p, err := r.pageRequest(first, after)
	if err != nil {
		return connPage[E]{}, err
	}
	pq, err := relationPageQuery(q, p)
	if err != nil {
		return connPage[E]{}, err
	}
	want := wantedParts(ctx)
	pq.Bare = !want.evidence
	var page func() ([]kg.Relation, error)
	var count func() (int, error)
	if want.page {
		if page, err = r.relationsThunk(ctx, id, pq); err != nil {
			return connPage[E]{}, err
		}
	}
	if want.total {
		if count, err = r.countThunk(ctx, id, q); err != nil {
			return connPage[E]{}, err
		}
	}
	out := connPage[E]{Edges: []E{}, PageInfo: &model.PageInfo{HasPreviousPage: p.After != ""}}
	if page != nil {
		rels, err := page()
		if err != nil {
			return connPage[E]{}, err
		}
		out = keyPage(rels, p, edge)
	}
	if count != nil {
		if out.TotalCount, err = count(); err != nil {
			return connPage[E]{}, err
		}
	}
	return out, nil
}

func (r *Resolver) coMentioned(ctx context.Context, e *kg.Entity, types []kg.EntityType, first *int) ([]*kg.CoMention, error) {
	n, err := r.limit(first)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return []*kg.CoMention{}, nil
	}
	cs, err := r.coMentionedOf(ctx, e.ID, kg.CoMentionQuery{Types: types, Limit: n})
	if err != nil {
		return nil, err
	}
	out := make([]*kg.CoMention, 0, min(n, len(cs)))
	for i := range cs[:min(n, len(cs))] {
		out = append(out, &cs[i])
	}
	return out, nil
}

// The relation queries of fields that show only the other ends: Bare, so
// that no evidence is read for them.
var (
	aboutThemes      = kg.RelationQuery{Types: []kg.RelationType{kg.About}, Direction: kg.Out, OtherTypes: []kg.EntityType{kg.TypeTheme}, Bare: true}
	placedIn         = kg.RelationQuery{Types: kg.PlacementTypes, Direction: kg.Out, OtherTypes: []kg.EntityType{kg.TypeTerritory}, Bare: true}
	narrowerThemes   = kg.RelationQuery{Types: []kg.RelationType{kg.About}, Direction: kg.In, OtherTypes: []kg.EntityType{kg.TypeTheme}, Bare: true}
	childTerritories = kg.RelationQuery{Types: []kg.RelationType{kg.PartOf}, Direction: kg.In, OtherTypes: []kg.EntityType{kg.TypeTerritory}, Bare: true}
	heldAt           = kg.RelationQuery{Types: []kg.RelationType{kg.HeldAt}, Direction: kg.Out, Bare: true}
)

// themes: the ABOUT relations of the entity (for a theme, its broader
// themes), by name.
func (r *Resolver) themes(ctx context.Context, e *kg.Entity) ([]*kg.Theme, error) {
	if e.Type == kg.TypeTheme {
		return r.broader(ctx, e)
	}
	es, err := r.related(ctx, e.ID, aboutThemes)
	if err != nil {
		return nil, err
	}
	return typed(es, kg.TypeTheme, themeView), nil
}

// territories: where the entity is placed (for a territory, its parents),
// by name.
func (r *Resolver) territories(ctx context.Context, e *kg.Entity) ([]*kg.Territory, error) {
	if e.Type == kg.TypeTerritory {
		es, err := r.entitiesOf(ctx, e.Parents)
		if err != nil {
			return nil, err
		}
		slices.SortFunc(es, byName)
		return typed(es, kg.TypeTerritory, territoryView), nil
	}
	es, err := r.related(ctx, e.ID, placedIn)
	if err != nil {
		return nil, err
	}
	return typed(es, kg.TypeTerritory, territoryView), nil
}

// broader: a theme's Broader ids and the themes it is ABOUT, by name.
func (r *Resolver) broader(ctx context.Context, e *kg.Entity) ([]*kg.Theme, error) {
	rels, err := r.relationsOf(ctx, e.ID, aboutThemes)
	if err != nil {
		return nil, err
	}
	ids := slices.Clone(e.Broader)
	for _, id := range otherEnds(e.ID, rels) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	es, err := r.entitiesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(es, byName)
	return typed(es, kg.TypeTheme, themeView), nil
}

// narrower: the themes ABOUT this one and those listing it as Broader, by
// name.
func (r *Resolver) narrower(ctx context.Context, e *kg.Entity) ([]*kg.Theme, error) {
	es, err := r.related(ctx, e.ID, narrowerThemes)
	if err != nil {
		return nil, err
	}
	all, err := r.allThemes(ctx)
	if err != nil {
		return nil, err
	}
	for _, th := range all {
		if slices.Contains(th.Broader, e.ID) && !slices.ContainsFunc(es, func(x kg.Entity) bool { return x.ID == th.ID }) {
			es = append(es, th)
		}
	}
	slices.SortFunc(es, byName)
	return typed(es, kg.TypeTheme, themeView), nil
}

// levelRank is the depth of a territory level (country 0 … QPV 5), -1 when
// unknown.
func levelRank(e kg.Entity) int {
	return slices.Index(kg.TerritoryLevels, kg.TerritoryLevel(e.Kind))
}

// nearestFirst orders territories from the smallest level to the largest,
// then by id.
func nearestFirst(a, b kg.Entity) int {
	return cmp.Or(-cmp.Compare(levelRank(a), levelRank(b)), cmp.Compare(a.ID, b.ID))
}

// parent chooses, among a territory's parents, the one directly above it in
// the administrative chain: the deepest level that is not an EPCI (a
// commune's department), else the EPCI; ties by id.
func parent(parents []kg.Entity) *kg.Entity {
	var best *kg.Entity
	better := func(a, b kg.Entity) bool { // a before b
		ae, be := a.Kind == string(kg.LevelEPCI), b.Kind == string(kg.LevelEPCI)
		if ae != be {
			return !ae
		}
		return nearestFirst(a, b) < 0
	}
	for i := range parents {
		if parents[i].Type != kg.TypeTerritory {
			continue
		}
		if best == nil || better(parents[i], *best) {
			best = &parents[i]
		}
	}
	return best
}

// maxHierarchyDepth bounds the walk up the territory hierarchy (there are
// six levels; the bound also stops cycles in bad data).
const maxHierarchyDepth = 8

// ancestors walks up the PART_OF hierarchy, one batched load per level.
func (r *Resolver) ancestors(ctx context.Context, e *kg.Entity) ([]*kg.Territory, error) {
	seen := map[kg.ID]bool{e.ID: true}
	var out []kg.Entity
	frontier := e.Parents
	for depth := 0; len(frontier) > 0 && depth < maxHierarchyDepth; depth++ {
		es, err := r.entitiesOf(ctx, frontier)
		if err != nil {
			return nil, err
		}
		frontier = nil
		for _, p := range es {
			if seen[p.ID] {
				continue
			}
			seen[p.ID] = true
			out = append(out, p)
			frontier = append(frontier, p.Parents...)
		}
	}
	slices.SortFunc(out, nearestFirst)
	return typed(out, kg.TypeTerritory, territoryView), nil
}

// links pages the relations of id passing q, ordered by relation key, as
// edges made by edge (see relationConnection).
func links[E any](ctx context.Context, r *Resolver, id kg.ID, q kg.RelationQuery, first *int, after *string, edge func(*model.Link, string) E) (connPage[E], error) {
	return relationConnection(ctx, r, id, q, first, after, func(rel kg.Relation, c string) E {
		return edge(&model.Link{Rel: rel}, c)
	})
}

func roleEdge(l *model.Link, c string) *model.RoleEdge { return &model.RoleEdge{Cursor: c, Node: l} }
func participationEdge(l *model.Link, c string) *model.ParticipationEdge {
	return &model.ParticipationEdge{Cursor: c, Node: l}
}
func leadershipEdge(l *model.Link, c string) *model.LeadershipEdge {
	return &model.LeadershipEdge{Cursor: c, Node: l}
}
func presentationEdge(l *model.Link, c string) *model.PresentationEdge {
	return &model.PresentationEdge{Cursor: c, Node: l}
}

func (r *Resolver) roles(ctx context.Context, id kg.ID, dir kg.Direction, first *int, after *string) (*model.RoleConnection, error) {
	pg, err := links(ctx, r, id, roleQuery(dir), first, after, roleEdge)
	if err != nil {
		return nil, err
	}
	return &model.RoleConnection{Edges: pg.Edges, PageInfo: pg.PageInfo, TotalCount: pg.TotalCount}, nil
}

func (r *Resolver) participations(ctx context.Context, id kg.ID, types []kg.RelationType, dir kg.Direction, first *int, after *string) (*model.ParticipationConnection, error) {
	pg, err := links(ctx, r, id, participationQuery(types, dir), first, after, participationEdge)
	if err != nil {
		return nil, err
	}
	return &model.ParticipationConnection{Edges: pg.Edges, PageInfo: pg.PageInfo, TotalCount: pg.TotalCount}, nil
}

func (r *Resolver) leaderships(ctx context.Context, id kg.ID, dir kg.Direction, first *int, after *string) (*model.LeadershipConnection, error) {
	pg, err := links(ctx, r, id, leadershipQuery(dir), first, after, leadershipEdge)
	if err != nil {
		return nil, err
	}
	return &model.LeadershipConnection{Edges: pg.Edges, PageInfo: pg.PageInfo, TotalCount: pg.TotalCount}, nil
}

func (r *Resolver) presentations(ctx context.Context, id kg.ID, dir kg.Direction, first *int, after *string) (*model.PresentationConnection, error) {
	pg, err := links(ctx, r, id, presentationQuery(dir), first, after, presentationEdge)
	if err != nil {
		return nil, err
	}
	return &model.PresentationConnection{Edges: pg.Edges, PageInfo: pg.PageInfo, TotalCount: pg.TotalCount}, nil
}

// end loads the entity at one end of a relation; a missing or mistyped end
// is an Internal error (the store must not return dangling relations).
func (r *Resolver) end(ctx context.Context, id kg.ID, want kg.EntityType) (kg.Entity, error) {
	e, ok, err := r.entity(ctx, id)
	if err != nil {
		return kg.Entity{}, err
	}
	if !ok {
		return kg.Entity{}, kg.Errorf(kg.Internal, "relation end %s not found", id)
	}
	if want != "" && e.Type != want {
		return kg.Entity{}, kg.Errorf(kg.Internal, "relation end %s is a %s, want a %s", id, e.Type, want)
	}
	return e, nil
}

// endEntity is end as a GraphQL Entity.
func (r *Resolver) endEntity(ctx context.Context, id kg.ID) (model.Entity, error) {
	e, err := r.end(ctx, id, "")
	if err != nil {
		return nil, err
	}
	v := model.AsEntity(e)
	if v == nil {
		return nil, kg.Errorf(kg.Internal, "entity %s has unknown type %q", id, e.Type)
	}
	return v, nil
}

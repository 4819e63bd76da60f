package graph

import (
	"slices"

	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/kg"
)

// The pages of the nested lists, computed from what the loaders return.
// Resolvers and the prefetcher both use these functions, so the prefetcher
// loads exactly what the resolvers will ask for.

var relationOrder = byRelationKey(func(rel kg.Relation) *kg.Relation { return &rel })

// Relation connections (an entity's relations and the link lists: roles,
// participations…) are paged by the store: the loaders read only the page,
// the relations after the cursor's key, first+1 of them (the extra one
// says whether there is a next page), and the count apart, when asked.

// relationPageQuery is the store query for page p of the relations passing
// q. Its cursor is the one of byRelationKey: the Key of the last relation.
func relationPageQuery(q kg.RelationQuery, p kg.PageRequest) (kg.RelationQuery, error) {
	q.After, q.Limit = "", p.First+1
	if p.After != "" {
		parts, err := kg.DecodeCursor(p.After, relationOrder.tag, relationOrder.parts)
		if err != nil {
			return q, err
		}
		q.After = parts[0]
	}
	return q, nil
}

// keyPage makes page p of edges from the relations a relationPageQuery
// read. TotalCount is left 0: the caller counts apart.
func keyPage[E any](rels []kg.Relation, p kg.PageRequest, edge func(kg.Relation, string) E) connPage[E] {
	n := min(len(rels), p.First)
	out := connPage[E]{PageInfo: &model.PageInfo{HasNextPage: len(rels) > n, HasPreviousPage: p.After != ""}}
	out.Edges = make([]E, 0, n)
	for _, rel := range rels[:n] {
		c := kg.EncodeCursor(relationOrder.tag, relationOrder.enc(rel.Key())...)
		out.Edges = append(out.Edges, edge(rel, c))
		if out.PageInfo.StartCursor == nil {
			out.PageInfo.StartCursor = &c
		}
		out.PageInfo.EndCursor = &c
	}
	return out
}

// mentionPage: an entity's mentions, newest article first.
func mentionPage(ms []kg.Mention, p kg.PageRequest) (connPage[*model.MentionEdge], error) {
	return paginate(ms, p, newestFirst, func(m kg.Mention, c string) *model.MentionEdge {
		return &model.MentionEdge{Cursor: c, Node: &m}
	})
}

// relationEdge is an entity's relation seen from the entity.
func relationEdge(id kg.ID) func(kg.Relation, string) *model.RelationEdge {
	return func(rel kg.Relation, c string) *model.RelationEdge {
		edge := &model.RelationEdge{Cursor: c, Node: &rel, Direction: kg.Out, OtherID: rel.To}
		if rel.From != id {
			edge.Direction, edge.OtherID = kg.In, rel.From
		}
		return edge
	}
}

// relationPage: a page of an entity's relations seen from it, by relation
// key, from what relationPageQuery read.
func relationPage(id kg.ID, rels []kg.Relation, p kg.PageRequest) connPage[*model.RelationEdge] {
	return keyPage(rels, p, relationEdge(id))
}

// cursored is an item of a page with its cursor.
type cursored[T any] struct {
	item   T
	cursor string
}

// linkPage: a page of relations presented as links (Role,
// Participation…), by key, from what relationPageQuery read.
func linkPage(rels []kg.Relation, p kg.PageRequest) connPage[cursored[*model.Link]] {
	return keyPage(rels, p, func(rel kg.Relation, c string) cursored[*model.Link] {
		return cursored[*model.Link]{&model.Link{Rel: rel}, c}
	})
}

// childPage: a territory's children ids (from its PART_OF relations), by id.
func childPage(id kg.ID, rels []kg.Relation, p kg.PageRequest) (connPage[cursored[kg.ID]], error) {
	return paginate(otherEnds(id, rels), p, byID, func(child kg.ID, c string) cursored[kg.ID] { return cursored[kg.ID]{child, c} })
}

// articleEntityPage: an article's entities, most named first.
func articleEntityPage(ms []kg.Mention, types []kg.EntityType, p kg.PageRequest) (connPage[*model.ArticleEntityEdge], error) {
	return paginate(ofTypes(ms, types), p, mostNamed, func(m kg.Mention, c string) *model.ArticleEntityEdge {
		return &model.ArticleEntityEdge{Cursor: c, Mention: m}
	})
}

// articleMentionPage: an article's mentions in text order.
func articleMentionPage(ms []kg.Mention, types []kg.EntityType, p kg.PageRequest) (connPage[*model.MentionEdge], error) {
	return paginate(ofTypes(ms, types), p, textOrder, func(m kg.Mention, c string) *model.MentionEdge {
		return &model.MentionEdge{Cursor: c, Node: &m}
	})
}

// articleRelationPage: the relations an article states, by key, each with
// the evidence the article gives.
func articleRelationPage(id kg.ID, rels []kg.Relation, p kg.PageRequest) (connPage[*model.ArticleRelationEdge], error) {
	return paginate(rels, p, relationOrder, func(rel kg.Relation, c string) *model.ArticleRelationEdge {
		edge := &model.ArticleRelationEdge{Cursor: c, Node: &rel}
		for _, ev := range rel.Provenance {
			if ev.ArticleID == id {
				edge.Evidence = append(edge.Evidence, ev)
			}
		}
		return edge
	})
}

// ofTypes keeps the mentions of entities of the given types (all when
// empty).
func ofTypes(ms []kg.Mention, types []kg.EntityType) []kg.Mention {
	if len(types) == 0 {
		return ms
	}
	out := make([]kg.Mention, 0, len(ms))
	for _, m := range ms {
		if slices.Contains(types, m.EntityID.EntityType()) {
			out = append(out, m)
		}
	}
	return out
}

// mentionedIDs lists the entities of an article's mentions.
func mentionedIDs(ms []kg.Mention) []kg.ID {
	ids := make([]kg.ID, len(ms))
	for i, m := range ms {
		ids[i] = m.EntityID
	}
	return ids
}

// statedBy keeps, among the relations of an article's entities, those the
// article gives evidence for, once each.
func statedBy(id kg.ID, lists [][]kg.Relation) []kg.Relation {
	seen := map[string]bool{}
	var out []kg.Relation
	for _, rels := range lists {
		for _, rel := range rels {
			k := rel.Key()
			if seen[k] || !slices.ContainsFunc(rel.Provenance, func(ev kg.Evidence) bool { return ev.ArticleID == id }) {
				continue
			}
			seen[k] = true
			out = append(out, rel)
		}
	}
	return out
}

// The relation queries of the fields.

func relationQuery(types []kg.RelationType, dir *kg.Direction, otherTypes []kg.EntityType) kg.RelationQuery {
	q := kg.RelationQuery{Types: types, Direction: kg.Both, OtherTypes: otherTypes}
	if dir != nil && *dir != "" {
		q.Direction = *dir
	}
	return q
}

func roleQuery(dir kg.Direction) kg.RelationQuery {
	return kg.RelationQuery{Types: []kg.RelationType{kg.HoldsRole}, Direction: dir}
}

func participationQuery(types []kg.RelationType, dir kg.Direction) kg.RelationQuery {
	q := kg.RelationQuery{Types: []kg.RelationType{kg.Organized, kg.ParticipatedIn}, Direction: dir}
	if len(types) > 0 {
		q.Types = types
	}
	return q
}

func leadershipQuery(dir kg.Direction) kg.RelationQuery {
	return kg.RelationQuery{Types: []kg.RelationType{kg.LedBy}, Direction: dir}
}

func presentationQuery(dir kg.Direction) kg.RelationQuery {
	return kg.RelationQuery{Types: []kg.RelationType{kg.PresentedAt}, Direction: dir}
}

// articleRelationQuery is the query run on each entity an article mentions.
func articleRelationQuery(types []kg.RelationType) kg.RelationQuery {
	return kg.RelationQuery{Types: types, Direction: kg.Both}
}

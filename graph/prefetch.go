package graph

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/kg"
)

// The prefetcher makes batching deterministic. Dataloaders alone batch by
// time: the loads of sibling fields join one store call only if they all
// arrive within the loader's wait, which fails when the process is starved
// of CPU (a 16 ms window still split under load in our measurements). So
// every resolver that returns objects from a store list (the root fields and
// the territory and theme lists) first walks the selection set under it,
// level by level: it gathers the keys every selected field of every object
// will load, reads them with one store call per batched method (and per
// relation query) for the whole level, and primes the dataloaders with the
// results. The resolvers then find their data cached. A nested query thus
// costs, for each root field, one round of store calls per level of the
// query, whatever the number of items.
//
// The prefetcher only optimises: when it meets something it does not
// cover, or a store call fails, it stops, and the resolvers load what is
// missing through the dataloaders (time-batched), reporting any error.

// maxPrefetchLevels bounds the walk (queries are also depth-limited by the
// server).
const maxPrefetchLevels = 64

type step struct {
	need func()        // registers the keys this object's fields load
	then func() []step // after the level's reads: the next level's objects
}

type prefetcher struct {
	r   *Resolver
	ctx context.Context
	oc  *graphql.OperationContext
	l   *loaderSet

	ents   map[kg.ID]*kg.Entity // read so far; nil: does not exist
	arts   map[kg.ID]*kg.Article
	rels   map[relKey][]kg.Relation
	counts map[relKey]int
	mOf    map[kg.ID][]kg.Mention
	mIn    map[kg.ID][]kg.Mention
	co     map[coKey][]kg.CoMention
	themes []kg.Entity // the vocabulary, once read

	wantEnts, wantArts, wantMOf, wantMIn map[kg.ID]bool
	wantRels, wantCounts                 map[relKey]bool
	wantCo                               map[coKey]bool
	wantThemes                           bool
}

// newPrefetcher returns a prefetcher for the resolver running in ctx, or
// nil when ctx has no operation or loaders (then nothing is prefetched).
func (r *Resolver) newPrefetcher(ctx context.Context) *prefetcher {
	if !graphql.HasOperationContext(ctx) || graphql.GetFieldContext(ctx) == nil {
		return nil
	}
	l, err := r.loaders(ctx)
	if err != nil {
		return nil
	}
	return &prefetcher{
		r: r, ctx: ctx, oc: graphql.GetOperationContext(ctx), l: l,
		ents: map[kg.ID]*kg.Entity{}, arts: map[kg.ID]*kg.Article{},
		rels: map[relKey][]kg.Relation{}, counts: map[relKey]int{}, mOf: map[kg.ID][]kg.Mention{}, mIn: map[kg.ID][]kg.Mention{},
		co: map[coKey][]kg.CoMention{},
	}
}

// run walks the levels from the first steps.
func (p *prefetcher) run(steps []step) {
	for level := 0; len(steps) > 0 && level < maxPrefetchLevels; level++ {
		p.wantEnts, p.wantArts, p.wantMOf, p.wantMIn = map[kg.ID]bool{}, map[kg.ID]bool{}, map[kg.ID]bool{}, map[kg.ID]bool{}
		p.wantRels, p.wantCounts, p.wantCo, p.wantThemes = map[relKey]bool{}, map[relKey]bool{}, map[coKey]bool{}, false
		for _, s := range steps {
			if s.need != nil {
				s.need()
			}
		}
		if !p.fetch() {
			return
		}
		var next []step
		for _, s := range steps {
			if s.then != nil {
				next = append(next, s.then()...)
			}
		}
		steps = next
	}
}

// fetch reads the keys wanted at this level that are not known yet, one
// store call per method and relation query, and primes the loaders. It
// reports false when a read failed.
func (p *prefetcher) fetch() bool {
	ctx, s := p.ctx, p.r.store
	if ids := unknown(p.wantEnts, p.ents); len(ids) > 0 {
		m, err := s.Entities(ctx, ids)
		if err != nil {
			return false
		}
		for _, id := range ids {
			e, ok := m[id]
			p.l.entities.Prime(id, e) // the zero Entity stands for "does not exist"
			if ok {
				p.ents[id] = &e
			} else {
				p.ents[id] = nil
			}
		}
	}
	if ids := unknown(p.wantArts, p.arts); len(ids) > 0 {
		m, err := s.Articles(ctx, ids)
		if err != nil {
			return false
		}
		for _, id := range ids {
			a, ok := m[id]
			p.l.articles.Prime(id, a)
			if ok {
				p.arts[id] = &a
			} else {
				p.arts[id] = nil
			}
		}
	}
	for _, read := range []struct {
		want  map[kg.ID]bool
		known map[kg.ID][]kg.Mention
		call  func(context.Context, []kg.ID) (map[kg.ID][]kg.Mention, error)
		prime func(kg.ID, []kg.Mention) bool
	}{
		{p.wantMOf, p.mOf, s.MentionsOf, p.l.mentionsOf.Prime},
		{p.wantMIn, p.mIn, s.MentionsIn, p.l.mentionsIn.Prime},
	} {
		if ids := unknown(read.want, read.known); len(ids) > 0 {
			m, err := read.call(ctx, ids)
			if err != nil {
				return false
			}
			for _, id := range ids {
				read.known[id] = m[id]
				read.prime(id, m[id])
			}
		}
	}
	if !fetchMissing(ctx, s, p.wantRels, p.rels, fetchRelations, p.l.relations.Prime) ||
		!fetchMissing(ctx, s, p.wantCounts, p.counts, fetchCounts, p.l.counts.Prime) ||
		!fetchMissing(ctx, s, p.wantCo, p.co, fetchCoMentioned, p.l.coMentioned.Prime) {
		return false
	}
	if p.wantThemes && p.themes == nil {
		all, err := p.r.allThemes(ctx)
		if err != nil {
			return false
		}
		p.themes = all
	}
	return true
}

func unknown[V any](want map[kg.ID]bool, known map[kg.ID]V) []kg.ID {
	var out []kg.ID
	for id := range want {
		if _, ok := known[id]; !ok && id.Valid() {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// fields returns the fields selected on an object of type typeName.
func (p *prefetcher) fields(sel ast.SelectionSet, typeName string, interfaces ...string) []graphql.CollectedField {
	return graphql.CollectFields(p.oc, sel, append([]string{typeName}, interfaces...))
}

// sub returns the selection sets of the fields called name selected on an
// object of type typeName (several when aliased).
func (p *prefetcher) sub(sel ast.SelectionSet, typeName, name string) []ast.SelectionSet {
	var out []ast.SelectionSet
	for _, f := range p.fields(sel, typeName) {
		if f.Name == name && len(f.Selections) > 0 {
			out = append(out, f.Selections)
		}
	}
	return out
}

// edges returns, for a connection field, the selection sets of its edges.
func (p *prefetcher) edges(f graphql.CollectedField) []ast.SelectionSet {
	return p.sub(f.Selections, f.Definition.Type.Name(), "edges")
}

// args reads a field's arguments (defaults applied) from the operation.
type args map[string]any

func (p *prefetcher) args(f graphql.CollectedField) args { return f.ArgumentMap(p.oc.Variables) }

func (a args) int(name string) *int {
	switch v := a[name].(type) {
	case int:
		return &v
	case int64:
		n := int(v)
		return &n
	case float64:
		n := int(v)
		return &n
	case json.Number:
		if n, err := v.Int64(); err == nil {
			i := int(n)
			return &i
		}
	}
	return nil
}

func (a args) string(name string) *string {
	if s, ok := a[name].(string); ok {
		return &s
	}
	return nil
}

func (a args) strings(name string) []string {
	list, _ := a[name].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (a args) relationTypes(name string) []kg.RelationType {
	var out []kg.RelationType
	for _, s := range a.strings(name) {
		out = append(out, kg.RelationType(s))
	}
	return out
}

func (a args) entityTypes(name string) []kg.EntityType {
	var out []kg.EntityType
	for _, s := range a.strings(name) {
		if t, err := kg.ParseEntityType(s); err == nil {
			out = append(out, t)
		}
	}
	return out
}

func (a args) direction(name string) *kg.Direction {
	if s := a.string(name); s != nil {
		d := kg.Direction(*s)
		return &d
	}
	return nil
}

// page reads first/after as the resolver does; ok is false when invalid
// (the resolver will report it).
func (p *prefetcher) page(a args) (kg.PageRequest, bool) {
	pr, err := p.r.pageRequest(a.int("first"), a.string("after"))
	return pr, err == nil
}

// Steps.

// entityRefs are entities known by id: loaded at this level, their fields
// at the next.
func (p *prefetcher) entityRefs(ids []kg.ID, sels ...ast.SelectionSet) []step {
	return refs(ids, &p.wantEnts, &p.ents, p.entity, sels)
}

// articleRefs is entityRefs for articles.
func (p *prefetcher) articleRefs(ids []kg.ID, sels ...ast.SelectionSet) []step {
	return refs(ids, &p.wantArts, &p.arts, p.article, sels)
}

// refs asks for the nodes of ids (want) and, once they are read (known),
// visits each selection set on each of them. want and known are the
// prefetcher's fields, read when the step runs (each round has its own
// want set).
func refs[T any](ids []kg.ID, want *map[kg.ID]bool, known *map[kg.ID]*T, visit func(T, ast.SelectionSet) step, sels []ast.SelectionSet) []step {
	if len(sels) == 0 || len(ids) == 0 {
		return nil
	}
	return []step{{
		need: func() {
			for _, id := range ids {
				(*want)[id] = true
			}
		},
		then: func() []step {
			var out []step
			for _, id := range ids {
				if n := (*known)[id]; n != nil {
					for _, sel := range sels {
						out = append(out, visit(*n, sel))
					}
				}
			}
			return out
		},
	}}
}

// loaded are objects already at hand: their fields load at this level.
func loaded(steps ...step) []step { return steps }

// entity registers what the selected fields of an entity load, and returns
// the objects they lead to.
func (p *prefetcher) entity(e kg.Entity, sel ast.SelectionSet) step {
	fields := p.fields(sel, string(e.Type), "Entity", "Node")
	var thens []func() []step
	var needs []func()
	rel := func(q kg.RelationQuery) relKey {
		k := newRelKey(e.ID, q)
		needs = append(needs, func() { p.wantRels[k] = true })
		return k
	}
	// relPage registers the reads of a relation connection as its
	// resolver makes them (relationConnection): the page if the field
	// selects edges or pageInfo (ok true, with its key), the count if it
	// selects totalCount.
	relPage := func(f graphql.CollectedField, q kg.RelationQuery, pr kg.PageRequest) (k relKey, ok bool) {
		pq, err := relationPageQuery(q, pr)
		if err != nil {
			return relKey{}, false
		}
		want := selectedParts(p.oc, f)
		pq.Bare = !want.evidence
		if want.total {
			ck := newRelKey(e.ID, q).unpaged()
			needs = append(needs, func() { p.wantCounts[ck] = true })
		}
		if !want.page {
			return relKey{}, false
		}
		return rel(pq), true
	}
	// linkField pages a link connection and follows its nodes.
	linkField := func(f graphql.CollectedField, q kg.RelationQuery, typeName string) {
		pr, ok := p.page(p.args(f))
		if !ok {
			return
		}
		k, ok := relPage(f, q, pr)
		if !ok {
			return
		}
		thens = append(thens, func() []step {
			pg := linkPage(p.rels[k], pr)
			var out []step
			for _, edgeSel := range p.edges(f) {
				for _, nodeSel := range p.sub(edgeSel, typeName+"Edge", "node") {
					for _, l := range pg.Edges {
						out = append(out, p.link(typeName, l.item.Rel, nodeSel)...)
					}
				}
			}
			return out
		})
	}
	for _, f := range fields {
		a := p.args(f)
		switch f.Name {
		case "mentions":
			needs = append(needs, func() { p.wantMOf[e.ID] = true })
			pr, ok := p.page(a)
			if !ok {
				continue
			}
			thens = append(thens, func() []step {
				pg, err := mentionPage(p.mOf[e.ID], pr)
				if err != nil {
					return nil
				}
				var out []step
				for _, edgeSel := range p.edges(f) {
					for _, nodeSel := range p.sub(edgeSel, "MentionEdge", "node") {
						for _, m := range pg.Edges {
							out = append(out, p.mention(*m.Node, nodeSel)...)
						}
					}
				}
				return out
			})
		case "relations":
			pr, ok := p.page(a)
			if !ok {
				continue
			}
			k, ok := relPage(f, relationQuery(a.relationTypes("types"), a.direction("direction"), a.entityTypes("otherTypes")), pr)
			if !ok {
				continue
			}
			thens = append(thens, func() []step {
				pg := relationPage(e.ID, p.rels[k], pr)
				var out []step
				for _, edgeSel := range p.edges(f) {
					for _, edge := range pg.Edges {
						out = append(out, p.relationEdge(edge, edgeSel)...)
					}
				}
				return out
			})
		case "coMentioned":
			n, err := p.r.limit(a.int("first"))
			if err != nil || n == 0 {
				continue
			}
			k := coKey{id: e.ID, types: entityTypeBits(a.entityTypes("types")), limit: n}
			needs = append(needs, func() { p.wantCo[k] = true })
			thens = append(thens, func() []step {
				var ids []kg.ID
				for _, c := range p.co[k] {
					ids = append(ids, c.EntityID)
				}
				return p.entityRefs(ids, p.sub(f.Selections, "CoMention", "entity")...)
			})
		case "themes", "broader":
			if e.Type == kg.TypeTheme || f.Name == "broader" {
				k := rel(aboutThemes)
				thens = append(thens, func() []step {
					ids := slices.Clone(e.Broader)
					for _, id := range otherEnds(e.ID, p.rels[k]) {
						if !slices.Contains(ids, id) {
							ids = append(ids, id)
						}
					}
					return p.entityRefs(ids, f.Selections)
				})
				continue
			}
			k := rel(aboutThemes)
			thens = append(thens, func() []step { return p.entityRefs(otherEnds(e.ID, p.rels[k]), f.Selections) })
		case "narrower":
			k := rel(narrowerThemes)
			needs = append(needs, func() { p.wantThemes = true })
			thens = append(thens, func() []step {
				ids := otherEnds(e.ID, p.rels[k])
				var out []step
				for _, th := range p.themes {
					if slices.Contains(th.Broader, e.ID) && !slices.Contains(ids, th.ID) {
						out = append(out, p.entity(th, f.Selections))
					}
				}
				return append(out, p.entityRefs(ids, f.Selections)...)
			})
		case "territories":
			if e.Type == kg.TypeTerritory {
				thens = append(thens, p.loadNow(&needs, e.Parents, f.Selections))
				continue
			}
			k := rel(placedIn)
			thens = append(thens, func() []step { return p.entityRefs(otherEnds(e.ID, p.rels[k]), f.Selections) })
		case "places":
			k := rel(heldAt)
			thens = append(thens, func() []step { return p.entityRefs(otherEnds(e.ID, p.rels[k]), f.Selections) })
		case "parents":
			thens = append(thens, p.loadNow(&needs, e.Parents, f.Selections))
		case "parent":
			thens = append(thens, func() []step {
				var ps []kg.Entity
				for _, id := range e.Parents {
					if x := p.ents[id]; x != nil {
						ps = append(ps, *x)
					}
				}
				if best := parent(ps); best != nil {
					return loaded(p.entity(*best, f.Selections))
				}
				return nil
			})
			needs = append(needs, func() {
				for _, id := range e.Parents {
					p.wantEnts[id] = true
				}
			})
		case "ancestors":
			needs = append(needs, func() {
				for _, id := range e.Parents {
					p.wantEnts[id] = true
				}
			})
			thens = append(thens, func() []step { return p.ancestors(e.ID, e.Parents, nil, f.Selections) })
		case "children":
			k := rel(childTerritories)
			pr, ok := p.page(a)
			if !ok {
				continue
			}
			thens = append(thens, func() []step {
				pg, err := childPage(e.ID, p.rels[k], pr)
				if err != nil {
					return nil
				}
				ids := make([]kg.ID, len(pg.Edges))
				for i, c := range pg.Edges {
					ids[i] = c.item
				}
				var sels []ast.SelectionSet
				for _, edgeSel := range p.edges(f) {
					sels = append(sels, p.sub(edgeSel, "TerritoryEdge", "node")...)
				}
				return p.entityRefs(ids, sels...)
			})
		case "people":
			linkField(f, roleQuery(kg.In), "Role")
		case "roles":
			linkField(f, roleQuery(kg.Out), "Role")
		case "events":
			switch e.Type {
			case kg.TypeOrganization, kg.TypePerson:
				linkField(f, participationQuery(a.relationTypes("types"), kg.Out), "Participation")
			case kg.TypeInitiative:
				linkField(f, presentationQuery(kg.Out), "Presentation")
			}
		case "initiatives":
			switch e.Type {
			case kg.TypeOrganization, kg.TypePerson:
				linkField(f, leadershipQuery(kg.In), "Leadership")
			case kg.TypeEvent:
				linkField(f, presentationQuery(kg.In), "Presentation")
			}
		case "organizers":
			linkField(f, participationQuery([]kg.RelationType{kg.Organized}, kg.In), "Participation")
		case "participants":
			linkField(f, participationQuery([]kg.RelationType{kg.ParticipatedIn}, kg.In), "Participation")
		case "leaders":
			linkField(f, leadershipQuery(kg.Out), "Leadership")
		}
	}
	return step{
		need: func() {
			for _, n := range needs {
				n()
			}
		},
		then: func() []step {
			var out []step
			for _, t := range thens {
				out = append(out, t()...)
			}
			return out
		},
	}
}

// loadNow registers entities to load at this level and returns the then
// that continues with them (for fields whose resolver loads entities
// directly, without a relation read first).
func (p *prefetcher) loadNow(needs *[]func(), ids []kg.ID, sel ast.SelectionSet) func() []step {
	*needs = append(*needs, func() {
		for _, id := range ids {
			p.wantEnts[id] = true
		}
	})
	return func() []step {
		var out []step
		for _, id := range ids {
			if e := p.ents[id]; e != nil {
				out = append(out, p.entity(*e, sel))
			}
		}
		return out
	}
}

// ancestors follows the walk of the ancestors resolver: one level of
// parents loaded per round, then the fields of every ancestor.
func (p *prefetcher) ancestors(self kg.ID, frontier []kg.ID, seen []kg.Entity, sel ast.SelectionSet) []step {
	var next []kg.ID
	for _, id := range frontier {
		e := p.ents[id]
		if e == nil || e.ID == self || slices.ContainsFunc(seen, func(x kg.Entity) bool { return x.ID == id }) {
			continue
		}
		seen = append(seen, *e)
		next = append(next, e.Parents...)
	}
	if len(next) == 0 || len(seen) > maxPrefetchLevels {
		out := make([]step, 0, len(seen))
		for _, e := range seen {
			out = append(out, p.entity(e, sel))
		}
		return out
	}
	return []step{{
		need: func() {
			for _, id := range next {
				p.wantEnts[id] = true
			}
		},
		then: func() []step { return p.ancestors(self, next, seen, sel) },
	}}
}

// article registers what the selected fields of an article load.
func (p *prefetcher) article(a kg.Article, sel ast.SelectionSet) step {
	var needs []func()
	var thens []func() []step
	for _, f := range p.fields(sel, "Article", "Node") {
		ar := p.args(f)
		switch f.Name {
		case "themes":
			thens = append(thens, p.loadNow(&needs, a.ThemeIDs, f.Selections))
		case "entities", "mentions":
			needs = append(needs, func() { p.wantMIn[a.ID] = true })
			pr, ok := p.page(ar)
			if !ok {
				continue
			}
			types := ar.entityTypes("types")
			thens = append(thens, func() []step {
				var out []step
				if f.Name == "entities" {
					pg, err := articleEntityPage(p.mIn[a.ID], types, pr)
					if err != nil {
						return nil
					}
					for _, edgeSel := range p.edges(f) {
						ids := make([]kg.ID, len(pg.Edges))
						for i, edge := range pg.Edges {
							ids[i] = edge.Mention.EntityID
						}
						out = append(out, p.entityRefs(ids, p.sub(edgeSel, "ArticleEntityEdge", "node")...)...)
					}
					return out
				}
				pg, err := articleMentionPage(p.mIn[a.ID], types, pr)
				if err != nil {
					return nil
				}
				for _, edgeSel := range p.edges(f) {
					for _, nodeSel := range p.sub(edgeSel, "MentionEdge", "node") {
						for _, m := range pg.Edges {
							out = append(out, p.mention(*m.Node, nodeSel)...)
						}
					}
				}
				return out
			})
		case "relations":
			needs = append(needs, func() { p.wantMIn[a.ID] = true })
			pr, ok := p.page(ar)
			if !ok {
				continue
			}
			q := articleRelationQuery(ar.relationTypes("types"))
			thens = append(thens, func() []step {
				ids := mentionedIDs(p.mIn[a.ID])
				return []step{{
					need: func() {
						for _, id := range ids {
							p.wantRels[newRelKey(id, q)] = true
						}
					},
					then: func() []step {
						lists := make([][]kg.Relation, len(ids))
						for i, id := range ids {
							lists[i] = p.rels[newRelKey(id, q)]
						}
						pg, err := articleRelationPage(a.ID, statedBy(a.ID, lists), pr)
						if err != nil {
							return nil
						}
						var out []step
						for _, edgeSel := range p.edges(f) {
							for _, edge := range pg.Edges {
								for _, nodeSel := range p.sub(edgeSel, "ArticleRelationEdge", "node") {
									out = append(out, p.relation(*edge.Node, nodeSel)...)
								}
								for _, evSel := range p.sub(edgeSel, "ArticleRelationEdge", "evidence") {
									out = append(out, p.evidence(edge.Evidence, evSel)...)
								}
							}
						}
						return out
					},
				}}
			})
		}
	}
	return step{
		need: func() {
			for _, n := range needs {
				n()
			}
		},
		then: func() []step {
			var out []step
			for _, t := range thens {
				out = append(out, t()...)
			}
			return out
		},
	}
}

// mention follows a Mention's article and entity.
func (p *prefetcher) mention(m kg.Mention, sel ast.SelectionSet) []step {
	return append(p.articleRefs([]kg.ID{m.ArticleID}, p.sub(sel, "Mention", "article")...),
		p.entityRefs([]kg.ID{m.EntityID}, p.sub(sel, "Mention", "entity")...)...)
}

// relationEdge follows a RelationEdge's other end, relation, articles and
// evidence.
func (p *prefetcher) relationEdge(edge *model.RelationEdge, sel ast.SelectionSet) []step {
	out := p.entityRefs([]kg.ID{edge.OtherID}, p.sub(sel, "RelationEdge", "other")...)
	for _, nodeSel := range p.sub(sel, "RelationEdge", "node") {
		out = append(out, p.relation(*edge.Node, nodeSel)...)
	}
	// ArticleIDs walks the whole provenance (hundreds of entries on a
	// hub's relations): only when the articles are selected.
	if sels := p.sub(sel, "RelationEdge", "articles"); len(sels) > 0 {
		out = append(out, p.articleRefs(edge.Node.ArticleIDs(), sels...)...)
	}
	for _, evSel := range p.sub(sel, "RelationEdge", "provenance") {
		out = append(out, p.evidence(edge.Node.Provenance, evSel)...)
	}
	return out
}

// relation follows a Relation's ends, articles and evidence.
func (p *prefetcher) relation(rel kg.Relation, sel ast.SelectionSet) []step {
	out := p.entityRefs([]kg.ID{rel.From}, p.sub(sel, "Relation", "from")...)
	out = append(out, p.entityRefs([]kg.ID{rel.To}, p.sub(sel, "Relation", "to")...)...)
	if sels := p.sub(sel, "Relation", "articles"); len(sels) > 0 {
		out = append(out, p.articleRefs(rel.ArticleIDs(), sels...)...)
	}
	for _, evSel := range p.sub(sel, "Relation", "provenance") {
		out = append(out, p.evidence(rel.Provenance, evSel)...)
	}
	return out
}

func (p *prefetcher) evidence(evs []kg.Evidence, sel ast.SelectionSet) []step {
	var ids []kg.ID
	for _, ev := range evs {
		if ev.ArticleID != "" {
			ids = append(ids, ev.ArticleID)
		}
	}
	return p.articleRefs(ids, p.sub(sel, "Evidence", "article")...)
}

// linkEnds names the fields of the link types: which end each one is.
var linkEnds = map[string]struct{ from, to string }{
	"Role":          {"person", "organization"},
	"Participation": {"participant", "event"},
	"Leadership":    {"initiative", "leader"},
	"Presentation":  {"initiative", "event"},
}

func (p *prefetcher) link(typeName string, rel kg.Relation, sel ast.SelectionSet) []step {
	ends := linkEnds[typeName]
	out := p.entityRefs([]kg.ID{rel.From}, p.sub(sel, typeName, ends.from)...)
	out = append(out, p.entityRefs([]kg.ID{rel.To}, p.sub(sel, typeName, ends.to)...)...)
	for _, relSel := range p.sub(sel, typeName, "relation") {
		out = append(out, p.relation(rel, relSel)...)
	}
	return out
}

// Entry points, called by the resolvers that return objects from outside
// the loaders.

// prefetchNodes prefetches under a field returning one object or a list of
// objects (entities or articles) with the current field's selection.
func (r *Resolver) prefetchNodes(ctx context.Context, nodes ...kg.Node) {
	p := r.newPrefetcher(ctx)
	if p == nil {
		return
	}
	sel := graphql.GetFieldContext(ctx).Field.Selections
	p.run(p.objects(nodes, sel))
}

// prefetchConnection prefetches under a connection field whose edges hold
// the given nodes (each edge's `node`).
func (r *Resolver) prefetchConnection(ctx context.Context, nodes ...kg.Node) {
	p := r.newPrefetcher(ctx)
	if p == nil {
		return
	}
	f := graphql.GetFieldContext(ctx).Field
	var steps []step
	for _, edgeSel := range p.edges(f) {
		edgeType := f.Definition.Type.Name()
		edgeType = edgeType[:len(edgeType)-len("Connection")] + "Edge"
		for _, nodeSel := range p.sub(edgeSel, edgeType, "node") {
			steps = append(steps, p.objects(nodes, nodeSel)...)
		}
	}
	p.run(steps)
}

// prefetchPayload prefetches under ingestArticle's payload.
func (r *Resolver) prefetchPayload(ctx context.Context, a kg.Article) {
	p := r.newPrefetcher(ctx)
	if p == nil {
		return
	}
	var steps []step
	for _, sel := range p.sub(graphql.GetFieldContext(ctx).Field.Selections, "IngestArticlePayload", "article") {
		steps = append(steps, p.article(a, sel))
	}
	p.run(steps)
}

func (p *prefetcher) objects(nodes []kg.Node, sel ast.SelectionSet) []step {
	var steps []step
	for _, n := range nodes {
		switch n := n.(type) {
		case *kg.Article:
			steps = append(steps, p.article(*n, sel))
		case interface{ NodeID() kg.ID }:
			if e, ok := entityOf(n); ok {
				p.ents[e.ID] = &e
				steps = append(steps, p.entity(e, sel))
			}
		}
	}
	return steps
}

// entityOf returns the kg.Entity inside a typed view.
func entityOf(n kg.Node) (kg.Entity, bool) {
	switch v := n.(type) {
	case *kg.Organization:
		return v.Entity, true
	case *kg.Person:
		return v.Entity, true
	case *kg.Event:
		return v.Entity, true
	case *kg.Territory:
		return v.Entity, true
	case *kg.Theme:
		return v.Entity, true
	case *kg.Initiative:
		return v.Entity, true
	}
	return kg.Entity{}, false
}

// fetchMissing asks fetch for the wanted keys not known yet, in one batch,
// and records and primes the answers (a key without an answer gets the zero
// value). It reports false when the store failed.
func fetchMissing[K comparable, V any](ctx context.Context, s kg.Store, want map[K]bool, known map[K]V, fetch func(context.Context, kg.Store, []K) (map[K]V, error), prime func(K, V) bool) bool {
	var keys []K
	for k := range want {
		if _, ok := known[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return true
	}
	m, err := fetch(ctx, s, keys)
	if err != nil {
		return false
	}
	for _, k := range keys {
		known[k] = m[k]
		prime(k, m[k])
	}
	return true
}

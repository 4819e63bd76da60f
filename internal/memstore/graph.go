package memstore

import (
	"cmp"
	"slices"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// graph is the in-memory graph rebuilt from the source of truth. It is
// changed only through apply, unapply, applyReference… followed by finalize,
// under the store's write lock.
type graph struct {
	articles  map[kg.ID]*articleRec
	entities  map[kg.ID]*entityRec
	byType    map[kg.EntityType]map[kg.ID]*entityRec
	relations map[string]*relRec
	themeArts map[kg.ID]map[kg.ID]struct{} // theme → articles listing it (HAS_THEME)
	mentions  int                          // (article, entity) pairs

	dirtyEnts map[*entityRec]struct{}
	dirtyRels map[*relRec]struct{}
}

// articleRec is a stored article: its normalised graph without text.
type articleRec struct {
	g           kg.ArticleGraph // normalised; Article.Text is empty
	foldedTitle string
	mentionsIn  []kg.Mention // MentionsIn order
}

func (a *articleRec) date() kg.Date { return a.g.Article.PublishedAt }

// entityRec is an entity with its sources, mentions and adjacency.
type entityRec struct {
	id       kg.ID
	typ      kg.EntityType
	ref      *kg.Entity             // the reference source, if any
	contribs map[kg.ID]contribution // by article id
	mentions map[kg.ID]*kg.Mention  // by article id
	out, in  map[string]*relRec     // by relation key

	e        kg.Entity // merged attributes, statistics and Parents: what Entities returns
	foldName string    // Fold(e.Name)
	names    []nameForm
}

type contribution struct {
	date kg.Date
	e    kg.Entity
}

type nameForm struct{ written, folded string }

// relRec is one relation (identity: its Key) with one statement per source:
// an article id, or "" for reference data.
type relRec struct {
	key    string
	typ    kg.RelationType
	from   kg.ID
	to     kg.ID
	stated map[kg.ID]*statement
	rel    kg.Relation // output form, rebuilt by finalize
}

type statement struct {
	role string
	date kg.Date
	ev   []kg.Evidence
}

func newGraph() *graph {
	g := &graph{
		articles:  map[kg.ID]*articleRec{},
		entities:  map[kg.ID]*entityRec{},
		byType:    map[kg.EntityType]map[kg.ID]*entityRec{},
		relations: map[string]*relRec{},
		themeArts: map[kg.ID]map[kg.ID]struct{}{},
		dirtyEnts: map[*entityRec]struct{}{},
		dirtyRels: map[*relRec]struct{}{},
	}
	for _, t := range kg.EntityTypes {
		g.byType[t] = map[kg.ID]*entityRec{}
	}
	return g
}

func (g *graph) entity(id kg.ID) *entityRec {
	r := g.entities[id]
	if r == nil {
		r = &entityRec{
			id: id, typ: id.EntityType(),
			contribs: map[kg.ID]contribution{},
			mentions: map[kg.ID]*kg.Mention{},
			out:      map[string]*relRec{},
			in:       map[string]*relRec{},
		}
		g.entities[id] = r
		g.byType[r.typ][id] = r
	}
	g.dirtyEnts[r] = struct{}{}
	return r
}

func (g *graph) relation(r kg.Relation) *relRec {
	key := r.Key()
	rr := g.relations[key]
	if rr == nil {
		rr = &relRec{key: key, typ: r.Type, from: r.From, to: r.To, stated: map[kg.ID]*statement{}}
		g.relations[key] = rr
		g.entity(r.From).out[key] = rr
		g.entity(r.To).in[key] = rr
	}
	g.dirtyRels[rr] = struct{}{}
	return rr
}

// prepareGraph turns a validated input graph into its stored form:
// normalised, text removed (returned apart), contributed entities not
// marked Reference.
func prepareGraph(in kg.ArticleGraph) (kg.ArticleGraph, string) {
	g := kg.NormalizeGraph(in)
	text := g.Article.Text
	g.Article.Text = ""
	for i := range g.Entities {
		g.Entities[i].Reference = false
	}
	return g, text
}

// apply adds a stored article graph (normalised, without text).
func (g *graph) apply(ag kg.ArticleGraph) {
	aid := ag.Article.ID
	ar := &articleRec{g: ag, foldedTitle: kg.Fold(ag.Article.Title)}
	ar.g.Article.ThemeIDs = slices.Clone(ag.Themes)
	ar.g.Article.EntityCount = len(ag.Mentions)
	date := ag.Article.PublishedAt
	g.articles[aid] = ar
	for _, e := range ag.Entities {
		g.entity(e.ID).contribs[aid] = contribution{date: date, e: e}
	}
	for i := range ag.Mentions {
		m := ag.Mentions[i]
		m.PublishedAt = date
		g.entity(m.EntityID).mentions[aid] = &m
		g.mentions++
	}
	ar.mentionsIn = slices.Clone(ag.Mentions)
	for i := range ar.mentionsIn {
		ar.mentionsIn[i].PublishedAt = date
	}
	slices.SortFunc(ar.mentionsIn, func(a, b kg.Mention) int {
		return cmp.Or(cmp.Compare(firstStart(a), firstStart(b)), cmp.Compare(a.EntityID, b.EntityID))
	})
	for _, r := range ag.Relations {
		g.relation(r).stated[aid] = &statement{role: r.Role, date: date, ev: r.Provenance}
	}
	for _, t := range ag.Themes {
		set := g.themeArts[t]
		if set == nil {
			set = map[kg.ID]struct{}{}
			g.themeArts[t] = set
		}
		set[aid] = struct{}{}
	}
}

func firstStart(m kg.Mention) int {
	if len(m.Spans) == 0 {
		return int(^uint(0) >> 1)
	}
	return m.Spans[0].Start
}

// unapply removes everything an article contributed.
func (g *graph) unapply(aid kg.ID) {
	ar := g.articles[aid]
	if ar == nil {
		return
	}
	delete(g.articles, aid)
	for _, e := range ar.g.Entities {
		if r := g.entities[e.ID]; r != nil {
			delete(r.contribs, aid)
			g.dirtyEnts[r] = struct{}{}
		}
	}
	for _, m := range ar.g.Mentions {
		if r := g.entities[m.EntityID]; r != nil {
			delete(r.mentions, aid)
			g.dirtyEnts[r] = struct{}{}
			g.mentions--
		}
	}
	for _, rel := range ar.g.Relations {
		if rr := g.relations[rel.Key()]; rr != nil {
			delete(rr.stated, aid)
			g.dirtyRels[rr] = struct{}{}
		}
	}
	for _, t := range ar.g.Themes {
		if set := g.themeArts[t]; set != nil {
			delete(set, aid)
			if len(set) == 0 {
				delete(g.themeArts, t)
			}
		}
	}
}

// applyReferenceEntity sets the reference source of an entity (replacing a
// previous one).
func (g *graph) applyReferenceEntity(e kg.Entity) {
	e = kg.CleanEntity(e)
	e.Reference = true
	g.entity(e.ID).ref = &e
}

// applyReferenceRelation adds reference evidence to a relation.
func (g *graph) applyReferenceRelation(r kg.Relation) {
	rr := g.relation(r)
	st := rr.stated[""]
	if st == nil {
		st = &statement{role: r.Role}
		rr.stated[""] = st
	}
	st.ev = mergeEvidence(st.ev, r.Provenance)
}

// mergeEvidence returns the sorted union of two evidence lists (reference
// evidence: ArticleID forced to "").
func mergeEvidence(a, b []kg.Evidence) []kg.Evidence {
	out := slices.Clone(a)
	for _, e := range b {
		e.ArticleID = ""
		out = append(out, e)
	}
	slices.SortFunc(out, compareEvidence)
	return slices.CompactFunc(out, func(x, y kg.Evidence) bool { return compareEvidence(x, y) == 0 })
}

func compareEvidence(a, b kg.Evidence) int {
	return cmp.Or(cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
		cmp.Compare(a.Extractor, b.Extractor), cmp.Compare(a.Sentence, b.Sentence))
}

// finalize recomputes what the last changes touched: relation outputs,
// merged entities and their statistics; it drops relations left without a
// statement and entities left without a source.
func (g *graph) finalize() (removedEntities int) {
	for rr := range g.dirtyRels {
		from, to := g.entities[rr.from], g.entities[rr.to]
		if from != nil {
			g.dirtyEnts[from] = struct{}{}
		}
		if to != nil {
			g.dirtyEnts[to] = struct{}{}
		}
		if len(rr.stated) == 0 {
			delete(g.relations, rr.key)
			if from != nil {
				delete(from.out, rr.key)
			}
			if to != nil {
				delete(to.in, rr.key)
			}
			continue
		}
		rr.rebuild()
	}
	clear(g.dirtyRels)
	for r := range g.dirtyEnts {
		if r.ref == nil && len(r.contribs) == 0 && len(r.mentions) == 0 && len(r.out) == 0 && len(r.in) == 0 {
			delete(g.entities, r.id)
			delete(g.byType[r.typ], r.id)
			removedEntities++
			continue
		}
		g.recompute(r)
	}
	clear(g.dirtyEnts)
	return removedEntities
}

// rebuild makes the output Relation: the role of the first source in
// precedence order (reference, then articles by kg.ContributionOrder), and
// the provenance of every source sorted by article id ("" first), then
// offsets. A source that gave no evidence still appears, as an evidence
// entry naming only its article (or extractor "reference").
func (rr *relRec) rebuild() {
	ids := make([]kg.ID, 0, len(rr.stated))
	for id := range rr.stated {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b kg.ID) int {
		switch {
		case a == "":
			return -1
		case b == "":
			return 1
		}
		return kg.ContributionOrder(rr.stated[a].date, a, rr.stated[b].date, b)
	})
	var prov []kg.Evidence
	for _, id := range ids {
		st := rr.stated[id]
		if len(st.ev) == 0 {
			ev := kg.Evidence{ArticleID: id}
			if id == "" {
				ev.Extractor = "reference"
			}
			prov = append(prov, ev)
			continue
		}
		prov = append(prov, st.ev...)
	}
	slices.SortStableFunc(prov, compareEvidence)
	role := ""
	for _, id := range ids {
		if r := strings.TrimSpace(rr.stated[id].role); r != "" {
			role = r
			break
		}
	}
	rr.rel = kg.Relation{Type: rr.typ, From: rr.from, To: rr.to, Role: role, Provenance: prov}
}

// recompute merges an entity's sources and computes its statistics and
// Parents.
func (g *graph) recompute(r *entityRec) {
	sources := make([]kg.Entity, 0, 1+len(r.contribs))
	if r.ref != nil {
		sources = append(sources, *r.ref)
	}
	aids := make([]kg.ID, 0, len(r.contribs))
	for id := range r.contribs {
		aids = append(aids, id)
	}
	slices.SortFunc(aids, func(a, b kg.ID) int {
		return kg.ContributionOrder(r.contribs[a].date, a, r.contribs[b].date, b)
	})
	for _, id := range aids {
		sources = append(sources, r.contribs[id].e)
	}
	var e kg.Entity
	if len(sources) > 0 {
		e = kg.MergeEntity(sources)
	} else {
		// Kept only by its mentions or relations: cannot happen with
		// validated input, but never leave a nameless node.
		e = kg.Entity{ID: r.id, Type: r.typ, Name: string(r.id)}
	}
	e.ID, e.Type = r.id, r.typ
	for _, m := range r.mentions {
		e.MentionCount += len(m.Spans)
		e.ArticleCount++
		if d := m.PublishedAt; d != "" {
			if e.FirstMentioned == "" || d < e.FirstMentioned {
				e.FirstMentioned = d
			}
			if d > e.LastMentioned {
				e.LastMentioned = d
			}
		}
	}
	if r.typ == kg.TypeTerritory {
		for _, rr := range r.out {
			if rr.typ == kg.PartOf && rr.to.EntityType() == kg.TypeTerritory && rr.to != r.id {
				e.Parents = append(e.Parents, rr.to)
			}
		}
		slices.Sort(e.Parents)
	}
	r.e = e
	r.foldName = kg.Fold(e.Name)
	r.names = r.names[:0]
	for _, n := range e.Names() {
		r.names = append(r.names, nameForm{written: n, folded: kg.Fold(n)})
	}
}

// view returns a copy of the entity safe to hand out.
func (r *entityRec) view() kg.Entity {
	e := r.e
	e.Aliases = slices.Clone(e.Aliases)
	e.Broader = slices.Clone(e.Broader)
	e.Parents = slices.Clone(e.Parents)
	return e
}

// articleView returns a copy of the stored article (without text).
func (a *articleRec) view() kg.Article {
	out := a.g.Article
	out.Themes = slices.Clone(out.Themes)
	out.Links = slices.Clone(out.Links)
	out.ThemeIDs = slices.Clone(out.ThemeIDs)
	return out
}

func cloneMention(m kg.Mention) kg.Mention {
	m.Spans = slices.Clone(m.Spans)
	return m
}

func cloneRelation(r kg.Relation) kg.Relation {
	r.Provenance = slices.Clone(r.Provenance)
	for i := range r.Provenance {
		r.Provenance[i].Spans = slices.Clone(r.Provenance[i].Spans)
	}
	return r
}

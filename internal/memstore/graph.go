package memstore

import (
	"hash/maphash"
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

	// bulk defers keeping the per-entity lists ordered (contributions and
	// their variants, adjacency) to the next finalize, which orders every
	// touched entity's lists at once: rebuilding at open applies every
	// article, and inserting each in place costs more than one sort.
	bulk bool
}

// articleRec is a stored article: its normalised graph without text. The
// entity records point into it (contributions, mentions).
type articleRec struct {
	g           kg.ArticleGraph // normalised; Article.Text is empty; mentions carry PublishedAt
	foldedTitle string
}

func (a *articleRec) date() kg.Date { return a.g.Article.PublishedAt }

// entityRec is an entity with its sources, mentions and adjacency. Lists are
// slices (most entities have a few of each; order is restored on read).
type entityRec struct {
	id       kg.ID
	typ      kg.EntityType
	ref      *kg.Entity     // the reference source, if any
	contribs []contribution // one per contributing article, in kg.ContributionOrder (see insertContribution)
	variants []*variant     // the distinct sources among contribs
	mentions []*kg.Mention  // into the mentioning articles' graphs
	out, in  []*relRec      // relations from and to it, each sorted by key (see insertRel)

	e        kg.Entity // merged attributes, statistics and Parents: what Entities returns
	foldName string    // Fold(e.Name)
	names    []nameForm
}

type contribution struct {
	article kg.ID
	date    kg.Date
	e       *kg.Entity // into the article's graph
	v       *variant   // the distinct source it gives
}

// variant is one distinct way articles give an entity: contributions that
// are sameSource share one. Popular entities are given the same way by
// hundreds of articles, and a source identical to an earlier one adds
// nothing to the merge (first non-empty values, union of names), so
// recompute merges variants, found without reading the contributions'
// entities: re-merging an entity given by n articles in d ways costs O(n)
// reads of contiguous memory and a merge of d sources, not O(n × d)
// comparisons of scattered entities.
type variant struct {
	sig  uint64     // sourceHash(*e)
	e    *kg.Entity // one of the contributions giving it
	n    int        // how many contributions give it
	seen bool       // scratch of recompute
}

// addVariant returns the variant of a new contribution of r giving e.
func (r *entityRec) addVariant(e *kg.Entity) *variant {
	sig := sourceHash(*e)
	for _, v := range r.variants {
		if v.sig == sig && sameSource(*v.e, *e) {
			v.n++
			return v
		}
	}
	v := &variant{sig: sig, e: e, n: 1}
	r.variants = append(r.variants, v)
	return v
}

// dropVariant accounts for the removal of contribution c (already out of
// r.contribs): its variant goes with its last contribution, or points to a
// remaining one if it pointed into c's article.
func (r *entityRec) dropVariant(c contribution) {
	v := c.v
	if v.n--; v.n == 0 {
		r.variants = removeFunc(r.variants, func(x *variant) bool { return x == v })
		return
	}
	if v.e == c.e {
		for _, o := range r.contribs {
			if o.v == v {
				v.e = o.e
				break
			}
		}
	}
}

func compareContributions(a, b contribution) int {
	return kg.ContributionOrder(a.date, a.article, b.date, b.article)
}

// insertContribution adds c to a list kept in kg.ContributionOrder, the
// order the merge reads sources in, so that recompute never sorts it.
func insertContribution(list []contribution, c contribution) []contribution {
	i, _ := slices.BinarySearchFunc(list, c, compareContributions)
	return slices.Insert(list, i, c)
}

// sourceSeed seeds sourceHash; hashes live in memory only.
var sourceSeed = maphash.MakeSeed()

// sourceHash hashes what sameSource compares.
func sourceHash(e kg.Entity) uint64 {
	var h maphash.Hash
	h.SetSeed(sourceSeed)
	for _, s := range []string{e.Name, e.Kind, e.Acronym, e.Code, string(e.StartDate), string(e.EndDate), e.Scheme} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	if e.Reference {
		h.WriteByte(1)
	}
	h.WriteByte(0)
	for _, a := range e.Aliases {
		h.WriteString(a)
		h.WriteByte(0)
	}
	h.WriteByte(1)
	for _, b := range e.Broader {
		h.WriteString(string(b))
		h.WriteByte(0)
	}
	return h.Sum64()
}

type nameForm struct{ written, folded string }

// relRec is one relation (identity: its Key) with one statement per source:
// an article id, or "" for reference data.
type relRec struct {
	key    string
	typ    kg.RelationType
	from   kg.ID
	to     kg.ID
	stated []statement // one per source, sorted by source ("" first): see addStatement
	rel    kg.Relation // output form, rebuilt by finalize
}

// statement is what one source says of a relation. Its evidence is sorted
// by kg.CompareEvidence and every entry's ArticleID is the source
// (kg.NormalizeGraph stamps the article's id, kg.MergeReferenceEvidence
// forces ""), so that the relation's provenance is the statements' evidence
// laid end to end in source order: rebuild never sorts it.
type statement struct {
	source kg.ID // article id, "" for reference data
	role   string
	date   kg.Date
	ev     []kg.Evidence
}

func compareSource(st statement, source kg.ID) int {
	return strings.Compare(string(st.source), string(source))
}

// statementOf returns the statement of source, or nil.
func (rr *relRec) statementOf(source kg.ID) *statement {
	if i, ok := slices.BinarySearchFunc(rr.stated, source, compareSource); ok {
		return &rr.stated[i]
	}
	return nil
}

// addStatement inserts st at its place in source order and returns it (a
// pointer valid until the next change of rr.stated). Articles are read back
// at open in id order, so there the insertion is an append.
func (rr *relRec) addStatement(st statement) *statement {
	i, _ := slices.BinarySearchFunc(rr.stated, st.source, compareSource)
	rr.stated = slices.Insert(rr.stated, i, st)
	return &rr.stated[i]
}

// dropStatement removes the statement of source, keeping the order.
func (rr *relRec) dropStatement(source kg.ID) {
	if i, ok := slices.BinarySearchFunc(rr.stated, source, compareSource); ok {
		rr.stated = slices.Delete(rr.stated, i, i+1)
	}
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
		r = &entityRec{id: id, typ: id.EntityType()}
		g.entities[id] = r
		g.byType[r.typ][id] = r
	}
	g.dirtyEnts[r] = struct{}{}
	return r
}

// relationKey is kg.Relation.Key without folding an empty role.
func relationKey(r kg.Relation) string {
	if r.Role == "" {
		return string(r.Type) + "|" + string(r.From) + "|" + string(r.To) + "|"
	}
	return r.Key()
}

func (g *graph) relation(r kg.Relation) *relRec {
	key := relationKey(r)
	rr := g.relations[key]
	if rr == nil {
		rr = &relRec{key: key, typ: r.Type, from: r.From, to: r.To}
		g.relations[key] = rr
		from, to := g.entity(r.From), g.entity(r.To)
		if g.bulk {
			from.out = append(from.out, rr)
			to.in = append(to.in, rr)
		} else {
			from.out = insertRel(from.out, rr)
			to.in = insertRel(to.in, rr)
		}
	}
	g.dirtyRels[rr] = struct{}{}
	return rr
}

// Adjacency lists are kept sorted by relation key, the order of
// RelationsOf, so that a page of an entity's relations is a binary search
// and a merge of its two lists, whatever their length.

func compareRelKey(rr *relRec, key string) int { return strings.Compare(rr.key, key) }

// insertRel adds rr to a sorted adjacency list.
func insertRel(list []*relRec, rr *relRec) []*relRec {
	i, _ := slices.BinarySearchFunc(list, rr.key, compareRelKey)
	return slices.Insert(list, i, rr)
}

// deleteRel removes rr from a sorted adjacency list, keeping the order.
func deleteRel(list []*relRec, rr *relRec) []*relRec {
	if i, ok := slices.BinarySearchFunc(list, rr.key, compareRelKey); ok && list[i] == rr {
		return slices.Delete(list, i, i+1)
	}
	return list
}

// removeFunc deletes, without keeping order, the first element of list for
// which match is true.
func removeFunc[T any](list []T, match func(T) bool) []T {
	if i := slices.IndexFunc(list, match); i >= 0 {
		last := len(list) - 1
		list[i] = list[last]
		var zero T
		list[last] = zero
		list = list[:last]
	}
	return list
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

// apply adds a stored article graph (normalised, without text); the graph
// is kept and pointed into.
func (g *graph) apply(ag kg.ArticleGraph) {
	aid := ag.Article.ID
	date := ag.Article.PublishedAt
	ag.Article.ThemeIDs = slices.Clone(ag.Themes)
	ag.Article.EntityCount = len(ag.Mentions)
	ar := &articleRec{g: ag, foldedTitle: kg.Fold(ag.Article.Title)}
	g.articles[aid] = ar
	for i := range ar.g.Entities {
		e := &ar.g.Entities[i]
		r := g.entity(e.ID)
		if g.bulk {
			r.contribs = append(r.contribs, contribution{article: aid, date: date, e: e}) // see order
		} else {
			r.contribs = insertContribution(r.contribs, contribution{article: aid, date: date, e: e, v: r.addVariant(e)})
		}
	}
	for i := range ar.g.Mentions {
		m := &ar.g.Mentions[i]
		m.PublishedAt = date
		r := g.entity(m.EntityID)
		r.mentions = append(r.mentions, m)
		g.mentions++
	}
	for _, r := range ar.g.Relations {
		ev := r.Provenance // sorted by kg.NormalizeGraph; checked, as the provenance depends on it
		if !slices.IsSortedFunc(ev, kg.CompareEvidence) {
			ev = slices.Clone(ev)
			slices.SortStableFunc(ev, kg.CompareEvidence)
		}
		g.relation(r).addStatement(statement{source: aid, role: r.Role, date: date, ev: ev})
	}
	for _, t := range ar.g.Themes {
		set := g.themeArts[t]
		if set == nil {
			set = map[kg.ID]struct{}{}
			g.themeArts[t] = set
		}
		set[aid] = struct{}{}
	}
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
			if i := slices.IndexFunc(r.contribs, func(c contribution) bool { return c.article == aid }); i >= 0 {
				c := r.contribs[i]
				r.contribs = slices.Delete(r.contribs, i, i+1) // keeps the order
				r.dropVariant(c)
			}
			g.dirtyEnts[r] = struct{}{}
		}
	}
	for i := range ar.g.Mentions {
		m := &ar.g.Mentions[i]
		if r := g.entities[m.EntityID]; r != nil {
			r.mentions = removeFunc(r.mentions, func(x *kg.Mention) bool { return x == m })
			g.dirtyEnts[r] = struct{}{}
			g.mentions--
		}
	}
	for _, rel := range ar.g.Relations {
		if rr := g.relations[relationKey(rel)]; rr != nil {
			rr.dropStatement(aid)
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
	st := rr.statementOf("")
	if st == nil {
		st = rr.addStatement(statement{role: r.Role})
	}
	st.ev = kg.MergeReferenceEvidence(st.ev, r.Provenance)
}

// finalize recomputes what the last changes touched: relation outputs,
// merged entities and their statistics; it drops relations left without a
// statement and entities left without a source.
func (g *graph) finalize() (removedEntities int) {
	if g.bulk {
		g.order()
		g.bulk = false
	}
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
				from.out = deleteRel(from.out, rr)
			}
			if to != nil {
				to.in = deleteRel(to.in, rr)
			}
			continue
		}
		rr.rebuild()
	}
	clear(g.dirtyRels)
	var keep []*entityRec
	for r := range g.dirtyEnts {
		if r.ref == nil && len(r.contribs) == 0 && len(r.mentions) == 0 && len(r.out) == 0 && len(r.in) == 0 {
			delete(g.entities, r.id)
			delete(g.byType[r.typ], r.id)
			removedEntities++
			continue
		}
		keep = append(keep, r)
	}
	clear(g.dirtyEnts)
	// recompute only writes its own record: large rebuilds (open, big
	// batches) run it in parallel.
	if err := parallel(len(keep), func(i int) error {
		recompute(keep[i])
		return nil
	}); err != nil {
		panic(err) // a bug in recompute: never leave the graph half rebuilt
	}
	return removedEntities
}

// order orders the lists of every touched entity after bulk applies:
// contributions in contribution order with their variants, adjacency by
// relation key.
func (g *graph) order() {
	recs := make([]*entityRec, 0, len(g.dirtyEnts))
	for r := range g.dirtyEnts {
		recs = append(recs, r)
	}
	byKey := func(a, b *relRec) int { return strings.Compare(a.key, b.key) }
	if err := parallel(len(recs), func(i int) error {
		r := recs[i]
		slices.SortFunc(r.contribs, compareContributions)
		r.variants = nil
		for j := range r.contribs {
			r.contribs[j].v = r.addVariant(r.contribs[j].e)
		}
		slices.SortFunc(r.out, byKey)
		slices.SortFunc(r.in, byKey)
		return nil
	}); err != nil {
		panic(err) // a bug: never leave the graph half ordered
	}
}

// rebuild makes the output Relation: the role of the first source in
// precedence order (reference, then articles by kg.ContributionOrder) that
// gives one, and the provenance of every source sorted by kg.CompareEvidence
// (article id, "" first, then offsets). A source that gave no evidence still
// appears, as an evidence entry naming only its article (or extractor
// "reference").
//
// The statements are in source order, each one's evidence sorted and
// naming its source (see statement): laid end to end they are the
// provenance sorted, as a stable sort of all of it would give, in one pass.
func (rr *relRec) rebuild() {
	n := 0
	role := ""
	var first *statement // the first source in precedence order giving a role
	for i := range rr.stated {
		st := &rr.stated[i]
		n += max(1, len(st.ev))
		if r := strings.TrimSpace(st.role); r != "" && (first == nil || precedes(st, first)) {
			first, role = st, r
		}
	}
	prov := make([]kg.Evidence, 0, n)
	for _, st := range rr.stated {
		if len(st.ev) == 0 {
			ev := kg.Evidence{ArticleID: st.source}
			if st.source == "" {
				ev.Extractor = "reference"
			}
			prov = append(prov, ev)
			continue
		}
		prov = append(prov, st.ev...)
	}
	rr.rel = kg.Relation{Type: rr.typ, From: rr.from, To: rr.to, Role: role, Provenance: prov}
}

// precedes reports whether statement a comes before b (of another source)
// in precedence order: reference first, then articles in
// kg.ContributionOrder.
func precedes(a, b *statement) bool {
	switch {
	case a.source == "":
		return true
	case b.source == "":
		return false
	}
	return kg.ContributionOrder(a.date, a.source, b.date, b.source) < 0
}

// recompute merges an entity's sources and computes its statistics and
// Parents.
func recompute(r *entityRec) {
	var sources []kg.Entity
	if r.ref != nil {
		sources = append(sources, *r.ref)
	}
	// The distinct sources (variants) in contribution order of their first
	// contribution; contribs is kept in that order.
	for _, c := range r.contribs {
		if !c.v.seen {
			c.v.seen = true
			sources = append(sources, *c.v.e)
		}
	}
	for _, v := range r.variants {
		v.seen = false
	}
	var e kg.Entity
	switch {
	case len(sources) == 1:
		// Sources are stored clean (kg.CleanEntity), and the merge of one
		// clean entity is itself with Broader sorted: skip the merge, the
		// costliest step of rebuilding a large store.
		e = sources[0]
		e.Broader = slices.Compact(slices.Sorted(slices.Values(e.Broader)))
		if len(e.Broader) == 0 {
			e.Broader = nil
		}
	case len(sources) > 1:
		e = kg.MergeEntity(sources)
	default:
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
	// The names of e.Names(), folded once each.
	r.names = r.names[:0]
	add := func(n string) {
		f := kg.Fold(n)
		if f == "" || slices.ContainsFunc(r.names, func(x nameForm) bool { return x.folded == f }) {
			return
		}
		r.names = append(r.names, nameForm{written: n, folded: f})
	}
	add(e.Name)
	for _, a := range e.Aliases {
		add(a)
	}
	add(e.Acronym)
	if len(r.names) > 0 && r.names[0].written == e.Name {
		r.foldName = r.names[0].folded
	} else {
		r.foldName = kg.Fold(e.Name)
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

// bareRelation is r for a kg.RelationQuery.Bare: one evidence entry per
// source, naming its article with the source's highest confidence (r's
// provenance is sorted by article id).
func bareRelation(r kg.Relation) kg.Relation {
	n := 0
	for i, e := range r.Provenance {
		if i == 0 || e.ArticleID != r.Provenance[i-1].ArticleID {
			n++
		}
	}
	prov := make([]kg.Evidence, 0, n)
	for i, e := range r.Provenance {
		if i > 0 && e.ArticleID == r.Provenance[i-1].ArticleID {
			prov[len(prov)-1].Confidence = max(prov[len(prov)-1].Confidence, e.Confidence)
			continue
		}
		b := kg.Evidence{ArticleID: e.ArticleID, Confidence: e.Confidence}
		if e.ArticleID == "" {
			b.Extractor = "reference"
		}
		prov = append(prov, b)
	}
	r.Provenance = prov
	return r
}

func cloneRelation(r kg.Relation) kg.Relation {
	r.Provenance = slices.Clone(r.Provenance)
	for i := range r.Provenance {
		r.Provenance[i].Spans = slices.Clone(r.Provenance[i].Spans)
	}
	return r
}

// sameSource reports whether two contributed entities are identical in
// everything MergeEntity reads.
func sameSource(a, b kg.Entity) bool {
	return a.Name == b.Name && a.Kind == b.Kind && a.Acronym == b.Acronym && a.Code == b.Code &&
		a.StartDate == b.StartDate && a.EndDate == b.EndDate && a.Scheme == b.Scheme &&
		a.Reference == b.Reference && slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.Broader, b.Broader)
}

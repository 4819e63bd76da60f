package neo4jstore

import (
	"cmp"
	"context"
	"encoding/json"
	"hash/fnv"
	"maps"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/maillage/maillage/internal/kg"
)

// UpsertArticles writes article graphs in one transaction (see kg.Store).
func (s *Store) UpsertArticles(ctx context.Context, graphs []kg.ArticleGraph) (kg.UpsertResult, error) {
	if err := s.begin(ctx); err != nil {
		return kg.UpsertResult{}, err
	}
	if len(graphs) == 0 {
		return kg.UpsertResult{}, nil
	}
	// The ids a graph uses without listing them: they must be stored
	// reference entities.
	unlisted := map[kg.ID]bool{}
	for _, g := range graphs {
		listed := map[kg.ID]bool{}
		for _, e := range g.Entities {
			listed[e.ID] = true
		}
		use := func(id kg.ID) {
			if !listed[id] && id.Valid() {
				unlisted[id] = true
			}
		}
		for _, m := range g.Mentions {
			use(m.EntityID)
		}
		for _, r := range g.Relations {
			use(r.From)
			use(r.To)
		}
		for _, t := range g.Themes {
			use(t)
		}
	}
	res, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		known, err := s.writeStart(ctx, tx, graphIDs(graphs), slices.Sorted(maps.Keys(unlisted)))
		if err != nil {
			return nil, err
		}
		prepared := make([]prepared, len(graphs))
		for i, g := range graphs {
			if err := kg.ValidateGraph(g, func(id kg.ID) bool { return known[id] }); err != nil {
				return nil, err
			}
			prepared[i] = prepareGraph(g)
		}
		return s.applyWrite(ctx, tx, prepared, nil)
	})
	if err != nil {
		return kg.UpsertResult{}, err
	}
	return res.(kg.UpsertResult), nil
}

// DeleteArticle removes an article and what it alone supported (see
// kg.Store).
func (s *Store) DeleteArticle(ctx context.Context, id kg.ID) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	if !id.Valid() || !id.IsArticle() {
		return kg.Errorf(kg.Invalid, "id: %q is not an article id", id)
	}
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		if _, err := s.writeStart(ctx, tx, []kg.ID{id}, nil); err != nil {
			return nil, err
		}
		return s.applyWrite(ctx, tx, nil, []kg.ID{id})
	})
	return err
}

// writeStart, first thing in a write transaction, takes the write stripes
// of the ids the transaction writes (lock), checks that the database is the
// one the schema was applied to (errStaleSchema if not), and returns which
// of refs are stored reference entities.
func (s *Store) writeStart(ctx context.Context, tx neo4j.ManagedTransaction, lock []kg.ID, refs []kg.ID) (map[kg.ID]bool, error) {
	recs, err := collectRecords(ctx, tx, cypherWriteStart, map[string]any{
		"stripes": stripesOf(lock), "ids": idStrings(refs)})
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, kg.Errorf(kg.Internal, "neo4j: write start returned %d records", len(recs))
	}
	if asString(recs[0]["dbid"]) != s.dbID.Load().(string) {
		return nil, errStaleSchema
	}
	known := map[kg.ID]bool{}
	for _, id := range asStrings(recs[0]["refs"]) {
		known[kg.ID(id)] = true
	}
	return known, nil
}

// writeStripes is the number of write stripes. Every write transaction
// first takes, in ascending order, the exclusive locks of the stripes its
// ids hash to (one WriteStripe node per stripe). Two transactions that
// write a common article or entity therefore share a stripe and run one
// after the other, the second waiting on its first contended stripe before
// it holds any lock on the graph: they cannot deadlock on the graph's nodes
// and index entries, which MERGE and relationship writes lock in an order
// Cypher does not let us fix. Transactions with disjoint ids mostly hash to
// disjoint stripes and run in parallel. (An entity reached only through the
// previous version of a replaced article is locked later, without its
// stripe: the rare deadlock left there is retried by run.)
const writeStripes = 128

// stripesOf returns the ascending, distinct stripes of ids.
func stripesOf(ids []kg.ID) []int64 {
	seen := make([]bool, writeStripes)
	for _, id := range ids {
		h := fnv.New32a()
		_, _ = h.Write([]byte(id))
		seen[h.Sum32()%writeStripes] = true
	}
	var out []int64
	for n, ok := range seen {
		if ok {
			out = append(out, int64(n))
		}
	}
	return out
}

// graphIDs returns every id the graphs write or link: articles, listed
// entities, mentioned entities, relation ends and themes.
func graphIDs(graphs []kg.ArticleGraph) []kg.ID {
	var ids []kg.ID
	for _, g := range graphs {
		ids = append(ids, g.Article.ID)
		for _, e := range g.Entities {
			ids = append(ids, e.ID)
		}
		for _, m := range g.Mentions {
			ids = append(ids, m.EntityID)
		}
		for _, r := range g.Relations {
			ids = append(ids, r.From, r.To)
		}
		ids = append(ids, g.Themes...)
	}
	return ids
}

func idStrings(ids []kg.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// prepared is a validated input graph in its stored form.
type prepared struct {
	g    kg.ArticleGraph // normalised, text removed, contributed entities not Reference
	text string
}

func prepareGraph(in kg.ArticleGraph) prepared {
	g := kg.NormalizeGraph(in)
	text := g.Article.Text
	g.Article.Text = ""
	for i := range g.Entities {
		g.Entities[i].Reference = false
	}
	return prepared{g: g, text: text}
}

// relKey identifies a stated relation (kg.Relation.Key, as fields).
type relKey struct {
	typ      kg.RelationType
	from, to kg.ID
	rk       string // kg.Fold(role)
}

func keyOf(r kg.Relation) relKey {
	return relKey{typ: r.Type, from: r.From, to: r.To, rk: kg.Fold(r.Role)}
}

// relRow is the change of one relation in a write: the sources whose
// statements go, and the new statements.
type relRow struct {
	key                          relKey
	aids                         []string
	srcs, dates, roles, evidence []string
	confs                        []float64 // each source's highest confidence
}

func (r *relRow) remove(src string) {
	if !slices.Contains(r.aids, src) {
		r.aids = append(r.aids, src)
	}
}

func (r *relRow) params() map[string]any {
	return map[string]any{"type": string(r.key.typ), "from": string(r.key.from), "to": string(r.key.to), "rk": r.key.rk,
		"aids": r.aids, "srcs": r.srcs, "dates": r.dates, "roles": r.roles, "evidence": r.evidence, "confs": r.confs}
}

// oldArticle is what a write learns about an article it locked.
type oldArticle struct {
	existed     bool
	rels        []relKey
	contributed []kg.ID
	linked      []kg.ID
}

// applyWrite replaces the contribution of the articles of upserts (stored
// or not) and deletes the articles of deletes, then recomputes every entity
// it touched. It runs inside a write transaction after writeStart.
func (s *Store) applyWrite(ctx context.Context, tx neo4j.ManagedTransaction, upserts []prepared, deletes []kg.ID) (kg.UpsertResult, error) {
	var res kg.UpsertResult
	run := func(stmt string, params map[string]any) ([]map[string]any, error) {
		return collectRecords(ctx, tx, stmt, params)
	}

	// The last version of each article wins; counts follow the input.
	final := map[kg.ID]int{}
	for i, p := range upserts {
		final[p.g.Article.ID] = i
	}
	upsertIDs := slices.Sorted(maps.Keys(final))

	// 1. Lock the articles and read what they contributed before.
	old := map[kg.ID]*oldArticle{}
	readOld := func(recs []map[string]any) {
		for _, r := range recs {
			o := &oldArticle{existed: asBool(r["existed"]), contributed: asIDs(r["contributed"]), linked: asIDs(r["linked"])}
			types, from, to, rks := asStrings(r["relTypes"]), asStrings(r["relFrom"]), asStrings(r["relTo"]), asStrings(r["relRoleKeys"])
			for i := range types {
				if i < len(from) && i < len(to) && i < len(rks) {
					o.rels = append(o.rels, relKey{typ: kg.RelationType(types[i]), from: kg.ID(from[i]), to: kg.ID(to[i]), rk: rks[i]})
				}
			}
			old[kg.ID(asString(r["id"]))] = o
		}
	}
	if len(upsertIDs) > 0 {
		recs, err := run(cypherLockArticles, map[string]any{"ids": idStrings(upsertIDs)})
		if err != nil {
			return res, err
		}
		readOld(recs)
	}
	if len(deletes) > 0 {
		recs, err := run(cypherLockArticle, map[string]any{"ids": idStrings(deletes)})
		if err != nil {
			return res, err
		}
		readOld(recs)
		for _, id := range deletes {
			if o := old[id]; o == nil || !o.existed {
				return res, kg.Errorf(kg.NotFound, "no article %s", id)
			}
		}
	}

	// 2. Lock the entities: create the listed ones, lock every other one
	// whose attributes, statistics or support may change.
	listed := map[kg.ID]kg.EntityType{}
	touched := map[kg.ID]bool{}
	merge := map[kg.ID]bool{} // entities whose contributions change
	for _, i := range final {
		g := upserts[i].g
		for _, e := range g.Entities {
			listed[e.ID] = e.Type
			merge[e.ID] = true
		}
		for _, m := range g.Mentions {
			touched[m.EntityID] = true
		}
		for _, r := range g.Relations {
			touched[r.From], touched[r.To] = true, true
		}
		for _, t := range g.Themes {
			touched[t] = true
		}
	}
	for _, o := range old {
		if !o.existed {
			continue
		}
		for _, id := range o.contributed {
			touched[id], merge[id] = true, true
		}
		for _, id := range o.linked {
			touched[id] = true
		}
		for _, k := range o.rels {
			touched[k.from], touched[k.to] = true, true
		}
	}
	existedEnt := map[kg.ID]bool{}
	if len(listed) > 0 {
		var rows []map[string]any
		for _, id := range slices.Sorted(maps.Keys(listed)) {
			rows = append(rows, map[string]any{"id": string(id), "type": string(listed[id])})
		}
		recs, err := run(cypherMergeEntities, map[string]any{"rows": rows})
		if err != nil {
			return res, err
		}
		for _, r := range recs {
			existedEnt[kg.ID(asString(r["id"]))] = asBool(r["existed"])
		}
	}
	var others []kg.ID
	for id := range touched {
		if _, ok := listed[id]; !ok {
			others = append(others, id)
		}
	}
	if len(others) > 0 {
		slices.Sort(others)
		if _, err := run(cypherLockEntities, map[string]any{"ids": idStrings(others)}); err != nil {
			return res, err
		}
	}
	for id := range listed {
		touched[id] = true
	}

	// Counts, in input order, as if the graphs were written one by one.
	seenArt := map[kg.ID]bool{}
	seenEnt := map[kg.ID]bool{}
	for id, ex := range existedEnt {
		seenEnt[id] = ex
	}
	for _, p := range upserts {
		aid := p.g.Article.ID
		if (old[aid] != nil && old[aid].existed) || seenArt[aid] {
			res.ArticlesReplaced++
		} else {
			res.ArticlesCreated++
		}
		seenArt[aid] = true
		for _, e := range p.g.Entities {
			if seenEnt[e.ID] {
				res.EntitiesUpdated++
			} else {
				res.EntitiesCreated++
				seenEnt[e.ID] = true
			}
		}
		res.Relations += len(p.g.Relations)
	}

	// 3. Remove the previous contribution of stored articles.
	var replaced []string
	for id, o := range old {
		if o.existed {
			replaced = append(replaced, string(id))
		}
	}
	slices.Sort(replaced)
	if len(replaced) > 0 {
		if _, err := run(cypherDeleteArticleLinks, map[string]any{"ids": replaced}); err != nil {
			return res, err
		}
	}

	// 4. Relations: one row per relation, old statements out, new in.
	rows := map[relKey]*relRow{}
	row := func(k relKey) *relRow {
		r := rows[k]
		if r == nil {
			r = &relRow{key: k}
			rows[k] = r
		}
		return r
	}
	for _, id := range replaced {
		for _, k := range old[kg.ID(id)].rels {
			row(k).remove(id)
		}
	}
	for _, aid := range upsertIDs {
		g := upserts[final[aid]].g
		for _, r := range g.Relations {
			ev, err := encodeEvidence(r.Provenance)
			if err != nil {
				return res, kg.WrapError(kg.Internal, err, "neo4j: encode evidence of article %s", aid)
			}
			rr := row(keyOf(r))
			rr.remove(string(aid))
			rr.srcs = append(rr.srcs, string(aid))
			rr.dates = append(rr.dates, string(g.Article.PublishedAt))
			rr.roles = append(rr.roles, r.Role)
			rr.evidence = append(rr.evidence, ev)
			rr.confs = append(rr.confs, r.Confidence())
		}
	}
	if err := s.writeRelations(ctx, tx, rows); err != nil {
		return res, err
	}

	// 5. The articles and their links.
	if len(upsertIDs) > 0 {
		var arts, mentions, themes, contribs []map[string]any
		for _, aid := range upsertIDs {
			p := upserts[final[aid]]
			g := p.g
			arts = append(arts, map[string]any{"id": string(aid), "props": articleProps(g.Article, p.text, g.Relations)})
			for _, m := range g.Mentions {
				var starts, ends []int
				var texts []string
				for _, sp := range m.Spans {
					starts, ends, texts = append(starts, sp.Start), append(ends, sp.End), append(texts, sp.Text)
				}
				mr := map[string]any{"aid": string(aid), "eid": string(m.EntityID), "count": len(m.Spans),
					"starts": nil, "ends": nil, "texts": nil}
				if len(m.Spans) > 0 {
					mr["starts"], mr["ends"], mr["texts"] = starts, ends, texts
				}
				mentions = append(mentions, mr)
			}
			for _, t := range g.Themes {
				themes = append(themes, map[string]any{"aid": string(aid), "eid": string(t)})
			}
			for _, e := range g.Entities {
				b, err := json.Marshal(e)
				if err != nil {
					return res, kg.WrapError(kg.Internal, err, "neo4j: encode entity %s of article %s", e.ID, aid)
				}
				contribs = append(contribs, map[string]any{"aid": string(aid), "eid": string(e.ID), "entity": string(b)})
			}
		}
		if _, err := run(cypherWriteArticles, map[string]any{"articles": arts, "mentions": orEmpty(mentions),
			"themes": orEmpty(themes), "contribs": orEmpty(contribs)}); err != nil {
			return res, err
		}
	}
	if len(deletes) > 0 {
		if _, err := run(cypherDeleteArticles, map[string]any{"ids": idStrings(deletes)}); err != nil {
			return res, err
		}
	}

	// 6. Recompute what was touched.
	return res, s.recompute(ctx, tx, touched, merge)
}

func orEmpty(rows []map[string]any) []map[string]any {
	if rows == nil {
		return []map[string]any{}
	}
	return rows
}

// writeRelations applies relation rows: one statement for the rows with
// new statements (a subquery per type), one for the others (removals).
func (s *Store) writeRelations(ctx context.Context, tx neo4j.ManagedTransaction, rows map[relKey]*relRow) error {
	byType := map[kg.RelationType][]map[string]any{}
	var removals []map[string]any
	keys := slices.SortedFunc(maps.Keys(rows), func(a, b relKey) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to), cmp.Compare(a.typ, b.typ), cmp.Compare(a.rk, b.rk))
	})
	for _, k := range keys {
		r := rows[k]
		if len(r.srcs) > 0 {
			byType[k.typ] = append(byType[k.typ], r.params())
		} else {
			removals = append(removals, r.params())
		}
	}
	if len(removals) > 0 {
		if _, err := collectRecords(ctx, tx, cypherRemoveStatements, map[string]any{"rows": removals}); err != nil {
			return err
		}
	}
	if len(byType) == 0 {
		return nil
	}
	rels := map[string]any{}
	for t, rows := range byType {
		rels[string(t)] = rows
	}
	params := map[string]any{"rels": rels}
	for t := range byType {
		if !t.Valid() {
			return kg.Errorf(kg.Internal, "neo4j: no statement for relation type %q", t)
		}
	}
	if _, err := collectRecords(ctx, tx, cypherUpsertStatements, params); err != nil {
		return err
	}
	return nil
}

// recompute writes the merged attributes of the entities of merge (from
// their reference source and every article's contribution), recomputes the
// statistics of every touched entity, and removes those left without
// support.
func (s *Store) recompute(ctx context.Context, tx neo4j.ManagedTransaction, touched, merge map[kg.ID]bool) error {
	if len(touched) == 0 {
		return nil
	}
	props := map[kg.ID]map[string]any{}
	if len(merge) > 0 {
		recs, err := collectRecords(ctx, tx, cypherEntitySources, map[string]any{"ids": idStrings(slices.Sorted(maps.Keys(merge)))})
		if err != nil {
			return err
		}
		for _, r := range recs {
			id := kg.ID(asString(r["id"]))
			e, err := mergeSources(id, kg.EntityType(asString(r["type"])), asString(r["ref"]), asList(r["contribs"]))
			if err != nil {
				return err
			}
			props[id] = entityProps(e)
		}
	}
	var rows []map[string]any
	for _, id := range slices.Sorted(maps.Keys(touched)) {
		p := props[id]
		if p == nil {
			p = map[string]any{}
		}
		rows = append(rows, map[string]any{"id": string(id), "props": p})
	}
	_, err := collectRecords(ctx, tx, cypherRecompute, map[string]any{"rows": rows})
	return err
}

// mergeSources merges an entity's sources per kg.MergeEntity: the reference
// source first, then the articles' contributions in kg.ContributionOrder.
func mergeSources(id kg.ID, typ kg.EntityType, ref string, contribs []any) (kg.Entity, error) {
	var sources []kg.Entity
	if ref != "" {
		var e kg.Entity
		if err := json.Unmarshal([]byte(ref), &e); err != nil {
			return kg.Entity{}, kg.WrapError(kg.Internal, err, "neo4j: undecodable reference source of %s", id)
		}
		sources = append(sources, e)
	}
	type contrib struct {
		date kg.Date
		aid  kg.ID
		json string
	}
	var cs []contrib
	for _, c := range contribs {
		l := asList(c)
		if len(l) != 3 {
			continue
		}
		cs = append(cs, contrib{date: kg.Date(asString(l[0])), aid: kg.ID(asString(l[1])), json: asString(l[2])})
	}
	slices.SortFunc(cs, func(a, b contrib) int { return kg.ContributionOrder(a.date, a.aid, b.date, b.aid) })
	for _, c := range cs {
		var e kg.Entity
		if err := json.Unmarshal([]byte(c.json), &e); err != nil {
			return kg.Entity{}, kg.WrapError(kg.Internal, err, "neo4j: undecodable contribution of article %s to %s", c.aid, id)
		}
		sources = append(sources, e)
	}
	var e kg.Entity
	if len(sources) > 0 {
		e = kg.MergeEntity(sources)
	} else {
		// Kept only by its mentions or relations: cannot happen with
		// validated input, but never leave a nameless node.
		e = kg.Entity{Name: string(id)}
	}
	e.ID, e.Type = id, typ
	return e, nil
}

// LoadReference writes reference entities and relations (see kg.Store).
func (s *Store) LoadReference(ctx context.Context, data kg.ReferenceData) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	if len(data.Entities) == 0 && len(data.Relations) == 0 {
		return nil
	}
	listed := map[kg.ID]bool{}
	ents := map[kg.ID]kg.Entity{}
	for _, e := range data.Entities {
		if err := kg.ValidateReference(e); err != nil {
			return err
		}
		e = kg.CleanEntity(e)
		e.Reference = true
		listed[e.ID] = true
		ents[e.ID] = e
	}
	unlisted := map[kg.ID]bool{}
	for _, r := range data.Relations {
		for _, id := range []kg.ID{r.From, r.To} {
			if !listed[id] && id.Valid() {
				unlisted[id] = true
			}
		}
	}
	_, err := s.write(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		lock := slices.Collect(maps.Keys(listed))
		for _, r := range data.Relations {
			lock = append(lock, r.From, r.To)
		}
		known, err := s.writeStart(ctx, tx, lock, slices.Sorted(maps.Keys(unlisted)))
		if err != nil {
			return nil, err
		}
		rels := map[relKey]*kg.Relation{}
		var order []relKey
		for _, r := range data.Relations {
			if !r.Type.Valid() {
				return nil, kg.Errorf(kg.Invalid, "reference relation: unknown type %q", r.Type)
			}
			for _, id := range []kg.ID{r.From, r.To} {
				if !listed[id] && !known[id] {
					return nil, kg.Errorf(kg.Invalid, "reference relation %s %s→%s: %s is not a reference entity", r.Type, r.From, r.To, id)
				}
			}
			if !r.Type.Allows(r.From.EntityType(), r.To.EntityType()) {
				return nil, kg.Errorf(kg.Invalid, "reference relation %s cannot go from %s to %s", r.Type, r.From.EntityType(), r.To.EntityType())
			}
			k := keyOf(r)
			if rels[k] == nil {
				rels[k] = &kg.Relation{Type: r.Type, From: r.From, To: r.To, Role: strings.TrimSpace(r.Role)}
				order = append(order, k)
			}
			rels[k].Provenance = append(rels[k].Provenance, r.Provenance...)
		}

		// Entities: create or lock, then set their reference source.
		touched := map[kg.ID]bool{}
		if len(ents) > 0 {
			var rows, refs []map[string]any
			for _, id := range slices.Sorted(maps.Keys(ents)) {
				b, err := json.Marshal(ents[id])
				if err != nil {
					return nil, kg.WrapError(kg.Internal, err, "neo4j: encode reference entity %s", id)
				}
				rows = append(rows, map[string]any{"id": string(id), "type": string(ents[id].Type)})
				refs = append(refs, map[string]any{"id": string(id), "ref": string(b)})
				touched[id] = true
			}
			if _, err := collectRecords(ctx, tx, cypherMergeEntities, map[string]any{"rows": rows}); err != nil {
				return nil, err
			}
			if _, err := collectRecords(ctx, tx, cypherSetReference, map[string]any{"rows": refs}); err != nil {
				return nil, err
			}
		}

		// Relations: merge with the reference statement already stored.
		if len(order) > 0 {
			var q []map[string]any
			for i, k := range order {
				q = append(q, map[string]any{"key": itoa(i), "type": string(k.typ), "from": string(k.from), "to": string(k.to), "rk": k.rk})
			}
			recs, err := collectRecords(ctx, tx, cypherReferenceStatements, map[string]any{"rows": q})
			if err != nil {
				return nil, err
			}
			stored := map[string]map[string]any{}
			for _, r := range recs {
				stored[asString(r["key"])] = r
			}
			rows := map[relKey]*relRow{}
			for i, k := range order {
				cur := rels[k]
				var prov []kg.Evidence
				if st := stored[itoa(i)]; st != nil {
					cur.Role = asString(st["role"])
					ev, err := decodeEvidence(asString(st["evidence"]))
					if err != nil {
						return nil, kg.WrapError(kg.Internal, err, "neo4j: undecodable reference evidence of %s %s→%s", k.typ, k.from, k.to)
					}
					prov = ev
				}
				merged := kg.MergeReferenceEvidence(prov, cur.Provenance)
				ev, err := encodeEvidence(merged)
				if err != nil {
					return nil, kg.WrapError(kg.Internal, err, "neo4j: encode reference evidence of %s %s→%s", k.typ, k.from, k.to)
				}
				rows[k] = &relRow{key: k, aids: []string{""}, srcs: []string{""}, dates: []string{""}, roles: []string{cur.Role}, evidence: []string{ev},
					confs: []float64{kg.Relation{Provenance: merged}.Confidence()}}
				touched[k.from], touched[k.to] = true, true
			}
			if err := s.writeRelations(ctx, tx, rows); err != nil {
				return nil, err
			}
		}
		merge := map[kg.ID]bool{}
		for id := range ents {
			merge[id] = true
		}
		return nil, s.recompute(ctx, tx, touched, merge)
	})
	return err
}

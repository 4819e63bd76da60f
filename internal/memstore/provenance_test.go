package memstore_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

// provenanceCorpus is a generated corpus varied so that relations are
// stated in every way rebuild must order: several evidence entries given
// out of order, statements without evidence, roles written differently
// (case, padding, blank), undated articles, and reference relations (in two
// loads, the second adding evidence) also stated by articles.
func provenanceCorpus(t *testing.T, n int) (ref, more kg.ReferenceData, graphs []kg.ArticleGraph) {
	t.Helper()
	c, err := gen.New(gen.Config{Articles: n, Seed: 23})
	if err != nil {
		t.Fatal(err)
	}
	ref = c.Reference()
	refEnts := map[kg.ID]kg.Entity{}
	for _, e := range ref.Entities {
		refEnts[e.ID] = e
	}
	var partOf []kg.Relation
	for _, r := range ref.Relations {
		if r.Type == kg.PartOf && len(partOf) < 12 {
			partOf = append(partOf, r)
		}
	}
	if len(partOf) == 0 {
		t.Fatal("the generated reference data has no PART_OF relation")
	}
	for i, r := range partOf {
		if i%2 == 0 {
			more.Relations = append(more.Relations, kg.Relation{Type: r.Type, From: r.From, To: r.To,
				Provenance: []kg.Evidence{{Extractor: "reference/second", Confidence: 0.5}}})
		}
	}
	for i := range n {
		g := c.Article(i).Graph
		aid := g.Article.ID
		g.Relations = slices.Clone(g.Relations)
		if i%8 == 7 {
			g.Article.PublishedAt = ""
		}
		for j := range g.Relations {
			r := &g.Relations[j]
			r.Provenance = slices.Clone(r.Provenance)
			switch {
			case i%4 == 1 && j == 0:
				r.Provenance = nil
			case i%3 == 0 && len(r.Provenance) > 0:
				first := r.Provenance[0]
				r.Provenance = append([]kg.Evidence{
					{ArticleID: aid, Start: first.Start, End: first.End, Extractor: "test/second", Confidence: 0.4},
					{ArticleID: aid, Start: 0, End: first.End, Extractor: "test/third", Sentence: "…"},
				}, r.Provenance...)
			}
			if r.Role != "" {
				switch i % 10 {
				case 5:
					r.Role = "  " + strings.ToUpper(r.Role) + " "
				case 9:
					r.Role = " "
				}
			}
		}
		if i%6 == 2 {
			p := partOf[(i/6)%len(partOf)]
			rel := kg.Relation{Type: p.Type, From: p.From, To: p.To,
				Provenance: []kg.Evidence{{ArticleID: aid, Start: 0, End: 3, Extractor: "test/part-of"}}}
			if (i/6)%5 == 1 {
				rel.Role = []string{"rôle", " Rôle ", "ROLE"}[i%3]
			}
			g.Relations = append(g.Relations, rel)
			g.Entities = append(slices.Clone(g.Entities), refEnts[p.From], refEnts[p.To])
		}
		graphs = append(graphs, g)
	}
	return ref, more, graphs
}

// wantRelations computes every relation's role and provenance from the
// input, as the store's contract says and as the store computed it before
// statements were kept in source order: the statements in precedence order
// (reference, then articles by kg.ContributionOrder), the role of the first
// one giving one, and all the evidence stable-sorted by kg.CompareEvidence.
func wantRelations(refs []kg.ReferenceData, graphs []kg.ArticleGraph) map[string]kg.Relation {
	type stmt struct {
		source kg.ID
		date   kg.Date
		role   string
		ev     []kg.Evidence
	}
	stated := map[string][]stmt{}
	rels := map[string]kg.Relation{}
	for _, ref := range refs {
		for _, r := range ref.Relations {
			k := r.Key()
			rels[k] = kg.Relation{Type: r.Type, From: r.From, To: r.To}
			list := stated[k]
			if len(list) == 0 {
				list = []stmt{{role: strings.TrimSpace(r.Role)}}
			}
			list[0].ev = kg.MergeReferenceEvidence(list[0].ev, r.Provenance)
			stated[k] = list
		}
	}
	for _, in := range graphs {
		g := kg.NormalizeGraph(in)
		for _, r := range g.Relations {
			k := r.Key()
			rels[k] = kg.Relation{Type: r.Type, From: r.From, To: r.To}
			stated[k] = append(stated[k], stmt{source: g.Article.ID, date: g.Article.PublishedAt, role: r.Role, ev: r.Provenance})
		}
	}
	for k, list := range stated {
		slices.SortFunc(list, func(a, b stmt) int {
			switch {
			case a.source == "":
				return -1
			case b.source == "":
				return 1
			}
			return kg.ContributionOrder(a.date, a.source, b.date, b.source)
		})
		r := rels[k]
		for _, st := range list {
			if r.Role == "" {
				r.Role = strings.TrimSpace(st.role)
			}
			if len(st.ev) == 0 {
				ev := kg.Evidence{ArticleID: st.source}
				if st.source == "" {
					ev.Extractor = "reference"
				}
				r.Provenance = append(r.Provenance, ev)
				continue
			}
			r.Provenance = append(r.Provenance, st.ev...)
		}
		slices.SortStableFunc(r.Provenance, kg.CompareEvidence)
		rels[k] = r
	}
	return rels
}

// storedRelations reads every relation of s, by key, as JSON.
func storedRelations(t *testing.T, s kg.Store, ids []kg.ID) map[string]string {
	t.Helper()
	m, err := s.RelationsOf(context.Background(), ids, kg.RelationQuery{Direction: kg.Out})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, list := range m {
		for _, r := range list {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			out[r.Key()] = string(b)
		}
	}
	return out
}

// TestRelationProvenanceIsTheSameWhateverTheWriteOrderAndBatching writes the
// same articles and reference data one article per transaction (with
// replaced and deleted articles on the way, the reference loaded in the
// middle), in one batch in reverse order, and one by one in a shuffled order
// with the reference loaded last, then reopens the first store; every
// relation's role and provenance must be, in each, the one computed from
// the input by a stable sort of all the evidence.
func TestRelationProvenanceIsTheSameWhateverTheWriteOrderAndBatching(t *testing.T) {
	ctx := context.Background()
	ref, more, graphs := provenanceCorpus(t, 300)
	want := wantRelations([]kg.ReferenceData{ref, more}, graphs)

	var ids []kg.ID
	for _, e := range ref.Entities {
		ids = append(ids, e.ID)
	}
	for _, g := range graphs {
		for _, e := range g.Entities {
			ids = append(ids, e.ID)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)

	// The corpus must exercise what rebuild orders.
	var maxEv, refAndArticles, placeholders, multi, roleForms int
	forms := map[string]map[string]bool{}
	for _, g := range graphs {
		for _, r := range g.Relations {
			if f := strings.TrimSpace(r.Role); f != "" {
				if forms[r.Key()] == nil {
					forms[r.Key()] = map[string]bool{}
				}
				forms[r.Key()][f] = true
			}
		}
	}
	for _, f := range forms {
		if len(f) > 1 {
			roleForms++
		}
	}
	for _, r := range want {
		maxEv = max(maxEv, len(r.Provenance))
		sources := map[kg.ID]int{}
		for _, ev := range r.Provenance {
			sources[ev.ArticleID]++
			if ev.ArticleID != "" && ev.Extractor == "" {
				placeholders++
			}
		}
		if _, ok := sources[""]; ok && len(sources) > 1 {
			refAndArticles++
		}
		for _, n := range sources {
			if n > 1 {
				multi++
				break
			}
		}
	}
	if maxEv < 20 || refAndArticles < 3 || placeholders < 10 || multi < 10 || roleForms < 10 {
		t.Fatalf("the corpus exercises too little: largest provenance %d, %d relations stated by reference and articles, %d statements without evidence, %d relations with a source giving several entries, %d with roles written differently",
			maxEv, refAndArticles, placeholders, multi, roleForms)
	}

	open := func(dir string) *memstore.Store {
		t.Helper()
		s, err := memstore.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	upsert := func(s *memstore.Store, gs ...kg.ArticleGraph) {
		t.Helper()
		if _, err := s.UpsertArticles(ctx, gs); err != nil {
			t.Fatal(err)
		}
	}
	load := func(s *memstore.Store, ref kg.ReferenceData) {
		t.Helper()
		if err := s.LoadReference(ctx, ref); err != nil {
			t.Fatal(err)
		}
	}
	check := func(name string, s kg.Store) {
		t.Helper()
		got := storedRelations(t, s, ids)
		if len(got) != len(want) {
			t.Errorf("%s: %d relations, want %d", name, len(got), len(want))
		}
		bad := 0
		for k, r := range want {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if got[k] != string(b) {
				if bad++; bad <= 3 {
					t.Errorf("%s: relation %s\n got %.600s\nwant %.600s", name, k, got[k], b)
				}
			}
		}
		if bad > 3 {
			t.Errorf("%s: %d relations differ in all", name, bad)
		}
	}

	// One article per transaction, in order; every seventh article first
	// written differently (its relations reversed, with other evidence) and
	// then replaced; one extra article written and deleted.
	dir := t.TempDir()
	one := open(dir)
	load(one, ref)
	for i, g := range graphs {
		if i%7 == 3 {
			draft := g
			draft.Relations = slices.Clone(g.Relations)
			slices.Reverse(draft.Relations)
			for j := range draft.Relations {
				draft.Relations[j].Provenance = []kg.Evidence{{ArticleID: g.Article.ID, Start: 1, End: 2, Extractor: "test/draft"}}
			}
			upsert(one, draft)
		}
		upsert(one, g)
		if i == len(graphs)/2 {
			load(one, more)
			extra := graphs[i+1]
			extra.Article.ID = kg.ArticleID("https://exemple.org/supprime", "")
			extra.Article.URL = "https://exemple.org/supprime"
			extra.Mentions = slices.Clone(extra.Mentions)
			for j := range extra.Mentions {
				extra.Mentions[j].ArticleID = extra.Article.ID
			}
			extra.Relations = slices.Clone(extra.Relations)
			for j := range extra.Relations {
				extra.Relations[j].Provenance = []kg.Evidence{{ArticleID: extra.Article.ID, Extractor: "test/deleted"}}
			}
			upsert(one, extra)
			if err := one.DeleteArticle(ctx, extra.Article.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	check("one by one", one)

	batch := open(t.TempDir())
	defer batch.Close()
	load(batch, ref)
	load(batch, more)
	reversed := slices.Clone(graphs)
	slices.Reverse(reversed)
	upsert(batch, reversed...)
	check("one batch, reversed", batch)

	shuffled := open(t.TempDir())
	defer shuffled.Close()
	order := slices.Clone(graphs)
	rand.New(rand.NewPCG(5, 8)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, g := range order {
		upsert(shuffled, g)
	}
	load(shuffled, ref)
	load(shuffled, more)
	check("shuffled one by one, reference last", shuffled)

	if err := one.Close(); err != nil {
		t.Fatal(err)
	}
	reopened := open(dir)
	defer reopened.Close()
	check("reopened", reopened)
}

package neo4jstore_test

import (
	"cmp"
	"encoding/json"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
	"github.com/maillage/maillage/internal/reference"
)

// fullDump reads everything a store shows, through every read method, in
// a comparable form.
func fullDump(t *testing.T, s kg.Store) map[string]string {
	t.Helper()
	ctx := t.Context()
	out := map[string]string{}
	put := func(key string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		b, _ := json.Marshal(v)
		out[key] = string(b)
	}
	var ids []kg.ID
	for _, typ := range kg.EntityTypes {
		for _, field := range []kg.EntitySortField{kg.SortByName, kg.SortByMentionCount, kg.SortByFirstMentioned, kg.SortByLastMentioned} {
			var listed []kg.ID
			page := kg.PageRequest{First: 200}
			for {
				p, err := s.ListEntities(ctx, kg.EntityFilter{Type: typ}, kg.EntityOrder{Field: field, Direction: kg.Desc}, page)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range p.Items {
					listed = append(listed, e.ID)
				}
				if !p.HasNextPage {
					break
				}
				page.After = p.Cursors[len(p.Cursors)-1]
			}
			put("list "+string(typ)+" "+string(field), listed, nil)
			if field == kg.SortByName {
				ids = append(ids, listed...)
			}
		}
	}
	ents, err := s.Entities(ctx, ids)
	put("entities", ents, err)
	rels, err := s.RelationsOf(ctx, ids, kg.RelationQuery{})
	for id := range rels {
		for i := range rels[id] {
			slices.SortFunc(rels[id][i].Provenance, func(a, b kg.Evidence) int {
				return cmp.Or(cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.Extractor, b.Extractor))
			})
		}
	}
	put("relations", rels, err)
	ms, err := s.MentionsOf(ctx, ids)
	put("mentions of", ms, err)
	co, err := s.CoMentioned(ctx, ids, kg.CoMentionQuery{})
	put("co-mentioned", co, err)
	arts, err := s.ListArticles(ctx, kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: kg.MaxPageSize})
	put("articles", arts, err)
	var aids []kg.ID
	for _, a := range arts.Items {
		aids = append(aids, a.ID)
	}
	in, err := s.MentionsIn(ctx, aids)
	put("mentions in", in, err)
	st, err := s.Stats(ctx)
	put("stats", st, err)
	for _, e := range ents {
		for _, n := range e.Names() {
			hits, err := s.Search(ctx, kg.SearchQuery{Text: n}, kg.PageRequest{First: 50})
			put("search "+n, hits, err)
		}
	}
	for _, typ := range []kg.EntityType{kg.TypeOrganization, kg.TypeInitiative, kg.TypeEvent, kg.TypePerson} {
		for _, region := range ids {
			if e := ents[region]; e.Type == kg.TypeTerritory && e.Kind == string(kg.LevelRegion) {
				p, err := s.ListEntities(ctx, kg.EntityFilter{Type: typ, Territory: region, IncludeDescendants: true}, kg.EntityOrder{}, kg.PageRequest{First: 100})
				put("in "+string(region)+" "+string(typ), p, err)
			}
		}
	}
	return out
}

// TestSeedDataMatchesTheEmbeddedStore: what serve and ingest write on
// first start (ingest.Pipeline.Seed: the reference territories and themes,
// then the bundled sample articles through extraction) reads back from
// Neo4j exactly as from the embedded store, through every read method.
func TestSeedDataMatchesTheEmbeddedStore(t *testing.T) {
	neo := freshStore(t)
	mem, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	for name, s := range map[string]kg.Store{"neo4j": neo, "embedded": mem} {
		p, err := ingest.New(ingest.Options{Store: s})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := p.Seed(t.Context(), reference.Coarse, true)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !rep.Seeded || rep.Territories == 0 || rep.Sample.Written == 0 {
			t.Fatalf("%s: seed report %+v", name, rep)
		}
	}
	got, want := fullDump(t, neo), fullDump(t, mem)
	if len(want) < 100 {
		t.Fatalf("fixture: only %d reads", len(want))
	}
	for key, w := range want {
		if g := got[key]; g != w {
			t.Errorf("%s:\n neo4j    %.600s\n embedded %.600s", key, g, w)
		}
	}
}

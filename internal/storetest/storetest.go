// Package storetest is the conformance suite of kg.Store: every back end
// (internal/memstore, internal/neo4jstore) runs the same Run from its own
// tests, so both honour every point of the contract documented in
// internal/kg/store.go and internal/kg/rules.go.
//
// The suite runs on an invented French corpus (NewCorpus): two regions with
// their departments, an EPCI, communes and QPV as reference data with their
// PART_OF hierarchy, a theme vocabulary, and seven articles about
// organizations, people, events and initiatives. Expectations come either
// from the corpus design (which entity is placed where) or from the kg rules
// applied to the input graphs (statistics, merged attributes, co-mentions),
// never from the store under test.
//
// A few points the kg contract leaves open are fixed here, and back ends
// must follow them:
//   - batched reads return a key for every existing id, with an empty list
//     when it has nothing (RelationsOf, CountRelations, MentionsOf,
//     MentionsIn, CoMentioned);
//     ids that do not exist, malformed ones included, are simply absent;
//   - ListArticles returns the articles with their Text, like Articles;
//   - a relation's provenance lists every article stating it: an article
//     that states a relation without evidence still appears, as an evidence
//     entry with only its ArticleID (the suite compares provenance as a set);
//   - the role of a relation is the written form of the first statement in
//     precedence order (reference, then kg.ContributionOrder);
//   - a context that is already cancelled or past its deadline makes every
//     method fail with an Unavailable error, and a write then writes nothing;
//   - an entity's statistics ignore undated articles for First/LastMentioned
//     but count them in MentionCount and ArticleCount.
package storetest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

// Run runs the whole conformance suite. Each call of newStore must return a
// fresh, empty, open store (the Neo4j harness wipes its database); the suite
// closes every store it gets when the test that asked for it ends, so
// newStore must not close it itself. Subtests are not run in parallel (the
// Neo4j harness shares one database).
func Run(t *testing.T, newStore func(t *testing.T) kg.Store) {
	h := &harness{newStore: newStore}
	t.Run("Empty", h.testEmpty)
	t.Run("Upsert", h.testUpsert)
	t.Run("Delete", h.testDelete)
	t.Run("Reference", h.testReference)
	t.Run("Reads", h.testReads)
	t.Run("ListEntities", h.testListEntities)
	t.Run("ListArticles", h.testListArticles)
	t.Run("Search", h.testSearch)
	t.Run("RelationsOf", h.testRelations)
	t.Run("RelationPages", h.testRelationPages)
	t.Run("Mentions", h.testMentions)
	t.Run("CoMentioned", h.testCoMentioned)
	t.Run("Stats", h.testStats)
	t.Run("Context", h.testContext)
	t.Run("Concurrency", h.testConcurrency)
}

type harness struct {
	newStore func(t *testing.T) kg.Store
}

// fresh returns a new empty store closed at the end of t.
func (h *harness) fresh(t *testing.T) kg.Store {
	t.Helper()
	s := h.newStore(t)
	if s == nil {
		t.Fatal("newStore returned nil")
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// loaded returns a new store holding the corpus (reference data, then every
// article in one batch).
func (h *harness) loaded(t *testing.T, c *Corpus) kg.Store {
	t.Helper()
	s := h.fresh(t)
	mustLoadReference(t, s, c.Reference)
	mustUpsert(t, s, c.Graphs...)
	return s
}

// withLoaded runs read-only subtests against one store holding the corpus.
func (h *harness) withLoaded(t *testing.T, tests map[string]func(t *testing.T, s kg.Store, c *Corpus)) {
	c := NewCorpus()
	s := h.loaded(t, c)
	before := takeDump(t, s)
	for _, name := range slices.Sorted(maps.Keys(tests)) {
		t.Run(name, func(t *testing.T) { tests[name](t, s, c) })
	}
	compareDumps(t, before, takeDump(t, s), "store after read-only subtests")
}

func mustLoadReference(t *testing.T, s kg.Store, data kg.ReferenceData) {
	t.Helper()
	if err := s.LoadReference(t.Context(), data); err != nil {
		t.Fatalf("LoadReference: %v", err)
	}
}

func mustUpsert(t *testing.T, s kg.Store, graphs ...kg.ArticleGraph) kg.UpsertResult {
	t.Helper()
	res, err := s.UpsertArticles(t.Context(), graphs)
	if err != nil {
		t.Fatalf("UpsertArticles: %v", err)
	}
	return res
}

func mustDelete(t *testing.T, s kg.Store, id kg.ID) {
	t.Helper()
	if err := s.DeleteArticle(t.Context(), id); err != nil {
		t.Fatalf("DeleteArticle(%s): %v", id, err)
	}
}

// wantError checks err's code and that its message names every want.
func wantError(t *testing.T, what string, err error, code kg.Code, want ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want %s", what, code)
		return
	}
	if got := kg.ErrorCode(err); got != code {
		t.Errorf("%s: error code %q (%v), want %q", what, got, err, code)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error %q does not name %q", what, err, w)
		}
	}
}

func entities(t *testing.T, s kg.Store, ids ...kg.ID) map[kg.ID]kg.Entity {
	t.Helper()
	m, err := s.Entities(t.Context(), ids)
	if err != nil {
		t.Fatalf("Entities: %v", err)
	}
	return m
}

func entity(t *testing.T, s kg.Store, id kg.ID) kg.Entity {
	t.Helper()
	e, ok := entities(t, s, id)[id]
	if !ok {
		t.Fatalf("entity %s missing", id)
	}
	return e
}

func articles(t *testing.T, s kg.Store, ids ...kg.ID) map[kg.ID]kg.Article {
	t.Helper()
	m, err := s.Articles(t.Context(), ids)
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	return m
}

func relationsOf(t *testing.T, s kg.Store, q kg.RelationQuery, ids ...kg.ID) map[kg.ID][]kg.Relation {
	t.Helper()
	m, err := s.RelationsOf(t.Context(), ids, q)
	if err != nil {
		t.Fatalf("RelationsOf: %v", err)
	}
	return m
}

// listAll walks a whole entity list with pages of size first, checking the
// page invariants on the way, and returns the ids in order.
func listAll(t *testing.T, s kg.Store, f kg.EntityFilter, o kg.EntityOrder, first int) []kg.ID {
	t.Helper()
	var ids []kg.ID
	after := ""
	total := -1
	for range 10000 {
		p, err := s.ListEntities(t.Context(), f, o, kg.PageRequest{First: first, After: after})
		if err != nil {
			t.Fatalf("ListEntities(%+v, %+v, first %d, after %q): %v", f, o, first, after, err)
		}
		checkPage(t, p.Items, p.Cursors, p.HasNextPage, first)
		if total >= 0 && p.TotalCount != total {
			t.Fatalf("TotalCount changed while paging: %d then %d", total, p.TotalCount)
		}
		total = p.TotalCount
		for _, e := range p.Items {
			if e.Type != f.Type {
				t.Errorf("list of %s returned %s %s", f.Type, e.Type, e.ID)
			}
			ids = append(ids, e.ID)
		}
		if !p.HasNextPage {
			if len(ids) != total {
				t.Errorf("walked %d items, TotalCount says %d", len(ids), total)
			}
			return ids
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatal("paging never ended")
	return nil
}

// listArticlesAll is listAll for articles.
func listArticlesAll(t *testing.T, s kg.Store, f kg.ArticleFilter, o kg.ArticleOrder, first int) []kg.ID {
	t.Helper()
	var ids []kg.ID
	after := ""
	total := -1
	for range 10000 {
		p, err := s.ListArticles(t.Context(), f, o, kg.PageRequest{First: first, After: after})
		if err != nil {
			t.Fatalf("ListArticles(%+v, %+v, first %d, after %q): %v", f, o, first, after, err)
		}
		checkPage(t, p.Items, p.Cursors, p.HasNextPage, first)
		if total >= 0 && p.TotalCount != total {
			t.Fatalf("TotalCount changed while paging: %d then %d", total, p.TotalCount)
		}
		total = p.TotalCount
		for _, a := range p.Items {
			ids = append(ids, a.ID)
		}
		if !p.HasNextPage {
			if len(ids) != total {
				t.Errorf("walked %d items, TotalCount says %d", len(ids), total)
			}
			return ids
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	t.Fatal("paging never ended")
	return nil
}

func checkPage[T any](t *testing.T, items []T, cursors []string, next bool, first int) {
	t.Helper()
	if len(items) != len(cursors) {
		t.Fatalf("%d items but %d cursors", len(items), len(cursors))
	}
	if len(items) > first {
		t.Fatalf("page of %d items, asked for %d", len(items), first)
	}
	if next && len(items) < first {
		t.Fatalf("HasNextPage with a short page (%d < %d)", len(items), first)
	}
	for i, c := range cursors {
		if c == "" {
			t.Fatalf("empty cursor at %d", i)
		}
	}
}

// wantIDs compares id lists, in order.
func wantIDs(t *testing.T, what string, got, want []kg.ID) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// wantIDSet compares id lists as sets.
func wantIDSet(t *testing.T, what string, got, want []kg.ID) {
	t.Helper()
	g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if !slices.Equal(g, w) {
		t.Errorf("%s:\n got %v\nwant %v", what, g, w)
	}
	if len(slices.Compact(slices.Clone(g))) != len(g) {
		t.Errorf("%s: duplicates in %v", what, g)
	}
}

// Dump is everything a store shows through its read methods, in canonical
// form (provenance sorted), for comparing two stores or one store over time.
type Dump struct {
	Entities   map[kg.ID]kg.Entity
	Articles   map[kg.ID]kg.Article
	Relations  map[string]kg.Relation
	MentionsOf map[kg.ID][]kg.Mention
	MentionsIn map[kg.ID][]kg.Mention
	Stats      kg.Stats
}

func takeDump(t *testing.T, s kg.Store) Dump {
	t.Helper()
	d := Dump{Relations: map[string]kg.Relation{}}
	var ids []kg.ID
	listed := map[kg.ID]kg.Entity{}
	for _, typ := range kg.EntityTypes {
		after := ""
		for {
			p, err := s.ListEntities(t.Context(), kg.EntityFilter{Type: typ}, kg.EntityOrder{}, kg.PageRequest{First: kg.MaxPageSize, After: after})
			if err != nil {
				t.Fatalf("dump: ListEntities(%s): %v", typ, err)
			}
			for _, e := range p.Items {
				ids = append(ids, e.ID)
				listed[e.ID] = e
			}
			if !p.HasNextPage {
				break
			}
			after = p.Cursors[len(p.Cursors)-1]
		}
	}
	d.Entities = entities(t, s, ids...)
	if !equalJSON(d.Entities, listed) {
		t.Errorf("dump: ListEntities items differ from Entities:\n%s", diffJSON(listed, d.Entities))
	}
	var aids []kg.ID
	listedArts := map[kg.ID]kg.Article{}
	after := ""
	for {
		p, err := s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: kg.MaxPageSize, After: after})
		if err != nil {
			t.Fatalf("dump: ListArticles: %v", err)
		}
		for _, a := range p.Items {
			aids = append(aids, a.ID)
			listedArts[a.ID] = a
		}
		if !p.HasNextPage {
			break
		}
		after = p.Cursors[len(p.Cursors)-1]
	}
	d.Articles = articles(t, s, aids...)
	if !equalJSON(d.Articles, listedArts) {
		t.Errorf("dump: ListArticles items differ from Articles:\n%s", diffJSON(listedArts, d.Articles))
	}
	for _, rels := range relationsOf(t, s, kg.RelationQuery{}, ids...) {
		for _, r := range rels {
			d.Relations[r.Key()] = canonicalRelation(r)
		}
	}
	var err error
	if d.MentionsOf, err = s.MentionsOf(t.Context(), ids); err != nil {
		t.Fatalf("dump: MentionsOf: %v", err)
	}
	if d.MentionsIn, err = s.MentionsIn(t.Context(), aids); err != nil {
		t.Fatalf("dump: MentionsIn: %v", err)
	}
	if d.Stats, err = s.Stats(t.Context()); err != nil {
		t.Fatalf("dump: Stats: %v", err)
	}
	return d
}

// canonicalRelation sorts the provenance, so relations compare as sets of
// evidence.
func canonicalRelation(r kg.Relation) kg.Relation {
	r.Provenance = slices.Clone(r.Provenance)
	slices.SortFunc(r.Provenance, func(a, b kg.Evidence) int {
		return cmp.Or(cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
			cmp.Compare(a.Extractor, b.Extractor), cmp.Compare(a.Sentence, b.Sentence))
	})
	return r
}

func equalJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// diffJSON shows the first lines where two values differ, as indented JSON.
func diffJSON(want, got any) string {
	ja, _ := json.MarshalIndent(want, "", "  ")
	jb, _ := json.MarshalIndent(got, "", "  ")
	wl, gl := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(wl), len(gl)) && shown < 12; i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "line %d:\n  want %s\n   got %s\n", i+1, w, g)
			shown++
		}
	}
	return b.String()
}

func compareDumps(t *testing.T, want, got Dump, what string) {
	t.Helper()
	if !equalJSON(want, got) {
		t.Errorf("%s differs:\n%s", what, diffJSON(want, got))
	}
}

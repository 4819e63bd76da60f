package storetest_test

import (
	"encoding/json"
	"testing"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/storetest"
)

func TestCorpusGraphsAreValidAndTheirOffsetsPointIntoTheText(t *testing.T) {
	c := storetest.NewCorpus()
	ref := map[kg.ID]bool{}
	for _, e := range c.Reference.Entities {
		ref[e.ID] = true
	}
	if len(c.Graphs) != 7 {
		t.Fatalf("%d graphs, want 7", len(c.Graphs))
	}
	for _, g := range c.Graphs {
		if err := kg.ValidateGraph(g, func(id kg.ID) bool { return ref[id] }); err != nil {
			t.Errorf("%s: %v", g.Article.Title, err)
		}
		runes := []rune(g.Article.Text)
		for _, m := range g.Mentions {
			for _, s := range m.Spans {
				if got := string(runes[s.Start:s.End]); got != s.Text {
					t.Errorf("%s: span %+v of %s reads %q", g.Article.ID, s, m.EntityID, got)
				}
			}
		}
		for _, r := range g.Relations {
			for _, ev := range r.Provenance {
				if got := string(runes[ev.Start:ev.End]); got != ev.Sentence {
					t.Errorf("%s: evidence of %s reads %q, says %q", g.Article.ID, r.Key(), got, ev.Sentence)
				}
			}
		}
	}
	for _, r := range c.Reference.Relations {
		if !ref[r.From] || !ref[r.To] || !r.Type.Allows(r.From.EntityType(), r.To.EntityType()) {
			t.Errorf("reference relation %s is not between reference entities of allowed types", r.Key())
		}
	}
}

func TestCorpusIsDeterministic(t *testing.T) {
	a, _ := json.Marshal(storetest.NewCorpus().Graphs)
	b, _ := json.Marshal(storetest.NewCorpus().Graphs)
	if string(a) != string(b) {
		t.Error("two corpora differ")
	}
	if c := storetest.NewCorpus(); c.ID("rness") != "org:rness" || c.Graph("A3").Article.ID != c.ID("A3") {
		t.Error("corpus keys do not resolve")
	}
}

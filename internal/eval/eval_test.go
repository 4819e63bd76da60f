package eval_test

import (
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/eval"
	"github.com/maillage/maillage/internal/extract"
)

func gold(t *testing.T, s string) eval.Gold {
	t.Helper()
	gs, err := eval.ReadGold(strings.NewReader(s))
	if err != nil || len(gs) != 1 {
		t.Fatalf("ReadGold: %v %d", err, len(gs))
	}
	return gs[0]
}

const goldDoc = `{
  "article": {"url": "https://x.fr/a", "publishedAt": "2018-07-16", "themes": ["Participation citoyenne", "Politique de la ville - DSU"]},
  "entities": [
    {"type": "Organization", "name": "Réseau des collectivités Territoriales pour une Economie Solidaire", "aliases": ["RTES"]},
    {"type": "Organization", "name": "Orange"},
    {"type": "Territory", "name": "Orange", "kind": "commune", "code": "84087"},
    {"type": "Territory", "name": "Vaucluse", "kind": "department", "code": "84"},
    {"type": "Person", "name": "Christiane Bouchart"},
    {"type": "Event", "name": "7e Rencontre nationale des collectivités locales autour de l'ESS", "date": "2018-07-04"}
  ],
  "relations": [
    {"type": "HOLDS_ROLE", "from": "Christiane Bouchart", "to": "RTES", "role": "présidente"},
    {"type": "ORGANIZED", "from": "RTES", "to": "7e Rencontre nationale des collectivités locales autour de l'ESS"},
    {"type": "PART_OF", "from": "Orange", "to": "Vaucluse"}
  ]
}`

func TestScoreFollowsTheCorpusMatchingRules(t *testing.T) {
	pred := extract.Document{
		Article: extract.DocArticle{URL: "https://x.fr/a", PublishedAt: "2018-07-16", Themes: []string{"participation citoyenne", "Politique de la ville"}},
		Entities: []extract.DocEntity{
			{ID: "org:rtes", Type: "Organization", Name: "RTES"},                                           // alias match, folded
			{ID: "person:c", Type: "Person", Name: "Christiane BOUCHART"},                                  // case folded
			{ID: "event:e", Type: "Event", Name: "7ème Rencontre nationale des collectivités et de l’ESS"}, // Jaccard 5/8 >= 0.5
			{ID: "event:f", Type: "Event", Name: "Rencontre nationale"},                                    // Jaccard 2/8: no, and one-to-one
			{ID: "territory:com-84087", Type: "Territory", Name: "Orange"},                                 // not the Organization Orange
			{ID: "territory:dep-84", Type: "Territory", Name: "Vaucluse"},                                  //
			{ID: "org:x", Type: "Organization", Name: "Christiane Bouchart"},                               // wrong type
		},
		Relations: []extract.DocRelation{
			{Type: "HOLDS_ROLE", From: "person:c", To: "org:rtes"},                 // match
			{Type: "ORGANIZED", From: "event:e", To: "org:rtes"},                   // wrong direction
			{Type: "PART_OF", From: "territory:com-84087", To: "territory:dep-84"}, // endpoints resolved to the territories
			{Type: "PART_OF", From: "territory:com-84087", To: "territory:dep-84"}, // duplicate counted once
		},
	}
	rep := eval.Score([]eval.Pair{{Name: "a", Gold: gold(t, goldDoc), Pred: pred}})
	check := func(what string, got eval.Counts, tp, fp, fn int) {
		t.Helper()
		if got.TP != tp || got.FP != fp || got.FN != fn {
			t.Errorf("%s = %+v, want tp %d fp %d fn %d", what, got, tp, fp, fn)
		}
	}
	check("Organization", rep.Entities["Organization"], 1, 1, 1)
	check("Person", rep.Entities["Person"], 1, 0, 0)
	check("Event", rep.Entities["Event"], 1, 1, 0)
	check("Territory", rep.Entities["Territory"], 2, 0, 0)
	check("micro", rep.EntityMicro, 5, 2, 1)
	check("HOLDS_ROLE", rep.Relations["HOLDS_ROLE"], 1, 0, 0)
	check("ORGANIZED", rep.Relations["ORGANIZED"], 0, 1, 1)
	check("PART_OF", rep.Relations["PART_OF"], 1, 0, 0)
	check("themes", rep.Themes, 1, 1, 1)
	if rep.DatesCorrect != 1 || rep.ThemesExact != 0 {
		t.Errorf("dates %d, themes exact %d", rep.DatesCorrect, rep.ThemesExact)
	}
	if p, r := rep.EntityMicro.Precision(), rep.EntityMicro.Recall(); p != 5.0/7 || r != 5.0/6 {
		t.Errorf("P %.3f R %.3f", p, r)
	}
}

func TestJaccardDropsStopWords(t *testing.T) {
	if j := eval.Jaccard("Budget participatif et citoyen du Pas-de-Calais", "budget participatif du département de Pas-de-Calais"); j != 4.0/6 {
		t.Errorf("Jaccard = %v, want 4/6", j)
	}
	if j := eval.Jaccard("de la", "le"); j != 0 {
		t.Errorf("stop words only: %v", j)
	}
}

func TestReadGoldAcceptsArraysAndRejectsUnknownFields(t *testing.T) {
	gs, err := eval.ReadGold(strings.NewReader("[" + goldDoc + "," + goldDoc + "]"))
	if err != nil || len(gs) != 2 {
		t.Fatalf("array: %v %d", err, len(gs))
	}
	if _, err := eval.ReadGold(strings.NewReader(`{"article": {}, "entitiez": []}`)); err == nil {
		t.Error("unknown field accepted")
	}
}

func TestPairUpMatchesRecordsByURL(t *testing.T) {
	g1, g2 := gold(t, goldDoc), gold(t, strings.Replace(goldDoc, "https://x.fr/a", "https://x.fr/b", 1))
	c := eval.Case{Article: "f.ndjson", Golds: []eval.Gold{g1, g2}}
	preds := []extract.Document{{Article: extract.DocArticle{URL: "http://www.x.fr/b/"}}, {Article: extract.DocArticle{URL: "https://x.fr/a"}}}
	ps, err := eval.PairUp(c, preds)
	if err != nil || len(ps) != 2 {
		t.Fatalf("PairUp: %v %d", err, len(ps))
	}
	if ps[0].Pred.Article.URL != "https://x.fr/a" || ps[1].Pred.Article.URL != "http://www.x.fr/b/" {
		t.Errorf("pairs %q %q", ps[0].Pred.Article.URL, ps[1].Pred.Article.URL)
	}
}

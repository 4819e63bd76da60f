package gen_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// corpus caches generated corpora: several tests read the same one.
var corpora = map[gen.Config][]gen.Item{}

func generate(t testing.TB, cfg gen.Config) []gen.Item {
	t.Helper()
	if items, ok := corpora[cfg]; ok {
		return items
	}
	items, err := gen.Generate(cfg)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	if len(items) != cfg.Articles {
		t.Fatalf("Generate(%+v) gave %d articles", cfg, len(items))
	}
	corpora[cfg] = items
	return items
}

func encode(t *testing.T, items []gen.Item) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, it := range items {
		if err := enc.Encode(it.Record); err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(it.Graph); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func TestSameSeedGivesByteIdenticalCorpusWhateverTheWorkers(t *testing.T) {
	one := encode(t, generate(t, gen.Config{Articles: 300, Seed: 7, Workers: 1}))
	many := encode(t, generate(t, gen.Config{Articles: 300, Seed: 7, Workers: 5}))
	if !bytes.Equal(one, many) {
		t.Fatal("the corpus generated on 1 and on 5 workers differs")
	}
	c, err := gen.New(gen.Config{Articles: 300, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	again := encode(t, []gen.Item{c.Article(123)})
	if want := encode(t, generate(t, gen.Config{Articles: 300, Seed: 7, Workers: 1})[123:124]); !bytes.Equal(again, want) {
		t.Fatal("article 123 generated alone differs from article 123 of the sequence")
	}
}

func TestDifferentSeedsGiveDifferentCorpora(t *testing.T) {
	a := generate(t, gen.Config{Articles: 300, Seed: 7, Workers: 1})
	b := generate(t, gen.Config{Articles: 300, Seed: 8})
	same := 0
	for i := range a {
		if a[i].Record.Text == b[i].Record.Text {
			same++
		}
	}
	if same > 0 {
		t.Fatalf("%d of %d articles have the same text with seeds 7 and 8", same, len(a))
	}
}

func TestEveryGraphIsValidAndNormalised(t *testing.T) {
	for _, it := range generate(t, gen.Config{Articles: 500, Seed: 1}) {
		g := it.Graph
		if err := kg.ValidateGraph(g, nil); err != nil {
			t.Fatalf("article %d: %v", it.Index, err)
		}
		if !reflect.DeepEqual(kg.NormalizeGraph(g), g) {
			t.Fatalf("article %d: graph is not in normal form", it.Index)
		}
		if len(g.Mentions) < 5 || len(g.Relations) < 3 {
			t.Errorf("article %d: only %d mentions and %d relations", it.Index, len(g.Mentions), len(g.Relations))
		}
	}
}

func TestSpansAndEvidenceAreTheTextAtTheirOffsets(t *testing.T) {
	for _, it := range generate(t, gen.Config{Articles: 500, Seed: 1}) {
		g := it.Graph
		text := []rune(g.Article.Text)
		ents := map[kg.ID]kg.Entity{}
		for _, e := range g.Entities {
			ents[e.ID] = e
		}
		spansOf := map[kg.ID][]kg.Span{}
		for _, m := range g.Mentions {
			e := ents[m.EntityID]
			names := map[string]bool{}
			for _, n := range e.Names() {
				names[kg.Fold(n)] = true
			}
			for _, s := range m.Spans {
				if got := string(text[s.Start:s.End]); got != s.Text {
					t.Fatalf("article %d: span %s [%d,%d) is %q, the text there is %q", it.Index, m.EntityID, s.Start, s.End, s.Text, got)
				}
				if !names[kg.Fold(s.Text)] {
					t.Fatalf("article %d: span %q of %s is none of its names %q", it.Index, s.Text, e.ID, e.Names())
				}
			}
			spansOf[m.EntityID] = m.Spans
		}
		for _, r := range g.Relations {
			for _, ev := range r.Provenance {
				if got := string(text[ev.Start:ev.End]); got != ev.Sentence {
					t.Fatalf("article %d: evidence of %s is %q, the text there is %q", it.Index, r.Key(), ev.Sentence, got)
				}
				if ev.ArticleID != g.Article.ID || ev.Extractor != gen.Extractor || ev.Confidence != 1 {
					t.Fatalf("article %d: evidence of %s has article %q, extractor %q, confidence %v", it.Index, r.Key(), ev.ArticleID, ev.Extractor, ev.Confidence)
				}
				if len(ev.Spans) != 2 {
					t.Fatalf("article %d: evidence of %s has %d endpoint spans", it.Index, r.Key(), len(ev.Spans))
				}
				for k, id := range []kg.ID{r.From, r.To} {
					s := ev.Spans[k]
					if s.Start < ev.Start || s.End > ev.End || !slices.Contains(spansOf[id], s) {
						t.Fatalf("article %d: evidence of %s: endpoint span %+v is not a mention of %s inside the sentence", it.Index, r.Key(), s, id)
					}
				}
			}
		}
	}
}

func TestEntitiesKeepOneIdentityAcrossArticles(t *testing.T) {
	seen := map[kg.ID]kg.Entity{}
	byName := map[string]kg.ID{}
	for _, it := range generate(t, gen.Config{Articles: 500, Seed: 1}) {
		for _, e := range it.Graph.Entities {
			canon := e
			canon.Aliases, canon.Acronym = nil, ""
			if prev, ok := seen[e.ID]; ok && !reflect.DeepEqual(prev, canon) {
				t.Fatalf("%s is %+v in one article and %+v in another", e.ID, prev, canon)
			}
			seen[e.ID] = canon
			if e.Type == kg.TypeTerritory {
				if want := kg.TerritoryID(kg.TerritoryLevel(e.Kind), e.Code); e.ID != want || e.Code == "" {
					t.Fatalf("territory %q has id %s, want %s", e.Name, e.ID, want)
				}
				continue
			}
			if e.Type == kg.TypeEvent {
				continue // editions of a series may share a name; their dates tell them apart
			}
			key := string(e.Type) + "|" + kg.Fold(e.Name)
			if id, ok := byName[key]; ok && id != e.ID {
				t.Fatalf("%s and %s have the same name %q", id, e.ID, e.Name)
			}
			byName[key] = e.ID
		}
	}
}

func TestIDsAreStableAcrossRuns(t *testing.T) {
	cfg := gen.Config{Articles: 200, Seed: 3}
	ids := func() []kg.ID {
		c, err := gen.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var out []kg.ID
		for _, i := range []int{0, 57, 199} {
			g := c.Article(i).Graph
			out = append(out, g.Article.ID)
			for _, e := range g.Entities {
				out = append(out, e.ID)
			}
		}
		return out
	}
	a, b := ids(), ids()
	if !slices.Equal(a, b) || len(a) < 20 {
		t.Fatalf("ids differ between two runs (%d and %d ids)", len(a), len(b))
	}
}

func TestMentionCountsFollowAPowerLaw(t *testing.T) {
	c := gen.NewCounter()
	for _, it := range generate(t, gen.Config{Articles: 1000, Seed: 1}) {
		c.Add(it.Graph)
	}
	s := c.Stats()
	top := s.TopActors[0].Articles
	if s.MedianActor <= 0 || float64(top) < 20*s.MedianActor {
		t.Fatalf("most named actor %q in %d articles, median %v: not skewed enough", s.TopActors[0].Name, top, s.MedianActor)
	}
	if s.ActorsInOne*3 < s.Actors {
		t.Errorf("only %d of %d actors are named by a single article", s.ActorsInOne, s.Actors)
	}
	if top*4 < s.Articles/10 {
		t.Errorf("the most named actor appears in only %d of %d articles", top, s.Articles)
	}
}

func TestCorpusStatesEveryRelationType(t *testing.T) {
	c := gen.NewCounter()
	for _, it := range generate(t, gen.Config{Articles: 500, Seed: 1}) {
		c.Add(it.Graph)
	}
	s := c.Stats()
	for _, rt := range []kg.RelationType{kg.HoldsRole, kg.Organized, kg.ParticipatedIn, kg.HeldAt, kg.PresentedAt, kg.LedBy,
		kg.LocatedIn, kg.Governs, kg.MemberOf, kg.PartnerOf, kg.About} {
		if s.RelationTypes[rt] == 0 {
			t.Errorf("no %s relation in 500 articles", rt)
		}
	}
	for _, et := range kg.EntityTypes {
		if s.Entities[et] == 0 {
			t.Errorf("no %s entity in 500 articles", et)
		}
	}
}

func TestArticlesHaveRealisticMetadataAndLength(t *testing.T) {
	urls := map[string]bool{}
	for _, it := range generate(t, gen.Config{Articles: 500, Seed: 1}) {
		rec, a := it.Record, it.Graph.Article
		if !strings.HasPrefix(rec.URL, gen.URLPrefix+"/") || urls[rec.URL] {
			t.Fatalf("article %d: bad or repeated url %q", it.Index, rec.URL)
		}
		urls[rec.URL] = true
		if a.ID != kg.ArticleID(rec.URL, "") || a.URL != rec.URL || a.Title != rec.Title || a.Text != rec.Text || a.PublishedAt != rec.PublishedAt {
			t.Fatalf("article %d: graph and record disagree", it.Index)
		}
		if rec.PublishedAt < "2015-01-01" || rec.PublishedAt > "2025-12-31" || rec.Title == "" {
			t.Fatalf("article %d: published %q, title %q", it.Index, rec.PublishedAt, rec.Title)
		}
		if n := len(strings.Fields(rec.Text)); n < 250 || n > 1000 {
			t.Errorf("article %d has %d words", it.Index, n)
		}
		if len(rec.Themes) < 2 || len(rec.Themes) != len(it.Graph.Themes) {
			t.Fatalf("article %d: themes %q, theme ids %v", it.Index, rec.Themes, it.Graph.Themes)
		}
		for _, id := range it.Graph.Themes {
			if !slices.ContainsFunc(it.Graph.Entities, func(e kg.Entity) bool { return e.ID == id && slices.Contains(rec.Themes, e.Name) }) {
				t.Fatalf("article %d: theme %s is not one of %q", it.Index, id, rec.Themes)
			}
		}
		if strings.Contains(rec.Text, "  ") || strings.Contains(rec.Text, " .") || strings.Contains(rec.Text, "{") || strings.Contains(rec.Text, "$") ||
			strings.Contains(rec.Text, "\n\n\n") || strings.TrimSpace(rec.Text) != rec.Text || strings.Contains(rec.Text, " ,") {
			t.Fatalf("article %d: malformed text: %q", it.Index, rec.Text)
		}
	}
}

func TestBadConfigIsInvalid(t *testing.T) {
	for _, cfg := range []gen.Config{{Articles: 0}, {Articles: -3}, {Articles: 10, StartDate: "2020-13-01"}, {Articles: 10, StartDate: "2020-01-01", EndDate: "2020-02-01"}} {
		if _, err := gen.New(cfg); kg.ErrorCode(err) != kg.Invalid {
			t.Errorf("New(%+v) = %v, want an invalid error", cfg, err)
		}
	}
}

func TestReferenceHoldsTheHierarchyOfEveryTerritoryMentioned(t *testing.T) {
	c, err := gen.New(gen.Config{Articles: 200, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ref := c.Reference()
	known := map[kg.ID]kg.Entity{}
	for _, e := range ref.Entities {
		known[e.ID] = e
	}
	parent := map[kg.ID]bool{}
	for _, r := range ref.Relations {
		if r.Type != kg.PartOf || known[r.From].ID == "" || known[r.To].ID == "" {
			t.Fatalf("bad reference relation %+v", r)
		}
		parent[r.From] = true
	}
	levels := map[string]int{}
	for _, e := range ref.Entities {
		levels[e.Kind]++
		if e.Type == kg.TypeTerritory && e.Kind != string(kg.LevelCountry) && !parent[e.ID] {
			t.Errorf("%s %q has no parent", e.ID, e.Name)
		}
	}
	if levels["region"] != 18 || levels["department"] != 101 || levels["commune"] < 100 || levels["qpv"] < 100 {
		t.Errorf("reference levels %v", levels)
	}
	for _, it := range generate(t, gen.Config{Articles: 500, Seed: 1}) {
		for _, e := range it.Graph.Entities {
			if e.Type == kg.TypeTerritory || e.Type == kg.TypeTheme {
				if r, ok := known[e.ID]; !ok || r.Name != e.Name || r.Code != e.Code || r.Kind != e.Kind {
					t.Fatalf("article %d: %s %q is not in the reference data as such", it.Index, e.ID, e.Name)
				}
			}
		}
	}
}

func TestTerritoriesAgreeWithTheGazetteer(t *testing.T) {
	c, err := gen.New(gen.Config{Articles: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	g := geo.Default()
	ref := c.Reference()
	for _, e := range ref.Entities {
		if e.Type != kg.TypeTerritory {
			continue
		}
		gt := g.ByID(string(e.ID))
		if gt == nil || gt.Name != e.Name || gt.Code != e.Code || string(gt.Level) != e.Kind {
			t.Errorf("%s %q (%s %s) is not so in the gazetteer: %+v", e.ID, e.Name, e.Kind, e.Code, gt)
		}
	}
	for _, r := range ref.Relations {
		if parents := g.Parents(string(r.From)); !slices.ContainsFunc(parents, func(p *geo.Territory) bool { return p.ID() == string(r.To) }) {
			t.Errorf("%s PART_OF %s is not in the gazetteer", r.From, r.To)
		}
	}
}

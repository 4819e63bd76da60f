package sample_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/sample"
)

const repoRoot = "../.."

type goldFile struct {
	Article struct {
		URL         string   `json:"url"`
		PublishedAt string   `json:"publishedAt"`
		ModifiedAt  string   `json:"modifiedAt"`
		Themes      []string `json:"themes"`
	} `json:"article"`
	Entities []struct {
		Type    kg.EntityType `json:"type"`
		Name    string        `json:"name"`
		Aliases []string      `json:"aliases"`
		Kind    string        `json:"kind"`
		Code    string        `json:"code"`
		Date    string        `json:"date"`
	} `json:"entities"`
	Relations []struct {
		Type kg.RelationType `json:"type"`
		From string          `json:"from"`
		To   string          `json:"to"`
		Role string          `json:"role"`
	} `json:"relations"`
}

// fixture pairs each bundled fixture with its gold annotation and raw file.
type fixture struct {
	graph kg.ArticleGraph
	gold  goldFile
	raw   []byte
}

func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	graphs, err := sample.Graphs()
	if err != nil {
		t.Fatalf("sample.Graphs: %v", err)
	}
	golds, err := filepath.Glob(filepath.Join(repoRoot, "testdata/corpus/dev/*.gold.json"))
	if err != nil || len(golds) == 0 {
		t.Fatalf("no gold files under testdata/corpus/dev (err %v)", err)
	}
	var out []fixture
	for _, path := range golds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var gold goldFile
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		raw, err := os.ReadFile(strings.TrimSuffix(path, ".gold.json") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(graphs, func(g kg.ArticleGraph) bool { return g.Article.URL == gold.Article.URL })
		if i < 0 {
			t.Fatalf("no fixture for the gold article %s (%s)", gold.Article.URL, path)
		}
		out = append(out, fixture{graph: graphs[i], gold: gold, raw: raw})
	}
	if len(out) != len(graphs) {
		t.Fatalf("%d fixtures but %d gold files: every fixture must have its gold article", len(graphs), len(out))
	}
	return out
}

// textAt returns the code points [start, end) of text.
func textAt(text string, start, end int) string {
	r := []rune(text)
	if start < 0 || end > len(r) || start > end {
		return "<out of range>"
	}
	return string(r[start:end])
}

func TestSampleGraphsPassValidation(t *testing.T) {
	for _, f := range loadFixtures(t) {
		if err := kg.ValidateGraph(f.graph, nil); err != nil {
			t.Errorf("ValidateGraph: %v", err)
		}
	}
}

func TestEverySpanTextEqualsTheTextAtItsOffsets(t *testing.T) {
	for _, f := range loadFixtures(t) {
		text := f.graph.Article.Text
		spans := 0
		for _, m := range f.graph.Mentions {
			if len(m.Spans) == 0 {
				t.Errorf("mention of %s has no span", m.EntityID)
			}
			for _, s := range m.Spans {
				spans++
				if got := textAt(text, s.Start, s.End); got != s.Text || s.Text == "" {
					t.Errorf("mention of %s: span [%d,%d) says %q, text has %q", m.EntityID, s.Start, s.End, s.Text, got)
				}
			}
		}
		for _, r := range f.graph.Relations {
			if len(r.Provenance) == 0 {
				t.Errorf("relation %s has no evidence", r.Key())
			}
			for _, ev := range r.Provenance {
				if got := textAt(text, ev.Start, ev.End); got != ev.Sentence || ev.Sentence == "" {
					t.Errorf("relation %s: evidence [%d,%d) says %q, text has %q", r.Key(), ev.Start, ev.End, ev.Sentence, got)
				}
				if ev.Extractor != sample.Extractor || ev.ArticleID != f.graph.Article.ID {
					t.Errorf("relation %s: evidence extractor %q article %q, want %q and %s", r.Key(), ev.Extractor, ev.ArticleID, sample.Extractor, f.graph.Article.ID)
				}
				for _, s := range ev.Spans {
					spans++
					if s.Start < ev.Start || s.End > ev.End {
						t.Errorf("relation %s: endpoint span [%d,%d) outside its sentence [%d,%d)", r.Key(), s.Start, s.End, ev.Start, ev.End)
					}
					if got := textAt(text, s.Start, s.End); got != s.Text {
						t.Errorf("relation %s: endpoint span [%d,%d) says %q, text has %q", r.Key(), s.Start, s.End, s.Text, got)
					}
				}
			}
		}
		if spans == 0 {
			t.Error("the fixture has no span at all")
		}
	}
}

// TestCleanTextKeepsEveryWordOfTheExportInOrder proves the hand reflow only
// changed white space: the cleaned text without white space is a stretch of
// the exported file without white space.
func TestCleanTextKeepsEveryWordOfTheExportInOrder(t *testing.T) {
	ws := regexp.MustCompile(`\s+`)
	for _, f := range loadFixtures(t) {
		text := f.graph.Article.Text
		if !utf8.ValidString(text) || utf8.RuneCountInString(text) < 1000 {
			t.Fatalf("cleaned text is not valid UTF-8 or too short (%d code points)", utf8.RuneCountInString(text))
		}
		if strings.Contains(text, "\r") || strings.Contains(text, "  ") {
			t.Error("cleaned text still has carriage returns or double spaces")
		}
		if !strings.Contains(ws.ReplaceAllString(string(f.raw), ""), ws.ReplaceAllString(text, "")) {
			t.Error("cleaned text is not the exported body with only white space changed")
		}
	}
}

func TestArticleMetadataMatchesTheGoldAndTheFile(t *testing.T) {
	for _, f := range loadFixtures(t) {
		a := f.graph.Article
		if a.ID != kg.ArticleID(a.URL, "") {
			t.Errorf("article id %s, want %s (hash of the URL)", a.ID, kg.ArticleID(a.URL, ""))
		}
		if string(a.PublishedAt) != f.gold.Article.PublishedAt || string(a.ModifiedAt) != f.gold.Article.ModifiedAt {
			t.Errorf("dates %s / %s, gold says %s / %s", a.PublishedAt, a.ModifiedAt, f.gold.Article.PublishedAt, f.gold.Article.ModifiedAt)
		}
		if !slices.Equal(a.Themes, f.gold.Article.Themes) {
			t.Errorf("themes %q, gold says %q", a.Themes, f.gold.Article.Themes)
		}
		if a.ContentHash != kg.ContentHash(string(f.raw)) {
			t.Errorf("content hash %s is not the hash of the bundled file", a.ContentHash)
		}
		if _, err := os.Stat(filepath.Join(repoRoot, a.Source)); err != nil {
			t.Errorf("source %q is not a bundled file: %v", a.Source, err)
		}
		if a.Title == "" || a.Site == "" {
			t.Errorf("title %q or site %q missing", a.Title, a.Site)
		}
		// The article's theme list is its HAS_THEME themes, by name.
		byID := map[kg.ID]kg.Entity{}
		for _, e := range f.graph.Entities {
			byID[e.ID] = e
		}
		var names []string
		for _, id := range f.graph.Themes {
			names = append(names, byID[id].Name)
		}
		slices.Sort(names)
		want := slices.Clone(a.Themes)
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Errorf("HAS_THEME names %q, article themes %q", names, want)
		}
	}
}

func TestEveryEntityFollowsTheIDConventions(t *testing.T) {
	for _, f := range loadFixtures(t) {
		mentioned := map[kg.ID]bool{}
		for _, m := range f.graph.Mentions {
			mentioned[m.EntityID] = true
		}
		for _, e := range f.graph.Entities {
			var want kg.ID
			switch e.Type {
			case kg.TypeTerritory:
				want = kg.TerritoryID(e.Level(), e.Code)
			case kg.TypeEvent:
				want = kg.NewEventID(e.StartDate, e.Name)
			case kg.TypeOrganization:
				if e.Acronym != "" {
					want = kg.NewEntityID(e.Type, e.Acronym)
				} else {
					want = kg.NewEntityID(e.Type, e.Name)
				}
			default:
				want = kg.NewEntityID(e.Type, e.Name)
			}
			if e.ID != want {
				t.Errorf("entity %q has id %s, the conventions give %s", e.Name, e.ID, want)
			}
			// Every entity the body names has a mention; only the themes of
			// the article's own list may be unnamed in the body.
			if !mentioned[e.ID] && !slices.Contains(f.graph.Themes, e.ID) {
				t.Errorf("entity %s is neither mentioned nor one of the article's themes", e.ID)
			}
		}
	}
}

func TestEveryGoldEntityAndRelationIsInTheFixture(t *testing.T) {
	for _, f := range loadFixtures(t) {
		// match maps each gold entity (by index) to the fixture entity whose
		// folded names meet its folded names, with the same type.
		match := make([]kg.ID, len(f.gold.Entities))
		for i, ge := range f.gold.Entities {
			goldNames := map[string]bool{kg.Fold(ge.Name): true}
			for _, a := range ge.Aliases {
				goldNames[kg.Fold(a)] = true
			}
			for _, e := range f.graph.Entities {
				if e.Type != ge.Type {
					continue
				}
				if slices.ContainsFunc(e.Names(), func(n string) bool { return goldNames[kg.Fold(n)] }) {
					match[i] = e.ID
					break
				}
			}
			if match[i] == "" {
				t.Errorf("gold %s %q is not in the fixture", ge.Type, ge.Name)
				continue
			}
			e := entityByID(f.graph, match[i])
			if kg.Fold(e.Name) != kg.Fold(ge.Name) {
				t.Errorf("gold %s %q is in the fixture under the name %q", ge.Type, ge.Name, e.Name)
			}
			if (ge.Kind != "" && e.Kind != ge.Kind) || (ge.Code != "" && e.Code != ge.Code) || (ge.Date != "" && string(e.StartDate) != ge.Date) {
				t.Errorf("gold %s %q has kind %q code %q date %q; fixture has %q %q %q", ge.Type, ge.Name, ge.Kind, ge.Code, ge.Date, e.Kind, e.Code, e.StartDate)
			}
		}
		for i, a := range match {
			for j, b := range match {
				if i < j && a != "" && a == b {
					t.Errorf("gold entities %q and %q both match %s", f.gold.Entities[i].Name, f.gold.Entities[j].Name, a)
				}
			}
		}
		if got := len(f.graph.Entities); got != len(f.gold.Entities) {
			t.Errorf("fixture has %d entities, gold %d", got, len(f.gold.Entities))
		}

		// resolve finds the gold entity a relation end names, among the
		// types the relation allows at that end.
		resolve := func(name string, types []kg.EntityType) kg.ID {
			var found []kg.ID
			for i, ge := range f.gold.Entities {
				if !slices.Contains(types, ge.Type) {
					continue
				}
				if slices.ContainsFunc(append([]string{ge.Name}, ge.Aliases...), func(n string) bool { return kg.Fold(n) == kg.Fold(name) }) {
					found = append(found, match[i])
				}
			}
			if len(found) != 1 {
				t.Errorf("gold relation end %q names %d entities", name, len(found))
				return ""
			}
			return found[0]
		}
		for _, gr := range f.gold.Relations {
			ep := kg.Endpoints[gr.Type]
			from, to := resolve(gr.From, ep.From), resolve(gr.To, ep.To)
			ok := slices.ContainsFunc(f.graph.Relations, func(r kg.Relation) bool {
				return r.Type == gr.Type && r.From == from && r.To == to && kg.Fold(r.Role) == kg.Fold(gr.Role)
			})
			if !ok {
				t.Errorf("gold relation %s %q → %q (role %q) is not in the fixture as %s → %s", gr.Type, gr.From, gr.To, gr.Role, from, to)
			}
		}
		if got := len(f.graph.Relations); got != len(f.gold.Relations) {
			t.Errorf("fixture has %d relations, gold %d", got, len(f.gold.Relations))
		}
	}
}

func TestGraphsReturnsAFreshCopyEachCall(t *testing.T) {
	a, err := sample.Graphs()
	if err != nil {
		t.Fatal(err)
	}
	a[0].Entities[0].Name = "changed"
	b, err := sample.Graphs()
	if err != nil {
		t.Fatal(err)
	}
	if b[0].Entities[0].Name == "changed" {
		t.Error("a change to one result shows in the next")
	}
}

func entityByID(g kg.ArticleGraph, id kg.ID) kg.Entity {
	for _, e := range g.Entities {
		if e.ID == id {
			return e
		}
	}
	return kg.Entity{}
}

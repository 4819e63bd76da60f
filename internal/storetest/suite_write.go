package storetest

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// changedA3 is a new version of article A3 (same URL, so same id): another
// date, title, theme list, an alias of its own for the crèche, another role
// for its director; it no longer names the childcare initiative, the
// department of Val-d’Œillet or the RNESS.
func changedA3(c *Corpus) kg.ArticleGraph {
	a := c.article("A3-changed", c.Graph("A3").Article.URL, "petite-enfance.example",
		"La crèche Les P’tits Loups fête sa première année", "2024-09-10")
	a.list(kg.Entity{ID: c.ID("creche"), Type: kg.TypeOrganization, Name: "Crèche coopérative Les P’tits Loups", Kind: "cooperative", Aliases: []string{"P’tits Loups de Bourg"}})
	s0 := a.say("La [Crèche coopérative Les P’tits Loups]{creche} fête sa première année aux [Hauts de Bourg]{qpv-A}.")
	s1 := a.say("Son directeur général, [Youssef Benali]{youssef}, remercie le [Département des Monts-Verts]{cd}.")
	a.rel(kg.LocatedIn, "creche", "qpv-A", "", s0)
	a.rel(kg.HoldsRole, "youssef", "creche", "directeur général", s1)
	a.themes("pdlv")
	return a.build()
}

// replaceGraph returns graphs with the graph of the same article replaced.
func replaceGraph(graphs []kg.ArticleGraph, g kg.ArticleGraph) []kg.ArticleGraph {
	out := slices.Clone(graphs)
	for i := range out {
		if out[i].Article.ID == g.Article.ID {
			out[i] = g
		}
	}
	return out
}

// checkAgainstOracle compares every entity and relation of the store with
// what the rules give for the inputs.
func checkAgainstOracle(t *testing.T, s kg.Store, o *oracle) {
	t.Helper()
	d := takeDump(t, s)
	want := o.entityIDs()
	var got []kg.ID
	for id := range d.Entities {
		got = append(got, id)
	}
	wantIDSet(t, "entities", got, want)
	for _, id := range want {
		w, g := o.merged(id), d.Entities[id]
		if !equalJSON(w, g) {
			t.Errorf("entity %s:\n%s", id, diffJSON(w, g))
		}
	}
	rels := o.relations()
	for key, aids := range rels {
		r, ok := d.Relations[key]
		if !ok {
			t.Errorf("relation %s missing", key)
			continue
		}
		var gotAids []kg.ID
		for _, ev := range r.Provenance {
			if !slices.Contains(gotAids, ev.ArticleID) {
				gotAids = append(gotAids, ev.ArticleID)
			}
		}
		wantIDSet(t, "provenance articles of "+key, gotAids, aids)
		if w := o.evidence(key); !equalJSON(w, r.Provenance) {
			t.Errorf("evidence of %s:\n%s", key, diffJSON(w, r.Provenance))
		}
	}
	for key := range d.Relations {
		if _, ok := rels[key]; !ok {
			t.Errorf("unexpected relation %s", key)
		}
	}
}

func (h *harness) testUpsert(t *testing.T) {
	t.Run("ResultCountsWhatWasWritten", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		seen := map[kg.ID]bool{}
		for _, e := range c.Reference.Entities {
			seen[e.ID] = true
		}
		var want kg.UpsertResult
		listed := 0
		for _, g := range c.Graphs {
			n := kg.NormalizeGraph(g)
			want.ArticlesCreated++
			want.Relations += len(n.Relations)
			for _, e := range n.Entities {
				listed++
				if seen[e.ID] {
					want.EntitiesUpdated++
				} else {
					want.EntitiesCreated++
					seen[e.ID] = true
				}
			}
		}
		if got := mustUpsert(t, s, c.Graphs...); got != want {
			t.Errorf("first upsert = %+v, want %+v", got, want)
		}
		again := kg.UpsertResult{ArticlesReplaced: len(c.Graphs), EntitiesUpdated: listed, Relations: want.Relations}
		if got := mustUpsert(t, s, c.Graphs...); got != again {
			t.Errorf("second upsert = %+v, want %+v", got, again)
		}
	})

	t.Run("StoreFollowsTheRules", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		checkAgainstOracle(t, s, newOracle(c.Reference, c.Graphs...))
	})

	t.Run("ArticleRoundTrips", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		for _, key := range c.ArticleKeys() {
			in := c.Graph(key)
			got, ok := articles(t, s, in.Article.ID)[in.Article.ID]
			if !ok {
				t.Fatalf("article %s missing", key)
			}
			want := in.Article
			want.ThemeIDs = slices.Sorted(slices.Values(in.Themes))
			want.ThemeIDs = slices.Compact(want.ThemeIDs)
			want.EntityCount = len(kg.NormalizeGraph(in).Mentions)
			if !equalJSON(want, got) {
				t.Errorf("article %s:\n%s", key, diffJSON(want, got))
			}
		}
		hashes, err := s.ArticleHashes(t.Context(), c.IDs("A1", "A6", "A1", "cd"))
		if err != nil {
			t.Fatal(err)
		}
		if len(hashes) != 2 || hashes[c.ID("A1")] != c.Graph("A1").Article.ContentHash || hashes[c.ID("A6")] != c.Graph("A6").Article.ContentHash {
			t.Errorf("ArticleHashes = %v", hashes)
		}
	})

	t.Run("ReupsertIsIdempotent", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		before := takeDump(t, s)
		mustUpsert(t, s, c.Graphs...)
		compareDumps(t, before, takeDump(t, s), "store after writing the same batch again")
		for _, g := range c.Graphs {
			mustUpsert(t, s, g)
		}
		mustLoadReference(t, s, c.Reference)
		compareDumps(t, before, takeDump(t, s), "store after writing each article and the reference again")
	})

	t.Run("WriteOrderDoesNotMatter", func(t *testing.T) {
		c := NewCorpus()
		forward := h.loaded(t, c)
		want := takeDump(t, forward)

		backward := h.fresh(t)
		mustLoadReference(t, backward, c.Reference)
		for _, g := range slices.Backward(c.Graphs) {
			mustUpsert(t, backward, g)
		}
		compareDumps(t, want, takeDump(t, backward), "articles written one by one in reverse order")

		mixed := h.fresh(t)
		mustLoadReference(t, mixed, c.Reference)
		order := []int{4, 1, 6, 0, 3, 5, 2}
		var first, second []kg.ArticleGraph
		for i, j := range order {
			if i < 3 {
				first = append(first, c.Graphs[j])
			} else {
				second = append(second, c.Graphs[j])
			}
		}
		mustUpsert(t, mixed, second...)
		mustUpsert(t, mixed, first...)
		compareDumps(t, want, takeDump(t, mixed), "articles written in two shuffled batches")
	})

	t.Run("ChangedArticleReplacesItsContribution", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		changed := changedA3(c)
		res := mustUpsert(t, s, changed)
		if res.ArticlesReplaced != 1 || res.ArticlesCreated != 0 {
			t.Errorf("result = %+v, want one article replaced", res)
		}
		// Same as a store that only ever saw the new version.
		fromScratch := h.fresh(t)
		mustLoadReference(t, fromScratch, c.Reference)
		mustUpsert(t, fromScratch, replaceGraph(c.Graphs, changed)...)
		compareDumps(t, takeDump(t, fromScratch), takeDump(t, s), "store after replacing A3 (want: store loaded with the new A3 only)")
		checkAgainstOracle(t, s, newOracle(c.Reference, replaceGraph(c.Graphs, changed)...))

		// And the specific consequences.
		crech := entity(t, s, c.ID("creche"))
		if !slices.Equal(crech.Aliases, []string{"P’tits Loups de Bourg"}) {
			t.Errorf("crèche aliases = %q, want only the new article's alias", crech.Aliases)
		}
		if got := entities(t, s, c.ID("garde")); len(got) != 0 {
			t.Errorf("initiative named only by the old version still exists: %+v", got)
		}
		a := articles(t, s, c.ID("A3"))[c.ID("A3")]
		if !slices.Equal(a.ThemeIDs, []kg.ID{c.ID("pdlv")}) || a.Title != changed.Article.Title || a.Text != changed.Article.Text {
			t.Errorf("article after change: themes %v title %q", a.ThemeIDs, a.Title)
		}
		rels := relationsOf(t, s, kg.RelationQuery{Direction: kg.Out}, c.ID("creche"), c.ID("youssef"))
		for _, r := range rels[c.ID("creche")] {
			if r.Type == kg.MemberOf {
				t.Errorf("MEMBER_OF stated only by the old version survived: %+v", r)
			}
		}
		var roles []string
		for _, r := range rels[c.ID("youssef")] {
			if r.Type == kg.HoldsRole {
				roles = append(roles, r.Role)
			}
		}
		if !slices.Equal(roles, []string{"directeur général"}) {
			t.Errorf("Youssef's roles = %q, want only the new one", roles)
		}
	})

	t.Run("InvalidGraphRejectsTheWholeBatch", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		mustUpsert(t, s, c.Graph("A1"), c.Graph("A2"))
		before := takeDump(t, s)
		good := c.Graph("A4")
		base := c.Graph("A5")
		aid := base.Article.ID
		long := strings.Repeat("é", kg.MaxNameLength/2+1)
		cases := []struct {
			name   string
			mutate func(g *kg.ArticleGraph)
			want   string
		}{
			{"SpanOutsideText", func(g *kg.ArticleGraph) { g.Mentions[0].Spans = []kg.Span{{Start: 10, End: 100000}} }, "outside the text"},
			{"NegativeSpan", func(g *kg.ArticleGraph) { g.Mentions[0].Spans = []kg.Span{{Start: -1, End: 2}} }, "outside the text"},
			{"MentionOfUnlistedEntity", func(g *kg.ArticleGraph) {
				g.Mentions = append(g.Mentions, kg.Mention{ArticleID: aid, EntityID: "org:inconnue", Spans: []kg.Span{{Start: 0, End: 2}}})
			}, "org:inconnue"},
			{"MentionOfEntityStoredByAnotherArticle", func(g *kg.ArticleGraph) {
				g.Mentions = append(g.Mentions, kg.Mention{ArticleID: aid, EntityID: c.ID("rness"), Spans: []kg.Span{{Start: 0, End: 2}}})
			}, string(c.ID("rness"))},
			{"MentionOfAnotherArticle", func(g *kg.ArticleGraph) { g.Mentions[0].ArticleID = c.ID("A1") }, string(c.ID("A1"))},
			{"RelationTypeDoesNotAllowEndpoints", func(g *kg.ArticleGraph) {
				g.Relations = append(g.Relations, kg.Relation{Type: kg.Governs, From: c.ID("tiers"), To: c.ID("qpv-C")})
			}, "GOVERNS"},
			{"UnknownRelationType", func(g *kg.ArticleGraph) {
				g.Relations = append(g.Relations, kg.Relation{Type: "LIKES", From: c.ID("tiers"), To: c.ID("asso")})
			}, "LIKES"},
			{"RelationToUnknownEntity", func(g *kg.ArticleGraph) {
				g.Relations = append(g.Relations, kg.Relation{Type: kg.LedBy, From: c.ID("tiers"), To: "org:inconnue"})
			}, "org:inconnue"},
			{"EvidenceFromAnotherArticle", func(g *kg.ArticleGraph) { g.Relations[0].Provenance[0].ArticleID = c.ID("A1") }, "evidence"},
			{"ThemeThatIsNotATheme", func(g *kg.ArticleGraph) { g.Themes = append(g.Themes, c.ID("asso")) }, string(c.ID("asso"))},
			{"UnknownTheme", func(g *kg.ArticleGraph) { g.Themes = append(g.Themes, "theme:inconnu") }, "theme:inconnu"},
			{"MalformedArticleID", func(g *kg.ArticleGraph) { g.Article.ID = "article:avec espace" }, "article:avec espace"},
			{"InvalidDate", func(g *kg.ArticleGraph) { g.Article.PublishedAt = "15/01/2024" }, "date"},
			{"EntityTypeDisagreesWithID", func(g *kg.ArticleGraph) { g.Entities[0].Type = kg.TypePerson }, string(g0(base).ID)},
			{"EmptyName", func(g *kg.ArticleGraph) { g.Entities[0].Name = " \u00a0 " }, "empty name"},
			{"NameTooLong", func(g *kg.ArticleGraph) { g.Entities[0].Name = long }, "longer than"},
			{"AliasTooLong", func(g *kg.ArticleGraph) { g.Entities[0].Aliases = []string{long} }, "longer than"},
			{"TextNotUTF8", func(g *kg.ArticleGraph) { g.Article.Text = "caf\xe9 " + g.Article.Text }, "UTF-8"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				bad := cloneGraph(base)
				tc.mutate(&bad)
				_, err := s.UpsertArticles(t.Context(), []kg.ArticleGraph{good, bad})
				wantError(t, "UpsertArticles", err, kg.Invalid, tc.want)
				if err != nil && tc.name != "MalformedArticleID" && !strings.Contains(err.Error(), string(aid)) {
					t.Errorf("error %q does not name the article %s", err, aid)
				}
				compareDumps(t, before, takeDump(t, s), "store after a rejected batch")
			})
		}
	})

	t.Run("ReferenceEntitiesNeedNotBeListed", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		a := c.article("X1", "https://exemple.example/x1", "exemple.example", "Brève régionale", "2024-03-01")
		a.say("Les [Hautes-Vallées]{reg-95} et la [Côte-d’Émeraude]{reg-96} signent une convention sur la [petite enfance]{petite-enfance}.")
		a.themes("petite-enfance")
		g := a.build()
		if len(g.Entities) != 0 {
			t.Fatalf("fixture: graph lists %d entities, want none", len(g.Entities))
		}
		mustUpsert(t, s, g)
		if e := entity(t, s, c.ID("reg-96")); e.MentionCount != 1 || e.Name != "Côte-d’Émeraude" {
			t.Errorf("reference territory after mention: %+v", e)
		}
		g.Mentions = append(g.Mentions, kg.Mention{ArticleID: g.Article.ID, EntityID: "territory:reg-99", Spans: []kg.Span{{Start: 0, End: 3}}})
		_, err := s.UpsertArticles(t.Context(), []kg.ArticleGraph{g})
		wantError(t, "mention of an unknown territory", err, kg.Invalid, "territory:reg-99")
	})

	t.Run("ReferenceAttributesWin", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		e := entity(t, s, c.ID("dep-9A"))
		if e.Name != "Monts-Verts" || e.Kind != string(kg.LevelDepartment) || e.Code != "9A" || !e.Reference {
			t.Errorf("dep-9A = %+v; want the reference name, level and code", e)
		}
		if !slices.Contains(e.Aliases, "département des Monts-Verts") {
			t.Errorf("dep-9A aliases = %q; want the article's form among them", e.Aliases)
		}
		if !slices.Equal(e.Parents, []kg.ID{c.ID("reg-95")}) {
			t.Errorf("dep-9A parents = %v", e.Parents)
		}
	})

	t.Run("UnicodeNamesRoundTrip", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		for _, key := range []string{"asso", "fonds", "entre", "creche"} {
			if got, want := entity(t, s, c.ID(key)).Name, c.Entity(key).Name; got != want {
				t.Errorf("%s name = %q, want %q", key, got, want)
			}
		}
		if got := entity(t, s, c.ID("dep-9B")).Name; got != "Val-d’Œillet" {
			t.Errorf("dep-9B name = %q", got)
		}
		c.define("jardins", kg.Entity{Type: kg.TypeOrganization, Name: "Collectif « Jardins\u00a0partagés » 🌱 de l’Œuvre", Kind: "association"})
		c.define("zoe", kg.Entity{Type: kg.TypePerson, Name: "Zoé Ñúñez-Ærøe"})
		a := c.article("X2", "https://exemple.example/jardins", "exemple.example", "Les « Jardins partagés » de l’Œuvre 🌱", "2024-04-02")
		a.say("🌱 Le [Collectif « Jardins\u00a0partagés » 🌱 de l’Œuvre]{jardins} a été fondé par [Zoé Ñúñez-Ærøe]{zoe} à [Lécluse]{com-9A002}.")
		g := a.build()
		mustUpsert(t, s, g)
		got := entities(t, s, c.IDs("jardins", "zoe")...)
		for _, key := range []string{"jardins", "zoe"} {
			if got[c.ID(key)].Name != c.Entity(key).Name {
				t.Errorf("%s name = %q, want %q", key, got[c.ID(key)].Name, c.Entity(key).Name)
			}
		}
		art := articles(t, s, g.Article.ID)[g.Article.ID]
		if art.Title != g.Article.Title || art.Text != g.Article.Text {
			t.Errorf("article title/text changed: %q / %q", art.Title, art.Text)
		}
		ms, err := s.MentionsIn(t.Context(), []kg.ID{g.Article.ID})
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(art.Text)
		for _, m := range ms[g.Article.ID] {
			for _, sp := range m.Spans {
				if string(runes[sp.Start:sp.End]) != sp.Text {
					t.Errorf("span %+v of %s: text at its code point offsets is %q", sp, m.EntityID, string(runes[sp.Start:sp.End]))
				}
			}
		}
	})

	t.Run("VeryLongNamesAreKept", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		name := longName("Association très longue", kg.MaxNameLength)
		alias := longName("Surnom de l’association", kg.MaxNameLength)
		if len(name) != kg.MaxNameLength || len(alias) != kg.MaxNameLength || !utf8.ValidString(name) || !utf8.ValidString(alias) {
			t.Fatalf("fixture: name of %d bytes, alias of %d", len(name), len(alias))
		}
		id := c.define("long", kg.Entity{Type: kg.TypeOrganization, Name: name, Aliases: []string{alias}, Kind: "association"})
		a := c.article("X3", "https://exemple.example/long", "exemple.example", "Un nom interminable", "2024-05-05")
		a.say("Voici l’[association]{long}.")
		mustUpsert(t, s, a.build())
		e := entity(t, s, id)
		if e.Name != name || !slices.Equal(e.Aliases, []string{alias}) {
			t.Errorf("long names changed: name %d bytes, aliases %d", len(e.Name), len(e.Aliases))
		}
		p, err := s.Search(t.Context(), kg.SearchQuery{Text: "Association très longue"}, kg.PageRequest{First: 5})
		if err != nil || len(p.Items) != 1 || p.Items[0].Entity.ID != id || p.Items[0].Rank != kg.RankPrefix {
			t.Errorf("search by prefix of a long name = %+v, %v", p, err)
		}
		ids := listAll(t, s, kg.EntityFilter{Type: kg.TypeOrganization, Text: "numéro"}, kg.EntityOrder{}, 10)
		wantIDs(t, "text filter on a long name", ids, []kg.ID{id})

		b := c.article("X4", "https://exemple.example/trop-long", "exemple.example", "Un nom trop long", "2024-05-06")
		c.define("toolong", kg.Entity{ID: "org:trop-long", Type: kg.TypeOrganization, Name: longName("Association trop longue", kg.MaxNameLength+1)})
		b.say("Voici l’[autre association]{toolong}.")
		_, err = s.UpsertArticles(t.Context(), []kg.ArticleGraph{b.build()})
		wantError(t, "name one byte over the limit", err, kg.Invalid, "longer than")
	})

	t.Run("DuplicatesInAGraphAreMerged", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		g := cloneGraph(c.Graph("A6"))
		var maelle kg.Entity
		for _, e := range g.Entities {
			if e.ID == c.ID("maelle") {
				maelle = e
			}
		}
		maelle.Aliases = []string{"Mme Kerbrat"}
		g.Entities = append(g.Entities, maelle)
		g.Mentions = append(g.Mentions, g.Mentions...)
		g.Relations = append(g.Relations, g.Relations...)
		g.Themes = append(g.Themes, c.ID("ess"), c.ID("ess"))
		mustUpsert(t, s, g)
		o := newOracle(c.Reference, c.Graph("A6"))
		e := entity(t, s, c.ID("maelle"))
		wantCount, _, _, _ := o.stats(c.ID("maelle"))
		if e.MentionCount != wantCount || e.ArticleCount != 1 {
			t.Errorf("Maëlle counted %d mentions in %d articles, want %d in 1 (duplicate spans merged)", e.MentionCount, e.ArticleCount, wantCount)
		}
		if !slices.Contains(e.Aliases, "Mme Kerbrat") {
			t.Errorf("aliases of the repeated entity not merged: %q", e.Aliases)
		}
		rels := relationsOf(t, s, kg.RelationQuery{Types: []kg.RelationType{kg.HoldsRole}}, c.ID("maelle"))[c.ID("maelle")]
		if len(rels) != 1 || len(rels[0].Provenance) != 1 {
			t.Errorf("repeated relation = %+v, want one relation with one evidence", rels)
		}
		a := articles(t, s, g.Article.ID)[g.Article.ID]
		if !slices.Equal(a.ThemeIDs, []kg.ID{c.ID("ess")}) {
			t.Errorf("ThemeIDs = %v", a.ThemeIDs)
		}
	})

	t.Run("RelationWithoutEvidenceNamesItsArticle", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		g := cloneGraph(c.Graph("A6"))
		for i := range g.Relations {
			g.Relations[i].Provenance = nil
		}
		mustUpsert(t, s, g)
		rels := relationsOf(t, s, kg.RelationQuery{}, c.ID("jb"))[c.ID("jb")]
		if len(rels) != 1 {
			t.Fatalf("relations of jb = %+v", rels)
		}
		if ids := rels[0].ArticleIDs(); !slices.Equal(ids, []kg.ID{g.Article.ID}) {
			t.Errorf("provenance articles = %v, want the stating article", ids)
		}
	})
}

func g0(g kg.ArticleGraph) kg.Entity { return g.Entities[0] }

// longName returns a French name of exactly n bytes, with multi-byte
// letters, starting with prefix.
func longName(prefix string, n int) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i := 1; b.Len() < n; i++ {
		b.WriteString(" numéro ")
		b.WriteString(strings.Repeat("é", i%5+1))
	}
	s := b.String()
	for len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	for len(s) < n {
		s += "e"
	}
	if s[n-1] == ' ' {
		s = s[:n-1] + "e"
	}
	return s
}

// cloneGraph deep-copies a graph so a test can change it.
func cloneGraph(g kg.ArticleGraph) kg.ArticleGraph {
	g.Entities = slices.Clone(g.Entities)
	for i := range g.Entities {
		g.Entities[i].Aliases = slices.Clone(g.Entities[i].Aliases)
	}
	g.Mentions = slices.Clone(g.Mentions)
	for i := range g.Mentions {
		g.Mentions[i].Spans = slices.Clone(g.Mentions[i].Spans)
	}
	g.Relations = slices.Clone(g.Relations)
	for i := range g.Relations {
		g.Relations[i].Provenance = slices.Clone(g.Relations[i].Provenance)
	}
	g.Themes = slices.Clone(g.Themes)
	g.Article.Themes = slices.Clone(g.Article.Themes)
	return g
}

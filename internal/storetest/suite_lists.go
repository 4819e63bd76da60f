package storetest

import (
	"cmp"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

var allEntityFields = []kg.EntitySortField{kg.SortByName, kg.SortByMentionCount, kg.SortByFirstMentioned, kg.SortByLastMentioned}

// sortedByRule orders entities as the contract says, from their own
// attributes and statistics.
func sortedByRule(list []kg.Entity, o kg.EntityOrder) []kg.ID {
	o, _ = o.Normalize()
	list = slices.Clone(list)
	slices.SortFunc(list, func(a, b kg.Entity) int {
		var c int
		switch o.Field {
		case kg.SortByName:
			c = cmp.Compare(kg.Fold(a.Name), kg.Fold(b.Name))
		case kg.SortByMentionCount:
			c = cmp.Compare(a.MentionCount, b.MentionCount)
		case kg.SortByFirstMentioned:
			c = cmp.Compare(a.FirstMentioned, b.FirstMentioned)
		case kg.SortByLastMentioned:
			c = cmp.Compare(a.LastMentioned, b.LastMentioned)
		}
		if o.Direction == kg.Desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.ID, b.ID))
	})
	out := make([]kg.ID, len(list))
	for i, e := range list {
		out[i] = e.ID
	}
	return out
}

// entitiesOfType returns every entity of a type, read by id.
func entitiesOfType(t *testing.T, s kg.Store, c *Corpus, typ kg.EntityType) []kg.Entity {
	t.Helper()
	var ids []kg.ID
	for _, id := range newOracle(c.Reference, c.Graphs...).entityIDs() {
		if id.EntityType() == typ {
			ids = append(ids, id)
		}
	}
	var out []kg.Entity
	for _, e := range entities(t, s, ids...) {
		out = append(out, e)
	}
	return out
}

func (h *harness) testListEntities(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"DefaultOrderIsNameAscending": func(t *testing.T, s kg.Store, c *Corpus) {
			got := listAll(t, s, kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.MaxPageSize)
			want := sortedByRule(entitiesOfType(t, s, c, kg.TypeOrganization), kg.EntityOrder{Field: kg.SortByName, Direction: kg.Asc})
			wantIDs(t, "organizations in default order", got, want)
			if len(want) != 7 {
				t.Errorf("fixture: %d organizations, want 7", len(want))
			}
		},
		"EveryOrderingWithPageSizesOneAndThree": func(t *testing.T, s kg.Store, c *Corpus) {
			for _, typ := range kg.EntityTypes {
				all := entitiesOfType(t, s, c, typ)
				for _, field := range allEntityFields {
					for _, dir := range []kg.SortDirection{kg.Asc, kg.Desc} {
						o := kg.EntityOrder{Field: field, Direction: dir}
						want := sortedByRule(all, o)
						for _, first := range []int{1, 3} {
							got := listAll(t, s, kg.EntityFilter{Type: typ}, o, first)
							wantIDs(t, string(typ)+" by "+string(field)+" "+string(dir)+", pages of "+itoa(first), got, want)
						}
					}
				}
			}
		},
		"NeverMentionedSortsBeforeAnyDate": func(t *testing.T, s kg.Store, c *Corpus) {
			got := listAll(t, s, kg.EntityFilter{Type: kg.TypeTerritory}, kg.EntityOrder{Field: kg.SortByFirstMentioned}, 100)
			ents := entities(t, s, got...)
			seenDate := false
			for _, id := range got {
				if ents[id].FirstMentioned != "" {
					seenDate = true
				} else if seenDate {
					t.Errorf("%s (never mentioned) sorted after a dated territory", id)
				}
			}
			if !seenDate {
				t.Errorf("fixture: no mentioned territory")
			}
		},
		"LastPageHasNoNextPage": func(t *testing.T, s kg.Store, c *Corpus) {
			f := kg.EntityFilter{Type: kg.TypePerson}
			p, err := s.ListEntities(t.Context(), f, kg.EntityOrder{}, kg.PageRequest{First: 4})
			if err != nil || len(p.Items) != 4 || p.HasNextPage || p.TotalCount != 4 {
				t.Errorf("page as large as the list = %d items, next %v, total %d, %v", len(p.Items), p.HasNextPage, p.TotalCount, err)
			}
			p, err = s.ListEntities(t.Context(), f, kg.EntityOrder{}, kg.PageRequest{First: 3})
			if err != nil || len(p.Items) != 3 || !p.HasNextPage || p.TotalCount != 4 {
				t.Fatalf("first page = %d items, next %v, total %d, %v", len(p.Items), p.HasNextPage, p.TotalCount, err)
			}
			p, err = s.ListEntities(t.Context(), f, kg.EntityOrder{}, kg.PageRequest{First: 3, After: p.Cursors[2]})
			if err != nil || len(p.Items) != 1 || p.HasNextPage || p.TotalCount != 4 {
				t.Errorf("last page = %d items, next %v, total %d, %v", len(p.Items), p.HasNextPage, p.TotalCount, err)
			}
			p, err = s.ListEntities(t.Context(), f, kg.EntityOrder{}, kg.PageRequest{First: 3, After: p.Cursors[0]})
			if err != nil || len(p.Items) != 0 || p.HasNextPage || p.TotalCount != 4 {
				t.Errorf("page after the last item = %d items, next %v, total %d, %v", len(p.Items), p.HasNextPage, p.TotalCount, err)
			}
		},
		"FirstZeroReturnsOnlyTheCount": func(t *testing.T, s kg.Store, c *Corpus) {
			p, err := s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypeTerritory}, kg.EntityOrder{}, kg.PageRequest{First: 0})
			if err != nil || len(p.Items) != 0 || len(p.Cursors) != 0 || p.TotalCount != 12 || !p.HasNextPage {
				t.Errorf("first 0 = %d items, next %v, total %d, %v; want no item, the total (12) and a next page", len(p.Items), p.HasNextPage, p.TotalCount, err)
			}
		},
		"PageSizeOutOfRangeIsInvalid": func(t *testing.T, s kg.Store, c *Corpus) {
			for _, first := range []int{-1, kg.MaxPageSize + 1} {
				_, err := s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: first})
				wantError(t, "ListEntities first "+itoa(first), err, kg.Invalid, "first")
				_, err = s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: first})
				wantError(t, "ListArticles first "+itoa(first), err, kg.Invalid, "first")
				_, err = s.Search(t.Context(), kg.SearchQuery{Text: "loups"}, kg.PageRequest{First: first})
				wantError(t, "Search first "+itoa(first), err, kg.Invalid, "first")
			}
			if p, err := s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypeTerritory}, kg.EntityOrder{}, kg.PageRequest{First: kg.MaxPageSize}); err != nil || len(p.Items) != 12 {
				t.Errorf("first = MaxPageSize: %d items, %v", len(p.Items), err)
			}
		},
		"MalformedCursorIsInvalid": func(t *testing.T, s kg.Store, c *Corpus) {
			for _, after := range []string{"!!!", "bm9wZQ", "eyJ4IjoxfQ", kg.EncodeCursor("entities/Organization/NAME/ASC", "seul")} {
				_, err := s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypeOrganization}, kg.EntityOrder{}, kg.PageRequest{First: 2, After: after})
				wantError(t, "ListEntities after "+after, err, kg.Invalid, "after")
				_, err = s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: 2, After: after})
				wantError(t, "ListArticles after "+after, err, kg.Invalid, "after")
				_, err = s.Search(t.Context(), kg.SearchQuery{Text: "loups"}, kg.PageRequest{First: 2, After: after})
				wantError(t, "Search after "+after, err, kg.Invalid, "after")
			}
		},
		"CursorFromAnotherListIsInvalid": func(t *testing.T, s kg.Store, c *Corpus) {
			orgs := kg.EntityFilter{Type: kg.TypeOrganization}
			p, err := s.ListEntities(t.Context(), orgs, kg.EntityOrder{}, kg.PageRequest{First: 1})
			if err != nil || len(p.Cursors) != 1 {
				t.Fatalf("ListEntities: %v", err)
			}
			byName := p.Cursors[0]
			for _, o := range []kg.EntityOrder{{Direction: kg.Desc}, {Field: kg.SortByMentionCount}, {Field: kg.SortByFirstMentioned}, {Field: kg.SortByLastMentioned, Direction: kg.Desc}} {
				_, err := s.ListEntities(t.Context(), orgs, o, kg.PageRequest{First: 1, After: byName})
				wantError(t, "name cursor with order "+string(o.Field)+" "+string(o.Direction), err, kg.Invalid, "after")
			}
			_, err = s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypePerson}, kg.EntityOrder{}, kg.PageRequest{First: 1, After: byName})
			wantError(t, "organization cursor on the person list", err, kg.Invalid, "after")
			_, err = s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{Field: kg.SortByTitle}, kg.PageRequest{First: 1, After: byName})
			wantError(t, "entity cursor on the article list", err, kg.Invalid, "after")
			_, err = s.Search(t.Context(), kg.SearchQuery{Text: "loups"}, kg.PageRequest{First: 1, After: byName})
			wantError(t, "entity cursor on search", err, kg.Invalid, "after")
			ap, err := s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{}, kg.PageRequest{First: 1})
			if err != nil || len(ap.Cursors) != 1 {
				t.Fatalf("ListArticles: %v", err)
			}
			_, err = s.ListEntities(t.Context(), orgs, kg.EntityOrder{}, kg.PageRequest{First: 1, After: ap.Cursors[0]})
			wantError(t, "article cursor on an entity list", err, kg.Invalid, "after")
			_, err = s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{Field: kg.SortByTitle}, kg.PageRequest{First: 1, After: ap.Cursors[0]})
			wantError(t, "date cursor on the title ordering", err, kg.Invalid, "after")
		},
		"UnknownTypeOrOrderIsInvalid": func(t *testing.T, s kg.Store, c *Corpus) {
			_, err := s.ListEntities(t.Context(), kg.EntityFilter{}, kg.EntityOrder{}, kg.PageRequest{First: 1})
			wantError(t, "missing type", err, kg.Invalid)
			_, err = s.ListEntities(t.Context(), kg.EntityFilter{Type: "Company"}, kg.EntityOrder{}, kg.PageRequest{First: 1})
			wantError(t, "unknown type", err, kg.Invalid, "Company")
			_, err = s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypePerson}, kg.EntityOrder{Field: "POPULARITY"}, kg.PageRequest{First: 1})
			wantError(t, "unknown field", err, kg.Invalid, "POPULARITY")
			_, err = s.ListEntities(t.Context(), kg.EntityFilter{Type: kg.TypePerson}, kg.EntityOrder{Direction: "UP"}, kg.PageRequest{First: 1})
			wantError(t, "unknown direction", err, kg.Invalid, "UP")
			_, err = s.ListArticles(t.Context(), kg.ArticleFilter{}, kg.ArticleOrder{Field: "LENGTH"}, kg.PageRequest{First: 1})
			wantError(t, "unknown article field", err, kg.Invalid, "LENGTH")
		},
		"MalformedFilterArgumentsAreInvalid": func(t *testing.T, s kg.Store, c *Corpus) {
			for name, f := range map[string]kg.EntityFilter{
				"territory": {Type: kg.TypeOrganization, Territory: "pas un id"},
				"from":      {Type: kg.TypeOrganization, From: "2024-13-01"},
				"to":        {Type: kg.TypeOrganization, To: "hier"},
			} {
				_, err := s.ListEntities(t.Context(), f, kg.EntityOrder{}, kg.PageRequest{First: 1})
				wantError(t, "filter "+name, err, kg.Invalid)
			}
		},
		"FilterText": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				typ  kg.EntityType
				text string
				want []string
			}{
				{kg.TypeOrganization, "loups", []string{"creche"}},
				{kg.TypeOrganization, "RNESS", []string{"rness"}},
				{kg.TypeOrganization, "cd des monts", []string{"cd"}},
				{kg.TypeOrganization, "ÉCONOMIE", []string{"asso", "rness"}},
				{kg.TypeOrganization, "entre rives", []string{"entre"}},
				{kg.TypeOrganization, "« l’économie", []string{"asso", "rness"}},
				{kg.TypeTerritory, "oeillet", []string{"dep-9B", "com-9B010"}},
				{kg.TypeTerritory, "Œillet", []string{"dep-9B", "com-9B010"}},
				{kg.TypeTheme, "ess", []string{"ess"}},
				{kg.TypePerson, "zzz", nil},
			}
			for _, tc := range cases {
				got := listAll(t, s, kg.EntityFilter{Type: tc.typ, Text: tc.text}, kg.EntityOrder{}, 2)
				wantIDSet(t, string(tc.typ)+" text "+tc.text, got, c.IDs(tc.want...))
			}
		},
		"FilterKinds": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				typ   kg.EntityType
				kinds []string
				want  []string
			}{
				{kg.TypeOrganization, []string{"cooperative"}, []string{"creche", "entre"}},
				{kg.TypeOrganization, []string{"local_authority", "fund"}, []string{"cd", "mairie", "fonds"}},
				{kg.TypeTerritory, []string{string(kg.LevelQPV)}, []string{"qpv-A", "qpv-C"}},
				{kg.TypeTerritory, []string{string(kg.LevelRegion), string(kg.LevelEPCI)}, []string{"reg-95", "reg-96", "epci"}},
				{kg.TypeEvent, []string{"forum"}, []string{"event2"}},
				{kg.TypeOrganization, []string{"nope"}, nil},
			}
			for _, tc := range cases {
				got := listAll(t, s, kg.EntityFilter{Type: tc.typ, Kinds: tc.kinds}, kg.EntityOrder{}, 2)
				wantIDSet(t, string(tc.typ)+" kinds", got, c.IDs(tc.want...))
			}
		},
		"FilterThemes": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				typ    kg.EntityType
				themes []string
				want   []string
			}{
				// Mentioned by an article with the theme (A3, A4).
				{kg.TypeOrganization, []string{"petite-enfance"}, []string{"creche", "rness", "mairie", "asso"}},
				// A2 has the theme; the childcare project is ABOUT it (A3 has not).
				{kg.TypeInitiative, []string{"pdlv"}, []string{"budget", "garde"}},
				{kg.TypeInitiative, []string{"tiers-lieux"}, []string{"tiers"}},
				// Broader link (ABOUT) and a theme named in an article of the theme.
				{kg.TypeTheme, []string{"ess"}, []string{"iae", "pdlv"}},
				{kg.TypeEvent, []string{"ess", "tiers-lieux"}, []string{"event1", "univ"}},
				{kg.TypePerson, []string{"participation"}, []string{"maelle", "odile"}},
				{kg.TypePerson, []string{"iae"}, nil},
			}
			for _, tc := range cases {
				got := listAll(t, s, kg.EntityFilter{Type: tc.typ, Themes: c.IDs(tc.themes...)}, kg.EntityOrder{}, 2)
				wantIDSet(t, string(tc.typ)+" themes "+join(tc.themes), got, c.IDs(tc.want...))
			}
		},
		"FilterTerritoryRollsUpDescendants": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				typ  kg.EntityType
				terr string
				desc bool
				want []string
			}{
				{kg.TypeOrganization, "reg-95", false, nil},
				{kg.TypeOrganization, "reg-95", true, []string{"cd", "creche", "entre"}},
				{kg.TypeOrganization, "dep-9A", false, []string{"cd"}},
				{kg.TypeOrganization, "dep-9A", true, []string{"cd", "creche"}},
				{kg.TypeOrganization, "qpv-A", false, []string{"creche"}},
				{kg.TypeOrganization, "reg-96", true, []string{"asso"}},
				{kg.TypeInitiative, "reg-95", true, []string{"budget", "garde"}},
				{kg.TypeInitiative, "reg-96", true, []string{"tiers"}},
				{kg.TypeInitiative, "epci", true, []string{"budget"}},
				{kg.TypeEvent, "reg-95", true, []string{"event1"}},
				{kg.TypeEvent, "reg-96", true, []string{"event2", "univ"}},
				{kg.TypeEvent, "com-9C100", false, []string{"event2", "univ"}},
				{kg.TypePerson, "reg-95", true, nil},
				{kg.TypeTerritory, "reg-95", false, []string{"reg-95"}},
				{kg.TypeTerritory, "reg-95", true, []string{"reg-95", "dep-9A", "dep-9B", "epci", "com-9A001", "com-9A002", "com-9B010", "qpv-A"}},
				{kg.TypeTerritory, "dep-9C", true, []string{"dep-9C", "com-9C100", "qpv-C"}},
				{kg.TypeTerritory, "epci", true, []string{"epci", "com-9A001", "com-9A002", "qpv-A"}},
			}
			for _, tc := range cases {
				f := kg.EntityFilter{Type: tc.typ, Territory: c.ID(tc.terr), IncludeDescendants: tc.desc}
				got := listAll(t, s, f, kg.EntityOrder{}, 2)
				wantIDSet(t, string(tc.typ)+" in "+tc.terr+descLabel(tc.desc), got, c.IDs(tc.want...))
			}
			got := listAll(t, s, kg.EntityFilter{Type: kg.TypeOrganization, Territory: "territory:reg-99", IncludeDescendants: true}, kg.EntityOrder{}, 2)
			wantIDSet(t, "unknown territory", got, nil)
		},
		"FilterPartOf": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := map[string][]string{
				"reg-95": {"dep-9A", "dep-9B"},
				"dep-9A": {"epci", "com-9A001", "com-9A002"},
				"epci":   {"com-9A001", "com-9A002"},
				"qpv-A":  nil,
			}
			for parent, want := range cases {
				got := listAll(t, s, kg.EntityFilter{Type: kg.TypeTerritory, PartOf: c.ID(parent)}, kg.EntityOrder{}, 2)
				wantIDSet(t, "children of "+parent, got, c.IDs(want...))
			}
		},
		"FilterMentionedIn": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				typ     kg.EntityType
				article string
				want    []string
			}{
				{kg.TypeOrganization, "A3", []string{"creche", "rness"}},
				{kg.TypePerson, "A4", []string{"youssef"}},
				{kg.TypeTerritory, "A5", []string{"qpv-C", "com-9C100"}},
				{kg.TypeTheme, "A3", []string{"pdlv"}},
				{kg.TypeEvent, "A6", nil},
			}
			for _, tc := range cases {
				got := listAll(t, s, kg.EntityFilter{Type: tc.typ, MentionedIn: c.ID(tc.article)}, kg.EntityOrder{}, 1)
				wantIDSet(t, string(tc.typ)+" mentioned in "+tc.article, got, c.IDs(tc.want...))
			}
			got := listAll(t, s, kg.EntityFilter{Type: kg.TypePerson, MentionedIn: "article:ffffffffffff"}, kg.EntityOrder{}, 1)
			wantIDSet(t, "mentioned in an unknown article", got, nil)
		},
		"FilterDateRange": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				typ      kg.EntityType
				from, to kg.Date
				want     []string
			}{
				{kg.TypePerson, "2023-05-01", "2023-12-31", []string{"odile", "youssef"}},
				{kg.TypePerson, "2023-09-10", "2023-09-10", []string{"youssef"}},
				{kg.TypePerson, "2025-01-01", "", nil},
				{kg.TypeEvent, "2023-03-14", "2023-03-14", []string{"event1"}},
				{kg.TypeEvent, "2024-06-01", "", []string{"event2"}},
				{kg.TypeEvent, "", "2023-12-31", []string{"event1"}},
				{kg.TypeOrganization, "", "2022-12-31", []string{"cd", "entre"}},
			}
			for _, tc := range cases {
				got := listAll(t, s, kg.EntityFilter{Type: tc.typ, From: tc.from, To: tc.to}, kg.EntityOrder{}, 2)
				wantIDSet(t, string(tc.typ)+" in ["+string(tc.from)+", "+string(tc.to)+"]", got, c.IDs(tc.want...))
			}
		},
		"FiltersCombine": func(t *testing.T, s kg.Store, c *Corpus) {
			base := kg.EntityFilter{Type: kg.TypeOrganization, Territory: c.ID("reg-95"), IncludeDescendants: true}
			cases := []struct {
				name string
				edit func(f *kg.EntityFilter)
				want []string
			}{
				{"Kinds", func(f *kg.EntityFilter) { f.Kinds = []string{"cooperative"} }, []string{"creche", "entre"}},
				{"KindsThemes", func(f *kg.EntityFilter) {
					f.Kinds = []string{"cooperative"}
					f.Themes = c.IDs("petite-enfance")
				}, []string{"creche"}},
				{"MentionedIn", func(f *kg.EntityFilter) { f.MentionedIn = c.ID("A7") }, []string{"cd", "entre"}},
				{"MentionedInDates", func(f *kg.EntityFilter) {
					f.MentionedIn = c.ID("A7")
					f.From, f.To = "2023-01-01", "2023-12-31"
				}, []string{"cd"}},
				{"TextKinds", func(f *kg.EntityFilter) {
					f.Text = "loups"
					f.Kinds = []string{"local_authority"}
				}, nil},
			}
			for _, tc := range cases {
				f := base
				tc.edit(&f)
				got := listAll(t, s, f, kg.EntityOrder{Field: kg.SortByMentionCount, Direction: kg.Desc}, 1)
				wantIDSet(t, "combined "+tc.name, got, c.IDs(tc.want...))
			}
		},
		"FilteredListKeepsItsOrder": func(t *testing.T, s kg.Store, c *Corpus) {
			f := kg.EntityFilter{Type: kg.TypeTerritory, Territory: c.ID("reg-95"), IncludeDescendants: true}
			for _, field := range allEntityFields {
				for _, dir := range []kg.SortDirection{kg.Asc, kg.Desc} {
					o := kg.EntityOrder{Field: field, Direction: dir}
					got := listAll(t, s, f, o, 1)
					var ents []kg.Entity
					for _, e := range entities(t, s, got...) {
						ents = append(ents, e)
					}
					wantIDs(t, "filtered territories by "+string(field)+" "+string(dir), got, sortedByRule(ents, o))
					if len(got) != 8 {
						t.Errorf("filtered list has %d items, want 8", len(got))
					}
				}
			}
		},
	})

	t.Run("CursorSurvivesWrites", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		orgs := kg.EntityFilter{Type: kg.TypeOrganization}
		p, err := s.ListEntities(t.Context(), orgs, kg.EntityOrder{}, kg.PageRequest{First: 3})
		if err != nil || len(p.Items) != 3 {
			t.Fatalf("first page: %v", err)
		}
		cursorName := kg.Fold(p.Items[2].Name)
		cursorID := p.Items[2].ID
		if cursorID != c.ID("entre") {
			t.Fatalf("fixture: third organization by name is %s, want entre", cursorID)
		}
		// Add one organization before the cursor and one after; remove the
		// cursor's own item (named only by A5 and A7).
		c.define("alpha", kg.Entity{Type: kg.TypeOrganization, Name: "Atelier Alpha", Kind: "association"})
		c.define("zeta", kg.Entity{Type: kg.TypeOrganization, Name: "Zèbre solidaire", Kind: "association"})
		a := c.article("X5", "https://exemple.example/alpha-zeta", "exemple.example", "Deux nouvelles associations", "2024-07-01")
		a.say("L’[Atelier Alpha]{alpha} et le [Zèbre solidaire]{zeta} s’installent à [Lécluse]{com-9A002}.")
		mustUpsert(t, s, a.build())
		mustDelete(t, s, c.ID("A5"))
		mustDelete(t, s, c.ID("A7"))
		if got := entities(t, s, cursorID); len(got) != 0 {
			t.Fatalf("fixture: cursor item still exists")
		}
		var want []kg.ID
		var all []kg.Entity
		for _, e := range entities(t, s, listAll(t, s, orgs, kg.EntityOrder{}, 100)...) {
			all = append(all, e)
		}
		for _, id := range sortedByRule(all, kg.EntityOrder{}) {
			e := entity(t, s, id)
			if f := kg.Fold(e.Name); f > cursorName || (f == cursorName && id > cursorID) {
				want = append(want, id)
			}
		}
		next, err := s.ListEntities(t.Context(), orgs, kg.EntityOrder{}, kg.PageRequest{First: 100, After: p.Cursors[2]})
		if err != nil {
			t.Fatal(err)
		}
		var got []kg.ID
		for _, e := range next.Items {
			got = append(got, e.ID)
		}
		wantIDs(t, "page after a cursor whose item was removed, with items added before and after", got, want)
		if !slices.Contains(got, c.ID("zeta")) || slices.Contains(got, c.ID("alpha")) {
			t.Errorf("new items misplaced: %v", got)
		}
	})
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func join(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += ","
		}
		out += s
	}
	return out
}

func descLabel(desc bool) string {
	if desc {
		return " and below"
	}
	return ""
}

package storetest

import (
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

func (h *harness) testReference(t *testing.T) {
	t.Run("LoadingTwiceChangesNothing", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		before := takeDump(t, s)
		mustLoadReference(t, s, c.Reference)
		compareDumps(t, before, takeDump(t, s), "store after loading the reference twice")
		if n := len(before.Entities); n != len(c.Reference.Entities) {
			t.Errorf("%d entities after loading %d", n, len(c.Reference.Entities))
		}
		if n := before.Stats.Relations; n != len(c.Reference.Relations) {
			t.Errorf("%d relations after loading %d", n, len(c.Reference.Relations))
		}
	})

	t.Run("LoadingMoreAdds", func(t *testing.T) {
		c := NewCorpus()
		all := h.fresh(t)
		mustLoadReference(t, all, c.Reference)
		// Regions and departments first, the rest later.
		var first, second kg.ReferenceData
		for _, e := range c.Reference.Entities {
			if l := e.Level(); l == kg.LevelRegion || l == kg.LevelDepartment {
				first.Entities = append(first.Entities, e)
			} else {
				second.Entities = append(second.Entities, e)
			}
		}
		for _, r := range c.Reference.Relations {
			if r.From.EntityType() == kg.TypeTerritory && slices.ContainsFunc(first.Entities, func(e kg.Entity) bool { return e.ID == r.From }) {
				first.Relations = append(first.Relations, r)
			} else {
				second.Relations = append(second.Relations, r)
			}
		}
		parts := h.fresh(t)
		mustLoadReference(t, parts, first)
		if got := entities(t, parts, c.ID("com-9A001")); len(got) != 0 {
			t.Fatalf("commune present before it was loaded")
		}
		mustLoadReference(t, parts, second)
		compareDumps(t, takeDump(t, all), takeDump(t, parts), "reference loaded in two parts")
	})

	t.Run("HierarchyFillsParents", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		want := map[string][]string{
			"reg-95":    nil,
			"dep-9A":    {"reg-95"},
			"epci":      {"dep-9A"},
			"com-9A001": {"dep-9A", "epci"},
			"qpv-A":     {"com-9A001"},
			"qpv-C":     {"com-9C100"},
		}
		for key, parents := range want {
			got := entity(t, s, c.ID(key)).Parents
			w := c.IDs(parents...)
			slices.Sort(w)
			if !slices.Equal(got, w) && !(len(got) == 0 && len(w) == 0) {
				t.Errorf("Parents(%s) = %v, want %v", key, got, w)
			}
		}
		if p := entity(t, s, c.ID("ess")).Parents; len(p) != 0 {
			t.Errorf("a theme has Parents %v", p)
		}
	})

	t.Run("PartOfIsARelationWithReferenceProvenance", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		rels := relationsOf(t, s, kg.RelationQuery{Direction: kg.Out, Types: []kg.RelationType{kg.PartOf}}, c.ID("com-9A001"))[c.ID("com-9A001")]
		var to []kg.ID
		for _, r := range rels {
			to = append(to, r.To)
			if len(r.Provenance) == 0 {
				t.Errorf("PART_OF %s has no provenance", r.Key())
			}
			for _, ev := range r.Provenance {
				if ev.ArticleID != "" || ev.Extractor != refEvidence().Extractor {
					t.Errorf("PART_OF %s evidence %+v, want reference evidence", r.Key(), ev)
				}
			}
		}
		wantIDs(t, "PART_OF targets of com-9A001", to, c.IDs("dep-9A", "epci"))
		children := relationsOf(t, s, kg.RelationQuery{Direction: kg.In, Types: []kg.RelationType{kg.PartOf}}, c.ID("dep-9A"))[c.ID("dep-9A")]
		var from []kg.ID
		for _, r := range children {
			from = append(from, r.From)
		}
		wantIDSet(t, "PART_OF children of dep-9A", from, c.IDs("epci", "com-9A001", "com-9A002"))
	})

	t.Run("ThemeVocabularyKeepsBroader", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		iae := entity(t, s, c.ID("iae"))
		if !slices.Equal(iae.Broader, []kg.ID{c.ID("ess")}) || iae.Scheme != "maillage" || !iae.Reference {
			t.Errorf("theme = %+v", iae)
		}
		rels := relationsOf(t, s, kg.RelationQuery{Types: []kg.RelationType{kg.About}}, c.ID("iae"))[c.ID("iae")]
		if len(rels) != 1 || rels[0].To != c.ID("ess") {
			t.Errorf("ABOUT of the theme = %+v", rels)
		}
	})

	t.Run("OnlyReferenceEntitiesAreMarked", func(t *testing.T) {
		c := NewCorpus()
		s := h.loaded(t, c)
		d := takeDump(t, s)
		for id, e := range d.Entities {
			if want := c.isReference(id); e.Reference != want {
				t.Errorf("%s Reference = %v, want %v", id, e.Reference, want)
			}
		}
	})

	t.Run("InvalidReferenceIsRejected", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		before := takeDump(t, s)
		extra := kg.Entity{ID: kg.TerritoryID(kg.LevelCommune, "9C200"), Type: kg.TypeTerritory, Name: "Anse-aux-Loups", Kind: string(kg.LevelCommune), Code: "9C200"}
		cases := []struct {
			name string
			data kg.ReferenceData
			want string
		}{
			{"UnknownEndpoint", kg.ReferenceData{Entities: []kg.Entity{extra},
				Relations: []kg.Relation{{Type: kg.PartOf, From: extra.ID, To: "territory:dep-99"}}}, "territory:dep-99"},
			{"MalformedID", kg.ReferenceData{Entities: []kg.Entity{extra, {ID: "territory:a b", Type: kg.TypeTerritory, Name: "X"}}}, "territory:a b"},
			{"TypeDisagreesWithID", kg.ReferenceData{Entities: []kg.Entity{extra, {ID: "territory:com-9C300", Type: kg.TypeTheme, Name: "X"}}}, "territory:com-9C300"},
			{"EmptyName", kg.ReferenceData{Entities: []kg.Entity{extra, {ID: "territory:com-9C300", Type: kg.TypeTerritory, Name: "  "}}}, "territory:com-9C300"},
			{"RelationNotAllowed", kg.ReferenceData{Entities: []kg.Entity{extra},
				Relations: []kg.Relation{{Type: kg.Governs, From: extra.ID, To: c.ID("dep-9C")}}}, "GOVERNS"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				err := s.LoadReference(t.Context(), tc.data)
				wantError(t, "LoadReference", err, kg.Invalid, tc.want)
				compareDumps(t, before, takeDump(t, s), "store after rejected reference data")
			})
		}
	})
}

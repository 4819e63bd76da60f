package reference_test

import (
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/reference"
)

func index(t *testing.T, data kg.ReferenceData) map[kg.ID]kg.Entity {
	t.Helper()
	byID := map[kg.ID]kg.Entity{}
	for _, e := range data.Entities {
		if _, dup := byID[e.ID]; dup {
			t.Fatalf("entity %s twice", e.ID)
		}
		byID[e.ID] = e
	}
	return byID
}

func TestCoarseHasEveryRegionAndDepartmentWithOfficialCodes(t *testing.T) {
	data, err := reference.Territories(geo.Default(), reference.Coarse...)
	if err != nil {
		t.Fatal(err)
	}
	byID := index(t, data)
	count := map[string]int{}
	for _, e := range data.Entities {
		count[e.Kind]++
		if !e.Reference || e.Type != kg.TypeTerritory || e.Name == "" || e.Code == "" {
			t.Errorf("entity %+v is not a named reference territory with a code", e)
		}
		if e.ID != kg.TerritoryID(e.Level(), e.Code) {
			t.Errorf("entity %s: id is not kg.TerritoryID(%s, %s)", e.ID, e.Level(), e.Code)
		}
		gt := geo.Default().ByID(string(e.ID))
		if gt == nil || gt.Name != e.Name || string(gt.Level) != e.Kind || gt.Code != e.Code {
			t.Errorf("entity %s (%s) does not match geo's territory with that id: %+v", e.ID, e.Name, gt)
		}
	}
	if count["country"] != 1 || count["region"] != 18 || count["department"] != 101 || len(count) != 3 {
		t.Errorf("levels loaded: %v, want 1 country, 18 regions, 101 departments", count)
	}
	for id, name := range map[kg.ID]string{"territory:reg-32": "Hauts-de-France", "territory:dep-62": "Pas-de-Calais", "territory:dep-2A": "Corse-du-Sud", "territory:dep-974": "La Réunion", "territory:fr": "France"} {
		if byID[id].Name != name {
			t.Errorf("%s is %q, want %q", id, byID[id].Name, name)
		}
	}

	parent := map[kg.ID][]kg.ID{}
	for _, r := range data.Relations {
		if r.Type != kg.PartOf {
			t.Errorf("relation %s is not PART_OF", r.Key())
		}
		if _, ok := byID[r.From]; !ok {
			t.Errorf("relation %s starts at an entity not loaded", r.Key())
		}
		if _, ok := byID[r.To]; !ok {
			t.Errorf("relation %s ends at an entity not loaded", r.Key())
		}
		if len(r.Provenance) != 1 || r.Provenance[0].Extractor != reference.ExtractorINSEE || r.Provenance[0].ArticleID != "" || r.Provenance[0].Confidence != 1 {
			t.Errorf("relation %s has provenance %+v, want one reference/insee evidence", r.Key(), r.Provenance)
		}
		parent[r.From] = append(parent[r.From], r.To)
	}
	for _, e := range data.Entities {
		var want []kg.ID
		switch e.Level() {
		case kg.LevelRegion:
			want = []kg.ID{"territory:fr"}
		case kg.LevelDepartment:
			want = []kg.ID{kg.TerritoryID(kg.LevelRegion, geo.Default().ByID(string(e.ID)).Region)}
		}
		if !slices.Equal(parent[e.ID], want) {
			t.Errorf("%s (%s) is PART_OF %v, want %v", e.ID, e.Name, parent[e.ID], want)
		}
	}
	if !slices.Equal(parent["territory:dep-62"], []kg.ID{"territory:reg-32"}) {
		t.Errorf("Pas-de-Calais is PART_OF %v, want Hauts-de-France", parent["territory:dep-62"])
	}
}

func TestAllLevelsKeepGeosHierarchyWithItsSources(t *testing.T) {
	g := geo.Default()
	data, err := reference.Territories(g, reference.All...)
	if err != nil {
		t.Fatal(err)
	}
	byID := index(t, data)
	for _, l := range geo.Levels {
		n := 0
		for _, e := range data.Entities {
			if e.Kind == string(l) {
				n++
			}
		}
		if n != len(g.All(l)) || n == 0 {
			t.Errorf("%d territories of level %s, geo has %d", n, l, len(g.All(l)))
		}
	}
	links := 0
	for _, l := range geo.Levels {
		for _, gt := range g.All(l) {
			links += len(gt.Parents)
		}
	}
	if len(data.Relations) != links {
		t.Errorf("%d PART_OF links, geo has %d", len(data.Relations), links)
	}
	extractor := map[[2]string]string{}
	for _, r := range data.Relations {
		key := [2]string{byID[r.From].Kind, byID[r.To].Kind}
		got := r.Provenance[0].Extractor
		if prev, ok := extractor[key]; ok && prev != got {
			t.Errorf("links %s → %s come from both %s and %s", key[0], key[1], prev, got)
		}
		extractor[key] = got
	}
	want := map[[2]string]string{
		{"region", "country"}:     reference.ExtractorINSEE,
		{"department", "region"}:  reference.ExtractorINSEE,
		{"commune", "department"}: reference.ExtractorINSEE,
		{"commune", "epci"}:       reference.ExtractorDGCL,
		{"epci", "department"}:    reference.ExtractorDGCL,
		{"qpv", "commune"}:        reference.ExtractorANCT,
	}
	for k, v := range want {
		if extractor[k] != v {
			t.Errorf("links %s → %s: extractor %q, want %q", k[0], k[1], extractor[k], v)
		}
	}
}

func TestUnknownLevelIsInvalid(t *testing.T) {
	_, err := reference.Territories(geo.Default(), "canton")
	if kg.ErrorCode(err) != kg.Invalid {
		t.Fatalf("got %v, want an invalid error", err)
	}
}

func TestClosureBringsEveryAncestorWithItsLinks(t *testing.T) {
	g := geo.Default()
	data := reference.Closure(g, []kg.ID{"territory:qpv-QN05971M", "territory:com-59350", "org:not-a-territory", "territory:com-00000"})
	ids := map[kg.ID]bool{}
	for _, e := range data.Entities {
		if !e.Reference || e.Type != kg.TypeTerritory {
			t.Errorf("%s: not a reference territory", e.ID)
		}
		ids[e.ID] = true
	}
	for _, want := range []kg.ID{"territory:qpv-QN05971M", "territory:com-59350", "territory:dep-59", "territory:reg-32", "territory:fr"} {
		if !ids[want] {
			t.Errorf("closure lacks %s (has %d entities)", want, len(ids))
		}
	}
	if ids["org:not-a-territory"] || ids["territory:com-00000"] {
		t.Error("closure kept an id that is not a territory of the geography")
	}
	links := map[string]bool{}
	for _, r := range data.Relations {
		if !ids[r.From] || !ids[r.To] {
			t.Errorf("link %s→%s leaves the closure", r.From, r.To)
		}
		links[string(r.From)+">"+string(r.To)] = true
	}
	for _, want := range []string{"territory:qpv-QN05971M>territory:com-59350", "territory:com-59350>territory:dep-59", "territory:dep-59>territory:reg-32", "territory:reg-32>territory:fr"} {
		if !links[want] {
			t.Errorf("closure lacks PART_OF %s", want)
		}
	}
	if len(reference.Closure(g, nil).Entities) != 0 {
		t.Error("closure of nothing is not empty")
	}
}

// Package reference turns Maillage's reference geography (internal/geo)
// into the kg.ReferenceData that stores load before any article: one
// Territory entity per official unit (Reference set, Kind its level, Code
// its official code, id kg.TerritoryID(level, code)) and the PART_OF
// hierarchy between them, each link with the provenance of its source.
//
// Provenance of PART_OF links (Evidence.Extractor, confidence 1, no
// article):
//   - reference/insee: region → country, department → region, commune →
//     department (INSEE, Code officiel géographique);
//   - reference/dgcl: commune → EPCI, EPCI → department (DGCL, composition
//     of the EPCI);
//   - reference/anct: QPV → commune (ANCT, list of the QPV).
package reference

import (
	"cmp"
	"slices"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// Extractors of the reference PART_OF links.
const (
	ExtractorINSEE = "reference/insee"
	ExtractorDGCL  = "reference/dgcl"
	ExtractorANCT  = "reference/anct"
)

// Coarse are the levels loaded by default: the country, its regions and
// departments (120 territories).
var Coarse = []kg.TerritoryLevel{kg.LevelCountry, kg.LevelRegion, kg.LevelDepartment}

// All are every level the geography ships.
var All = []kg.TerritoryLevel{kg.LevelCountry, kg.LevelRegion, kg.LevelDepartment, kg.LevelEPCI, kg.LevelCommune, kg.LevelQPV}

// Territories returns the territories of the given levels of g with the
// PART_OF links among them, entities sorted by id and relations by key.
// A link whose parent's level is not loaded is left out, so a subset of
// levels is a consistent graph on its own. An unknown level is an Invalid
// error.
func Territories(g *geo.Gazetteer, levels ...kg.TerritoryLevel) (kg.ReferenceData, error) {
	if len(levels) == 0 {
		levels = Coarse
	}
	want := map[geo.Level]bool{}
	for _, l := range levels {
		if !slices.Contains(kg.TerritoryLevels, l) {
			return kg.ReferenceData{}, kg.Errorf(kg.Invalid, "reference: unknown territory level %q", l)
		}
		want[geo.Level(l)] = true
	}
	var data kg.ReferenceData
	for _, l := range geo.Levels {
		if !want[l] {
			continue
		}
		for _, t := range g.All(l) {
			add(&data, g, t, func(p *geo.Territory) bool { return want[p.Level] })
		}
	}
	sortData(&data)
	return data, nil
}

// Closure returns the reference data of the given territories and of every
// unit above them (a commune's EPCI, department, region and the country; a
// QPV's communes and theirs), with the PART_OF links among them, sorted like
// Territories. Ids that are not territories of the geography are ignored.
// Ingestion loads it for the territories an article names, so the
// hierarchy down to communes and QPV is in the store without loading all
// 38,000 units up front.
func Closure(g *geo.Gazetteer, ids []kg.ID) kg.ReferenceData {
	in := map[string]bool{}
	var units []*geo.Territory
	for _, id := range ids {
		t := g.ByID(string(id))
		if t == nil || in[string(id)] {
			continue
		}
		in[string(id)] = true
		units = append(units, t)
		for _, a := range g.Ancestors(string(id)) {
			if !in[a.ID()] {
				in[a.ID()] = true
				units = append(units, a)
			}
		}
	}
	var data kg.ReferenceData
	for _, t := range units {
		add(&data, g, t, func(p *geo.Territory) bool { return in[p.ID()] })
	}
	sortData(&data)
	return data
}

// add appends t to data with its PART_OF links to the parents keep accepts.
func add(data *kg.ReferenceData, g *geo.Gazetteer, t *geo.Territory, keep func(*geo.Territory) bool) {
	id := kg.TerritoryID(kg.TerritoryLevel(t.Level), t.Code)
	data.Entities = append(data.Entities, kg.Entity{
		ID:        id,
		Type:      kg.TypeTerritory,
		Name:      t.Name,
		Kind:      string(t.Level),
		Code:      t.Code,
		Reference: true,
	})
	for _, pid := range t.Parents {
		p := g.ByID(pid)
		if p == nil || !keep(p) {
			continue
		}
		data.Relations = append(data.Relations, kg.Relation{
			Type:       kg.PartOf,
			From:       id,
			To:         kg.TerritoryID(kg.TerritoryLevel(p.Level), p.Code),
			Provenance: []kg.Evidence{{Extractor: extractorOf(t.Level, p.Level), Confidence: 1}},
		})
	}
}

func sortData(data *kg.ReferenceData) {
	slices.SortFunc(data.Entities, func(a, b kg.Entity) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(data.Relations, func(a, b kg.Relation) int { return cmp.Compare(a.Key(), b.Key()) })
}

// extractorOf names the source of a PART_OF link from a unit of level
// child to one of level parent.
func extractorOf(child, parent geo.Level) string {
	switch {
	case child == geo.LevelQPV:
		return ExtractorANCT
	case child == geo.LevelEPCI || parent == geo.LevelEPCI:
		return ExtractorDGCL
	}
	return ExtractorINSEE
}

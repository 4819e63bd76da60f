package gen

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// territoriesTSV holds the real territories the generator writes about; see
// the header of the file for its source and columns.
//
//go:embed data/territories.tsv
var territoriesTSV string

// place is a real territory.
type place struct {
	e        *ent
	level    kg.TerritoryLevel
	code     string
	tncc     int // INSEE "type de nom en clair": 0 no article, 1 no article + vowel, 2 le, 3 la, 4 les, 5 l'
	pop      int
	region   *place
	dept     *place
	parents  []*place // PART_OF: a commune's department, a department's region, a QPV's communes
	children []*place
	auth     *ent // the local authority that governs it, if any
}

// geography is the parsed table.
type geography struct {
	country                       *place
	regions, depts, communes, qpv []*place
	byID                          map[kg.ID]*place
}

func loadGeography() (*geography, error) {
	g := &geography{byID: map[kg.ID]*place{}}
	g.country = g.newPlace(kg.LevelCountry, "FR", "France", 3, 0)
	regions := map[string]*place{}
	depts := map[string]*place{}
	communes := map[string]*place{}
	for n, line := range strings.Split(territoriesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(why string) error {
			return kg.Errorf(kg.Internal, "gen: data/territories.tsv line %d: %s", n+1, why)
		}
		num := func(i int) (int, error) {
			if i >= len(f) {
				return 0, bad("missing column")
			}
			v, err := strconv.Atoi(f[i])
			if err != nil {
				return 0, bad(fmt.Sprintf("column %d is not a number", i+1))
			}
			return v, nil
		}
		switch f[0] {
		case "R":
			t, err := num(3)
			if err != nil {
				return nil, err
			}
			p := g.newPlace(kg.LevelRegion, f[1], f[2], t, 0)
			p.parents = []*place{g.country}
			regions[f[1]] = p
			g.regions = append(g.regions, p)
		case "D":
			t, err := num(4)
			if err != nil {
				return nil, err
			}
			r := regions[f[3]]
			if r == nil {
				return nil, bad("unknown region " + f[3])
			}
			p := g.newPlace(kg.LevelDepartment, f[1], f[2], t, 0)
			p.region, p.parents = r, []*place{r}
			r.children = append(r.children, p)
			depts[f[1]] = p
			g.depts = append(g.depts, p)
		case "C":
			pop, err := num(4)
			if err != nil {
				return nil, err
			}
			d := depts[f[3]]
			if d == nil {
				return nil, bad("unknown department " + f[3])
			}
			p := g.newPlace(kg.LevelCommune, f[1], f[2], 0, pop)
			p.dept, p.region, p.parents = d, d.region, []*place{d}
			d.children = append(d.children, p)
			communes[f[1]] = p
			g.communes = append(g.communes, p)
		case "Q":
			if len(f) < 4 {
				return nil, bad("missing column")
			}
			p := g.newPlace(kg.LevelQPV, f[1], f[2], 0, 0)
			for _, c := range strings.Split(f[3], ",") {
				com := communes[c]
				if com == nil {
					return nil, bad("unknown commune " + c)
				}
				p.parents = append(p.parents, com)
				com.children = append(com.children, p)
			}
			p.dept, p.region = p.parents[0].dept, p.parents[0].region
			g.qpv = append(g.qpv, p)
		default:
			return nil, bad("unknown record type " + f[0])
		}
	}
	if len(g.regions) == 0 || len(g.depts) == 0 || len(g.communes) == 0 {
		return nil, kg.Errorf(kg.Internal, "gen: data/territories.tsv holds no territories")
	}
	return g, nil
}

func (g *geography) newPlace(level kg.TerritoryLevel, code, name string, tncc, pop int) *place {
	p := &place{level: level, code: code, tncc: tncc, pop: pop}
	e := &ent{id: kg.TerritoryID(level, code), typ: kg.TypeTerritory, name: name, kind: string(level), code: code, place: p}
	f := form{text: typo(name)}
	switch level {
	case kg.LevelCommune:
		// Names keep their own article ("La Rochelle"); the table has no Le/Les names.
	case kg.LevelQPV:
		f.det, f.fem = "le ", false
		if !strings.HasPrefix(name, "Quartier") {
			f.desc = "quartier prioritaire "
		}
	default:
		switch tncc {
		case 2:
			f.det = "le "
		case 3:
			f.det, f.fem = "la ", true
		case 4:
			f.det, f.plur = "les ", true
		case 5:
			f.det = "l’"
		}
	}
	e.forms = []form{f}
	e.fem, e.plur = f.fem, f.plur
	p.e = e
	g.byID[e.id] = p
	return p
}

// inPrefix is what introduces the place in "in X" phrases: "à ", "en ",
// "dans le ", "dans le quartier prioritaire "…
func (p *place) inPrefix() string {
	f := p.e.forms[0]
	switch p.level {
	case kg.LevelCommune:
		return "à "
	case kg.LevelQPV:
		return "dans " + f.det + f.desc
	}
	switch p.tncc {
	case 0:
		return "à "
	case 1, 3:
		return "en "
	case 2:
		return "dans le "
	case 4:
		return "dans les "
	case 5:
		if p.level == kg.LevelRegion || p.level == kg.LevelCountry {
			return "en "
		}
		return "dans l’"
	}
	return "en "
}

// ofPrefix is "de X" without X: "du ", "de la ", "d’", "des "…
func (p *place) ofPrefix() string {
	f := p.e.forms[0]
	return withPrep("de", f.det, f.text) + f.desc
}

// commune returns the commune of a QPV, or the place itself.
func (p *place) commune() *place {
	if p.level == kg.LevelQPV {
		return p.parents[0]
	}
	return p
}

// up returns the place itself or its ancestor at that level, or the place
// itself when it is above that level.
func (p *place) up(level kg.TerritoryLevel) *place {
	switch {
	case p.level == level:
		return p
	case level == kg.LevelCommune && p.level == kg.LevelQPV:
		return p.parents[0]
	case level == kg.LevelDepartment && p.dept != nil:
		return p.dept
	case level == kg.LevelRegion && p.region != nil:
		return p.region
	}
	return p
}

// entity returns the territory as a kg.Entity.
func (p *place) entity() kg.Entity {
	return kg.Entity{ID: p.e.id, Type: kg.TypeTerritory, Name: p.e.name, Kind: string(p.level), Code: p.code}
}

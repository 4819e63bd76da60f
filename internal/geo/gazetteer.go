package geo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/geo.tsv.gz
var geoData []byte

// Level is the administrative level of a territory.
type Level string

// The levels, from the largest.
const (
	LevelCountry    Level = "country"
	LevelRegion     Level = "region"
	LevelDepartment Level = "department"
	LevelEPCI       Level = "epci"
	LevelCommune    Level = "commune"
	LevelQPV        Level = "qpv"
)

// Levels lists every level, from the largest.
var Levels = []Level{LevelCountry, LevelRegion, LevelDepartment, LevelEPCI, LevelCommune, LevelQPV}

// idPrefix is the part of the ID before the code.
var idPrefix = map[Level]string{
	LevelCountry:    "territory:",
	LevelRegion:     "territory:reg-",
	LevelDepartment: "territory:dep-",
	LevelEPCI:       "territory:epci-",
	LevelCommune:    "territory:com-",
	LevelQPV:        "territory:qpv-",
}

// rank orders levels for candidate ranking: a name that is a region or a
// department is most often meant as such.
var levelRank = map[Level]int{
	LevelCountry: 0, LevelRegion: 1, LevelDepartment: 2, LevelCommune: 3, LevelEPCI: 4, LevelQPV: 5,
}

// Territory is one administrative unit. Values returned by a Gazetteer are
// shared: do not modify them.
type Territory struct {
	Level Level
	// Code is the official code: "FR"; INSEE region ("32"), department
	// ("62", "2A", "974") and commune ("59350") codes; the EPCI's SIREN
	// ("200093201"); the QPV code ("QN05971M").
	Code string
	Name string
	// Kind refines the level: for communes "COM" (commune) or "ARM"
	// (arrondissement municipal of Paris, Lyon, Marseille); for EPCI the
	// DGCL nature "CC", "CA", "CU", "METRO", "MET69" or "EPT"; else "".
	Kind string
	// Parents are the IDs of the units that directly contain this one:
	// region → country; department → region; commune → its department and
	// its EPCI (two for the Grand Paris communes: the Métropole and the EPT);
	// arrondissement municipal → its commune; EPCI → the departments of its
	// member communes; QPV → its communes (several for 149 of them).
	Parents []string
	// Population is INSEE's population municipale (sum of the communes for
	// departments, regions and the country); 0 for QPV (not shipped).
	Population int
	// Department and Region are the codes of the department and region the
	// territory lies in (a department's Department is its own code, a
	// region's Region too; empty when the unit spans several, as some EPCI
	// do, and for the country).
	// For communes of overseas collectivities, Department is the
	// collectivity code (975…988) and Region is empty.
	Department, Region string
	// ChefLieu is the commune code of the chef-lieu (regions, departments).
	ChefLieu string

	chefRank int    // 2 region capital, 1 prefecture, 0 else (ranking)
	id       string // cached ID
}

// ID returns the project's stable ID of t, e.g. "territory:com-59350".
func (t *Territory) ID() string {
	if t.id != "" {
		return t.id
	}
	return ID(t.Level, t.Code)
}

// ID returns the ID of the territory of the given level and code:
// ID(LevelDepartment, "62") == "territory:dep-62"; ID(LevelCountry, "FR") ==
// "territory:fr".
func ID(level Level, code string) string {
	if level == LevelCountry {
		return "territory:" + strings.ToLower(code)
	}
	return idPrefix[level] + code
}

// ParseID splits an ID into level and code; ok is false if id is not a
// territory ID (the territory need not exist).
func ParseID(id string) (level Level, code string, ok bool) {
	if id == "territory:fr" {
		return LevelCountry, "FR", true
	}
	for _, l := range Levels[1:] {
		if c, found := strings.CutPrefix(id, idPrefix[l]); found && c != "" {
			return l, c, true
		}
	}
	return "", "", false
}

// Gazetteer holds the reference geography. It is immutable and safe for
// concurrent use.
type Gazetteer struct {
	byID      map[string]*Territory
	byLevel   map[Level][]*Territory
	childOnce sync.Once
	children  map[string][]*Territory // built on first use

	names    map[string][]nameEntry // folded name → candidates, ranked
	stripped map[string][]nameEntry // "havre" → Le Havre (names without Le/Les)
	qpvNames map[string][]nameEntry // folded QPV name or name part → QPVs
	words    map[string]wordStats   // folded core name → word statistics
	ambOnce  sync.Once
	amb      map[string]Ambiguity // folded name → ambiguity (names and stripped), built on first use

	matcherOnce sync.Once
	matcher     *Matcher
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loaded on first use (about 100 ms
// of CPU and 21 MB of live heap; the ambiguity model and the matcher are
// built on their own first use, about 70 ms and 60 ms more, 8 MB — see
// TestDefaultLoadCost). It panics if the embedded data is corrupt, which the
// package tests rule out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Load(bytes.NewReader(geoData))
	})
	if defaultErr != nil {
		panic("geo: embedded data: " + defaultErr.Error())
	}
	return defaultGaz
}

// Load reads a gazetteer in the format written by scripts/geo/convert.mjs
// (gzip'd or not). Most callers want Default.
func Load(r io.Reader) (*Gazetteer, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if head, err := br.Peek(2); err == nil && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	var sb strings.Builder
	sb.Grow(2 << 20)
	if _, err := io.Copy(&sb, br); err != nil {
		return nil, err
	}
	b := newBuilder()
	text := sb.String()
	var fields [12]string
	for n := 1; text != ""; n++ {
		line, rest, _ := strings.Cut(text, "\n")
		text = rest
		if line == "" || line[0] == '#' {
			continue
		}
		nf := 0
		for nf < len(fields) {
			f, more, found := strings.Cut(line, "\t")
			fields[nf] = f
			nf++
			if !found {
				break
			}
			line = more
		}
		if err := b.record(fields[:nf]); err != nil {
			return nil, fmt.Errorf("geo data line %d: %w", n, err)
		}
	}
	return b.finish()
}

type builder struct {
	g       *Gazetteer
	slab    []Territory       // territories are allocated in chunks (fewer objects for the GC)
	strs    []string          // same for Parents slices
	armOf   map[string]string // ARM code → commune code
	aliases [][4]string
}

func newBuilder() *builder {
	return &builder{
		g: &Gazetteer{
			byID:    make(map[string]*Territory, 40000),
			byLevel: make(map[Level][]*Territory),
			words:   make(map[string]wordStats, 12000),
		},
		armOf: make(map[string]string),
	}
}

// newTerritory allocates a territory from the current chunk.
func (b *builder) newTerritory(t Territory) *Territory {
	if len(b.slab) == cap(b.slab) {
		b.slab = make([]Territory, 0, 4096)
	}
	b.slab = append(b.slab, t)
	return &b.slab[len(b.slab)-1]
}

// strings returns a slice of n strings with capacity n, from a chunk.
func (b *builder) strings(n int) []string {
	if n > 256 {
		return make([]string, 0, n)
	}
	if cap(b.strs)-len(b.strs) < n {
		b.strs = make([]string, 0, 8192)
	}
	s := b.strs[len(b.strs) : len(b.strs) : len(b.strs)+n]
	b.strs = b.strs[:len(b.strs)+n]
	return s
}

func (b *builder) add(v Territory) error {
	t := b.newTerritory(v)
	t.id = ID(t.Level, t.Code)
	if _, dup := b.g.byID[t.id]; dup {
		return fmt.Errorf("duplicate %s", t.id)
	}
	b.g.byID[t.id] = t
	b.g.byLevel[t.Level] = append(b.g.byLevel[t.Level], t)
	return nil
}

func want(f []string, n int) error {
	if len(f) != n {
		return fmt.Errorf("record %q: %d fields, want %d", f[0], len(f), n)
	}
	return nil
}

func (b *builder) record(f []string) error {
	switch f[0] {
	case "P":
		if err := want(f, 3); err != nil {
			return err
		}
		return b.add(Territory{Level: LevelCountry, Code: f[1], Name: f[2]})
	case "R":
		if err := want(f, 4); err != nil {
			return err
		}
		return b.add(Territory{Level: LevelRegion, Code: f[1], Name: f[2], ChefLieu: f[3],
			Region: f[1], Parents: []string{"territory:fr"}})
	case "D":
		if err := want(f, 5); err != nil {
			return err
		}
		return b.add(Territory{Level: LevelDepartment, Code: f[1], Name: f[2], ChefLieu: f[4],
			Department: f[1], Region: f[3], Parents: []string{ID(LevelRegion, f[3])}})
	case "C":
		if err := want(f, 9); err != nil {
			return err
		}
		pop, err := strconv.Atoi(f[5])
		if err != nil {
			return err
		}
		t := Territory{Level: LevelCommune, Code: f[1], Name: f[2], Department: f[3], Region: f[4],
			Population: pop, Kind: f[6]}
		if t.Kind == "ARM" {
			b.armOf[t.Code] = f[7]
		}
		if f[8] != "" {
			sirens := strings.Split(f[8], ",")
			t.Parents = b.strings(1 + len(sirens))
			t.Parents = append(t.Parents, "") // the department, set by finish
			for _, s := range sirens {
				t.Parents = append(t.Parents, ID(LevelEPCI, s))
			}
		}
		return b.add(t)
	case "E":
		if err := want(f, 5); err != nil {
			return err
		}
		pop, err := strconv.Atoi(f[4])
		if err != nil {
			return err
		}
		return b.add(Territory{Level: LevelEPCI, Code: f[1], Name: f[2], Kind: f[3], Population: pop})
	case "Q":
		if err := want(f, 5); err != nil {
			return err
		}
		t := Territory{Level: LevelQPV, Code: f[1], Name: f[2], Department: f[3]}
		codes := strings.Split(f[4], ",")
		t.Parents = b.strings(len(codes))
		for _, c := range codes {
			t.Parents = append(t.Parents, ID(LevelCommune, c))
		}
		return b.add(t)
	case "A":
		if err := want(f, 5); err != nil {
			return err
		}
		b.aliases = append(b.aliases, [4]string{f[1], f[2], f[3], f[4]})
		return nil
	case "W":
		if err := want(f, 6); err != nil {
			return err
		}
		var w wordStats
		var err error
		if w.zipfFr, err = strconv.ParseFloat(f[2], 64); err != nil {
			return err
		}
		if w.zipfEn, err = strconv.ParseFloat(f[3], 64); err != nil {
			return err
		}
		w.lexicon = f[4] == "1"
		if w.givenName, err = strconv.Atoi(f[5]); err != nil {
			return err
		}
		w.single = !strings.ContainsAny(f[1], " -'")
		b.g.words[foldName(f[1])] = w
		return nil
	}
	return fmt.Errorf("unknown record kind %q", f[0])
}

func (b *builder) finish() (*Gazetteer, error) {
	g := b.g
	country := g.byID["territory:fr"]
	if country == nil {
		return nil, fmt.Errorf("no country record")
	}
	// Communes: parents and chef-lieu ranks.
	for _, t := range g.byLevel[LevelCommune] {
		switch {
		case t.Kind == "ARM":
			t.Parents = append(b.strings(1), ID(LevelCommune, b.armOf[t.Code]))
		default:
			first := country.id // overseas collectivity
			if d := g.byID[ID(LevelDepartment, t.Department)]; d != nil {
				first = d.id
			} else {
				t.Region = ""
			}
			if len(t.Parents) == 0 {
				t.Parents = append(b.strings(1), first)
			} else {
				t.Parents[0] = first
			}
		}
	}
	for _, l := range []Level{LevelDepartment, LevelRegion} {
		for _, t := range g.byLevel[l] {
			c := g.byID[ID(LevelCommune, t.ChefLieu)]
			if c == nil {
				return nil, fmt.Errorf("%s: unknown chef-lieu %s", t.ID(), t.ChefLieu)
			}
			c.chefRank = max(c.chefRank, map[Level]int{LevelDepartment: 1, LevelRegion: 2}[l])
		}
	}
	// Populations of departments, regions, country: sums of communes.
	for _, t := range g.byLevel[LevelCommune] {
		if t.Kind != "COM" {
			continue
		}
		country.Population += t.Population
		if d := g.byID[ID(LevelDepartment, t.Department)]; d != nil {
			d.Population += t.Population
			g.byID[ID(LevelRegion, t.Region)].Population += t.Population
		}
	}
	// EPCI: parents are the departments of the members; Department/Region
	// set when all members share one.
	epciDeps := map[string][]string{}
	for _, c := range g.byLevel[LevelCommune] {
		if c.Kind == "ARM" {
			continue
		}
		for _, e := range c.Parents[1:] {
			if !slices.Contains(epciDeps[e], c.Department) {
				epciDeps[e] = append(epciDeps[e], c.Department)
			}
		}
	}
	for _, t := range g.byLevel[LevelEPCI] {
		deps := epciDeps[t.ID()]
		slices.Sort(deps)
		regs := []string{}
		for _, d := range deps {
			if dt := g.byID[ID(LevelDepartment, d)]; dt != nil {
				t.Parents = append(t.Parents, dt.ID())
				if !slices.Contains(regs, dt.Region) {
					regs = append(regs, dt.Region)
				}
			} else if !slices.Contains(t.Parents, country.ID()) {
				t.Parents = append(t.Parents, country.ID())
			}
		}
		if len(deps) == 1 {
			t.Department = deps[0]
		}
		if len(regs) == 1 {
			t.Region = regs[0]
		}
	}
	// QPV: region from the department.
	for _, t := range g.byLevel[LevelQPV] {
		for _, p := range t.Parents {
			if g.byID[p] == nil {
				return nil, fmt.Errorf("%s: unknown commune %s", t.ID(), p)
			}
		}
		if d := g.byID[ID(LevelDepartment, t.Department)]; d != nil {
			t.Region = d.Region
		}
	}
	for _, l := range Levels {
		for _, t := range g.byLevel[l] {
			for _, p := range t.Parents {
				if g.byID[p] == nil {
					return nil, fmt.Errorf("%s: unknown parent %q", t.ID(), p)
				}
			}
		}
	}
	if err := b.buildNames(); err != nil {
		return nil, err
	}
	return g, nil
}

// ByID returns the territory with that ID, or nil.
func (g *Gazetteer) ByID(id string) *Territory { return g.byID[id] }

// Get returns the territory of that level and code, or nil.
func (g *Gazetteer) Get(level Level, code string) *Territory { return g.byID[ID(level, code)] }

// Country returns France.
func (g *Gazetteer) Country() *Territory { return g.byID["territory:fr"] }

// Region returns the region with that INSEE code ("32"), or nil.
func (g *Gazetteer) Region(code string) *Territory { return g.byID[ID(LevelRegion, code)] }

// Department returns the department with that code ("62", "2A", "974"), or
// nil. A one-digit code is padded ("1" → "01").
func (g *Gazetteer) Department(code string) *Territory {
	if len(code) == 1 {
		code = "0" + code
	}
	return g.byID[ID(LevelDepartment, strings.ToUpper(code))]
}

// Commune returns the commune (or arrondissement municipal) with that INSEE
// code ("59350"), or nil. Former codes of merged communes are not resolved.
func (g *Gazetteer) Commune(code string) *Territory {
	return g.byID[ID(LevelCommune, strings.ToUpper(code))]
}

// EPCI returns the EPCI (or EPT) with that SIREN code, or nil.
func (g *Gazetteer) EPCI(siren string) *Territory { return g.byID[ID(LevelEPCI, siren)] }

// QPV returns the QPV with that code ("QN05971M"), or nil.
func (g *Gazetteer) QPV(code string) *Territory {
	return g.byID[ID(LevelQPV, strings.ToUpper(code))]
}

// All returns every territory of a level, sorted by code. The slice is
// shared: do not modify it.
func (g *Gazetteer) All(level Level) []*Territory { return g.byLevel[level] }

// Parents returns the direct containing units of the territory id (see
// Territory.Parents), nil if id is unknown.
func (g *Gazetteer) Parents(id string) []*Territory {
	t := g.byID[id]
	if t == nil {
		return nil
	}
	out := make([]*Territory, 0, len(t.Parents))
	for _, p := range t.Parents {
		out = append(out, g.byID[p])
	}
	return out
}

// Children returns the units directly contained in id, inverting
// Territory.Parents: the departments of a region; the EPCI and communes of a
// department; the communes of an EPCI; the QPV and arrondissements of a
// commune. Sorted by level (largest first), then code. Shared: do not modify.
func (g *Gazetteer) Children(id string) []*Territory {
	g.childOnce.Do(g.buildChildren)
	return g.children[id]
}

func (g *Gazetteer) buildChildren() {
	g.children = make(map[string][]*Territory, 40000)
	for _, l := range Levels {
		for _, t := range g.byLevel[l] {
			for _, p := range t.Parents {
				g.children[p] = append(g.children[p], t)
			}
		}
	}
}

// Ancestors returns every unit containing id, nearest first, each once:
// for Lille, its department, its EPCI, its region, then France.
func (g *Gazetteer) Ancestors(id string) []*Territory {
	t := g.byID[id]
	if t == nil {
		return nil
	}
	var out []*Territory
	seen := map[string]bool{id: true}
	queue := slices.Clone(t.Parents)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		pt := g.byID[p]
		out = append(out, pt)
		queue = append(queue, pt.Parents...)
	}
	return out
}

// Within reports whether territory id lies in (or is) the territory
// ancestor, e.g. Within("territory:com-59350", "territory:reg-32").
func (g *Gazetteer) Within(id, ancestor string) bool {
	if id == ancestor {
		return g.byID[id] != nil
	}
	for _, a := range g.Ancestors(id) {
		if a.ID() == ancestor {
			return true
		}
	}
	return false
}

// QPVsInCommune returns the QPV that lie (wholly or partly) in the commune.
func (g *Gazetteer) QPVsInCommune(comCode string) []*Territory {
	var out []*Territory
	for _, c := range g.Children(ID(LevelCommune, comCode)) {
		if c.Level == LevelQPV {
			out = append(out, c)
		}
	}
	return out
}

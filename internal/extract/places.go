package extract

import (
	"slices"
	"strings"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// gtok is a match of the reference geography on whole tokens [t0, t1).
type gtok struct {
	t0, t1 int
	m      *geo.Match
}

// indexGeo maps the geography matches to tokens.
func (s *state) indexGeo() {
	s.gAt = make(map[int][]*gtok, len(s.geoms))
	for i := range s.geoms {
		m := &s.geoms[i]
		if len(m.Candidates) == 0 {
			continue
		}
		t0 := s.d.tokenAtByte(m.Start)
		t1 := s.d.tokenAtByte(m.End - 1)
		if t0 < 0 || t1 < 0 || s.d.toks[t0].b0 != m.Start || s.d.toks[t1].b1 != m.End {
			continue // not on whole tokens ("Alma" inside "Alma-Gare")
		}
		g := &gtok{t0: t0, t1: t1 + 1, m: m}
		s.gAt[t0] = append(s.gAt[t0], g)
		s.gList = append(s.gList, g)
	}
}

// geoAt returns the longest geography match starting at token i with
// candidates of the given levels (all when none given), and those
// candidates.
func (s *state) geoAt(i int, levels ...geo.Level) (*gtok, []*geo.Territory) {
	var best *gtok
	var bestC []*geo.Territory
	for _, g := range s.gAt[i] {
		var cands []*geo.Territory
		for _, c := range g.m.Candidates {
			if len(levels) == 0 || slices.Contains(levels, c.Level) {
				cands = append(cands, c)
			}
		}
		if len(cands) > 0 && (best == nil || g.t1 > best.t1) {
			best, bestC = g, cands
		}
	}
	return best, bestC
}

// skipPrep returns the index after a preposition and article at i ("de",
// "du", "de la", "de l'", "des", "d'"), or i.
func (s *state) skipPrep(i int) int {
	d := s.d
	switch {
	case d.is(i, "de") && d.is(i+1, "la", "l"):
		return i + 2
	case d.is(i, "de", "du", "des", "d"):
		return i + 1
	}
	return i
}

// territoryEnt returns the entity of a reference territory (not yet
// mentioned).
func (s *state) territoryEnt(t *geo.Territory) *ent {
	id := kg.ID(t.ID())
	if e := s.byID[id]; e != nil {
		return e
	}
	return &ent{typ: kg.TypeTerritory, id: id, name: t.Name, kind: string(t.Level), code: t.Code, terr: t}
}

// mentionTerritory records a mention of territory t on tokens [t0, t1).
func (s *state) mentionTerritory(t *geo.Territory, t0, t1 int) *ent {
	e := s.territoryEnt(t)
	if w := s.d.str(t0, t1); fold(w) != fold(t.Name) && t1 > t0 {
		e.names = append(e.names, w)
	}
	e = s.add(e, t0, t1)
	for i := t0; i < t1; i++ {
		s.terr[i] = e
	}
	return e
}

// buildContext records, for each place name of the article, the
// departments and regions its candidates lie in: the other names of the
// article then choose between homonyms.
func (s *state) buildContext() {
	s.ctxDep = map[string]map[string]float64{}
	s.ctxReg = map[string]map[string]float64{}
	for _, g := range s.gList {
		m := g.m
		if !m.Capitalized {
			continue
		}
		dep, reg := s.ctxDep[m.Key], s.ctxReg[m.Key]
		if dep == nil {
			dep, reg = map[string]float64{}, map[string]float64{}
			s.ctxDep[m.Key], s.ctxReg[m.Key] = dep, reg
		}
		w := 1 / float64(len(m.Candidates))
		if m.CueKind >= geo.CueLocative || m.CodeHint != "" || m.Ambiguity.Score < 0.5 {
			w *= 2
		}
		for _, c := range m.Candidates {
			if m.CodeHint != "" && c.Department != m.CodeHint && c.Code != m.CodeHint {
				continue
			}
			if c.Department != "" {
				dep[c.Department] = max(dep[c.Department], w)
			}
			if c.Region != "" {
				reg[c.Region] = max(reg[c.Region], w)
			}
		}
	}
	s.ctxKeys = make([]string, 0, len(s.ctxDep))
	for k := range s.ctxDep {
		s.ctxKeys = append(s.ctxKeys, k)
	}
	slices.Sort(s.ctxKeys) // sums in a fixed order: ties break the same way every run
}

// support is how much the other place names of the article point to the
// department and region of t.
func (s *state) support(t *geo.Territory, key string) float64 {
	sc := 0.0
	for _, k := range s.ctxKeys {
		dep := s.ctxDep[k]
		if k == key {
			continue
		}
		if t.Department != "" {
			sc += 2 * dep[t.Department]
		}
		sc += s.ctxReg[k][t.Region]
	}
	return sc
}

// pick chooses among homonymous territories: the one in the department
// written in a code hint, else the one the other place names of the
// article support most, else the first (the gazetteer ranks by level and
// population).
func (s *state) pick(m *geo.Match, cands []*geo.Territory) *geo.Territory {
	if len(cands) == 0 {
		return nil
	}
	if m.CodeHint != "" {
		for _, c := range cands {
			if c.Department == m.CodeHint || c.Code == m.CodeHint {
				return s.overseas(c)
			}
		}
	}
	best, bestScore := cands[0], s.support(cands[0], m.Key)
	for _, c := range cands[1:] {
		if (best.Level == geo.LevelRegion || best.Level == geo.LevelDepartment) && c.Level == geo.LevelCommune && !s.departmentNamed(c.Department) {
			continue // "La Réunion" is the region unless the village's department is named
		}
		sc := s.support(c, m.Key)
		// a commune named like its own department and most of it (Paris) is the commune
		cityOfDep := c.Level == geo.LevelCommune && best.Level == geo.LevelDepartment && c.Department == best.Code && sc == bestScore && 2*c.Population >= best.Population
		if sc > bestScore || cityOfDep {
			best, bestScore = c, sc
		}
	}
	return s.overseas(best)
}

// overseas maps the five overseas departments to their region (same name)
// unless the article names the departmental authority.
func (s *state) overseas(t *geo.Territory) *geo.Territory {
	if t != nil && t.Level == geo.LevelRegion && strings.HasPrefix(t.ChefLieu, "97") {
		// the region of an overseas department whose Département the article names
		if dep := s.x.geo.Department(t.ChefLieu[:3]); dep != nil && s.depAuthority[dep.Code] && fold(dep.Name) == fold(t.Name) {
			return dep
		}
		return t
	}
	if t == nil || t.Level != geo.LevelDepartment || !strings.HasPrefix(t.Code, "97") {
		return t
	}
	if s.depAuthority[t.Code] {
		return t
	}
	if r := s.x.geo.Region(t.Region); r != nil && fold(r.Name) == fold(t.Name) {
		return r
	}
	return t
}

// acceptPlace decides whether a geography match names the place: names
// that are also common words, surnames or given names need a cue, a code,
// or their department or region in the article.
func (s *state) acceptPlace(m *geo.Match, t *geo.Territory, t0 int) bool {
	if !m.Capitalized {
		return false
	}
	cue := m.CueKind
	if p := t0 - 1; p < 0 || s.d.toks[p].kind == tPunct && s.d.toks[p].text != "(" || s.d.toks[p].sent != s.d.toks[t0].sent {
		cue = geo.CueNone // a cue across a sentence or a comma is none
	}
	if strings.HasPrefix(m.Cue, "quartier") && t.Level != geo.LevelQPV {
		cue = geo.CueNone // "le quartier du Val": a neighbourhood, not the commune Le Val
	}
	if s.d.toks[t0].upper && m.Ambiguity.Score > 0 && m.CodeHint == "" && (t0 == 0 || s.d.toks[t0-1].upper || s.d.toks[t0-1].kind != tWord) {
		return false // "ÇA BOUGE DANS LE QUARTIER", "LE P'TIT NORD": capitals prove nothing
	}
	if m.CodeHint != "" || cue >= geo.CueLocative || t.Level == geo.LevelQPV {
		return true
	}

	if tk := s.d.toks[t0]; tk.cap && articles[tk.fold] && t0+1 < len(s.d.toks) && s.d.toks[t0+1].cap && s.d.sameSent(t0, t0+1) && t.Level != geo.LevelCommune {
		return true // "La Réunion": the capitals make the region's name (a meeting is "la réunion")
	}
	if tk := s.d.toks[t0]; tk.cap && articles[tk.fold] && t0 > 0 && !tk.nl && s.d.sameSent(t0-1, t0) && t0+1 < len(s.d.toks) && s.d.toks[t0+1].cap {
		return true // "Le Havre" mid-sentence: the article's capital makes it a name
	}
	supported := s.support(t, m.Key) > 0
	if m.Ambiguity.Score < 0.5 {
		// a small commune named bare needs its department or region around
		// ("la Saint-Valentin", a feast, is not the village of the Indre)
		return t.Level != geo.LevelCommune || t.Population >= 5000 || supported
	}
	// named region or department of the candidate elsewhere in the article
	for _, o := range s.gList {
		if o.m.Key == m.Key || o.m.Ambiguity.Score >= 0.5 && o.m.CueKind < geo.CueLocative {
			continue
		}
		for _, c := range o.m.Candidates {
			if c.Level == geo.LevelDepartment && c.Code == t.Department || c.Level == geo.LevelRegion && c.Code == t.Region && t.Level != geo.LevelRegion {
				return true
			}
		}
	}
	// an ambiguous name already accepted elsewhere in the article
	if e := s.byID[kg.ID(t.ID())]; e != nil && len(e.spans) > 0 {
		return true
	}
	return false
}

// territories records the place names of the article that are not part of
// an organization's or a person's name. Matches of the same words (a
// commune and a QPV named alike) compete: the article's other place names
// decide.
func (s *state) territories() {
	for _, g := range s.gList {
		if s.ter(g.t0) != nil {
			continue
		}
		if s.longerQPVAt(g) {
			continue // "Bourges Nord", "Grigny 2": the neighbourhood, not the town
		}
		inName := false
		for k := g.t0; k < g.t1; k++ {
			if e := s.own(k); e != nil && e.typ != kg.TypeEvent && e.typ != kg.TypeInitiative {
				inName = true
			}
		}
		// "la Maison de l'emploi de Lyon", "la Délégation régionale … d'Occitanie":
		// the place ending an organization's name is named too
		var holder *ent
		if inName {
			holder = s.nameEndingWith(g)
			if holder == nil {
				continue
			}
		}
		if tk := s.d.toks[g.t0]; !tk.cap && articles[tk.fold] && g.t1 > g.t0+1 {
			// "dans la Creuse": the article and the department, not the
			// commune La Creuse
			rest := s.d.str(g.t0+1, g.t1)
			var dep *geo.Territory
			for _, lvl := range []geo.Level{geo.LevelRegion, geo.LevelDepartment} {
				if ts := s.x.geo.LookupLevel(rest, lvl); len(ts) == 1 {
					dep = ts[0]
				}
			}
			if dep != nil {
				s.mentionTerritory(s.overseas(dep), g.t0+1, g.t1)
				continue
			}
			// "celui de la Villeneuve à Grenoble": a neighbourhood of a commune named nearby
			if q := s.quartierNear(rest, g.t0); q != nil {
				s.mentionTerritory(q, g.t0+1, g.t1)
				continue
			}
		}
		var best *geo.Territory
		var bestM *geo.Match
		bestScore := -1.0
		for _, o := range s.gAt[g.t0] {
			if o.t1 != g.t1 {
				continue
			}
			var cands []*geo.Territory
			for _, c := range o.m.Candidates {
				if c.Level != geo.LevelCountry {
					cands = append(cands, c)
				}
			}
			t := s.pickQualified(o, cands)
			if t == nil {
				continue
			}
			sc := s.support(t, o.m.Key)
			if t.Level == geo.LevelQPV {
				sc += 1 // one of its communes is named nearby
				if s.communeNamedAlike(t, g) {
					sc -= 2 // "à Maubeuge, Denain et Fourmies": the towns, not their namesake QPV
				}
			}
			if sc > bestScore {
				best, bestM, bestScore = t, o.m, sc
			}
		}
		if best == nil || holder == nil && s.insideProperName(g, best) {
			continue
		}
		if strings.Contains(bestM.Note, "former") {
			continue // "Franche-Comté", "la Picardie": a former region, not today's
		}
		if g.t1 == g.t0+1 && s.d.is(g.t0, "ville", "region", "departement", "metropole", "commune") && s.d.is(g.t0-1, "la", "le", "l", "sa", "son", "cette", "notre") {
			continue // "la Ville et Grand Poitiers": the town's authority, not the village of Ville
		}
		if holder == nil && s.afterOdonym(g.t0) {
			continue // "place Saint-Paul", "stade Marcel-Paul", "rue de Mons": a street or a building
		}
		if holder == nil && best.Level == geo.LevelCommune && bestM.Ambiguity.Score >= 0.5 && bestM.CodeHint == "" && s.d.is(g.t1, "des", "de", "du", "d") &&
			g.t1+1 < len(s.d.toks) && s.d.toks[g.t1+1].kind == tWord && !s.d.toks[g.t1+1].cap && !determiners[s.d.toks[g.t1+1].fold] && s.d.sameSent(g.t0, g.t1+1) {
			continue // "au Palais des congrès", "le Port de plaisance": a common noun and its complement
		}
		if holder == nil && g.t1 == g.t0+1 && bestM.CodeHint == "" && s.surnames[s.d.toks[g.t0].fold] {
			continue // "Ravel insiste": a person named earlier, by surname
		}
		if tk := s.d.toks[g.t0]; best.Level == geo.LevelCommune && articles[tk.fold] && !tk.cap && !bestM.Contracted {
			continue // "le Plan local pour l'insertion": Le Plan is written with a capital
		}
		// "Le Fournil de Nancy": "de" after a name is as good a cue as "à" for a town
		townInName := holder != nil && bestM.Capitalized && (best.Level != geo.LevelCommune || best.Population >= 2000)
		if !townInName && !s.acceptPlace(bestM, best, g.t0) {
			continue
		}
		t := s.mentionTerritory(best, g.t0, g.t1)
		if holder != nil && holder.seat == nil && (holder.lex == nil || !holder.lex.branch && !holder.lex.generic) && (best.Level == geo.LevelRegion || best.Level == geo.LevelDepartment) {
			holder.seat = t // a regional or departmental body
		}
	}
	s.quartiers()
}

// odonyms are the nouns of streets, squares and buildings: a place name
// right after one names the street or the building ("la place Saint-Paul",
// "le stade Marcel-Paul", "la rue de Mons", "la gare de Lyon").
var odonyms = map[string]bool{
	"rue": true, "avenue": true, "boulevard": true, "bd": true, "place": true, "placette": true, "allee": true, "allees": true,
	"quai": true, "impasse": true, "chemin": true, "square": true, "cours": true, "route": true, "esplanade": true,
	"parvis": true, "passage": true, "rond point": true, "tour": true, "stade": true, "gymnase": true, "salle": true,
	"piscine": true, "gare": true, "eglise": true, "hopital": true, "pont": true, "college": true, "lycee": true,
	"immeuble": true, "barre": true, "hotel": true,
}

// afterOdonym reports whether the place match starting at t0 follows a
// street or building noun, directly or through "de"/"du"/"des" and an
// article.
func (s *state) afterOdonym(t0 int) bool {
	d := s.d
	p := t0 - 1
	if d.is(p, "la", "l", "le", "les") {
		p--
	}
	if d.is(p, "de", "du", "des", "d") {
		p--
	}
	if p < 0 || d.toks[p].kind != tWord || !d.sameSent(p, t0) {
		return false
	}
	return odonyms[d.toks[p].fold]
}

// placeAt returns the place named at token i after "de" in a name ("la
// Cité éducative de la Devèze", "la crèche parentale de Toulon"): the
// longest capitalised match, a neighbourhood of a commune the article names
// rather than a namesake commune elsewhere.
func (s *state) placeAt(i int) (*gtok, *geo.Territory) {
	var best *gtok
	for _, g := range s.gAt[i] {
		if g.m.Capitalized && (best == nil || g.t1 > best.t1) {
			best = g
		}
	}
	if best == nil {
		return nil, nil
	}
	var cands []*geo.Territory
	for _, g := range s.gAt[i] {
		if g.t1 != best.t1 || !g.m.Capitalized {
			continue
		}
		for _, c := range g.m.Candidates {
			if c.Level == geo.LevelQPV {
				return g, c // QPV matches come only with one of their communes named
			}
			if c.Level != geo.LevelCountry {
				cands = append(cands, c)
			}
		}
	}
	if len(cands) == 0 {
		return nil, nil
	}
	return best, s.pickQualified(best, cands)
}

// pickQualified is pick, after keeping the homonyms lying in the region or
// department written just after the match ("Saint-Denis de La Réunion",
// "Grigny, dans le Rhône").
func (s *state) pickQualified(g *gtok, cands []*geo.Territory) *geo.Territory {
	if q := s.qualifierAfter(g); q != nil && len(cands) > 1 {
		var in []*geo.Territory
		for _, c := range cands {
			if c.Level == geo.LevelCommune && (q.Level == geo.LevelDepartment && c.Department == q.Code || q.Level == geo.LevelRegion && c.Region == q.Code) {
				in = append(in, c)
			}
		}
		if len(in) > 0 {
			cands = in
		}
	}
	return s.pick(g.m, cands)
}

// qualifierAfter returns the region or department written just after the
// place match g to tell homonyms apart: "Saint-Denis de La Réunion",
// "Saint-Denis, à La Réunion", "Grigny, dans le Rhône", "Valence (Drôme)".
func (s *state) qualifierAfter(g *gtok) *geo.Territory {
	d := s.d
	k := g.t1
	switch {
	case d.punct(k, ",") && d.is(k+1, "a", "en"):
		k += 2
	case d.punct(k, ",") && d.is(k+1, "dans") && d.is(k+2, "le", "la", "l", "les"):
		k += 3
	case d.punct(k, "("):
		k++
	case d.is(k, "de", "d", "en"):
		k++
	default:
		return nil
	}
	if d.is(k, "la", "l", "le", "les") && !d.toks[k].cap {
		k++
	}
	if k >= len(d.toks) || !d.sameSent(g.t0, k) {
		return nil
	}
	q, cands := s.geoAt(k, geo.LevelRegion, geo.LevelDepartment)
	if q == nil || !q.m.Capitalized {
		return nil
	}
	return cands[0]
}

// longerQPVAt reports whether a longer match at the same start names a
// neighbourhood of a commune the shorter match names ("Bourges Nord" over
// "Bourges"), on free tokens.
func (s *state) longerQPVAt(g *gtok) bool {
	for _, o := range s.gAt[g.t0] {
		if o.t1 <= g.t1 || !o.m.Capitalized || !s.free(o.t0, o.t1) {
			continue
		}
		for _, q := range o.m.Candidates {
			if q.Level != geo.LevelQPV {
				continue
			}
			for _, c := range g.m.Candidates {
				if slices.Contains(q.Parents, c.ID()) {
					return true
				}
			}
		}
	}
	return false
}

// nameEndingWith returns the organization whose name ends with the place
// match g after "de", "du", "des", "d'" ("Maison de la jeunesse de
// Saint-Denis"), nil for a local authority (its territory is already
// recorded) or when the place is not at the end.
func (s *state) nameEndingWith(g *gtok) *ent {
	d := s.d
	o := s.own(g.t1 - 1)
	if o == nil || o.typ != kg.TypeOrganization || o.auth || s.own(g.t0) != o {
		return nil
	}
	if _, oe, ok := o.mentionAt(g.t1 - 1); !ok || oe != g.t1 {
		return nil
	}
	p := g.t0 - 1
	if d.is(p, "la", "l", "les") {
		p--
	}
	if !d.is(p, "de", "du", "des", "d") {
		// "Initiative Occitanie": a region or department closing the name
		if st, _, _ := o.mentionAt(g.t0); st < g.t0 && d.toks[g.t0-1].cap && len(s.gAt[g.t0-1]) == 0 && g.m.Ambiguity.Score < 0.5 {
			for _, c := range g.m.Candidates {
				if c.Level == geo.LevelRegion || c.Level == geo.LevelDepartment {
					return o
				}
			}
		}
		return nil
	}
	return o
}

// quartiers finds neighbourhoods named with "quartier de X" near a commune
// ("le quartier de l'Alma à Roubaix", "les quartiers prioritaires de X et
// du Y, à Valence"): the reference QPV of that name in the commune when
// there is one, else an unofficial QPV-level territory PART_OF the commune.
func (s *state) quartiers() {
	d := s.d
	n := len(d.toks)
	for i := 0; i+2 < n; i++ {
		if !d.is(i, "quartier", "quartiers") {
			continue
		}
		k := i + 1
		if d.is(k, "prioritaire", "prioritaires") {
			k++
		}
		if d.is(k, "dont") || d.punct(k, ",") && d.is(k+1, "dont") || d.punct(k, ":") {
			// "treize quartiers prioritaires, dont la Villeneuve et Mistral à Grenoble, et …"
			s.quartierList(k)
			continue
		}
		var names [][2]int
		for {
			j := s.skipPrep(k)
			if j == k && !(k <= i+2 && k < n && d.toks[j].cap) {
				break // "quartier Mistral", "quartier prioritaire X"
			}
			if j >= n || d.toks[j].kind != tWord || !d.toks[j].cap || !s.free(j, j+1) {
				break
			}
			if articles[d.toks[j].fold] && j+1 < n && s.ter(j+1) != nil && s.ter(j+1).kind == string(geo.LevelQPV) {
				j++ // "le quartier Les Pervenches": the QPV's name read without its article
			}
			if t := s.ter(j); t != nil {
				// a neighbourhood already known in a list ("du Mirail, de la Mosson, …")
				if t.kind != string(geo.LevelQPV) {
					break
				}
				_, en, _ := t.mentionAt(j)
				k = en
			} else {
				st, end, _ := s.properName(j, false)
				if end <= st {
					break
				}
				// "… à Roubaix": a place after the name is not part of it
				for x := st + 1; x < end; x++ {
					if s.ter(x) != nil {
						end = x
						for end > st+1 && d.is(end-1, "a", "au", "aux", "de", "du", "des", "d", "la", "le", "l") {
							end-- // "les quartiers Nord de Marseille"
						}
						break
					}
				}
				if end == st+1 && d.is(i, "quartiers") && d.is(st, "nord", "sud", "est", "ouest", "centre") {
					break // "les quartiers Nord": a part of the town, no neighbourhood's name
				}
				names = append(names, [2]int{st, end})
				k = end
			}
			switch {
			case d.is(k, "et") && d.is(k+1, "de", "du", "des", "d"):
				k++
			case d.punct(k, ",") && d.is(k+1, "de", "du", "des", "d"):
				k++
			default:
				k = -1
			}
			if k < 0 {
				break
			}
		}
		if len(names) == 0 {
			continue
		}
		last := names[len(names)-1][1]
		com := s.quartierCommune(i, last)
		if com == nil {
			continue
		}
		for _, r := range names {
			name := d.str(r[0], r[1])
			c := com
			q := s.lookupQuartier(name, c.code)
			if q == nil {
				// a list of communes and one of quartiers: the commune that has it
				for _, other := range s.communesNear(i) {
					if q = s.lookupQuartier(name, other.code); q != nil {
						c = other
						break
					}
				}
			}
			if q != nil {
				s.mentionTerritory(q, r[0], r[1])
				continue
			}
			id := kg.TerritoryID(kg.LevelQPV, c.code+"-"+kg.Slug(name))
			e := &ent{typ: kg.TypeTerritory, id: id, name: name, kind: string(geo.LevelQPV), parent: c, names: []string{d.str(i, r[1])}}
			e = s.add(e, r[0], r[1])
			if e.parent == nil {
				e.parent = c
			}
			for x := r[0]; x < r[1]; x++ {
				s.terr[x] = e
			}
		}
		i = last - 1
	}
}

// quartierCommune returns the commune of the neighbourhoods named in
// [i, last): after "à", or the nearest commune mentioned before in the
// sentence or the previous one.
func (s *state) quartierCommune(i, last int) *ent {
	d := s.d
	n := len(d.toks)
	for x := last; x < last+3 && x < n; x++ {
		if d.is(x, "a") || d.punct(x, ",") {
			if e := s.ter(x + 1); e != nil && e.kind == string(geo.LevelCommune) {
				return e
			}
		}
	}
	for x := last + 2; x >= 0 && x < n && d.toks[x].sent >= d.toks[i].sent-1; x-- {
		if e := s.ter(x); e != nil && e.kind == string(geo.LevelCommune) {
			return e
		}
	}
	return nil
}

// communesNear returns the communes named in the sentence of token i and
// the one before it.
func (s *state) communesNear(i int) []*ent {
	d := s.d
	var out []*ent
	sent := d.toks[i].sent
	for x := d.sents[max(sent-1, 0)][0]; x < d.sents[sent][1]; x++ {
		if e := s.ter(x); e != nil && e.kind == string(geo.LevelCommune) && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// lookupQuartier finds the reference QPV of commune com a neighbourhood's
// name designates: by name or part of a composite name (geo.LookupQPV),
// else the one QPV of the commune whose name holds the same words in
// order, plurals aside ("Mistral" → "Mistral Lys Rouge Camine",
// "Clairs-Soleils" → "Clairs Soleil").
func (s *state) lookupQuartier(name, com string) *geo.Territory {
	if q := s.x.geo.LookupQPV(name, com); len(q) > 0 {
		return q[0]
	}
	want := singularWords(fold(name))
	if want == "" {
		return nil
	}
	var found *geo.Territory
	for _, q := range s.x.geo.QPVsInCommune(com) {
		if containsWord(singularWords(fold(q.Name)), want) {
			if found != nil {
				return nil
			}
			found = q
		}
	}
	return found
}

// singularWords drops a final s from each folded word.
func singularWords(f string) string {
	w := strings.Fields(f)
	for i, x := range w {
		if len(x) > 3 {
			w[i] = strings.TrimSuffix(x, "s")
		}
	}
	return strings.Join(w, " ")
}

// insideProperName reports whether the place match g is only part of a
// longer proper name: a commune followed by "de" and a capitalised word that
// names no place ("au Rocher de Palmer"), or a neighbourhood after a
// capitalised word and "de" ("Rocher de Palmer", but not "quartier de
// Planoise").
func (s *state) insideProperName(g *gtok, t *geo.Territory) bool {
	d := s.d
	if t.Level == geo.LevelQPV {
		p := g.t0 - 1
		if d.is(p, "la", "l", "le", "les") {
			p--
		}
		if !d.is(p, "de", "du", "des", "d") || p < 1 {
			return false
		}
		w := d.toks[p-1]
		return w.kind == tWord && w.cap && !w.nl && d.sameSent(p-1, g.t0) && s.ter(p-1) == nil && !s.isHead(p-1) && s.free(p-1, p)
	}
	if t.Level == geo.LevelCommune && g.t1 < len(d.toks) && d.toks[g.t1].cap && d.sameSent(g.t0, g.t1) {
		for _, hi := range s.byTok[g.t1] {
			if s.hits[hi].ref.kind == lkOrg || s.hits[hi].ref.kind == lkProg {
				return true // "aux Maisons France Services"
			}
		}
	}
	// "Grand Paris Sud", "Val de Saône Habitat": capitalised words around a
	// commune make another name
	if t.Level == geo.LevelCommune && g.t0 > 0 && g.t1 < len(d.toks) && d.toks[g.t0-1].kind == tWord && d.toks[g.t0-1].cap && !d.toks[g.t0-1].nl &&
		!articles[d.toks[g.t0-1].fold] && !namePreps[d.toks[g.t0-1].fold] && d.sameSent(g.t0-1, g.t1) && d.toks[g.t1].kind == tWord && d.toks[g.t1].cap && !s.hasPlaceAt(g.t1) && s.free(g.t0-1, g.t1+1) {
		return true
	}
	if t.Level != geo.LevelCommune || !d.is(g.t1, "de", "du", "des", "d") {
		return false
	}
	k := s.skipPrep(g.t1)
	return k < len(d.toks) && d.sameSent(g.t0, k) && d.toks[k].kind == tWord && d.toks[k].cap && !d.toks[k].upper && s.free(k, k+1) && !s.hasPlaceAt(k) && s.qualifierAfter(g) == nil
}

// hasPlaceAt reports whether a place name other than a neighbourhood starts
// at token k.
func (s *state) hasPlaceAt(k int) bool {
	for _, g := range s.gAt[k] {
		for _, c := range g.m.Candidates {
			if c.Level != geo.LevelQPV {
				return true
			}
		}
	}
	return false
}

// quartierNear returns the reference QPV named name in a commune written
// in the sentence of token t0 or the one before.
func (s *state) quartierNear(name string, t0 int) *geo.Territory {
	d := s.d
	sent := d.toks[t0].sent
	for _, g := range s.gList {
		if gs := d.toks[g.t0].sent; gs < sent-1 || gs > sent || !g.m.Capitalized || g.t0 == t0 {
			continue
		}
		for _, c := range g.m.Candidates {
			if c.Level == geo.LevelCommune {
				if q := s.lookupQuartier(name, c.Code); q != nil {
					return q
				}
			}
		}
	}
	return nil
}

// departmentNamed reports whether the article names the department of
// that code.
func (s *state) departmentNamed(code string) bool {
	for _, g := range s.gList {
		if !g.m.Capitalized {
			continue
		}
		for _, c := range g.m.Candidates {
			if c.Level == geo.LevelDepartment && c.Code == code {
				return true
			}
		}
	}
	return false
}

// communeNamedAlike reports whether the QPV q matched at g is named like
// one of its own communes matched at the same place, and is not introduced
// as a neighbourhood ("le quartier de …").
func (s *state) communeNamedAlike(q *geo.Territory, g *gtok) bool {
	if s.d.is(g.t0-1, "quartier", "quartiers") || s.d.is(g.t0-2, "quartier", "quartiers") {
		return false
	}
	for _, o := range s.gAt[g.t0] {
		if o.t1 != g.t1 {
			continue
		}
		for _, c := range o.m.Candidates {
			if c.Level == geo.LevelCommune && fold(c.Name) == fold(q.Name) && slices.Contains(q.Parents, c.ID()) {
				return true
			}
		}
	}
	return false
}

// quartierList reads a list of neighbourhoods after "quartiers prioritaires,
// dont" or ":": names, each group followed by "à <commune>" ("la Villeneuve
// et Mistral à Grenoble, et Essarts - Surieux à Échirolles").
func (s *state) quartierList(k int) {
	d := s.d
	n := len(d.toks)
	var pending [][2]int
	flush := func(com *ent) {
		for _, r := range pending {
			if q := s.lookupQuartier(d.str(r[0], r[1]), com.code); q != nil {
				s.mentionTerritory(q, r[0], r[1])
			}
		}
		pending = pending[:0]
	}
	for j := k; j < n && d.sameSent(k, j) && j < k+60; j++ {
		t := d.toks[j]
		switch {
		case t.kind == tPunct || d.is(j, "dont", "et", "ou", "la", "le", "les", "l"):
			continue
		case d.is(j, "a") && j+1 < n:
			if e := s.ter(j + 1); e != nil && e.kind == string(geo.LevelCommune) {
				flush(e)
				_, en, _ := e.mentionAt(j + 1)
				j = en - 1
				continue
			}
			return
		case s.ter(j) != nil:
			_, en, _ := s.ter(j).mentionAt(j)
			j = en - 1
			continue
		case t.kind == tWord && t.cap && s.free(j, j+1):
			st, end, _ := s.properName(j, false)
			if end <= st {
				return
			}
			pending = append(pending, [2]int{st, end})
			j = end - 1
		default:
			return
		}
	}
}

// qualifyHomonyms names apart two territories of the article that share a
// name: the one named later is qualified by its department ("Saint-Denis"
// and "Saint-Denis (La Réunion)").
func (s *state) qualifyHomonyms() {
	first := map[string]*ent{}
	for _, e := range s.ents {
		if e.typ != kg.TypeTerritory || e.terr == nil || len(e.spans) == 0 {
			continue
		}
		k := fold(e.name)
		o := first[k]
		if o == nil {
			first[k] = e
			continue
		}
		later := e
		if e.first < o.first {
			later, first[k] = o, e
		}
		if dep := s.x.geo.Department(later.terr.Department); dep != nil && fold(dep.Name) != k {
			later.name += " (" + dep.Name + ")"
		}
	}
}

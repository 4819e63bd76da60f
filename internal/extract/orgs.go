package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

const kindLocalAuthority = "local_authority"

// lexOrgEnt returns the entity of a national actor of the lexicon.
func (s *state) lexOrgEnt(e *orgEntry) *ent {
	id := kg.ID(kg.PrefixOrganization + ":" + e.id)
	if o := s.byID[id]; o != nil {
		return o
	}
	o := &ent{typ: kg.TypeOrganization, id: id, name: e.name, acronym: e.acronym, kind: e.kind, lex: e}
	o.names = append(o.names, e.aliases...)
	return o
}

// branchEnt returns the entity of the territorial branch of a national
// network ("France Active Occitanie", "CAF de Vaucluse").
func (s *state) branchEnt(e *orgEntry, t *geo.Territory, written string) *ent {
	short := e.name
	if e.acronym != "" && e.generic {
		short = e.acronym
	}
	o := &ent{typ: kg.TypeOrganization, id: kg.NewEntityID(kg.TypeOrganization, short+" "+t.Name), name: written, kind: e.kind, lex: e}
	o.names = append(o.names, short+" "+t.Name)
	if e.acronym != "" {
		o.names = append(o.names, e.acronym+" "+t.Name)
	}
	return o
}

// authorityEnt returns the local authority governing t: "Région X",
// "Département du X", "Ville de X", or the EPCI itself.
func (s *state) authorityEnt(t *geo.Territory) *ent {
	var name string
	var aliases []string
	switch t.Level {
	case geo.LevelRegion, geo.LevelDepartment:
		a := s.x.lx.authorities[string(t.Level)+":"+t.Code]
		if a == nil {
			return nil
		}
		name, aliases = a.name, a.aliases
		if t.Level == geo.LevelDepartment {
			aliases = append(aliases, "Conseil départemental "+strings.TrimPrefix(a.name, "Département "))
			if strings.HasPrefix(t.Code, "97") {
				s.depAuthority[t.Code] = true
			}
		}
	case geo.LevelCommune:
		name = "Ville " + deName(t.Name)
		aliases = []string{"Mairie " + deName(t.Name)}
	case geo.LevelEPCI:
		name = t.Name
	default:
		return nil
	}
	id := kg.NewEntityID(kg.TypeOrganization, name)
	if o := s.byID[id]; o != nil {
		return o
	}
	o := &ent{typ: kg.TypeOrganization, id: id, name: name, names: aliases, kind: kindLocalAuthority, auth: true}
	o.governs = s.territoryEnt(t)
	return o
}

// deName returns "de X" with French contraction and elision: "du Havre",
// "des Abymes", "d'Orange", "de La Rochelle".
func deName(n string) string {
	switch {
	case strings.HasPrefix(n, "Le "):
		return "du " + n[3:]
	case strings.HasPrefix(n, "Les "):
		return "des " + n[4:]
	}
	if r := []rune(n); len(r) > 0 && strings.ContainsRune("AEIOUYÉÈÊÎÔÂ", r[0]) {
		return "d'" + n
	}
	return "de " + n
}

// authorities finds the local authorities: "Région Occitanie", "Conseil
// régional de Bretagne", "Département du Nord", "Conseil départemental de la
// Somme", "Ville de Roubaix", "Mairie de X", the EPCI with an authority
// name ("Métropole européenne de Lille"), and the bare "la Région", "le
// Département", "le Conseil régional" standing for the one named before.
func (s *state) authorities() {
	d := s.d
	for i := 0; i < len(d.toks); i++ {
		if !s.free(i, i+1) {
			continue
		}
		tk := d.toks[i]
		var level geo.Level
		head := 1
		switch {
		case tk.fold == "region":
			level = geo.LevelRegion
		case tk.fold == "departement":
			level = geo.LevelDepartment
		case tk.fold == "conseil" && d.is(i+1, "regional"):
			level, head = geo.LevelRegion, 2
		case tk.fold == "conseil" && d.is(i+1, "departemental"):
			level, head = geo.LevelDepartment, 2
		case (tk.fold == "ville" || tk.fold == "mairie") && tk.cap:
			if s.afterOdonym(i) {
				continue // "la place de la Mairie", "rue de la Ville": a street
			}
			level = geo.LevelCommune
		case tk.fold == "collectivite" && tk.cap && d.is(i+1, "territoriale", "europeenne"):
			level, head = geo.LevelRegion, 2 // "Collectivité territoriale de Guyane
		case tk.fold == "collectivite" && tk.cap && d.is(i+1, "de", "d"):
			level = geo.LevelRegion // "Collectivité de Corse"
		default:
			continue
		}
		k := s.skipPrep(i + head)
		g, cands := s.geoAt(k, level)
		if d.is(i+head, "de", "d") && i+head+1 < len(d.toks) && d.toks[i+head+1].cap && articles[d.toks[i+head+1].fold] {
			// "Ville de La Roche-sur-Yon": the article belongs to the name
			if g2, c2 := s.geoAt(i+head+1, level); g2 != nil {
				g, cands = g2, c2
			}
		}
		strong := tk.cap || head == 2
		if g == nil {
			// "la Région", "le Département", "le Conseil régional": the one named before
			if strong && d.is(i-1, "la", "le", "l", "du", "au", "de") && !d.is(i+head, "de", "du", "des", "d") {
				if level == geo.LevelCommune {
					// "la Ville": resolved once the places of the article are known (bareAuthorities)
					s.bareAuth = append(s.bareAuth, bareAuth{tok: i, end: i + head, level: level})
					continue
				}
				t := s.previousTerritory(i, level)
				if t == nil {
					t = s.onlyAuthority(level) // "au Département": the one the article named
				}
				if t != nil {
					if o := s.authorityEnt(t); o != nil {
						o = s.add(o, i, i+head)
						s.claim(o, i, i+head)
					}
				}
			}
			continue
		}
		if !g.m.Capitalized {
			continue
		}
		if !strong && !s.agentive(i) {
			continue
		}
		if level == geo.LevelDepartment {
			// "Département de la Guadeloupe" is the department, not the region of the same name
			for _, c := range cands {
				if strings.HasPrefix(c.Code, "97") {
					s.depAuthority[c.Code] = true
				}
			}
		}
		t := s.pick(g.m, cands)
		o := s.authorityEnt(t)
		if o == nil {
			continue
		}
		o = s.add(o, i, g.t1)
		s.claim(o, i, g.t1)
		s.mentionTerritory(t, g.t0, g.t1)
		i = g.t1 - 1
	}
	s.intercommunalities()
	defer s.bareIntercommunalities()
	// EPCI named as such: their name is the authority's
	for _, g := range s.gList {
		if !g.m.Capitalized || !s.free(g.t0, g.t1) || s.lexiconOrgOver(g.t0, g.t1) || g.t1 < len(s.d.toks) && s.d.toks[g.t1].cap && s.d.sameSent(g.t0, g.t1) {
			continue // "Toulouse Métropole Habitat": a longer name
		}
		for _, c := range g.m.Candidates {
			if c.Level != geo.LevelEPCI || !epciAuthorityName(g.m.Key) && (c.Kind != "EPT" || s.d.is(s.prepBefore(g.t0), "de", "du", "d", "des") && !s.afterRole(g.t0)) {
				continue // "Plaine Commune", an établissement public territorial, is its own authority's name (not in "le CLSM de Plaine Commune")
			}
			o := s.authorityEnt(c)
			t0 := g.t0
			if p := t0 - 1; p >= 0 && s.d.toks[p].cap && articles[s.d.toks[p].fold] && s.free(p, p+1) && strings.Contains(fold(c.Name), s.d.toks[p].fold+" "+s.d.toks[t0].fold) {
				t0 = p // "Le Havre Seine Métropole" opening a sentence
			}
			o.name = s.d.str(t0, g.t1)
			o = s.add(o, t0, g.t1)
			s.claim(o, t0, g.t1)
			s.mentionTerritory(c, t0, g.t1)
			break
		}
	}
}

// bareAuth is "la Ville", "le Département", "la Région" written alone.
type bareAuth struct {
	tok, end int
	level    geo.Level
}

// bareAuthorities gives "la Ville", "le Département", "la Région" written
// alone to the authority of the territory of that level named last before
// (within three sentences; a commune only in the same sentence: "À
// Avignon, la Ville …"), else to the one authority of that level the
// article names ("au Département").
func (s *state) bareAuthorities() {
	for _, b := range s.bareAuth {
		if !s.free(b.tok, b.end) {
			continue
		}
		var t *geo.Territory
		if e := s.territoryBefore(b.tok, b.level); e != nil && (b.level != geo.LevelCommune || s.d.sameSent(e.first, b.tok) || s.mentionedInSentence(e, b.tok)) {
			t = e.terr
		} else if b.level != geo.LevelCommune {
			t = s.onlyAuthority(b.level)
		}
		if t == nil {
			continue
		}
		if o := s.authorityEnt(t); o != nil {
			o = s.add(o, b.tok, b.end)
			s.claim(o, b.tok, b.end)
		}
	}
}

// territoryBefore returns the territory of that level whose mention comes
// last before token i, within the three sentences before it.
func (s *state) territoryBefore(i int, level geo.Level) *ent {
	d := s.d
	var best *ent
	bestTok := -1
	for _, e := range s.ents {
		if e.typ != kg.TypeTerritory || e.terr == nil || e.terr.Level != level {
			continue
		}
		for _, sp := range e.spans {
			if sp[0] < i && sp[0] > bestTok && d.toks[sp[0]].sent >= d.toks[i].sent-3 {
				best, bestTok = e, sp[0]
			}
		}
	}
	return best
}

// mentionedInSentence reports whether e has a mention in the sentence of
// token i, before it.
func (s *state) mentionedInSentence(e *ent, i int) bool {
	for _, sp := range e.spans {
		if sp[0] < i && s.d.sameSent(sp[0], i) {
			return true
		}
	}
	return false
}

// genericBodyAt reports whether token i ends the name of a class of bodies
// of the lexicon (PLIE, Mission locale, CAF…): "les PLIE de Valenciennes
// Métropole" names the intercommunality as their territory only.
func (s *state) genericBodyAt(i int) bool {
	for _, hi := range s.hitsEndingAt(i + 1) {
		if h := s.hits[hi]; h.ref.kind == lkOrg && s.x.lx.orgs[h.ref.idx].generic {
			return true
		}
	}
	return false
}

// townAt reports whether a commune's name starts at token i.
func (s *state) townAt(i int) bool {
	for _, g := range s.gAt[i] {
		for _, c := range g.m.Candidates {
			if c.Level == geo.LevelCommune {
				return true
			}
		}
	}
	return false
}

// intercommunalities finds the groupings of communes named the way they
// call themselves — "Valence Romans Agglo", "Lorient Agglomération",
// "Bordeaux Métropole", "Communauté de communes du Pays de X",
// "l'Agglomération du Grand Guéret", "le Grand Avignon", "la CARENE" — and
// links them to the reference EPCI when one has that name (see epciIndex).
func (s *state) intercommunalities() {
	d := s.d
	n := len(d.toks)
	for i := 0; i < n; i++ {
		tk := d.toks[i]
		if !(tk.cap || tk.upper) || !s.free(i, i+1) || s.ter(i) != nil {
			continue
		}
		var st, end int
		var epci *geo.Territory
		switch {
		case (tk.fold == "agglo" || tk.fold == "agglomeration" || tk.fold == "metropole" || tk.fold == "communaute" && tk.cap) && !d.is(i+1, "de", "du", "d", "europeenne", "urbaine"):
			// the name before: "Valence Romans Agglo", "Moulins Communauté",
			// "Saintes Grandes Rives l'Agglo"
			st = i
			if tk.fold == "agglo" && d.is(i-1, "l") && i > 1 && d.toks[i-2].cap && d.sameSent(i-2, i) {
				st = i - 1
			}
			for st > 0 && st > i-5 && d.toks[st-1].cap && d.toks[st-1].kind == tWord && d.sameSent(st-1, i) && !articles[d.toks[st-1].fold] && !namePreps[d.toks[st-1].fold] && !nameStops[d.toks[st-1].fold] && s.free(st-1, st) {
				st--
			}
			if tk.fold == "communaute" && (st == i || s.x.epciBySig[signature(d.str(st, i+1))] == nil && s.x.epciBySig[signature(d.str(st, i))] == nil) {
				continue // "Communauté" after a name is an EPCI's only when a reference EPCI has the name
			}
			if st > 0 && st < i && d.toks[st-1].cap && articles[d.toks[st-1].fold] && s.free(st-1, st) && s.townAt(st-1) {
				st-- // "Le Havre Seine Métropole": the article of the town's name
			}
			if st == i || i+1 < n && d.toks[i+1].cap && d.sameSent(i, i+1) || s.lexiconOrgOver(st, i+1) {
				continue // "Lille Métropole Habitat": a longer name
			}
			end = i + 1
		case tk.fold == "communaute" && (d.is(i+1, "de") && d.is(i+2, "communes") || d.is(i+1, "d") && d.is(i+2, "agglomeration") || d.is(i+1, "urbaine")):
			k := i + 3
			if d.is(i+1, "urbaine") {
				k = i + 2
			}
			k = s.skipPrep(k)
			if k >= n || !d.toks[k].cap {
				continue
			}
			_, e2, _ := s.properName(k, false)
			if e2 <= k {
				continue
			}
			st, end = i, e2
			epci = s.x.epciBySig[signature(d.str(k, e2))]
			if epci == nil {
				// "la Communauté d'agglomération du Pays de Laon et GrandSoissons
				// Agglomération": two names joined by "et"
				for x := k + 1; x < e2-1; x++ {
					if d.is(x, "et") {
						if t := s.x.epciBySig[signature(d.str(k, x))]; t != nil {
							epci, end = t, x
						}
						break
					}
				}
			}
		case (tk.fold == "agglomeration" || tk.fold == "agglo" || tk.fold == "metropole") && d.is(i+1, "de", "du", "d"):
			// "l'Agglomération du Grand Guéret": only a reference EPCI
			k := s.skipPrep(i + 1)
			if k >= n || !d.toks[k].cap {
				continue
			}
			_, e2, _ := s.properName(k, false)
			if e2 <= k {
				continue
			}
			if epci = s.x.epciBySig[signature(d.str(k, e2))]; epci == nil {
				continue
			}
			st, end = i, e2
		case (tk.fold == "grand" || tk.fold == "grande") && tk.cap && i+1 < n && d.toks[i+1].cap && d.sameSent(i, i+1):
			// "le Grand Avignon": the longest run of capitalised words naming an EPCI
			for e2 := min(n, i+5); e2 > i+1; e2-- {
				if !d.sameSent(i, e2-1) || !s.free(i, e2) || !d.toks[e2-1].cap && !d.toks[e2-1].upper {
					continue // "Grand Poitiers et la Préfecture": the name ends with a capitalised word
				}
				if t := s.x.epciBySig[signature(d.str(i, e2))]; t != nil {
					epci, st, end = t, i, e2
					break
				}
			}
			if epci == nil {
				continue
			}
		case tk.upper && tk.kind == tWord && s.x.epciByAcr[tk.fold] != nil && s.acronyms[tk.fold] == nil:
			// "la CARENE": the acronym of the EPCI's official name
			epci, st, end = s.x.epciByAcr[tk.fold], i, i+1
		default:
			continue
		}
		name := capitalize(d.str(st, end))
		if epci == nil {
			for _, v := range []string{name, "CA " + name, "CC " + name, "CU " + name, strings.Replace(name, "Communauté d'agglomération ", "CA ", 1), strings.Replace(name, "Communauté de communes ", "CC ", 1), strings.Replace(name, "Communauté urbaine ", "CU ", 1)} {
				if ts := s.x.geo.LookupLevel(v, geo.LevelEPCI); len(ts) == 1 {
					epci = ts[0]
					break
				}
			}
		}
		if epci == nil {
			epci = s.x.epciBySig[signature(name)]
		}
		if epci == nil && end-st > 2 && (tk.fold == "agglo" || tk.fold == "agglomeration" || tk.fold == "metropole") {
			// "Vienne Condrieu Agglomération" for the "CA Vienne Condrieu"
			epci = s.x.epciBySig[signature(d.str(st, end-1))]
		}
		if epci != nil && ((tk.fold == "grand" || tk.fold == "grande" || tk.upper) || s.genericBodyAt(s.prepBefore(st)-1)) && d.is(s.prepBefore(st), "de", "du", "d", "des") {
			// "le PLIE de la CARENE": the territory a body is named after
			s.mentionTerritory(epci, st, end)
			i = end - 1
			continue
		}
		var o *ent
		if epci != nil {
			o = s.authorityEnt(epci)
			if old := s.byID[o.id]; old == nil {
				o.name = name
			}
		} else {
			o = &ent{typ: kg.TypeOrganization, name: name, kind: kindLocalAuthority, auth: true}
		}
		o = s.add(o, st, end)
		s.claim(o, st, end)
		if epci != nil {
			s.mentionTerritory(epci, st, end)
		}
		// "Communauté d'agglomération de X (ACR)": the acronym names it too
		if d.punct(end, "(") && end+2 < n && d.toks[end+1].upper && d.punct(end+2, ")") {
			s.acronyms[d.toks[end+1].fold] = o
			o.acronym = cmp.Or(o.acronym, d.toks[end+1].text)
			s.add(o, end+1, end+2)
			s.claim(o, end, end+3)
			if epci != nil {
				s.mentionTerritory(epci, end+1, end+2)
			}
		}
		i = end - 1
	}
}

// epciKeys returns the keys the EPCI is known by besides its official name:
// the signature of its name without the "CA"/"CC"/"CU" prefix, the
// preposition after it and a parenthesised acronym ("CA du Grand Avignon
// (COGA)" → "grand avignon"), the same without a closing "Métropole" or
// "Agglomération" ("CU Grand Besançon Métropole" → "grand besancon"), and
// the acronym itself.
func epciKeys(name string) (sigs []string, acr string) {
	base := name
	if i := strings.Index(base, "("); i > 0 {
		if j := strings.Index(base[i:], ")"); j > 0 {
			inner := strings.TrimSpace(base[i+1 : i+j])
			if isAcronym(inner) && len(inner) >= 3 {
				acr = fold(inner)
			}
			base = strings.TrimSpace(base[:i] + base[i+j+1:])
		}
	}
	for _, p := range []string{"CA ", "CC ", "CU "} {
		base = strings.TrimPrefix(base, p)
	}
	sig := signature(base)
	if sig == "" {
		return nil, acr
	}
	sigs = append(sigs, sig)
	w := strings.Fields(sig)
	if len(w) > 1 {
		switch w[len(w)-1] {
		case "metropole", "agglomeration", "agglo", "communaute":
			sigs = append(sigs, strings.Join(w[:len(w)-1], " "))
		}
	}
	return sigs, acr
}

// buildEPCIIndex fills the extractor's EPCI keys (see epciKeys). A key
// shared by two EPCI, or that is also the name of a commune, department or
// region, is dropped.
func (x *Extractor) buildEPCIIndex() {
	x.epciBySig, x.epciByAcr = map[string]*geo.Territory{}, map[string]*geo.Territory{}
	bad := map[string]bool{}
	for _, t := range x.geo.All(geo.LevelEPCI) {
		sigs, acr := epciKeys(t.Name)
		for _, k := range sigs {
			if o, dup := x.epciBySig[k]; dup && o != t {
				bad[k] = true
			}
			x.epciBySig[k] = t
		}
		if acr != "" {
			if o, dup := x.epciByAcr[acr]; dup && o != t {
				bad["acr:"+acr] = true
			}
			x.epciByAcr[acr] = t
		}
	}
	for k := range x.epciBySig {
		if bad[k] || len(strings.Fields(k)) < 2 {
			delete(x.epciBySig, k)
			continue
		}
		for _, t := range x.geo.Lookup(k) {
			if t.Level != geo.LevelEPCI {
				delete(x.epciBySig, k)
				break
			}
		}
	}
	for k := range x.epciByAcr {
		if bad["acr:"+k] || x.orgByAcr[k] != nil || x.themeByKey[k] != nil {
			delete(x.epciByAcr, k)
		}
	}
}

func epciAuthorityName(key string) bool {
	for _, w := range strings.Fields(key) {
		switch w {
		case "metropole", "eurometropole", "communaute", "agglomeration", "agglo", "cc", "ca", "cu":
			return true
		}
	}
	return false
}

// previousTerritory returns the territory of the level named last before
// token i, within the three sentences before it.
func (s *state) previousTerritory(i int, level geo.Level) *geo.Territory {
	sent := s.d.toks[i].sent
	var best *gtok
	for _, g := range s.gList {
		if g.t0 >= i || s.d.toks[g.t0].sent < sent-3 || !g.m.Capitalized {
			continue
		}
		for _, c := range g.m.Candidates {
			if c.Level == level {
				best = g
				break
			}
		}
	}
	if best == nil {
		return nil
	}
	_, cands := s.geoAt(best.t0, level)
	if len(cands) == 0 {
		return nil
	}
	return s.pick(best.m, cands)
}

// supportNouns are nouns after which "du département de X" / "de la région
// X" names the authority rather than the place.
var supportNouns = set("soutien", "financement", "financements", "aide", "aides", "appui", "subvention", "subventions", "partenariat",
	"service", "services", "president", "presidente", "elu", "elus", "elue", "elues", "conseiller", "conseillere", "agents", "agent",
	"equipes", "equipe", "politique", "strategie", "budget", "dispositif", "programme", "plan", "projet", "competence", "action",
	"initiative", "assemblee", "direction", "directeur", "directrice", "representant", "representante")

// agentive reports whether a lower-case "département de X" / "région X" at
// token i stands for the authority: after "par le", "avec la", or after a
// noun of support, office or programme ("le budget participatif du
// département de X").
func (s *state) agentive(i int) bool {
	d := s.d
	j := i - 1
	if d.is(j, "le", "la", "l") {
		return d.is(j-1, "par", "avec")
	}
	if d.is(j, "du") || d.is(j, "la") && d.is(j-1, "de") {
		if d.is(j, "la") {
			j--
		}
		return j-1 >= 0 && supportNouns[d.toks[j-1].fold] || s.x.roleForms[d.toks[j-1].fold]
	}
	return false
}

// lexiconOrgs records the national actors of the lexicon, with their
// territorial branches ("France Active Occitanie", "CRESS de Bretagne").
func (s *state) lexiconOrgs() {
	d := s.d
	for _, h := range s.hits {
		if h.ref.kind != lkOrg || !s.free(h.t0, h.t1) {
			continue
		}
		e := s.x.lx.orgs[h.ref.idx]
		tk := d.toks[h.t0]
		if !tk.cap && !tk.upper {
			continue
		}
		if e.program && d.toks[h.t0].kind == tWord && h.t0 > 0 && programNouns[d.toks[h.t0-1].fold] {
			continue // "l'expérimentation Territoires zéro chômeur": an initiative
		}
		// "ADEME Martinique": a national body's acronym and a region is its regional office
		acrBranch := h.ref.acronym && tk.upper && !e.branch && !e.generic && s.skipPrep(h.t1) == h.t1
		if e.branch || e.generic || acrBranch {
			if o, end := s.branchAfter(e, h.t0, h.t1); o != nil {
				o = s.add(o, h.t0, end)
				s.claim(o, h.t0, end)
				continue
			}
			if e.generic {
				if o, end := s.genericNamedAfter(e, h.t0, h.t1); o != nil {
					o = s.add(o, h.t0, end)
					s.claim(o, h.t0, end)
					continue
				}
				s.bareGeneric = append(s.bareGeneric, h) // "la CRESS", "la Mission locale": resolved later
				continue
			}
		}
		o := s.add(s.lexOrgEnt(e), h.t0, h.t1)
		s.claim(o, h.t0, h.t1)
		if h.ref.acronym {
			s.acronyms[d.toks[h.t0].fold] = o
		}
	}
	// a network named bare where one of its branches is named stands for
	// that branch ("Chantier école : …" about "Chantier école Bretagne")
	for _, bare := range s.ents {
		if bare.typ != kg.TypeOrganization || bare.lex == nil || bare.seat != nil || bare.id != kg.ID(kg.PrefixOrganization+":"+bare.lex.id) {
			continue
		}
		var branch *ent
		n := 0
		for _, b := range s.ents {
			if b.lex == bare.lex && b.seat != nil && b != bare {
				branch = b
				n++
			}
		}
		if n == 1 {
			s.mergeInto(bare, branch)
		}
	}
}

// mergeInto makes every mention of e a mention of into, and forgets e.
func (s *state) mergeInto(e, into *ent) {
	for _, sp := range e.spans {
		s.add(into, sp[0], sp[1])
		for i := sp[0]; i < sp[1]; i++ {
			if s.own(i) == e {
				s.owner[i] = into
			}
		}
	}
	for k, v := range s.acronyms {
		if v == e {
			s.acronyms[k] = into
		}
	}
	delete(s.byID, e.id)
	for k, v := range s.orgSig {
		if v == e {
			s.orgSig[k] = into
		}
	}
	for i, x := range s.ents {
		if x == e {
			s.ents = append(s.ents[:i], s.ents[i+1:]...)
			break
		}
	}
}

// genericNamedAfter reads a body of a class named after a territory that is
// no official unit ("le PLIE du Hainaut", "la Mission locale du Douaisis"):
// the organization of that name, with no seat.
func (s *state) genericNamedAfter(e *orgEntry, t0, t1 int) (*ent, int) {
	d := s.d
	k := s.skipPrep(t1)
	if k == t1 && k < len(d.toks) && demonym(d.toks[k]) && d.sameSent(t0, k) && s.free(k, k+1) {
		return &ent{typ: kg.TypeOrganization, name: d.str(t0, k+1), kind: e.kind}, k + 1 // "la Mission locale rennaise"
	}
	if k == t1 && t1-t0 == 1 && d.toks[t0].upper && k < len(d.toks) && d.toks[k].cap && !d.toks[k].upper && !articles[d.toks[k].fold] && d.sameSent(t0, k) {
		k = t1 // "GEIQ Logistique Provence": the acronym of the class, then the body's own name
	} else if k == t1 {
		return nil, 0
	}
	if k >= len(d.toks) || !d.toks[k].cap || !d.sameSent(t0, k) || !s.free(k, k+1) || s.ter(k) != nil {
		return nil, 0
	}
	st, end, _ := s.properName(k, false)
	if end <= st || s.onlyPlace(st, end) || !s.free(st, end) {
		return nil, 0
	}
	return &ent{typ: kg.TypeOrganization, name: d.str(t0, end), kind: e.kind}, end
}

// programNouns introduce an initiative's name.
var programNouns = set("experimentation", "dispositif", "programme", "demarche", "projet", "plan", "appel")

// branchAfter looks for the territory that follows a network's name at
// [t0, t1) ("France Active Occitanie", "CAF de Vaucluse", "CCAS de la
// ville") and returns the branch and the end of its name.
func (s *state) branchAfter(e *orgEntry, t0, t1 int) (*ent, int) {
	d := s.d
	k := s.skipPrep(t1)
	if d.punct(t1, ")") { // "… (CRESS) Occitanie"
		k = s.skipPrep(t1 + 1)
	}
	if d.punct(t1, "(") && t1+2 < len(d.toks) && d.punct(t1+2, ")") && d.toks[t1+1].kind == tWord {
		k = s.skipPrep(t1 + 3) // "École de la deuxième chance (E2C) de Montpellier"
		if k == t1+3 {
			return nil, 0
		}
	}
	levels := []geo.Level{geo.LevelRegion, geo.LevelDepartment}
	if e.generic {
		levels = append(levels, geo.LevelCommune)
	}
	epciAt := func() (*ent, int) {
		if te := s.ter(k); e.generic && k > t1 && te != nil && te.terr != nil && te.terr.Level == geo.LevelEPCI {
			if st, en, ok := te.mentionAt(k); ok && st == k {
				return te, en
			}
		}
		return nil, 0
	}
	if g, cands := s.geoAt(k, levels...); g != nil && g.m.Capitalized && d.sameSent(t1-1, k) {
		if strings.Contains(g.m.Note, "former") {
			// "France Active Lorraine": a branch named after a former region
			// is located in no region of today
			return &ent{typ: kg.TypeOrganization, name: d.str(t0, g.t1), kind: e.kind, lex: e}, g.t1
		}
		if te, en := epciAt(); te != nil && en > g.t1 {
			// "PLIE de Valenciennes Métropole": the intercommunality, not the town
			o := s.branchEnt(e, te.terr, d.str(t0, en))
			o.seat = te
			return o, en
		}
		t := s.pick(g.m, cands)
		if t.Level == geo.LevelCommune && !e.generic {
			return nil, 0
		}
		end := g.t1
		if end < len(d.toks) && d.toks[end].cap && d.toks[end].kind == tWord && d.sameSent(g.t0, end) && s.free(end, end+1) && len(s.gAt[end]) == 0 {
			// "Mission locale Isère Rhodanienne": a longer name than the place
			for end < len(d.toks) && end < g.t1+3 && d.toks[end].cap && d.toks[end].kind == tWord && d.sameSent(g.t0, end) && s.free(end, end+1) {
				end++
			}
			o := &ent{typ: kg.TypeOrganization, name: d.str(t0, end), kind: e.kind}
			s.mentionTerritory(t, g.t0, g.t1)
			return o, end
		}
		written := d.str(t0, g.t1)
		if d.punct(t1, ")") {
			written = d.str(t0, t1) + " " + d.str(g.t0, g.t1) // "(DRAJES) Grand Est": "DRAJES Grand Est"
		}
		o := s.branchEnt(e, t, written)
		o.seat = s.mentionTerritory(t, g.t0, g.t1)
		// "Préfecture de Saint-Barthélemy et de Saint-Martin": the office of both
		if d.is(end, "et") {
			k2 := s.skipPrep(end + 1)
			if g2, c2 := s.geoAt(k2, levels...); k2 > end+1 && g2 != nil && g2.m.Capitalized && d.sameSent(end, g2.t1-1) {
				if t2 := s.pick(g2.m, c2); t2 != nil && t2.Level == t.Level {
					o.name = d.str(t0, g2.t1)
					o.seat2 = s.mentionTerritory(t2, g2.t0, g2.t1)
					end = g2.t1
				}
			}
		}
		return o, end
	}
	// "PLIE de la CARENE", "Mission locale de Bordeaux Métropole": an EPCI
	if e.generic && k > t1 {
		if te := s.ter(k); te != nil && te.terr != nil && te.terr.Level == geo.LevelEPCI {
			if st, en, ok := te.mentionAt(k); ok && st == k {
				o := s.branchEnt(e, te.terr, d.str(t0, en))
				o.seat = te
				return o, en
			}
		}
	}
	// "de la ville", "de la commune": the commune named before
	if k > t1 && d.is(k-1, "la") && d.is(k, "ville", "commune") {
		if t := s.previousTerritory(t0, geo.LevelCommune); t != nil {
			name := e.name
			if e.acronym != "" {
				name = e.acronym
			}
			o := s.branchEnt(e, t, name+" "+deName(t.Name))
			o.names = append(o.names, d.str(t0, k+1))
			o.seat = s.territoryEnt(t)
			return o, k + 1
		}
	}
	return nil, 0
}

// typedNames finds organizations introduced by their type: "l'association
// Kaz'Ansanm", "l'opérateur Orange", "le centre social Alma-Gare", "la
// régie de quartier Nord Littoral", and the places run by an organization:
// "la crèche coopérative Les Lucioles" (Initiative "Crèche coopérative X" and
// Organization "X").
func (s *state) typedNames() {
	d := s.d
	operators := map[*ent]bool{}
	defer func() {
		// a structure that runs another initiative is only an organization
		for ini, org := range s.structOrg {
			if operators[org] {
				for _, sp := range ini.spans {
					for k := sp[0]; k < sp[1]; k++ {
						if s.owner[k] == ini {
							s.owner[k] = org
						}
					}
				}
				delete(s.structOrg, ini)
				delete(s.byID, ini.id)
				s.ents = slices.DeleteFunc(s.ents, func(e *ent) bool { return e == ini })
			}
		}
	}()
	for _, h := range s.hits {
		if h.ref.kind != lkHead && !(h.ref.kind == lkInit && s.x.lx.initiatives[h.ref.idx].mode == "structure") {
			continue
		}
		if !s.free(h.t0, h.t1) || h.t1 >= len(d.toks) {
			continue
		}
		// the longest head at this start only
		if longer := s.longestHeadAt(h.t0); longer != h.t1 {
			continue
		}
		first := d.toks[h.t0]
		if h.ref.kind == lkHead {
			hd := s.x.lx.heads[h.ref.idx]
			capHead := first.cap && !first.upper
			if capHead && hd.complement && !(hd.keep && h.t1 < len(d.toks) && d.toks[h.t1].cap && d.toks[h.t1].kind == tWord && !articles[d.toks[h.t1].fold] && d.sameSent(h.t0, h.t1)) {
				continue // a capitalised head starts the name itself (headOrgs), unless a name follows ("Maison pour tous Léo Lagrange")
			}
			j := h.t1
			if hd.keep && hd.kind != "ministry" && d.is(j, "de", "du", "des", "d") {
				// (a ministry's title is read by headOrgs)
				// "centre socioculturel du Neuhof", "mission locale de Lille", "la
				// salle des fêtes de Potigny", "la salle des Charmilles" (but not
				// "la salle de Roubaix": a venue in lower case needs a head with
				// its complement or a name that is no place)
				k := s.skipPrep(j)
				if k < len(d.toks) && d.toks[k].cap {
					_, end, _ := s.properName(k, false)
					if end > k && s.free(k, end) && (hd.kind != "venue" || first.cap || hd.complement || !s.onlyPlace(k, end)) {
						name := capitalize(d.str(h.t0, end))
						o := s.add(&ent{typ: kg.TypeOrganization, name: name, kind: hd.kind}, h.t0, end)
						s.claim(o, h.t0, end)
						continue
					}
				}
			}
			if !hd.keep && (hd.kind == "company" || hd.kind == "association" || hd.kind == "cooperative" || hd.kind == "collective" || hd.kind == "network") && !s.initiativeKindAt(h.t0) && d.is(j, "de", "d") && j+2 < len(d.toks) && d.toks[j+1].kind == tWord && !d.toks[j+1].cap && !determiners[d.toks[j+1].fold] && !namePreps[d.toks[j+1].fold] && d.sameSent(j, j+2) {
				// "la compagnie de danse Les Passeurs de Gestes", "le club de boxe
				// éducative Ring Olympique": the kind, then the name
				if d.toks[j+2].cap {
					j += 2
				} else if j+3 < len(d.toks) && d.toks[j+3].cap && adjectiveLike(d.toks[j+2].fold) && d.sameSent(j, j+3) {
					j += 3
				}
			}
			st, end, quoted := s.properName(j, false)
			if end <= st && !hd.keep && d.is(j, "du", "de", "d") {
				// "le club de football du RC Lens"
				st, end, quoted = s.properName(s.skipPrep(j), false)
				if end > st && s.onlyPlace(st, end) {
					continue
				}
			}
			if end <= st && !hd.keep && j < len(d.toks) && d.toks[j].cap && articles[d.toks[j].fold] && !d.toks[j].nl {
				// "le collectif Les entreprises s'engagent": a name in lower case after its article
				x := j + 1
				for x < len(d.toks) && x < j+6 && d.sameSent(j, x) && d.toks[x].kind == tWord && !d.toks[x].cap && (!nameStops[d.toks[x].fold] || d.toks[x].elided) && !namePreps[d.toks[x].fold] {
					x++
				}
				if x > j+1 && (x >= len(d.toks) || !d.sameSent(j, x) || d.punct(x, ",", ".", ";", ")") || d.is(x, "a", "ont", "est", "sont")) {
					st, end = j, x
				}
			}
			if end <= st && !hd.keep {
				// "l'association gestionnaire, Coudoulet Solidarité, accueille", "une
				// association d'habitants du quartier, Vivre au Crêt"
				k := j
				for k < len(d.toks) && k < j+4 && d.toks[k].kind == tWord && !d.toks[k].cap && (!determiners[d.toks[k].fold] || d.is(k, "du") && k > j) && !verbLike(d.toks[k].fold) {
					k++
				}
				if k > j && d.punct(k, ",") {
					st, end, quoted = s.properName(k+1, false)
					if end > st && !d.punct(end, ",") {
						end = st
					}
				}
			}
			if end <= st || !s.free(st, end) || s.onlyPlace(st, end) && hd.keep && !(hd.kind == "venue" && st == h.t1) {
				continue // (but "la salle Saint-Palais", "le stade Saint-Louis": a venue named after a saint)
			}
			if quoted && !d.toks[st].cap && !d.toks[st].upper {
				continue // "un espace « bienvenue »": a description in quotes, no name
			}
			if !quoted {
				end = s.lowerTail(end)
				// "la SCIC Énergies citoyennes du Médoc": adjectives and a complement
				x := end
				for x < len(d.toks) && x < end+2 && d.sameSent(st, x) && d.toks[x].kind == tWord && !d.toks[x].cap && adjectiveLike(d.toks[x].fold) && !verbLike(d.toks[x].fold) {
					x++
				}
				if x > end && d.is(x, "de", "du", "des", "d") {
					if k := s.skipPrep(x); k < len(d.toks) && d.toks[k].cap && d.sameSent(st, k) {
						if _, e2, _ := s.properName(k, false); e2 > k {
							end = e2
						}
					}
				}
			}
			if utf8.RuneCountInString(d.str(st, end)) < 2 {
				continue // "groupe F"
			}
			name := d.str(st, end)
			var aliases []string
			h0 := h.t0
			if hd.keep || capHead {
				h0 = s.capsBefore(h.t0) // "Boxing Club Barisien"
				name = capitalize(d.str(h0, h.t1)) + " " + name
			} else {
				aliases = append(aliases, d.str(h.t0, end))
			}
			o := &ent{typ: kg.TypeOrganization, name: name, names: aliases, kind: hd.kind}
			if le := s.lexiconByName(d.str(st, end)); le != nil {
				o = s.lexOrgEnt(le)
			}
			o = s.add(o, pick2(hd.keep || capHead, h0, st), end)
			s.claim(o, h0, end)
			if quoted {
				s.claim(o, end, end+1)
			}
			continue
		}
		// a structure: crèche, tiers-lieu, épicerie solidaire…
		k := s.x.lx.initiatives[h.ref.idx]
		nameAt := h.t1
		if d.punct(h.t1, "(") && h.t1+3 < len(d.toks) && d.punct(h.t1+2, ")") && d.toks[h.t1+1].upper && d.toks[h.t1+3].cap {
			nameAt = h.t1 + 3 // "l'entreprise à but d'emploi (EBE) Les Mains Solidaires"
		}
		st, end, quotedName := s.properName(nameAt, false)
		lowerArticle := false
		if end <= st && d.is(h.t1, "la", "le", "les") && !d.toks[h.t1].cap && h.t1+1 < len(d.toks) && d.toks[h.t1+1].cap && d.sameSent(h.t1, h.t1+1) && !s.townAt(h.t1+1) {
			// "le tiers-lieu la Fabrique de Caucriauville": the name's article in lower case
			if st2, e2, q2 := s.properName(h.t1+1, false); e2 > st2 && !q2 {
				st, end, lowerArticle = h.t1, e2, true
			}
		}
		if quotedName && end > st && s.free(h.t0, end+1) {
			// "l'atelier vélo « Elles roulent »", "le chantier d'insertion « Propreté et
			// embellissement »": the title of an action, not an organization's name
			title := d.str(st, end)
			ini := &ent{typ: kg.TypeInitiative, name: title, kind: k.kind, structure: true, keyTok: h.t0, names: []string{d.str(h.t0, h.t1) + " " + title, d.str(h.t0, end+1)}}
			ini = s.add(ini, h.t0, end+1)
			s.claim(ini, h.t0, end+1)
			continue
		}
		if end <= st && d.is(h.t1, "du", "de") && d.is(h.t1+1, "quartier") && h.t1+2 < len(d.toks) && d.toks[h.t1+2].cap {
			// "le chantier d'insertion du quartier Rougemont": named by its neighbourhood
			// (the neighbourhood itself is read by quartiers)
			if st2, e2, _ := s.properName(h.t1+2, false); e2 > st2 && s.free(h.t0, e2) {
				ini := &ent{typ: kg.TypeInitiative, name: capitalize(d.str(h.t0, e2)), kind: k.kind, structure: true, keyTok: h.t0}
				ini = s.add(ini, h.t0, e2)
				s.claim(ini, h.t0, h.t1+2)
				continue
			}
		}
		if end <= st && d.is(h.t1, "de", "du", "des", "d") {
			// "la crèche parentale de Toulon": an initiative named by its place
			if g, t := s.placeAt(s.skipPrep(h.t1)); g != nil && s.free(h.t0, g.t1) {
				ini := &ent{typ: kg.TypeInitiative, name: capitalize(d.str(h.t0, g.t1)), kind: k.kind, structure: true, keyTok: h.t0}
				ini.place = s.mentionTerritory(t, g.t0, g.t1)
				ini = s.add(ini, h.t0, g.t1)
				s.claim(ini, h.t0, g.t1)
				continue
			}
			// "la Ressourcerie des Couronneries": a capitalised kind named by its complement
			if first.cap {
				if st2, e2, _ := s.properName(s.skipPrep(h.t1), false); e2 > st2 && s.free(h.t0, e2) && !s.onlyPlace(st2, e2) {
					ini := &ent{typ: kg.TypeInitiative, name: d.str(h.t0, e2), kind: k.kind, structure: true, keyTok: h.t0}
					ini = s.add(ini, h.t0, e2)
					s.claim(ini, h.t0, e2)
				}
			}
			continue
		}
		if end <= st || !s.free(st, end) || s.onlyPlace(st, end) && s.majorPlace(st, end) {
			continue // "l'auto-école sociale Racines" is a name, "la crèche Bretagne" is not
		}
		orgName := d.str(st, end)
		if lowerArticle {
			orgName = capitalize(orgName)
		}
		org := s.add(&ent{typ: kg.TypeOrganization, name: orgName, kind: "organization", names: []string{d.str(h.t0, end)}}, st, end)
		s.claim(org, st, end)
		if d.is(h.t0-1, "la", "le", "l") && d.is(h.t0-2, "par") {
			// "portée par la crèche X": the organization running an initiative
			s.claim(org, h.t0, h.t1)
			operators[org] = true
			continue
		}
		ini := &ent{typ: kg.TypeInitiative, name: capitalize(d.str(h.t0, h.t1)) + " " + orgName, kind: k.kind, structure: true, keyTok: h.t0, names: []string{orgName}}
		ini = s.add(ini, h.t0, end)
		s.claim(ini, h.t0, h.t1)
		s.structOrg[ini] = org
	}
}

func pick2(c bool, a, b int) int {
	if c {
		return a
	}
	return b
}

// longestHeadAt returns the end of the longest organization head or
// structure kind starting at token i (-1 when an event or initiative kind
// starting there is longer: "université d'été").
func (s *state) longestHeadAt(i int) int {
	best, other := -1, -1
	for _, hi := range s.byTok[i] {
		h := s.hits[hi]
		switch {
		case h.ref.kind == lkHead || h.ref.kind == lkInit && s.x.lx.initiatives[h.ref.idx].mode == "structure":
			best = max(best, h.t1)
		case h.ref.kind == lkEvent || h.ref.kind == lkInit:
			other = max(other, h.t1)
		}
	}
	if other > best {
		return -1
	}
	return best
}

// onlyPlace reports whether tokens [t0, t1) are exactly a place name.
func (s *state) onlyPlace(t0, t1 int) bool {
	for _, g := range s.gAt[t0] {
		if g.t1 == t1 {
			return true
		}
	}
	return false
}

// lexiconByName returns the national actor whose name or alias has the
// same content words as name.
func (s *state) lexiconByName(name string) *orgEntry {
	if isAcronym(name) {
		return s.x.orgByAcr[fold(name)]
	}
	return s.x.orgBySig[signature(name)]
}

// properName returns the proper name starting at token i: capitalised
// words with their inner connectors ("Les Ateliers de la Fraternité", "Bois
// & Co", "Kaz'Ansanm") or a quoted title (« Jeunes et ESS »). With lower,
// lower-case adjectives and numbers may follow ("Tiers-lieux nourriciers",
// "Bretagne ESS Horizon 2030"). It returns [st, end) of the name, not
// counting quotes, and whether it was quoted.
func (s *state) properName(i int, lower bool) (int, int, bool) {
	d := s.d
	n := len(d.toks)
	if i >= n {
		return i, i, false
	}
	if d.toks[i].kind == tPunct && openQuotes[d.toks[i].text] {
		for j := i + 1; j < n && j < i+16 && d.sameSent(i, j); j++ {
			if d.toks[j].kind == tPunct && closeQuotes[d.toks[j].text] {
				if j > i+1 {
					return i + 1, j, true
				}
				break
			}
		}
		return i, i, false
	}
	tk := d.toks[i]
	if !(tk.cap || tk.upper) || tk.kind == tPunct || nameStops[tk.fold] && !articles[tk.fold] && (tk.nl || i == 0 || d.toks[i-1].sent != tk.sent || pronouns[tk.fold]) {
		return i, i, false
	}
	if articles[tk.fold] && !(i+1 < n && d.toks[i+1].cap && d.sameSent(i, i+1)) {
		return i, i, false // "Le" alone, "La" before a lower-case word
	}
	if namePreps[tk.fold] && !articles[tk.fold] || d.capsLine(i) {
		return i, i, false // "DE LA JOURNÉE": a preposition, a heading in capitals
	}
	end := i + 1
	for j := i + 1; j < n && j < i+12 && d.sameSent(i, j); j++ {
		t := d.toks[j]
		if !s.free(j, j+1) {
			break // another name starts here ("la Régie X et Lille Métropole Habitat")
		}
		if t.kind == tPunct {
			if t.text == "&" {
				continue
			}
			break
		}
		if t.cap || t.upper {
			end = j + 1
			continue
		}
		if t.text == "a" {
			break // the verb "a", not "à"
		}
		if t.fold == "dans" && d.is(j+1, "la", "le", "les") && j+2 < n && d.toks[j+2].cap && d.toks[j+2].kind == tWord && d.sameSent(j, j+2) && !s.clearPlaceAt(j+2) && s.free(j+2, j+3) {
			end = j + 3 // "Sport dans la Ville", "Job dans la Ville"
			j += 2
			continue
		}
		if namePreps[t.fold] || articles[t.fold] || t.elided {
			// a connector continues the name only before a capitalised word,
			// and never before a place after "à", "en", "sur"
			k := j + 1
			for k < n && (articles[d.toks[k].fold] || d.toks[k].elided) && !d.toks[k].cap {
				k++
			}
			if k < n && d.sameSent(j, k) && (d.toks[k].cap || d.toks[k].upper) && d.toks[k].kind != tPunct && s.free(k, k+1) {
				if (t.fold == "a" || t.fold == "au" || t.fold == "aux" || t.fold == "en" || t.fold == "sur") && len(s.gAt[k]) > 0 {
					break
				}
				if t.fold == "et" && k > j+1 && s.kindAt(k) {
					break // "le Dispositif X et le Chantier d'insertion Y": a second name
				}
				continue
			}
			break
		}
		if lower && (t.kind == tNum || adjectiveLike(t.fold) && !verbLike(t.fold)) {
			end = j + 1
			continue
		}
		if t.kind == tNum && j == end && len(t.text) <= 3 && (j+1 >= n || d.toks[j+1].kind == tPunct || !d.sameSent(j, j+1)) {
			end = j + 1 // "Trait d'Union 86": a department number ends the name
		}
		if t.kind == tNum && j == end && len(t.text) == 2 && t.text[0] != '0' && j+1 < n && d.sameSent(j, j+1) && d.toks[j+1].kind == tWord && !d.toks[j+1].cap &&
			(verbLike(d.toks[j+1].fold) || strings.HasSuffix(d.toks[j+1].fold, "ait") || strings.HasSuffix(d.toks[j+1].fold, "aient") || d.is(j+1, "qui", "depuis", "et", "avec", "dans", "pour")) {
			end = j + 1 // "l'association Cap Numérique 35 aidait …"
		}
		break
	}
	return i, end, false
}

// complement returns the end of the complement of an organization head
// ending at token i: "des acteurs de la solidarité", "de la Transition
// écologique et solidaire", "ESS de Cornouaille". With strong (the head
// follows a role: "président du fonds …"), every word up to the clause end
// is taken, but for verbs.
func (s *state) complement(i int, strong bool) int {
	d := s.d
	n := len(d.toks)
	end := i
	afterPrep := false
	afterArticle := false
	run := 0 // lower-case words since the last preposition
	limit := i + 12
	if strong {
		limit = i + 16
	}
	for j := i; j < n && j < limit && (j == 0 || d.sameSent(i, j)); j++ {
		t := d.toks[j]
		if t.kind == tPunct {
			if t.text == "&" {
				continue
			}
			break
		}
		f := t.fold
		if months[f] || weekdays[f] || t.text == "a" {
			break // "la Maison du projet a ouvert": the verb, not "à"
		}
		if strong && j == i && f == "et" {
			return end // "cogérant de la coopérative et ancien travailleur social"
		}
		if t.elided && f != "l" && f != "d" {
			break // "s'engage", "qu'il"
		}
		if f == "en" && !d.is(j+1, "faveur") {
			break // "… d'Amiens en présence de", "en soulignant"
		}
		if namePreps[f] || t.elided || articles[f] && afterPrep {
			if articles[f] && !afterPrep {
				break
			}
			if f == "pour" && j+1 < n && d.toks[j+1].kind == tWord && !d.toks[j+1].cap && !articles[d.toks[j+1].fold] && !d.toks[j+1].elided && infinitive(d.toks[j+1].fold) {
				break // "… d'Occitanie pour développer": a purpose, not the name
			}
			if f == "et" {
				// "écologique et solidaire", "Scop et Scic", "du Travail et de l'Emploi",
				// "des ressourceries et recycleries"
				nx := j + 1
				if nx >= n || !d.sameSent(j, nx) {
					break
				}
				nt := d.toks[nx]
				plurals := strings.HasSuffix(d.toks[j-1].fold, "s") && strings.HasSuffix(nt.fold, "s") && nt.kind == tWord && !nt.cap && !verbLike(nt.fold) && !determiners[nt.fold]
				if !(nt.cap || namePreps[nt.fold] || adjectiveLike(nt.fold) || plurals) || determiners[nt.fold] && !namePreps[nt.fold] {
					break
				}
				if plurals {
					end = nx + 1
					j = nx
					continue
				}
			}
			if (f == "a" || f == "au" || f == "aux" || f == "en" || f == "sur") && j+1 < n && (len(s.gAt[s.skipArticle(j+1)]) > 0 || d.toks[j+1].kind == tNum) {
				break // "à Amiens", "en Bretagne", "au 1er"
			}
			afterPrep = true
			afterArticle = articles[f] || t.elided
			run = 0
			continue
		}
		if articles[f] || determiners[f] || nameStops[f] && !t.cap && !afterArticle {
			break
		}
		if afterArticle && ordinalWord(f) {
			end = j + 1 // "École de la deuxième chance": the noun comes after
			continue
		}
		if afterArticle && prenominal[f] {
			end = j + 1 // "de la grande halle": the noun comes after
			continue
		}
		if afterPrep && d.is(j-1, "d", "de") && infinitive(f) && !t.cap {
			return end // "au Conseil municipal d'attribuer les subventions"
		}
		switch {
		case t.cap || t.upper:
			if afterPrep || run == 0 || strong {
				end = j + 1
				run = 0
			} else {
				return end
			}
		case t.kind == tNum:
			return end
		case strong:
			if verbLike(f) {
				return end
			}
			end = j + 1
		case afterPrep && run < 3 && (!verbLike(f) || afterArticle) || adjectiveLike(f):
			end = j + 1
			run++
		case participle(f) && (d.is(j+1, "pour") || d.is(j+1, "en") && d.is(j+2, "faveur")):
			// "Réseau des collectivités engagées pour l'ESS"
			end = j + 1
			run++
		default:
			return end
		}
		afterPrep = false
		afterArticle = false
	}
	return end
}

// skipArticle skips "la", "le", "les", "l'" at i.
func (s *state) skipArticle(i int) int {
	if s.d.is(i, "la", "le", "les", "l") {
		return i + 1
	}
	return i
}

// headOrgs finds organization names made of a head and its complement:
// "Fédération des acteurs de la solidarité", "Ministère de la …", "Maison de
// la culture", "Pôle ESS de Cornouaille", and, after a role, lower-case
// ones ("président du fonds d'expérimentation …").
func (s *state) headOrgs() {
	d := s.d
	for _, h := range s.hits {
		if h.ref.kind != lkHead || !s.free(h.t0, h.t1) {
			continue
		}
		if longer := s.longestHeadAt(h.t0); longer != h.t1 {
			continue
		}
		hd := s.x.lx.heads[h.ref.idx]
		tk := d.toks[h.t0]
		strong := s.afterRole(h.t0)
		if !hd.complement || !(tk.cap || hd.kind == "ministry" || strong) {
			continue
		}
		if d.is(h.t0-1, "un", "une") && !strong {
			continue // "une Maison France Services": one of a kind, not a name
		}
		if d.capsLine(h.t0) {
			continue // "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL": a heading
		}
		// "la Fondation FACE": the head and the acronym of an organization named before
		if h.t1 < len(d.toks) && d.toks[h.t1].upper && d.sameSent(h.t0, h.t1) {
			if o := s.acronyms[d.toks[h.t1].fold]; o != nil && (h.t1+1 >= len(d.toks) || !d.toks[h.t1+1].cap || !d.sameSent(h.t1, h.t1+1)) {
				s.add(o, h.t0, h.t1+1)
				s.claim(o, h.t0, h.t1+1)
				continue
			}
		}
		end := s.complement(h.t1, strong)
		if hd.kind == "ministry" && end > h.t1 {
			end = s.ministryTail(end)
		}
		if end <= h.t1 && tk.cap && hd.keep {
			if st, e2, _ := s.properName(h.t1, false); st == h.t1 && e2 > st && !s.onlyPlace(st, e2) {
				end = e2 // "le Centre social Le Tempo"
			}
		}
		// a complement running into a name found before ends before it, and
		// before the connectors that led to it ("Mission locale de X et de
		// France Travail"); a body of the lexicon one per territory ends with
		// the authority it serves ("Mission locale des jeunes de Montpellier
		// Méditerranée Métropole")
		var seat *ent
		genericHead := s.lexiconByName(d.str(h.t0, h.t1))
		if genericHead != nil && !genericHead.generic {
			genericHead = nil
		}
		for k := h.t1; k < end; k++ {
			if ow := s.own(k); ow != nil && genericHead != nil && ow.auth && ow.governs != nil && d.is(s.prepBefore(k), "de", "du", "d", "des") {
				if st, en, ok := ow.mentionAt(k); ok && st == k {
					end, seat = en, ow.governs
					break
				}
			}
			if !s.free(k, k+1) {
				end = k
				for end > h.t1 && (d.is(end-1, "et", "de", "du", "des", "d", "la", "le", "l", "les", "a", "au", "aux", "sur", "dans", "avec", "pour", "par") || d.punct(end-1, ",")) {
					end--
				}
				break
			}
		}
		if end <= h.t1 {
			continue
		}
		if st, e2, _ := s.properName(end, false); !hd.keep && st == end && e2 > st && !s.onlyPlace(st, e2) && d.sameSent(end-1, st) {
			continue // "le Centre de ressources politique de la ville Pays et Quartiers…": a type before the name
		}
		// a name needs a content word in its complement, and a capitalised
		// word or a prepositional phrase ("Conseil municipal" is no name)
		content, proper, prep, hasPrep := false, false, hd.keep, false
		for j := h.t1; j < end; j++ {
			t := d.toks[j]
			switch {
			case namePreps[t.fold] || t.elided:
				prep, hasPrep = true, true
			case articles[t.fold]:
			default:
				content = true
				proper = proper || t.cap || t.upper
			}
		}
		if !content || !proper && !prep {
			continue
		}
		if !proper && !hasPrep && genericHead != nil && seat == nil {
			continue // "la Mission locale intercommunale": one of a class, not a name
		}
		if s.isConcept(d.str(h.t0, h.t1), "") && s.onlyPlace(s.skipPrep(h.t1), end) {
			continue // "les PTCE d'Occitanie": the kind in a region
		}
		st := h.t0
		if tk.cap {
			st = s.capsBefore(h.t0) // "Boxing Club Barisien"
		}
		name := capitalize(d.str(st, end))
		if s.isConcept("", name) {
			continue // "Société coopérative d'intérêt collectif": a concept, not an organization
		}
		var o *ent
		if le := s.lexiconByName(name); le != nil {
			if le.generic {
				continue // "Maison France Services" alone: a class of bodies
			}
			o = s.lexOrgEnt(le)
			o.names = append(o.names, name)
		} else {
			o = &ent{typ: kg.TypeOrganization, name: name, kind: hd.kind, seat: seat}
		}
		o = s.add(o, st, end)
		s.claim(o, st, end)
	}
}

// afterRole reports whether token i follows a role and its preposition
// ("président du …", "directrice de la …").
func (s *state) afterRole(i int) bool {
	d := s.d
	j := i - 1
	if d.is(j, "la", "l") && d.is(j-1, "de") {
		j--
	}
	if !d.is(j, "de", "du", "des", "d", "a", "au") {
		return false
	}
	for _, hi := range s.hitsEndingAt(j) {
		if s.hits[hi].ref.kind == lkRole {
			return true
		}
	}
	return false
}

// hitsEndingAt returns the hits ending at token t (exclusive end t).
func (s *state) hitsEndingAt(t int) []int {
	var out []int
	for k := max(0, t-6); k < t; k++ {
		for _, hi := range s.byTok[k] {
			if s.hits[hi].t1 == t {
				out = append(out, hi)
			}
		}
	}
	return out
}

// namedInSentence reports whether territory t is named in the sentence of
// token i, before it.
func (s *state) namedInSentence(t *geo.Territory, i int) bool {
	for _, g := range s.gList {
		if g.t0 >= i || !s.d.sameSent(g.t0, i) {
			continue
		}
		if slices.Contains(g.m.Candidates, t) {
			return true
		}
	}
	return false
}

// onlyAuthority returns the territory of the one local authority of that
// level the article has named so far (nil if none or several).
func (s *state) onlyAuthority(level geo.Level) *geo.Territory {
	var only *geo.Territory
	for _, e := range s.ents {
		if e.typ != kg.TypeOrganization || !e.auth || e.governs == nil || e.governs.terr == nil || e.governs.terr.Level != level {
			continue
		}
		if only != nil && only != e.governs.terr {
			return nil
		}
		only = e.governs.terr
	}
	return only
}

// prepBefore returns the index of the word before token i, skipping an
// article ("de la CARENE" → "de").
func (s *state) prepBefore(i int) int {
	if s.d.is(i-1, "la", "le", "l", "les") {
		return i - 2
	}
	return i - 1
}

// lexiconOrgOver reports whether a national actor of the lexicon is named
// on tokens covering [t0, t1) and beyond.
func (s *state) lexiconOrgOver(t0, t1 int) bool {
	for k := max(0, t0-3); k <= t0; k++ {
		for _, hi := range s.byTok[k] {
			if h := s.hits[hi]; h.ref.kind == lkOrg && h.t1 >= t1 && h.t1-h.t0 > t1-t0 {
				return true
			}
		}
	}
	return false
}

// kindAt reports whether an organization head or an event or initiative
// kind starts at token i.
func (s *state) kindAt(i int) bool {
	for _, hi := range s.byTok[i] {
		switch s.hits[hi].ref.kind {
		case lkHead, lkEvent, lkInit:
			return true
		}
	}
	return false
}

// majorPlace reports whether tokens [t0, t1) name a region, a department
// or a commune of 20,000 inhabitants or more (a place, never the proper name
// of a structure).
func (s *state) majorPlace(t0, t1 int) bool {
	for _, g := range s.gAt[t0] {
		if g.t1 != t1 {
			continue
		}
		for _, c := range g.m.Candidates {
			if c.Level == geo.LevelRegion || c.Level == geo.LevelDepartment || c.Level == geo.LevelCommune && c.Population >= 20000 {
				return true
			}
		}
	}
	return false
}

// clearPlaceAt reports whether a place name that is not a common word
// starts at token k ("Ville" is one).
func (s *state) clearPlaceAt(k int) bool {
	for _, g := range s.gAt[k] {
		if g.m.Ambiguity.Score < 0.5 {
			return true
		}
	}
	return false
}

// capsBefore returns the start of the capitalised words just before a
// capitalised head that belong to the name ("Boxing Club Barisien", "Racing
// Club"): no article, preposition, place, given name or kind.
func (s *state) capsBefore(h int) int {
	d := s.d
	st := h
	for st > 0 && st > h-2 && d.toks[st-1].kind == tWord && d.toks[st-1].cap && !d.toks[st-1].upper && d.sameSent(st-1, h) &&
		s.free(st-1, st) && s.ter(st-1) == nil && len(s.gAt[st-1]) == 0 && !articles[d.toks[st-1].fold] && !namePreps[d.toks[st-1].fold] && !nameStops[d.toks[st-1].fold] &&
		s.x.lx.givenNames[d.toks[st-1].fold] == 0 && !s.kindAt(st-1) && !verbLike(d.toks[st-1].fold) {
		st--
	}
	return st
}

// prenominal are the adjectives written before their noun.
var prenominal = set("grand", "grande", "grands", "grandes", "petit", "petite", "petits", "petites", "nouveau", "nouvel", "nouvelle", "nouveaux", "nouvelles",
	"vieux", "vieil", "vieille", "jeune", "jeunes", "bon", "bonne", "beau", "bel", "belle", "haut", "haute", "hauts", "hautes")

// ordinalWord reports whether a folded word is an ordinal adjective
// ("deuxième", "premier", "seconde").
func ordinalWord(f string) bool {
	switch f {
	case "premier", "premiere", "second", "seconde", "dernier", "derniere":
		return true
	}
	return strings.HasSuffix(f, "ieme") && len(f) > 5
}

// infinitive reports whether a folded lower-case word looks like a verb's
// infinitive ("développer", "agir", "promouvoir").
func infinitive(f string) bool {
	if len(f) < 5 {
		return false
	}
	for _, suf := range []string{"er", "ir", "oir", "re"} {
		if strings.HasSuffix(f, suf) && !adjectiveLike(f) {
			return true
		}
	}
	return false
}

// lowerTail extends a name ending at token end over one or two lower-case
// words when a number or the end of the clause follows them ("l'association
// Femmes relais 93", "le collectif Vivre ensemble,"): not over a verb, a
// participle, an article or a preposition.
func (s *state) lowerTail(end int) int {
	d := s.d
	n := len(d.toks)
	k := end
	for k < n && k < end+2 && d.sameSent(end-1, k) {
		t := d.toks[k]
		if t.kind != tWord || t.cap || t.elided || verbLike(t.fold) || determiners[t.fold] || namePreps[t.fold] || articles[t.fold] || months[t.fold] || s.kindAt(k) || !s.free(k, k+1) {
			break
		}
		if participle(t.fold) && !(k+1 >= n || !d.sameSent(end-1, k+1) || d.punct(k+1, ",", ";", ")", ".")) {
			break // "l'association X créée en 2010"; "l'association Saveurs partagées." is a name
		}
		k++
	}
	if k == end {
		return end
	}
	if k < n && d.sameSent(end-1, k) && d.toks[k].kind == tNum && len(d.toks[k].text) <= 3 {
		return k + 1 // "Femmes relais 93"
	}
	if k >= n || !d.sameSent(end-1, k) || d.punct(k, ",", ";", ")", ".") {
		return k
	}
	return end
}

// ministryTail extends a ministry's name ending at end over the rest of
// its title: lower-case complements and adjectives ("de l'Aménagement du
// territoire", "de la Transition écologique"), then the portfolios joined by
// a comma or "et" ("…, de la Santé et des Solidarités", "… et de la
// Décentralisation"). The extension is kept only when it ends with a
// capitalised portfolio or at the end of the clause.
func (s *state) ministryTail(end int) int {
	d := s.d
	n := len(d.toks)
	best := end
	k := end
	for steps := 0; steps < 4 && k < n && d.sameSent(end-1, k); steps++ {
		// lower-case words: an adjective, or "du territoire"
		x := k
		if d.is(x, "de", "du", "des", "d") {
			x = s.skipPrep(x)
		}
		y := x
		for y < n && y < x+2 && d.sameSent(end-1, y) && d.toks[y].kind == tWord && !d.toks[y].cap && !d.toks[y].upper &&
			!verbLike(d.toks[y].fold) && !determiners[d.toks[y].fold] && !namePreps[d.toks[y].fold] && !articles[d.toks[y].fold] && !participle(d.toks[y].fold) && d.toks[y].fold != "et" {
			if y == k && !adjectiveLike(d.toks[y].fold) {
				break // right after the name, only an adjective continues it
			}
			y++
		}
		if y > x {
			k = y
			if y >= n || !d.sameSent(end-1, y) || d.punct(y, ".", ";", ")") || d.punct(y, ",") && !d.is(y+1, "de", "du", "des", "d") {
				best = k
			}
			continue
		}
		// another portfolio: ", de la Santé", "et des Solidarités"
		if (d.is(k, "et") || d.punct(k, ",")) && d.is(k+1, "de", "du", "des", "d") {
			c := s.skipPrep(k + 1)
			if c < n && d.toks[c].cap && d.toks[c].kind == tWord && s.free(c, c+1) && d.sameSent(end-1, c) {
				_, e2, _ := s.properName(c, false)
				if e2 <= c {
					e2 = c + 1
				}
				k, best = e2, e2
				continue
			}
		}
		break
	}
	return best
}

// bareIntercommunalities gives "la Métropole", "l'Agglomération", "l'agglo",
// "la communauté de communes" written alone to the one intercommunality the
// article names.
func (s *state) bareIntercommunalities() {
	d := s.d
	var only *ent
	for _, e := range s.ents {
		if e.typ == kg.TypeOrganization && e.auth && e.governs != nil && e.governs.terr != nil && e.governs.terr.Level == geo.LevelEPCI {
			if only != nil && only != e {
				return
			}
			only = e
		}
	}
	if only == nil {
		return
	}
	for i := 1; i < len(d.toks); i++ {
		if !d.is(i-1, "la", "l", "le") || !s.free(i, i+1) {
			continue
		}
		end := 0
		switch {
		case d.is(i, "metropole", "agglomeration", "eurometropole") && d.toks[i].cap, d.is(i, "agglo"):
			end = i + 1
		case d.is(i, "communaute") && d.is(i+1, "de") && d.is(i+2, "communes"), d.is(i, "communaute") && d.is(i+1, "d") && d.is(i+2, "agglomeration"):
			end = i + 3
		case d.is(i, "communaute") && d.is(i+1, "urbaine"):
			end = i + 2
		default:
			continue
		}
		if end < len(d.toks) && (d.toks[end].cap || d.is(end, "de", "du", "des", "d")) {
			continue // a name follows
		}
		s.add(only, i, end)
		s.claim(only, i, end)
	}
}

// demonym reports whether t is a lower-case adjective of inhabitants
// ("angevine", "rennaise", "lyonnais", "grenobloise", "parisien"), which
// names a body of a class after its town.
func demonym(t token) bool {
	if t.kind != tWord || t.cap || t.upper || len(t.fold) < 6 || verbLike(t.fold) || notDemonyms[t.fold] {
		return false
	}
	for _, suf := range []string{"aise", "ais", "oise", "ois", "ien", "enne", "ine"} {
		if strings.HasSuffix(t.fold, suf) {
			return true
		}
	}
	return false
}

// notDemonyms are common adjectives with a demonym's ending.
var notDemonyms = map[string]bool{"voisine": true, "voisin": true, "ancienne": true, "ancien": true, "prochaine": true, "certaine": true, "lointaine": true, "jamais": true, "desormais": true, "quotidienne": true, "quotidien": true, "moyenne": true, "europeenne": true, "europeen": true, "mondiale": true, "souveraine": true, "humaine": true, "urbaine": true, "francaise": true, "francais": true, "internationale": true, "pleine": true, "divine": true, "marine": true, "feminine": true, "masculine": true, "cousine": true, "anglais": true}

// habitatNames reads the social landlords named after their territory
// ("Rennes Habitat", "Oise Habitat"): a commune, department or EPCI
// then "Habitat" with a capital.
func (s *state) habitatNames() {
	d := s.d
	for i := 1; i < len(d.toks); i++ {
		if d.toks[i].fold != "habitat" || !d.toks[i].cap || !s.free(i, i+1) {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-5 && d.sameSent(i, j); j-- {
			if g, _ := s.geoAt(j, geo.LevelCommune, geo.LevelDepartment, geo.LevelEPCI); g != nil && g.t1 == i && s.free(j, i) {
				if j > 0 && d.is(j-1, "grand", "grande") && d.toks[j-1].cap && s.free(j-1, j) {
					j-- // "Grand Dijon Habitat"
				}
				o := s.add(&ent{typ: kg.TypeOrganization, name: d.str(j, i+1), kind: "company"}, j, i+1)
				s.claim(o, j, i+1)
				break
			}
		}
	}
}

// appositiveStructures reads a structure named before its kind in
// apposition: "disposent du Fournil, un espace de vie sociale", "Il
// accueillera La Fabrique du Mail, un tiers-lieu consacré au numérique" —
// the Initiative "Espace de vie sociale Le Fournil" and the Organization
// "Le Fournil".
func (s *state) appositiveStructures() {
	d := s.d
	for _, h := range s.hits {
		if h.ref.kind != lkInit || s.x.lx.initiatives[h.ref.idx].mode != "structure" || !s.free(h.t0, h.t1) || s.longestKindAt(h.t0, lkInit) != h.t1 {
			continue
		}
		e := h.t0 - 2
		if d.is(h.t0-1, "premier", "premiere", "nouvelle", "nouveau", "seule", "seul") && d.is(h.t0-2, "la", "le", "un", "une") {
			e-- // "Bourbonnais Emplois Solidaires, la première entreprise à but d'emploi"
		}
		if e < 1 || !d.is(e+1, "un", "une", "la", "le") || !d.punct(e, ",") || !d.sameSent(e-1, h.t0) {
			continue
		}
		if h.t1 < len(d.toks) && (d.toks[h.t1].cap || d.punct(h.t1, "«")) {
			continue // "…, une crèche Les Lucioles": a name follows, read by typedNames
		}
		// the name: capitalised words, with "de", "du", "la"… between two of them
		st := e
		for x := e - 1; x >= 0 && x > e-8 && d.sameSent(x, e); x-- {
			t := d.toks[x]
			if t.kind == tWord && (t.cap || t.upper) && !nameStops[t.fold] {
				st = x
				continue
			}
			if (namePreps[t.fold] || articles[t.fold]) && x > 0 && (d.toks[x-1].cap || articles[d.toks[x-1].fold] || namePreps[d.toks[x-1].fold]) && d.toks[x-1].kind == tWord && x-1 > e-8 {
				continue
			}
			break
		}
		for st < e && !(d.toks[st].cap || d.toks[st].upper) {
			st++
		}
		if st >= e || !s.free(st, e) || s.onlyPlace(st, e) || s.personStartsAt(st) != nil || d.toks[st].nl && st == d.sents[d.toks[st].sent][0] && e-st == 1 {
			continue
		}
		name := d.str(st, e)
		if d.is(st-1, "du", "au") && !articles[d.toks[st].fold] {
			name = "Le " + name // "du Fournil": de + le
		}
		k := s.x.lx.initiatives[h.ref.idx]
		org := s.add(&ent{typ: kg.TypeOrganization, name: name, kind: "organization", names: []string{d.str(st, e)}}, st, e)
		s.claim(org, st, e)
		ini := &ent{typ: kg.TypeInitiative, name: capitalize(d.str(h.t0, h.t1)) + " " + name, kind: k.kind, structure: true, keyTok: h.t0, names: []string{name}}
		ini = s.add(ini, h.t0, h.t1)
		s.claim(ini, h.t0, h.t1)
		s.structOrg[ini] = org
	}
}

// carrierNames reads the organizations named only as the carrier of an
// initiative, without a head noun: "La Bouinotte est portée par Berry
// Solidarités", "porté par Les Voisins d'Abord".
func (s *state) carrierNames() {
	d := s.d
	for j := 0; j+2 < len(d.toks); j++ {
		f := d.toks[j].fold
		if f != "porte" && f != "portee" && f != "portes" && f != "portees" || !d.is(j+1, "par") {
			continue
		}
		k := j + 2
		if k >= len(d.toks) || !d.toks[k].cap || d.toks[k].kind != tWord || !d.sameSent(j, k) || !s.free(k, k+1) {
			continue
		}
		st, end, _ := s.properName(k, false)
		if st != k || end <= st || !s.free(st, end) || s.onlyPlace(st, end) || s.personStartsAt(st) != nil {
			continue
		}
		if end == st+1 && (articles[d.toks[st].fold] || determiners[d.toks[st].fold]) {
			continue
		}
		o := s.add(&ent{typ: kg.TypeOrganization, name: d.str(st, end), kind: "organization"}, st, end)
		s.claim(o, st, end)
		j = end - 1
	}
}

// calledStructures reads a structure introduced by its name, then named by
// its kind alone: "Elle s'appelle Les Petits Loups et elle a ouvert …
// La crèche coopérative accueille …" — the Initiative "Crèche coopérative
// Les Petits Loups" and the Organization "Les Petits Loups".
func (s *state) calledStructures() {
	d := s.d
	for si, r := range d.sents {
		if !d.is(r[0], "elle", "il") || !d.is(r[0]+1, "s") || !d.is(r[0]+2, "appelle", "nomme") {
			continue
		}
		st, end, _ := s.properName(r[0]+3, false)
		if end <= st || !s.free(st, end) || s.onlyPlace(st, end) {
			continue
		}
		for _, h := range s.hits {
			if h.ref.kind != lkInit || s.x.lx.initiatives[h.ref.idx].mode != "structure" || !s.free(h.t0, h.t1) {
				continue
			}
			hs := d.toks[h.t0].sent
			if hs < si || hs > si+2 || !d.is(h.t0-1, "la", "le", "l") || s.longestKindAt(h.t0, lkInit) != h.t1 {
				continue
			}
			if h.t1 < len(d.toks) && (d.toks[h.t1].cap || d.punct(h.t1, "«")) {
				continue // a name follows: read elsewhere
			}
			k := s.x.lx.initiatives[h.ref.idx]
			name := d.str(st, end)
			org := s.add(&ent{typ: kg.TypeOrganization, name: name, kind: "organization"}, st, end)
			s.claim(org, st, end)
			ini := &ent{typ: kg.TypeInitiative, name: capitalize(d.str(h.t0, h.t1)) + " " + name, kind: k.kind, structure: true, keyTok: h.t0, names: []string{name}}
			ini = s.add(ini, h.t0, h.t1)
			s.claim(ini, h.t0, h.t1)
			s.add(ini, st, end) // its name's sentence may say where it is
			s.structOrg[ini] = org
			break
		}
	}
}

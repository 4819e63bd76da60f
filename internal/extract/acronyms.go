package extract

import (
	"cmp"
	"math"
	"strings"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// acronymDefinitions finds "Long form (ACR)" and "ACR (Long form)": the
// long form must spell the acronym with the initials (or first letters) of
// its words. Definitions of the field's concepts ("(QPV)", "(SCIC)") are
// left to the themes; the others name organizations, national actors of
// the lexicon or their branches ("Chambre régionale … (CRESS) Occitanie").
func (s *state) acronymDefinitions() {
	d := s.d
	n := len(d.toks)
	for i := 0; i+2 < n; i++ {
		switch {
		case d.punct(i, "(") && d.toks[i+1].upper && d.toks[i+1].kind == tWord:
			j := i + 1
			k := j + 1
			var inner *gtok
			if g, _ := s.geoAt(k, geo.LevelRegion, geo.LevelDepartment); g != nil {
				inner, k = g, g.t1
			}
			if d.punct(k, ")") {
				s.defineBefore(i, j, inner, k)
				i = k
			}
		case d.toks[i].upper && d.toks[i].kind == tWord && d.punct(i+1, "(") && !(i+3 < n && d.toks[i+2].upper && d.punct(i+3, ")")):
			// "ACR (Long form)"; "ESS (RCEE)" is the end of a long form and its acronym
			for k := i + 2; k < n && k < i+20 && d.sameSent(i, k); k++ {
				if d.punct(k, ")") {
					if s.defineAfter(i, i+2, k) {
						i = k
					}
					break
				}
			}
		}
	}
}

// acronymLetters returns the folded letters of an acronym.
func acronymLetters(f string) string { return strings.ReplaceAll(f, " ", "") }

// alignCost says how well words (folded, in order) spell the acronym
// letters: each letter is the initial of a word or the next letter of the
// same word; skipping a stop word is free, a content word costs 1, words
// left after the last letter cost 0.3 each. +Inf when they cannot.
func alignCost(letters string, words []string) float64 {
	type key struct{ a, w int }
	memo := map[key]float64{}
	var rec func(a, w int) float64
	rec = func(a, w int) float64 {
		if a == len(letters) {
			c := 0.0
			for _, x := range words[w:] {
				if !stopWords[x] {
					c += 0.3
				}
			}
			return c
		}
		if w == len(words) {
			return math.Inf(1)
		}
		k := key{a, w}
		if v, ok := memo[k]; ok {
			return v
		}
		best := math.Inf(1)
		word := words[w]
		// skip the word (not the first one)
		if w > 0 {
			c := 1.0
			if stopWords[word] {
				c = 0
			}
			best = min(best, c+rec(a, w+1))
		}
		// spell letters with a prefix of the word
		for p := 1; p <= len(word) && a+p <= len(letters); p++ {
			if word[p-1] != letters[a+p-1] {
				break
			}
			best = min(best, rec(a+p, w+1))
		}
		memo[k] = best
		return best
	}
	return rec(0, 0)
}

// wordsOf returns the folded words of tokens [t0, t1) (hyphenated tokens
// give several).
func (s *state) wordsOf(t0, t1 int) []string {
	var out []string
	for i := t0; i < t1; i++ {
		out = append(out, strings.Fields(s.d.toks[i].fold)...)
	}
	return out
}

func maxAlignCost(letters string) float64 { return math.Max(1, float64(len(letters))/3) }

// defineBefore handles "Long form (ACR)" with "(" at paren, the acronym at
// acr, an optional place inside the parentheses, and ")" at closing.
func (s *state) defineBefore(paren, acr int, inner *gtok, closing int) {
	d := s.d
	letters := acronymLetters(d.toks[acr].fold)
	if len(letters) < 2 {
		return
	}
	best, bestCost := -1, math.Inf(1)
	for st := paren - 1; st >= 0 && st >= paren-18 && d.sameSent(st, paren); st-- {
		t := d.toks[st]
		if t.kind == tPunct {
			if t.text == "," && d.is(st+1, "de", "du", "des", "d", "et", "a", "au", "aux") {
				continue // "Direction régionale de l'économie, de l'emploi, du travail et des solidarités"
			}
			break
		}
		if t.kind != tWord || t.elided || len(t.fold) == 0 || t.fold[0] != letters[0] {
			continue
		}
		c := alignCost(letters, s.wordsOf(st, paren))
		if c <= bestCost {
			best, bestCost = st, c
		}
	}
	if best < 0 || bestCost > maxAlignCost(letters) {
		return
	}
	st := best
	// "Fonds d'expérimentation …": take the head before a complement
	if d.is(st-1, "d", "de", "du", "des") && st-2 >= 0 && s.isHead(st-2) {
		st -= 2
	} else if st-1 >= 0 && s.isHead(st-1) && d.toks[st-1].cap {
		st--
	}
	long := d.str(st, paren)
	acrText := d.toks[acr].text
	if s.isConcept(acrText, long) {
		// "le Pôle territorial de coopération économique (PTCE) Sud Caraïbe":
		// a concept and the proper name of one of its kind
		if inner == nil && closing+1 < len(d.toks) && d.toks[closing+1].cap && s.free(st, closing+1) {
			if ns, ne, _ := s.properName(closing+1, false); ne > ns && s.free(ns, ne) && !s.onlyPlace(ns, ne) {
				proper := d.str(ns, ne)
				o := &ent{typ: kg.TypeOrganization, name: acrText + " " + proper, kind: "organization", names: []string{long + " " + d.str(paren, ne), long + " " + proper, proper}}
				o = s.add(o, st, ne)
				s.claim(o, st, ne)
			}
		}
		return
	}
	if !d.toks[st].cap && s.structureKindAt(st, paren) {
		return // "un espace de vie sociale (EVS)": the kind of a structure, no organization
	}
	if !d.toks[st].cap && d.is(st-1, "agree", "agreee", "agrees", "agreees", "labellise", "labellisee", "labellises", "labellisees", "statut", "qualite") {
		return // "Agréée entreprise solidaire d'utilité sociale (ESUS)": a status, no organization
	}
	// a place ending the long form, inside or after the parentheses
	place := inner
	if place == nil {
		k := s.skipPrep(closing + 1)
		if g, _ := s.geoAt(k, geo.LevelRegion, geo.LevelDepartment); g != nil && g.m.Capitalized {
			place = g
		}
	}
	if place == nil {
		for _, g := range s.gList {
			if g.t1 == paren && g.t0 > st && g.m.Capitalized {
				place = g
			}
		}
	}
	if ow := s.own(acr); ow != nil && ow.typ == kg.TypeOrganization && s.free(st, paren) {
		// "Communauté intercommunale du Nord de la Réunion (CINOR)": the
		// acronym was read before as the intercommunality's
		ow.addName(long)
		s.add(ow, st, paren)
		s.claim(ow, st, paren)
		return
	}
	le := s.x.orgByAcr[fold(acrText)]
	if le == nil {
		le = s.lexiconByName(long)
	}
	var o *ent
	end := paren
	switch {
	case le != nil && (le.branch || le.generic) && place != nil && s.regionOrDepartmentAt(place) != nil:
		t := s.regionOrDepartmentAt(place)
		written := d.str(st, max(place.t1, paren))
		if place == inner {
			written = d.str(st, paren) // "… d'Occitanie (CRESS Occitanie)": the long form
		}
		o = s.branchEnt(le, t, written)
		o.names = append(o.names, long)
		if place == inner {
			o.names = append(o.names, d.str(acr, closing))
		} else if place.t0 > closing {
			end = place.t1
			o.names = append(o.names, long+" "+d.str(closing+1, place.t1))
		}
		o.seat = s.mentionTerritory(t, place.t0, place.t1)
	case le != nil && le.generic:
		ob, e2 := s.branchAfter(le, acr, closing)
		if ob == nil {
			ob, e2 = s.genericNamedAfter(le, acr, closing) // "… (PLIE) du Douaisis"
		}
		if ob != nil {
			o, end = ob, e2
			// "Plan local … (PLIE) de Roubaix": "Plan local … de Roubaix", "PLIE de Roubaix"
			tail := d.str(closing+1, e2)
			o.name = capitalize(long) + " " + tail
			o.names = append(o.names, d.toks[acr].text+" "+tail, long)
		} else {
			return
		}
	case le != nil:
		o = s.lexOrgEnt(le)
		o.names = append(o.names, long)
	default:
		if ow := s.own(st); ow != nil && ow.typ == kg.TypeOrganization {
			ow.acronym = acrText
			s.acronyms[d.toks[acr].fold] = ow
			s.add(ow, acr, acr+1)
			s.claim(ow, acr, acr+1)
			return
		}
		if !s.free(st, paren) {
			return
		}
		if s.initiativeKindAt(st) {
			// "Programme de développement X (PDX)": an initiative
			ini := &ent{typ: kg.TypeInitiative, name: capitalize(long), kind: "programme", keyTok: st, names: []string{acrText}}
			ini = s.add(ini, st, paren)
			s.add(ini, acr, acr+1)
			s.claim(ini, st, closing+1)
			s.acronymsIni[d.toks[acr].fold] = ini
			return
		}
		kind := s.headKind(st)
		if kind == "" && !d.toks[st].cap && !d.toks[st].upper {
			return // "schéma de promotion des achats … (SPASER)": no proper name
		}
		o = &ent{typ: kg.TypeOrganization, name: capitalize(long), acronym: acrText, kind: kind}
		if place != nil && place.t0 > closing && d.is(s.prepBefore(place.t0), "de", "du", "des", "d") && s.free(closing+1, place.t1) {
			// "Confédération nationale du logement (CNL) de la Vienne": a body of that territory
			_, cands := s.geoAt(place.t0, geo.LevelRegion, geo.LevelDepartment)
			if t := s.pick(place.m, cands); t != nil {
				tail := d.str(closing+1, place.t1)
				o.name = capitalize(long) + " " + tail
				o.names = append(o.names, acrText+" "+tail, d.str(st, place.t1))
				o.seat = s.mentionTerritory(t, place.t0, place.t1)
				end = place.t1
			}
		}
	}
	if !s.free(st, paren) {
		return
	}
	o = s.add(o, st, end)
	s.claim(o, st, end)
	s.add(o, acr, acr+1)
	s.claim(o, paren, closing+1)
	if o.acronym == "" {
		o.acronym = acrText
	}
	s.acronyms[d.toks[acr].fold] = o
}

// defineAfter handles "ACR (Long form)" with the acronym at acr, the long
// form starting at st and ")" at closing.
func (s *state) defineAfter(acr, st, closing int) bool {
	d := s.d
	if !s.free(acr, closing) || d.toks[st].kind != tWord || determiners[d.toks[st].fold] || articles[d.toks[st].fold] {
		return false
	}
	letters := acronymLetters(d.toks[acr].fold)
	if c := alignCost(letters, s.wordsOf(st, closing)); c > maxAlignCost(letters) || len(letters) < 2 {
		return false
	}
	long := d.str(st, closing)
	acrText := d.toks[acr].text
	if s.isConcept(acrText, long) {
		return true
	}
	var o *ent
	if le := s.x.orgByAcr[fold(acrText)]; le != nil && !le.generic {
		o = s.lexOrgEnt(le)
		o.names = append(o.names, long)
	} else if le := s.lexiconByName(long); le != nil && !le.generic {
		o = s.lexOrgEnt(le)
	} else {
		o = &ent{typ: kg.TypeOrganization, name: capitalize(long), acronym: acrText, kind: s.headKind(st)}
	}
	o = s.add(o, acr, acr+1)
	s.add(o, st, closing)
	s.claim(o, acr, closing+1)
	s.acronyms[d.toks[acr].fold] = o
	return true
}

// structureKindAt reports whether tokens [t0, t1) are exactly the kind of
// a structure of the initiative lexicon ("espace de vie sociale").
func (s *state) structureKindAt(t0, t1 int) bool {
	for _, hi := range s.byTok[t0] {
		if h := s.hits[hi]; h.ref.kind == lkInit && h.t0 == t0 && h.t1 == t1 && s.x.lx.initiatives[h.ref.idx].mode == "structure" {
			return true
		}
	}
	return false
}

// isConcept reports whether an acronym or its long form is a concept of the
// theme lexicon (QPV, SCIC, SIAE…).
func (s *state) isConcept(acr, long string) bool {
	return s.x.themeByKey[fold(acr)] != nil || s.x.themeBySig[signature(long)] != nil
}

// isHead reports whether token i is (the start of) an organization head.
func (s *state) isHead(i int) bool {
	for _, hi := range s.byTok[i] {
		if s.hits[hi].ref.kind == lkHead {
			return true
		}
	}
	return false
}

// headKind returns the kind of the organization head at token i ("" if
// none).
func (s *state) headKind(i int) string {
	best, kind := -1, ""
	for _, hi := range s.byTok[i] {
		h := s.hits[hi]
		if h.ref.kind == lkHead && h.t1 > best {
			best, kind = h.t1, s.x.lx.heads[h.ref.idx].kind
		}
	}
	return kind
}

// initiativeKindAt reports whether an initiative kind (programme,
// dispositif, plan…) starts at token i or just after an adjective
// ("Nouveau programme …").
func (s *state) initiativeKindAt(i int) bool {
	for _, k := range []int{i, i + 1} {
		if k >= len(s.byTok) || k > i && !adjectiveLike(s.d.toks[i].fold) {
			break
		}
		for _, hi := range s.byTok[k] {
			if h := s.hits[hi]; h.ref.kind == lkInit && s.x.lx.initiatives[h.ref.idx].mode == "named" {
				return true
			}
		}
	}
	return false
}

// orgByInitials returns the one organization of the article whose name the
// acronym written on tokens [t0, t1) spells ("RNEI" for "Réseau national
// des entreprises d'insertion"), nil if none or several, or if the acronym
// is a concept's or a national actor's.
func (s *state) orgByInitials(t0, t1 int) *ent {
	d := s.d
	if t1 != t0+1 || !d.toks[t0].upper || d.toks[t0].kind != tWord {
		return nil
	}
	f := d.toks[t0].fold
	letters := acronymLetters(f)
	if len(letters) < 3 || s.x.themeByKey[f] != nil || s.x.orgByAcr[f] != nil {
		return nil
	}
	var found *ent
	for _, o := range s.ents {
		if o.typ != kg.TypeOrganization || strings.Count(o.name, " ") < 2 {
			continue
		}
		words := strings.Fields(fold(o.name))
		if len(words) == 0 || words[0][0] != letters[0] || alignCost(letters, words) > maxAlignCost(letters) {
			continue
		}
		if found != nil && found != o {
			return nil
		}
		found = o
	}
	if found != nil {
		found.acronym = cmp.Or(found.acronym, d.toks[t0].text)
		s.acronyms[f] = found
	}
	return found
}

// regionOrDepartmentAt returns the region or department a place match
// names, nil when it names only a commune ("PLIE REZE").
func (s *state) regionOrDepartmentAt(place *gtok) *geo.Territory {
	_, cands := s.geoAt(place.t0, geo.LevelRegion, geo.LevelDepartment)
	if len(cands) == 0 {
		return nil
	}
	return s.pick(place.m, cands)
}

package extract

import (
	"slices"
	"strings"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// initiatives finds the initiatives: a kind that names one with its
// complement ("budget participatif et citoyen du département de X",
// "contrat de ville 2024-2030"), a kind before a proper name or a quoted
// title ("le dispositif Pass'ESS", "l'appel à projets « Jeunes et ESS »"),
// a capitalised kind with its complement ("le Pacte pour l'emploi des
// quartiers"), and national programmes of the lexicon after a programme
// noun ("l'expérimentation Territoires zéro chômeur de longue durée").
func (s *state) initiatives() {
	for _, h := range s.hits {
		if h.ref.kind != lkInit || !s.free(h.t0, h.t1) {
			continue
		}
		if end := s.longestKindAt(h.t0, lkInit); end != h.t1 {
			continue
		}
		if s.d.capsLine(h.t0) {
			continue // a heading in capitals
		}
		k := s.x.lx.initiatives[h.ref.idx]
		switch k.mode {
		case "compound":
			s.compoundInitiative(h, k)
		case "named":
			if !s.appositionInitiative(h, k) {
				s.namedInitiative(h, k)
			}
		}
	}
	s.bareKindInitiatives()
	s.carriedTitles()
}

// bareKindInitiatives folds an initiative named by its kind alone ("Budget
// participatif : les habitants …" in a title) into the one initiative of
// that kind the article names in full ("son budget participatif « X »").
func (s *state) bareKindInitiatives() {
	for _, b := range s.ents {
		if b.typ != kg.TypeInitiative || b.owner != nil || b.place != nil || len(b.names) > 0 || b.kind == "" {
			continue
		}
		var full *ent
		n := 0
		for _, o := range s.ents {
			if o != b && o.typ == kg.TypeInitiative && o.kind == b.kind {
				full = o
				n++
			}
		}
		if n != 1 || !strings.HasPrefix(kg.Fold(full.name), kg.Fold(b.name)+" ") {
			continue
		}
		for _, sp := range b.spans {
			full.spans = append(full.spans, sp)
			for i := sp[0]; i < sp[1] && i < len(s.owner); i++ {
				if s.owner[i] == b {
					s.owner[i] = full
				}
			}
		}
		full.first = min(full.first, b.first)
		full.addName(b.name)
		delete(s.byID, b.id)
		s.ents = slices.DeleteFunc(s.ents, func(e *ent) bool { return e == b })
		return
	}
}

// appositionInitiative reads "le Pass Création Solidaire, un dispositif
// d'aide …": the proper name before ", un <kind>" is an initiative.
func (s *state) appositionInitiative(h hit, k kindEntry) bool {
	d := s.d
	if !d.is(h.t0-1, "un", "une") || !d.punct(h.t0-2, ",") {
		return false
	}
	end := h.t0 - 2
	st := end
	for st > 0 && d.sameSent(st-1, end) {
		t := d.toks[st-1]
		switch {
		case t.kind == tWord && (t.cap || t.upper) && s.free(st-1, st) && s.ter(st-1) == nil:
			st--
			continue
		case (namePreps[t.fold] || t.elided) && st-1 > 0 && d.toks[st-2].cap && st < end:
			st--
			continue
		}
		break
	}
	if st >= end || !d.toks[st].cap || !d.is(st-1, "le", "la", "l", "du", "au") {
		return false
	}
	ini := &ent{typ: kg.TypeInitiative, name: d.str(st, end), kind: k.kind, keyTok: st}
	ini = s.add(ini, st, end)
	s.claim(ini, st, end)
	return true
}

// carriedTitles reads a quoted title carried by an organization: « Les
// Soirées de Monclar », portées par le centre social X — an initiative.
func (s *state) carriedTitles() {
	d := s.d
	n := len(d.toks)
	for i := 0; i+3 < n; i++ {
		if d.toks[i].kind != tPunct || !openQuotes[d.toks[i].text] {
			continue
		}
		st, end, quoted := s.properName(i, false)
		if !quoted || end <= st || !s.free(i, end+1) {
			continue
		}
		k := end + 1
		if d.punct(k, ",") {
			k++
		}
		if !carrierVerbs[d.toks[min(k, n-1)].fold] || !d.is(k+1, "par") || !d.toks[st].cap || s.carrierAfter(end+1) == nil {
			continue // "« l'exigence démocratique » portée par les conseils citoyens": a quote
		}
		ini := &ent{typ: kg.TypeInitiative, name: d.str(st, end), kind: "project", keyTok: st}
		ini = s.add(ini, st, end)
		s.claim(ini, i, end+1)
		i = end
	}
}

// compoundInitiative reads "budget participatif [et citoyen] [du
// département de X | de X | 2024-2030]".
func (s *state) compoundInitiative(h hit, k kindEntry) {
	d := s.d
	n := len(d.toks)
	end := h.t1
	// "et citoyen"
	if d.is(end, "et") && end+1 < n && !d.toks[end+1].cap && adjectiveLike(d.toks[end+1].fold) || d.is(end, "et") && end+1 < n && d.toks[end+1].kind == tWord && !d.toks[end+1].cap && !determiners[d.toks[end+1].fold] && !namePreps[d.toks[end+1].fold] && !verbLike(d.toks[end+1].fold) && d.is(end+2, "du", "de", "des", "d") {
		end += 2
	}
	for end < n && d.toks[end].kind == tWord && !d.toks[end].cap && adjectiveLike(d.toks[end].fold) && !verbLike(d.toks[end].fold) && d.sameSent(h.t0, end) {
		end++
	}
	base := capitalize(d.str(h.t0, end))
	var owner, place *ent
	nameEnd := end
	suffix := ""
	title := ""
	// "son budget participatif « Nos rues, nos idées »": the quoted
	// title names it; the owner and place are still read below
	if st, e2, quoted := s.properName(end, false); quoted && e2 > st && d.toks[st].cap && s.free(end, e2+1) {
		title = d.str(st, e2)
		nameEnd = e2 + 1
	}
	if title != "" {
		// the title is the complement
	} else if end < n && d.toks[end].kind == tNum && d.sameSent(h.t0, end) {
		nameEnd = end + 1
		suffix = " " + d.toks[end].text
	} else if d.is(end, "du", "de", "des", "d") {
		k2 := s.skipPrep(end)
		switch {
		case d.is(k2, "departement", "region", "ville", "commune", "metropole"):
			lvl := map[string]geo.Level{"departement": geo.LevelDepartment, "region": geo.LevelRegion, "ville": geo.LevelCommune, "commune": geo.LevelCommune, "metropole": geo.LevelEPCI}[d.toks[k2].fold]
			if g, cands := s.geoAt(s.skipPrep(k2+1), lvl); g != nil {
				t := s.pick(g.m, cands)
				place = s.mentionTerritory(t, g.t0, g.t1)
				if o := s.authorityEnt(t); o != nil && d.toks[k2].fold != "commune" {
					if ow := s.own(k2); ow != nil && ow.typ == kg.TypeOrganization {
						owner = ow
					} else {
						owner = s.add(o, k2, g.t1)
						s.claim(owner, k2, g.t1)
					}
				}
				nameEnd = g.t1
				suffix = " " + placePhrase(s, t)
			}
		case s.own(k2) != nil && s.own(k2).typ == kg.TypeOrganization:
			owner = s.own(k2)
			_, oe, _ := owner.mentionAt(k2)
			nameEnd = oe
			suffix = " " + d.str(end, oe)
		default:
			if g, t := s.placeAt(k2); g != nil {
				place = s.mentionTerritory(t, g.t0, g.t1)
				nameEnd = g.t1
				suffix = " " + placePhrase(s, t)
			}
		}
	}
	poss := d.is(h.t0-1, "son", "sa", "ses", "leur", "leurs")
	if owner == nil && poss {
		owner = s.subjectOrg(h.t0)
	}
	if owner == nil && place == nil && suffix == "" {
		// "le projet alimentaire territorial porté par le Département"
		if o := s.carrierAfter(nameEnd); o != nil {
			owner = o
		} else if o := s.subjectOrg(h.t0); o != nil && o.auth {
			owner = o
		}
	}
	if owner != nil && owner.governs != nil && place == nil && (poss || suffix != "") {
		place = owner.governs
		if suffix == "" {
			suffix = " " + placePhrase(s, owner.governs.terr)
		}
	}
	if owner == nil && place == nil && suffix == "" && title == "" {
		// a bare mention refers to the one named before
		for _, e := range s.ents {
			if e.typ == kg.TypeInitiative && e.kind == k.kind {
				s.add(e, h.t0, h.t1)
				s.claim(e, h.t0, h.t1)
				return
			}
		}
		if !d.toks[h.t0].cap {
			return
		}
	}
	name := base + suffix
	if title != "" {
		name = base + " " + title
	}
	ini := &ent{typ: kg.TypeInitiative, name: name, kind: k.kind, keyTok: h.t0, owner: owner, place: place}
	switch {
	case title != "":
		ini.names = append(ini.names, title)
	case suffix != "":
		ini.names = append(ini.names, d.str(h.t0, nameEnd), base)
	}
	// "…, baptisé « Engagements Quartiers 2030 »": another name
	if x := nameEnd; d.punct(x, ",") && d.is(x+1, "baptise", "baptisee", "intitule", "intitulee", "denomme", "denommee", "appele", "appelee") {
		if st, e2, quoted := s.properName(x+2, false); quoted && e2 > st {
			ini.names = append(ini.names, d.str(st, e2))
			s.claim(ini, x+2, e2+1)
		}
	}
	ini = s.add(ini, h.t0, nameEnd)
	s.claim(ini, h.t0, nameEnd)
}

// placePhrase names a territory after an initiative's kind: "du
// Pas-de-Calais", "de Roubaix", "de la Région Occitanie".
func placePhrase(s *state, t *geo.Territory) string {
	if t == nil {
		return ""
	}
	switch t.Level {
	case geo.LevelDepartment:
		if a := s.x.lx.authorities["department:"+t.Code]; a != nil {
			return strings.TrimPrefix(a.name, "Département ")
		}
	case geo.LevelRegion:
		return "de la Région " + t.Name
	}
	return deName(t.Name)
}

// carrierAfter returns the organization named after "porté par", "lancé
// par", "piloté par"… that follows token i in its sentence, maybe after a
// place (", à Creil, portée par X").
func (s *state) carrierAfter(i int) *ent {
	d := s.d
	w := 4
	if d.punct(i, ",") && d.is(i+1, "a", "au", "en", "dans") {
		for k := i + 2; k < i+8 && k < len(d.toks); k++ {
			if d.punct(k, ",") {
				w = k - i + 3
				break
			}
		}
	}
	return s.carrierWithin(i, w)
}

// carrierWithin is carrierAfter looking up to window tokens ahead.
func (s *state) carrierWithin(i, window int) *ent {
	d := s.d
	for j := i; j < len(d.toks) && j < i+window && d.sameSent(i, j); j++ {
		if d.punct(j, ",") {
			continue
		}
		if o := s.own(j); o != nil && o.typ == kg.TypeInitiative && window > 4 {
			return nil // the carrier of another initiative
		}
		if carrierVerbs[d.toks[j].fold] {
			// "porté par X", "mis en place à Reims par X"
			p := j + 1
			for p < len(d.toks) && p < j+8 && !d.is(p, "par") && (d.toks[p].kind == tWord && !verbLike(d.toks[p].fold) || d.toks[p].kind == tNum) && d.sameSent(j, p) {
				p++ // "lancé le 15 octobre 2024 conjointement par X"
			}
			if !d.is(p, "par") {
				continue
			}
			for k := p + 1; k < p+4 && k < len(d.toks); k++ {
				if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
					return o
				} else if o != nil && o.typ == kg.TypePerson {
					return nil // "porté par X, ancienne éducatrice, avec le soutien de …"
				}
			}
		}
	}
	return nil
}

// personCarrierWithin returns the person named right after "porté par"
// within window tokens after i ("Le projet est porté par X, ancienne …").
func (s *state) personCarrierWithin(i, window int) *ent {
	d := s.d
	for j := i; j+2 < len(d.toks) && j < i+window && d.sameSent(i, j); j++ {
		if carrierVerbs[d.toks[j].fold] && d.is(j+1, "par") {
			if p := s.own(j + 2); p != nil && p.typ == kg.TypePerson {
				return p
			}
			return nil
		}
	}
	return nil
}

// coordinatedAfter returns the organizations coordinated with o after its
// mention covering token k ("lancé par X avec la Ville de Y", "porté par X
// et Y").
func (s *state) coordinatedAfter(o *ent, k int) []*ent {
	d := s.d
	var out []*ent
	_, e, ok := o.mentionAt(k)
	for ok && e < len(d.toks) && d.is(e, "et", "avec") && d.sameSent(k, e) {
		j := e + 1
		if d.is(j, "le", "la", "l", "les") {
			j++
		}
		n := s.own(j)
		if n == nil || n.typ != kg.TypeOrganization || n == o {
			break
		}
		out = append(out, n)
		_, e, ok = n.mentionAt(j)
	}
	return out
}

// carriersAfter is carrierAfter with the organizations coordinated with
// the first carrier.
func (s *state) carriersAfter(i int) []*ent {
	o := s.carrierAfter(i)
	if o == nil {
		return nil
	}
	d := s.d
	for k := i; k < len(d.toks) && k < i+14 && d.sameSent(i, k); k++ {
		if s.own(k) == o {
			return append([]*ent{o}, s.coordinatedAfter(o, k)...)
		}
	}
	return []*ent{o}
}

var carrierVerbs = set("porte", "portee", "portes", "portees", "lance", "lancee", "lances", "lancees", "pilote", "pilotee", "pilotes", "pilotees",
	"labellise", "labellisee", "labellises", "labellisees", "animee", "anime", "operee", "opere",
	"mis", "mise", "gere", "geree", "finance", "financee", "coordonne", "coordonnee", "initie", "initiee", "cree", "creee", "imagine", "imaginee", "propose", "proposee", "conduit", "conduite")

// namedInitiative reads a kind followed by a proper name or a quoted title,
// or a capitalised kind with its complement.
func (s *state) namedInitiative(h hit, k kindEntry) {
	d := s.d
	n := len(d.toks)
	j := h.t1
	// "l'expérimentation Territoires zéro chômeur …": a national programme of the lexicon
	for _, hi := range s.byTok[min(j, n-1)] {
		if ht := s.hits[hi]; ht.ref.kind == lkOrg && ht.t0 == j && s.x.lx.orgs[ht.ref.idx].program {
			le := s.x.lx.orgs[ht.ref.idx]
			ini := &ent{typ: kg.TypeInitiative, name: le.name, kind: k.kind, keyTok: h.t0, names: []string{d.str(h.t0, ht.t1), le.acronym}}
			ini = s.add(ini, h.t0, ht.t1)
			s.claim(ini, h.t0, ht.t1)
			return
		}
	}
	st, end, quoted := s.properName(j, true)
	if end > st && (d.toks[st].nl || !d.sameSent(h.t0, st)) {
		end = st // "## Programme" then "### Jeudi 12 mars": a heading, then another line
	}
	if end <= st && d.punct(j, ",") == false {
		// "son nouveau programme d'accompagnement des créateurs, Élan Coopératif"
		ce := s.eventComplement(j)
		if d.punct(ce, ",") {
			st, end, quoted = s.properName(ce+1, true)
			if end > st && !(end >= n || d.punct(end, ".", ",", ";") || d.toks[end].sent != d.toks[st].sent) {
				end = st
			}
		}
	}
	if end > st {
		// "de territoire", "de longue durée" inside a programme's name
		for end+1 < n && d.is(end, "de", "d") && d.toks[end+1].kind == tWord && !d.toks[end+1].cap && !verbLike(d.toks[end+1].fold) && !determiners[d.toks[end+1].fold] && d.sameSent(st, end+1) {
			end += 2
		}
		// "l'appel à projets Entreprendre autrement 2019": lower-case words up to a year
		if !quoted {
			for x := end; x < n && x < end+4 && d.sameSent(st, x); x++ {
				t := d.toks[x]
				if t.kind == tNum && len(t.text) == 4 && strings.HasPrefix(t.text, "20") {
					end = x + 1
					break
				}
				if t.kind != tWord || t.cap || verbForms[t.fold] || strings.HasSuffix(t.fold, "ent") && !strings.HasSuffix(t.fold, "ment") || determiners[t.fold] || namePreps[t.fold] || pronouns[t.fold] {
					break
				}
			}
		}
		if !s.free(st, end) || s.onlyPlace(st, end) {
			return
		}
		name := d.str(st, end)
		if !quoted && (len(name) < 3 || k.form == "projet" && !d.toks[st].upper && end-st == 1) {
			return
		}
		ini := &ent{typ: kg.TypeInitiative, name: name, kind: k.kind, keyTok: h.t0}
		if quoted {
			ini.names = append(ini.names, d.str(h.t0, h.t1)+" "+name, d.str(h.t0, end+1)) // "appel à projets « X »"
		} else {
			ini.names = append(ini.names, d.str(h.t0, end))
		}
		last := end
		if quoted {
			last = end + 1
		}
		ini = s.add(ini, h.t0, last)
		s.claim(ini, h.t0, last)
		return
	}
	// "son plan local de lutte contre les discriminations": a possessive
	// names one initiative of its owner
	if !d.toks[h.t0].cap && d.is(h.t0-1, "son", "sa", "ses", "leur", "leurs") && formalKinds[fold(k.form)] {
		e := h.t1
		for e < n && d.toks[e].kind == tWord && !d.toks[e].cap && adjectiveLike(d.toks[e].fold) && !verbLike(d.toks[e].fold) && d.sameSent(h.t0, e) {
			e++
		}
		if ce := s.complement(e, false); ce > e+1 && d.is(e, "de", "du", "des", "d", "pour", "en") && s.free(h.t0, ce) {
			ini := &ent{typ: kg.TypeInitiative, name: capitalize(d.str(h.t0, ce)), kind: k.kind, keyTok: h.t0}
			ini = s.add(ini, h.t0, ce)
			s.claim(ini, h.t0, ce)
			return
		}
	}
	// "le Pacte pour l'emploi des quartiers" ("à la Bourse départementale du
	// travail de Bobigny" is a place)
	if d.toks[h.t0].cap && (h.t0 == 0 || !d.toks[h.t0].nl) && !d.is(s.prepBefore(h.t0), "a", "au", "aux", "dans") {
		ce := s.complement(h.t1, false)
		if ce > h.t1+1 {
			name := d.str(h.t0, ce)
			ini := &ent{typ: kg.TypeInitiative, name: name, kind: k.kind, keyTok: h.t0}
			ini = s.add(ini, h.t0, ce)
			s.claim(ini, h.t0, ce)
		}
	}
}

// programmes records the national programmes, labels and schemes of the
// lexicon ("les Cités éducatives", "l'opération Quartiers d'été", "le
// NPNRU"), and their local instances named with a place or a carrier after
// them ("la Cité éducative de Mont Baduel", "le Programme de réussite
// éducative (PRE) de Mulhouse Alsace Agglomération").
func (s *state) programmes() {
	d := s.d
	n := len(d.toks)
	skipTo := -1
	for _, h := range s.hits {
		if h.ref.kind != lkProg || !s.free(h.t0, h.t1) || h.t0 < skipTo {
			continue
		}
		if end := s.longestKindAt(h.t0, lkProg); end != h.t1 {
			continue
		}
		if h.t1-h.t0 == 1 && !d.toks[h.t0].cap && !d.toks[h.t0].upper {
			continue // a one-word name must be written with a capital
		}
		if h.t1-h.t0 == 1 && d.toks[h.t0].upper {
			if ini := s.acronymsIni[d.toks[h.t0].fold]; ini != nil {
				s.add(ini, h.t0, h.t1) // the acronym of an instance named before
				s.claim(ini, h.t0, h.t1)
				continue
			}
		}
		if s.insideLongerTitle(h.t0, h.t1) {
			continue // "son dispositif « Nos quartiers d'été »": a title of its own
		}
		p := s.x.lx.progs[h.ref.idx]
		if d.punct(h.t0-1, "«", "\"", "“") && d.is(h.t0-2, "baptise", "baptisee", "intitule", "intitulee", "denomme", "denommee", "appele", "appelee", "nomme", "nommee") {
			skipTo = h.t1 // "le contrat de ville de X, baptisé « Engagements Quartiers 2030 »": its name
			continue
		}
		end := h.t1
		var acr [2]int
		if d.punct(end, "(") && end+2 < n && d.toks[end+1].upper && d.punct(end+2, ")") {
			acr = [2]int{end + 1, end + 2}
			end += 3
		}
		// a local instance: "… de Mont Baduel", "… de Mulhouse Alsace Agglomération"
		var place, owner *ent
		nameEnd := 0
		if d.is(end, "de", "du", "des", "d") && !d.toks[h.t1-1].upper {
			k := s.skipPrep(end)
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && o.auth {
				_, oe, _ := o.mentionAt(k)
				owner, nameEnd = o, oe
				place = o.governs
			} else if g, t := s.placeAt(k); g != nil && s.free(k, g.t1) {
				if t != nil {
					place = s.mentionTerritory(t, g.t0, g.t1)
					nameEnd = g.t1
				}
			}
		}
		var ini *ent
		if nameEnd > 0 {
			written := d.str(h.t0, h.t1)
			if d.toks[h.t1-1].upper {
				written = p.name
			}
			name := capitalize(written) + " " + d.str(end, nameEnd)
			ini = &ent{typ: kg.TypeInitiative, name: name, kind: p.kind, keyTok: h.t0, owner: owner, place: place, names: []string{d.str(h.t0, nameEnd)}}
			if acr[1] > 0 {
				ini.names = append(ini.names, capitalize(written), d.str(acr[0], acr[1])+" "+d.str(end, nameEnd))
			}
			end = nameEnd
		} else {
			ini = &ent{typ: kg.TypeInitiative, id: kg.ID(kg.PrefixInitiative + ":" + p.id), name: p.name, kind: p.kind, keyTok: h.t0}
			ini.names = append(ini.names, p.aliases...)
			if p.acronym != "" {
				ini.names = append(ini.names, p.acronym)
			}
			if w := d.str(h.t0, h.t1); fold(w) != fold(p.name) {
				ini.names = append(ini.names, w)
			}
		}
		ini = s.add(ini, h.t0, h.t1)
		s.claim(ini, h.t0, end)
		if acr[1] > 0 {
			s.add(ini, acr[0], acr[1])
			s.acronymsIni[d.toks[acr[0]].fold] = ini
		}
		if nameEnd > 0 && nameEnd > h.t1 {
			s.add(ini, h.t0, nameEnd)
		}
	}
}

// insideLongerTitle reports whether tokens [t0, t1) stand inside a quoted
// title with more words before them ("« Nos quartiers d'été »").
func (s *state) insideLongerTitle(t0, t1 int) bool {
	d := s.d
	for k := t0 - 1; k >= 0 && k >= t0-4 && d.sameSent(k, t0); k-- {
		if d.punct(k, "«", "\"", "“") {
			if k == t0-1 {
				return false
			}
			for e := t1; e < len(d.toks) && e < t1+6 && d.sameSent(t0, e); e++ {
				if d.punct(e, "»", "\"", "”") {
					return true
				}
			}
			return false
		}
		if d.toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// localInstances gives a national programme named with a possessive to the
// town the sentence is about: "Orange a signé son deuxième contrat local de
// santé" is the Contrat local de santé d'Orange, located there.
func (s *state) localInstances() {
	d := s.d
	for _, e := range append([]*ent(nil), s.ents...) {
		if e.typ != kg.TypeInitiative || e.place != nil || e.owner != nil || e.structure || len(e.spans) == 0 {
			continue
		}
		var keep [][2]int
		var made []*ent
		for _, sp := range e.spans {
			t0 := sp[0]
			poss := possessives[tokFold(d, t0-1)] || possessives[tokFold(d, t0-2)] && (ordinalWord(tokFold(d, t0-1)) || d.is(t0-1, "nouveau", "nouvelle"))
			t := (*ent)(nil)
			if poss && !d.toks[sp[1]-1].upper {
				t = s.subjectTown(t0)
			}
			if t == nil {
				keep = append(keep, sp)
				continue
			}
			written := strings.TrimSpace(d.str(sp[0], sp[1]))
			ini := &ent{typ: kg.TypeInitiative, name: capitalize(written) + " " + deName(t.name), kind: e.kind, keyTok: t0, place: t, names: []string{written}}
			ini = s.add(ini, sp[0], sp[1])
			for k := sp[0]; k < sp[1]; k++ {
				s.owner[k] = ini
			}
			if !slices.Contains(made, ini) {
				made = append(made, ini)
			}
			// its acronym right after: "(CLS)"
			if d.punct(sp[1], "(") && sp[1]+2 < len(d.toks) && d.punct(sp[1]+2, ")") && d.toks[sp[1]+1].upper {
				for _, sp2 := range e.spans {
					if sp2[0] == sp[1]+1 {
						ini = s.add(ini, sp2[0], sp2[1])
						s.owner[sp2[0]] = ini
					}
				}
			}
		}
		if len(keep) == len(e.spans) {
			continue
		}
		if len(made) == 1 {
			// the programme's other mentions in the article are that instance
			for _, sp := range keep {
				if s.own(sp[0]) == e {
					made[0] = s.add(made[0], sp[0], sp[1])
					for k := sp[0]; k < sp[1]; k++ {
						s.owner[k] = made[0]
					}
				}
			}
		}
		var rest [][2]int
		for _, sp := range keep {
			if s.own(sp[0]) == e {
				rest = append(rest, sp)
			}
		}
		e.spans = rest
	}
	var out []*ent
	for _, e := range s.ents {
		if e.typ == kg.TypeInitiative && len(e.spans) == 0 && e.place == nil && e.owner == nil && !e.structure {
			delete(s.byID, e.id)
			continue
		}
		out = append(out, e)
	}
	s.ents = out
}

// subjectTown returns the commune that opens the sentence of token i as
// its subject ("Orange a signé …", "À Lens, la ville …" is not a subject).
func (s *state) subjectTown(i int) *ent {
	d := s.d
	r := d.sents[d.toks[i].sent]
	t := s.ter(r[0])
	if t == nil || t.terr == nil || t.terr.Level != geo.LevelCommune {
		return nil
	}
	_, en, ok := t.mentionAt(r[0])
	if !ok || en >= i || !d.is(en, "a", "signe", "lance", "adopte", "engage", "renouvelle", "inaugure") {
		return nil
	}
	return t
}

// formalKinds are the kinds of initiative that a possessive and a
// complement name ("son plan local de lutte contre les discriminations");
// "sa démarche de mutualisation" is a description.
var formalKinds = set("plan", "programme", "pacte", "strategie", "schema directeur", "charte", "feuille de route")

package extract

import (
	"strings"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// roles links people to the organizations where they hold a role: the
// apposition "X, présidente du RTES" and its inverse "le président du
// fonds …, X" or "Sa directrice, X"; "X dirige la régie …"; "l'association
// Y, présidée par X"; and a role stated without the person ("La présidente
// du RTES l'a rappelé") given to the one person affiliated with that
// organization by a signature.
func (s *state) roles() {
	d := s.d
	var lastPerson *ent
	lastEnd := -1
	for _, h := range s.hits {
		if h.ref.kind != lkRole {
			continue
		}
		if end := s.longestKindAt(h.t0, lkRole); end != h.t1 {
			continue
		}
		if o := s.own(h.t0); o != nil && o.typ != kg.TypePerson {
			continue
		}
		re := s.x.lx.roles[h.ref.idx]
		role := strings.ToLower(d.str(h.t0, h.t1))
		org, orgEnd, implied := s.roleOrg(h, re)
		person := s.rolePerson(h, orgEnd)
		if org == nil && person != nil && staffRole(fold(role)) {
			// "présenté par X, chef de projet contrat de ville": the local
			// authority the sentence names before
			org = s.authorityBefore(h.t0)
		}
		if person == nil && d.is(h.t0-1, "et") && lastPerson != nil && lastEnd >= h.t0-8 && d.sameSent(lastEnd, h.t0) {
			person = lastPerson // "vice-présidente du RTES et adjointe à la maire de Grenoble"
		}
		if person == nil && org == nil && d.is(h.t0-1, "l", "le", "la") {
			// "l'architecte-urbaniste X, de l'agence Y": the role as a title,
			// the organization in apposition after the person
			if p := s.personStartsAt(h.t1); p != nil {
				if _, pe, ok := p.mentionAt(s.skipTitle(h.t1)); ok && d.punct(pe, ",") && d.is(pe+1, "de", "du", "d") {
					k := s.skipPrep(pe + 1)
					for k < len(d.toks) && k < pe+5 && d.toks[k].kind == tWord && !d.toks[k].cap && s.own(k) == nil {
						k++ // "de l'agence Y"
					}
					if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
						person, org = p, o
					}
				}
			}
		}
		if person == nil && d.toks[h.t0].nl {
			person = s.personLineBefore(h.t0) // a profile: "Prénom Nom" on its line, then "Coordinateur du tiers-lieu X | …"
		}
		if org == nil && person != nil && portfolioAfter(d, h.t1) {
			// "Rapporteure : Mme X, vice-présidente chargée de l'insertion": an
			// elected official of the one local authority the text names
			org = s.onlyAuthorityOrg()
		}
		if person != nil {
			lastPerson, lastEnd = person, max(orgEnd, h.t1)
			if org != nil {
				if implied {
					org = s.add(org, h.t0, h.t0) // the authority a role implies, without a mention
				}
				if fold(role) == "membre" {
					s.relate(kg.MemberOf, person, org, "", d.toks[h.t0].sent, "rules/member-apposition", 0.8)
				} else {
					s.relate(kg.HoldsRole, person, org, role, d.toks[h.t0].sent, "rules/role-apposition", 0.85)
				}
			}
			continue
		}
		if org != nil && !implied && d.is(h.t0-1, "la", "le", "l") {
			s.pendingRoles = append(s.pendingRoles, pendingRole{role: role, org: org, tok: h.t0})
		}
	}
	s.roleVerbs()
	// roles stated without the person: the one person of the organization
	for _, pr := range s.pendingRoles {
		var cand *ent
		n := 0
		for p, o := range s.affil {
			if o == pr.org {
				cand = p
				n++
			}
		}
		if n == 1 {
			s.relate(kg.HoldsRole, cand, pr.org, pr.role, d.toks[pr.tok].sent, "rules/role-signature", 0.6)
			s.personRefs = append(s.personRefs, personRef{tok: pr.tok, p: cand})
		}
	}
}

type personRef struct {
	tok int
	p   *ent
}

// roleOrg finds the organization of a role: named after it ("présidente du
// RTES", "cheffe de projet à l'ANCT"), referred to ("directeur de
// l'association"), or implied by the role ("maire de Villeurbanne",
// "conseiller régional", "Sa directrice", "représentée par X, vice-présidente").
func (s *state) roleOrg(h hit, re roleEntry) (org *ent, end int, implied bool) {
	d := s.d
	n := len(d.toks)
	if re.scope == "state" {
		return s.prefectureOrg(h)
	}
	for j := h.t1; j < n && j < h.t1+10 && d.sameSent(h.t0, j); j++ {
		t := d.toks[j]
		if t.kind == tPunct && t.text != "(" && t.text != ")" && t.text != "'" && t.text != "’" {
			break
		}
		if j > h.t1 && s.roleAt(j) {
			break
		}
		if d.is(j, "et") && j > h.t1 && s.roleAt(j+1) {
			break
		}
		prep := d.is(j-1, "de", "du", "des", "d", "a", "au", "aux", "l", "la", "chez", "sein", "aupres")
		if o := s.own(j); o != nil && o.typ == kg.TypeOrganization && prep {
			_, oe, _ := o.mentionAt(j)
			return o, oe, false
		}
		if e := s.ter(j); e != nil && prep && e.terr != nil {
			switch {
			case re.scope == "commune" && e.terr.Level == geo.LevelCommune,
				re.scope == "department" && e.terr.Level == geo.LevelDepartment,
				re.scope == "region" && e.terr.Level == geo.LevelRegion:
				if o := s.authorityEnt(e.terr); o != nil {
					return o, j + 1, true
				}
			}
		}
		if prep && t.kind == tWord && !t.cap && (kindNoun[t.fold] != "" || t.fold == "centre" || t.fold == "regie" || t.fold == "structure" || t.fold == "reseau") {
			if o := s.orgBefore(j, t.fold); o != nil {
				return o, j + 1, false
			}
		}
		if prep && t.kind == tWord && !t.cap && j+1 < len(d.toks) && (s.initKindAt(j) || s.isHead(j)) {
			// "coordinateur du tiers-lieu Lakou Numérik": the kind, then the name
			k := j + 1
			for _, hi := range s.byTok[j] {
				if h2 := s.hits[hi]; (h2.ref.kind == lkInit || h2.ref.kind == lkHead) && h2.t0 == j && h2.t1 > k {
					k = h2.t1
				}
			}
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) {
				_, oe, _ := o.mentionAt(k)
				return o, oe, false
			}
		}
		if prep && t.kind == tWord && !t.cap && d.is(j-1, "l", "la", "le") {
			// "vice-président de l'agglomération", "présidente du collectif",
			// "responsable de l'épicerie": the one named before
			if o, e := s.anaphoricOrg(j); o != nil {
				return o, e, false
			}
		}
		if prep && t.kind == tWord && !t.cap && d.is(j-1, "du") {
			if o, e := s.anaphoricOrg(j); o != nil {
				return o, e, false
			}
		}
		if d.is(j-1, "de", "du", "d", "des", "chez", "au", "aux") && t.cap && s.free(j, j+1) && s.ter(j) == nil {
			st, end, _ := s.properName(j, false)
			if end > st && s.free(st, end) && !s.onlyPlace(st, end) {
				o := &ent{typ: kg.TypeOrganization, name: d.str(st, end)}
				if le := s.lexiconByName(o.name); le != nil {
					o = s.lexOrgEnt(le)
				}
				o = s.add(o, st, end)
				s.claim(o, st, end)
				return o, end, false
			}
		}
	}
	// "l'association X, dont la directrice, Y, …"
	if d.is(h.t0-1, "le", "la", "l") && d.is(h.t0-2, "dont") {
		if o := s.orgEndingBefore(h.t0 - 2); o != nil {
			return o, h.t1, false
		}
	}
	// possessive: "Sa directrice, X" — the organization the previous sentences are about
	if d.is(h.t0-1, "sa", "son", "ses", "leur") {
		if o := s.orgSubjectBefore(h.t0); o != nil {
			return o, h.t1, false
		}
	}
	// "la Région Occitanie, représentée par X, vice-présidente"
	for j := h.t0 - 1; j >= 0 && j > h.t0-10 && d.sameSent(h.t0, j); j-- {
		if d.is(j, "representee", "represente", "representes", "representees") && d.is(j+1, "par") {
			if o := s.orgEndingBefore(j); o != nil {
				return o, h.t1, false
			}
		}
	}
	switch re.scope {
	case "commune":
		if t := s.mainTerritory(geo.LevelCommune); t != nil {
			if o := s.authorityEnt(t); o != nil {
				return o, h.t1, true
			}
		}
		// "l'adjointe au maire chargée de …" on a town's own page: the one
		// town authority the article names
		var only *ent
		for _, e := range s.ents {
			if e.typ == kg.TypeOrganization && e.auth && e.governs != nil && e.governs.terr != nil && e.governs.terr.Level == geo.LevelCommune && len(e.spans) > 0 {
				if only != nil && only != e {
					only = nil
					break
				}
				only = e
			}
		}
		if only != nil {
			return only, h.t1, false
		}
	case "region", "department":
		lvl := geo.LevelRegion
		if re.scope == "department" {
			lvl = geo.LevelDepartment
		}
		t := s.previousTerritory(h.t0, lvl)
		if t == nil {
			t = s.mainTerritory(lvl) // the one region the article names
		}
		if t != nil {
			if o := s.authorityEnt(t); o != nil {
				return o, h.t1, true
			}
		}
	}
	return nil, h.t1, false
}

// epciNouns name an intercommunality by its kind.
var epciNouns = map[string]bool{"agglomeration": true, "agglo": true, "metropole": true, "intercommunalite": true, "communaute": true, "eurometropole": true}

// anaphoricOrg resolves a definite noun after a role to the organization
// named before that it designates: an intercommunality ("de
// l'agglomération", "de la métropole"), a structure run by an organization
// ("de l'épicerie", "de la ressourcerie": the organization of the
// structure named so), an organization head ("du collectif", "du conseil
// citoyen") or, for "de l'association", the organization the text is about.
// It returns the organization and the token after the noun.
func (s *state) anaphoricOrg(j int) (*ent, int) {
	d := s.d
	f := d.toks[j].fold
	if j+1 < len(d.toks) && d.toks[j+1].cap && d.sameSent(j, j+1) {
		return nil, 0 // "de la métropole Aix-Marseille": a name follows
	}
	if epciNouns[f] {
		for k := j - 1; k >= 0 && d.toks[k].sent >= d.toks[j].sent-6; k-- {
			o := s.own(k)
			if o != nil && o.typ == kg.TypeOrganization && o.auth && o.governs != nil && o.governs.terr != nil && o.governs.terr.Level == geo.LevelEPCI {
				return o, j + 1
			}
		}
		return nil, 0
	}
	for _, hi := range s.byTok[j] {
		h := s.hits[hi]
		if h.ref.kind != lkInit {
			continue
		}
		key := d.foldOf(h.t0, h.t1)
		for k := j - 1; k >= 0 && d.toks[k].sent >= d.toks[j].sent-6; k-- {
			e := s.own(k)
			if e == nil {
				continue
			}
			if e.typ == kg.TypeInitiative && e.structure && strings.HasPrefix(fold(e.name), key) {
				if o := s.structOrg[e]; o != nil {
					return o, h.t1
				}
			}
		}
	}
	// "de l'épicerie" for the "épicerie solidaire X" named before (nearby,
	// else the only one named before)
	var onlyStruct *ent
	nStruct := 0
	for k := j - 1; k >= 0; k-- {
		e := s.own(k)
		if e == nil || e.typ != kg.TypeInitiative || !e.structure || !strings.HasPrefix(fold(e.name), f+" ") || s.structOrg[e] == nil {
			continue
		}
		if d.toks[k].sent >= d.toks[j].sent-6 {
			return s.structOrg[e], j + 1
		}
		if e != onlyStruct {
			nStruct++
			onlyStruct = e
		}
	}
	if nStruct == 1 {
		return s.structOrg[onlyStruct], j + 1
	}
	if s.isHead(j) {
		if o := s.orgBefore(j, f); o != nil {
			return o, j + 1
		}
		if o := s.onlyOrgNamedBefore(j, f); o != nil {
			return o, j + 1 // "la directrice du centre social" far below "le centre social du Pigeonnier"
		}
		if f == "association" {
			if o := s.orgSubjectBefore(j); o != nil {
				return o, j + 1
			}
		}
	}
	return nil, 0
}

// skipTitle returns the first token after the civil title at i ("M.",
// "Mme"), i if none.
func (s *state) skipTitle(i int) int {
	d := s.d
	if i < len(d.toks) && civilTitles[d.toks[i].fold] {
		i++
		if d.punct(i, ".") {
			i++
		}
	}
	return i
}

// personLineBefore returns the person written alone on the line before
// token i.
func (s *state) personLineBefore(i int) *ent {
	d := s.d
	for _, ln := range d.lines {
		if ln[1] != i {
			continue // the line ending right before token i
		}
		if p := s.own(ln[0]); p != nil && p.typ == kg.TypePerson {
			if _, e, ok := p.mentionAt(ln[0]); ok && e == ln[1] {
				return p
			}
		}
	}
	return nil
}

// portfolioAfter reports whether an elected official's portfolio follows
// the role ending at token i ("vice-présidente chargée de …", "adjoint
// délégué à …").
func portfolioAfter(d *doc, i int) bool {
	return d.is(i, "charge", "chargee", "delegue", "deleguee", "en")
}

// onlyAuthorityOrg returns the one local authority the article names (nil
// if none or several).
func (s *state) onlyAuthorityOrg() *ent {
	var only, onlyWide *ent
	wide := 0
	for _, e := range s.ents {
		if e.typ != kg.TypeOrganization || !e.auth || len(e.spans) == 0 {
			continue
		}
		if only != nil && only != e {
			only = nil
			break
		}
		only = e
	}
	if only != nil {
		return only
	}
	// else the one department or region authority ("Rapporteure : …" in a
	// Département's deliberation that also names an intercommunality)
	for _, e := range s.ents {
		if e.typ == kg.TypeOrganization && e.auth && len(e.spans) > 0 && e.governs != nil && e.governs.terr != nil &&
			(e.governs.terr.Level == geo.LevelDepartment || e.governs.terr.Level == geo.LevelRegion) {
			if onlyWide != e {
				wide++
			}
			onlyWide = e
		}
	}
	if wide == 1 {
		return onlyWide
	}
	return nil
}

// onlyOrgNamedBefore returns the one organization named before token j
// whose name holds the noun ("centre", "collectif"), nil if none or several.
func (s *state) onlyOrgNamedBefore(j int, noun string) *ent {
	var only *ent
	for _, e := range s.ents {
		if e.typ != kg.TypeOrganization || len(e.spans) == 0 || e.spans[0][0] >= j || !containsWord(fold(e.name), noun) {
			continue
		}
		if only != nil {
			return nil
		}
		only = e
	}
	return only
}

// roleAt reports whether a role starts at token i.
func (s *state) roleAt(i int) bool {
	if i < 0 || i >= len(s.byTok) {
		return false
	}
	for _, hi := range s.byTok[i] {
		if s.hits[hi].ref.kind == lkRole {
			return true
		}
	}
	return false
}

// rolePerson finds the person of a role: just before it ("X, présidente",
// "X Président du …") or just after its organization ("le président du
// fonds …, X", "Sa directrice, X").
func (s *state) rolePerson(h hit, orgEnd int) *ent {
	d := s.d
	k := h.t0 - 1
	if d.punct(k, ",", "(") {
		k--
	}
	if k >= 0 {
		if p := s.own(k); p != nil && p.typ == kg.TypePerson {
			if _, e, ok := p.mentionAt(k); ok && e == k+1 {
				return p
			}
		}
	}
	// "explique X, son gérant"
	if d.is(h.t0-1, "son", "sa", "leur") && d.punct(h.t0-2, ",") {
		if p := s.own(h.t0 - 3); p != nil && p.typ == kg.TypePerson {
			if _, e, ok := p.mentionAt(h.t0 - 3); ok && e == h.t0-2 {
				return p
			}
		}
	}
	// "X, pédopsychiatre, coordinatrice du …": a profession between
	if d.punct(h.t0-1, ",") {
		j := k
		for j >= 0 && j > k-3 && d.toks[j].kind == tWord && !d.toks[j].cap && d.sameSent(j, h.t0) {
			j--
		}
		if j < k && d.punct(j, ",") && j > 0 {
			if p := s.own(j - 1); p != nil && p.typ == kg.TypePerson {
				if _, e, ok := p.mentionAt(j - 1); ok && e == j {
					return p
				}
			}
		}
	}
	// inverse apposition: the person after the role's phrase and a comma
	// (past an acronym in brackets: "le président de la Communauté
	// d'agglomération … (CADEMA), X")
	from, limit := max(orgEnd, h.t1), 8
	if portfolioAfter(d, from) {
		limit = 16 // "le vice-président de X chargé de l'emploi et de l'insertion, Y"
	}
	for j := from; j < len(d.toks) && j < from+limit && d.sameSent(h.t0, j); j++ {
		if d.punct(j, "(") && j+2 < len(d.toks) && d.punct(j+2, ")") && (d.toks[j+1].upper || d.toks[j+1].cap || d.toks[j+1].kind == tNum) {
			j += 2 // "(CADEMA)", "(Charente)", "(59)"
			continue
		}
		if d.punct(j, ",") {
			if p := s.personStartsAt(j + 1); p != nil && !d.is(h.t0-1, "par") {
				return p // "la préfète déléguée …, Mme X"
			}
			return nil
		}
		if d.toks[j].kind == tPunct {
			return nil
		}
	}
	return nil
}

// orgEndingBefore returns the organization whose mention ends just before
// token j (skipping a comma).
func (s *state) orgEndingBefore(j int) *ent {
	d := s.d
	k := j - 1
	if d.punct(k, ",") {
		k--
	}
	if k >= 0 {
		if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
			return o
		}
	}
	return nil
}

// orgSubjectBefore returns the organization the text is about before token
// i: the subject of its sentence, else the first organization of the
// previous sentences (two at most) that is not inside a prepositional phrase
// ("… un prêt de France Active" is not what "son fondateur" refers to).
func (s *state) orgSubjectBefore(i int) *ent {
	if o := s.subjectOrg(i); o != nil {
		return o
	}
	d := s.d
	sent := d.toks[i].sent
	pronoun := false // "Elle est portée par X. Sa coordinatrice, Y": the structure before
	for back := 1; (back <= 2 || pronoun && back <= 3) && sent-back >= 0; back++ {
		r := d.sents[sent-back]
		if back == 1 && d.is(r[0], "elle", "il") {
			pronoun = true
			continue
		}
		if back == 1 || pronoun && back == 2 {
			// "X développera …, tandis qu'à Brioude, la recyclerie Y …": the last clause's subject first
			j0 := r[0]
			for j := r[0]; j < r[1]; j++ {
				if clauseBreak(d, j) {
					j0 = j
				}
			}
			if j0 > r[0] {
				if o := s.clauseSubjectOrg(j0, r[1], true); o != nil {
					return o
				}
			}
		}
		if o := s.clauseSubjectOrg(r[0], r[1], pronoun); o != nil {
			return o
		}
	}
	// "Le prix revient à la Régie de quartier X, qui … Son directeur, Y": the
	// one organization of the sentence before, whatever governs it
	if sent > 0 {
		var only *ent
		r := d.sents[sent-1]
		for j := r[0]; j < r[1]; j++ {
			if o := s.own(j); o != nil && o.typ == kg.TypeOrganization && o != only {
				if only != nil {
					return nil
				}
				only = o
			}
		}
		return only
	}
	return nil
}

// clauseSubjectOrg returns the first organization of tokens [j0, j1) that
// no preposition governs; with structures, a structure's organization too.
func (s *state) clauseSubjectOrg(j0, j1 int, structures bool) *ent {
	d := s.d
	for j := j0; j < j1; j++ {
		if structures {
			if ini := s.own(j); ini != nil && ini.typ == kg.TypeInitiative && ini.structure && s.structOrg[ini] != nil {
				return s.structOrg[ini]
			}
		}
		o := s.own(j)
		if o == nil || o.typ != kg.TypeOrganization {
			continue
		}
		st, en, _ := o.mentionAt(j)
		if d.is(st-1, "de", "du", "des", "d", "par", "avec", "pour", "a", "au", "aux", "chez") || d.is(st-1, "la", "l", "le", "les") && d.is(st-2, "de", "par", "avec", "pour", "a", "chez") {
			j = max(j, en-1)
			continue
		}
		return o
	}
	return nil
}

// mainTerritory returns the territory of that level the article is about:
// the only one it names, or one named at least twice as often as any other.
func (s *state) mainTerritory(level geo.Level) *geo.Territory {
	var best, second *ent
	for _, e := range s.ents {
		if e.typ == kg.TypeTerritory && e.terr != nil && e.terr.Level == level && len(e.spans) > 0 {
			switch {
			case best == nil || len(e.spans) > len(best.spans):
				best, second = e, best
			case second == nil || len(e.spans) > len(second.spans):
				second = e
			}
		}
	}
	if best == nil || second != nil && len(best.spans) < 2*len(second.spans) {
		return nil
	}
	return best.terr
}

// roleVerbs reads "X dirige la régie …", "X préside …", "X a fondé …" and
// "l'association Y, présidée par X".
func (s *state) roleVerbs() {
	d := s.d
	verbRole := map[string]string{"dirige": "directeur", "preside": "président", "fonde": "fondateur", "a fonde": "fondateur", "coordonne": "coordinateur", "gere": "gérant", "anime": "animateur"}
	partRole := map[string]string{"presidee": "présidente", "preside": "président", "dirigee": "directrice", "dirige": "directeur", "fondee": "fondatrice", "fonde": "fondateur", "coordonnee": "coordinatrice", "coordonne": "coordinateur"}
	for i := 0; i+2 < len(d.toks); i++ {
		p := s.own(i)
		if p != nil && p.typ == kg.TypePerson {
			if _, e, ok := p.mentionAt(i); ok && e == i+1 {
				v := i + 1
				if d.is(v, "a") {
					v++
				}
				if r, ok := verbRole[d.toks[v].fold]; ok {
					for j := v + 1; j < v+5 && j < len(d.toks); j++ {
						if o := s.own(j); o != nil && o.typ == kg.TypeOrganization {
							s.relate(kg.HoldsRole, p, o, r, d.toks[i].sent, "rules/role-verb", 0.75)
							break
						}
					}
				}
			}
		}
		if r, ok := partRole[d.toks[i].fold]; ok && d.is(i+1, "par") {
			if q := s.own(i + 2); q != nil && q.typ == kg.TypePerson {
				if o := s.orgEndingBefore(i); o != nil {
					s.relate(kg.HoldsRole, q, o, r, d.toks[i].sent, "rules/role-participle", 0.8)
				}
			}
		}
	}
}

// staffRole reports whether a folded role is a staff position a local
// authority employs ("chef de projet contrat de ville", "chargée de la
// démocratie participative"), which may be written without its employer.
func staffRole(f string) bool {
	for _, p := range []string{"chef de projet", "cheffe de projet", "charge de", "chargee de", "charge d ", "chargee d ", "responsable", "coordinat", "coordonnat", "directeur de projet", "directrice de projet", "agent", "referent"} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// authorityBefore returns the local authority named last before token i in
// its sentence, within fifteen tokens.
func (s *state) authorityBefore(i int) *ent {
	d := s.d
	for j := i - 1; j >= 0 && j > i-16 && d.sameSent(i, j); j-- {
		if o := s.own(j); o != nil && o.typ == kg.TypeOrganization && o.auth {
			return o
		}
	}
	return nil
}

// prefectureOrg finds the Préfecture of a State role ("préfet des
// Bouches-du-Rhône", "délégué du préfet de la Seine-Saint-Denis",
// "sous-préfet chargé de la politique de la ville"): the department or
// region named after the role, else the one Préfecture the article names
// when no other place follows the role.
func (s *state) prefectureOrg(h hit) (*ent, int, bool) {
	d := s.d
	n := len(d.toks)
	otherPlace := false
	for j := h.t1; j < n && j < h.t1+12 && d.sameSent(h.t0, j); j++ {
		t := d.toks[j]
		if t.kind == tPunct {
			break
		}
		if o := s.own(j); o != nil && o.typ == kg.TypeOrganization {
			if o.lex != nil && o.lex == s.x.prefecture {
				_, oe, _ := o.mentionAt(j)
				return o, oe, false
			}
			break
		}
		e := s.ter(j)
		if e == nil || e.terr == nil {
			continue
		}
		st, en, _ := e.mentionAt(j)
		p := st - 1
		if d.is(p, "la", "l") {
			p--
		}
		if (e.terr.Level == geo.LevelDepartment || e.terr.Level == geo.LevelRegion) && d.is(p, "de", "du", "des", "d") {
			o := s.prefectureEnt(e.terr, e)
			o = s.add(o, h.t0, en)
			return o, en, false
		}
		if e.terr.Level == geo.LevelCommune && d.is(p, "de", "du", "d") && strings.HasPrefix(d.toks[h.t0].fold, "sous pref") && j == s.skipPrep(h.t1) {
			// "la sous-préfète de Douai": the Sous-préfecture of that town
			o := s.branchEnt(s.x.prefecture, e.terr, "Sous-préfecture "+deName(e.terr.Name))
			o.id = kg.NewEntityID(kg.TypeOrganization, o.name)
			o.names = []string{d.str(h.t0, en)}
			if old := s.byID[o.id]; old != nil {
				o = old
			}
			o.seat = e
			o = s.add(o, h.t0, en)
			return o, en, false
		}
		if e.terr.Level == geo.LevelCommune && strings.HasPrefix(d.toks[h.t0].fold, "delegue") && s.x.prefecture != nil {
			// "la déléguée du préfet pour les quartiers de Bastia": the
			// Préfecture of the town's department, when the article names it
			if dep := s.x.geo.Department(e.terr.Department); dep != nil {
				if de := s.byID[kg.ID(dep.ID())]; de != nil && len(de.spans) > 0 {
					o := s.prefectureEnt(dep, de)
					o = s.add(o, h.t0, h.t0)
					return o, en, false
				}
			}
		}
		otherPlace = true
		j = en - 1
	}
	if otherPlace || s.x.prefecture == nil {
		return nil, h.t1, false
	}
	var only *ent
	for _, e := range s.ents {
		if e.typ == kg.TypeOrganization && e.lex == s.x.prefecture {
			if only != nil {
				return nil, h.t1, false
			}
			only = e
		}
	}
	return only, h.t1, only != nil
}

// prefectureEnt returns the Préfecture of a department or region
// ("Préfecture des Bouches-du-Rhône", "Préfecture de la région Occitanie",
// "Préfecture de Mayotte"), located in it.
func (s *state) prefectureEnt(t *geo.Territory, place *ent) *ent {
	written := ""
	switch t.Level {
	case geo.LevelDepartment:
		if a := s.x.lx.authorities["department:"+t.Code]; a != nil {
			written = "Préfecture " + strings.TrimPrefix(a.name, "Département ")
		}
	case geo.LevelRegion:
		if strings.HasPrefix(t.ChefLieu, "97") {
			if a := s.x.lx.authorities["department:"+t.ChefLieu[:3]]; a != nil {
				written = "Préfecture " + strings.TrimPrefix(a.name, "Département ")
			}
		}
		if written == "" {
			written = "Préfecture de la région " + t.Name
		}
	}
	if written == "" {
		written = "Préfecture " + deName(t.Name)
	}
	o := s.branchEnt(s.x.prefecture, t, written)
	if old := s.byID[o.id]; old != nil {
		return old
	}
	o.seat = place
	return o
}

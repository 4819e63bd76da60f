package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// strongGivenName is the number of births above which a given name is taken
// without further evidence (a civil title, a surname in capitals, a role).
const strongGivenName = 300

// people finds the persons: a given name of the gazetteer (or a civil
// title) followed by particles and a capitalised or UPPERCASE surname
// ("Claire de La Rochefoucauld", "Thierry Van den Bossche", "Christiane
// DUPUIS", "Mme Vienne"), and their signatures ("Prénom NOM - ORG").
func (s *state) people() {
	d := s.d
	for i := 0; i < len(d.toks); i++ {
		if !s.free(i, i+1) {
			continue
		}
		// a surname with its particle named before, even opening a sentence:
		// "De Villeneuve a remercié", "Le Goff a cité", "El Khatib a résumé"
		if n := s.particleSurnameAt(i); n > 0 {
			p := s.personBySurname(d.foldOf(i, i+n))
			p = s.add(p, i, i+n)
			s.claim(p, i, i+n)
			i += n - 1
			continue
		}
		t0, t1, name, surname, titled := s.personAt(i)
		if t1 <= t0 {
			continue
		}
		if s.placeNamed(t0, t1) {
			continue // "à Sandy Ground": a neighbourhood, not a person
		}
		if !titled && d.is(t0-1, "projet", "programme", "dispositif", "jardin", "festival", "operation") {
			continue // "le projet Jaden Anlè": a project's name, not a person
		}
		var p *ent
		if name == "" {
			// a title and a surname: a person named before, else the surname alone
			p = s.personBySurname(surname)
			if p == nil {
				p = &ent{typ: kg.TypePerson, name: d.str(t0, t1), surname: surname}
			}
		} else {
			p = &ent{typ: kg.TypePerson, name: name, surname: surname}
			if w := d.str(t0, t1); w != name {
				p.names = append(p.names, w)
			}
		}
		_ = titled
		s.surnames[surname] = true
		p = s.add(p, t0, t1)
		s.claim(p, i, t1)
		i = t1 - 1
	}
	s.signatures()
}

// particleSurnameAt returns the length of a surname with its particle
// starting at token i that is the surname of a person named before ("De
// Villeneuve", "Van Houtte"), 0 if none.
func (s *state) particleSurnameAt(i int) int {
	d := s.d
	tk := d.toks[i]
	if !tk.cap || !particles[tk.fold] || i+1 >= len(d.toks) || !d.toks[i+1].cap || !d.sameSent(i, i+1) {
		return 0
	}
	for n := 3; n >= 2; n-- {
		if i+n > len(d.toks) || !d.sameSent(i, i+n-1) || !s.free(i, i+n) {
			continue
		}
		if f := d.foldOf(i, i+n); s.surnames[f] && s.personBySurname(f) != nil {
			return n
		}
	}
	return 0
}

// placeNamed reports whether tokens [t0, t1) are exactly a neighbourhood or
// a commune written after a locative ("à Sandy Ground", "de Saint-Rémy").
func (s *state) placeNamed(t0, t1 int) bool {
	p := t0 - 1
	if s.d.is(p, "la", "l", "le", "les") {
		p-- // "les habitants de la Grâce de Dieu"
	}
	if !s.d.is(p, "a", "au", "aux", "de", "du", "d", "en") {
		return false
	}
	for _, g := range s.gAt[t0] {
		if g.t1 != t1 || !g.m.Capitalized {
			continue
		}
		for _, c := range g.m.Candidates {
			if c.Level == geo.LevelQPV || c.Level == geo.LevelCommune && g.m.Ambiguity.Score < 0.5 {
				return true
			}
		}
	}
	return false
}

// personAt reads a person's name starting at token i. It returns the name
// tokens [t0, t1) (without the civil title), the canonical name ("" when
// only a title and a surname were written) and the folded surname.
func (s *state) personAt(i int) (t0, t1 int, name, surname string, titled bool) {
	d := s.d
	n := len(d.toks)
	j := i
	if civilTitles[d.toks[i].fold] && d.toks[i].cap {
		titled = true
		j++
		if d.punct(j, ".") {
			j++
		}
		if j >= n || !d.sameSent(i, j) && !d.punct(i+1, ".") {
			return
		}
	}
	if j >= n || d.toks[j].kind != tWord || !d.toks[j].cap || d.toks[j].elided {
		return
	}
	given := s.givenCount(d.toks[j].fold)
	g0 := j
	switch {
	case given > 0 && !d.toks[j].upper || given > 0 && titled:
		j++
	case !titled && j+1 < n && s.surnameToken(j) && s.surnameToken(j+1) && s.roleAfter(j+2) && !s.isHead(j) && len(s.gAt[j]) == 0 && len(s.gAt[j+1]) == 0:
		// a given name the gazetteer lacks, vouched for by a role: "Ngozi Okafor, directrice de …"
		j++
	case !titled:
		return
	}
	// particles, then the surname
	k := j
	for k < n && k < j+3 && d.sameSent(j, k) && particles[d.toks[k].fold] && d.toks[k].kind == tWord {
		if k+1 < n && d.toks[k+1].kind == tWord && (d.toks[k+1].cap || particles[d.toks[k+1].fold]) {
			k++
			continue
		}
		break
	}
	if k >= n || !d.sameSent(j, k) || !s.surnameToken(k) {
		if titled && given > 0 && s.surnameToken(g0) {
			// "Mme Claire": the title and one capitalised word
			k, j = g0, g0
		} else {
			return
		}
	}
	sn := k + 1
	// a weak given name needs more evidence
	if !titled && given < strongGivenName && !d.toks[k].upper && !s.roleAfter(sn) {
		return
	}
	if !s.free(g0, sn) {
		return
	}
	t0, t1 = g0, sn
	var parts []string
	for x := g0; x < sn; x++ {
		w := d.toks[x].text
		if d.toks[x].upper && x >= j {
			w = titleWord(w)
		}
		if d.toks[x].elided {
			parts = append(parts, w+"\x00")
			continue
		}
		parts = append(parts, w)
	}
	surname = fold(strings.Join(parts[j-g0:], " "))
	if j == g0 {
		// title + surname only
		return t0, t1, "", surname, titled
	}
	name = strings.ReplaceAll(strings.Join(parts, " "), "\x00 ", "")
	return t0, t1, name, surname, titled
}

// givenCount returns the births count of a given name; a compound given
// name the gazetteer lacks ("Rose-Aimée", "Ahmed-Ali", "Nour-El-Houda") counts
// as its most frequent part when every part is a given name (a short
// particle like "El" inside may be one too).
func (s *state) givenCount(f string) int {
	g := s.x.lx.givenNames
	direct := g[f]
	if !strings.Contains(f, " ") {
		return direct
	}
	best := 0
	for _, p := range strings.Fields(f) {
		n := g[p]
		if n == 0 {
			return direct
		}
		best = max(best, n)
	}
	return max(direct, best) // a rare compound of frequent given names ("Rose-Aimée") is a given name
}

// surnameToken reports whether token k can be a surname.
func (s *state) surnameToken(k int) bool {
	t := s.d.toks[k]
	if t.kind != tWord || !(t.cap || t.upper) || t.elided || len(t.text) > 60 {
		return false // (no surname runs to sixty bytes)
	}
	if utf8.RuneCountInString(t.text) == 1 && s.d.punct(k+1, ".") {
		return false // an initial: "Photo M. B."
	}
	f := t.fold
	if nameStops[f] || articles[f] || months[f] || weekdays[f] || determiners[f] || s.x.roleForms[f] {
		return false
	}
	for _, hi := range s.byTok[k] {
		switch s.hits[hi].ref.kind {
		case lkHead, lkEvent, lkInit, lkRole:
			return false
		}
	}
	return true
}

// roleAfter reports whether a role follows token i (", présidente de …").
func (s *state) roleAfter(i int) bool {
	d := s.d
	if d.punct(i, ",") {
		i++
	}
	for _, hi := range s.byTok[min(i, len(s.byTok)-1)] {
		if s.hits[hi].ref.kind == lkRole {
			return i < len(d.toks)
		}
	}
	return false
}

// personBySurname returns the person of the article with that surname, if
// exactly one.
func (s *state) personBySurname(surname string) *ent {
	if !s.surnames[surname] {
		return nil
	}
	var found *ent
	for _, e := range s.ents {
		if e.typ == kg.TypePerson && e.surname == surname && e.name != "" && strings.Contains(e.name, " ") {
			if found != nil && found != e {
				return nil
			}
			found = e
		}
	}
	return found
}

// signatures reads lines made of a person and an organization separated by
// a dash ("Claire DUPUIS - RTES"): the person is affiliated with the
// organization.
func (s *state) signatures() {
	d := s.d
	for _, ln := range d.lines {
		a, b := ln[0], ln[1]
		if b-a > 14 || b-a < 3 {
			continue
		}
		p := s.own(a)
		if p == nil || p.typ != kg.TypePerson {
			continue
		}
		_, pe, _ := p.mentionAt(a)
		if !d.punct(pe, "-", "–", "—", ",", "/") || pe+1 >= b {
			continue
		}
		st := pe + 1
		var org *ent
		if o := s.own(st); o != nil && o.typ == kg.TypeOrganization {
			org = o
		} else if e := s.acronyms[d.toks[st].fold]; e != nil && b-st == 1 {
			org = s.add(e, st, b)
		} else if d.toks[st].cap || d.toks[st].upper {
			name := strings.TrimSpace(d.str(st, b))
			if le := s.lexiconByName(name); le != nil {
				org = s.lexOrgEnt(le)
			} else if o := s.orgByInitials(st, b); o != nil {
				org = o // "Julien DUPONT - RNEI" after "le Réseau national des entreprises d'insertion"
			} else {
				org = &ent{typ: kg.TypeOrganization, name: name, kind: s.headKind(st)}
			}
			if !s.free(st, b) {
				continue
			}
			org = s.add(org, st, b)
			s.claim(org, st, b)
		}
		if org != nil {
			s.affil[p] = org
		}
	}
}

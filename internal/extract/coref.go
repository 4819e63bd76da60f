package extract

import (
	"bytes"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// coreference adds the later, shorter mentions of entities found before:
// bare acronyms ("le RTES"), surnames alone ("Dupuis a expliqué"), and
// generic mentions of the event ("la journée", "ce rendez-vous").
func (s *state) coreference() {
	s.parentheticalShortNames()
	d := s.d
	for i := range d.toks {
		tk := d.toks[i]
		if tk.kind != tWord || !s.free(i, i+1) {
			continue
		}
		if tk.upper {
			o := s.acronyms[tk.fold]
			if o == nil {
				o = s.orgByInitials(i, i+1)
			}
			if o != nil {
				s.add(o, i, i+1)
				s.claim(o, i, i+1)
				continue
			}
		}
		if tk.cap && !tk.nl && i > 0 && !(d.toks[i-1].kind == tPunct && d.toks[i-1].text == ".") {
			if p := s.personBySurname(tk.fold); p != nil && d.toks[i].sent != d.toks[p.first].sent {
				s.add(p, i, i+1)
				s.claim(p, i, i+1)
			}
		}
	}
	s.bareOrgs()
	s.repeatedOrgNames()
	for _, a := range s.evAnaphora {
		if !s.free(a[0], a[1]) {
			continue
		}
		e := s.eventOfKindBefore(a[0])
		if e == nil {
			e = s.eventBefore(a[0])
		}
		if e != nil {
			s.add(e, a[0], a[1])
			s.claim(e, a[0], a[1])
		}
	}
}

// eventOfKindBefore returns the event named last before token i whose kind
// is the one written at i ("Fin de la visite." after a round table: the
// visit), nil if none.
func (s *state) eventOfKindBefore(i int) *ent {
	kind := ""
	for _, hi := range s.byTok[i] {
		if h := s.hits[hi]; h.ref.kind == lkEvent && h.t0 == i {
			kind = s.x.lx.events[h.ref.idx].kind
		}
	}
	if kind == "" {
		return nil
	}
	var best *ent
	bestTok := -1
	for _, e := range s.evList {
		if e.kind != kind {
			continue
		}
		for _, sp := range e.spans {
			if sp[0] < i && sp[0] > bestTok {
				best, bestTok = e, sp[0]
			}
		}
	}
	return best
}

// eventBefore returns the event named last before token i, else the first
// event of the article.
func (s *state) eventBefore(i int) *ent {
	var best *ent
	bestTok := -1
	for _, e := range s.evList {
		for _, sp := range e.spans {
			if sp[0] < i && sp[0] > bestTok {
				best, bestTok = e, sp[0]
			}
		}
	}
	if best == nil && len(s.evList) > 0 {
		return s.evList[0]
	}
	return best
}

// initiativeBefore returns the initiative named last before token i (a
// structure when structure is set).
func (s *state) initiativeBefore(i int, structure bool) *ent {
	var best *ent
	bestTok := -1
	for _, e := range s.ents {
		if e.typ != kg.TypeInitiative || structure && !e.structure {
			continue
		}
		for _, sp := range e.spans {
			if sp[0] < i && sp[0] > bestTok {
				best, bestTok = e, sp[0]
			}
		}
	}
	return best
}

// orgBefore returns the organization named last before token i whose name
// or kind fits the generic noun written ("l'association", "du centre", "la
// coopérative"), within the five sentences before.
func (s *state) orgBefore(i int, noun string) *ent {
	d := s.d
	var fallback *ent
	for j := i - 1; j >= 0 && d.toks[j].sent >= d.toks[i].sent-5; j-- {
		e := s.own(j)
		if e == nil || e.typ != kg.TypeOrganization {
			continue
		}
		if st, _, ok := e.mentionAt(j); ok {
			j = st
		}
		if noun == "" || fold(e.kind) == noun || kindNoun[noun] == e.kind || containsWord(fold(e.name), noun) || s.typedAs(e, noun) {
			return e
		}
		if fallback == nil {
			fallback = e
		}
	}
	if noun == "structure" || noun == "organisation" || noun == "organisme" {
		return fallback
	}
	return nil
}

var kindNoun = map[string]string{
	"association": "association", "cooperative": "cooperative", "scop": "cooperative", "scic": "cooperative",
	"fonds": "fund", "fondation": "fund", "reseau": "network", "federation": "network", "agence": "public_agency",
	"entreprise": "company", "societe": "company", "collectivite": kindLocalAuthority,
}

// typedAs reports whether the organization was introduced with that type
// noun ("l'association X").
func (s *state) typedAs(e *ent, noun string) bool {
	for _, n := range e.names {
		if f := fold(n); len(f) > len(noun) && f[:len(noun)] == noun && f[len(noun)] == ' ' {
			return true
		}
	}
	return false
}

func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if s[i:i+len(w)] == w && (i == 0 || s[i-1] == ' ') && (i+len(w) == len(s) || s[i+len(w)] == ' ') {
			return true
		}
	}
	return false
}

// bareOrgs gives the bare name of a class of bodies ("président de la
// CRESS", "directrice de la Mission locale") and a definite head noun
// ("le conseil citoyen", "la régie de quartier") to the one organization of
// the article of that class or head.
func (s *state) bareOrgs() {
	d := s.d
	resolve := func(t0, t1 int, match func(o *ent) bool) {
		if !s.free(t0, t1) {
			return
		}
		var only *ent
		for _, o := range s.ents {
			if o.typ != kg.TypeOrganization || !match(o) {
				continue
			}
			if only != nil && only != o {
				return
			}
			only = o
		}
		if only != nil {
			s.add(only, t0, t1)
			s.claim(only, t0, t1)
		}
	}
	for _, h := range s.bareGeneric {
		e := s.x.lx.orgs[h.ref.idx]
		prefixes := []string{fold(e.name) + " "}
		if e.acronym != "" {
			prefixes = append(prefixes, fold(e.acronym)+" ")
		}
		resolve(h.t0, h.t1, func(o *ent) bool {
			if o.lex == e {
				return true
			}
			for _, n := range append([]string{o.name}, o.names...) {
				for _, p := range prefixes {
					if strings.HasPrefix(fold(n)+" ", p) {
						return true
					}
				}
			}
			return false
		})
	}
	// "le conseil citoyen", "la régie de quartier" alone
	for _, h := range s.hits {
		if h.ref.kind != lkHead || !s.x.lx.heads[h.ref.idx].keep || d.toks[h.t0].cap || !d.is(h.t0-1, "le", "la", "l") {
			continue
		}
		if end := s.longestKindAt(h.t0, lkHead); end != h.t1 {
			continue
		}
		if h.t1 < len(d.toks) && (d.toks[h.t1].cap || d.is(h.t1, "de", "du", "des", "d")) {
			continue // a name follows: not an anaphor
		}
		head := fold(d.str(h.t0, h.t1)) + " "
		resolve(h.t0, h.t1, func(o *ent) bool { return strings.HasPrefix(fold(o.name)+" ", head) })
	}
}

// repeatedOrgNames adds the later mentions of an organization by its full
// name ("l'entreprise d'insertion Lakou Vert … Lakou Vert est adhérente de
// …"): the name written again with a capital, on free tokens.
func (s *state) repeatedOrgNames() {
	d := s.d
	for _, o := range s.ents {
		if o.typ != kg.TypeOrganization || len(o.spans) == 0 {
			continue
		}
		for _, n := range append([]string{o.name}, o.names...) {
			f := fold(n)
			if len(f) < 4 || isAcronym(n) {
				continue
			}
			pat := []byte(" " + f + " ")
			for from := 0; ; {
				k := bytes.Index(d.fv[from:], pat)
				if k < 0 {
					break
				}
				at := from + k + 1
				from = at
				t0, t1, ok := d.tokenRange(at, at+len(f))
				if !ok || !d.toks[t0].cap || !s.free(t0, t1) || s.ter(t0) != nil && t1-t0 == 1 {
					continue
				}
				s.add(o, t0, t1)
				s.claim(o, t0, t1)
			}
		}
	}
}

// parentheticalShortNames merges an organization with the short name
// written after it in parentheses, when both open with the same word ("le
// Observatoire des initiatives solidaires (Observatoire solidaire)").
func (s *state) parentheticalShortNames() {
	d := s.d
	for i := 1; i+2 < len(d.toks); i++ {
		if !d.punct(i, "(") {
			continue
		}
		a, b := s.own(i-1), s.own(i+1)
		if a == nil || b == nil || a == b || a.typ != kg.TypeOrganization || b.typ != kg.TypeOrganization || !s.mentionStartsAt(b, i+1) {
			continue
		}
		_, bEnd, _ := b.mentionAt(i + 1)
		aSt, _, _ := a.mentionAt(i - 1)
		if !d.punct(bEnd, ")") || bEnd-(i+1) < 2 || bEnd-(i+1) >= i-aSt {
			continue
		}
		fa, fb := strings.Fields(kg.Fold(strings.TrimPrefix(strings.TrimPrefix(a.name, "Le "), "La "))), strings.Fields(kg.Fold(strings.TrimPrefix(strings.TrimPrefix(b.name, "Le "), "La ")))
		if len(fa) == 0 || len(fb) == 0 || fa[0] != fb[0] {
			continue
		}
		if len(b.spans) > len(a.spans) {
			s.mergeInto(a, b)
		} else {
			s.mergeInto(b, a)
		}
	}
}

package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/kg"
)

// evMention is an event mention before events are merged.
type evMention struct {
	t0, t1   int // the mention
	kindTok  int
	kindEnd  int
	kind     string
	kindWord string // folded kind form
	name     string
	poss     bool // "sa 7e rencontre", "son assemblée générale"
	ord      int  // the ordinal written before the kind ("la 2e table ronde")
	bare     bool // only the kind and its adjectives ("Journée régionale le 28 novembre")
	date     *article.DateMatch
	e        *ent
}

// anaphoricKinds are words that refer back to an event without naming it.
var anaphoricKinds = set("rendez vous", "evenement", "evenements", "manifestation", "edition")

// singularS are event heads ending in s in the singular (or used only in the plural for one event).
var singularS = set("congres", "assises", "trophees", "portes", "jeux", "etats")

// eventPreps introduce an event's topic.
var eventPreps = set("autour", "consacre", "consacree", "consacres", "consacrees", "dedie", "dediee", "dedies", "dediees", "sur")

// strongKinds are event kinds that name an event even without a topic when
// a date comes with them.
var strongKinds = set("colloque", "forum", "webinaire", "webinar", "seminaire", "assemblee generale", "assemblee generale annuelle",
	"congres", "assises", "universite d ete", "universites d ete", "conference", "rencontre", "rencontres", "journee", "salon", "festival", "hackathon", "soiree",
	"matinee", "matinee d echanges", "journee d echanges", "journee d etude", "journee d etudes", "rencontre debat", "cycle de qualification", "universite populaire",
	"reunion publique", "journee portes ouvertes", "portes ouvertes", "job dating", "carnaval", "tournoi", "ceremonie")

// events finds the events: a kind (rencontre, forum, colloque…) with an
// ordinal, a capital, a quoted title, a possessive, or a topic, and a date
// when one is written near it. Mentions of the same event are merged;
// generic mentions ("la journée", "ce rendez-vous") refer to the event
// named before.
func (s *state) events() {
	d := s.d
	var ms, rtRefs []*evMention
	var indef [][2]int
	if s.hasHit(lkEvent) {
		s.dates = article.FindDates(s.a.Text, s.a.PublishedAt)
	}
	for _, h := range s.hits {
		if h.ref.kind != lkEvent || !s.free(h.t0, h.t1) {
			continue
		}
		if end := s.longestKindAt(h.t0, lkEvent); end != h.t1 {
			continue
		}
		if d.is(h.t0-1, "la", "le", "l", "les") && d.is(h.t0-2, "toute", "tout", "toutes", "tous") {
			continue // "toute la journée": a length of time
		}
		if d.is(h.t0, "rencontre") && d.is(h.t0-1, "la") && d.is(h.t0-2, "a") && !d.toks[h.t0].cap {
			continue // "aller à la rencontre des jeunes": an idiom, no event
		}
		if d.is(h.t0, "journee", "matinee", "soiree") && h.t1 == h.t0+1 && d.is(h.t0-1, "premiere", "seconde", "deuxieme", "troisieme", "derniere") && d.is(h.t0-2, "la", "cette") && !d.toks[h.t0].cap &&
			(h.t1 >= len(d.toks) || d.toks[h.t1].kind == tPunct || d.is(h.t1, "consacree", "a", "s", "est", "sera", "fut", "etait")) {
			continue // "la seconde journée, consacrée au financement": a day of the event reported
		}
		if m := s.eventAt(h); m != nil {
			if m.kind == "round_table" && m.name == "" {
				rtRefs = append(rtRefs, m) // "la première table ronde": one of the titled ones
				continue
			}
			ms = append(ms, m)
			continue
		}
		// a definite generic mention: "la journée", "cette rencontre"
		if d.is(h.t0-1, "la", "le", "l", "cette", "ce", "cet", "du", "au", "de") && !strings.HasSuffix(d.toks[h.t1-1].fold, "s") {
			s.evAnaphora = append(s.evAnaphora, [2]int{h.t0, h.t1})
		} else if d.is(h.t0-1, "un", "une") {
			indef = append(indef, [2]int{h.t0, h.t1}) // "… vous invitent à une journée d'échanges" under its title
		}
	}
	for i := 0; i+1 < len(d.toks); i++ {
		if d.is(i, "rendez vous", "evenement", "manifestation") && d.is(i-1, "la", "le", "l", "cette", "ce", "cet", "du", "au", "de") {
			s.evAnaphora = append(s.evAnaphora, [2]int{i, i + 1})
		}
	}
	// "Organisées du 10 au 11 octobre à Corte par X, elles ont réuni …": the
	// pronoun is the event named before
	if s.hasHit(lkEvent) {
		for _, r := range d.sents {
			if !organizeParticiples[d.toks[r[0]].fold] {
				continue
			}
			for j := r[0] + 1; j+1 < r[1] && j < r[0]+30; j++ {
				if d.punct(j, ",") && d.is(j+1, "il", "elle", "ils", "elles") && s.free(j+1, j+2) {
					s.evAnaphora = append(s.evAnaphora, [2]int{j + 1, j + 2})
					break
				}
			}
		}
	}
	// merge mentions of the same event: same name, or the title's event
	// with the body's event of the same kind
	var kept []*evMention
	for _, m := range ms {
		merged := false
		for _, k := range kept {
			if sameEvent(k, m, d) {
				if k.date == nil {
					k.date = m.date
				}
				if m.date != nil && d.toks[k.t0].line == 0 && d.toks[m.t0].line != 0 && !m.bare || k.bare && !m.bare {
					k.name, m.name = m.name, k.name
					k.bare = m.bare
				}
				m.e = k.e
				k.e.spans = append(k.e.spans, [2]int{m.t0, m.t1})
				k.e.names = append(k.e.names, m.name)
				merged = true
				break
			}
		}
		if merged {
			s.claim(m.e, m.t0, m.t1)
			continue
		}
		m.e = &ent{typ: kg.TypeEvent, name: m.name, kind: m.kind, keyTok: m.kindTok, first: m.t0}
		m.e.spans = [][2]int{{m.t0, m.t1}}
		kept = append(kept, m)
		s.claim(m.e, m.t0, m.t1)
	}
	var main *ent // the last event named that is not a round table
	for _, m := range kept {
		e := m.e
		e.name = m.name
		if m.date != nil {
			e.start = m.date.From
			if m.date.To != m.date.From {
				e.end = m.date.To
			}
		}
		if e.kind == "round_table" {
			// "10h30 – Table ronde 1 : « … »": a part of the event reported
			e.parentEv = main
			if main != nil && main.start != "" {
				e.start, e.end = main.start, ""
			}
		} else if !s.frameCue(m.t0) {
			main = e
		}
		// the article's title names the event too ("Webinaire : financer …")
		if s.title != nil {
			if t := titleEvent(s.title, m.kindWord); t != "" {
				e.names = append(e.names, t)
			}
		}
		e.id = kg.NewEventID(e.start, e.name)
		spans := e.spans
		e.spans = nil
		for _, sp := range spans {
			e = s.add(e, sp[0], sp[1])
		}
		s.evList = append(s.evList, e)
		for _, sp := range e.spans {
			s.claim(e, sp[0], sp[1])
		}
	}
	s.roundTables()
	s.roundTableRefs(rtRefs)
	// an agenda entry: a title line naming the event, then a paragraph
	// describing it with an indefinite mention ("… vous invitent à une
	// journée d'échanges au Quai des Savoirs")
	for _, a := range indef {
		sent := d.toks[a[0]].sent
		// "l'ORIV organise, avec la DRAJES, un webinaire ouvert à tous": the
		// one event of that kind the article names
		kind := ""
		for _, hi := range s.byTok[a[0]] {
			if h := s.hits[hi]; h.ref.kind == lkEvent && h.t0 == a[0] {
				kind = s.x.lx.events[h.ref.idx].kind
			}
		}
		var same *ent
		n := 0
		for _, e := range s.evList {
			if e.kind == kind && kind != "round_table" {
				same = e
				n++
			}
		}
		if n == 1 && len(same.spans) > 0 && same.spans[0][0] < a[0] && d.is(a[0]-1, "un", "une") && organizeVerbBefore(d, a[0]) {
			s.evAnaphora = append(s.evAnaphora, a)
			continue
		}
		for _, e := range s.evList {
			if e.kind == "round_table" || len(e.spans) == 0 {
				continue
			}
			sp := e.spans[0]
			if r := d.sents[max(sent-1, 0)]; sent > 0 && d.toks[sp[0]].sent == sent-1 && (sp[1]-sp[0])*10 >= (r[1]-r[0])*6 && d.toks[r[0]].nl {
				s.evAnaphora = append(s.evAnaphora, a)
				break
			}
		}
	}
	for _, e := range s.evList {
		// "dans le cadre du Mois de l'ESS": a framework, not the happening reported
		if len(e.spans) > 0 && s.frameCue(e.spans[0][0]) {
			e.frame = true
		}
	}
}

// frameCue reports whether the mention at token i is introduced by "dans
// le cadre de".
func (s *state) frameCue(i int) bool {
	d := s.d
	j := i - 1
	if d.is(j, "la", "l") {
		j--
	}
	return d.is(j, "du", "de", "des", "d") && d.is(j-1, "cadre") && d.is(j-2, "le") && d.is(j-3, "dans")
}

// roundTables reads the titled round tables listed after "deux tables
// rondes :" (one per line or bullet: « Title », avec X…; Title : avec
// X…): events of their own, within the event reported before them.
func (s *state) roundTables() {
	d := s.d
	n := len(d.toks)
	for _, h := range s.hits {
		if h.ref.kind != lkEvent || s.x.lx.events[h.ref.idx].kind != "round_table" {
			continue
		}
		head, _, _ := strings.Cut(d.toks[h.t0].fold, " ")
		if !strings.HasSuffix(head, "s") {
			continue // the plural announcing a list
		}
		parent := s.eventBefore(h.t0 + 1)
		line := d.toks[h.t0].line
		var made []*ent
		for j := h.t1; j < n && d.toks[j].line <= line+8; j++ {
			if !d.toks[j].nl {
				continue
			}
			k := j
			for k < n && k < j+2 && d.toks[k].kind == tPunct && !openQuotes[d.toks[k].text] {
				k++ // a bullet
			}
			st, end, quoted := s.properName(k, false)
			if quoted {
				// « Title »
			} else {
				// "Title : avec …"
				st, end = k, k
				for x := k; x < n && x < k+12 && d.sameSent(k, x); x++ {
					if d.punct(x, ":") {
						end = x
						break
					}
				}
				if end <= st || !d.toks[st].cap || s.eventKindIn(st, end) {
					if len(made) > 0 {
						break
					}
					continue // "La troisième table ronde portait sur … :": prose, not an item
				}
			}
			if end <= st || !s.free(st, end) {
				continue
			}
			title := d.str(st, end)
			e := &ent{typ: kg.TypeEvent, name: "Table ronde " + title, kind: "round_table", keyTok: st, parentEv: parent, names: []string{title}}
			if parent != nil {
				e.start = parent.start
			}
			e.id = kg.NewEventID(e.start, e.name)
			e = s.add(e, st, end)
			s.claim(e, st, end)
			if quoted {
				s.claim(e, st-1, end+1)
			}
			// the item runs to the next line
			e.itemEnd = end
			for e.itemEnd < n && !d.toks[e.itemEnd].nl {
				e.itemEnd++
			}
			made = append(made, e)
			s.evList = append(s.evList, e)
			j = e.itemEnd - 1
		}
	}
	slices.SortStableFunc(s.evList, func(a, b *ent) int { return a.first - b.first })
}

// roundTableRefs gives the untitled mentions of a round table ("la
// première table ronde", "lors de la seconde table ronde") to the titled
// round table of that rank, or, without an ordinal, to the last one named
// before; without titled round tables they are no events.
func (s *state) roundTableRefs(refs []*evMention) {
	var titled []*ent
	for _, e := range s.evList {
		if e.kind == "round_table" {
			titled = append(titled, e)
		}
	}
	if len(titled) == 0 {
		return
	}
	for _, m := range refs {
		var e *ent
		switch {
		case m.ord > 0 && m.ord <= len(titled):
			e = titled[m.ord-1]
		case m.ord == 0:
			for _, t := range titled {
				if t.first < m.t0 {
					e = t
				}
			}
		}
		if e == nil || !s.free(m.t0, m.kindEnd) {
			continue
		}
		s.add(e, m.t0, m.kindEnd)
		s.claim(e, m.t0, m.kindEnd)
	}
}

// eventKindIn reports whether an event kind is written on tokens [t0, t1).
func (s *state) eventKindIn(t0, t1 int) bool {
	for k := t0; k < t1; k++ {
		for _, hi := range s.byTok[k] {
			if s.hits[hi].ref.kind == lkEvent {
				return true
			}
		}
	}
	return false
}

// hasHit reports whether the article has a hit of kind k.
func (s *state) hasHit(k lexKind) bool {
	for _, h := range s.hits {
		if h.ref.kind == k {
			return true
		}
	}
	return false
}

// sameEvent reports whether two event mentions name the same event.
func sameEvent(a, b *evMention, d *doc) bool {
	if a.date != nil && b.date != nil && a.date.From != b.date.From {
		return false // "le webinaire du 12 septembre" and "le prochain, le 14 novembre"
	}
	if fold(a.name) == fold(b.name) {
		return true
	}
	// "Pour son premier regroupement régional, le réseau … Le samedi 8
	// février, … pour une journée d'échanges …": the day is the format of
	// the event announced just before
	for _, p := range [2][2]*evMention{{a, b}, {b, a}} {
		ev, day := p[0], p[1]
		if (ev.poss || ev.ord > 0) && ev.date == nil && day.date != nil && (day.kind == "day" || day.kind == "evening") &&
			d.is(day.t0-1, "une") && ev.t0 < day.t0 && d.toks[day.t0].sent-d.toks[ev.t0].sent <= 1 {
			return true
		}
	}
	if a.kind != b.kind {
		return false
	}
	if a.date != nil && b.date != nil && (a.bare || b.bare) {
		return true // a heading "Journée régionale le 28 novembre" and the titled journée of that day
	}
	if a.date != nil && b.date != nil && a.date.From == b.date.From && a.kind != "round_table" && !a.poss && !b.poss {
		return true // "une soirée de témoignages le vendredi 25 avril" and the agenda's "soirée anniversaire" that day
	}
	// "## Forum « Entreprendre autrement » – samedi 29 novembre, Rennes", then
	// "X organise son forum annuel à …": the heading's event
	for _, p := range [2][2]*evMention{{a, b}, {b, a}} {
		h, m := p[0], p[1]
		if m.poss && m.kindEnd-m.t0 <= 4 && h.t0 < m.t0 && d.toks[m.t0].line-d.toks[h.t0].line <= 3 && headingLine(d, h.t0) {
			return true
		}
	}
	// the title line names the event the body describes
	if (d.toks[a.t0].line == 0) != (d.toks[b.t0].line == 0) {
		return true
	}
	if jaccard(signature(a.name), signature(b.name)) >= 0.5 {
		return true
	}
	// "Rencontres régionales de l'ESS" and "4es Rencontres régionales de
	// l'économie sociale et solidaire du Grand Est": one name's words, the
	// field's acronyms spelt out, all in the other
	wa, wb := expandedWords(a.name), expandedWords(b.name)
	for _, w := range strings.Fields(fold(a.kindWord) + " " + fold(b.kindWord)) {
		delete(wa, w) // the kind itself says nothing of which event
		delete(wb, w)
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) < 2 && (len(wa) == 0 || a.date == nil || b.date == nil) {
		return false // one word in common is enough only on the same day
	}
	for w := range wa {
		if !wb[w] {
			return false
		}
	}
	return true
}

// fieldAcronyms spells out the acronyms event names use.
var fieldAcronyms = map[string]string{
	"ess": "economie sociale solidaire", "iae": "insertion activite economique", "qpv": "quartiers prioritaires",
	"rse": "responsabilite sociale entreprises", "ptce": "poles territoriaux cooperation economique",
}

// expandedWords is the set of content words of a name, acronyms spelt out,
// ordinals dropped.
func expandedWords(name string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(signature(name)) {
		if w != "" && w[0] >= '0' && w[0] <= '9' {
			continue
		}
		if x, ok := fieldAcronyms[w]; ok {
			for _, y := range strings.Fields(x) {
				out[y] = true
			}
			continue
		}
		out[w] = true
	}
	return out
}

// organizeVerbBefore reports whether an organizing verb stands in the
// sentence of token i, before it ("organise, avec X, un webinaire").
func organizeVerbBefore(d *doc, i int) bool {
	for j := i - 1; j >= 0 && j > i-32 && d.sameSent(i, j); j-- {
		if organizeVerbs[d.toks[j].fold] {
			return true
		}
	}
	return false
}

// headingLine reports whether token i stands on a short line of its own.
func headingLine(d *doc, i int) bool {
	a, b := i, i+1
	for a > 0 && !d.toks[a].nl {
		a--
	}
	for b < len(d.toks) && !d.toks[b].nl {
		b++
	}
	return d.toks[a].nl && b-a <= 18
}

// jaccard is the Jaccard overlap of two space-separated word sets.
func jaccard(a, b string) float64 {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	set := map[string]int{}
	for _, w := range wa {
		set[w] |= 1
	}
	for _, w := range wb {
		set[w] |= 2
	}
	inter := 0
	for _, v := range set {
		if v == 3 {
			inter++
		}
	}
	return float64(inter) / float64(len(set))
}

// titleEvent reads "KIND : topic" in an article title.
func titleEvent(t *doc, kindWord string) string {
	if len(t.toks) < 3 || t.toks[0].fold != kindWord || !t.punct(1, ":") {
		return ""
	}
	return t.toks[0].text + " " + strings.TrimSpace(t.text[t.toks[2].b0:])
}

// longestKindAt returns the end of the longest hit of kind k at token i.
func (s *state) longestKindAt(i int, k lexKind) int {
	best := -1
	for _, hi := range s.byTok[i] {
		if h := s.hits[hi]; h.ref.kind == k && h.t1 > best {
			best = h.t1
		}
	}
	return best
}

// eventAt reads an event mention around the kind hit h, or returns nil when
// the mention is generic.
func (s *state) eventAt(h hit) *evMention {
	d := s.d
	k := s.x.lx.events[h.ref.idx]
	kindWord := fold(k.form)
	if anaphoricKinds[kindWord] {
		return nil
	}
	if d.capsLine(h.t0) {
		return nil // a heading in capitals ("PROGRAMME DE LA JOURNÉE")
	}
	if d.is(h.t0-1, "des", "de") && d.is(h.t0-2, "palais", "centre", "parc", "hall") {
		return nil // "le Palais des congrès", "le Parc des expositions": a venue
	}
	if kindWord == "visite" && (!d.is(h.t1, "de", "d", "du") || s.personStartsAt(h.t1+1) == nil && !d.is(h.t1+1, "la", "le") || s.scheduleLine(h.t0)) {
		return nil // a visit is an event when someone's: "Visite de Mme X, ministre …"
	}
	if kindWord == "visite" && d.is(h.t1+1, "la", "le") && !d.is(h.t1+2, "ministre", "prefet", "prefete", "secretaire", "president", "presidente") {
		return nil // "la visite du chantier"
	}
	m := &evMention{t0: h.t0, t1: h.t1, kindTok: h.t0, kindEnd: h.t1, kind: k.kind, kindWord: kindWord}
	kindTk := d.toks[h.t0]
	// the number of the head word ("journées d'échanges" is plural, "journée d'échanges" is not)
	head, _, _ := strings.Cut(d.toks[h.t0].fold, " ")
	plural := strings.HasSuffix(head, "s") && !singularS[head]
	// an ordinal before, or "la 5e édition du Forum …"
	ord := 0
	j := h.t0 - 1
	if d.is(j, "la", "l") && d.is(j-1, "de") {
		j--
	}
	if d.is(j, "du", "de", "des", "d") && d.is(j-1, "edition") {
		if n, ok := article.Ordinal(tokText(d, j-2)); ok {
			ord, m.t0 = n, j-2
		}
	} else if n, ok := article.Ordinal(tokText(d, h.t0-1)); ok && d.toks[h.t0-1].kind != tPunct {
		ord, m.t0 = n, h.t0-1
	}
	m.ord = ord
	if d.is(m.t0-1, "son", "sa", "ses", "leur", "leurs") {
		m.poss = true
	}
	indefinite := d.is(m.t0-1, "un", "une", "des", "les", "aux", "plusieurs", "trois", "deux", "quatre", "cinq", "chaque", "ces", "nos", "vos")
	if indefinite && kindTk.cap && d.is(m.t0-1, "des", "aux", "les") && !kindTk.nl && m.t0 > 0 && (!d.toks[m.t0-1].nl || s.seriesName(h.t1)) {
		// "lors des Rencontres nationales de …": de + les, a name; "Les
		// Rencontres régionales 2026 de …" opening a paragraph likewise
		indefinite = false
	}
	// adjectives, a quoted title, a topic
	end := h.t1
	for end < len(d.toks) && d.sameSent(h.t0, end) && d.toks[end].kind == tWord && !d.toks[end].cap && adjectiveLike(d.toks[end].fold) && !verbLike(d.toks[end].fold) {
		end++
	}
	yearNamed := false
	if kindTk.cap && end < len(d.toks) && d.sameSent(h.t0, end) && isYearTok(d, end) {
		end, yearNamed = end+1, true // "Rencontres régionales 2026", "Forum 2025"
	}
	if d.is(end, "avec") && (possessives[tokFold(d, end+1)] || s.personStartsAt(end+1) != nil) {
		return nil // "Rencontre avec sa directrice": an interview's lead, not an event
	}
	// capitalised adjectives of a named event ("Rencontres nationales", "Forum Régional")
	title := ""
	topicEnd := end
	tk := end
	numbered := false
	if tk+1 < len(d.toks) && d.sameSent(h.t0, tk+1) && d.toks[tk].kind == tNum && len(d.toks[tk].text) <= 2 && d.punct(tk+1, ":", "–", "—", "-") {
		tk, numbered = tk+2, true // "Table ronde 1 : « … »", "Atelier 2 – …"
	} else if d.punct(tk, ":") && tk+1 < len(d.toks) && d.sameSent(h.t0, tk+1) {
		tk, numbered = tk+1, true // "Table ronde : …"
	} else if k.kind == "round_table" && d.punct(tk, ",") && d.punct(tk+1, "«", "\"", "“") {
		tk++ // "la première table ronde, « … », a réuni …"
	}
	switch {
	case d.is(tk, "intitule", "intitulee", "intitules", "intitulees", "baptise", "baptisee", "denomme", "denommee"):
		tk++ // "une journée d'échanges intitulée « … »"
	case d.is(tk, "sur", "autour") && d.is(tk+1, "le", "du") && d.is(tk+2, "theme"):
		tk += 3 // "un forum sur le thème « … »"
	}
	if tk > end && !d.punct(tk, "«", "\"", "“") && !numbered {
		tk = end
	}
	if st, e2, quoted := s.properName(tk, true); quoted && e2 > st {
		title = d.str(st, e2)
		topicEnd = e2 + 1
	} else if numbered && tk < len(d.toks) && d.toks[tk].cap && d.toks[tk].kind == tWord {
		// an unquoted title after the number: up to a comma, a parenthesis or the line end
		e2 := tk
		for e2 < len(d.toks) && e2 < tk+14 && d.sameSent(tk, e2) && !d.punct(e2, ",", "(", ";", "–", "—") {
			e2++
		}
		if e2 > tk+1 {
			title = d.str(tk, e2)
			topicEnd = e2
		}
	} else if !yearNamed { // "les Rencontres régionales 2026 de la Fédération …": its organizer
		ce := s.eventComplement(end)
		if ce > end {
			topicEnd = ce
		}
	}
	if topicEnd == end && title == "" && d.is(end, "avec") && d.is(end+1, "les", "des") && strings.HasPrefix(kindWord, "rencontre") && kindTk.cap && !s.scheduleLine(h.t0) {
		// "Rencontre avec les structures d'insertion du 15e arrondissement"
		if ce := s.eventComplementFrom(end+1, true); ce > end+2 {
			topicEnd = ce
		}
	}
	hasTopic := topicEnd > end
	dedicated := false
	// "Le RTES consacrera un webinaire aux monnaies locales …": the topic after
	// "consacrer un <kind> à"
	if !hasTopic && title == "" && d.is(m.t0-1, "un", "une", "son", "sa") && strings.HasPrefix(tokFold(d, m.t0-2), "consacr") && d.is(end, "a", "au", "aux") {
		if ce := s.eventComplementFrom(end+1, true); ce > end+1 {
			m.name = capitalize(d.str(h.t0, end)) + " " + d.str(end, ce)
			hasTopic, topicEnd, dedicated = true, ce, true
		}
	}
	// a topic written further in the sentence: "un webinaire jeudi 12 décembre, consacré au …"
	// ("la matinée a été consacrée aux interventions" describes a part of the day)
	if !hasTopic && title == "" {
		definiteHere := d.is(m.t0-1, "le", "la", "l", "ce", "cet", "cette")
		for x := end; x < len(d.toks) && d.sameSent(h.t0, x) && x < end+16; x++ {
			if eventPreps[d.toks[x].fold] && !d.is(x, "sur") && (!definiteHere || d.punct(x-1, ",")) {
				if ce := s.eventComplement(x); ce > x+1 {
					m.name = capitalize(d.str(h.t0, end)) + " " + d.str(x, ce)
					hasTopic = true
				}
				break
			}
		}
	}
	m.t1 = topicEnd
	definite := d.is(m.t0-1, "le", "la", "l", "ce", "cet", "cette", "du", "au")
	specific := ord > 0 || title != "" || m.poss || kindTk.cap && !plural
	date := s.dateNear(m.t0, m.t1)
	if !specific && kindTk.cap && plural && !indefinite && s.seriesName(h.t1) {
		specific = true // "les Rencontres régionales 2026"
	}
	if !specific && hasTopic && (!indefinite || dedicated) {
		specific = true
	}
	if !specific && date != nil && strongKinds[kindWord] && !plural && !definite {
		specific = true
	}
	if k.kind == "round_table" && title == "" && !hasTopic {
		if plural {
			return nil
		}
		return m // untitled: one of the titled round tables, or none (see roundTableRefs)
	}
	if !specific || plural && !kindTk.cap {
		return nil
	}
	if title == "" && !hasTopic && ord == 0 && s.scheduleLine(h.t0) {
		return nil // "10h45 – Rencontre avec …": a part of the day's schedule
	}
	if plural && indefinite {
		return nil
	}
	m.date = date
	m.bare = title == "" && !hasTopic && ord == 0 && !m.poss
	if m.name == "" {
		var b strings.Builder
		if ord > 0 {
			b.WriteString(ordinalText(ord, d.toks[m.t0].fold) + " ")
		}
		b.WriteString(capitalize(d.str(h.t0, end)))
		switch {
		case title != "":
			b.WriteString(" " + title)
		case hasTopic:
			b.WriteString(" " + d.str(end, topicEnd))
		case m.poss:
			if o := s.possessor(m.t0); o != nil {
				b.WriteString(" de " + shortName(o))
			}
		}
		m.name = b.String()
	}
	return m
}

// seriesName reports whether the words from token i, after an event kind,
// make it the name of a series: lower-case adjectives then a year, or
// adjectives then "de" ("Rencontres régionales 2026", "Journées nationales
// de …").
func (s *state) seriesName(i int) bool {
	d := s.d
	x := i
	for x < len(d.toks) && x < i+3 && d.toks[x].kind == tWord && !d.toks[x].cap && adjectiveLike(d.toks[x].fold) && !verbLike(d.toks[x].fold) {
		x++
	}
	if isYearTok(d, x) {
		return true
	}
	return x > i && d.is(x, "de", "du", "des", "d")
}

// organizeVerbForms are the forms of "organiser" that announce an event
// ("L'association organise une bourse aux vélos le samedi 17 janvier").
var organizeVerbForms = set("organise", "organisent", "organisera", "organiseront", "organisait", "organisaient")

// organizedEvents reads an event named by what happens rather than by a
// kind of the lexicon, announced by an organizer and dated: "X organise une
// bourse aux vélos le samedi 17 janvier à la salle Y", "le café organise
// une « Grande Tablée » samedi 22 novembre". The name is the quoted title,
// or the noun phrase of two to five words; the date must follow it
// directly. Organizers and place are read like any event's.
func (s *state) organizedEvents() {
	d := s.d
	n := len(d.toks)
	for v := 1; v+3 < n; v++ {
		if !organizeVerbForms[d.toks[v].fold] || !d.is(v+1, "un", "une") || !d.sameSent(v, v+2) {
			continue
		}
		st := v + 2
		if !s.free(st, st+1) || s.eventKindIn(st, min(n, st+2)) {
			continue // a kind of the lexicon: read by events
		}
		var end int
		if ps, pe, quoted := s.properName(st, true); quoted && pe > ps {
			st, end = ps, pe
			if d.punct(end, "»", "\"", "”") {
				end++
			}
		} else {
			end = st
			for end < n && end < st+5 && d.sameSent(st, end) && d.toks[end].kind == tWord && !d.toks[end].cap && !verbLike(d.toks[end].fold) &&
				!months[d.toks[end].fold] && !weekdays[d.toks[end].fold] && !d.is(end, "le", "la", "les", "l", "a", "au", "en", "dans", "pour", "avec", "qui", "que", "et", "ou") {
				end++
			}
			if end-st < 2 || d.is(end-1, "de", "du", "des", "d", "aux") {
				continue
			}
		}
		if !s.hasHit(lkEvent) && s.dates == nil {
			s.dates = article.FindDates(s.a.Text, s.a.PublishedAt) // (events reads them when a kind is named)
		}
		date := s.dateNear(end, end+1)
		if date == nil {
			continue
		}
		dt := d.tokenAtByte(date.Start)
		if dt < end || dt > end+2 || !d.sameSent(v, dt) {
			continue // the date must follow the name ("… le samedi 17 janvier")
		}
		nameEnd := end
		if d.punct(nameEnd-1, "»", "\"", "”") {
			nameEnd-- // the title without its closing quote
		}
		ns := st
		if d.punct(ns, "«", "\"", "“") {
			ns++
		}
		if !s.free(ns, nameEnd) {
			continue
		}
		e := &ent{typ: kg.TypeEvent, name: capitalize(d.str(ns, nameEnd)), kind: "event", keyTok: ns, start: date.From}
		if date.To != date.From {
			e.end = date.To
		}
		e.id = kg.NewEventID(e.start, e.name)
		e = s.add(e, ns, nameEnd)
		s.claim(e, ns, nameEnd)
		s.evList = append(s.evList, e)
		v = end
	}
}

// isYearTok reports whether token i is a year of this century.
func isYearTok(d *doc, i int) bool {
	return i < len(d.toks) && d.toks[i].kind == tNum && len(d.toks[i].text) == 4 && strings.HasPrefix(d.toks[i].text, "20")
}

// scheduleLine reports whether token i stands on a line of a day's
// schedule, opened by a time ("10h45 – Rencontre avec …"): a part of the
// event, not an event of its own.
func (s *state) scheduleLine(i int) bool {
	d := s.d
	k := i
	for k > 0 && !d.toks[k].nl && k > i-80 {
		k--
	}
	if !d.toks[k].nl {
		return false
	}
	f := d.toks[k].fold
	h := strings.IndexByte(f, 'h')
	if h < 1 || h > 2 {
		return false
	}
	for _, c := range f[:h] + f[h+1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func tokFold(d *doc, i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].fold
}

func tokText(d *doc, i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].text
}

// ordinalText writes an ordinal the short way, keeping the gender of
// "1re" / "première".
func ordinalText(n int, written string) string {
	if n == 1 {
		if strings.HasPrefix(written, "1r") || strings.HasPrefix(written, "1ere") || strings.HasPrefix(written, "premiere") || strings.HasPrefix(written, "ire") {
			return "1re"
		}
		return "1er"
	}
	return strconv.Itoa(n) + "e"
}

// shortName is the name an organization goes by: its acronym, else its name.
func shortName(o *ent) string {
	if o.acronym != "" && !strings.Contains(o.name, " "+o.acronym) && (o.lex == nil || !o.lex.generic) {
		return o.acronym
	}
	return o.name
}

// eventComplement returns the end of an event's topic starting at token i:
// "des collectivités locales autour de l'ESS", "de l'économie sociale et
// solidaire", "des tiers-lieux des Hauts-de-France", "consacré au
// financement des tiers-lieux".
func (s *state) eventComplement(i int) int { return s.eventComplementFrom(i, false) }

// eventComplementFrom is eventComplement, starting after a preposition when
// afterPrep ("consacrera un webinaire aux | monnaies locales").
func (s *state) eventComplementFrom(i int, afterPrep bool) int {
	d := s.d
	n := len(d.toks)
	end := i
	run := 0
	for j := i; j < n && j < i+18 && d.sameSent(i, j); j++ {
		t := d.toks[j]
		f := t.fold
		afterArticle := j > i && (articles[d.toks[j-1].fold] || d.toks[j-1].elided) && afterPrep
		if t.kind == tPunct {
			if t.text == "(" && j+2 < n && d.toks[j+1].upper && d.punct(j+2, ")") {
				j += 2 // "(PTCE)"
				continue
			}
			break
		}
		if months[f] || weekdays[f] || t.kind == tNum {
			return end
		}
		if eventPreps[f] {
			afterPrep = true
			run = 0
			continue
		}
		if f == "a" || f == "au" || f == "aux" || f == "en" || f == "le" && !afterPrep {
			nx := s.skipArticle(j + 1)
			if !afterPrep && j+1 < n && (d.toks[j+1].cap || d.toks[nx].cap || d.toks[j+1].kind == tNum || s.isHead(j+1) || s.isHead(nx) || !eventPreps[d.toks[max(j-1, 0)].fold]) {
				return end
			}
		}
		if t.elided && f != "l" && f != "d" {
			return end
		}
		if f == "en" && j+1 < n && strings.HasSuffix(d.toks[j+1].fold, "ant") {
			return end
		}
		if namePreps[f] || t.elided || articles[f] && afterPrep {
			if articles[f] && !afterPrep {
				return end
			}
			if f == "et" {
				nx := j + 1
				if nx >= n || !(d.toks[nx].cap || namePreps[d.toks[nx].fold] || adjectiveLike(d.toks[nx].fold) || articles[d.toks[nx].fold]) {
					return end
				}
			}
			afterPrep = true
			run = 0
			continue
		}
		if determiners[f] || nameStops[f] && !t.cap {
			return end
		}
		switch {
		case t.cap || t.upper:
			end = j + 1
		case (afterPrep || run > 0) && run < 3 && (!verbLike(f) || afterArticle):
			end = j + 1
			run++
			afterPrep = false
			continue
		case adjectiveLike(f):
			end = j + 1
		default:
			return end
		}
		afterPrep = false
	}
	return end
}

// dateNear returns the date written nearest to tokens [t0, t1) in their
// sentence, else in a short line just before or after (a header: "Du 3 au
// 5 juin 2025 à Lyon").
func (s *state) dateNear(t0, t1 int) *article.DateMatch {
	d := s.d
	sent := d.toks[t0].sent
	best, bestDist := -1, 1<<30
	for i := range s.dates {
		dm := &s.dates[i]
		k := d.tokenAtByte(dm.Start)
		if k < 0 || d.toks[k].sent != sent {
			continue
		}
		dist := k - t1
		if k < t0 {
			dist = t0 - k
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best >= 0 {
		return &s.dates[best]
	}
	line := d.toks[t0].line
	for i := range s.dates {
		dm := &s.dates[i]
		k := d.tokenAtByte(dm.Start)
		if k < 0 {
			continue
		}
		ls := d.toks[k].sent
		if ls == sent-1 || ls == sent+1 {
			sr := d.sents[ls]
			if sr[1]-sr[0] <= 12 && (d.toks[k].line-line <= 2 && d.toks[k].line-line >= -2) {
				return dm
			}
		}
	}
	return nil
}

// subjectOrg returns the organization that is the subject of the sentence
// of token i: the last one named before i in the sentence.
func (s *state) subjectOrg(i int) *ent {
	d := s.d
	for j := i - 1; j >= 0 && d.sameSent(i, j); j-- {
		if e := s.own(j); e != nil && e.typ == kg.TypeOrganization {
			// not inside a prepositional phrase ("au Ministère de …")
			st, _, _ := e.mentionAt(j)
			if h := s.headEndingAt(st); h >= 0 {
				st = h // "par l'association X": the type noun before the name
			}
			if d.is(st-1, "au", "aux", "a", "du", "des", "de", "d", "par", "avec", "pour") || d.is(st-2, "a", "de", "par", "avec", "pour") && d.is(st-1, "la", "l", "le", "les") {
				j = st
				continue
			}
			return e
		}
	}
	return nil
}

// possessor returns the organization a possessive at token i refers to:
// the subject of its sentence before it, else the subject after it ("Lors
// de son assemblée générale, le RNEI a élu …").
func (s *state) possessor(i int) *ent {
	if o := s.subjectOrg(i); o != nil {
		return o
	}
	d := s.d
	for j := i + 1; j < len(d.toks) && d.sameSent(i, j); j++ {
		o := s.own(j)
		if o == nil || o.typ != kg.TypeOrganization {
			continue
		}
		st, en, _ := o.mentionAt(j)
		if d.is(st-1, "au", "aux", "a", "du", "des", "de", "d", "par", "avec", "pour") || d.is(st-1, "la", "l", "le", "les") && d.is(st-2, "a", "de", "par", "avec", "pour") {
			j = max(j, en-1)
			continue
		}
		if d.punct(st-1, ",") || d.is(st-1, "le", "la", "l", "les") && d.punct(st-2, ",") {
			return o
		}
		return nil
	}
	return nil
}

// headEndingAt returns the start of a lower-case organization head ending
// just before token i ("l'association X": the token of "association"), -1
// if none.
func (s *state) headEndingAt(i int) int {
	for _, hi := range s.hitsEndingAt(i) {
		if h := s.hits[hi]; h.ref.kind == lkHead && !s.d.toks[h.t0].cap {
			return h.t0
		}
	}
	return -1
}

// gatheringEvent reads an event named only by a generic mention after a
// dated gathering: "Vendredi 23 mai 2025, la Fondation X a réuni à Rennes
// … les huit lauréats … Ouvrant la rencontre, Y …" — when the article
// names no event, the gathering is one, of the kind the mention says.
func (s *state) gatheringEvent() {
	if len(s.evList) > 0 || len(s.evAnaphora) == 0 {
		return
	}
	d := s.d
	a := s.evAnaphora[0]
	kindWord := d.toks[a[0]].fold
	if !strongKinds[kindWord] {
		return
	}
	sa := d.toks[a[0]].sent
	for si := sa; si >= 0 && si >= sa-3; si-- {
		r := d.sents[si]
		for v := r[0]; v < r[1]; v++ {
			if !(d.is(v, "reuni", "reunit", "reunissent") && (d.is(v, "reunit", "reunissent") || d.is(v-1, "a", "ont", "avait", "avaient"))) {
				continue
			}
			orgs := s.subjectsBefore(v)
			date := s.dateNear(v, v+1)
			if len(orgs) == 0 || date == nil || d.toks[d.tokenAtByte(date.Start)].sent != si {
				continue
			}
			kind := "meeting"
			for _, hi := range s.byTok[a[0]] {
				if h := s.hits[hi]; h.ref.kind == lkEvent && h.t0 == a[0] {
					kind = s.x.lx.events[h.ref.idx].kind
				}
			}
			name := capitalize(d.str(a[0], a[1]))
			e := &ent{typ: kg.TypeEvent, name: name + " de " + strings.TrimPrefix(strings.TrimPrefix(orgs[0].name, "Le "), "La "), kind: kind, keyTok: a[0], start: date.From, names: []string{name}}
			if date.To != date.From {
				e.end = date.To
			}
			e.id = kg.NewEventID(e.start, e.name)
			st := v
			if d.is(v-1, "a", "ont", "avait", "avaient") {
				st = v - 1
			}
			e = s.add(e, st, v+1) // "a réuni": where the gathering is told
			s.claim(e, st, v+1)
			s.evList = append(s.evList, e)
			for _, o := range orgs {
				s.relate(kg.Organized, o, e, "", si, "rules/event-gathering", 0.7)
			}
			return
		}
	}
}

package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// organizeVerbs say that their subject organizes the event in their object.
var organizeVerbs = set("organise", "organisent", "organisera", "organiseront", "organisait", "organisaient", "organise", "tient", "tiennent", "tiendra",
	"invite", "invitent", "convie", "convient", "reunissait", "tenait", "coorganisait",
	"reunit", "reunissent", "reunira", "propose", "proposent", "proposera", "accueille", "accueillent", "accueillera", "lance", "lancent", "coorganise", "coorganisent",
	"consacre", "consacrent", "consacrera", "consacreront")

// organizeParticiples introduce the organizer after "par".
var organizeParticiples = set("organise", "organisee", "organises", "organisees", "coordonne", "coordonnee", "coordonnes", "coordonnees",
	"coorganise", "coorganisee", "co organise", "co organisee", "co organises", "co organisees", "initie", "initiee", "propose", "proposee")

// participationVerbs, in the past or future, say that their subject took
// part in the event being reported (present-tense quotes are not counted).
var participationVerbs = set("rappele", "explique", "souligne", "salue", "presente", "ouvert", "cloture", "anime", "temoigne", "intervenu", "intervenue",
	"plaide", "insiste", "declare", "participe", "introduit", "conclu", "detaille", "precise", "indique", "annonce", "evoque", "defendu", "pris",
	"ouvrira", "cloturera", "presentera", "animera", "interviendra", "interviendront", "temoignera", "participera", "participeront", "presideront", "presidera", "preside")

// participationBy introduce participants after a participle: "animée par X",
// "ouverte par X", "en présence de X".
var participationBy = set("animee", "anime", "animees", "animes", "ouverte", "ouvert", "presentee", "presente", "presentees", "presentes", "cloturee", "cloture",
	"introduite", "introduit", "moderee", "modere", "representee", "represente", "representees", "representes", "presidee",
	"ouverture", "intervention", "introduction", "conclusion", "animation", "inaugure", "inauguree", "inaugures", "inaugurees")

// eventRelations links events to their organizers (ORGANIZED), places
// (HELD_AT) and participants (PARTICIPATED_IN).
func (s *state) eventRelations() {
	if len(s.evList) == 0 {
		return
	}
	d := s.d
	for _, e := range s.evList {
		if e.frame {
			continue // "dans le cadre du Mois de l'ESS": not what is reported
		}
		organizers := map[*ent]bool{}
		for _, sp := range e.spans {
			sent := d.toks[sp[0]].sent
			// "son assemblée générale", "ses Rencontres nationales"
			if d.is(sp[0]-1, "son", "sa", "ses", "leur", "leurs") {
				if o := s.possessor(sp[0]); o != nil {
					s.relate(kg.Organized, o, e, "", sent, "rules/event-possessive", 0.8)
					organizers[o] = true
				}
			}
			// "l'assemblée générale de la Régie de quartier X": its members meet
			if e.kind == "general_assembly" {
				for k := sp[0] + 1; k < sp[1]; k++ {
					if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && d.is(s.prepBefore(k), "de", "du", "des", "d") {
						s.relate(kg.Organized, o, e, "", sent, "rules/event-of", 0.8)
						organizers[o] = true
						break
					}
				}
			}
			// "le webinaire de l'Observatoire solidaire", "la journée régionale du centre de ressources"
			if e.kind != "general_assembly" && e.kind != "round_table" {
				if o := s.eventOfOrg(sp); o != nil {
					s.relate(kg.Organized, o, e, "", sent, "rules/event-of", 0.7)
					organizers[o] = true
				}
			}
			for _, o := range s.activeOrganizers(sp[0]) {
				if venueLike(o) && s.hostVerbBefore(sp[0]) {
					// "la salle Paul-Éluard a accueilli le forum": where it took place
					s.relate(kg.HeldAt, e, o, "", sent, "rules/event-host-venue", 0.7)
					continue
				}
				s.relate(kg.Organized, o, e, "", sent, "rules/event-subject", 0.8)
				organizers[o] = true
			}
			for _, o := range s.passiveOrganizers(sp[0], sp[1]) {
				s.relate(kg.Organized, o, e, "", sent, "rules/event-organized-by", 0.85)
				organizers[o] = true
			}
			// a dated heading, then "Le réseau X réunit ses membres à …": the
			// description's subject organizes the heading's event
			if len(organizers) == 0 && headingLine(d, sp[0]) && s.sentHasDate(sent) && sent+1 < len(d.sents) && !s.sentHasAnyEvent(sent+1) {
				r := d.sents[sent+1]
				for v := r[0]; v < r[1] && v < r[0]+12; v++ {
					if organizeVerbs[d.toks[v].fold] {
						for _, o := range s.subjectsBefore(v) {
							s.relate(kg.Organized, o, e, "", sent+1, "rules/event-heading-subject", 0.7)
							organizers[o] = true
						}
						break
					}
				}
			}
		}
		s.heldAt(e, organizers)
	}
	for si, r := range d.sents {
		if !organizeParticiples[d.toks[r[0]].fold] || !d.is(r[0]+1, "par") {
			continue
		}
		ev := s.reportedEventBefore(r[0])
		if ev == nil || d.toks[ev.first].sent < si-2 {
			continue
		}
		for k := r[0] + 2; k < r[1] && !d.punct(k, ","); k++ {
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
				s.relate(kg.Organized, o, ev, "", si, "rules/event-organized-by", 0.75)
				_, e, _ := o.mentionAt(k)
				k = max(k, e-1)
			}
		}
	}
	s.participants()
	s.participationFrames()
}

// participationFrames reads the people of a sentence framed by the event:
// "Lors de la soirée de présentation, X a remercié …", "Ouvrant la
// rencontre, X a rappelé …", "… a souligné X en ouvrant la journée".
func (s *state) participationFrames() {
	d := s.d
	for si, r := range d.sents {
		var ev *ent
		for k := r[0]; k+1 < r[1]; k++ {
			lead := k == r[0] && d.is(k, "lors") && d.is(k+1, "de", "du", "d") ||
				d.is(k, "ouvrant", "cloturant", "introduisant", "concluant") && (k == r[0] || d.is(k-1, "en"))
			if !lead {
				continue
			}
			for x := k + 1; x < r[1] && x < k+5; x++ {
				if e := s.own(x); e != nil && e.typ == kg.TypeEvent {
					ev = e
					break
				}
			}
			if ev != nil {
				break
			}
		}
		if ev == nil {
			continue
		}
		for k := r[0]; k < r[1]; k++ {
			if p := s.own(k); p != nil && p.typ == kg.TypePerson && s.mentionStartsAt(p, k) && !s.hasRel(kg.Organized, p, ev) {
				s.relate(kg.ParticipatedIn, p, ev, "", si, "rules/participation-frame", 0.65)
			}
		}
	}
}

// activeOrganizers returns the subjects of an organizing verb whose object
// is the event mention starting at t0: "Le RTES et France urbaine
// organisent un webinaire", "la CRESS a tenu son assemblée générale".
func (s *state) activeOrganizers(t0 int) []*ent {
	d := s.d
	v := -1
	// the verb may be some way before its object: "X organise le jeudi 23
	// mai, de 10h à 12h, un webinaire", "X a réuni à Mulhouse 150
	// professionnels pour une journée"; a relative clause or another event
	// in between breaks the link
	for j := t0 - 1; j >= 0 && j >= t0-32 && d.sameSent(t0, j); j-- {
		if d.is(j, "qui", "que", "qu", "dont", "lorsque", "quand", "ou") || d.punct(j, ";", ":") || j < t0-6 && s.own(j) != nil && s.own(j).typ == kg.TypeEvent {
			break
		}
		if organizeVerbs[d.toks[j].fold] || d.is(j, "tenu", "organise", "reuni", "accueilli", "lance", "consacre") && d.is(j-1, "a", "avait", "ont", "avaient") || d.is(j, "tenu", "organise", "reuni", "accueilli", "lance", "consacre") && d.is(j-2, "a", "avait", "ont", "avaient") {
			v = j
			break
		}
	}
	if v < 0 {
		return nil
	}
	out := s.subjectsBefore(v) // "X et Y organisent"
	if len(out) > 0 && d.punct(v+1, ",") && d.is(v+2, "avec") {
		// "X organise, avec Y, un webinaire": a co-organizer
		for k := v + 3; k < t0 && k < v+30 && !d.punct(k, ","); k++ {
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

// passiveOrganizers returns the organizations after "organisé(e) par",
// "coordonné par", "à l'initiative de" in the sentence of the event
// mention [t0, t1).
func (s *state) passiveOrganizers(t0, t1 int) []*ent {
	d := s.d
	sent := d.sents[d.toks[t0].sent]
	var out []*ent
	for j := sent[0]; j+1 < sent[1]; j++ {
		by := organizeParticiples[d.toks[j].fold] && !participationBy[d.toks[j].fold] && (d.is(j+1, "par", "avec") || s.byAfterPlace(j+1, sent[1])) || d.is(j, "initiative") && d.is(j+1, "de", "du", "des", "d") ||
			d.is(j, "partenariat") && d.is(j-1, "en") && d.is(j+1, "avec") // "en partenariat avec X": a co-organizer
		if !by && !(d.toks[j].fold == "coordonne" || d.toks[j].fold == "coordonnee") {
			continue
		}
		// every "par X" after the participle in the sentence ("coordonné au niveau national par X et en Bretagne par Y")
		initiative := d.is(j, "initiative")
		chain := false // the last organization read was an organizer: a comma continues the list
		for k := j + 1; k < sent[1] && k < j+40; k++ {
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) && (d.is(k-1, "par", "avec", "et") || initiative && d.is(k-1, "de", "du", "des", "d") ||
				chain && d.punct(k-1, ",") || d.is(k-1, "la", "le", "l") && (d.is(k-2, "par", "avec", "et") || initiative && d.is(k-2, "de") || chain && d.punct(k-2, ","))) {
				out = append(out, o)
				_, e, _ := o.mentionAt(k)
				k = e - 1
				chain = true
				continue
			}
			if s.own(k) != nil || !d.punct(k, ",") && !d.is(k, "et", "la", "le", "l") {
				chain = false
			}
			if d.punct(k, ".", ";") || s.own(k) != nil && s.own(k).typ == kg.TypeEvent && k >= t1 {
				break
			}
		}
	}
	return out
}

// byAfterPlace reports whether "par" follows token i after the date or the
// place of an event: "organisée à l'espace Belle-Isle, à Châteauroux, par
// X", "organisée le 9 octobre à Tours par X".
func (s *state) byAfterPlace(i, end int) bool {
	d := s.d
	if !d.is(i, "a", "au", "aux", "dans", "le") {
		return false
	}
	for k := i; k < end && k < i+18; k++ {
		switch {
		case d.is(k, "par"):
			return k > i+1
		case d.punct(k, ","), d.is(k, "a", "au", "aux", "dans", "la", "le", "l", "les", "de", "du", "des", "d"),
			d.toks[k].kind == tNum, months[d.toks[k].fold], weekdays[d.toks[k].fold]: // "le 9 octobre à l'espace X, à Tours, par"
		case s.own(k) != nil && (s.own(k).typ == kg.TypeOrganization || s.own(k).typ == kg.TypeTerritory):
		case d.toks[k].cap:
		default:
			return false
		}
	}
	return false
}

// mentionStartsAt reports whether a mention of o starts at token k (not
// "et" inside "Palais de la musique et des congrès").
func (s *state) mentionStartsAt(o *ent, k int) bool {
	st, _, ok := o.mentionAt(k)
	return !ok || st == k
}

// locatives introduce the place of an event.
var locatives = set("a", "au", "aux", "en", "dans")

// heldAt links an event to the commune (else department or region) and
// the premises written with a locative in the sentence of its naming
// mentions: "à Montpellier", "au Ministère de …", "dans les locaux de la
// Maison de la culture", or in a date line next to it ("Du 3 au 5 juin
// 2025 à Lyon").
func (s *state) heldAt(e *ent, organizers map[*ent]bool) {
	d := s.d
	if e.parentEv != nil {
		return // a round table is where its event is
	}
	var bestPlace, bestQuartier *ent
	bestSent := 0
	for si, sp := range e.spans {
		sent := d.toks[sp[0]].sent
		if si > 0 && sp[1]-sp[0] < 2 && !d.toks[sp[0]].cap && !s.heldCue(sent) {
			continue // a generic mention, unless its sentence says where it took place
		}
		sents := []int{sent}
		// a short date line next to a title ("Mardi 11 mars, de 9h30 à 16h30 – Toulouse")
		dateLines := map[int]bool{}
		for _, o := range []int{sent - 1, sent + 1} {
			if o >= 0 && o < len(d.sents) && d.sents[o][1]-d.sents[o][0] <= 12 && s.sentHasDate(o) {
				sents = append(sents, o)
				dateLines[o] = true
			}
		}
		// a heading with its date and town: "Rencontre régionale des tiers-lieux – jeudi 13 novembre, Lorient"
		if r := d.sents[sent]; r[1]-r[0] <= 18 && d.toks[r[0]].nl && s.sentHasDate(sent) && headingLine(d, sp[0]) {
			dateLines[sent] = true
		}
		// an agenda entry's title line: the description under it says where
		if r := d.sents[sent]; ((sp[1]-sp[0])*10 >= (r[1]-r[0])*6 || headingLine(d, sp[0]) && s.sentHasDate(sent)) && d.toks[r[0]].nl && sent+1 < len(d.sents) && !dateLines[sent+1] && !s.sentHasEvent(sent+1, e) {
			sents = append(sents, sent+1)
		}
		var place, quartier, premises *ent
		for _, si := range sents {
			r := d.sents[si]
			for j := r[0]; j < r[1]; j++ {
				if !locatives[d.toks[j].fold] && !(dateLines[si] && d.punct(j, "–", "—", "-")) {
					continue
				}
				if s.inOrgApposition(j) {
					continue // "Le Labo Cités, centre de ressources … en Auvergne-Rhône-Alpes, consacrera …"
				}
				if d.is(j, "a") && d.is(j+1, "l", "la") && d.is(j+2, "echelle", "echelon", "image") || d.is(j, "a") && d.is(j+1, "travers") {
					continue // "coopérer à l'échelle du Grand Est": a scale, not a place
				}
				// the thing after the locative, within a few tokens ("au parc des expositions de Saint-Denis")
				for k := j + 1; k < r[1] && k < j+7; k++ {
					if t := s.ter(k); t != nil && t.terr != nil && s.own(k) == nil {
						if st, en, _ := t.mentionAt(k); st == k {
							switch {
							case t.terr.Level == geo.LevelQPV:
								if quartier == nil {
									quartier = t // "dans le quartier de La Source"
								}
							case place == nil:
								place = t
							}
							k = en - 1
							break
						}
					}
					if t := s.ter(k); t != nil && t.terr == nil && t.kind == string(geo.LevelQPV) && quartier == nil && s.own(k) == nil {
						quartier = t // an unofficial quartier
					}
					if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && !organizers[o] && premises == nil {
						if st, en, _ := o.mentionAt(k); st == k && (k-j <= 2 || d.is(k-1, "de", "du", "la", "l")) {
							premises = o
							// "à la Maison de la jeunesse de Saint-Denis": the commune too
							if t := s.ter(en - 1); t != nil && place == nil && t.terr != nil && t.terr.Level == geo.LevelCommune {
								place = t
							}
							break
						}
					}
					if premises == nil && k == s.skipArticle(j+1) && (d.is(j, "au", "aux") || d.is(j, "a") && k > j+1) {
						if o := s.venueAt(k); o != nil {
							premises = o // "au Quai des Savoirs"
							break
						}
					}
					if s.own(k) != nil && s.own(k).typ != kg.TypeOrganization || d.toks[k].kind == tPunct && !(dateLines[si] && d.punct(k, ",")) {
						break
					}
				}
			}
			if place != nil && premises != nil {
				break
			}
		}
		if place != nil && place.terr != nil && place.terr.Level != geo.LevelCommune && premises == nil && si+1 < len(e.spans) {
			// a region or department: a later mention may say the town
			if bestPlace == nil {
				bestPlace, bestQuartier, bestSent = place, quartier, sent
			}
			continue
		}
		if place == nil && premises == nil {
			continue
		}
		if bestPlace != nil && (place == nil || place.terr == nil || place.terr.Level != geo.LevelCommune) {
			place, quartier = bestPlace, bestQuartier
		}
		s.heldAtRelate(e, place, quartier, premises, sent)
		if premises == nil {
			// the town from one mention, the premises from a later one
			// ("organise son forum annuel à la Maison des associations de Rennes")
			for _, sp2 := range e.spans[si+1:] {
				if o := s.premisesIn(d.toks[sp2[0]].sent); o != nil {
					s.relate(kg.HeldAt, e, o, "", d.toks[sp2[0]].sent, "rules/event-premises", 0.65)
					break
				}
			}
		}
		return
	}
	if bestPlace != nil {
		s.heldAtRelate(e, bestPlace, bestQuartier, nil, bestSent)
	}
}

// premisesIn returns the premises written after "à la", "au", "aux" in
// sentence si: an organization mention starting right after the locative.
func (s *state) premisesIn(si int) *ent {
	d := s.d
	r := d.sents[si]
	for j := r[0]; j+1 < r[1]; j++ {
		if !d.is(j, "a", "au", "aux") {
			continue
		}
		k := s.skipArticle(j + 1)
		if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) && (o.kind == "venue" || o.kind == "association" || d.is(j-1, "tenue", "tenu", "tenues", "tenus", "deroulee", "deroule", "deroulees", "deroules", "lieu")) {
			return o // "la journée s'est tenue au Centre culturel X"
		}
		if d.is(j, "au", "aux") && s.own(k) == nil {
			if o := s.venueAt(k); o != nil {
				return o // "… se sont retrouvés au Palais des congrès, à Vannes"
			}
		}
	}
	return nil
}

// heldAtRelate writes where an event took place.
func (s *state) heldAtRelate(e, place, quartier, premises *ent, sent int) {
	if place != nil {
		s.relate(kg.HeldAt, e, place, "", sent, "rules/event-place", 0.75)
		// "à Béziers et à Montpellier", "à Béziers puis à Montpellier"
		d := s.d
		for _, sp := range place.spans {
			if d.toks[sp[0]].sent != sent {
				continue
			}
			if x := sp[1]; d.is(x, "et", "puis") && d.is(x+1, "a", "au") {
				if t := s.ter(x + 2); t != nil && t.kind == string(geo.LevelCommune) && t != place {
					s.relate(kg.HeldAt, e, t, "", sent, "rules/event-place", 0.7)
				}
			}
		}
	}
	if quartier != nil && (place == nil || quartier.parent == place || quartier.terr != nil && slices.Contains(quartier.terr.Parents, string(place.id))) {
		s.relate(kg.HeldAt, e, quartier, "", sent, "rules/event-place", 0.65)
	}
	if premises != nil {
		s.relate(kg.HeldAt, e, premises, "", sent, "rules/event-premises", 0.7)
	}
}

// inOrgApposition reports whether token j lies in the apposition that
// describes an organization: "X, centre de ressources … en Y, organise".
func (s *state) inOrgApposition(j int) bool {
	d := s.d
	for k := j - 1; k >= 0 && k > j-16 && d.sameSent(j, k); k-- {
		if !d.punct(k, ",") {
			continue
		}
		o := s.own(k - 1)
		return o != nil && o.typ == kg.TypeOrganization && k+1 < len(d.toks) && !d.toks[k+1].cap && (s.isHead(k+1) || d.is(k+1, "tete"))
	}
	return false
}

// sentHasEvent reports whether sentence si mentions an event other than e.
func (s *state) sentHasEvent(si int, e *ent) bool {
	r := s.d.sents[si]
	for j := r[0]; j < r[1]; j++ {
		if o := s.own(j); o != nil && o.typ == kg.TypeEvent && o != e {
			return true
		}
	}
	return false
}

// heldCue reports whether a sentence says where something took place:
// "accueillie à", "s'est tenue à", "a eu lieu à", "se déroulera à".
func (s *state) heldCue(si int) bool {
	d := s.d
	r := d.sents[si]
	for j := r[0]; j < r[1]; j++ {
		switch {
		case d.is(j, "accueilli", "accueillie", "accueillis", "accueillies", "hebergee", "heberge"),
			d.is(j, "tenu", "tenue", "deroule", "deroulee") && d.is(j-1, "est"),
			d.is(j, "tiendra", "deroulera", "deroule") && d.is(j-1, "se"),
			d.is(j, "lieu") && d.is(j-1, "eu", "aura", "a"),
			j == r[0] && organizeParticiples[d.toks[j].fold]: // "Organisées du 10 au 11 octobre à Corte par …, elles …"
			return true
		}
	}
	return false
}

// venueAt reads a venue's proper name at token i after "au", "à la", "à
// l'" in an event's sentence ("au Quai des Savoirs", "au Rocher de
// Palmer"): an organization of kind venue.
func (s *state) venueAt(i int) *ent {
	d := s.d
	if i >= len(d.toks) || !d.toks[i].cap || !s.free(i, i+1) || s.ter(i) != nil || articles[d.toks[i].fold] {
		return nil
	}
	st, end, _ := s.properName(i, false)
	if end == st+1 && d.toks[st].kind == tWord && !s.kindAt(st) {
		// "à la Bourse départementale du travail de Bobigny": a capitalised
		// noun, its adjectives and complements, ending with a place
		e2 := s.complement(end, false)
		for k := end; k < e2; k++ {
			if d.is(k, "pour", "avec", "sur", "contre") || s.own(k) != nil {
				e2 = k
				break
			}
		}
		for e2 > end && (namePreps[d.toks[e2-1].fold] || articles[d.toks[e2-1].fold] || d.toks[e2-1].elided) {
			e2--
		}
		if e2 > end+1 && s.ter(e2-1) != nil && s.ter(e2-1).kind == string(geo.LevelCommune) {
			end = e2
			o := s.add(&ent{typ: kg.TypeOrganization, name: d.str(st, end), kind: "venue"}, st, end)
			s.claim(o, st, end)
			return o
		}
	}
	if end <= st+1 || !s.free(st, end) || s.onlyPlace(st, end) {
		return nil // one word alone is too weak a name
	}
	for k := st; k < end; k++ {
		if t := s.ter(k); t != nil && t.terr != nil && t.terr.Level != geo.LevelQPV {
			return nil
		}
	}
	o := s.add(&ent{typ: kg.TypeOrganization, name: d.str(st, end), kind: "venue"}, st, end)
	s.claim(o, st, end)
	return o
}

func (s *state) sentHasDate(si int) bool {
	for _, dm := range s.dates {
		if k := s.d.tokenAtByte(dm.Start); k >= 0 && s.d.toks[k].sent == si {
			return true
		}
	}
	return false
}

// participants finds who took part in the events: listed speakers
// ("Intervenants :"), people and organizations who opened, presented,
// recalled, animated… (past or future tense), those "en présence de",
// "animée par", "représentée par".
func (s *state) participants() {
	d := s.d
	firstEventSent := d.toks[s.evList[0].first].sent
	for _, e := range s.evList {
		firstEventSent = min(firstEventSent, d.toks[e.first].sent)
	}
	add := func(p *ent, tok int, rule string, conf float64) {
		if p == nil || d.toks[tok].sent < firstEventSent-1 {
			return
		}
		ev := s.reportedEventBefore(tok)
		if ev == nil || s.hasRel(kg.Organized, p, ev) {
			return
		}
		s.relate(kg.ParticipatedIn, p, ev, "", d.toks[tok].sent, rule, conf)
		if ev.parentEv != nil && !s.hasRel(kg.Organized, p, ev.parentEv) {
			// a speaker of a round table speaks at the event it belongs to
			s.relate(kg.ParticipatedIn, p, ev.parentEv, "", d.toks[tok].sent, rule, conf*0.9)
		}
	}
	// a programme: the people named on its time-stamped lines ("14h10 – « … »,
	// par X, chargé de mission …", "14h30 – …, avec Y et Z") take part
	for _, ln := range d.lines {
		if ln[1] <= ln[0] || !s.scheduleLine(ln[0]) {
			continue
		}
		for k := ln[0]; k < ln[1]; k++ {
			if p := s.own(k); p != nil && p.typ == kg.TypePerson && s.mentionStartsAt(p, k) && d.is(k-1, "par", "avec", "et", "de", "d") {
				add(p, k, "rules/participation-programme", 0.7)
			}
		}
	}
	// "Visite de Mme X, ministre …": the visitor takes part in the visit
	for _, e := range s.evList {
		if e.kind != "visit" {
			continue
		}
		for _, sp := range e.spans {
			for k := sp[0]; k < sp[1]; k++ {
				if p := s.own(k); p != nil && p.typ == kg.TypePerson {
					s.relate(kg.ParticipatedIn, p, e, "", d.toks[k].sent, "rules/participation-visitor", 0.75)
				}
			}
		}
	}
	// speaker lists: "Intervenants :", "Interviendront :", "Avec la
	// participation de :", then one person per line, per bullet or per
	// item ended by ";"
	for i := 0; i+1 < len(d.toks); i++ {
		cue := d.is(i, "intervenants", "intervenantes", "interviendront", "intervenant", "invites", "speakers", "avec",
			"moderation", "moderateur", "moderatrice", "animation", "animateur", "animatrice", "temoins", "conclusion", "ouverture", "cloture") ||
			d.is(i, "de") && d.is(i-1, "participation") || d.is(i, "temoin") && d.is(i-1, "grand")
		if cue && !d.punct(i+1, ":") && d.is(i, "intervenants", "intervenantes", "intervenant") {
			// "Intervenants de la dernière séance :"
			for k := i + 1; k < i+7 && k < len(d.toks) && d.sameSent(i, k); k++ {
				if d.punct(k, ":") {
					i = k - 1
					break
				}
			}
		}
		if !cue || !d.punct(i+1, ":") {
			continue
		}
		line := d.toks[i].line
		for j := i + 2; j < len(d.toks) && d.toks[j].line <= line+12; j++ {
			tk := d.toks[j]
			if !tk.nl && j != i+2 && !d.punct(j-1, ";") {
				continue
			}
			k := j
			for k < len(d.toks) && (d.toks[k].kind == tPunct || civilTitles[d.toks[k].fold]) && d.toks[k].line == tk.line && k < j+4 {
				k++ // bullets, "Dr", "Mme"
			}
			if k >= len(d.toks) {
				break
			}
			if p := s.own(k); p != nil && p.typ == kg.TypePerson {
				add(p, k, "rules/speaker-list", 0.85)
				continue
			}
			// "un représentant de la Banque des Territoires"
			if d.is(k, "un", "une") && d.is(k+1, "representant", "representante") {
				for x := k + 2; x < k+6 && x < len(d.toks); x++ {
					if o := s.own(x); o != nil && o.typ == kg.TypeOrganization {
						add(o, x, "rules/speaker-list", 0.8)
						break
					}
				}
				continue
			}
			break
		}
	}
	// "avec X, directrice de …, et Y" where an event or a debate is
	// spoken of, or opening an agenda item; "les mots d'accueil de X, puis
	// de Y"; "avec la participation de X"; "l'assemblée a accueilli X et Y"
	for i := 0; i+1 < len(d.toks); i++ {
		var rule string
		switch {
		case d.is(i, "avec") && s.personStartsAt(i+1) != nil && (s.eventTalk(i) || d.toks[i].nl || d.sents[d.toks[i].sent][0] == i):
			rule = "rules/participation-with"
		case d.is(i, "avec") && d.punct(i-1, ",") && (s.agendaLine(i) || s.scheduleLine(i) && s.sentHasAnyEvent(d.toks[i].sent)):
			// "Lundi 2 juin – Forum des métiers, à la Busserine, avec le GEIQ X et l'E2C de Marseille"
			k := s.skipArticle(i + 1)
			for k < len(d.toks) && k < i+4 && d.toks[k].kind == tWord && !d.toks[k].cap && s.own(k) == nil {
				k++ // "avec le groupement d'employeurs X"
			}
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
				add(o, k, "rules/participation-with", 0.65)
				// "avec la Mission locale, France Travail, l'E2C et des jeunes": the list
				_, e, _ := o.mentionAt(k)
				for e < len(d.toks) && d.sameSent(i, e) && (d.punct(e, ",") || d.is(e, "et")) {
					x := s.skipArticle(e + 1)
					n := s.own(x)
					if n == nil || n.typ != kg.TypeOrganization || !s.mentionStartsAt(n, x) {
						break
					}
					add(n, x, "rules/participation-with", 0.6)
					_, e, _ = n.mentionAt(x)
				}
			}
			continue
		case d.is(i, "de", "d") && d.is(i-1, "accueil", "participation", "intervention", "interventions", "temoignage", "temoignages", "discours", "allocution") && s.personStartsAt(i+1) != nil:
			rule = "rules/participation-of"
		case d.is(i, "de", "d") && (d.is(i-1, "cotes") && d.is(i-2, "aux") || d.is(i-1, "entoure", "entouree", "entoures", "entourees", "accompagne", "accompagnee", "accompagnes", "accompagnees")) && s.personStartsAt(i+1) != nil && s.eventNear(i):
			rule = "rules/participation-alongside" // "aux côtés de X", "entourée de X et de Y"
		case d.is(i, "accueilli", "accueillera", "recu", "recevra") && d.is(i-1, "a", "avait") && s.personStartsAt(i+1) != nil && s.eventTalk(i):
			rule = "rules/participation-welcomed"
		default:
			continue
		}
		p := s.personStartsAt(i + 1)
		add(p, i+1, rule, 0.7)
		// the people coordinated with X: ", et Y", "et Y", "puis de Y"
		for k := i + 2; k+1 < len(d.toks) && k < i+40 && d.sameSent(i, k); k++ {
			if d.is(k, "et", "puis") || d.punct(k, ",") {
				x := k + 1
				if d.is(x, "de", "d", "et") {
					x++
				}
				if q := s.personStartsAt(x); q != nil {
					add(q, x, rule, 0.65)
				}
			}
		}
	}
	// "Parmi les intervenants … figuraient X, Y et Z", "se sont succédé à la tribune X et Y"
	for si, r := range d.sents {
		cue := -1
		for j := r[0]; j < r[1]; j++ {
			if d.is(j, "intervenants", "intervenantes", "tribune", "temoins") || d.is(j, "succede") && d.is(j-1, "sont") || d.is(j, "table") && d.is(j+1, "ronde") {
				cue = j
				break
			}
		}
		if cue < 0 {
			continue
		}
		for j := cue; j < r[1]; j++ {
			if p := s.own(j); p != nil && p.typ == kg.TypePerson {
				if st, _, _ := p.mentionAt(j); st == j {
					add(p, j, "rules/speaker-sentence", 0.7)
				}
			}
			// "un représentant de la CRESS"
			if d.is(j, "representant", "representante", "representants") && d.is(j+1, "de", "du", "des", "d") {
				for k := j + 2; k < j+5 && k < r[1]; k++ {
					if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
						add(o, k, "rules/speaker-sentence", 0.65)
						break
					}
				}
			}
		}
		_ = si
	}
	// "en présence de l'adjointe au maire …, X, et de l'architecte Y": the
	// people named through their roles
	for i := 0; i+2 < len(d.toks); i++ {
		if !d.is(i, "presence") || !d.is(i+1, "de", "d") || !d.is(i-1, "en") || s.own(i+2) != nil {
			continue
		}
		for k := i + 2; k < len(d.toks) && k < i+40 && d.sameSent(i, k); k++ {
			if d.is(k, "qui", "que", "dont") {
				break
			}
			if p := s.own(k); p != nil && p.typ == kg.TypePerson {
				if st, en, _ := p.mentionAt(k); st == k {
					add(p, k, "rules/participation-presence", 0.65)
					k = en - 1
				}
			}
		}
	}
	// "animée par X", "en présence de X", "représentée par X"
	for i := 0; i+2 < len(d.toks); i++ {
		by := participationBy[d.toks[i].fold] && d.is(i+1, "par") || d.is(i, "presence") && d.is(i+1, "de", "d")
		if !by && d.is(i+1, "par") && s.personStartsAt(i+2) != nil {
			// "Présentation du budget participatif de la Ville de X par Y"
			for k := i; k >= 0 && k > i-10 && d.sameSent(i, k) && !d.punct(k, ","); k-- {
				if participationBy[d.toks[k].fold] && !d.toks[k].nl || d.is(k, "presentation", "intervention", "animation") {
					by = true
					break
				}
			}
		}
		if !by {
			continue
		}
		if o := s.own(i + 2 + b2i(d.is(i+2, "la", "le", "l", "les"))); o != nil && o.typ == kg.TypeOrganization && d.is(i, "animee", "anime", "animees", "animes", "moderee", "modere") && s.eventNear(i) {
			// "animé par la Mission locale et le centre social": the bodies animating
			k := i + 2 + b2i(d.is(i+2, "la", "le", "l", "les"))
			add(o, k, "rules/participation-by", 0.7)
			for _, c := range s.coordinatedAfter(o, k) {
				add(c, k, "rules/participation-by", 0.65)
			}
		}
		if p := s.own(i + 2); p != nil && p.typ == kg.TypePerson {
			add(p, i+2, "rules/participation-by", 0.75)
			if d.is(i, "representee", "represente", "representees", "representes") {
				add(s.orgEndingBefore(i), i, "rules/participation-represented", 0.7)
			}
			// "ouverture par X, maire de Y, et Z": the people coordinated with X
			for k := i + 3; k+1 < len(d.toks) && k < i+30 && d.sameSent(i, k); k++ {
				if d.is(k, "et") || d.punct(k, ",") {
					at := k + 1
					if d.is(at, "par") {
						at++ // "inauguré par X, adjointe …, et par Y"
					}
					if q := s.own(at); q != nil && q.typ == kg.TypePerson {
						if st, _, _ := q.mentionAt(at); st == at {
							add(q, at, "rules/participation-by", 0.7)
						}
					}
				}
			}
		}
	}
	// subjects of participation verbs in the past or future
	for i := 0; i < len(d.toks); i++ {
		f := d.toks[i].fold
		if !participationVerbs[f] {
			continue
		}
		past := d.is(i-1, "a", "ont", "avait", "avaient", "est", "sont") || d.is(i-2, "a", "ont", "avait") || d.is(i-2, "l") && d.is(i-1, "a")
		future := len(f) > 3 && (f[len(f)-2:] == "ra" || f[len(f)-3:] == "ont")
		if !past && !future {
			continue
		}
		if d.is(i-1, "ete") || d.is(i-2, "ete") {
			continue // passive: "a été présenté par X" is handled by the participle
		}
		if openingVerbs[f] && !s.eventObject(i+1) {
			continue // "a ouvert un lieu d'accueil": not the event
		}
		// the subject: the person or organization before the verb in the sentence
		for j := i - 1; j >= 0 && d.sameSent(i, j); j-- {
			if e := s.own(j); e != nil && (e.typ == kg.TypePerson || e.typ == kg.TypeOrganization) {
				st, _, _ := e.mentionAt(j)
				if e.typ == kg.TypeOrganization && (d.is(st-1, "de", "du", "des", "d", "au", "a", "par") || d.is(st-1, "la", "l") && d.is(st-2, "de", "a", "par")) {
					j = st
					continue
				}
				if e.typ == kg.TypeOrganization && s.isStructureOrg(e) {
					break
				}
				if e.typ == kg.TypeOrganization {
					// "X, président de l'association Y, a clôturé": X spoke
					if p := s.appositionPerson(st); p != nil {
						add(p, j, "rules/participation-verb", 0.7)
						break
					}
				}
				add(e, j, "rules/participation-verb", 0.7)
				break
			}
			if pr := s.personRefAt(j); pr != nil {
				add(pr, j, "rules/participation-verb", 0.6)
				break
			}
		}
		// "« … », a rappelé X": the subject after the verb
		if d.punct(i-2, ",") || d.punct(i-3, ",") {
			if p := s.own(i + 1); p != nil && p.typ == kg.TypePerson {
				add(p, i+1, "rules/participation-verb", 0.7)
				continue
			}
		}
		// "Comme se fut le cas de X …, il a expliqué": a person earlier in the sentence
		if d.is(i-2, "il", "elle") || d.is(i-3, "il", "elle") {
			for j := i - 1; j >= 0 && d.sameSent(i, j); j-- {
				if e := s.own(j); e != nil && e.typ == kg.TypePerson {
					add(e, j, "rules/participation-verb", 0.6)
					break
				}
			}
		}
	}
}

// appositionPerson returns the person whose apposition holds the token at
// st: "X, présidente de l'association Y," with st in Y.
func (s *state) appositionPerson(st int) *ent {
	d := s.d
	for k := st - 1; k >= 0 && k > st-10 && d.sameSent(st, k); k-- {
		if d.punct(k, ",") {
			if p := s.own(k - 1); p != nil && p.typ == kg.TypePerson && s.roleAt(k+1) {
				return p
			}
			return nil
		}
	}
	return nil
}

func (s *state) personRefAt(j int) *ent {
	for _, pr := range s.personRefs {
		if pr.tok == j {
			return pr.p
		}
	}
	return nil
}

// isStructureOrg reports whether an organization is the one of a structure
// initiative ("le tiers-lieu X").
func (s *state) isStructureOrg(o *ent) bool {
	for _, org := range s.structOrg {
		if org == o {
			return true
		}
	}
	return false
}

// presentCues say that an initiative was presented at the event.
var presentCues = set("presente", "presentee", "presentes", "presentees", "presentera", "presenteront", "presentation", "temoigne", "atelier", "ateliers", "expose", "exposee",
	"adopte", "adoptee", "adoptes", "adoptees", "devoile", "devoilee")

// initiativeRelations links initiatives to who leads them (LED_BY), where
// they are (LOCATED_IN) and the event where they were presented
// (PRESENTED_AT).
func (s *state) initiativeRelations() {
	d := s.d
	for _, ini := range s.ents {
		if ini.typ != kg.TypeInitiative {
			continue
		}
		first := ini.spans
		if len(first) == 0 {
			continue
		}
		sent0 := d.toks[first[0][0]].sent
		if ini.owner != nil {
			s.relate(kg.LedBy, ini, ini.owner, "", sent0, "rules/initiative-name", 0.8)
		}
		if ini.place != nil {
			s.relate(kg.LocatedIn, ini, ini.place, "", sent0, "rules/initiative-name", 0.8)
		}
		for _, sp := range ini.spans {
			sent := d.toks[sp[0]].sent
			// "porté par X", "lancé par X"
			for _, o := range s.carriersAfter(sp[1]) {
				s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-carried-by", 0.8)
			}
			// "la Région avait soutenu la SCIC par le dispositif « X »": the authority acting through it
			if d.is(sp[0]-1, "le", "la", "l") && d.is(sp[0]-2, "par") {
				if o := s.subjectOrg(sp[0]); o != nil && o.auth {
					s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-means", 0.65)
				}
			}
			// "son dispositif X", "une subvention de X au titre de son appel à projets"
			if d.is(sp[0]-1, "son", "sa", "ses", "leur", "leurs") || d.is(sp[0]-1, "nouveau", "nouvelle") && d.is(sp[0]-2, "son", "sa") {
				o := s.nearestOrgBefore(sp[0], 8)
				if o == nil {
					o = s.subjectOrg(sp[0])
				}
				if o != nil && o != s.structOrg[ini] {
					s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-possessive", 0.75)
				}
			}
			// "chef de projet de la Cité de l'emploi de Saint-Nazaire à la CARENE":
			// the body a role places the initiative in runs it
			if d.is(sp[1], "a", "au") && (ini.place != nil || ini.structure) {
				k := s.skipArticle(sp[1] + 1)
				if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) && s.roleWithin(sp[0], 6) {
					s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-role-host", 0.6)
				}
			}
			// "X et Y lancent / annoncent l'appel à projets"
			for _, o := range s.launchers(sp[0]) {
				s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-launched", 0.75)
			}
			// "labellisé Fabrique de territoire par l'ANCT"
			if carrierVerbs[d.toks[max(sp[0]-1, 0)].fold] && sp[0] > 0 && d.is(sp[1], "par") {
				for k := sp[1] + 1; k < sp[1]+4 && k < len(d.toks); k++ {
					if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
						s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-carried-by", 0.75)
						break
					}
				}
			}
			// "le prix « … » de la Fondation de France"
			k := s.skipPrep(sp[1])
			if k > sp[1] {
				if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && !s.isStructureOrg(o) && ini.kind != "third_place" {
					s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-of", 0.65)
				}
			}
		}
		if ini.structure {
			for _, sp := range ini.spans {
				s.locateInSentence(ini, d.toks[sp[0]].sent)
			}
			if !s.locatedInCommune(ini) {
				// "À Vaulx-en-Velin, une laverie sociale dans la Grande Île" or
				// "Vélo Nazairien – Saint-Nazaire (Loire-Atlantique)" heading the
				// paragraph that names the structure
				if h := s.headingBefore(d.toks[first[0][0]].sent); h >= 0 {
					s.locateInSentence(ini, h)
				}
			}
		} else {
			s.locateAfter(ini)
		}
		s.presentedAt(ini)
	}
	// "Pilotée par l'ANCT, l'opération Quartiers d'été …", "Portée par le
	// CCAS et l'association X, l'épicerie solidaire Y …": the carriers of the
	// sentence's first initiative
	for si, r := range d.sents {
		if !carrierVerbs[d.toks[r[0]].fold] {
			continue
		}
		// "Lancé en 2023 par …": a date or a few words before "par"
		pr := r[0] + 1
		for pr < r[1] && pr < r[0]+6 && !d.is(pr, "par") && (d.toks[pr].kind == tWord && !d.toks[pr].cap && !verbLike(d.toks[pr].fold) || d.toks[pr].kind == tNum) {
			pr++
		}
		if !d.is(pr, "par") {
			continue
		}
		var carriers []*ent
		k := pr + 1
		for ; k < r[1] && !d.punct(k, ",") && !d.is(k, "avec", "grace"); k++ {
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
				carriers = append(carriers, o)
				_, e, _ := o.mentionAt(k)
				k = max(k, e-1)
			}
		}
		found := false
		for k < r[1] && !d.punct(k, ",") {
			k++ // "avec le soutien de …": supporters, not carriers
		}
		last := r[1]
		if pr > r[0]+1 {
			last = min(r[1], k+5) // "Lancé en 2023 par X, le programme Y": right after the comma
		}
		for j := k; j < last; j++ {
			if ini := s.own(j); ini != nil && ini.typ == kg.TypeInitiative {
				for _, o := range carriers {
					s.relate(kg.LedBy, ini, o, "", si, "rules/initiative-carried-by", 0.7)
				}
				found = true
				break
			}
		}
		// "Portée par l'association X, elle collecte …", "…, l'atelier et
		// chantier d'insertion accueille …": the structure named before
		if !found && len(carriers) > 0 && d.punct(k, ",") && k+1 < r[1] && (d.is(k+1, "elle", "il") || d.is(k+1, "le", "la", "l") && s.initKindAt(k+2)) {
			if ini := s.initiativeBefore(r[0], true); ini != nil && d.toks[ini.spans[len(ini.spans)-1][0]].sent >= si-2 {
				for _, o := range carriers {
					if o != s.structOrg[ini] {
						s.relate(kg.LedBy, ini, o, "", si, "rules/initiative-carried-by", 0.65)
					}
				}
			}
		}
	}
	// "40 000 € à l'association X, pour le garage solidaire Y": the
	// beneficiary runs what it is granted for
	for _, ini := range s.ents {
		if ini.typ != kg.TypeInitiative {
			continue
		}
		for _, sp := range ini.spans {
			p := sp[0] - 1
			if d.is(p, "le", "la", "l", "son", "sa") {
				p--
			}
			if d.is(p, "pour") && d.punct(p-1, ",") {
				if o := s.orgEndingBefore(p); o != nil && o != s.structOrg[ini] {
					s.relate(kg.LedBy, ini, o, "", d.toks[sp[0]].sent, "rules/initiative-grantee", 0.6)
				}
			}
		}
	}
	// "l'association X, qui porte le lieu": the structure named before
	for i := 2; i+2 < len(d.toks); i++ {
		if !d.is(i, "qui") || !d.punct(i-1, ",") || !d.is(i+1, "porte", "gere", "pilote", "anime") || !d.is(i+2, "le", "la", "l", "ce", "cette") {
			continue
		}
		if o := s.orgEndingBefore(i); o != nil {
			if ini := s.initiativeBefore(i, true); ini != nil && o != s.structOrg[ini] && d.toks[ini.spans[len(ini.spans)-1][0]].sent >= d.toks[i].sent-8 {
				s.relate(kg.LedBy, ini, o, "", d.toks[i].sent, "rules/initiative-carried-by", 0.6)
			}
		}
	}
	// generic mentions: "Le projet est porté par l'association X", "Porté par X, le lieu …"
	structFirst := map[string]bool{} // first words of the structures' names ("chantier", "ressourcerie")
	for _, e := range s.ents {
		if e.typ == kg.TypeInitiative && e.structure {
			w, _, _ := strings.Cut(fold(e.name), " ")
			structFirst[w] = true
		}
	}
	for i := 0; i+1 < len(d.toks); i++ {
		if !d.is(i-1, "le", "la", "ce", "cette", "l") || s.own(i) != nil {
			continue
		}
		generic := d.is(i, "projet", "lieu", "structure", "dispositif", "programme", "contrat", "activite", "initiative", "operation")
		kindNoun := !generic && s.initKindAt(i) && s.own(i) == nil
		if !generic && !kindNoun && structFirst[d.toks[i].fold] && d.toks[i].kind == tWord && !d.toks[i].cap {
			// "Le chantier est porté par …" after "le chantier d'insertion X"
			if ini0 := s.initiativeBefore(i, true); ini0 != nil && strings.HasPrefix(fold(ini0.name), d.toks[i].fold+" ") {
				kindNoun = true
			}
		}
		if !generic && !kindNoun || !d.is(i-1, "le", "la", "ce", "cette", "l") || s.own(i) != nil {
			continue
		}
		ini := s.initiativeBefore(i, d.is(i, "lieu", "structure", "activite") || kindNoun)
		if d.is(i, "contrat") && (ini == nil || ini.kind != "city_contract") {
			continue // "ce contrat de nouvelle génération": the contract named before
		}
		if ini == nil {
			continue
		}
		sent := d.toks[i].sent
		if o := s.carrierWithin(i+1, 30); o != nil {
			s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-carried-by", 0.65)
		} else if p := s.personCarrierWithin(i+1, 6); p != nil {
			s.relate(kg.LedBy, ini, p, "", sent, "rules/initiative-carried-by", 0.6)
		}
		r := d.sents[sent]
		if i-1 > r[0] && d.punct(i-2, ",") {
			// "Porté par l'association X, le lieu …"
			if carrierVerbs[d.toks[r[0]].fold] && d.is(r[0]+1, "par") {
				for k := r[0] + 2; k < i; k++ {
					if o := s.own(k); o != nil && o.typ == kg.TypeOrganization {
						s.relate(kg.LedBy, ini, o, "", sent, "rules/initiative-carried-by", 0.65)
						break
					}
				}
			}
			if ini.structure {
				s.locateInSentence(ini, sent)
			}
		}
	}
	s.pronounCarriers()
	s.presentedTogether()
	// "L'association gestionnaire, X": the organization running the place named before
	for i := 0; i+2 < len(d.toks); i++ {
		if !d.is(i, "gestionnaire") || !d.punct(i+1, ",") {
			continue
		}
		if o := s.own(i + 2); o != nil && o.typ == kg.TypeOrganization {
			if ini := s.initiativeBefore(i, true); ini != nil {
				s.relate(kg.LedBy, ini, o, "", d.toks[i].sent, "rules/initiative-manager", 0.7)
			}
		}
	}
}

// initKindAt reports whether an initiative kind ("chantier d'insertion",
// "ressourcerie") starts at token i.
func (s *state) initKindAt(i int) bool {
	if i < 0 || i >= len(s.byTok) {
		return false
	}
	for _, hi := range s.byTok[i] {
		if s.hits[hi].ref.kind == lkInit && s.hits[hi].t0 == i {
			return true
		}
	}
	return false
}

// launchVerbs say their subject leads the initiative in their object.
var launchVerbs = set("lance", "lancent", "lancera", "annonce", "annoncent", "cree", "creent", "pilote", "pilotent", "porte", "portent", "met", "mettent",
	"remet", "remettent", "decerne", "decernent", "ouvre", "ouvrent")

// launchers returns the subject organizations of a launching verb whose
// object is the initiative mention at t0 ("Le Département et la CAF
// lancent la deuxième édition de l'appel à projets X", "La CRESS a remis le
// 21 novembre, à Amiens, les Prix …").
func (s *state) launchers(t0 int) []*ent {
	d := s.d
	for j := t0 - 1; j >= 0 && j >= t0-14 && d.sameSent(t0, j); j-- {
		if d.is(j, "qui", "que", "qu", "dont") || d.punct(j, ";", ":") {
			return nil
		}
		if launchVerbs[d.toks[j].fold] || d.is(j, "lance", "cree", "annonce", "remis", "decerne") && d.is(j-1, "a", "ont") || d.is(j-1, "lance") && d.is(j-2, "a") {
			return s.subjectsBefore(j)
		}
		if o := s.own(j); o != nil && o.typ != kg.TypeEvent {
			return nil
		}
	}
	return nil
}

// subjectsBefore returns the organizations that are the subject of the verb
// at v: the last one named before it not inside a prepositional phrase,
// with those coordinated with it ("X et Y lancent").
func (s *state) subjectsBefore(v int) []*ent {
	d := s.d
	var out []*ent
	for j := v - 1; j >= 0 && d.sameSent(v, j); j-- {
		o := s.own(j)
		if o == nil || o.typ != kg.TypeOrganization {
			if d.toks[j].kind == tPunct && d.toks[j].text != "," && d.toks[j].text != "(" && d.toks[j].text != ")" {
				break
			}
			continue
		}
		st, _, ok := o.mentionAt(j)
		if !ok {
			continue // the parentheses of "Long form (ACR)"
		}
		if d.punct(st-1, "(") && st >= 2 && s.own(st-2) == o {
			st, _, _ = o.mentionAt(st - 2) // "Long form (ACR)"
		}
		j = st
		if d.is(st-1, "au", "aux", "a", "par", "pour", "avec", "de", "du", "des", "d") || d.is(st-1, "la", "l") && d.is(st-2, "a", "de", "par", "avec", "pour") {
			continue // "au Ministère de …", "avec le soutien de …"
		}
		out = append(out, o)
		if !(d.is(st-1, "et") || d.is(st-1, "la", "le", "l") && d.is(st-2, "et")) {
			// "la Préfecture, France Travail et la Ville organisent": a list
			if len(out) > 1 && (d.punct(st-1, ",") || d.is(st-1, "la", "le", "l") && d.punct(st-2, ",")) {
				continue
			}
			break
		}
	}
	return out
}

// nearestOrgBefore returns the organization named last before token i in
// its sentence, within window tokens.
func (s *state) nearestOrgBefore(i, window int) *ent {
	d := s.d
	for j := i - 1; j >= 0 && j >= i-window && d.sameSent(i, j); j-- {
		if o := s.own(j); o != nil && o.typ == kg.TypeOrganization {
			return o
		}
	}
	return nil
}

// locatedInCommune reports whether ini is already placed in a commune.
func (s *state) locatedInCommune(ini *ent) bool {
	for _, r := range s.rels {
		if r.typ == kg.LocatedIn && r.from == ini && r.to.kind == string(geo.LevelCommune) {
			return true
		}
	}
	return false
}

// headingBefore returns the heading line of the section where sentence
// sent stands: a short sentence alone on its line, at most four sentences
// before, with no other structure named in between; -1 if none.
func (s *state) headingBefore(sent int) int {
	d := s.d
	for k := sent; k >= 0 && k >= sent-4; k-- {
		r := d.sents[k]
		if k < sent {
			for j := r[0]; j < r[1]; j++ {
				if e := s.own(j); e != nil && e.typ == kg.TypeInitiative && e.structure {
					return -1 // another structure's section
				}
			}
		}
		alone := r[1]-r[0] <= 16 && d.toks[r[0]].nl && (k+1 >= len(d.sents) || d.toks[d.sents[k+1][0]].nl)
		if alone && k < sent {
			if k == 0 {
				return -1 // the article's title names its place, not the structure's
			}
			return k
		}
	}
	return -1
}

// locateInSentence places a structure in the communes and neighbourhoods
// of its sentence ("À Lens (62), le garage solidaire …", "installée dans le
// quartier … à Orange").
func (s *state) locateInSentence(ini *ent, sent int) {
	d := s.d
	r := d.sents[sent]
	lo, hi := r[0], r[1]
	// "à Ambert, le centre X …, tandis qu'à Brioude, la recyclerie Y …":
	// the places of the structure's own clause
	for _, sp := range ini.spans {
		if d.toks[sp[0]].sent != sent {
			continue
		}
		for j := r[0]; j < r[1]; j++ {
			if clauseBreak(d, j) {
				if j < sp[0] {
					lo = j
				} else if j >= sp[1] && hi == r[1] {
					hi = j
				}
			}
		}
		break
	}
	for j := lo; j < hi; j++ {
		t := s.ter(j)
		if t == nil || s.own(j) != nil && s.own(j).typ == kg.TypeOrganization {
			continue
		}
		if st, _, _ := t.mentionAt(j); st != j {
			continue
		}
		if t.kind == string(geo.LevelCommune) || t.kind == string(geo.LevelQPV) {
			s.relate(kg.LocatedIn, ini, t, "", sent, "rules/structure-place", 0.7)
		}
	}
}

// locateAfter places a programme in the territories written after it in
// its sentence: after "dans", "en" ("qui accompagne quinze lieux dans
// l'Aisne, l'Oise et la Somme", "lancée en 2021 dans les quartiers X et Y"),
// "à", "au" ("sera étendue à Waziers", "expérimenté au Franc-Moisin, à
// Saint-Denis"), "au cœur de", and after "couvre / concerne / cible les
// quartiers de …"; a carrier's phrase ("portée par la Mission locale") is
// passed over, another entity of the sentence stops the reading. A
// sentence opening with "À <commune>," places the programme it is about.
func (s *state) locateAfter(ini *ent) {
	d := s.d
	// "la Cité éducative de Mont Baduel, à Cayenne, …"
	for _, sp2 := range ini.spans {
		if k := sp2[1]; d.punct(k, ",") && d.is(k+1, "a") {
			if t := s.ter(k + 2); t != nil && t.kind == string(geo.LevelCommune) {
				s.relate(kg.LocatedIn, ini, t, "", d.toks[k].sent, "rules/initiative-place", 0.65)
			}
		}
	}
	for _, sp := range ini.spans {
		sent := d.toks[sp[0]].sent
		r := d.sents[sent]
		// "À Montpellier, la Cité de l'emploi … accompagne": the sentence's place
		if d.is(r[0], "a", "au") && sp[0] > r[0] && sp[0]-r[0] <= 12 {
			if t := s.ter(r[0] + 1); t != nil && (t.kind == string(geo.LevelCommune) || t.kind == string(geo.LevelQPV)) {
				if _, en, _ := t.mentionAt(r[0] + 1); d.punct(en, ",") || d.is(en, "de") && s.qualifierAfterTok(en) {
					s.relate(kg.LocatedIn, ini, t, "", sent, "rules/initiative-sentence-place", 0.6)
				}
			}
		}
		s.locateFrom(ini, sp[1], r[1])
	}
}

// qualifierAfterTok reports whether a region or department follows the
// preposition at token k ("Saint-Denis de La Réunion").
func (s *state) qualifierAfterTok(k int) bool {
	k++
	if s.d.is(k, "la", "le", "l") && !s.d.toks[k].cap {
		k++
	}
	g, _ := s.geoAt(k, geo.LevelRegion, geo.LevelDepartment)
	return g != nil
}

// locateFrom reads the places of ini in tokens [j0, end) (see locateAfter).
func (s *state) locateFrom(ini *ent, j0, end int) {
	d := s.d
	for j := j0; j < end; j++ {
		if e := s.own(j); e != nil && e != ini {
			st, en, _ := e.mentionAt(j)
			if e.typ == kg.TypeOrganization && d.is(s.prepBefore(st), "par", "avec") {
				j = en - 1 // "portée par la Mission locale, sera étendue à …"
				continue
			}
			break // "…, attribué à l'épicerie X, installée dans …": the place is X's
		}
		var k int
		switch {
		case d.is(j, "en") && j+1 < end && d.toks[j+1].kind == tNum:
			continue // "en 2021"
		case d.is(j, "dans", "en"):
			k = j + 1
		case d.is(j, "a", "au", "aux") && j+1 < end && s.ter(s.skipArticle(j+1)) != nil:
			k = j + 1
		case d.is(j, "coeur") && d.is(j+1, "de", "du", "des", "d"):
			k = s.skipPrep(j + 1) // "au cœur de Grigny 2"
		case d.is(j, "pied") && d.is(j-1, "au") && d.is(j+1, "de", "du", "des", "d"):
			k = j + 1 // "au pied des immeubles du quartier Les Pervenches"
		case d.is(j, "couvre", "couvrent", "concerne", "concernent", "cible", "ciblent") && d.is(j+1, "les", "des") && d.is(j+2, "quartiers"):
			k = j + 3 // "couvre les quartiers prioritaires de Saint-Denis, d'Aubervilliers …"
		default:
			continue
		}
		found := false
		for ; k < end; k++ {
			if t := s.ter(k); t != nil && s.own(k) == nil {
				if st, en, _ := t.mentionAt(k); st == k {
					s.relate(kg.LocatedIn, ini, t, "", d.toks[k].sent, "rules/initiative-place", 0.6)
					found = true
					k = en - 1
				}
				continue
			}
			// "dans les quartiers prioritaires de Besançon et de Montbéliard"
			if d.punct(k, ",") || d.is(k, "et", "l", "la", "le", "les", "de", "du", "des", "d", "a", "au", "aux", "quartier", "quartiers", "prioritaire", "prioritaires") {
				continue
			}
			// "dans les écoles du quartier du Pont-Neuf": a noun of the quartier
			if t := d.toks[k]; t.kind == tWord && !t.cap && !verbLike(t.fold) && d.is(k+1, "du", "des", "de") && d.is(k+2, "quartier", "quartiers") {
				continue
			}
			break
		}
		if found {
			j = k
		}
	}
}

// presentedAt links an initiative named in a sentence saying it was
// presented ("ont été présentées … Il s'agit du budget …", "a présenté le
// programme X", "présentera son dispositif X") to the event being reported.
func (s *state) presentedAt(ini *ent) {
	if len(s.evList) == 0 {
		return
	}
	d := s.d
	for _, sp := range ini.spans {
		sent := d.toks[sp[0]].sent
		r := d.sents[sent]
		cue := false
		for j := r[0]; j < r[1]; j++ {
			if presentCues[d.toks[j].fold] && s.own(j) == nil && !(d.is(j, "atelier", "ateliers") && d.is(j-1, "son", "sa", "ses", "leur", "leurs")) {
				cue = true // not "l'atelier vélo X" (a name) nor "agrandir son atelier"
			}
		}
		// "Il s'agit du …" after a sentence saying initiatives were presented
		if !cue && d.is(r[0], "il") && d.is(r[0]+1, "s") && d.is(r[0]+2, "agit") && sent > 0 {
			pr := d.sents[sent-1]
			for j := pr[0]; j < pr[1]; j++ {
				if presentCues[d.toks[j].fold] {
					cue = true
				}
			}
		}
		// "… le projet « X » … . Porté par Y, il a été présenté par Z": the next sentence takes it up
		if !cue && sent+1 < len(d.sents) {
			nr := d.sents[sent+1]
			if d.is(nr[0], "il", "elle") || carrierVerbs[d.toks[nr[0]].fold] {
				for j := nr[0]; j < nr[1] && j < nr[0]+30; j++ {
					if d.is(j, "presente", "presentee") && d.is(j-1, "ete") {
						cue = true
					}
				}
			}
		}
		// "Trois initiatives étudiées ont été présentées par leurs porteurs." then the initiatives
		for back := 1; !cue && back <= 6 && sent-back >= 0; back++ {
			pr := d.sents[sent-back]
			if s.sentHasAnyEvent(sent - back) {
				break
			}
			if d.toks[pr[0]].kind == tNum || d.is(pr[0], "deux", "trois", "quatre", "cinq", "six", "plusieurs") {
				if d.is(pr[0]+1, "initiatives", "projets", "experiences", "structures", "actions") {
					for j := pr[0]; j < pr[1]; j++ {
						if d.is(j, "presentees", "presentes") {
							cue = true
						}
					}
				}
			}
		}
		if !cue && s.scheduleLine(sp[0]) && (ini.place != nil || ini.owner != nil || ini.structure) && !s.eventNamedOnLineBefore(sp[0]) {
			cue = true // "14h30 – Regards croisés sur la Cité éducative de X": on the programme
		}
		if !cue && (ini.place != nil || ini.owner != nil || ini.structure) {
			// "X, cheffe de projet de la Cité de l'emploi de Y", a speaker of an
			// event: the local initiative is presented where X speaks
			for k := sp[0] - 1; k >= 0 && k >= sp[0]-6 && d.sameSent(k, sp[0]); k-- {
				if !s.roleAt(k) {
					continue
				}
				q := k - 1
				if d.punct(q, ",") {
					q--
				}
				if p := s.own(q); p != nil && p.typ == kg.TypePerson {
					for _, ev := range s.evList {
						if s.hasRel(kg.ParticipatedIn, p, ev) {
							s.relate(kg.PresentedAt, ini, ev, "", sent, "rules/initiative-of-speaker", 0.6)
						}
					}
				}
				break
			}
		}
		if !cue {
			continue
		}
		if ev := s.reportedEventBefore(sp[0]); ev != nil {
			s.relate(kg.PresentedAt, ini, ev, "", sent, "rules/initiative-presented", 0.7)
			if ev.parentEv != nil {
				// presented at a round table: at the event it belongs to
				s.relate(kg.PresentedAt, ini, ev.parentEv, "", sent, "rules/initiative-presented", 0.65)
			}
			return
		}
	}
}

// eventNamedOnLineBefore reports whether an event is named before token i
// on its line (then the initiative belongs to that part, which the
// presentation rules read through the event's own mention).
func (s *state) eventNamedOnLineBefore(i int) bool {
	d := s.d
	for k := i - 1; k >= 0 && d.toks[k].line == d.toks[i].line; k-- {
		if e := s.own(k); e != nil && e.typ == kg.TypeEvent {
			return true
		}
	}
	return false
}

// roleWithin reports whether a role starts within n tokens before token i
// in its sentence.
func (s *state) roleWithin(i, n int) bool {
	for k := i - 1; k >= 0 && k >= i-n && s.d.sameSent(k, i); k-- {
		if s.roleAt(k) {
			return true
		}
	}
	return false
}

// presentedTogether reads "Ces trois projets ont été présentés lors de la
// table ronde X": the initiatives named in the sentences before were
// presented at the event of that sentence.
func (s *state) presentedTogether() {
	d := s.d
	for si, r := range d.sents {
		if !d.is(r[0], "ces") || !d.is(r[0]+1, "projets", "initiatives", "actions", "experiences", "structures") && !d.is(r[0]+2, "projets", "initiatives", "actions", "experiences", "structures") {
			continue
		}
		cue, ev := false, (*ent)(nil)
		for j := r[0]; j < r[1]; j++ {
			if presentCues[d.toks[j].fold] {
				cue = true
			}
			if e := s.own(j); e != nil && e.typ == kg.TypeEvent && ev == nil {
				ev = e
			}
		}
		if !cue || ev == nil {
			continue
		}
		for _, ini := range s.ents {
			if ini.typ != kg.TypeInitiative {
				continue
			}
			for _, sp := range ini.spans {
				if x := d.toks[sp[0]].sent; x < si && x >= si-4 {
					s.relate(kg.PresentedAt, ini, ev, "", si, "rules/initiatives-presented", 0.65)
					if ev.parentEv != nil {
						s.relate(kg.PresentedAt, ini, ev.parentEv, "", si, "rules/initiatives-presented", 0.6)
					}
					break
				}
			}
		}
	}
}

// orgRelations adds what organizations say about each other and about
// places: an authority GOVERNS its territory; a branch is LOCATED_IN the
// territory in its name, an organization in the place written next to it;
// MEMBER_OF (signatures, "est membre de"), PARTNER_OF ("ont signé une
// convention"), PART_OF ("filiale de").
func (s *state) orgRelations() {
	d := s.d
	for _, o := range s.ents {
		if o.typ != kg.TypeOrganization {
			continue
		}
		sent := 0
		if len(o.spans) > 0 {
			sent = d.toks[o.spans[0][0]].sent
		}
		if o.governs != nil {
			g := s.byID[o.governs.id]
			if g == nil {
				g = s.add(o.governs, 0, 0)
			}
			s.relate(kg.Governs, o, g, "", sent, "rules/local-authority", 0.95)
		}
		if o.seat != nil {
			s.relate(kg.LocatedIn, o, o.seat, "", sent, "rules/branch", 0.85)
		}
		if o.seat2 != nil {
			s.relate(kg.LocatedIn, o, o.seat2, "", sent, "rules/branch", 0.8)
		}
	}
	// "Hélène Dupuis (Le Mouvement associatif)": the person's organization
	for i := 0; i+2 < len(d.toks); i++ {
		if !d.punct(i, "(") {
			continue
		}
		p := s.own(i - 1)
		o := s.own(i + 1)
		if p == nil || o == nil || p.typ != kg.TypePerson || o.typ != kg.TypeOrganization {
			continue
		}
		if _, e, ok := o.mentionAt(i + 1); ok && d.punct(e, ")") {
			if _, ok := s.affil[p]; !ok {
				s.affil[p] = o
			}
		}
	}
	people := make([]*ent, 0, len(s.affil))
	for p := range s.affil {
		people = append(people, p)
	}
	slices.SortFunc(people, func(a, b *ent) int { return cmp.Compare(a.first, b.first) })
	for _, p := range people {
		o := s.affil[p]
		if !s.hasRel(kg.HoldsRole, p, o) {
			sent := 0
			if len(p.spans) > 0 {
				sent = d.toks[p.spans[len(p.spans)-1][0]].sent
			}
			s.relate(kg.MemberOf, p, o, "", sent, "rules/affiliation", 0.7)
		}
	}
	for i := 0; i+2 < len(d.toks); i++ {
		f := d.toks[i].fold
		switch {
		case f == "membre" && d.is(i-1, "est", "sont") || f == "adherente" || f == "adherent" || f == "rejoint" && d.is(i-1, "a", "ont") || f == "rejoindre" && d.is(i-1, "de") && d.is(i-2, "vient", "viennent"):
			// "La régie est membre du Comité …"
			k := s.skipArticle(s.skipPrep(i + 1))
			o2 := s.own(k)
			if o2 == nil || o2.typ != kg.TypeOrganization {
				continue
			}
			st := i - 1
			if d.is(st, "est", "sont", "a", "ont") {
				st--
			}
			var o1 *ent
			if e := s.own(st); e != nil && e.typ == kg.TypeOrganization {
				o1 = e
			} else if d.toks[st].kind == tWord && d.is(st-1, "la", "le", "l") {
				o1 = s.orgBefore(st, d.toks[st].fold)
			} else if subj := s.subjectsBefore(i); len(subj) > 0 {
				o1 = subj[0] // "X vient de rejoindre le PTCE Y"
			}
			s.relate(kg.MemberOf, o1, o2, "", d.toks[i].sent, "rules/member-of", 0.7)
		case f == "signe" && d.is(i-1, "ont") || f == "signent":
			// "X et Y ont signé une convention"
			var subj []*ent
			for j := i - 1; j >= 0 && d.sameSent(i, j); j-- {
				if e := s.own(j); e != nil && e.typ == kg.TypeOrganization {
					st, _, _ := e.mentionAt(j)
					j = st
					subj = append(subj, e)
				}
			}
			if len(subj) == 2 && d.is(i+1, "une", "un", "la", "le") && d.is(i+2, "convention", "partenariat", "accord", "charte", "contrat") {
				s.relate(kg.PartnerOf, subj[1], subj[0], "", d.toks[i].sent, "rules/partnership", 0.7)
			}
		case f == "filiale" || f == "branche" || f == "direction" && d.punct(i-1, ","):
			if d.punct(i-1, ",") && d.is(i+1, "de", "du", "d") {
				k := s.skipPrep(i + 1)
				if o2 := s.own(k); o2 != nil && o2.typ == kg.TypeOrganization {
					s.relate(kg.PartOf, s.orgEndingBefore(i), o2, "", d.toks[i].sent, "rules/subsidiary", 0.7)
				}
			}
		}
	}
	s.orgPlaces()
}

// hostsEvent reports whether an event of the article is HELD_AT o.
func (s *state) hostsEvent(o *ent) bool {
	for _, r := range s.rels {
		if r.typ == kg.HeldAt && r.to == o {
			return true
		}
	}
	return false
}

// orgPlaces places organizations written with a place: "la régie X, à
// Marseille", "le quartier Y à Toulouse, où l'association X …", "À
// Mauléon, …, l'EBE X emploie", "X, centre de ressources politique de la
// ville de Bretagne et des Pays de la Loire", "l'entreprise d'insertion X,
// installée dans le quartier de Maurepas à Rennes".
func (s *state) orgPlaces() {
	d := s.d
	for _, o := range s.ents {
		if o.typ != kg.TypeOrganization || o.auth || o.seat != nil || s.isStructureOrg(o) || len(o.spans) == 0 {
			continue
		}
		if venueLike(o) && s.hostsEvent(o) {
			continue // "au palais de X, à Saint-Quentin": where an event is held, placed by HELD_AT
		}
		if s.appositionPlaces(o) || s.installedPlaces(o) {
			continue
		}
		sp := o.spans[0]
		sent := d.toks[sp[0]].sent
		// ", à Marseille", ", au Robert" right after
		if d.punct(sp[1], ",") && d.is(sp[1]+1, "a", "au") {
			if t := s.ter(sp[1] + 2); t != nil && t.kind == string(geo.LevelCommune) {
				s.relate(kg.LocatedIn, o, t, "", sent, "rules/org-place", 0.7)
				continue
			}
		}
		// "le pôle Lot'Coop à Cahors et …": a typed name and its town, closed
		if d.is(sp[1], "a", "au") && s.typedName(o) {
			if t := s.ter(sp[1] + 1); t != nil && t.kind == string(geo.LevelCommune) {
				if _, en, ok := t.mentionAt(sp[1] + 1); ok && (en >= len(d.toks) || d.toks[en].kind == tPunct || d.is(en, "et")) && !s.sentHasAnyEvent(sent) {
					s.relate(kg.LocatedIn, o, t, "", sent, "rules/org-place", 0.65)
					continue
				}
			}
		}
		// "…à Toulouse, où l'association X"
		if d.is(sp[0]-1, "l", "la", "le") && d.is(sp[0]-2, "association") {
			sp[0] -= 2
		}
		k := sp[0] - 1
		for k >= 0 && (d.is(k, "l", "la", "le", "les") || d.is(k, "association", "structure", "ebe")) {
			k--
		}
		if d.is(k, "ou") && d.punct(k-1, ",") {
			// the territory just before ", où": prefer the neighbourhood
			for j := k - 2; j >= 0 && j > k-8; j-- {
				if t := s.ter(j); t != nil {
					if t.kind == string(geo.LevelQPV) || t.kind == string(geo.LevelCommune) {
						best := t
						for x := j; x > k-8 && x >= 0; x-- {
							if t2 := s.ter(x); t2 != nil && t2.kind == string(geo.LevelQPV) {
								best = t2
								break
							}
						}
						s.relate(kg.LocatedIn, o, best, "", sent, "rules/org-place", 0.65)
					}
					break
				}
			}
			continue
		}
		// sentence-initial "À Mauléon, …, l'EBE X": the org as subject
		r := d.sents[sent]
		if d.is(r[0], "a", "au", "aux") && s.subjectOrg(sp[1]) == o {
			var place *ent
			for j := r[0]; j < sp[0]; j++ {
				if t := s.ter(j); t != nil && t.kind == string(geo.LevelCommune) && d.is(j-1, "a", "au", "aux") {
					place = t
				}
			}
			if place != nil {
				s.relate(kg.LocatedIn, o, place, "", sent, "rules/org-place", 0.6)
			}
		}
	}
}

// placeRelations links each territory of the article to its nearest
// ancestors also named in it (PART_OF, from the reference hierarchy; an
// EPCI's own parents are not followed).
func (s *state) placeRelations() {
	present := map[string]*ent{}
	for _, e := range s.ents {
		if e.typ == kg.TypeTerritory && len(e.spans) > 0 {
			present[string(e.id)] = e
		}
	}
	for _, e := range s.ents {
		if e.typ != kg.TypeTerritory || len(e.spans) == 0 {
			continue
		}
		var parents []string
		if e.terr != nil {
			if e.terr.Level == geo.LevelEPCI {
				continue
			}
			parents = e.terr.Parents
			if e.terr.Level == geo.LevelQPV {
				// a QPV across several communes: the communes named, if any
				var named []string
				for _, p := range parents {
					if present[p] != nil {
						named = append(named, p)
					}
				}
				if len(named) > 0 {
					parents = named
				}
			}
		} else if e.parent != nil {
			parents = []string{string(e.parent.id)}
		}
		// breadth-first up the hierarchy, stopping at present territories
		seen := map[string]bool{}
		queue := append([]string(nil), parents...)
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			if seen[id] {
				continue
			}
			seen[id] = true
			if p := present[id]; p != nil && p != e {
				s.relate(kg.PartOf, e, p, "", d0(s, e), "reference/geo", 1)
				continue
			}
			t := s.x.geo.ByID(id)
			if t == nil || t.Level == geo.LevelEPCI || t.Level == geo.LevelCountry {
				continue
			}
			queue = append(queue, t.Parents...)
		}
	}
}

func d0(s *state, e *ent) int { return s.d.toks[e.spans[0][0]].sent }

// personStartsAt returns the person whose mention starts at token i, after
// a civil title ("Mme", "M.", "Dr").
func (s *state) personStartsAt(i int) *ent {
	d := s.d
	for k := i; k < i+3 && k < len(d.toks); k++ {
		if civilTitles[d.toks[k].fold] || d.punct(k, ".") {
			continue
		}
		if p := s.own(k); p != nil && p.typ == kg.TypePerson {
			if st, _, ok := p.mentionAt(k); ok && st == k {
				return p
			}
		}
		return nil
	}
	return nil
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// agendaLine reports whether token i stands in a line that names an event
// with its date ("Lundi 2 juin – Forum des métiers …, avec …").
func (s *state) agendaLine(i int) bool {
	d := s.d
	si := d.toks[i].sent
	if !d.toks[d.sents[si][0]].nl || !s.sentHasDate(si) {
		return false
	}
	for _, e := range s.evList {
		for _, sp := range e.spans {
			if d.toks[sp[0]].sent == si && sp[0] < i {
				return true
			}
		}
	}
	return false
}

// eventNear reports whether an event is named in the sentence of token i
// or in the four before it.
func (s *state) eventNear(i int) bool {
	d := s.d
	si := d.toks[i].sent
	for _, e := range s.evList {
		for _, sp := range e.spans {
			if x := d.toks[sp[0]].sent; x <= si && x >= si-4 {
				return true
			}
		}
	}
	return s.eventTalk(i)
}

// eventTalk reports whether the sentence of token i speaks of an event or
// of a debate: an event mention, an event kind, "débat", "échanges",
// "atelier", "intervention".
func (s *state) eventTalk(i int) bool {
	d := s.d
	r := d.sents[d.toks[i].sent]
	for j := r[0]; j < r[1]; j++ {
		if e := s.own(j); e != nil && e.typ == kg.TypeEvent {
			return true
		}
		if d.is(j, "debat", "debats", "echanges", "atelier", "ateliers", "intervention", "interventions", "table", "tables", "assemblee", "seance", "pleniere") {
			return true
		}
		for _, hi := range s.byTok[j] {
			if s.hits[hi].ref.kind == lkEvent {
				return true
			}
		}
	}
	return false
}

// openingVerbs open or close something: the event only when it is their
// object ("a ouvert la journée", "clôturera les débats").
var openingVerbs = set("ouvert", "cloture", "ouvrira", "cloturera", "introduit", "conclu")

// eventObject reports whether an event, or a word for a part of one
// (travaux, débats, échanges, séance), follows within three tokens of i.
func (s *state) eventObject(i int) bool {
	d := s.d
	for k := i; k < i+3 && k < len(d.toks); k++ {
		if e := s.own(k); e != nil && e.typ == kg.TypeEvent {
			return true
		}
		if d.is(k, "travaux", "debats", "echanges", "seance", "rencontre", "journee", "matinee", "colloque", "forum", "seminaire", "webinaire", "assemblee", "ceremonie", "evenement", "manifestation") {
			return true
		}
	}
	return false
}

// reportedEventBefore returns the event a participant named at token i
// takes part in: the last event named before, skipping the frameworks
// ("dans le cadre du Mois de l'ESS") and a round table whose item has ended.
func (s *state) reportedEventBefore(i int) *ent {
	var best *ent
	bestTok := -1
	for _, e := range s.evList {
		if e.frame {
			continue
		}
		for _, sp := range e.spans {
			if sp[0] <= i && sp[0] > bestTok {
				best, bestTok = e, sp[0]
			}
		}
	}
	if best == nil {
		for _, e := range s.evList {
			if !e.frame {
				return e
			}
		}
		return nil
	}
	if best.parentEv != nil && s.d.toks[i].line != s.d.toks[bestTok].line {
		return best.parentEv // past the round table's item or paragraph
	}
	return best
}

// typedName reports whether o was introduced with a type noun before its
// name ("le pôle Lot'Coop", "la coopérative X").
func (s *state) typedName(o *ent) bool {
	f := fold(o.name)
	for _, n := range o.names {
		if g := fold(n); len(g) > len(f) && strings.HasSuffix(g, " "+f) {
			return true
		}
	}
	return false
}

// sentHasAnyEvent reports whether an event is named in sentence si.
func (s *state) sentHasAnyEvent(si int) bool {
	d := s.d
	for _, e := range s.evList {
		for _, sp := range e.spans {
			if d.toks[sp[0]].sent == si {
				return true
			}
		}
	}
	return false
}

// appositionPlaces links an organization to the regions and departments an
// apposition of its type names: "X, centre de ressources politique de la
// ville de Bretagne et des Pays de la Loire," → LOCATED_IN both.
func (s *state) appositionPlaces(o *ent) bool {
	d := s.d
	found := false
	for _, sp := range o.spans {
		k := sp[1]
		if d.punct(k, ")") && d.punct(sp[1]-2, "(") {
			k++
		}
		indef := d.is(k+1, "un", "une") // "X, une société coopérative d'intérêt collectif (SCIC) de Redon"
		if indef {
			k++
		}
		if !(d.punct(k, ",") || indef) || k+1 >= len(d.toks) || d.toks[k+1].cap || !s.isHead(k+1) && !d.is(k+1, "tete") {
			continue
		}
		for j := k + 1; j < len(d.toks) && j < k+18 && d.sameSent(k, j) && !d.punct(j, ",", ".", ";", ":") && s.own(j) == nil; j++ {
			if d.punct(j, "(") {
				if j+2 < len(d.toks) && d.toks[j+1].upper && d.punct(j+2, ")") {
					j += 2 // "(SCIC)"
					continue
				}
				break
			}
			t := s.ter(j)
			if t == nil || t.terr == nil || t.terr.Level != geo.LevelRegion && t.terr.Level != geo.LevelDepartment && !(indef && t.terr.Level == geo.LevelCommune) {
				continue
			}
			st, en, _ := t.mentionAt(j)
			p := st - 1
			if d.is(p, "la", "l", "les") {
				p--
			}
			if d.is(p, "de", "du", "des", "d", "en") {
				s.relate(kg.LocatedIn, o, t, "", d.toks[j].sent, "rules/org-apposition-place", 0.75)
				found = true
			}
			j = en - 1
		}
		if found {
			return true
		}
	}
	return false
}

// installedVerbs say where an organization or a structure is.
var installedVerbs = set("installe", "installee", "installes", "installees", "implante", "implantee", "implantes", "implantees",
	"situe", "situee", "situes", "situees", "basee", "base", "domicilie", "domiciliee", "heberge", "hebergee")

// installedPlaces links an organization or initiative to the communes and
// neighbourhoods after ", installée dans le quartier de X à Y".
func (s *state) installedPlaces(o *ent) bool {
	d := s.d
	found := false
	for _, sp := range o.spans {
		k := sp[1]
		if d.punct(k, "»") {
			k++
		}
		if d.punct(k, ",") {
			k++
		}
		if !installedVerbs[d.toks[min(k, len(d.toks)-1)].fold] {
			continue
		}
		for j := k + 1; j < len(d.toks) && j < k+14 && d.sameSent(k, j) && !d.punct(j, ",", ".", ";", ":"); j++ {
			if e := s.own(j); e != nil && e.typ != kg.TypeTerritory {
				break
			}
			t := s.ter(j)
			if t == nil || t.kind != string(geo.LevelCommune) && t.kind != string(geo.LevelQPV) {
				continue
			}
			_, en, _ := t.mentionAt(j)
			s.relate(kg.LocatedIn, o, t, "", d.toks[j].sent, "rules/installed-in", 0.75)
			found = true
			j = en - 1
		}
		if found {
			return true
		}
	}
	return false
}

// clauseBreak reports whether token j opens a contrasting clause: "tandis
// que", "alors que", "mais", a semicolon.
func clauseBreak(d *doc, j int) bool {
	return d.is(j, "tandis", "mais") || d.punct(j, ";") || d.is(j, "alors") && d.is(j+1, "qu", "que")
}

// eventOfOrg returns the organization that completes an event's kind
// directly, with only adjectives between ("le webinaire de l'Observatoire solidaire",
// "la journée régionale du centre de ressources"): the one who holds it.
func (s *state) eventOfOrg(sp [2]int) *ent {
	d := s.d
	if k := s.skipPrep(sp[1]); k > sp[1] && d.is(sp[1], "de", "du", "d", "des") && isYearTok(d, sp[1]-1) && d.sameSent(sp[0], k) {
		// "les Rencontres régionales 2026 de la Fédération X": a series
		// named with its year, then its organizer
		if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) {
			return o
		}
	}
	for k := sp[0] + 1; k < sp[1]; k++ {
		o := s.own(k)
		if o == nil || o.typ != kg.TypeOrganization || !s.mentionStartsAt(o, k) {
			continue
		}
		p := s.prepBefore(k)
		if !d.is(p, "de", "du", "d") || p <= sp[0] {
			return nil
		}
		for x := sp[0] + 1; x < p; x++ {
			if t := d.toks[x]; t.kind != tWord || t.cap || !adjectiveLike(t.fold) {
				return nil
			}
		}
		return o
	}
	return nil
}

// venueHeads are the first words of the names of places that host events.
var venueHeads = set("salle", "lycee", "college", "gymnase", "theatre", "auditorium", "palais", "halle", "stade", "cinema", "amphitheatre", "espace")

// venueLike reports whether organization o is a place that hosts events.
func venueLike(o *ent) bool {
	if o.kind == "venue" {
		return true
	}
	f := strings.Fields(kg.Fold(o.name))
	return len(f) > 0 && venueHeads[f[0]]
}

// hostVerbBefore reports whether the verb before the event mention at t0
// in its sentence is "accueillir" ("… a accueilli la quatrième édition").
func (s *state) hostVerbBefore(t0 int) bool {
	d := s.d
	for j := t0 - 1; j >= 0 && j >= t0-12 && d.sameSent(t0, j); j-- {
		if d.is(j, "accueilli", "accueille", "accueillent", "accueillera", "accueillait", "heberge", "hebergera") {
			return true
		}
	}
	return false
}

// kindNamedIn returns the first token in [t0, t1) that is a content word
// of the kind of structure ini ("chantier" for the "Atelier et chantier
// d'insertion La Bouinotte"), or -1.
func (s *state) kindNamedIn(ini *ent, t0, t1 int) int {
	org := s.structOrg[ini]
	if !ini.structure || org == nil {
		return -1
	}
	kind, ok := strings.CutSuffix(fold(ini.name), " "+fold(org.name))
	if !ok {
		return -1
	}
	words := map[string]bool{}
	for _, w := range strings.Fields(kind) {
		if !stopWords[w] && len(w) > 2 {
			words[w] = true
		}
	}
	for k := t0; k < t1 && k < len(s.d.toks); k++ {
		if words[s.d.toks[k].fold] && !s.d.toks[k].cap {
			return k
		}
	}
	return -1
}

// pronounCarriers reads "Porté par l'association X et la Communauté
// d'agglomération Y, il a été présenté …": the carriers of the initiative
// named in the sentence before, which the pronoun takes up.
func (s *state) pronounCarriers() {
	d := s.d
	for si, r := range d.sents {
		// "Elle est portée par le centre social X et soutenue par Y."
		if si > 0 && d.is(r[0], "elle", "il") && d.is(r[0]+1, "est") && carrierVerbs[d.toks[r[0]+2].fold] && d.is(r[0]+3, "par") {
			prev := d.sents[si-1]
			ini := s.initiativeBefore(r[0], false)
			if ini != nil && (slices.ContainsFunc(ini.spans, func(sp [2]int) bool { return sp[0] >= prev[0] && sp[0] < prev[1] }) || s.kindNamedIn(ini, prev[0], prev[1]) >= 0) {
				for k := r[0] + 4; k < r[1] && !carrierVerbs[d.toks[k].fold] && !d.is(k, "soutenue", "soutenu", "accompagnee", "accompagne", "aidee", "aide") && !d.punct(k, ",", ";"); k++ {
					if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) && o != s.structOrg[ini] {
						s.relate(kg.LedBy, ini, o, "", si, "rules/initiative-carried-by-pronoun", 0.65)
					}
				}
			}
			continue
		}
		// ": porté par l'association X, le chantier emploie …": the structure
		// named before, taken up by its kind
		for j := r[0]; j+2 < r[1]; j++ {
			if !carrierVerbs[d.toks[j].fold] || !d.is(j+1, "par") || !(j == r[0] || d.punct(j-1, ":", ";")) {
				continue
			}
			ini := s.initiativeBefore(j, false)
			if ini == nil || !ini.structure || s.structOrg[ini] == nil || d.toks[ini.spans[len(ini.spans)-1][0]].sent < si-1 {
				break
			}
			for k := j + 2; k+2 < r[1] && k < j+20; k++ {
				if d.punct(k, ",") && d.is(k+1, "le", "la", "l") {
					if s.kindNamedIn(ini, k+2, k+3) < 0 {
						break
					}
					for x := j + 2; x < k; x++ {
						if o := s.own(x); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, x) && o != s.structOrg[ini] {
							s.relate(kg.LedBy, ini, o, "", si, "rules/initiative-carried-by-kind", 0.65)
						}
					}
					break
				}
			}
			break
		}
		if si == 0 || !carrierVerbs[d.toks[r[0]].fold] || !d.is(r[0]+1, "par") {
			continue
		}
		comma := -1
		for k := r[0] + 2; k+1 < r[1] && k < r[0]+30; k++ {
			if d.punct(k, ",") && d.is(k+1, "il", "elle") {
				comma = k
				break
			}
		}
		if comma < 0 {
			continue
		}
		prev := d.sents[si-1]
		ini := s.initiativeBefore(r[0], false)
		if ini == nil || !slices.ContainsFunc(ini.spans, func(sp [2]int) bool { return sp[0] >= prev[0] && sp[0] < prev[1] }) {
			continue // the initiative must be named in the sentence before
		}
		for k := r[0] + 2; k < comma; k++ {
			if o := s.own(k); o != nil && o.typ == kg.TypeOrganization && s.mentionStartsAt(o, k) && o != s.structOrg[ini] {
				s.relate(kg.LedBy, ini, o, "", si, "rules/initiative-carried-by-pronoun", 0.65)
			}
		}
	}
}

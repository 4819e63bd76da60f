package gen

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// ent is an entity of the generated world with everything needed to write
// about it: its canonical attributes, its written forms and the facts that
// articles can state about it.
type ent struct {
	id      kg.ID
	typ     kg.EntityType
	name    string // canonical name (straight apostrophes)
	fold    string // kg.Fold(name)
	kind    string
	acronym string
	code    string
	date    kg.Date // events: start date

	// forms[0] is the canonical name as written in running text; the others
	// are variants (aliases) an article may use instead.
	forms   []form
	acrForm form // the acronym as written (a CRESS's holds its region)
	fem     bool // grammatical gender of the name's head ("la Région", "le Réseau"), or of a person
	plur    bool // "les Hauts-de-France"

	place *place // territory entities: the place they stand for

	// facts
	seat       *place  // organizations: LOCATED_IN; local authorities: the territory they GOVERN; initiatives: LOCATED_IN; events: city
	themes     []*ent  // ABOUT
	staff      []*role // organizations: people and their roles
	roles      []*role // people: their roles
	networks   []*ent  // organizations: MEMBER_OF
	members    []*ent  // networks: their members
	partners   []*ent  // organizations, initiatives: PARTNER_OF
	backs      []*ent  // organizations: the initiatives that have them as partner
	leader     *ent    // initiatives: LED_BY
	led        []*ent  // organizations: initiatives they lead
	organizers []*ent  // events: ORGANIZED
	venue      *ent    // events: HELD_AT an organization (nil: held in the city)
	speakers   []*role // events: PARTICIPATED_IN (people)
	attendees  []*ent  // events: PARTICIPATED_IN (organizations)
	presented  []*ent  // events: initiatives PRESENTED_AT them
	shownAt    []*ent  // initiatives: events they were presented at
	year       int     // organizations: founding year; initiatives: launch year
	amount     int     // calls for projects: budget in euros
	evKind     *evKind // events
	series     *series // events
	online     bool    // events: webinars
	authority  bool    // local authorities
	national   bool    // organizations with a national scope
	descr      []string
}

// form is one written form of an entity: the text of the mention and how it
// is introduced in running text.
type form struct {
	text  string  // the mention itself, with typographic apostrophes
	fold  string  // kg.Fold(text), filled when the world is complete
	det   string  // determiner before it: "le ", "la ", "l’", "les " or ""
	desc  string  // common noun between determiner and mention, outside the span: "association "
	inner []inner // territories named inside the text
	fem   bool    // gender of the phrase (of desc when there is one)
	plur  bool
}

// inner is a territory named inside a form's text, at a code-point offset.
type inner struct {
	at int
	p  *place
}

// role is a person's position in an organization.
type role struct {
	person *ent
	org    *ent
	title  string // written form, agreeing with the person ("présidente")
}

// typo writes a canonical name as running text writes it: typographic
// apostrophes.
func typo(s string) string { return strings.ReplaceAll(s, "'", "’") }

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// startsWithVowel reports whether s starts with a vowel sound that elides a
// preceding "le", "la" or "de" (h is treated as aspirated).
func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch unicode.ToLower(r) {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'à', 'â', 'é', 'è', 'ê', 'î', 'ï', 'ô', 'œ', 'û', 'ù':
		return true
	}
	return false
}

// article returns the definite article for a phrase of this gender and number
// starting with next.
func article(fem, plur bool, next string) string {
	switch {
	case plur:
		return "les "
	case startsWithVowel(next):
		return "l’"
	case fem:
		return "la "
	}
	return "le "
}

// withPrep combines a preposition with a determiner: de+le → du, à+les → aux,
// de+"" before a vowel → d’. next is what follows the determiner.
func withPrep(prep, det, next string) string {
	switch prep {
	case "":
		return det
	case "de":
		switch det {
		case "le ":
			return "du "
		case "les ":
			return "des "
		case "":
			if startsWithVowel(next) {
				return "d’"
			}
			return "de "
		}
		return "de " + det
	case "à":
		switch det {
		case "le ":
			return "au "
		case "les ":
			return "aux "
		}
		return "à " + det
	}
	return prep + " " + det
}

// possessive returns "son", "sa" or "ses" for a phrase of this gender and
// number starting with next.
func possessive(fem, plur bool, next string) string {
	switch {
	case plur:
		return "ses "
	case fem && !startsWithVowel(next):
		return "sa "
	}
	return "son "
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst puts the first letter of s in lower case.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// acronymOf builds an acronym from the initials of the content words of a
// name: "Réseau des tiers-lieux solidaires" → "RTLS".
func acronymOf(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '\'' || r == '’' || r == '-' }) {
		if stopWords[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(baseLetter(r)))
	}
	return b.String()
}

var stopWords = map[string]bool{"de": true, "des": true, "du": true, "la": true, "le": true, "les": true, "l": true, "d": true,
	"et": true, "pour": true, "en": true, "à": true, "au": true, "aux": true, "sur": true, "par": true, "dans": true, "une": true, "un": true}

// baseLetter drops the accent of the common French accented capitals and
// lower-case letters.
func baseLetter(r rune) rune {
	switch unicode.ToLower(r) {
	case 'é', 'è', 'ê', 'ë':
		return 'e'
	case 'à', 'â':
		return 'a'
	case 'î', 'ï':
		return 'i'
	case 'ô':
		return 'o'
	case 'û', 'ù':
		return 'u'
	case 'ç':
		return 'c'
	}
	return r
}

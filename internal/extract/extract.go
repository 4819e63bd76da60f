package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
)

// Options configure an Extractor.
type Options struct {
	// Geo is the reference geography; nil means geo.Default().
	Geo *geo.Gazetteer
}

// Extractor extracts article graphs. It is immutable once built and safe
// for concurrent use.
type Extractor struct {
	lx  *lexicons
	lm  *lexMatcher
	geo *geo.Gazetteer

	orgBySig   map[string]*orgEntry // signature of name and aliases → entry
	orgByAcr   map[string]*orgEntry // folded acronym → entry
	themeByKey map[string]*themeEntry
	themeBySig map[string]*themeEntry
	roleForms  map[string]bool
	epciBySig  map[string]*geo.Territory // other names of EPCI (see epciKeys)
	epciByAcr  map[string]*geo.Territory // folded acronyms of EPCI
	prefecture *orgEntry                 // the State's departmental and regional offices
}

// New builds an Extractor: it parses the embedded lexicons and builds the
// matchers (about 100 ms; the geography is shared by every Extractor).
func New(opts Options) (*Extractor, error) {
	lx, err := loadLexicons()
	if err != nil {
		return nil, err
	}
	lm, err := newLexMatcher(lx)
	if err != nil {
		return nil, err
	}
	g := opts.Geo
	if g == nil {
		g = geo.Default()
	}
	x := &Extractor{lx: lx, lm: lm, geo: g, orgBySig: map[string]*orgEntry{}, orgByAcr: map[string]*orgEntry{},
		themeByKey: map[string]*themeEntry{}, themeBySig: map[string]*themeEntry{}, roleForms: map[string]bool{}}
	for _, e := range lx.orgs {
		if e.id == "prefecture" {
			x.prefecture = e
		}
		for _, n := range append([]string{e.name}, e.aliases...) {
			if isAcronym(n) {
				x.orgByAcr[fold(n)] = e
				continue
			}
			if s := signature(n); s != "" {
				x.orgBySig[s] = e
			}
		}
		if e.acronym != "" {
			x.orgByAcr[fold(e.acronym)] = e
		}
	}
	for _, t := range lx.themes {
		for _, n := range append(append([]string{t.name}, t.variants...), t.acronyms...) {
			x.themeByKey[fold(n)] = t
			x.themeBySig[signature(n)] = t
		}
	}
	for _, r := range lx.roles {
		x.roleForms[fold(r.form)] = true
	}
	x.buildEPCIIndex()
	g.Matcher() // build once, not during the first article
	return x, nil
}

// ent is an entity of the article being extracted.
type ent struct {
	typ     kg.EntityType
	id      kg.ID
	name    string
	names   []string // other written forms
	acronym string
	kind    string
	code    string
	start   kg.Date
	end     kg.Date
	spans   [][2]int // token ranges of its mentions
	first   int      // first token of its first mention

	terr      *geo.Territory // Territory: the reference unit (nil for an unofficial quartier)
	parent    *ent           // Territory: the commune of an unofficial quartier
	lex       *orgEntry      // Organization: the national actor
	auth      bool           // Organization: a local authority
	governs   *ent           // Organization: the territory an authority governs
	seat      *ent           // Organization: the territory in a branch's name
	seat2     *ent           // Organization: a second territory in its name ("Préfecture de X et de Y")
	theme     *themeEntry    // Theme from the lexicon
	listed    bool           // Theme from the article's list
	count     int            // Theme: mentions outside other names
	surname   string         // Person: folded surname
	owner     *ent           // Initiative: the organization its name says leads it
	place     *ent           // Initiative: the territory its name carries
	keyTok    int            // Event, Initiative: token of the kind word
	structure bool           // Initiative: a place run by an organization (crèche X)
	frame     bool           // Event: named as the framework of what is reported ("dans le cadre du Mois de l'ESS")
	parentEv  *ent           // Event: the event a round table belongs to
	itemEnd   int            // Event: end of the list item of a round table
}

// addName records another written form of e's name, once.
func (e *ent) addName(n string) {
	if n == "" || n == e.name || slices.Contains(e.names, n) {
		return
	}
	e.names = append(e.names, n)
}

// rel is a relation found in the article, with its evidence.
type rel struct {
	typ      kg.RelationType
	from, to *ent
	role     string
	sent     int     // evidence sentence
	rule     string  // extractor rule
	conf     float64 // confidence
}

// state is the work area of one Extract call.
type state struct {
	x     *Extractor
	a     *kg.Article
	d     *doc
	hits  []hit
	byTok [][]int // token → hits starting there
	owner []*ent  // token → org, person, event or initiative mention covering it
	terr  []*ent  // token → territory mention covering it
	ents  []*ent
	byID  map[kg.ID]*ent
	rels  []rel
	geoms []geo.Match
	gAt   map[int][]*gtok
	gList []*gtok
	// departments and regions named in the article (for homonyms)
	ctxDep, ctxReg map[string]map[string]float64
	ctxKeys        []string        // keys of ctxDep, sorted
	depAuthority   map[string]bool // overseas departments whose Département is named
	acronyms       map[string]*ent // folded acronym → organization
	acronymsIni    map[string]*ent // folded acronym → local programme (initiative)
	structOrg      map[*ent]*ent   // structure initiative → its organization
	dates          []article.DateMatch
	evList         []*ent   // events, in text order
	evAnaphora     [][2]int // generic mentions of an event
	personRefs     []personRef
	surnames       map[string]bool // folded surnames of the people found
	title          *doc            // the title, when it is not the first line of the text
	// people whose role was stated without naming them ("la présidente du RTES")
	pendingRoles []pendingRole
	affil        map[*ent]*ent   // signature person → organization
	orgSig       map[string]*ent // signature of an organization's name → the organization
	bareGeneric  []hit           // bare names of a class of bodies ("la CRESS")
	bareAuth     []bareAuth      // "la Ville", "le Département" written alone
}

type pendingRole struct {
	role string
	org  *ent
	tok  int
}

// Extract reads one article and returns its graph. It never fails: an
// article without recognisable content gives a graph with no entities.
func (x *Extractor) Extract(a kg.Article) kg.ArticleGraph {
	d := tokenize(a.Text)
	s := &state{x: x, a: &a, d: d, byID: map[kg.ID]*ent{}, owner: make([]*ent, len(d.toks)), terr: make([]*ent, len(d.toks)), affil: map[*ent]*ent{}, orgSig: map[string]*ent{}}
	if a.Title != "" && !strings.HasPrefix(strings.TrimSpace(a.Text), strings.TrimSpace(a.Title)) {
		s.title = tokenize(a.Title)
	}
	s.hits = x.lm.find(d)
	s.byTok = make([][]int, len(d.toks))
	for i, h := range s.hits {
		s.byTok[h.t0] = append(s.byTok[h.t0], i)
	}
	s.geoms = x.geo.Matcher().Find(a.Text, geo.Options{QPVWindow: -1})
	s.indexGeo()
	s.buildContext()
	s.depAuthority = map[string]bool{}
	s.acronyms = map[string]*ent{}
	s.acronymsIni = map[string]*ent{}
	s.structOrg = map[*ent]*ent{}
	s.surnames = map[string]bool{}

	s.authorities()
	s.programmes()
	s.acronymDefinitions()
	s.lexiconOrgs()
	s.typedNames()
	s.people()
	s.headOrgs()
	s.calledStructures()
	s.appositiveStructures()
	s.carrierNames()
	s.habitatNames()
	s.events()
	s.gatheringEvent()
	s.organizedEvents()
	s.initiatives()
	s.territories()
	s.localInstances()
	s.bareAuthorities()
	s.themes()
	s.coreference()
	s.roles()
	s.eventRelations()
	s.initiativeRelations()
	s.orgRelations()
	s.placeRelations()
	s.qualifyHomonyms()
	return s.graph()
}

// add records a mention of e on tokens [t0, t1), merging e with the entity
// of the same id already found, and returns the entity kept.
func (s *state) add(e *ent, t0, t1 int) *ent {
	if e.id == "" {
		e.id = kg.NewEntityID(e.typ, e.name)
	}
	old, ok := s.byID[e.id]
	if !ok && e.typ == kg.TypeOrganization {
		// "Le Bocal Numérique" and "du Bocal Numérique": the same name
		// but for its article
		old, ok = s.orgSig[signature(e.name)]
	}
	if ok {
		if t1 > t0 {
			old.spans = append(old.spans, [2]int{t0, t1})
			if t0 < old.first {
				old.first = t0
			}
		}
		for _, n := range e.names {
			old.addName(n)
		}
		if e.name != old.name {
			old.addName(e.name)
		}
		old.acronym = cmp.Or(old.acronym, e.acronym)
		old.kind = cmp.Or(old.kind, e.kind)
		old.start = cmp.Or(old.start, e.start)
		old.end = cmp.Or(old.end, e.end)
		if old.governs == nil {
			old.governs = e.governs
		}
		if old.seat == nil {
			old.seat = e.seat
		}
		if old.seat2 == nil {
			old.seat2 = e.seat2
		}
		if old.owner == nil {
			old.owner = e.owner
		}
		if old.place == nil {
			old.place = e.place
		}
		old.auth = old.auth || e.auth
		return old
	}
	e.first = t0
	if t1 > t0 {
		e.spans = append(e.spans, [2]int{t0, t1})
	} else {
		e.first = len(s.d.toks)
	}
	if e.typ == kg.TypeOrganization {
		if sig := signature(e.name); sig != "" {
			if _, dup := s.orgSig[sig]; !dup {
				s.orgSig[sig] = e
			}
		}
	}
	s.byID[e.id] = e
	s.ents = append(s.ents, e)
	return e
}

// claim marks tokens [t0, t1) as covered by e (an org, person, event or
// initiative mention).
func (s *state) claim(e *ent, t0, t1 int) {
	for i := t0; i < t1 && i < len(s.owner); i++ {
		if s.own(i) == nil {
			s.owner[i] = e
		}
	}
}

// free reports whether no org, person, event or initiative mention covers
// any of tokens [t0, t1).
func (s *state) free(t0, t1 int) bool {
	for i := t0; i < t1 && i < len(s.owner); i++ {
		if s.own(i) != nil {
			return false
		}
	}
	return true
}

// entAt returns the entity of type t whose mention covers token i.
func (s *state) entAt(i int, types ...kg.EntityType) *ent {
	if i < 0 || i >= len(s.owner) {
		return nil
	}
	if e := s.own(i); e != nil && (len(types) == 0 || slices.Contains(types, e.typ)) {
		return e
	}
	if slices.Contains(types, kg.TypeTerritory) || len(types) == 0 {
		if e := s.ter(i); e != nil {
			return e
		}
	}
	return nil
}

// mentionAt returns the token range of e's mention covering token i
// ([i, i+1) and false when none does).
func (e *ent) mentionAt(i int) (int, int, bool) {
	for _, sp := range e.spans {
		if sp[0] <= i && i < sp[1] {
			return sp[0], sp[1], true
		}
	}
	return i, i + 1, false
}

// relate records a relation with its evidence sentence.
func (s *state) relate(t kg.RelationType, from, to *ent, role string, sent int, rule string, conf float64) {
	if from == nil || to == nil || from == to || !t.Allows(from.typ, to.typ) {
		return
	}
	for i := range s.rels {
		r := &s.rels[i]
		if r.typ == t && r.from == from && r.to == to {
			if r.role == "" {
				r.role = role
			}
			r.conf = max(r.conf, conf)
			return
		}
	}
	s.rels = append(s.rels, rel{typ: t, from: from, to: to, role: role, sent: sent, rule: rule, conf: conf})
}

// hasRel reports whether a relation of type t links from to to.
func (s *state) hasRel(t kg.RelationType, from, to *ent) bool {
	for _, r := range s.rels {
		if r.typ == t && r.from == from && (to == nil || r.to == to) {
			return true
		}
	}
	return false
}

// capitalize returns s with its first letter in upper case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// titleWord turns an all-capitals word into its usual spelling
// ("DUPUIS" → "Dupuis", "LE" → "Le", "DUPONT-MOREAU" → "Dupont-Moreau").
func titleWord(w string) string {
	var b strings.Builder
	up := true
	for _, r := range w {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = !unicode.IsLetter(r)
	}
	return b.String()
}

// own returns the org, person, event or initiative mention covering token
// i (nil out of range).
func (s *state) own(i int) *ent {
	if i < 0 || i >= len(s.owner) {
		return nil
	}
	return s.owner[i]
}

// ter returns the territory mention covering token i (nil out of range).
func (s *state) ter(i int) *ent {
	if i < 0 || i >= len(s.terr) {
		return nil
	}
	return s.terr[i]
}

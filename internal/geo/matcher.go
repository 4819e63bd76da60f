package geo

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// CueKind classifies the words just before a matched name.
type CueKind uint8

// The cue kinds, from the weakest.
const (
	CueNone CueKind = iota
	// CueGenitive: "de", "du", "des", "d'" ("la mairie de Lens" is
	// administrative; "le maire de" too; a bare "de Lens" is genitive).
	CueGenitive
	// CueLocative: "à", "au", "aux", "en", "dans (le/la/les)", "près de",
	// "depuis", "vers", "sur"…
	CueLocative
	// CueAdministrative: an administrative noun — "ville de", "commune de",
	// "département du", "région", "métropole de", "quartier de", "maire de"…
	CueAdministrative
)

func (k CueKind) String() string {
	return [...]string{"none", "genitive", "locative", "administrative"}[k]
}

// cues maps folded phrases (1 to 3 words) to their kind.
var cues = func() map[string]CueKind {
	m := map[string]CueKind{}
	for _, c := range []string{"de", "du", "des", "d", "de la", "de l"} {
		m[c] = CueGenitive
	}
	for _, c := range []string{
		"a", "au", "aux", "a la", "a l", "en", "dans", "dans le", "dans la", "dans les", "dans l",
		"depuis", "vers", "sur", "pres de", "pres d", "pres du", "autour de", "autour d",
		"a cote de", "a cote d", "jusqu a", "jusqu au", "originaire de", "originaire d",
		"situe a", "situee a", "base a", "basee a", "installe a", "installee a", "implante a", "implantee a",
	} {
		m[c] = CueLocative
	}
	nouns := []string{
		"ville", "commune", "communes", "departement", "region", "metropole", "agglomeration",
		"agglo", "quartier", "quartiers", "territoire", "maire", "mairie", "prefecture",
		"habitants", "canton", "arrondissement", "intercommunalite", "conseil departemental",
		"conseil regional", "conseil municipal", "communaute de communes", "communaute d agglomeration",
		"communaute urbaine", "collectivite", "centre ville", "banlieue",
	}
	for _, n := range nouns {
		m[n] = CueAdministrative
		for _, p := range []string{"de", "du", "des", "d", "de la"} {
			if strings.Count(n, " ")+strings.Count(p, " ") <= 1 {
				m[n+" "+p] = CueAdministrative
			}
		}
	}
	return m
}()

// Match is one territory name found in a text.
type Match struct {
	// Start and End are byte offsets in the original text: text[Start:End]
	// is the name as written ("Hauts-de-France", "Saint-Étienne", "Havre"
	// in "au Havre").
	Start, End int
	Text       string
	// Key is the folded name the match was found by (see Fold).
	Key string
	// Candidates are the territories with that name, best first (see
	// Lookup). For a QPV match, only the QPV one of whose communes is named
	// nearby (see Options.QPVWindow).
	Candidates []*Territory
	// Note is set when the name is an alias of the candidates, e.g.
	// "former region (before 2016), part of" for "Nord-Pas-de-Calais".
	Note string
	// Contracted: the name was found without its article after "au",
	// "aux", "du", "des" ("au Havre" → Le Havre).
	Contracted bool
	// Cue is the folded phrase just before the name, when it is a known
	// cue: "a" (à), "en", "dans le", "ville de", "departement du",
	// "region"…; CueKind classifies it.
	Cue     string
	CueKind CueKind
	// CodeHint is the department code written in parentheses after the
	// name: "59" for "Roubaix (59)", "(59100)" or "(Nord)"; "2A", "974".
	CodeHint string
	// Capitalized: the first word of the name other than an article or a
	// preposition starts with a capital letter in the text.
	Capitalized bool
	// Ambiguity of the name (see Gazetteer.Ambiguity); for QPV names only
	// ReasonCommonWord (a generic name such as "Centre Ville") is set.
	Ambiguity Ambiguity
}

// Options tune Find.
type Options struct {
	// QPVWindow: a QPV is only proposed when one of its communes is matched
	// at most this many bytes before or after it (0: 400 bytes; negative:
	// anywhere in the text).
	QPVWindow int
	// Lowercase keeps matches whose name is not capitalized ("la réunion",
	// "au nord de", "plan", "il y a"): by default they are dropped, as
	// French writes place names with a capital.
	Lowercase bool
}

// pattern is one surface form in the trie.
type pattern struct {
	key      string // canonical key in names / stripped / qpvNames
	place    bool   // key of g.names
	stripped bool   // key of g.stripped (valid after au/aux/du/des)
	qpv      bool   // key of g.qpvNames
}

// Matcher finds territory names in texts. It is built once per Gazetteer
// (Gazetteer.Matcher) and safe for concurrent use.
//
// It is a byte trie over the folded names of every territory (with the
// "St"/"Ste" spellings, names without Le/Les, aliases and QPV name parts),
// walked from each word start of the folded text: since names only match
// whole words, an Aho-Corasick automaton's failure links would only find
// matches that are then discarded, and the compact trie (a few MB) is far
// smaller than a DFA over ~60,000 names. The walk keeps, at each word start,
// the longest name ending at a word end; place names do not overlap
// (leftmost-longest: "Pas-de-Calais" hides "Calais"), QPV names may overlap
// place names.
type Matcher struct {
	g        *Gazetteer
	root     [256]int32 // child of the root by byte, -1 if none
	edgeOff  []int32    // node n's edges are edgeOff[n]:edgeOff[n+1]
	labels   []byte
	targets  []int32
	terminal []int32 // node → pattern index, -1 if none
	patterns []pattern

	qpvGeneric map[string]bool // QPV keys made of ordinary words only
}

// Matcher returns the gazetteer's text matcher, built on first use.
func (g *Gazetteer) Matcher() *Matcher {
	g.matcherOnce.Do(func() { g.matcher = newMatcher(g) })
	return g.matcher
}

// Find is g.Matcher().Find(text, Options{}).
func (g *Gazetteer) Find(text string) []Match { return g.Matcher().Find(text, Options{}) }

func newMatcher(g *Gazetteer) *Matcher {
	g.ambOnce.Do(g.buildAmbiguity)
	m := &Matcher{g: g, qpvGeneric: map[string]bool{}}
	// Surface form → pattern.
	bySurface := map[string]*pattern{}
	get := func(surface, key string) *pattern {
		p := bySurface[surface]
		if p == nil {
			p = &pattern{key: key}
			bySurface[surface] = p
		}
		return p
	}
	for _, kind := range []int{0, 1, 2} {
		idx := [...]map[string][]nameEntry{g.names, g.stripped, g.qpvNames}[kind]
		for key := range idx {
			surfaces := [2]string{key}
			n := 1
			if ab := abbreviations(key); ab != nil {
				surfaces[1], n = ab[0], 2
			}
			for _, s := range surfaces[:n] {
				p := get(s, key)
				if p.key != key {
					// Two canonical keys with the same surface cannot
					// happen: abbreviations are not canonical.
					continue
				}
				switch kind {
				case 0:
					p.place = true
				case 1:
					p.stripped = true
				case 2:
					p.qpv = true
				}
			}
		}
	}
	for key, es := range g.qpvNames {
		w, ok := g.words[key]
		if !ok {
			w, ok = g.words[coreKey(key)]
		}
		if ok && w.lexicon && len(es) > 0 {
			m.qpvGeneric[key] = true
		}
	}
	surfaces := make([]string, 0, len(bySurface))
	for s := range bySurface {
		surfaces = append(surfaces, s)
	}
	slices.Sort(surfaces)
	size := 0
	for _, s := range surfaces {
		size += len(s)
	}
	m.patterns = make([]pattern, len(surfaces))
	for i, s := range surfaces {
		m.patterns[i] = *bySurface[s]
	}

	// Build the trie from the sorted surfaces: node 0 is the root; nodes
	// are created depth-first, so each node's children are created in
	// increasing byte order.
	type tmpNode struct{ firstChild, lastChild, next int32 }
	// About 60% of the surface bytes become nodes.
	nodes := make([]tmpNode, 1, size*2/3)
	nodes[0] = tmpNode{-1, -1, -1}
	labels := make([]byte, 1, size*2/3)
	terminal := make([]int32, 1, size*2/3)
	terminal[0] = -1
	path := []int32{0} // path[d] = node at depth d for the previous surface
	prev := ""
	for pi, s := range surfaces {
		lcp := 0
		for lcp < len(s) && lcp < len(prev) && s[lcp] == prev[lcp] {
			lcp++
		}
		path = path[:lcp+1]
		for d := lcp; d < len(s); d++ {
			parent := path[d]
			n := int32(len(nodes))
			nodes = append(nodes, tmpNode{-1, -1, -1})
			labels = append(labels, s[d])
			terminal = append(terminal, -1)
			if nodes[parent].lastChild >= 0 {
				nodes[nodes[parent].lastChild].next = n
			} else {
				nodes[parent].firstChild = n
			}
			nodes[parent].lastChild = n
			path = append(path, n)
		}
		terminal[path[len(s)]] = int32(pi)
		prev = s
	}
	// Flatten to CSR.
	m.edgeOff = make([]int32, len(nodes)+1)
	m.labels = make([]byte, 0, len(nodes))
	m.targets = make([]int32, 0, len(nodes))
	for n := range nodes {
		m.edgeOff[n] = int32(len(m.labels))
		for c := nodes[n].firstChild; c >= 0; c = nodes[c].next {
			m.labels = append(m.labels, labels[c])
			m.targets = append(m.targets, c)
		}
	}
	m.edgeOff[len(nodes)] = int32(len(m.labels))
	m.terminal = slices.Clip(terminal)
	for i := range m.root {
		m.root[i] = -1
	}
	for e := m.edgeOff[0]; e < m.edgeOff[1]; e++ {
		m.root[m.labels[e]] = m.targets[e]
	}
	return m
}

// child returns node n's child by byte c, or -1.
func (m *Matcher) child(n int32, c byte) int32 {
	lo, hi := m.edgeOff[n], m.edgeOff[n+1]
	if hi-lo <= 8 {
		for e := lo; e < hi; e++ {
			if m.labels[e] == c {
				return m.targets[e]
			}
		}
		return -1
	}
	for lo < hi {
		mid := (lo + hi) / 2
		switch l := m.labels[mid]; {
		case l == c:
			return m.targets[mid]
		case l < c:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return -1
}

type foldBuf struct {
	f            []byte
	starts, ends []int32
}

var foldPool = sync.Pool{New: func() any { return new(foldBuf) }}

type rawMatch struct {
	start, end int // folded offsets
	pat        int32
}

// Find returns the territory names in text, in text order.
func (m *Matcher) Find(text string, opt Options) []Match {
	buf := foldPool.Get().(*foldBuf)
	defer foldPool.Put(buf)
	buf.f, buf.starts, buf.ends = buf.f[:0], buf.starts[:0], buf.ends[:0]
	buf.f = appendFold(buf.f, text, &buf.starts, &buf.ends)
	f := buf.f

	var places, qpvs []rawMatch
	placeFree := 0 // first folded offset a place match may start at
	prevWord := -1 // start of the previous word
	for i := 0; i < len(f); {
		// i is a word start.
		bestPlace, bestQPV := rawMatch{pat: -1}, rawMatch{pat: -1}
		n := m.root[f[i]]
		if !opt.Lowercase && n >= 0 && !upperAt(text, buf.starts[i]) {
			// A kept name starts with a capital or a minor word ("la").
			e := i
			for e < len(f) && f[e] != ' ' {
				e++
			}
			if !isMinor(f[i:e]) {
				n = -1
			}
		}
		for j := i + 1; n >= 0; j++ {
			if t := m.terminal[n]; t >= 0 && (j == len(f) || f[j] == ' ') {
				p := &m.patterns[t]
				if p.place || (p.stripped && contractedBefore(f, prevWord, i)) {
					bestPlace = rawMatch{i, j, t}
				}
				if p.qpv {
					bestQPV = rawMatch{i, j, t}
				}
			}
			if j == len(f) {
				break
			}
			n = m.child(n, f[j])
		}
		if bestPlace.pat >= 0 && i >= placeFree && m.keep(text, f, buf.starts, bestPlace, opt) {
			places = append(places, bestPlace)
			placeFree = bestPlace.end
		}
		if bestQPV.pat >= 0 && m.keep(text, f, buf.starts, bestQPV, opt) {
			qpvs = append(qpvs, bestQPV)
		}
		// Next word.
		prevWord = i
		j := i
		for j < len(f) && f[j] != ' ' {
			j++
		}
		i = j + 1
	}

	out := make([]Match, 0, len(places)+len(qpvs))
	for _, r := range places {
		p := &m.patterns[r.pat]
		es := m.g.names[p.key]
		mt := m.newMatch(text, buf, r)
		if !p.place {
			es = m.g.stripped[p.key]
			mt.Contracted = true
		}
		mt.Candidates = make([]*Territory, len(es))
		note := es[0].note
		for k, e := range es {
			mt.Candidates[k] = e.t
			if e.note != note {
				note = ""
			}
		}
		mt.Note = note
		mt.Ambiguity = m.g.amb[p.key]
		out = append(out, mt)
	}
	if len(qpvs) == 0 {
		return out
	}
	window := opt.QPVWindow
	if window == 0 {
		window = 400
	}
	var accepted []Match
	for _, r := range qpvs {
		if insidePlace(r, places) {
			continue
		}
		mt := m.newMatch(text, buf, r)
		key := m.patterns[r.pat].key
		for _, e := range m.g.qpvNames[key] {
			if communeNear(e.t, out, mt.Start, mt.End, window) {
				mt.Candidates = append(mt.Candidates, e.t)
			}
		}
		if len(mt.Candidates) == 0 {
			continue
		}
		if m.qpvGeneric[key] {
			mt.Ambiguity.Reasons = ReasonCommonWord
		}
		mt.Ambiguity.Candidates = len(mt.Candidates)
		accepted = append(accepted, mt)
	}
	if len(accepted) == 0 {
		return out
	}
	// A place name strictly inside an accepted QPV name is dropped unless it
	// is one of the QPV's communes: "Grand" (Vosges) in "quartier du Grand
	// Mirail" goes, "Roubaix" in "Nouveau Roubaix" stays.
	kept := out[:0]
	for _, p := range out {
		if !insideQPV(p, accepted) {
			kept = append(kept, p)
		}
	}
	out = append(kept, accepted...)
	slices.SortStableFunc(out, func(a, b Match) int { return a.Start - b.Start })
	return out
}

func insideQPV(p Match, qpvs []Match) bool {
	for _, q := range qpvs {
		if q.Start > p.Start || p.End > q.End || q.End-q.Start <= p.End-p.Start {
			continue
		}
		for _, c := range p.Candidates {
			for _, qt := range q.Candidates {
				if slices.Contains(qt.Parents, c.ID()) {
					return false
				}
			}
		}
		return true
	}
	return false
}

// insidePlace reports whether a QPV name lies inside a longer place name
// ("Plaine" in "Plaine Commune").
func insidePlace(q rawMatch, places []rawMatch) bool {
	for _, p := range places {
		if p.start <= q.start && q.end <= p.end && p.end-p.start > q.end-q.start {
			return true
		}
	}
	return false
}

// contractedBefore reports whether the word before the word at i is "au",
// "aux", "du" or "des" (à/de + le/les).
func contractedBefore(f []byte, prevWord, i int) bool {
	if prevWord < 0 {
		return false
	}
	switch string(f[prevWord : i-1]) {
	case "au", "aux", "du", "des":
		return true
	}
	return false
}

// keep applies the capitalisation filter.
func (m *Matcher) keep(text string, f []byte, starts []int32, r rawMatch, opt Options) bool {
	return opt.Lowercase || capitalized(text, f, starts, r.start, r.end)
}

// isMinor reports whether a folded word is an article, a preposition or an
// EPCI prefix spelt out: not looked at for capitalisation.
func isMinor(w []byte) bool {
	switch len(w) {
	case 1:
		return w[0] == 'l' || w[0] == 'd' || w[0] == 'a'
	case 2:
		switch string(w) {
		case "le", "la", "de", "du", "en", "et", "au":
			return true
		}
	case 3:
		switch string(w) {
		case "les", "des", "sur", "aux", "lez":
			return true
		}
	case 4:
		return string(w) == "sous"
	case 7:
		return string(w) == "urbaine"
	case 8:
		return string(w) == "communes"
	case 10:
		return string(w) == "communaute"
	case 13:
		return string(w) == "agglomeration"
	}
	return false
}

// capitalized reports whether the first word of f[start:end] that is not
// an article, a preposition or an EPCI prefix starts with an upper-case
// letter in the original text ("Le Havre", "la communauté urbaine de
// Dunkerque", "ÎLE-DE-FRANCE"; not "la réunion", "plan").
func capitalized(text string, f []byte, starts []int32, start, end int) bool {
	for w := start; w < end; {
		e := w
		for e < end && f[e] != ' ' {
			e++
		}
		if !isMinor(f[w:e]) {
			return upperAt(text, starts[w])
		}
		w = e + 1
	}
	return false
}

func upperAt(text string, at int32) bool {
	if c := text[at]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(text[at:])
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func (m *Matcher) newMatch(text string, buf *foldBuf, r rawMatch) Match {
	start, end := int(buf.starts[r.start]), int(buf.ends[r.end-1])
	mt := Match{Start: start, End: end, Text: text[start:end], Key: m.patterns[r.pat].key}
	mt.Cue, mt.CueKind = cueBefore(buf.f, r.start)
	mt.CodeHint = m.codeAfter(text, end)
	mt.Capitalized = capitalized(text, buf.f, buf.starts, r.start, r.end)
	return mt
}

// cueBefore returns the longest known cue phrase (3 words at most) that
// ends just before the word at i.
func cueBefore(f []byte, i int) (string, CueKind) {
	if i == 0 {
		return "", CueNone
	}
	// Start offsets of the (up to) 3 previous words.
	var wordStarts [3]int
	nw := 0
	j := i - 1 // the space before the word
	for nw < 3 && j > 0 {
		k := j - 1
		for k >= 0 && f[k] != ' ' {
			k--
		}
		wordStarts[nw] = k + 1
		nw++
		j = k
	}
	for w := nw; w >= 1; w-- {
		phrase := string(f[wordStarts[w-1] : i-1])
		if k, ok := cues[phrase]; ok {
			return phrase, k
		}
	}
	return "", CueNone
}

// codeAfter reads a department code in parentheses after offset end of the
// original text: "(59)", "(2A)", "(974)", a postal code "(59100)", or a
// department name "(Nord)".
func (m *Matcher) codeAfter(text string, end int) string {
	rest := strings.TrimLeft(text[end:], " \t\u00a0\u202f")
	if !strings.HasPrefix(rest, "(") {
		return ""
	}
	closeAt := strings.IndexByte(rest, ')')
	if closeAt < 0 || closeAt > 40 {
		return ""
	}
	inner := strings.TrimSpace(strings.Trim(rest[1:closeAt], " \u00a0\u202f"))
	return m.departmentCode(inner)
}

// departmentCode interprets s as a department code, a postal code or a
// department name; "" if it is none of them.
func (m *Matcher) departmentCode(s string) string {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return s != ""
	}
	u := strings.ToUpper(s)
	switch {
	case len(u) == 5 && digits(u):
		switch {
		case strings.HasPrefix(u, "97"):
			u = u[:3]
		case strings.HasPrefix(u, "20"):
			if u < "20200" {
				u = "2A"
			} else {
				u = "2B"
			}
		default:
			u = u[:2]
		}
	case len(u) == 1 && digits(u):
		u = "0" + u
	}
	if d := m.g.Department(u); d != nil {
		return d.Code
	}
	if ds := m.g.LookupLevel(s, LevelDepartment); len(ds) > 0 {
		return ds[0].Code
	}
	return ""
}

// communeNear reports whether one of the QPV's communes is among the
// candidates of a place match within window bytes of [start, end).
func communeNear(q *Territory, places []Match, start, end, window int) bool {
	for _, p := range places {
		if window >= 0 && (p.End < start-window || p.Start > end+window) {
			continue
		}
		for _, c := range p.Candidates {
			if c.Level == LevelCommune && slices.Contains(q.Parents, c.ID()) {
				return true
			}
		}
	}
	return false
}

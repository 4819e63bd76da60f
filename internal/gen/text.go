package gen

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// doc writes an article's text and records, as it goes, the mentions (with
// their code-point spans) and the relations stated by each sentence (with
// the sentence as evidence). A relation can only be stated by a sentence
// that mentions both of its endpoints: doc checks it when the sentence ends.
type doc struct {
	w *world
	r *rand.Rand

	buf   []byte
	runes int
	words int
	// paragraph and sentence state
	inPara  bool // a sentence was written in the current paragraph
	sByte   int
	sRune   int
	capNext bool
	sSpans  []idSpan
	pending []pendRel

	ents    map[kg.ID]*entry
	spans   map[kg.ID][]kg.Span
	rels    map[string]*kg.Relation
	acr     map[kg.ID]bool // acronym defined in the text
	governs map[kg.ID]bool
	count   map[kg.ID]int // mentions so far
}

type idSpan struct {
	id kg.ID
	sp kg.Span
}

type pendRel struct {
	typ      kg.RelationType
	from, to kg.ID
	role     string
}

func newDoc(w *world, r *rand.Rand) *doc {
	return &doc{w: w, r: r, buf: make([]byte, 0, 8192),
		ents: map[kg.ID]*entry{}, spans: map[kg.ID][]kg.Span{}, rels: map[string]*kg.Relation{},
		acr: map[kg.ID]bool{}, governs: map[kg.ID]bool{}, count: map[kg.ID]int{}}
}

// write appends plain text, capitalising it if it starts a sentence.
func (d *doc) write(s string) {
	if s == "" {
		return
	}
	if d.capNext {
		s = upperFirst(s)
		d.capNext = false
	}
	d.buf = append(d.buf, s...)
	d.runes += utf8.RuneCountInString(s)
	d.words += strings.Count(s, " ")
	if strings.HasSuffix(s, "« ") {
		d.capNext = true // a quotation starts with a capital
	}
}

// para starts a new paragraph (written when its first sentence begins).
func (d *doc) para() {
	d.inPara = false
}

func (d *doc) begin() {
	switch {
	case d.inPara:
		d.write(" ")
	case d.runes > 0:
		d.write("\n\n")
	}
	d.sByte, d.sRune = len(d.buf), d.runes
	d.capNext = true
	d.sSpans = d.sSpans[:0]
	d.pending = d.pending[:0]
}

// end closes the sentence and turns its pending relations into relations
// with this sentence as evidence. It panics if a relation's endpoint is not
// mentioned in the sentence: that is a bug of a template.
func (d *doc) end() {
	d.capNext = false
	d.inPara = true
	if len(d.pending) == 0 {
		return
	}
	sentence := string(d.buf[d.sByte:])
	for _, p := range d.pending {
		fs, ok1 := d.spanIn(p.from)
		ts, ok2 := d.spanIn(p.to)
		if !ok1 || !ok2 {
			panic(fmt.Sprintf("gen: relation %s %s→%s stated by a sentence that does not name both: %q", p.typ, p.from, p.to, sentence))
		}
		rel := kg.Relation{Type: p.typ, From: p.from, To: p.to, Role: p.role}
		key := rel.Key()
		r := d.rels[key]
		if r == nil {
			r = &rel
			d.rels[key] = r
		}
		r.Provenance = append(r.Provenance, kg.Evidence{Sentence: sentence, Start: d.sRune, End: d.runes,
			Spans: []kg.Span{fs, ts}, Extractor: Extractor, Confidence: 1})
	}
}

func (d *doc) spanIn(id kg.ID) (kg.Span, bool) {
	for _, s := range d.sSpans {
		if s.id == id {
			return s.sp, true
		}
	}
	return kg.Span{}, false
}

// rel states a relation in the current sentence.
func (d *doc) rel(t kg.RelationType, from, to *ent, role string) {
	if from == nil || to == nil || from == to {
		return
	}
	d.pending = append(d.pending, pendRel{t, from.id, to.id, role})
}

// mention writes f.text as a mention of e (and of the territories inside it).
func (d *doc) mention(e *ent, f form) {
	start := d.runes
	startByte := len(d.buf)
	d.write(f.text)
	text := string(d.buf[startByte:])
	d.addSpan(e, kg.Span{Start: start, End: d.runes, Text: text})
	d.note(e, text, f.fold)
	for _, in := range f.inner {
		pf := in.p.e.forms[0]
		s := start + in.at
		d.addSpan(in.p.e, kg.Span{Start: s, End: s + runeLen(pf.text), Text: pf.text})
		d.note(in.p.e, pf.text, pf.fold)
		if e.authority && in.p == e.seat && !d.governs[e.id] {
			d.governs[e.id] = true
			d.rel(kg.Governs, e, in.p.e, "")
		}
	}
}

func (d *doc) addSpan(e *ent, sp kg.Span) {
	d.spans[e.id] = append(d.spans[e.id], sp)
	d.sSpans = append(d.sSpans, idSpan{e.id, sp})
	d.count[e.id]++
}

// entry is an entity of the article with the folds of its aliases.
type entry struct {
	kg.Entity
	folds []string
}

// note registers e among the article's entities, with the written form as an
// alias when it is neither the name nor the acronym. fold is the written
// form's fold ("" to compute it).
func (d *doc) note(e *ent, written, fold string) {
	x := d.entry(e)
	if fold == "" {
		fold = kg.Fold(written)
	}
	if e.acronym != "" && (written == e.acronym || fold == e.acrForm.fold) {
		x.Acronym = e.acronym
		return
	}
	if fold == e.fold || slices.Contains(x.folds, fold) {
		return
	}
	x.Aliases = append(x.Aliases, written)
	x.folds = append(x.folds, fold)
}

func (d *doc) entry(e *ent) *entry {
	x := d.ents[e.id]
	if x == nil {
		x = &entry{Entity: kg.Entity{ID: e.id, Type: e.typ, Name: e.name, Kind: e.kind, Code: e.code, StartDate: e.date}}
		if e.typ == kg.TypeTheme {
			x.Scheme = ThemeScheme
		}
		d.ents[e.id] = x
	}
	return x
}

// include lists an entity in the graph without a mention (article themes).
func (d *doc) include(e *ent) { d.entry(e) }

// formFor chooses how to write e now: the canonical form the first time,
// then sometimes a variant or the acronym once it has been defined.
func (d *doc) formFor(e *ent) (f form, defineAcronym bool) {
	f = e.forms[0]
	seen := d.count[e.id] > 0
	if e.acronym != "" && e.typ == kg.TypeOrganization {
		switch {
		case !seen:
			return f, d.r.IntN(10) < 6
		case d.acr[e.id] && d.r.IntN(10) < 6:
			af := e.acrForm
			af.det, af.fem, af.plur = article(f.fem, f.plur, e.acronym), f.fem, f.plur
			return af, false
		}
	}
	if seen && len(e.forms) > 1 && d.r.IntN(4) == 0 {
		return e.forms[1+d.r.IntN(len(e.forms)-1)], false
	}
	return f, false
}

// np writes a noun phrase for e: preposition and determiner (contracted),
// descriptor, then the mention; "(ACR)" after the first mention of an
// organization with an acronym, sometimes.
func (d *doc) np(e *ent, prep string) {
	f, def := d.formFor(e)
	lead := f.desc + f.text
	d.write(withPrep(prep, f.det, lead) + f.desc)
	d.mention(e, f)
	if def {
		d.write(" (")
		d.mention(e, e.acrForm)
		d.write(")")
		d.acr[e.id] = true
	}
}

// bare writes the mention without determiner.
func (d *doc) bare(e *ent) {
	f, _ := d.formFor(e)
	d.mention(e, form{text: f.text, fold: f.fold, inner: f.inner})
}

// in writes "à Lille", "dans le Nord", "en Bretagne", "dans le quartier prioritaire X".
func (d *doc) in(p *place) {
	d.write(p.inPrefix())
	d.mention(p.e, p.e.forms[0])
}

// inWithParent writes "à Roubaix (Nord)" for a commune, "dans le quartier
// prioritaire X, à Y" for a QPV, "in X" otherwise.
func (d *doc) inWithParent(p *place) {
	d.in(p)
	switch p.level {
	case kg.LevelCommune:
		if p.dept.e.name == p.e.name {
			return // "à Paris (Paris)"
		}
		d.write(" (")
		d.mention(p.dept.e, p.dept.e.forms[0])
		d.write(")")
	case kg.LevelQPV:
		d.write(", ")
		d.in(p.parents[0])
	}
}

// withRole writes "Marie Dupont, présidente de l’association X" and states
// HOLDS_ROLE.
func (d *doc) withRole(ro *role) {
	d.mention(ro.person, ro.person.forms[0])
	d.write(", " + typo(ro.title) + " ")
	d.np(ro.org, "de")
	d.rel(kg.HoldsRole, ro.person, ro.org, ro.title)
}

// finish adds the mentions of themes written as plain text (outside other
// entities' names) and returns the graph, in the normal form of
// kg.NormalizeGraph (built directly: it is cheaper than normalising).
func (d *doc) finish(a kg.Article, themes []*ent) kg.ArticleGraph {
	text := string(d.buf)
	a.Text = text
	d.detectThemes(text)
	g := kg.ArticleGraph{Article: a}
	for _, t := range themes {
		d.include(t)
		g.Themes = append(g.Themes, t.id)
	}
	slices.Sort(g.Themes)
	g.Themes = slices.Compact(g.Themes)
	g.Entities = make([]kg.Entity, 0, len(d.ents))
	for _, x := range d.ents {
		if len(x.Aliases) > 1 { // CleanEntity's order: by fold, then by text
			idx := make([]int, len(x.Aliases))
			for i := range idx {
				idx[i] = i
			}
			slices.SortFunc(idx, func(i, j int) int {
				return cmp.Or(cmp.Compare(x.folds[i], x.folds[j]), cmp.Compare(x.Aliases[i], x.Aliases[j]))
			})
			sorted := make([]string, len(idx))
			for k, i := range idx {
				sorted[k] = x.Aliases[i]
			}
			x.Aliases = sorted
		}
		g.Entities = append(g.Entities, x.Entity)
	}
	slices.SortFunc(g.Entities, func(x, y kg.Entity) int { return cmp.Compare(x.ID, y.ID) })
	g.Mentions = make([]kg.Mention, 0, len(d.spans))
	for id, sp := range d.spans {
		slices.SortFunc(sp, func(x, y kg.Span) int { return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End)) })
		sp = slices.CompactFunc(sp, func(x, y kg.Span) bool { return x.Start == y.Start && x.End == y.End })
		g.Mentions = append(g.Mentions, kg.Mention{ArticleID: a.ID, EntityID: id, Spans: sp})
	}
	slices.SortFunc(g.Mentions, func(x, y kg.Mention) int { return cmp.Compare(x.EntityID, y.EntityID) })
	keys := make([]string, 0, len(d.rels))
	for k := range d.rels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	g.Relations = make([]kg.Relation, 0, len(keys))
	for _, k := range keys {
		r := *d.rels[k]
		for i := range r.Provenance {
			r.Provenance[i].ArticleID = a.ID // sentences were recorded in text order
		}
		g.Relations = append(g.Relations, r)
	}
	return g
}

// detectThemes finds the written forms of the vocabulary's themes at word
// boundaries, outside the spans already recorded, and records them.
func (d *doc) detectThemes(text string) {
	var taken []kg.Span
	for _, sps := range d.spans {
		taken = append(taken, sps...)
	}
	slices.SortFunc(taken, func(a, b kg.Span) int { return cmp.Compare(a.Start, b.Start) })
	overlaps := func(s, e int) bool {
		i, _ := slices.BinarySearchFunc(taken, e, func(sp kg.Span, t int) int { return cmp.Compare(sp.Start, t) })
		for j := i - 1; j >= 0; j-- {
			if taken[j].End > s {
				return true
			}
			if taken[j].Start < s-400 { // names are shorter than that; stop looking further back
				break
			}
		}
		return false
	}
	prevWord := false
	pos := 0 // rune offset
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if isWord && !prevWord {
			for _, tf := range d.w.themeIndex[unicode.ToLower(r)] {
				if !strings.HasPrefix(text[i:], tf.text) && !strings.HasPrefix(text[i:], tf.upper) {
					continue
				}
				endByte := i + len(tf.text)
				if nr, _ := utf8.DecodeRuneInString(text[endByte:]); endByte < len(text) && (unicode.IsLetter(nr) || unicode.IsDigit(nr)) {
					continue
				}
				end := pos + tf.runes
				if overlaps(pos, end) {
					continue
				}
				sp := kg.Span{Start: pos, End: end, Text: text[i:endByte]}
				d.spans[tf.e.id] = append(d.spans[tf.e.id], sp)
				d.note(tf.e, sp.Text, tf.fold)
				break
			}
		}
		prevWord = isWord
		i += n
		pos++
	}
}

// themeForm is a written form of a theme looked for in plain text.
type themeForm struct {
	e                 *ent
	text, upper, fold string
	runes             int
}

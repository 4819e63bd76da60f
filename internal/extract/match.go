package extract

import (
	"sort"
	"strings"

	"github.com/coregx/ahocorasick"

	"github.com/maillage/maillage/internal/kg"
)

type lexKind uint8

const (
	lkOrg lexKind = iota
	lkTheme
	lkRole
	lkEvent
	lkInit
	lkHead
	lkProg
)

// lexRef says what a lexicon pattern stands for.
type lexRef struct {
	kind    lexKind
	idx     int  // index in the lexicon's slice
	acronym bool // the pattern is an acronym: the text must write it in capitals
	name    bool // the pattern is the entry's name (not a variant or alias)
}

// hit is a lexicon match in an article, on whole tokens [t0, t1).
type hit struct {
	t0, t1 int
	ref    lexRef
}

// lexMatcher finds every lexicon entry in the folded view of a text with
// one Aho-Corasick automaton.
type lexMatcher struct {
	ac   *ahocorasick.Automaton
	refs [][]lexRef // by pattern id
}

func newLexMatcher(lx *lexicons) (*lexMatcher, error) {
	byPattern := map[string]int{}
	var patterns []string
	m := &lexMatcher{}
	add := func(form string, ref lexRef) {
		p := foldPattern(form)
		if p == "" {
			return
		}
		id, ok := byPattern[p]
		if !ok {
			id = len(patterns)
			byPattern[p] = id
			patterns = append(patterns, p)
			m.refs = append(m.refs, nil)
		}
		for _, r := range m.refs[id] {
			if r == ref {
				return
			}
		}
		m.refs[id] = append(m.refs[id], ref)
	}
	for i, e := range lx.orgs {
		add(e.name, lexRef{kind: lkOrg, idx: i, name: true})
		for _, a := range e.aliases {
			add(a, lexRef{kind: lkOrg, idx: i, acronym: isAcronym(a)})
		}
		if e.acronym != "" {
			add(e.acronym, lexRef{kind: lkOrg, idx: i, acronym: true})
		}
	}
	for i, e := range lx.progs {
		add(e.name, lexRef{kind: lkProg, idx: i, name: true})
		for _, a := range e.aliases {
			add(a, lexRef{kind: lkProg, idx: i, acronym: isAcronym(a)})
		}
		if e.acronym != "" {
			add(e.acronym, lexRef{kind: lkProg, idx: i, acronym: true})
		}
	}
	for i, e := range lx.themes {
		if e.nomatch {
			continue
		}
		add(e.name, lexRef{kind: lkTheme, idx: i, name: true})
		for _, v := range e.variants {
			add(v, lexRef{kind: lkTheme, idx: i})
		}
		for _, a := range e.acronyms {
			add(a, lexRef{kind: lkTheme, idx: i, acronym: true})
		}
	}
	for i, e := range lx.roles {
		add(e.form, lexRef{kind: lkRole, idx: i})
	}
	for i, e := range lx.events {
		add(e.form, lexRef{kind: lkEvent, idx: i})
	}
	for i, e := range lx.initiatives {
		add(e.form, lexRef{kind: lkInit, idx: i, acronym: isAcronym(e.form)})
	}
	for i, e := range lx.heads {
		add(e.form, lexRef{kind: lkHead, idx: i})
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(patterns).Build()
	if err != nil {
		return nil, kg.WrapError(kg.Internal, err, "extract: building the lexicon matcher")
	}
	m.ac = ac
	return m, nil
}

// foldPattern folds a lexicon form for the folded view, where a comma is
// "|": "Délégation régionale académique à la jeunesse, à l'engagement et aux
// sports" matches as written.
func foldPattern(form string) string {
	if !strings.Contains(form, ",") {
		return fold(form)
	}
	var parts []string
	for _, p := range strings.Split(form, ",") {
		if f := fold(p); f != "" {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, " | ")
}

// isAcronym reports whether s is written like an acronym: two or more
// letters, all capitals ("ANCT", "CG Scop" is not).
func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z' || r == 'É':
			letters++
		case r >= '0' && r <= '9' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2
}

// find returns the hits of the lexicons in d, on whole tokens, sorted by
// start then longest first.
func (m *lexMatcher) find(d *doc) []hit {
	var out []hit
	for _, mt := range m.ac.FindAllOverlapping(d.fv) {
		if mt.Start == 0 || d.fv[mt.Start-1] != ' ' {
			continue
		}
		t0, t1, ok := d.tokenRange(mt.Start, mt.End)
		if !ok {
			continue
		}
		for _, r := range m.refs[mt.PatternID] {
			if r.acronym {
				// an acronym must be written in capitals (or with a capital
				// initial for a single-token acronym: "Uniopss")
				tk := d.toks[t0]
				if !tk.upper && !(t1-t0 == 1 && tk.cap) {
					continue
				}
			}
			out = append(out, hit{t0: t0, t1: t1, ref: r})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].t0 != out[j].t0 {
			return out[i].t0 < out[j].t0
		}
		return out[i].t1 > out[j].t1
	})
	return out
}

package extract

import (
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// themes records the article's own theme list and the concepts of the
// lexicon it is about. A concept named inside an organization's, event's
// or initiative's name does not count; a concept that is (or falls under)
// a theme of the article's list is a mention of that theme; the others are
// themes of their own when named at least twice, and once per 200 tokens
// in a long article (the title counts).
func (s *state) themes() {
	var listed []*ent
	for _, name := range s.a.Themes {
		name = strings.TrimSpace(name)
		if fold(name) == "" {
			continue
		}
		e := &ent{typ: kg.TypeTheme, name: name, listed: true}
		if t := s.x.themeByKey[fold(name)]; t != nil {
			e.theme = t
			e.id = kg.NewEntityID(kg.TypeTheme, t.name)
		}
		e = s.add(e, 0, 0)
		e.listed = true
		listed = append(listed, e)
	}
	type acc struct {
		spans [][2]int
		count int
	}
	found := map[*themeEntry]*acc{}
	var order []*themeEntry
	note := func(t *themeEntry) *acc {
		a := found[t]
		if a == nil {
			a = &acc{}
			found[t] = a
			order = append(order, t)
		}
		return a
	}
	// the title, when it is the first line of the text, counts twice
	titleLine := -1
	if len(s.d.lines) > 0 && s.a.Title != "" && fold(s.d.str(s.d.lines[0][0], s.d.lines[0][1])) == fold(s.a.Title) {
		titleLine = 0
	}
	last := -1
	for _, h := range s.hits {
		if h.ref.kind != lkTheme || h.t0 < last {
			continue
		}
		if end := s.longestKindAt(h.t0, lkTheme); end != h.t1 {
			continue
		}
		if !s.free(h.t0, h.t1) {
			continue
		}
		t := s.x.lx.themes[h.ref.idx]
		a := note(t)
		a.spans = append(a.spans, [2]int{h.t0, h.t1})
		a.count++
		if s.d.toks[h.t0].line == titleLine {
			a.count++
		}
		last = h.t1
	}
	if s.title != nil {
		for _, h := range s.x.lm.find(s.title) {
			if h.ref.kind == lkTheme {
				note(s.x.lx.themes[h.ref.idx]).count += 2
			}
		}
	}
	// a concept the article is about is named at least twice, and once per
	// 200 tokens in a long article (passing mentions add up in long texts)
	need := max(2, (len(s.d.toks)+199)/200)
	for _, t := range order {
		a := found[t]
		if home := s.listedHome(t, listed); home != nil {
			for _, sp := range a.spans {
				s.add(home, sp[0], sp[1])
			}
			continue
		}
		if a.count < need {
			continue
		}
		e := s.conceptEnt(t)
		for _, sp := range a.spans {
			e = s.add(e, sp[0], sp[1])
		}
	}
}

// conceptEnt returns the Theme entity of a lexicon concept.
func (s *state) conceptEnt(t *themeEntry) *ent {
	id := kg.NewEntityID(kg.TypeTheme, t.name)
	if e := s.byID[id]; e != nil {
		return e
	}
	e := &ent{typ: kg.TypeTheme, id: id, name: t.name, theme: t}
	e.names = append(e.names, t.acronyms...)
	return e
}

// listedHome returns the theme of the article's list that concept t is, or
// falls under: the list theme, or one of its parts ("Emploi, Insertion,
// Formation", "Politique de la ville - DSU"), names t or one of its broader
// concepts.
func (s *state) listedHome(t *themeEntry, listed []*ent) *ent {
	for c := t; c != nil; c = s.x.lx.themeByID[c.broader] {
		keys := map[string]bool{fold(c.name): true}
		for _, v := range c.variants {
			keys[fold(v)] = true
		}
		for _, a := range c.acronyms {
			keys[fold(a)] = true
		}
		for _, l := range listed {
			if keys[fold(l.name)] {
				return l
			}
			for _, part := range themeParts(l.name) {
				if keys[fold(part)] {
					return l
				}
			}
		}
		if c.broader == "" {
			break
		}
	}
	return nil
}

// themeParts splits a composite theme name at commas, slashes, " - " and
// " et ".
func themeParts(name string) []string {
	f := func(r rune) bool { return r == ',' || r == '/' || r == ';' || r == '–' || r == '—' }
	var out []string
	for _, p := range strings.FieldsFunc(name, f) {
		for _, q := range strings.Split(p, " - ") {
			for _, r := range strings.Split(q, " et ") {
				if r = strings.TrimSpace(r); r != "" {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

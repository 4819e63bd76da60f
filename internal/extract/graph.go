package extract

import (
	"cmp"
	"slices"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// graph turns the work area into the article's graph.
func (s *state) graph() kg.ArticleGraph {
	a := *s.a
	if a.ID == "" {
		a.ID = kg.ArticleID(a.URL, a.Text)
	}
	g := kg.ArticleGraph{Article: a}
	used := map[*ent]bool{}
	for _, r := range s.rels {
		used[r.from], used[r.to] = true, true
	}
	for _, e := range s.ents {
		if len(e.spans) == 0 && !e.listed && !used[e] {
			continue
		}
		out := kg.Entity{ID: e.id, Type: e.typ, Name: strings.TrimSpace(e.name), Kind: e.kind, Acronym: e.acronym, Code: e.code, StartDate: e.start, EndDate: e.end}
		if e.typ == kg.TypeTheme {
			out.Scheme = ThemeScheme
			if e.listed && e.theme == nil {
				out.Scheme = cmp.Or(a.Site, "article")
			}
			if e.theme != nil && e.theme.broader != "" {
				if b := s.x.lx.themeByID[e.theme.broader]; b != nil {
					out.Broader = []kg.ID{kg.NewEntityID(kg.TypeTheme, b.name)}
				}
			}
		}
		out.Aliases = aliases(out.Name, append(slices.Clone(e.names), e.acronym))
		g.Entities = append(g.Entities, out)
		if e.listed {
			g.Themes = append(g.Themes, e.id)
		}
		if len(e.spans) > 0 {
			m := kg.Mention{ArticleID: a.ID, EntityID: e.id}
			seen := map[[2]int]bool{}
			for _, sp := range e.spans {
				if sp[1] <= sp[0] || seen[sp] {
					continue
				}
				seen[sp] = true
				m.Spans = append(m.Spans, s.d.span(sp[0], sp[1]))
			}
			slices.SortFunc(m.Spans, func(x, y kg.Span) int { return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End)) })
			if len(m.Spans) > 0 {
				g.Mentions = append(g.Mentions, m)
			}
		}
	}
	for _, r := range s.rels {
		text, st, en := s.d.sentSpan(r.sent)
		ev := kg.Evidence{ArticleID: a.ID, Sentence: text, Start: st, End: en, Extractor: r.rule, Confidence: r.conf}
		for _, e := range []*ent{r.from, r.to} {
			for _, sp := range e.spans {
				if sp[1] > sp[0] && s.d.toks[sp[0]].sent == r.sent {
					ev.Spans = append(ev.Spans, s.d.span(sp[0], sp[1]))
					break
				}
			}
		}
		g.Relations = append(g.Relations, kg.Relation{Type: r.typ, From: r.from.id, To: r.to.id, Role: r.role, Provenance: []kg.Evidence{ev}})
	}
	return g
}

// aliases returns the written forms of a name without duplicates by fold
// and without the name itself.
func aliases(name string, forms []string) []string {
	seen := map[string]bool{fold(name): true}
	var out []string
	for _, f := range forms {
		f = strings.TrimSpace(f)
		k := fold(f)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

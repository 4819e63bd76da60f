// Package eval scores extraction documents against gold annotations, as
// shared/corpus/README.md describes: names compared folded (kg.Fold); a
// predicted entity matches a gold entity of the same type when one of its
// names equals one of the gold's, or, for events and initiatives, when the
// content words of two of their names overlap by a Jaccard index of at
// least 0.5; matching is one-to-one and greedy; precision, recall and F1
// per type, micro-averaged over the entity types; a relation matches when
// its type is equal and both endpoints are the matched entities, in the
// same direction; the article's theme list and publication date are
// scored too.
package eval

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/kg"
)

// Gold is the hand annotation of one article.
type Gold struct {
	Article   GoldArticle    `json:"article"`
	Entities  []GoldEntity   `json:"entities"`
	Relations []GoldRelation `json:"relations"`
}

// GoldArticle is the article part of a gold annotation.
type GoldArticle struct {
	URL         string   `json:"url,omitempty"`
	PublishedAt string   `json:"publishedAt,omitempty"`
	ModifiedAt  string   `json:"modifiedAt,omitempty"`
	Themes      []string `json:"themes"`
}

// GoldEntity is an annotated entity.
type GoldEntity struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	Kind    string   `json:"kind,omitempty"`
	Code    string   `json:"code,omitempty"`
	Date    string   `json:"date,omitempty"`
}

// GoldRelation is an annotated relation; From and To are names or aliases
// of gold entities.
type GoldRelation struct {
	Type string `json:"type"`
	From string `json:"from"`
	To   string `json:"to"`
	Role string `json:"role,omitempty"`
}

// ReadGold reads a gold file: one annotation object, a JSON array of them,
// or several objects one after the other.
func ReadGold(r io.Reader) ([]Gold, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, kg.WrapError(kg.Invalid, err, "reading gold annotations")
	}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var gs []Gold
		if err := json.Unmarshal(b, &gs); err != nil {
			return nil, kg.WrapError(kg.Invalid, err, "gold annotations: not a JSON array of annotations")
		}
		return gs, nil
	}
	var gs []Gold
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	for dec.More() {
		var g Gold
		if err := dec.Decode(&g); err != nil {
			return nil, kg.WrapError(kg.Invalid, err, "gold annotations: annotation %d", len(gs)+1)
		}
		gs = append(gs, g)
	}
	return gs, nil
}

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
}

// Add returns the sum of two counts.
func (c Counts) Add(o Counts) Counts { return Counts{c.TP + o.TP, c.FP + o.FP, c.FN + o.FN} }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (c Counts) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is TP/(TP+FN), 1 when nothing was to be found.
func (c Counts) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// MarshalJSON adds precision, recall and F1 to the counts.
func (c Counts) MarshalJSON() ([]byte, error) {
	type plain Counts
	return json.Marshal(struct {
		plain
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}{plain(c), round(c.Precision()), round(c.Recall()), round(c.F1())})
}

func round(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }

// Pair is a gold annotation and the prediction for the same article.
type Pair struct {
	Name string // for reports: the file and, for multi-article files, the URL
	Gold Gold
	Pred extract.Document
}

// Report is the score of a set of pairs.
type Report struct {
	Articles      int               `json:"articles"`
	Entities      map[string]Counts `json:"entities"`
	EntityMicro   Counts            `json:"entityMicro"`
	Relations     map[string]Counts `json:"relations"`
	RelationMicro Counts            `json:"relationMicro"`
	Themes        Counts            `json:"themes"`
	ThemesExact   int               `json:"themesExact"`
	DatesCorrect  int               `json:"datesCorrect"`
	Docs          []DocReport       `json:"docs"`
}

// DocReport is the score of one article, with what was missed and what was
// wrongly predicted.
type DocReport struct {
	Name           string   `json:"name"`
	Entities       Counts   `json:"entities"`
	Relations      Counts   `json:"relations"`
	ThemesExact    bool     `json:"themesExact"`
	DateCorrect    bool     `json:"dateCorrect"`
	GoldDate       string   `json:"goldDate,omitempty"`
	PredDate       string   `json:"predDate,omitempty"`
	MissedEntities []string `json:"missedEntities,omitempty"`
	WrongEntities  []string `json:"wrongEntities,omitempty"`
	MissedRels     []string `json:"missedRelations,omitempty"`
	WrongRels      []string `json:"wrongRelations,omitempty"`
}

// EntityTypes are the scored entity types, in report order.
var EntityTypes = []string{"Organization", "Person", "Event", "Territory", "Theme", "Initiative"}

// Score scores every pair.
func Score(pairs []Pair) Report {
	rep := Report{Entities: map[string]Counts{}, Relations: map[string]Counts{}}
	for _, t := range EntityTypes {
		rep.Entities[t] = Counts{}
	}
	for _, p := range pairs {
		dr, ents, rels := scoreDoc(p)
		rep.Articles++
		for t, c := range ents {
			rep.Entities[t] = rep.Entities[t].Add(c)
			rep.EntityMicro = rep.EntityMicro.Add(c)
		}
		for t, c := range rels {
			rep.Relations[t] = rep.Relations[t].Add(c)
			rep.RelationMicro = rep.RelationMicro.Add(c)
		}
		th := themeCounts(p.Gold.Article.Themes, p.Pred.Article.Themes)
		rep.Themes = rep.Themes.Add(th)
		if th.FP == 0 && th.FN == 0 {
			rep.ThemesExact++
			dr.ThemesExact = true
		}
		if p.Gold.Article.PublishedAt == string(p.Pred.Article.PublishedAt) {
			rep.DatesCorrect++
			dr.DateCorrect = true
		}
		dr.GoldDate, dr.PredDate = p.Gold.Article.PublishedAt, string(p.Pred.Article.PublishedAt)
		rep.Docs = append(rep.Docs, dr)
	}
	return rep
}

// Fold is the comparison form of names (kg.Fold).
func Fold(s string) string { return kg.Fold(s) }

// evalStop are the words dropped before the Jaccard comparison of event
// and initiative names.
var evalStop = map[string]bool{"le": true, "la": true, "les": true, "l": true, "de": true, "du": true, "des": true, "d": true,
	"et": true, "pour": true, "un": true, "une": true, "a": true, "au": true, "aux": true, "en": true, "sur": true, "dans": true, "par": true, "avec": true}

// ContentWords returns the folded words of a name, stop words dropped.
func ContentWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(kg.Fold(s)) {
		if !evalStop[w] {
			out = append(out, w)
		}
	}
	return out
}

// Jaccard is the Jaccard index of the content words of two names.
func Jaccard(a, b string) float64 {
	wa, wb := ContentWords(a), ContentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	in := map[string]int{}
	for _, w := range wa {
		in[w] |= 1
	}
	for _, w := range wb {
		in[w] |= 2
	}
	both := 0
	for _, v := range in {
		if v == 3 {
			both++
		}
	}
	return float64(both) / float64(len(in))
}

func names(name string, aliases []string) []string { return append([]string{name}, aliases...) }

// matchScore is 2 for a name match, the best Jaccard index (≥ 0.5) for
// events and initiatives, 0 otherwise.
func matchScore(typ string, gold, pred []string) float64 {
	gf := map[string]bool{}
	for _, n := range gold {
		if f := kg.Fold(n); f != "" {
			gf[f] = true
		}
	}
	for _, n := range pred {
		if gf[kg.Fold(n)] {
			return 2
		}
	}
	if typ != "Event" && typ != "Initiative" {
		return 0
	}
	best := 0.0
	for _, g := range gold {
		for _, p := range pred {
			best = max(best, Jaccard(g, p))
		}
	}
	if best >= 0.5 {
		return best
	}
	return 0
}

func scoreDoc(p Pair) (DocReport, map[string]Counts, map[string]Counts) {
	dr := DocReport{Name: p.Name}
	g, pr := p.Gold, p.Pred
	// greedy one-to-one matching of entities, best scores first
	type cand struct {
		gi, pi int
		score  float64
	}
	var cands []cand
	for gi, ge := range g.Entities {
		for pi, pe := range pr.Entities {
			if ge.Type != pe.Type {
				continue
			}
			if sc := matchScore(ge.Type, names(ge.Name, ge.Aliases), names(pe.Name, pe.Aliases)); sc > 0 {
				cands = append(cands, cand{gi, pi, sc})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.gi, b.gi), cmp.Compare(a.pi, b.pi))
	})
	g2p := map[int]int{}
	p2g := map[int]int{}
	for _, c := range cands {
		if _, ok := g2p[c.gi]; ok {
			continue
		}
		if _, ok := p2g[c.pi]; ok {
			continue
		}
		g2p[c.gi], p2g[c.pi] = c.pi, c.gi
	}
	ents := map[string]Counts{}
	for _, t := range EntityTypes {
		ents[t] = Counts{}
	}
	for gi, ge := range g.Entities {
		c := ents[ge.Type]
		if _, ok := g2p[gi]; ok {
			c.TP++
		} else {
			c.FN++
			dr.MissedEntities = append(dr.MissedEntities, ge.Type+" "+ge.Name)
		}
		ents[ge.Type] = c
	}
	for pi, pe := range pr.Entities {
		if _, ok := p2g[pi]; !ok {
			c := ents[pe.Type]
			c.FP++
			ents[pe.Type] = c
			dr.WrongEntities = append(dr.WrongEntities, pe.Type+" "+pe.Name)
		}
	}
	for _, c := range ents {
		dr.Entities = dr.Entities.Add(c)
	}
	// relations: gold endpoints by name (canonical names first, then
	// aliases, of a type the relation allows), predicted ones by id
	predIdx := map[kg.ID]int{}
	for pi, pe := range pr.Entities {
		predIdx[pe.ID] = pi
	}
	type rkey struct {
		typ      string
		from, to int
	}
	goldRels := map[rkey]int{}
	var goldOrder []rkey
	unresolved := 0
	for _, r := range g.Relations {
		from, to := resolveGoldPair(g.Entities, r)
		if from < 0 || to < 0 {
			unresolved++
			dr.MissedRels = append(dr.MissedRels, r.Type+" "+r.From+" → "+r.To+" (endpoint not among the gold entities)")
			continue
		}
		k := rkey{r.Type, from, to}
		if _, ok := goldRels[k]; !ok {
			goldOrder = append(goldOrder, k)
		}
		goldRels[k]++
	}
	rels := map[string]Counts{}
	seenPred := map[rkey]bool{}
	matched := map[rkey]bool{}
	for _, r := range pr.Relations {
		fi, ok1 := predIdx[r.From]
		ti, ok2 := predIdx[r.To]
		c := rels[r.Type]
		gf, okf := p2g[fi]
		gt, okt := p2g[ti]
		if ok1 && ok2 && okf && okt {
			k := rkey{r.Type, gf, gt}
			if seenPred[k] {
				continue
			}
			seenPred[k] = true
			if goldRels[k] > 0 {
				c.TP++
				matched[k] = true
				rels[r.Type] = c
				continue
			}
		}
		c.FP++
		rels[r.Type] = c
		dr.WrongRels = append(dr.WrongRels, r.Type+" "+predName(pr, r.From)+" → "+predName(pr, r.To))
	}
	for _, k := range goldOrder {
		if !matched[k] {
			c := rels[k.typ]
			c.FN++
			rels[k.typ] = c
			dr.MissedRels = append(dr.MissedRels, k.typ+" "+g.Entities[k.from].Name+" → "+g.Entities[k.to].Name)
		}
	}
	if unresolved > 0 {
		c := rels["unresolved"]
		c.FN += unresolved
		rels["unresolved"] = c
	}
	for _, c := range rels {
		dr.Relations = dr.Relations.Add(c)
	}
	return dr, ents, rels
}

func predName(d extract.Document, id kg.ID) string {
	for _, e := range d.Entities {
		if e.ID == id {
			return e.Name
		}
	}
	return string(id)
}

// resolveGoldPair finds the gold entities a relation's endpoints name: the
// first pair, in order of preference (canonical names before aliases),
// whose types the relation allows; else the first entities named so.
func resolveGoldPair(ents []GoldEntity, r GoldRelation) (int, int) {
	from, to := goldCandidates(ents, r.From), goldCandidates(ents, r.To)
	t := kg.RelationType(r.Type)
	for _, f := range from {
		for _, x := range to {
			if !t.Valid() || t.Allows(kg.EntityType(ents[f].Type), kg.EntityType(ents[x].Type)) {
				return f, x
			}
		}
	}
	if len(from) == 0 || len(to) == 0 {
		return -1, -1
	}
	return from[0], to[0]
}

// goldCandidates lists the gold entities a name designates: those whose
// canonical name it is, then those having it as an alias.
func goldCandidates(ents []GoldEntity, name string) []int {
	f := kg.Fold(name)
	var out []int
	for i, e := range ents {
		if kg.Fold(e.Name) == f {
			out = append(out, i)
		}
	}
	for i, e := range ents {
		if kg.Fold(e.Name) != f && slices.ContainsFunc(e.Aliases, func(a string) bool { return kg.Fold(a) == f }) {
			out = append(out, i)
		}
	}
	return out
}

// themeCounts compares two theme lists by folded name.
func themeCounts(gold, pred []string) Counts {
	g := map[string]bool{}
	for _, t := range gold {
		g[kg.Fold(t)] = true
	}
	p := map[string]bool{}
	for _, t := range pred {
		p[kg.Fold(t)] = true
	}
	var c Counts
	for t := range p {
		if g[t] {
			c.TP++
		} else {
			c.FP++
		}
	}
	for t := range g {
		if !p[t] {
			c.FN++
		}
	}
	return c
}

package eval

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/kg"
)

// GoldSuffix ends the name of a gold file; the article it annotates is the
// file of the same name with another extension beside it.
const GoldSuffix = ".gold.json"

// Case is a gold file and the article file it annotates.
type Case struct {
	Gold    string // path of X.gold.json
	Article string // path of X.<ext>
	Golds   []Gold
}

// FindCases walks dir (recursively) for gold files and their articles.
func FindCases(dir string) ([]Case, error) {
	var cases []Case
	err := filepath.WalkDir(dir, func(path string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() || !strings.HasSuffix(de.Name(), GoldSuffix) {
			return nil
		}
		base := strings.TrimSuffix(de.Name(), GoldSuffix)
		sibs, err := filepath.Glob(filepath.Join(filepath.Dir(path), globEscape(base)+".*"))
		if err != nil {
			return err
		}
		var art string
		sort.Strings(sibs)
		for _, s := range sibs {
			if !strings.HasSuffix(s, GoldSuffix) && strings.TrimSuffix(filepath.Base(s), filepath.Ext(s)) == base {
				art = s
				break
			}
		}
		f, err := os.Open(path)
		if err != nil {
			return kg.WrapError(kg.Invalid, err, "gold file %s", path)
		}
		golds, err := ReadGold(f)
		f.Close()
		if err != nil {
			return kg.WrapError(kg.Invalid, err, "gold file %s", path)
		}
		if art == "" {
			return kg.Errorf(kg.Invalid, "gold file %s: no article file %s.* beside it", path, base)
		}
		cases = append(cases, Case{Gold: path, Article: art, Golds: golds})
		return nil
	})
	if err != nil {
		if _, ok := err.(*kg.Error); ok {
			return nil, err
		}
		return nil, kg.WrapError(kg.Invalid, err, "reading %s", dir)
	}
	return cases, nil
}

func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// PairUp pairs the gold annotations of a case with predicted documents:
// by URL when both have one, else in order.
func PairUp(c Case, preds []extract.Document) ([]Pair, error) {
	name := c.Article
	used := make([]bool, len(preds))
	var out []Pair
	for gi, g := range c.Golds {
		pi := -1
		if g.Article.URL != "" {
			for i, p := range preds {
				if !used[i] && sameURL(p.Article.URL, g.Article.URL) {
					pi = i
					break
				}
			}
		}
		if pi < 0 {
			for i := range preds {
				if !used[i] && (len(c.Golds) == 1 || i >= gi) {
					pi = i
					break
				}
			}
		}
		if pi < 0 {
			return out, kg.Errorf(kg.Invalid, "%s: no extracted article for gold annotation %d", name, gi+1)
		}
		used[pi] = true
		n := name
		if len(c.Golds) > 1 {
			n = fmt.Sprintf("%s#%d", name, gi+1)
		}
		out = append(out, Pair{Name: n, Gold: g, Pred: preds[pi]})
	}
	return out, nil
}

func sameURL(a, b string) bool {
	norm := func(u string) string {
		u = strings.TrimSpace(strings.ToLower(u))
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		u = strings.TrimPrefix(u, "www.")
		return strings.TrimRight(u, "/")
	}
	return a != "" && norm(a) == norm(b)
}

// PredsBySource groups documents (from an NDJSON extraction output) by the
// base name of their source file without extension.
func PredsBySource(docs []extract.Document) map[string][]extract.Document {
	out := map[string][]extract.Document{}
	for _, d := range docs {
		b := filepath.Base(d.Article.Source)
		b = strings.TrimSuffix(b, filepath.Ext(b))
		out[b] = append(out[b], d)
	}
	return out
}

// WriteTable prints the report as a table; with details, what each article
// missed and got wrong.
func (r Report) WriteTable(w io.Writer, details bool) {
	fmt.Fprintf(w, "%d articles\n\n", r.Articles)
	fmt.Fprintf(w, "%-16s %5s %5s %5s %7s %7s %7s\n", "entities", "tp", "fp", "fn", "P", "R", "F1")
	for _, t := range EntityTypes {
		c := r.Entities[t]
		fmt.Fprintf(w, "%-16s %5d %5d %5d %7.3f %7.3f %7.3f\n", t, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	c := r.EntityMicro
	fmt.Fprintf(w, "%-16s %5d %5d %5d %7.3f %7.3f %7.3f\n\n", "micro-average", c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	fmt.Fprintf(w, "%-16s %5s %5s %5s %7s %7s %7s\n", "relations", "tp", "fp", "fn", "P", "R", "F1")
	var types []string
	for t := range r.Relations {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		c := r.Relations[t]
		fmt.Fprintf(w, "%-16s %5d %5d %5d %7.3f %7.3f %7.3f\n", t, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	c = r.RelationMicro
	fmt.Fprintf(w, "%-16s %5d %5d %5d %7.3f %7.3f %7.3f\n\n", "all relations", c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	c = r.Themes
	fmt.Fprintf(w, "theme lists      %5d %5d %5d %7.3f %7.3f %7.3f   exact %d/%d\n", c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1(), r.ThemesExact, r.Articles)
	fmt.Fprintf(w, "publication date %d/%d correct\n", r.DatesCorrect, r.Articles)
	if !details {
		return
	}
	for _, d := range r.Docs {
		fmt.Fprintf(w, "\n== %s: entities F1 %.3f (tp %d fp %d fn %d), relations F1 %.3f (tp %d fp %d fn %d), themes exact %v, date %v (gold %q, got %q)\n",
			d.Name, d.Entities.F1(), d.Entities.TP, d.Entities.FP, d.Entities.FN, d.Relations.F1(), d.Relations.TP, d.Relations.FP, d.Relations.FN, d.ThemesExact, d.DateCorrect, d.GoldDate, d.PredDate)
		for _, m := range d.MissedEntities {
			fmt.Fprintf(w, "  missed  %s\n", m)
		}
		for _, m := range d.WrongEntities {
			fmt.Fprintf(w, "  wrong   %s\n", m)
		}
		for _, m := range d.MissedRels {
			fmt.Fprintf(w, "  missed  %s\n", m)
		}
		for _, m := range d.WrongRels {
			fmt.Fprintf(w, "  wrong   %s\n", m)
		}
	}
}

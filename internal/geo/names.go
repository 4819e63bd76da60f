package geo

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// nameEntry is one territory reachable by a folded name.
type nameEntry struct {
	t    *Territory
	note string // non-empty for an alias: why this name leads to t
}

// epciPrefixes expands the abbreviations DGCL uses in EPCI names.
var epciPrefixes = map[string]string{
	"cc ": "communaute de communes ",
	"ca ": "communaute d agglomeration ",
	"cu ": "communaute urbaine ",
}

// articles that a name may start with and that French contracts with à/de:
// "Le Havre" → "au Havre", "du Havre"; "Les Mureaux" → "aux Mureaux".
var contractedArticles = []string{"le ", "les "}

func (b *builder) buildNames() error {
	g := b.g
	g.names = make(map[string][]nameEntry, 40000)
	g.stripped = make(map[string][]nameEntry, 2000)
	g.qpvNames = make(map[string][]nameEntry, 5000)
	addTo := func(m map[string][]nameEntry, key string, e nameEntry) {
		if key == "" {
			return
		}
		for _, old := range m[key] {
			if old.t == e.t {
				return
			}
		}
		m[key] = append(m[key], e)
	}
	for _, l := range Levels {
		for _, t := range g.byLevel[l] {
			if l == LevelQPV {
				for _, k := range qpvKeys(t.Name) {
					addTo(g.qpvNames, k, nameEntry{t: t})
				}
				continue
			}
			key := foldName(t.Name)
			addTo(g.names, key, nameEntry{t: t})
			if l == LevelEPCI {
				for abbr, long := range epciPrefixes {
					if rest, ok := strings.CutPrefix(key, abbr); ok {
						addTo(g.names, long+rest, nameEntry{t: t})
					}
				}
			}
			for _, a := range contractedArticles {
				if rest, ok := strings.CutPrefix(key, a); ok {
					addTo(g.stripped, rest, nameEntry{t: t})
				}
			}
		}
	}
	for _, a := range b.aliases {
		t := g.byID[ID(Level(a[0]), a[1])]
		if t == nil {
			return fmt.Errorf("alias %q: unknown %s %s", a[2], a[0], a[1])
		}
		addTo(g.names, foldName(a[2]), nameEntry{t: t, note: a[3]})
	}
	for _, m := range []map[string][]nameEntry{g.names, g.stripped, g.qpvNames} {
		for _, es := range m {
			if len(es) > 1 {
				slices.SortStableFunc(es, func(a, b nameEntry) int { return compareRank(a.t, b.t) })
				capitalFirst(es)
			}
		}
	}
	return nil
}

// compareRank orders candidates for a name: larger levels first (a name that
// is a department is most often meant as the department), then regional
// capitals and prefectures, then by population, then by code.
func compareRank(a, b *Territory) int {
	return cmp.Or(
		cmp.Compare(levelRank[a.Level], levelRank[b.Level]),
		cmp.Compare(b.chefRank, a.chefRank),
		cmp.Compare(b.Population, a.Population),
		cmp.Compare(a.Code, b.Code),
	)
}

// capitalFirst moves a commune before the department or region of the same
// name whose chef-lieu it is: "Paris" is first the commune 75056, which is
// also the whole department 75.
func capitalFirst(es []nameEntry) {
	for i, e := range es {
		if e.t.Level != LevelDepartment && e.t.Level != LevelRegion {
			continue
		}
		for j := i + 1; j < len(es); j++ {
			if es[j].t.Level == LevelCommune && es[j].t.Code == e.t.ChefLieu {
				c := es[j]
				copy(es[i+1:j+1], es[i:j])
				es[i] = c
				return
			}
		}
	}
}

var qpvSplit = regexp.MustCompile(`\s+-\s*|\s*-\s+|\s*/\s*|\s*,\s*`)

// qpvGeneric are words that QPV names often start with and that texts
// often leave out ("Quartier de l'Artilleur" → "artilleur").
var qpvGeneric = map[string]bool{
	"quartier": true, "quartiers": true, "intercommunal": true, "prioritaire": true,
	"cite": true, "cites": true, "residence": true, "residences": true,
}

var qpvLinking = map[string]bool{"de": true, "du": true, "des": true, "d": true, "le": true, "la": true, "les": true, "l": true}

// qpvKey folds a QPV name (or part), drops a leading article ("La
// Castellane" → "castellane") and a leading generic word with the article or
// preposition after it ("Quartier de l'Artilleur" → "artilleur").
func qpvKey(s string) string {
	k := foldName(s)
	words := strings.Fields(k)
	i := 0
	if len(words) > 1 && qpvArticle[words[0]] {
		i++
	}
	g := i
	for i < len(words) && qpvGeneric[words[i]] {
		i++
	}
	if i > g {
		for i < len(words) && qpvLinking[words[i]] {
			i++
		}
	}
	if i == len(words) {
		return k
	}
	return strings.Join(words[i:], " ")
}

var qpvArticle = map[string]bool{"le": true, "la": true, "les": true, "l": true}

// qpvKeys returns the keys a QPV is found by: its whole name and each part
// of a composite name, whether the parts are separated by " - ", "/", ","
// ("Nouveau Mons - Les Sarts- Dombrowski") or only by a capitalised article
// ("La Castellane La Bricarde").
func qpvKeys(name string) []string {
	keys := []string{qpvKey(name)}
	add := func(p string) {
		if k := qpvKey(p); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	parts := qpvSplit.Split(name, -1)
	for _, p := range parts {
		sub := splitAtArticles(p)
		if len(parts) > 1 || len(sub) > 1 {
			for _, q := range sub {
				add(q)
			}
			if len(sub) > 1 {
				add(p)
			}
		}
	}
	return keys
}

// splitAtArticles splits "La Castellane La Bricarde" before each capitalised
// article that does not follow a preposition ("Bords De L'Oise" stays whole).
func splitAtArticles(s string) []string {
	words := strings.Fields(s)
	var out []string
	from := 0
	for i := 1; i < len(words); i++ {
		w := words[i]
		isArticle := w == "La" || w == "Le" || w == "Les" || strings.HasPrefix(w, "L'") || strings.HasPrefix(w, "L’")
		prev := strings.ToLower(words[i-1])
		if isArticle && !qpvLinking[prev] && prev != "et" && prev != "à" && prev != "en" && prev != "sur" &&
			!strings.HasSuffix(prev, "'") && !strings.HasSuffix(prev, "’") {
			out = append(out, strings.Join(words[from:i], " "))
			from = i
		}
	}
	return append(out, strings.Join(words[from:], " "))
}

// Lookup returns the territories (QPV excepted, see LookupQPV) named name,
// best candidate first. The name is folded (accents, case, hyphens,
// apostrophes: see Fold) and "St"/"Ste" are read as "Saint"/"Sainte", so
// "pas de calais", "PAS-DE-CALAIS" and "Pas-de-Calais" agree, as do
// "St-Etienne" and "Saint-Étienne". Names also reach territories through
// aliases: former regions ("Nord-Pas-de-Calais" → Hauts-de-France, see
// LookupNote), "PACA", "Réunion", EPCI names with "CC"/"CA"/"CU" spelt out.
// A name without its article ("Havre", "Mureaux") finds "Le Havre", "Les
// Mureaux" when nothing has the name itself.
//
// Ranking: regions, then departments, then communes, then EPCI; within a
// level, regional capitals and prefectures first, then by population. Nil
// if nothing has that name. The slice is fresh.
func (g *Gazetteer) Lookup(name string) []*Territory {
	key := foldName(name)
	es := g.names[key]
	if len(es) == 0 {
		es = g.stripped[key]
	}
	out := make([]*Territory, 0, len(es))
	for _, e := range es {
		out = append(out, e.t)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// LookupLevel is Lookup restricted to one level (LevelQPV: all QPV with
// that name, in any commune).
func (g *Gazetteer) LookupLevel(name string, level Level) []*Territory {
	var out []*Territory
	if level == LevelQPV {
		for _, e := range g.qpvNames[qpvKey(name)] {
			out = append(out, e.t)
		}
		return out
	}
	for _, t := range g.Lookup(name) {
		if t.Level == level {
			out = append(out, t)
		}
	}
	return out
}

// LookupNote returns why name leads to the territory id when it is an
// alias ("former region (before 2016), part of" for "Picardie" and
// territory:reg-32), or "" when name is the territory's own name.
func (g *Gazetteer) LookupNote(name, id string) string {
	for _, e := range g.names[foldName(name)] {
		if e.t.ID() == id {
			return e.note
		}
	}
	return ""
}

// LookupQPV returns the QPV of the commune comCode whose name, or one part
// of whose composite name, is name ("Secteur Ouest" in 59350; "Dombrowski"
// or "Nouveau Mons" for "Nouveau Mons - Les Sarts- Dombrowski"). A leading
// "Quartier (de)", "Cité", "Résidence" is ignored on both sides. QPV names
// are often generic ("Centre Ville"): only look them up in a commune the
// text names.
func (g *Gazetteer) LookupQPV(name, comCode string) []*Territory {
	comID := ID(LevelCommune, comCode)
	var out []*Territory
	for _, e := range g.qpvNames[qpvKey(name)] {
		if slices.Contains(e.t.Parents, comID) {
			out = append(out, e.t)
		}
	}
	return out
}

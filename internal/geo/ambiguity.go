package geo

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// wordStats are the word statistics of a name's core (name without its
// leading article), from the W records of the data file.
type wordStats struct {
	zipfFr, zipfEn float64 // wordfreq Zipf frequency (0: not in the lists)
	lexicon        bool    // an ordinary French word (every word, if several)
	givenName      int     // births with that first name, 1900–2024
	single         bool    // one word
}

// Reason is a set of reasons why a name is ambiguous.
type Reason uint16

// The reasons. Only some weigh in the score (see Ambiguity); the others
// explain it.
const (
	// ReasonOtherUse: the name is much more frequent in French text than its
	// places explain (wordfreq): it has other uses — an ordinary word ("Vue",
	// "Plan", "Sens"), a brand ("Orange"), a person or surname ("Laval"),
	// a foreign place ("Vienne").
	ReasonOtherUse Reason = 1 << iota
	// ReasonCommonWord: the name (without its article) is an ordinary French
	// word ("Nord", "Orange", "Bar", "Réunion"). Explains ReasonOtherUse; a
	// word so rare that wordfreq does not outweigh the place does not count.
	ReasonCommonWord
	// ReasonGivenName: the name is a French given name ("Nancy", "Aude").
	ReasonGivenName
	// ReasonEnglishWord: the name is a frequent English word ("Lens",
	// "Plan", "Nice"), met in French text in brand and project names.
	ReasonEnglishWord
	// ReasonOtherLevel: a commune shares its name with a department or
	// region that is not its own ("Vienne": commune in Isère, department 86;
	// "Bretagne": region 53 and two small communes).
	ReasonOtherLevel
	// ReasonShortForm: the name is part of the longer names of places that
	// are more salient than its own, and texts shorten them to it ("Marcq"
	// for Marcq-en-Barœul, "Villeneuve" for Villeneuve-d'Ascq, "Loire" for
	// Loire-Atlantique or Pays de la Loire, "Bar").
	ReasonShortForm
	// ReasonHomonyms: several territories have the name (which one is
	// meant needs a department or region). Not part of the score.
	ReasonHomonyms
)

var reasonNames = []string{"other-use", "common-word", "given-name", "english-word", "other-level", "short-form", "homonyms"}

// String lists the reasons, e.g. "other-use+common-word".
func (r Reason) String() string {
	var parts []string
	for i, n := range reasonNames {
		if r&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "+")
}

// Ambiguity says how much a territory name needs context before it is taken
// for the place.
type Ambiguity struct {
	// Score, from 0 (the name is the place) to 1 (the name is mostly
	// something else): the noisy-OR of the strengths of the reasons that
	// weigh (other use, given name, English word, other level, short form).
	// IsAmbiguous is Score >= 0.5.
	Score   float64
	Reasons Reason
	// Candidates is the number of territories with the name (QPV excepted);
	// 0 if the name is no territory's.
	Candidates int
}

func (a Ambiguity) String() string {
	return fmt.Sprintf("%.2f %s (%d candidates)", a.Score, a.Reasons, a.Candidates)
}

// Ambiguity returns the ambiguity of a territory name (folded as in Lookup,
// names without their article included: "Havre"). A name that is no
// territory's gets the zero Ambiguity. Built on first use (about 100 ms).
//
// The model is fitted at load time on the word statistics shipped with the
// data (see wordStats), not on a hand list:
//
//   - expected frequency: for a commune, Zipf ≈ a + b·log10(population),
//     least squares over the one-word names of communes of 3,000+
//     inhabitants that are neither ordinary words nor given names (about
//     1,900; residual spread ≈ 0.5); for departments and for regions, the
//     mean of such names. A name's expected frequency is that of its most
//     salient candidate plus that of the places whose longer names contain
//     it ("calais" in "Pas-de-Calais", "marcq" in "Marcq-en-Barœul");
//   - other use (weighs): the z-score of the observed French frequency over
//     the expected one, 0 at z = 1 to 1 at z = 3;
//   - short form (weighs): the places whose longer names contain the name
//     are more frequent than its own places: log10 of the ratio / 2;
//   - given name (weighs): 0 at 300 births to 1 at 30,000 births;
//   - English word (weighs): Zipf 3.5 to 5 in English text;
//     these last two fade for communes from 30,000 to 1,000,000 inhabitants,
//     whose names are mostly read as the place ("Nice", "Paris");
//   - other level (weighs 0.6): a commune has the name of a department or
//     region other than its own and at least 5% of its population;
//   - Score is the noisy-OR of the weights: 1 − Π(1 − wᵢ).
//
// Examples: "Roubaix", "Lille", "Paris", "Rennes", "Calais" score low;
// "Nord", "Orange", "Lens", "Vienne", "Marcq", "Vue", "Plan", "Bar",
// "Loire", "Sens", "Tours", "Nancy" score >= 0.5.
func (g *Gazetteer) Ambiguity(name string) Ambiguity {
	g.ambOnce.Do(g.buildAmbiguity)
	key := foldName(name)
	if a, ok := g.amb[key]; ok {
		return a
	}
	return Ambiguity{}
}

// IsAmbiguous reports whether a territory name needs a context cue ("à",
// "ville de", "commune de", a department code "(59)") or a department or
// region named in the same text before it is taken for the place:
// Ambiguity(name).Score >= 0.5. False for a name that is no territory's.
func (g *Gazetteer) IsAmbiguous(name string) bool { return g.Ambiguity(name).Score >= 0.5 }

// placeModel predicts the Zipf frequency of a place's name: for communes
// from their population, for departments and for regions as a constant.
type placeModel struct {
	a, b, sd      float64 // communes: zipf ≈ a + b·log10(pop)
	depMean, depS float64 // departments
	regMean, regS float64 // regions
}

// expected returns the expected Zipf frequency of t's name and its spread.
func (m placeModel) expected(t *Territory) (zipf, sd float64, ok bool) {
	switch t.Level {
	case LevelCommune:
		if t.Kind == "COM" {
			return m.a + m.b*math.Log10(float64(max(t.Population, 1))), m.sd, true
		}
	case LevelDepartment:
		return m.depMean, m.depS, true
	case LevelRegion:
		return m.regMean, m.regS, true
	}
	return 0, 0, false
}

// coreKey drops a leading article from a folded name.
func coreKey(key string) string {
	for _, a := range []string{"le ", "la ", "les ", "l "} {
		if rest, ok := strings.CutPrefix(key, a); ok && rest != "" {
			return rest
		}
	}
	return key
}

func clamp01(x float64) float64 { return math.Max(0, math.Min(1, x)) }

func meanSD(vals []float64, minSD float64) (mean, sd float64) {
	for _, v := range vals {
		mean += v
	}
	mean /= float64(len(vals))
	for _, v := range vals {
		sd += (v - mean) * (v - mean)
	}
	return mean, math.Max(math.Sqrt(sd/float64(len(vals))), minSD)
}

// fitPlaceModel fits the model on the names that are one word, neither an
// ordinary word nor a given name, and known to wordfreq.
func (g *Gazetteer) fitPlaceModel(keys map[*Territory]string) placeModel {
	var m placeModel
	plain := func(t *Territory) (wordStats, bool) {
		w, ok := g.words[coreKey(keys[t])]
		return w, ok && w.single && w.zipfFr > 0 && !w.lexicon && w.givenName < 500
	}
	// Communes: least squares on log10(population), populations >= 3,000
	// (wordfreq lists few smaller places).
	var n, sx, sy, sxx, sxy float64
	var pts [][2]float64
	for _, t := range g.byLevel[LevelCommune] {
		if t.Kind != "COM" || t.Population < 3000 {
			continue
		}
		w, ok := plain(t)
		if !ok {
			continue
		}
		x := math.Log10(float64(t.Population))
		pts = append(pts, [2]float64{x, w.zipfFr})
		n++
		sx += x
		sy += w.zipfFr
		sxx += x * x
		sxy += x * w.zipfFr
	}
	m.b = (n*sxy - sx*sy) / (n*sxx - sx*sx)
	m.a = (sy - m.b*sx) / n
	var ss float64
	for _, p := range pts {
		ss += math.Pow(p[1]-m.a-m.b*p[0], 2)
	}
	m.sd = math.Sqrt(ss / n)
	for _, l := range []Level{LevelDepartment, LevelRegion} {
		var vals []float64
		for _, t := range g.byLevel[l] {
			if w, ok := plain(t); ok {
				vals = append(vals, w.zipfFr)
			}
		}
		if l == LevelDepartment {
			m.depMean, m.depS = meanSD(vals, 0.25)
		} else {
			m.regMean, m.regS = meanSD(vals, 0.25)
		}
	}
	return m
}

// buildAmbiguity computes the Ambiguity of every name and stripped name.
func (g *Gazetteer) buildAmbiguity() {
	keys := make(map[*Territory]string, len(g.byID))
	for _, idx := range []map[string][]nameEntry{g.names} {
		for k, es := range idx {
			for _, e := range es {
				if e.note == "" {
					keys[e.t] = k
				}
			}
		}
	}
	m := g.fitPlaceModel(keys)
	// within[w]: the summed expected frequency (per billion words) of the
	// places whose longer name contains the name w as its words ("calais"
	// in "pas de calais", "marcq" in "marcq en baroeul"): the part of w's
	// frequency that these places explain.
	within := map[string]float64{}
	for t, key := range keys {
		z, _, ok := m.expected(t)
		if !ok || !strings.Contains(key, " ") {
			continue
		}
		e := math.Pow(10, z)
		// Every run of whole words shorter than the key (a name counted
		// once per place even if it occurs twice in its name).
		starts := []int{0}
		for i := 0; i < len(key); i++ {
			if key[i] == ' ' {
				starts = append(starts, i+1)
			}
		}
		var seen []string
		for si, from := range starts {
			for ei := si + 1; ei <= len(starts); ei++ {
				if si == 0 && ei == len(starts) {
					break
				}
				to := len(key)
				if ei < len(starts) {
					to = starts[ei] - 1
				}
				sub := key[from:to]
				_, named := g.names[sub]
				_, stripped := g.stripped[sub]
				if (named || stripped) && !slices.Contains(seen, sub) {
					seen = append(seen, sub)
					within[sub] += e
				}
			}
		}
	}
	g.amb = make(map[string]Ambiguity, len(g.names)+len(g.stripped))
	for _, idx := range []map[string][]nameEntry{g.stripped, g.names} {
		for key, es := range idx {
			g.amb[key] = g.ambiguityOf(key, es, m, within[key])
		}
	}
}

func (g *Gazetteer) ambiguityOf(key string, es []nameEntry, m placeModel, within float64) Ambiguity {
	a := Ambiguity{Candidates: len(es)}
	if len(es) > 1 {
		a.Reasons |= ReasonHomonyms
	}
	var strengths []float64
	// own: the expected frequency of the most salient candidate.
	maxPop, ownZipf, ownSD, haveOwn := 0, 0.0, 0.0, false
	for _, e := range es {
		if e.t.Level == LevelCommune {
			maxPop = max(maxPop, e.t.Population)
		}
		if z, sd, ok := m.expected(e.t); ok && (!haveOwn || z > ownZipf) {
			ownZipf, ownSD, haveOwn = z, sd, true
		}
	}
	// Fading for big communes: 1 up to 30,000 inhabitants, 0 from 1,000,000.
	fade := 1.0
	if maxPop > 0 {
		fade = clamp01(1 - (math.Log10(float64(maxPop))-4.5)/1.5)
	}
	if haveOwn && within > 0 {
		own := math.Pow(10, ownZipf)
		if s := clamp01(math.Log10(within/own) / 2); s >= 0.25 {
			a.Reasons |= ReasonShortForm
			strengths = append(strengths, s)
		}
	}
	if w, ok := g.words[coreKey(key)]; ok {
		if w.single && haveOwn && w.zipfFr > 0 {
			explained := math.Log10(math.Pow(10, ownZipf) + within)
			z := (w.zipfFr - explained) / ownSD
			if s := clamp01((z - 1) / 2); s > 0 {
				a.Reasons |= ReasonOtherUse
				strengths = append(strengths, s)
				if w.lexicon {
					a.Reasons |= ReasonCommonWord
				}
			}
		}
		if w.givenName >= 300 {
			a.Reasons |= ReasonGivenName
			strengths = append(strengths, fade*clamp01((math.Log10(float64(w.givenName))-2.5)/2))
		}
		if w.single && w.zipfEn >= 3.5 {
			a.Reasons |= ReasonEnglishWord
			strengths = append(strengths, fade*clamp01((w.zipfEn-3.5)/1.5))
		}
	}
	// Other level: a commune and a department or region that is not its
	// own; it weighs when the commune is not negligible next to it (at
	// least 5% of its population: "Vienne", not "Bretagne").
	otherLevel := 0.0
	for _, c := range es {
		if c.t.Level != LevelCommune {
			continue
		}
		for _, o := range es {
			if (o.t.Level == LevelDepartment || o.t.Level == LevelRegion) && o.t.ChefLieu != c.t.Code {
				a.Reasons |= ReasonOtherLevel
				if c.t.Population*20 >= o.t.Population {
					otherLevel = 0.6
				}
			}
		}
	}
	if otherLevel > 0 {
		strengths = append(strengths, otherLevel)
	}
	p := 1.0
	for _, s := range strengths {
		p *= 1 - s
	}
	a.Score = math.Round((1-p)*100) / 100
	return a
}

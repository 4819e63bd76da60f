package geo_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/geo"
)

func ids(ts []*geo.Territory) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID()
	}
	return out
}

func TestEighteenRegionsAndHundredOneDepartmentsWithOfficialCodes(t *testing.T) {
	g := geo.Default()
	if n := len(g.All(geo.LevelRegion)); n != 18 {
		t.Errorf("regions: %d, want 18", n)
	}
	if n := len(g.All(geo.LevelDepartment)); n != 101 {
		t.Errorf("departments: %d, want 101", n)
	}
	cases := []struct{ dep, depName, reg, regName string }{
		{"62", "Pas-de-Calais", "32", "Hauts-de-France"},
		{"59", "Nord", "32", "Hauts-de-France"},
		{"2A", "Corse-du-Sud", "94", "Corse"},
		{"2B", "Haute-Corse", "94", "Corse"},
		{"75", "Paris", "11", "Île-de-France"},
		{"93", "Seine-Saint-Denis", "11", "Île-de-France"},
		{"971", "Guadeloupe", "01", "Guadeloupe"},
		{"972", "Martinique", "02", "Martinique"},
		{"973", "Guyane", "03", "Guyane"},
		{"974", "La Réunion", "04", "La Réunion"},
		{"976", "Mayotte", "06", "Mayotte"},
		{"01", "Ain", "84", "Auvergne-Rhône-Alpes"},
	}
	for _, c := range cases {
		d := g.Department(c.dep)
		if d == nil {
			t.Errorf("department %s missing", c.dep)
			continue
		}
		if d.Name != c.depName || d.Region != c.reg || d.Level != geo.LevelDepartment {
			t.Errorf("department %s = %q in region %s, want %q in %s", c.dep, d.Name, d.Region, c.depName, c.reg)
		}
		r := g.Region(c.reg)
		if r == nil || r.Name != c.regName {
			t.Errorf("region %s = %v, want %q", c.reg, r, c.regName)
			continue
		}
		if !slices.Equal(d.Parents, []string{r.ID()}) || !slices.Equal(r.Parents, []string{"territory:fr"}) {
			t.Errorf("hierarchy %s: %v, %v", c.dep, d.Parents, r.Parents)
		}
		if d.Population <= 0 || r.Population < d.Population {
			t.Errorf("populations: %s %d, %s %d", c.dep, d.Population, c.reg, r.Population)
		}
	}
	if d := g.Department("1"); d == nil || d.Code != "01" {
		t.Errorf(`Department("1") = %v, want Ain`, d)
	}
	if d := g.Department("2a"); d == nil || d.Code != "2A" {
		t.Errorf(`Department("2a") = %v, want Corse-du-Sud`, d)
	}
	if d := g.Department("975"); d != nil {
		t.Errorf("Saint-Pierre-et-Miquelon is a collectivity, not a department: %v", d)
	}
	if pop := g.Country().Population; pop < 66_000_000 || pop > 70_000_000 {
		t.Errorf("France population %d", pop)
	}
}

func TestCommuneCountsArePlausible(t *testing.T) {
	g := geo.Default()
	kinds := map[string]int{}
	inDepartments := 0
	for _, c := range g.All(geo.LevelCommune) {
		kinds[c.Kind]++
		if c.Kind == "COM" && g.Department(c.Department) != nil {
			inDepartments++
		}
	}
	if kinds["COM"] < 34_800 || kinds["COM"] > 35_100 {
		t.Errorf("communes: %d, want about 34,900", kinds["COM"])
	}
	if kinds["ARM"] != 45 {
		t.Errorf("arrondissements municipaux: %d, want 45 (20 Paris + 9 Lyon + 16 Marseille)", kinds["ARM"])
	}
	if inDepartments < 34_800 {
		t.Errorf("communes in departments: %d", inDepartments)
	}
	if n := len(g.All(geo.LevelQPV)); n != 1584 {
		t.Errorf("QPV: %d, want 1584", n)
	}
	if n := len(g.All(geo.LevelEPCI)); n < 1200 || n > 1300 {
		t.Errorf("EPCI: %d", n)
	}
	// Arrondissements hang under their commune.
	a := g.Commune("75101")
	if a == nil || a.Kind != "ARM" || !slices.Equal(a.Parents, []string{"territory:com-75056"}) {
		t.Errorf("Paris 1er: %+v", a)
	}
	// A commune of an overseas collectivity hangs under the country.
	if c := g.Commune("98735"); c == nil || c.Department != "987" || c.Parents[0] != "territory:fr" {
		t.Errorf("Papeete: %+v", c)
	}
}

func TestLilleIsInNordInHautsDeFrance(t *testing.T) {
	g := geo.Default()
	lille := g.Commune("59350")
	if lille == nil || lille.Name != "Lille" || lille.Department != "59" || lille.Region != "32" {
		t.Fatalf("Lille: %+v", lille)
	}
	if lille.Population < 200_000 {
		t.Errorf("Lille population %d", lille.Population)
	}
	if lille.ID() != "territory:com-59350" {
		t.Errorf("ID %s", lille.ID())
	}
	if !slices.Equal(lille.Parents, []string{"territory:dep-59", "territory:epci-200093201"}) {
		t.Errorf("parents %v", lille.Parents)
	}
	if mel := g.EPCI("200093201"); mel == nil || mel.Name != "Métropole Européenne de Lille" || mel.Kind != "METRO" || mel.Department != "59" {
		t.Errorf("MEL: %+v", mel)
	}
	want := []string{"territory:dep-59", "territory:epci-200093201", "territory:reg-32", "territory:fr"}
	if got := ids(g.Ancestors(lille.ID())); !slices.Equal(got, want) {
		t.Errorf("ancestors %v, want %v", got, want)
	}
	if !g.Within("territory:com-59350", "territory:reg-32") || g.Within("territory:com-59350", "territory:reg-11") {
		t.Error("Within")
	}
	if !slices.Contains(ids(g.Children("territory:dep-59")), "territory:com-59350") {
		t.Error("Lille not among the children of the Nord")
	}
	if !slices.Contains(ids(g.Children("territory:epci-200093201")), "territory:com-59512") {
		t.Error("Roubaix not among the communes of the MEL")
	}
	if got := ids(g.Parents("territory:dep-62")); !slices.Equal(got, []string{"territory:reg-32"}) {
		t.Errorf("parents of 62: %v", got)
	}
}

func TestIDsRoundTrip(t *testing.T) {
	g := geo.Default()
	for _, id := range []string{"territory:fr", "territory:reg-32", "territory:dep-62", "territory:dep-2A",
		"territory:com-59350", "territory:epci-200093201", "territory:qpv-QN05971M"} {
		tr := g.ByID(id)
		if tr == nil || tr.ID() != id {
			t.Errorf("ByID(%s) = %v", id, tr)
			continue
		}
		l, c, ok := geo.ParseID(id)
		if !ok || l != tr.Level || c != tr.Code || geo.ID(l, c) != id || g.Get(l, c) != tr {
			t.Errorf("ParseID(%s) = %s %s %v", id, l, c, ok)
		}
	}
	if _, _, ok := geo.ParseID("org:rtes"); ok {
		t.Error("ParseID accepted org:rtes")
	}
	if g.ByID("territory:com-00000") != nil {
		t.Error("unknown ID resolved")
	}
}

func TestQPVBelongToTheirCommunes(t *testing.T) {
	g := geo.Default()
	q := g.QPV("QN05971M")
	if q == nil || q.Name != "Secteur Ouest" || q.Department != "59" || q.Region != "32" {
		t.Fatalf("QN05971M: %+v", q)
	}
	if !slices.Equal(q.Parents, []string{"territory:com-59350"}) {
		t.Errorf("parents %v", q.Parents)
	}
	if q.ID() != "territory:qpv-QN05971M" {
		t.Errorf("ID %s", q.ID())
	}
	if got := len(g.QPV("QN05972M").Parents); got != 4 {
		t.Errorf("QN05972M spans %d communes, want 4", got)
	}
	inLille := ids(g.QPVsInCommune("59350"))
	for _, want := range []string{"territory:qpv-QN05971M", "territory:qpv-QN05972M", "territory:qpv-QN05973M",
		"territory:qpv-QN05974M", "territory:qpv-QN05978M"} {
		if !slices.Contains(inLille, want) {
			t.Errorf("QPVsInCommune(59350) = %v, missing %s", inLille, want)
		}
	}
	// Name lookup restricted to a commune; parts of composite names count.
	if got := ids(g.LookupQPV("secteur ouest", "59350")); !slices.Equal(got, []string{"territory:qpv-QN05971M"}) {
		t.Errorf("LookupQPV(secteur ouest, Lille) = %v", got)
	}
	if got := ids(g.LookupQPV("Dombrowski", "59350")); !slices.Equal(got, []string{"territory:qpv-QN05978M"}) {
		t.Errorf("LookupQPV(Dombrowski, Lille) = %v", got)
	}
	if got := g.LookupQPV("Secteur Ouest", "59512"); len(got) != 0 {
		t.Errorf("Secteur Ouest found in Roubaix: %v", ids(got))
	}
	// A leading "Quartier de" is optional on both sides.
	for _, n := range []string{"quartier de l’Artilleur", "Artilleur", "QUARTIER DE L'ARTILLEUR"} {
		if got := ids(g.LookupQPV(n, "02304")); !slices.Equal(got, []string{"territory:qpv-QN00207M"}) {
			t.Errorf("LookupQPV(%q, La Fère) = %v", n, got)
		}
	}
	// Pierrefitte-sur-Seine merged into Saint-Denis (93066) in 2025.
	if got := g.QPV("QN09335M").Parents; !slices.Contains(got, "territory:com-93066") {
		t.Errorf("QN09335M parents %v", got)
	}
	// General Lookup does not return QPV (names too generic).
	for _, tr := range g.Lookup("Centre Ville") {
		if tr.Level == geo.LevelQPV {
			t.Errorf("Lookup returned a QPV: %v", tr.ID())
		}
	}
}

func TestLookupIgnoresAccentsCaseHyphensAndApostrophes(t *testing.T) {
	g := geo.Default()
	cases := map[string][]string{
		"territory:dep-62":         {"pas de calais", "Pas-de-Calais", "PAS DE CALAIS", " pas-de-calais "},
		"territory:com-42218":      {"Saint-Étienne", "St-Etienne", "Saint Etienne", "ST ETIENNE", "saint-etienne", "St. Étienne"},
		"territory:com-76351":      {"Le Havre", "le havre", "LE HAVRE", "Havre"},
		"territory:com-78440":      {"Les Mureaux", "les mureaux", "Mureaux"},
		"territory:reg-04":         {"La Réunion", "la reunion", "Réunion", "LA RÉUNION"},
		"territory:com-59009":      {"Villeneuve-d'Ascq", "Villeneuve d’Ascq", "villeneuve d ascq"},
		"territory:com-59378":      {"Marcq-en-Barœul", "Marcq-en-Baroeul", "MARCQ EN BAROEUL"},
		"territory:com-94038":      {"L'Haÿ-les-Roses", "L’Hay les Roses", "l hay-les-roses"},
		"territory:reg-93":         {"Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte-d’Azur", "PACA"},
		"territory:reg-32":         {"Hauts-de-France", "hauts de france", "Nord-Pas-de-Calais", "Picardie"},
		"territory:reg-11":         {"Île-de-France", "Ile de France", "ILE-DE-FRANCE"},
		"territory:fr":             {"France"},
		"territory:epci-200093201": {"Métropole Européenne de Lille", "metropole europeenne de lille"},
	}
	for want, names := range cases {
		for _, n := range names {
			got := g.Lookup(n)
			if len(got) == 0 || got[0].ID() != want {
				t.Errorf("Lookup(%q) = %v, want %s first", n, ids(got), want)
			}
		}
	}
	if got := ids(g.Lookup("La Réunion")); !slices.Contains(got, "territory:dep-974") {
		t.Errorf("La Réunion: %v, want the department too", got)
	}
	if note := g.LookupNote("Picardie", "territory:reg-32"); !strings.Contains(note, "former region") {
		t.Errorf("note for Picardie: %q", note)
	}
	if note := g.LookupNote("Hauts-de-France", "territory:reg-32"); note != "" {
		t.Errorf("note for the region's own name: %q", note)
	}
	// EPCI abbreviations are spelt out.
	if got := g.LookupLevel("Communauté d'agglomération du Boulonnais", geo.LevelEPCI); len(got) != 1 {
		t.Errorf("CA du Boulonnais: %v", ids(got))
	}
	if got := g.Lookup("Nowhere-sur-Rien"); got != nil {
		t.Errorf("unknown name: %v", ids(got))
	}
}

func TestHomonymsAreRankedByLevelChefLieuAndPopulation(t *testing.T) {
	g := geo.Default()
	// Several communes share a name: all are returned, prefecture or most
	// populous first.
	valence := g.LookupLevel("Valence", geo.LevelCommune)
	if len(valence) < 2 || valence[0].Code != "26362" {
		t.Errorf("Valence: %v, want the Drôme prefecture 26362 first", ids(valence))
	}
	sd := g.Lookup("Saint-Denis")
	if len(sd) < 3 || !slices.Contains(ids(sd[:2]), "territory:com-93066") || !slices.Contains(ids(sd[:2]), "territory:com-97411") {
		t.Errorf("Saint-Denis: %v", ids(sd))
	}
	for i := 1; i < len(sd); i++ {
		if sd[i].Level == geo.LevelCommune && sd[i-1].Level == geo.LevelCommune && i >= 2 && sd[i].Population > sd[i-1].Population {
			t.Errorf("Saint-Denis not ranked by population: %v", ids(sd))
		}
	}
	// A department comes before a commune of the same name…
	if v := g.Lookup("Vienne"); len(v) != 2 || v[0].ID() != "territory:dep-86" || v[1].ID() != "territory:com-38544" {
		t.Errorf("Vienne: %v", ids(v))
	}
	// …except the commune that is the department (Paris).
	if p := g.Lookup("Paris"); len(p) != 2 || p[0].ID() != "territory:com-75056" || p[1].ID() != "territory:dep-75" {
		t.Errorf("Paris: %v", ids(p))
	}
	if n := len(g.LookupLevel("Sainte-Colombe", geo.LevelCommune)); n < 10 {
		t.Errorf("Sainte-Colombe: %d communes, want about a dozen", n)
	}
}

func TestAmbiguousNamesNeedContext(t *testing.T) {
	g := geo.Default()
	ambiguous := map[string]geo.Reason{
		"Nord":       geo.ReasonCommonWord, // department, and "north"
		"Lens":       geo.ReasonEnglishWord,
		"Orange":     geo.ReasonCommonWord,
		"Vue":        geo.ReasonCommonWord,
		"Plan":       geo.ReasonCommonWord,
		"Bar":        geo.ReasonCommonWord,
		"Pont":       geo.ReasonCommonWord,
		"Marcq":      geo.ReasonShortForm, // Marcq-en-Barœul
		"Villeneuve": geo.ReasonShortForm,
		"Vienne":     geo.ReasonOtherLevel,
		"Cher":       geo.ReasonCommonWord,
		"Aude":       geo.ReasonGivenName,
		"Nancy":      geo.ReasonGivenName,
		"La Réunion": geo.ReasonCommonWord,
	}
	for name, reason := range ambiguous {
		a := g.Ambiguity(name)
		if !g.IsAmbiguous(name) || a.Reasons&reason == 0 {
			t.Errorf("%s: %v, want ambiguous with %v", name, a, reason)
		}
	}
	for _, name := range []string{"Roubaix", "Lille", "Paris", "Rennes", "Marseille", "Villeneuve-d'Ascq",
		"Hauts-de-France", "Pas-de-Calais", "Seine-Saint-Denis", "Tourcoing", "Calais", "Le Havre", "Nice"} {
		if a := g.Ambiguity(name); a.Score >= 0.5 || a.Candidates == 0 {
			t.Errorf("%s: %v, want an unambiguous place", name, a)
		}
	}
	if a := g.Ambiguity("Saint-Denis"); a.Reasons&geo.ReasonHomonyms == 0 || a.Candidates < 3 || a.Score >= 0.5 {
		t.Errorf("Saint-Denis: %v, want homonyms but a sure place", a)
	}
	if a := g.Ambiguity("Martin"); a != (geo.Ambiguity{}) || g.IsAmbiguous("Martin") {
		t.Errorf("Martin is no territory: %v", a)
	}
}

func TestFoldFollowsTheProjectRules(t *testing.T) {
	cases := map[string]string{
		"Saint-Étienne":      "saint etienne",
		"L’Haÿ-les-Roses":    "l hay les roses",
		"  Pas--de—Calais! ": "pas de calais",
		"Marcq-en-Barœul":    "marcq en baroeul",
		"ÆSOP œuvre":         "aesop oeuvre",
		"Rou\u00adbaix":      "roubaix",
		"à\u00a0Lille":       "a lille",
		"ﬁn N°5":             "fin n 5",
		"":                   "",
		"ÎLE-DE-FRANCE (11)": "ile de france 11",
	}
	for in, want := range cases {
		if got := geo.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// at returns the match whose text is s.
func at(ms []geo.Match, s string) *geo.Match {
	for i := range ms {
		if ms[i].Text == s {
			return &ms[i]
		}
	}
	return nil
}

func TestMatcherOffsetsPointAtTheOriginalText(t *testing.T) {
	g := geo.Default()
	text := "Rencontre à Villeneuve-d’Ascq,\u00a0près de Saint-Étienne (42) et en Seine-Saint-Denis ; l’Haÿ-les-Roses, ÎLE-DE-FRANCE."
	ms := g.Find(text)
	want := []struct{ text, id, cue string }{
		{"Villeneuve-d’Ascq", "territory:com-59009", "a"},
		{"Saint-Étienne", "territory:com-42218", "pres de"},
		{"Seine-Saint-Denis", "territory:dep-93", "en"},
		{"l’Haÿ-les-Roses", "territory:com-94038", ""},
		{"ÎLE-DE-FRANCE", "territory:reg-11", ""},
	}
	if len(ms) != len(want) {
		t.Fatalf("matches %+v", ms)
	}
	for i, w := range want {
		m := ms[i]
		if text[m.Start:m.End] != w.text || m.Text != w.text || m.Candidates[0].ID() != w.id || m.Cue != w.cue {
			t.Errorf("match %d: %q [%d:%d] %s cue %q, want %q %s cue %q",
				i, text[m.Start:m.End], m.Start, m.End, m.Candidates[0].ID(), m.Cue, w.text, w.id, w.cue)
		}
	}
	if m := at(ms, "Saint-Étienne"); m == nil || m.CodeHint != "42" || m.CueKind != geo.CueLocative {
		t.Errorf("Saint-Étienne: %+v", m)
	}
}

func TestMatcherFindsCuesCodesAndContractedArticles(t *testing.T) {
	g := geo.Default()
	text := "Dans le département du Nord, à Roubaix (59), au Havre, aux Mureaux et dans la ville de Lens (62300) " +
		"comme à Orange (Vaucluse), la région Hauts-de-France et l'ancien Nord-Pas-de-Calais."
	ms := g.Find(text)
	check := func(s, id, cue string, kind geo.CueKind, code string) {
		t.Helper()
		m := at(ms, s)
		if m == nil {
			t.Errorf("%q not matched in %+v", s, ms)
			return
		}
		if m.Candidates[0].ID() != id || m.Cue != cue || m.CueKind != kind || m.CodeHint != code {
			t.Errorf("%q: %s cue %q/%v code %q; want %s %q/%v %q", s, m.Candidates[0].ID(), m.Cue, m.CueKind, m.CodeHint, id, cue, kind, code)
		}
	}
	check("Nord", "territory:dep-59", "departement du", geo.CueAdministrative, "")
	check("Roubaix", "territory:com-59512", "a", geo.CueLocative, "59")
	check("Havre", "territory:com-76351", "au", geo.CueLocative, "")
	check("Mureaux", "territory:com-78440", "aux", geo.CueLocative, "")
	check("Lens", "territory:com-62498", "ville de", geo.CueAdministrative, "62")
	check("Orange", "territory:com-84087", "a", geo.CueLocative, "84")
	check("Hauts-de-France", "territory:reg-32", "region", geo.CueAdministrative, "")
	if m := at(ms, "Havre"); m == nil || !m.Contracted {
		t.Errorf("Havre not marked contracted: %+v", m)
	}
	if m := at(ms, "Nord-Pas-de-Calais"); m == nil || m.Candidates[0].ID() != "territory:reg-32" || m.Note == "" {
		t.Errorf("Nord-Pas-de-Calais: %+v", m)
	}
	if m := at(ms, "Lens"); m == nil || !m.Capitalized || m.Ambiguity.Score < 0.5 {
		t.Errorf("Lens: %+v", m)
	}
	// Leftmost-longest: no "Calais" inside "Nord-Pas-de-Calais", no "Vaucluse" lost.
	if at(ms, "Calais") != nil || at(ms, "Vaucluse") == nil {
		t.Errorf("overlaps: %+v", ms)
	}
	// EPCI names are found with their DGCL abbreviation spelt out.
	ms = g.Find("la communauté d’agglomération du Boulonnais et la communauté urbaine de Dunkerque")
	if len(ms) != 2 || ms[0].Candidates[0].Level != geo.LevelEPCI || ms[1].Candidates[0].ID() != "territory:epci-245900428" {
		t.Errorf("EPCI: %+v", ms)
	}
	// Without its article, a name only matches after au/aux/du/des.
	if ms := g.Find("Le Havre et Mureaux"); len(ms) != 1 || ms[0].Text != "Le Havre" {
		t.Errorf("bare Mureaux matched: %+v", ms)
	}
}

func TestMatcherDropsLowercaseWordsUnlessAsked(t *testing.T) {
	g := geo.Default()
	text := "il y a un plan au nord, une vue sur la réunion de la ville."
	if ms := g.Find(text); len(ms) != 0 {
		t.Errorf("lowercase words matched: %+v", ms)
	}
	ms := g.Matcher().Find(text, geo.Options{Lowercase: true})
	for _, w := range []string{"y", "plan", "nord", "vue", "la réunion"} {
		m := at(ms, w)
		if m == nil || m.Capitalized || m.Ambiguity.Score < 0.5 {
			t.Errorf("%q with Lowercase: %+v", w, m)
		}
	}
}

func TestMatcherProposesQPVOnlyNearTheirCommune(t *testing.T) {
	g := geo.Default()
	alone := "Le Secteur Ouest accueille une conciergerie."
	for _, m := range g.Find(alone) {
		if m.Candidates[0].Level == geo.LevelQPV {
			t.Errorf("QPV proposed without its commune: %+v", m)
		}
	}
	text := "À Lille, le Secteur Ouest accueille une conciergerie ; à Roubaix, le quartier Nouveau Roubaix aussi."
	ms := g.Find(text)
	q := at(ms, "Secteur Ouest")
	if q == nil || len(q.Candidates) != 1 || q.Candidates[0].ID() != "territory:qpv-QN05971M" {
		t.Fatalf("Secteur Ouest: %+v", q)
	}
	if q.Ambiguity.Reasons&geo.ReasonCommonWord == 0 {
		t.Errorf("Secteur Ouest should be flagged generic: %v", q.Ambiguity)
	}
	nr := at(ms, "Nouveau Roubaix")
	if nr == nil || nr.Candidates[0].ID() != "territory:qpv-QN05981M" || nr.Cue != "quartier" {
		t.Errorf("Nouveau Roubaix: %+v", nr)
	}
	// The QPV match overlaps the commune's: both are reported, in order.
	roubaix := 0
	for _, m := range ms {
		if m.Text == "Roubaix" {
			roubaix++
		}
	}
	if roubaix != 2 {
		t.Errorf("Roubaix matched %d times, want 2: %+v", roubaix, ms)
	}
	for i := 1; i < len(ms); i++ {
		if ms[i].Start < ms[i-1].Start {
			t.Errorf("matches out of order")
		}
	}
	// A place name inside an accepted QPV name that is not its commune goes;
	// an article and a composite name without separators are handled.
	ms = g.Find("Au quartier du Grand Mirail, à Toulouse. Elle a grandi à la Castellane, à Marseille.")
	if at(ms, "Grand") != nil || at(ms, "Grand Mirail") == nil {
		t.Errorf("Grand Mirail: %+v", ms)
	}
	castellane := false
	for _, m := range ms {
		if m.Text == "Castellane" && slices.Contains(ids(m.Candidates), "territory:qpv-QN01354M") {
			castellane = m.Cue == "a la"
		}
	}
	if !castellane {
		t.Errorf("à la Castellane (QPV La Castellane La Bricarde): %+v", ms)
	}
	// With a window too small, the QPV is dropped.
	far := "À Lille. " + strings.Repeat("Du texte sans lieu. ", 40) + "Le Secteur Ouest."
	if q := at(g.Matcher().Find(far, geo.Options{}), "Secteur Ouest"); q != nil {
		t.Errorf("far QPV proposed: %+v", q)
	}
	if q := at(g.Matcher().Find(far, geo.Options{QPVWindow: -1}), "Secteur Ouest"); q == nil {
		t.Error("QPV not proposed with an unlimited window")
	}
}

func TestMatcherOnAnArticle(t *testing.T) {
	g := geo.Default()
	data, err := os.ReadFile("testdata/article_fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	found := map[string]bool{}
	for _, m := range g.Find(text) {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("offsets %d:%d do not give %q", m.Start, m.End, m.Text)
		}
		if m.Text == "Plaine" {
			t.Errorf("QPV part inside the EPCI name Plaine Commune proposed: %+v", m)
		}
		found[m.Candidates[0].ID()] = true
	}
	for _, id := range []string{"territory:reg-32", "territory:dep-62", "territory:com-59512", "territory:qpv-QN05981M",
		"territory:com-59350", "territory:qpv-QN05971M", "territory:dep-93", "territory:dep-59", "territory:com-59360",
		"territory:reg-84", "territory:com-42218", "territory:com-76351", "territory:com-78440", "territory:com-2A004",
		"territory:epci-200093201", "territory:epci-200057867", "territory:reg-52", "territory:epci-245900428"} {
		if !found[id] {
			t.Errorf("%s not found", id)
		}
	}
}

func BenchmarkMatcher(b *testing.B) {
	data, err := os.ReadFile("testdata/article_fr.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	m := geo.Default().Matcher()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		m.Find(text, geo.Options{})
	}
}

func BenchmarkFold(b *testing.B) {
	data, err := os.ReadFile("testdata/article_fr.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		geo.Fold(text)
	}
}

func BenchmarkLookup(b *testing.B) {
	g := geo.Default()
	for b.Loop() {
		g.Lookup("Saint-Étienne")
	}
}

func TestMatcherIsSafeForConcurrentUse(t *testing.T) {
	g := geo.Default()
	text := "À Roubaix (59), le quartier Nouveau Roubaix ; à Lille, le Secteur Ouest."
	want := len(g.Find(text))
	done := make(chan int)
	for range 4 {
		go func() {
			n := 0
			for range 50 {
				n = len(g.Find(text))
			}
			done <- n
		}()
	}
	for range 4 {
		if n := <-done; n != want {
			t.Errorf("concurrent Find: %d matches, want %d", n, want)
		}
	}
}

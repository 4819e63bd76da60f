package gen

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/maillage/maillage/internal/kg"
)

// world is everything articles are drawn from. It is built once per Config
// and only read afterwards, so articles can be generated concurrently.
type world struct {
	cfg        Config
	geo        *geography
	start, end time.Time

	themes     []*ent
	themeIndex map[rune][]themeForm

	communes  *pool // ranked by population
	depts     *pool
	regions   *pool
	paris     *place
	regAuth   map[*place]*ent
	deptAuth  map[*place]*ent
	comAuth   map[*place]*ent
	byRegion  map[*place][]*place // communes of a region
	orgsAt    map[*place][]*ent   // organizations seated in a commune
	thirdsAt  map[*place][]*ent
	natNets   *pool
	regNets   map[*place][]*ent
	networks  *pool
	assocs    *pool
	coops     *pool
	thirds    *pool
	creches   *pool
	funds     *pool
	mins      *pool
	agencies  *pool
	authPool  *pool // local authorities, ranked like their territories
	local     *pool // associations, cooperatives, third places, crèches mixed
	events    *pool
	inits     *pool
	calls     *pool
	people    []*ent
	orgs      []*ent
	used      map[kg.ID]bool
	acronyms  map[string]bool
	personIDs map[kg.ID]bool
}

var (
	geoOnce sync.Once
	geoData *geography
	geoErr  error
)

// Sizes of the pools for n articles: they grow with n so that most actors
// are named by one or two articles whatever the corpus size.
func sizes(n int) (nat, reg, assoc, coop, third, creche, fund, series, webinars, inits, calls int) {
	return 6 + n/1500, 8 + n/300, 60 + n/2, 30 + n/5, 20 + n/10, 12 + n/20, 4 + n/600, 15 + n/20, 10 + n/25, 50 + n/3, 12 + n/15
}

func newWorld(cfg Config) (*world, error) {
	geoOnce.Do(func() { geoData, geoErr = loadGeography() })
	if geoErr != nil {
		return nil, geoErr
	}
	w := &world{cfg: cfg, geo: geoData, start: cfg.StartDate.Time(), end: cfg.EndDate.Time(),
		regAuth: map[*place]*ent{}, deptAuth: map[*place]*ent{}, comAuth: map[*place]*ent{},
		byRegion: map[*place][]*place{}, orgsAt: map[*place][]*ent{}, thirdsAt: map[*place][]*ent{}, regNets: map[*place][]*ent{},
		used: map[kg.ID]bool{}, acronyms: map[string]bool{}, personIDs: map[kg.ID]bool{}}
	r := rand.New(rand.NewPCG(uint64(cfg.Seed), worldStream))
	w.buildThemes()
	w.buildPlaces()
	w.buildAuthorities()
	w.buildNational(r)
	w.buildNetworks(r)
	w.buildLocalOrgs(r)
	w.buildLinks(r)
	w.buildStaff(r)
	w.buildInitiatives(r)
	w.buildEvents(r)
	w.foldNames()
	return w, nil
}

// foldNames computes once the folds of every name and written form, which
// articles compare to tell aliases apart.
func (w *world) foldNames() {
	do := func(e *ent) {
		e.fold = kg.Fold(e.name)
		for i := range e.forms {
			e.forms[i].fold = kg.Fold(e.forms[i].text)
		}
		if e.acronym != "" {
			if e.acrForm.text == "" {
				e.acrForm = form{text: e.acronym}
			}
			e.acrForm.fold = kg.Fold(e.acronym)
		}
	}
	for _, t := range w.themes {
		do(t)
	}
	for _, p := range w.geo.byID {
		if p.e.fold == "" {
			do(p.e)
		}
	}
	for _, e := range w.orgs {
		do(e)
	}
	for _, e := range w.people {
		do(e)
	}
	for _, pl := range []*pool{w.events, w.inits, w.calls} {
		for _, e := range pl.items {
			do(e)
		}
	}
	for k, list := range w.themeIndex {
		for i := range list {
			list[i].fold = kg.Fold(list[i].text)
		}
		w.themeIndex[k] = list
	}
}

// worldStream is the PCG stream of the world; article i uses stream i.
const worldStream = 1 << 63

func (w *world) buildThemes() {
	w.themeIndex = map[rune][]themeForm{}
	for _, td := range themeDefs {
		text := typo(lowerFirst(td.name))
		e := &ent{id: kg.NewEntityID(kg.TypeTheme, td.name), typ: kg.TypeTheme, name: td.name, fem: td.fem, plur: td.plur}
		e.forms = []form{{text: text, det: article(td.fem, td.plur, text), fem: td.fem, plur: td.plur}}
		if td.acronym != "" {
			e.forms = append(e.forms, form{text: td.acronym, det: article(td.fem, false, td.acronym), fem: td.fem})
		}
		w.themes = append(w.themes, e)
		for _, f := range e.forms {
			r := []rune(f.text)[0]
			w.themeIndex[unicode.ToLower(r)] = append(w.themeIndex[unicode.ToLower(r)], themeForm{e: e, text: f.text, upper: upperFirst(f.text), runes: runeLen(f.text)})
		}
	}
	for k, list := range w.themeIndex { // longest first, so the longest form wins
		slices.SortStableFunc(list, func(a, b themeForm) int { return cmp.Compare(b.runes, a.runes) })
		w.themeIndex[k] = list
	}
}

func (w *world) buildPlaces() {
	g := w.geo
	coms := slices.Clone(g.communes)
	slices.SortStableFunc(coms, func(a, b *place) int { return cmp.Compare(b.pop, a.pop) })
	w.communes = &pool{s: 0.9}
	for _, c := range coms {
		w.communes.add(c.e)
		w.byRegion[c.region] = append(w.byRegion[c.region], c)
		if c.code == "75056" {
			w.paris = c
		}
	}
	w.communes.seal()
	// departments and regions ranked by their largest commune
	w.depts, w.regions = &pool{s: 0.9}, &pool{s: 0.9}
	seenD, seenR := map[*place]bool{}, map[*place]bool{}
	for _, c := range coms {
		if !seenD[c.dept] {
			seenD[c.dept] = true
			w.depts.add(c.dept.e)
		}
		if !seenR[c.region] {
			seenR[c.region] = true
			w.regions.add(c.region.e)
		}
	}
	w.depts.seal()
	w.regions.seal()
	if w.paris == nil {
		w.paris = coms[0]
	}
}

// regionOf is "de Bretagne", "des Hauts-de-France", "du Grand Est",
// "d’Occitanie" as used after "Conseil régional" or "CRESS".
func regionOf(p *place) string {
	switch p.tncc {
	case 2:
		return "du "
	case 4:
		return "des "
	}
	if startsWithVowel(p.e.name) {
		return "d’"
	}
	return "de "
}

// newEnt creates an entity with a unique id (unique by the fold of its name
// within its type). It returns nil when the name is taken.
func (w *world) newEnt(t kg.EntityType, name string) *ent {
	id := kg.NewEntityID(t, name)
	if w.used[id] {
		return nil
	}
	w.used[id] = true
	return &ent{id: id, typ: t, name: name}
}

// nameForm builds a form whose text is prefix + place name + suffix, with the
// place as an inner mention.
func placeForm(prefix string, p *place, suffix string) form {
	pre := typo(prefix)
	return form{text: pre + p.e.forms[0].text + typo(suffix), inner: []inner{{at: runeLen(pre), p: p}}}
}

func (w *world) buildAuthorities() {
	auth := func(name string, f form, p *place) *ent {
		e := w.newEnt(kg.TypeOrganization, name)
		e.kind, e.authority, e.seat, e.fem = "local_authority", true, p, f.fem
		e.forms = []form{f}
		p.auth = e
		w.orgs = append(w.orgs, e)
		return e
	}
	for _, p := range w.geo.regions {
		var name string
		switch p.code {
		case "04", "06": // La Réunion and Mayotte: the department is the authority
			continue
		case "94":
			name = "Collectivité de "
		case "02", "03":
			name = "Collectivité territoriale de "
		default:
			name = "Région "
		}
		f := placeForm(name, p, "")
		f.det, f.fem = "la ", true
		e := auth(name+p.e.name, f, p)
		alt := placeForm("Conseil régional "+strings.ReplaceAll(regionOf(p), "’", "'"), p, "")
		alt.det = "le "
		if name == "Région " {
			e.forms = append(e.forms, alt)
		}
		w.regAuth[p] = e
	}
	for _, p := range w.geo.depts {
		switch p.code {
		case "75", "972", "973", "2A", "2B", "67", "68": // no departmental council
			continue
		}
		of := strings.ReplaceAll(p.ofPrefix(), "’", "'")
		f := placeForm("Département "+of, p, "")
		f.det = "le "
		e := auth("Département "+of+p.e.name, f, p)
		alt := placeForm("Conseil départemental "+of, p, "")
		alt.det = "le "
		e.forms = append(e.forms, alt)
		w.deptAuth[p] = e
	}
	w.authPool = &pool{s: 1.0}
	for _, ce := range w.communes.items {
		p := ce.place
		of := "de "
		if startsWithVowel(p.e.name) {
			of = "d'"
		}
		f := placeForm("Ville "+of, p, "")
		f.det, f.fem = "la ", true
		e := auth("Ville "+of+p.e.name, f, p)
		alt := placeForm("mairie "+of, p, "")
		alt.det, alt.fem = "la ", true
		e.forms = append(e.forms, alt)
		w.comAuth[p] = e
		w.authPool.add(e)
		if a := w.deptAuth[p.dept]; a != nil && !containsEnt(w.authPool.items, a) {
			w.authPool.add(a)
		}
		if a := w.regAuth[p.region]; a != nil && !containsEnt(w.authPool.items, a) {
			w.authPool.add(a)
		}
	}
	w.authPool.seal()
}

func (w *world) buildNational(r *rand.Rand) {
	w.mins, w.agencies = &pool{s: 1.2}, &pool{s: 1.2}
	for _, name := range ministries {
		e := w.newEnt(kg.TypeOrganization, name)
		e.kind, e.national, e.seat = "ministry", true, w.paris
		f := form{text: typo(name)}
		f.det = article(false, false, f.text)
		e.forms = []form{f}
		e.themes = []*ent{w.themes[r.IntN(len(w.themes))]}
		w.mins.add(e)
		w.orgs = append(w.orgs, e)
	}
	for _, a := range agencies {
		e := w.newEnt(kg.TypeOrganization, a.name)
		e.kind, e.national, e.seat, e.acronym, e.fem = "public_agency", true, w.paris, a.acronym, a.fem
		f := form{text: typo(a.name), fem: a.fem}
		if !a.noDet {
			f.det = article(a.fem, false, f.text)
		}
		e.forms = []form{f}
		if a.acronym != "" {
			w.acronyms[a.acronym] = true
		}
		w.agencies.add(e)
		w.orgs = append(w.orgs, e)
	}
	w.mins.seal()
	w.agencies.seal()
}

// setAcronym gives e an acronym built from its name, unless another
// organization already has it.
func (w *world) setAcronym(e *ent, acr string) {
	if len([]rune(acr)) < 3 || len([]rune(acr)) > 8 || w.acronyms[acr] {
		return
	}
	w.acronyms[acr] = true
	e.acronym = acr
}

func (w *world) buildNetworks(r *rand.Rand) {
	n := w.cfg.Articles
	nat, reg, _, _, _, _, fund, _, _, _, _ := sizes(n)
	w.natNets = &pool{s: 1.1}
	for i := 0; len(w.natNets.items) < nat && i < nat*20; i++ {
		h := pick(r, networkHeadsNational)
		name := h.head + " " + pick(r, networkGroups)
		e := w.newEnt(kg.TypeOrganization, name)
		if e == nil {
			continue
		}
		e.kind, e.national, e.fem = "network", true, h.fem
		f := form{text: typo(name), fem: h.fem}
		f.det = article(h.fem, false, f.text)
		e.forms = []form{f}
		w.setAcronym(e, acronymOf(name))
		e.seat = w.communes.items[min(len(w.communes.items)-1, r.IntN(3))].place // Paris, Marseille or Lyon mostly
		if r.IntN(3) > 0 {
			e.seat = w.paris
		}
		e.year = 1980 + r.IntN(35)
		w.natNets.add(e)
		w.orgs = append(w.orgs, e)
	}
	w.natNets.seal()

	// Regional networks: a chamber of the ESS in most regions, then others.
	var regional []*ent
	for _, p := range w.geo.regions {
		if len(w.byRegion[p]) == 0 || r.IntN(5) == 0 {
			continue
		}
		name := "Chambre régionale de l'économie sociale et solidaire " + strings.ReplaceAll(regionOf(p), "’", "'") + p.e.name
		e := w.newEnt(kg.TypeOrganization, name)
		if e == nil {
			continue
		}
		e.kind, e.fem, e.seat = "network", true, p
		f := placeForm(name[:len(name)-len(p.e.name)], p, "")
		f.det, f.fem = "la ", true
		e.forms = []form{f}
		if acr := "CRESS " + p.e.name; !w.acronyms[acr] {
			w.acronyms[acr] = true
			e.acronym = acr
			e.acrForm = placeForm("CRESS ", p, "")
		}
		regional = append(regional, e)
	}
	for i := 0; len(regional) < reg && i < reg*20; i++ {
		h := pick(r, networkHeadsRegional)
		p := w.regions.draw(r).place
		prefix := h.head + " " + pick(r, networkGroups) + " " + strings.ReplaceAll(regionOf(p), "’", "'")
		name := prefix + p.e.name
		e := w.newEnt(kg.TypeOrganization, name)
		if e == nil {
			continue
		}
		e.kind, e.fem, e.seat = "network", h.fem, p
		f := placeForm(prefix, p, "")
		f.det, f.fem = article(h.fem, false, f.text), h.fem
		e.forms = []form{f}
		w.setAcronym(e, acronymOf(name))
		regional = append(regional, e)
	}
	r.Shuffle(len(regional), func(i, j int) { regional[i], regional[j] = regional[j], regional[i] })
	w.networks = &pool{s: 1.3}
	// National networks lead the ranking, regional ones follow.
	for _, e := range w.natNets.items {
		w.networks.add(e)
	}
	for _, e := range regional {
		e.year = 1990 + r.IntN(25)
		w.networks.add(e)
		w.regNets[e.seat] = append(w.regNets[e.seat], e)
		w.orgs = append(w.orgs, e)
	}
	w.networks.seal()

	w.funds = &pool{s: 1.1}
	for i := 0; len(w.funds.items) < fund && i < fund*20; i++ {
		p := w.regions.draw(r).place
		prefix := pick(r, fundKinds) + " " + strings.ReplaceAll(regionOf(p), "’", "'")
		name := prefix + p.e.name
		e := w.newEnt(kg.TypeOrganization, name)
		if e == nil {
			continue
		}
		e.kind, e.seat, e.year = "fund", p, 1995+r.IntN(20)
		f := placeForm(prefix, p, "")
		f.det = "le "
		e.forms = []form{f}
		w.setAcronym(e, acronymOf(name))
		w.funds.add(e)
		w.orgs = append(w.orgs, e)
	}
	w.funds.seal()
}

// localName makes "Head Tail" or "Head de Commune" names.
func localName(r *rand.Rand, heads []headDef, tails []string, p *place) (string, form, headDef) {
	h := pick(r, heads)
	if r.IntN(2) == 0 {
		of := " de "
		if startsWithVowel(p.e.name) {
			of = " d'"
		}
		f := placeForm(h.text+of, p, "")
		return h.text + of + p.e.name, f, h
	}
	name := h.text + " " + pick(r, tails)
	return name, form{text: typo(name)}, h
}

func (w *world) buildLocalOrgs(r *rand.Rand) {
	_, _, nAssoc, nCoop, nThird, nCreche, _, _, _, _, _ := sizes(w.cfg.Articles)
	make1 := func(p *pool, n int, kind string, build func(c *place) (string, form, bool)) {
		for i := 0; len(p.items) < n && i < n*30; i++ {
			c := w.communes.draw(r).place
			name, f, fem := build(c)
			e := w.newEnt(kg.TypeOrganization, name)
			if e == nil {
				continue
			}
			e.kind, e.seat, e.fem, e.year = kind, c, fem, 1975+r.IntN(40)
			e.forms = []form{f}
			p.add(e)
			w.orgs = append(w.orgs, e)
			w.orgsAt[c] = append(w.orgsAt[c], e)
		}
		p.seal()
	}
	w.assocs = &pool{s: 1.05}
	make1(w.assocs, nAssoc, "association", func(c *place) (string, form, bool) {
		name, f, _ := localName(r, associationHeads, associationTails, c)
		f.det, f.desc, f.fem = "l’", "association ", true
		return name, f, true
	})
	w.coops = &pool{s: 1.05}
	make1(w.coops, nCoop, "cooperative", func(c *place) (string, form, bool) {
		name, f, _ := localName(r, cooperativeHeads, cooperativeTails, c)
		f.desc, f.fem = pick(r, cooperativeDescs), true
		f.det = article(true, false, f.desc)
		return name, f, true
	})
	w.thirds = &pool{s: 1.05}
	make1(w.thirds, nThird, "third_place", func(c *place) (string, form, bool) {
		name, f, _ := localName(r, thirdPlaceHeads, thirdPlaceTails, c)
		f.det, f.desc = "le ", "tiers-lieu "
		return name, f, false
	})
	for _, e := range w.thirds.items {
		w.thirdsAt[e.seat] = append(w.thirdsAt[e.seat], e)
	}
	w.creches = &pool{s: 1.05}
	make1(w.creches, nCreche, "childcare", func(c *place) (string, form, bool) {
		h := pick(r, crecheNames)
		var name string
		var f form
		if r.IntN(3) > 0 {
			of := " de "
			if startsWithVowel(c.e.name) {
				of = " d'"
			}
			name, f = h+of+c.e.name, placeForm(h+of, c, "")
		} else {
			name, f = h, form{text: typo(h)}
		}
		f.desc, f.fem = pick(r, crecheDescs), true
		f.det = article(true, false, f.desc)
		return name, f, true
	})
	// The mixed pool of local actors keeps each kind's ranking.
	w.local = &pool{s: 1.05}
	srcs := [][]*ent{w.assocs.items, w.coops.items, w.thirds.items, w.creches.items}
	for i := 0; ; i++ {
		added := false
		for _, s := range srcs {
			if i < len(s) {
				w.local.add(s[i])
				added = true
			}
		}
		if !added {
			break
		}
	}
	w.local.seal()
}

// kindThemes are the themes organizations of a kind work on.
var kindThemes = map[string][]int{
	"network":         {thESS, thInnovation, thPolitiqueVille, thIAE, thTiersLieux, thFinance, thVieAsso, thDevEco},
	"association":     {thParticipation, thCohesion, thEducPop, thAccesDroits, thInsertionPro, thDiscriminations, thEgalite, thVieAsso, thPolitiqueVille, thNumerique, thAlimentation, thDroitsCulturels},
	"cooperative":     {thESS, thIAE, thCirculaire, thEntrepreneuriat, thHabitat, thTransitionEco, thMobilite, thAlimentation},
	"third_place":     {thTiersLieux, thInnovation, thNumerique, thCirculaire, thParticipation},
	"childcare":       {thPetiteEnfance, thInsertionPro},
	"fund":            {thFinance, thInnovation, thESS},
	"local_authority": {thPolitiqueVille, thParticipation, thESS, thDevEco, thRenouvellement, thCommande, thCohesion},
}

// buildLinks draws the facts between organizations: themes, memberships of
// networks, partnerships.
func (w *world) buildLinks(r *rand.Rand) {
	for _, e := range w.orgs {
		if ks := kindThemes[e.kind]; len(ks) > 0 && len(e.themes) == 0 {
			e.themes = append(e.themes, w.themes[pick(r, ks)])
			if t := w.themes[pick(r, ks)]; r.IntN(2) == 0 && t != e.themes[0] {
				e.themes = append(e.themes, t)
			}
		}
		switch e.kind {
		case "association", "cooperative", "third_place", "childcare":
			if r.IntN(10) < 7 {
				e.networks = append(e.networks, w.memberNetwork(r, e))
			}
			if r.IntN(10) < 2 {
				if n := w.memberNetwork(r, e); !containsEnt(e.networks, n) {
					e.networks = append(e.networks, n)
				}
			}
			for range r.IntN(3) {
				var p *ent
				switch r.IntN(4) {
				case 0:
					p = w.comAuth[e.seat]
				case 1:
					p = w.deptAuth[e.seat.dept]
				case 2:
					p = w.funds.draw(r)
				default:
					p = w.local.draw(r)
				}
				if p != nil && p != e && !containsEnt(e.partners, p) {
					e.partners = append(e.partners, p)
				}
			}
		case "fund", "public_agency":
			for range 1 + r.IntN(2) {
				p := w.networks.draw(r)
				if e.seat != nil && e.seat.level == kg.LevelRegion && r.IntN(2) == 0 {
					p = w.regAuth[e.seat]
				}
				if p != nil && p != e && !containsEnt(e.partners, p) {
					e.partners = append(e.partners, p)
				}
			}
		case "network":
			if !e.national && r.IntN(2) == 0 {
				e.networks = append(e.networks, w.natNets.draw(r))
			}
			for range 1 + r.IntN(2) {
				var p *ent
				switch r.IntN(3) {
				case 0:
					p = w.agencies.draw(r)
				case 1:
					p = w.networks.draw(r)
				default:
					p = w.funds.draw(r)
				}
				if p != nil && p != e && !containsEnt(e.partners, p) {
					e.partners = append(e.partners, p)
				}
			}
		}
		for _, n := range e.networks {
			n.members = append(n.members, e)
		}
	}
}

// memberNetwork draws the network an organization belongs to: often its
// region's, otherwise a national one following the ranking.
func (w *world) memberNetwork(r *rand.Rand, e *ent) *ent {
	if rn := w.regNets[e.seat.region]; len(rn) > 0 && r.IntN(3) == 0 {
		return pick(r, rn)
	}
	return w.networks.draw(r)
}

func (w *world) titlesFor(e *ent) []titleDef {
	switch e.kind {
	case "network":
		return titlesNetwork
	case "association":
		return titlesAssociation
	case "cooperative":
		return titlesCooperative
	case "third_place":
		return titlesThirdPlace
	case "childcare":
		return titlesChildcare
	case "fund":
		return titlesFund
	case "ministry":
		return titlesMinistry
	case "public_agency":
		return titlesAgency
	case "local_authority":
		switch e.seat.level {
		case kg.LevelCommune:
			return titlesCommune
		case kg.LevelDepartment:
			return titlesDepartment
		}
		return titlesRegion
	}
	return titlesAssociation
}

func (w *world) newPerson(r *rand.Rand) *ent {
	for {
		fem := r.IntN(100) < 55
		first := pick(r, maleNames)
		if fem {
			first = pick(r, femaleNames)
		}
		name := first + " " + pick(r, surnames)
		id := kg.NewEntityID(kg.TypePerson, name)
		if w.personIDs[id] {
			continue
		}
		w.personIDs[id] = true
		e := &ent{id: id, typ: kg.TypePerson, name: name, fem: fem}
		e.forms = []form{{text: typo(name)}}
		w.people = append(w.people, e)
		return e
	}
}

func (w *world) addRole(p, org *ent, t titleDef) *role {
	title := t.m
	if p.fem {
		title = t.f
	}
	ro := &role{person: p, org: org, title: title}
	p.roles = append(p.roles, ro)
	org.staff = append(org.staff, ro)
	return ro
}

func (w *world) buildStaff(r *rand.Rand) {
	for _, e := range w.orgs {
		n := 1 + r.IntN(2)
		switch e.kind {
		case "network":
			n = 3 + r.IntN(2)
		case "local_authority":
			n = 1 + r.IntN(3)
		case "childcare":
			n = 1
		}
		titles := w.titlesFor(e)
		order := r.Perm(len(titles))
		for i := 0; i < n && i < len(order); i++ {
			w.addRole(w.newPerson(r), e, titles[order[i]])
		}
	}
	// Some people also sit on the board of a network.
	for _, p := range slices.Clone(w.people) {
		if r.IntN(10) == 0 {
			if n := w.networks.draw(r); n != nil && n != p.roles[0].org {
				w.addRole(p, n, titleBoard)
			}
		}
	}
}

// someone returns a person working for e (the first listed, usually the
// head, more often), or nil.
func someone(r *rand.Rand, e *ent) *role {
	if e == nil || len(e.staff) == 0 {
		return nil
	}
	if r.IntN(2) == 0 {
		return e.staff[0]
	}
	return pick(r, e.staff)
}

func (w *world) buildInitiatives(r *rand.Rand) {
	_, _, _, _, _, _, _, _, _, nInit, nCall := sizes(w.cfg.Articles)
	w.inits = &pool{s: 0.7}
	budgets := map[*ent]bool{}
	add := func(name string, f form, kind string, leader *ent, at *place, themes []int, year int) *ent {
		e := w.newEnt(kg.TypeInitiative, name)
		if e == nil {
			return nil
		}
		e.kind, e.leader, e.seat, e.year = kind, leader, at, year
		e.fem = f.fem
		e.forms = []form{f}
		if low := f; lowerFirst(f.text) != f.text {
			low.text = lowerFirst(f.text)
			e.forms = append(e.forms, low)
		}
		for _, t := range themes {
			e.themes = append(e.themes, w.themes[t])
		}
		leader.led = append(leader.led, e)
		w.inits.add(e)
		return e
	}
	for i := 0; len(w.inits.items) < nInit && i < nInit*30; i++ {
		year := 2014 + r.IntN(11)
		switch k := r.IntN(100); {
		case k < 50: // local project led by a local organization
			def := pick(r, projectDefs)
			leader := w.local.draw(r)
			at := leader.seat
			qpv := r.IntN(10) < 4 && len(at.children) > 0
			var name string
			var f form
			noun := def.noun
			switch {
			case qpv:
				q := pick(r, at.children)
				name, f = noun+qpvOf(q)+q.e.name, placeForm(noun+qpvOf(q), q, "")
				at = q
			case r.IntN(2) == 0:
				of := " de "
				if startsWithVowel(at.e.name) {
					of = " d'"
				}
				name, f = noun+of+at.e.name, placeForm(noun+of, at, "")
			default:
				h := pick(r, associationHeads)
				name, f = noun+" "+h.text, form{text: typo(noun + " " + h.text)}
			}
			f.fem = def.fem
			f.det = article(def.fem, false, f.text)
			if e := add(name, f, "project", leader, at, def.themes, year); e != nil {
				e.descr = def.descr
			}
		case k < 55: // third place project of a local organization or a town
			leader := w.local.draw(r)
			if r.IntN(4) == 0 {
				leader = w.comAuth[w.communes.draw(r).place]
			}
			h := pick(r, thirdPlaceHeads)
			name := "Tiers-lieu " + h.text + " " + pick(r, thirdPlaceTails)
			f := form{text: typo(name), det: "le "}
			if e := add(name, f, "third_place", leader, leader.seat, []int{thTiersLieux, thParticipation}, year); e != nil {
				e.descr = thirdPlaceDescr
			}
		case k < 62: // programme of a network or a fund
			tail := pick(r, programmeTails)
			word := "Programme "
			if r.IntN(3) == 0 {
				word = "Dispositif "
			}
			name := word + pick(r, programmeHeads) + " " + tail
			leader := w.networks.draw(r)
			if r.IntN(4) == 0 {
				leader = w.funds.draw(r)
			}
			f := form{text: typo(name), det: "le "}
			add(name, f, "programme", leader, leader.seat, programmeThemes[tail], year)
		case k < 72: // participatory budget of a local authority
			a := w.authPool.draw(r)
			if budgets[a] {
				continue
			}
			budgets[a] = true
			p := a.seat
			var of string
			switch p.level {
			case kg.LevelCommune:
				of = "de "
				if startsWithVowel(p.e.name) {
					of = "d'"
				}
			case kg.LevelRegion:
				of = strings.ReplaceAll(regionOf(p), "’", "'")
			default:
				of = strings.ReplaceAll(p.ofPrefix(), "’", "'")
			}
			name := "Budget participatif " + of + p.e.name
			f := placeForm("Budget participatif "+of, p, "")
			f.det = "le "
			add(name, f, "participatory_budget", a, p, []int{thParticipation}, year)
		case k < 80: // crèche with an insertion purpose
			leader := w.creches.draw(r)
			if r.IntN(3) == 0 {
				leader = w.coops.draw(r)
			}
			c := leader.seat
			of := " de "
			if startsWithVowel(c.e.name) {
				of = " d'"
			}
			noun := pick(r, []string{"Crèche à vocation d'insertion professionnelle", "Micro-crèche solidaire", "Crèche parentale"})
			f := placeForm(noun+of, c, "")
			f.det, f.fem = "la ", true
			add(noun+of+c.e.name, f, "childcare", leader, c, []int{thPetiteEnfance, thInsertionPro}, year)
		case k < 88: // territory with no long-term unemployment
			leader := w.assocs.draw(r)
			c := leader.seat
			of := " de "
			if startsWithVowel(c.e.name) {
				of = " d'"
			}
			noun := "Territoire zéro chômeur de longue durée"
			f := placeForm(noun+of, c, "")
			f.det = "le "
			add(noun+of+c.e.name, f, "programme", leader, c, []int{thInsertionPro, thIAE}, year)
		default: // urban renewal of a priority neighbourhood
			a := w.authPool.draw(r)
			if a.seat.level != kg.LevelCommune || len(a.seat.children) == 0 {
				continue
			}
			q := pick(r, a.seat.children)
			noun := "Projet de renouvellement urbain" + qpvOf(q)
			f := placeForm(noun, q, "")
			f.det = "le "
			add(noun+q.e.name, f, "project", a, q, []int{thRenouvellement, thPolitiqueVille}, year)
		}
	}
	w.inits.seal()
	// partners of initiatives
	for _, e := range w.inits.items {
		for range r.IntN(3) {
			var p *ent
			switch r.IntN(4) {
			case 0:
				p = w.comAuth[e.seat.commune()]
			case 1:
				p = w.regAuth[e.seat.region]
			case 2:
				p = w.funds.draw(r)
			default:
				p = w.agencies.draw(r)
			}
			if p != nil && p != e.leader && !containsEnt(e.partners, p) {
				e.partners = append(e.partners, p)
				p.backs = append(p.backs, e)
			}
		}
	}

	w.calls = &pool{s: 0.8}
	for i := 0; len(w.calls.items) < nCall && i < nCall*30; i++ {
		topic := pick(r, callTopics)
		year := 2015 + r.IntN(11)
		var leader *ent
		var at *place
		switch k := r.IntN(10); {
		case k < 4:
			leader = w.regAuth[w.regions.draw(r).place]
		case k < 6:
			leader = w.deptAuth[w.depts.draw(r).place]
		case k < 8:
			leader = w.funds.draw(r)
		case k < 9:
			leader = w.mins.draw(r)
		default:
			leader = w.agencies.draw(r)
		}
		if leader == nil {
			continue
		}
		if !leader.national {
			at = leader.seat
		}
		name := "Appel à projets " + topic.text + " " + fmt.Sprint(year)
		f := form{text: typo(name), det: "l’"}
		alt := form{text: typo("appel à projets « " + topic.text + " » " + fmt.Sprint(year)), det: "l’"}
		if w.used[kg.NewEntityID(kg.TypeInitiative, name)] {
			if at == nil {
				continue
			}
			prefix := name + " " + strings.ReplaceAll(at.inPrefix(), "’", "'")
			name = prefix + at.e.name
			f = placeForm(prefix, at, "")
			f.det = "l’"
			alt = form{}
		}
		e := w.newEnt(kg.TypeInitiative, name)
		if e == nil {
			continue
		}
		e.kind, e.leader, e.seat, e.year = "call_for_projects", leader, at, year
		e.amount = (50 + r.IntN(20)*50) * 1000
		e.forms = []form{f}
		if alt.text != "" {
			e.forms = append(e.forms, alt)
		}
		for _, t := range topic.themes {
			e.themes = append(e.themes, w.themes[t])
		}
		leader.led = append(leader.led, e)
		w.calls.add(e)
	}
	w.calls.seal()
}

// qpvOf is " du quartier " before a QPV's name, or " du " when the name
// already starts with "Quartier".
func qpvOf(q *place) string {
	if strings.HasPrefix(q.e.name, "Quartier") {
		return " du "
	}
	return " du quartier "
}

// series is a recurring event: its editions are events.
type series struct {
	kind       *evKind
	base       string
	inner      *place
	innerAt    int
	scope      string
	organizers []*ent
	themes     []*ent
	region     *place
	dept       *place
}

func (w *world) buildEvents(r *rand.Rand) {
	_, _, _, _, _, _, _, nSeries, nWeb, _, _ := sizes(w.cfg.Articles)
	type ranked struct {
		e   *ent
		key float64
	}
	var all []ranked
	seriesNames := map[string]bool{}
	minDate := w.start.AddDate(0, 2, 0)
	maxDate := w.end.AddDate(0, -2, 0)
	for i, made := 0, 0; made < nSeries && i < nSeries*30; i++ {
		s := &series{kind: pick(r, evKinds)}
		topic := pick(r, eventTopics)
		adj := 0
		if s.kind.fem {
			adj = 1
		}
		weight := 1.0
		switch k := r.IntN(20); {
		case k < 6:
			s.scope = "national"
			weight = 0.25
			if r.IntN(5) == 0 {
				s.organizers = []*ent{w.mins.draw(r)}
			} else {
				s.organizers = []*ent{w.natNets.draw(r)}
			}
		case k < 15:
			s.scope = "regional"
			s.region = w.regions.draw(r).place
			if rn := w.regNets[s.region]; len(rn) > 0 && r.IntN(3) > 0 {
				s.organizers = []*ent{pick(r, rn)}
			} else if a := w.regAuth[s.region]; a != nil {
				s.organizers = []*ent{a}
			} else {
				s.organizers = []*ent{w.networks.draw(r)}
			}
			s.inner = s.region
		default:
			s.scope = "departmental"
			s.dept = w.depts.draw(r).place
			s.region = s.dept.region
			if a := w.deptAuth[s.dept]; a != nil && r.IntN(2) == 0 {
				s.organizers = []*ent{a}
			} else {
				s.organizers = []*ent{w.networks.draw(r)}
			}
			s.inner = s.dept
		}
		if r.IntN(10) < 3 {
			var co *ent
			if r.IntN(2) == 0 {
				co = w.funds.draw(r)
			} else {
				co = w.local.draw(r)
			}
			if co != nil && co != s.organizers[0] {
				s.organizers = append(s.organizers, co)
			}
		}
		s.base = s.kind.noun + " " + scopeAdj[s.scope][adj] + " " + topic.text
		if s.inner != nil {
			prefix := " " + strings.ReplaceAll(s.inner.inPrefix(), "’", "'")
			s.innerAt = runeLen(s.base + prefix)
			s.base += prefix + s.inner.e.name
		}
		for _, t := range topic.themes {
			s.themes = append(s.themes, w.themes[t])
		}
		if seriesNames[kg.Fold(s.base)] {
			continue
		}
		seriesNames[kg.Fold(s.base)] = true
		made++
		editions := 1 + r.IntN(6)
		year := w.start.Year() + r.IntN(max(1, w.end.Year()-w.start.Year()+1))
		month := time.Month(1 + r.IntN(12))
		key := r.Float64() * weight
		for ed := 1; ed <= editions; ed, year = ed+1, year+1 {
			date := eventDate(r, year, month)
			if date.Before(minDate) || date.After(maxDate) {
				continue
			}
			if e := w.addEdition(r, s, ed, editions, date); e != nil {
				all = append(all, ranked{e, key + float64(ed)*1e-6})
			}
		}
	}
	for i := 0; i < nWeb; i++ {
		topic := pick(r, webinarTopics)
		date := randomDate(r, minDate, maxDate)
		name := "Webinaire « " + topic.text + " »"
		e := &ent{id: kg.NewEventID(kg.DateOf(date), name), typ: kg.TypeEvent, name: name, kind: webinarKind.kind, date: kg.DateOf(date)}
		if w.used[e.id] {
			continue
		}
		w.used[e.id] = true
		e.forms = []form{{text: typo(lowerFirst(name)), det: "le "}} // "le webinaire « … »"
		e.evKind, e.online = webinarKind, true
		org := w.networks.draw(r)
		if r.IntN(3) == 0 {
			org = w.agencies.draw(r)
		}
		e.organizers = []*ent{org}
		for _, t := range topic.themes {
			e.themes = append(e.themes, w.themes[t])
		}
		if ro := someone(r, org); ro != nil {
			e.speakers = append(e.speakers, ro)
		}
		if l := w.local.draw(r); l != nil {
			if ro := someone(r, l); ro != nil && !slices.Contains(e.speakers, ro) {
				e.speakers = append(e.speakers, ro)
			}
		}
		if r.IntN(2) == 0 {
			if in := w.inits.draw(r); in != nil {
				e.presented = append(e.presented, in)
				in.shownAt = append(in.shownAt, e)
			}
		}
		w.presentCall(r, e)
		all = append(all, ranked{e, r.Float64() * 1.5})
	}
	slices.SortStableFunc(all, func(a, b ranked) int { return cmp.Compare(a.key, b.key) })
	w.events = &pool{s: 0.6}
	for _, x := range all {
		w.events.add(x.e)
	}
	w.events.seal()
}

// addEdition creates the ed-th edition of a series, on date.
func (w *world) addEdition(r *rand.Rand, s *series, ed, editions int, date time.Time) *ent {
	name := s.base
	innerAt := s.innerAt
	if s.kind.ordinal && (editions > 1 || r.IntN(2) == 0) {
		ord := fmt.Sprintf("%de ", ed)
		if ed == 1 {
			ord = "1er "
			if s.kind.fem {
				ord = "1re "
			}
		}
		name = ord + name
		innerAt += runeLen(ord)
	}
	e := &ent{id: kg.NewEventID(kg.DateOf(date), name), typ: kg.TypeEvent, name: name, kind: s.kind.kind, date: kg.DateOf(date), fem: s.kind.fem}
	if w.used[e.id] { // another series' edition with the same (truncated) slug that day
		return nil
	}
	w.used[e.id] = true
	f := form{text: typo(name), fem: s.kind.fem}
	if s.inner != nil {
		f.inner = []inner{{at: innerAt, p: s.inner}}
	}
	f.det = article(s.kind.fem, false, f.text)
	e.forms = []form{f}
	low := f
	low.text = strings.Replace(f.text, typo(s.kind.noun), lowerFirst(typo(s.kind.noun)), 1)
	e.forms = append(e.forms, low)
	if strings.HasPrefix(name, fmt.Sprintf("%de ", ed)) && ed > 1 {
		alt := low
		alt.text = strings.Replace(low.text, fmt.Sprintf("%de ", ed), fmt.Sprintf("%dème ", ed), 1)
		if alt.inner != nil {
			alt.inner = []inner{{at: alt.inner[0].at + 2, p: s.inner}}
		}
		e.forms = append(e.forms, alt)
	}
	e.evKind, e.series = s.kind, s
	e.organizers = s.organizers
	e.themes = s.themes
	// city and venue
	switch s.scope {
	case "national":
		e.seat = w.communes.draw(r).place
		if r.IntN(3) == 0 {
			e.seat = w.paris
		}
	case "regional":
		cs := w.byRegion[s.region]
		e.seat = cs[0]
		if r.IntN(2) == 0 {
			e.seat = pick(r, cs)
		}
	default:
		var cs []*place
		for _, c := range s.dept.children {
			if c.level == kg.LevelCommune {
				cs = append(cs, c)
			}
		}
		e.seat = pick(r, cs)
	}
	switch k := r.IntN(10); {
	case e.seat == w.paris && k < 4:
		if s.organizers[0].kind == "ministry" {
			e.venue = s.organizers[0]
		} else {
			e.venue = w.mins.draw(r)
		}
	case k < 5 && len(w.thirdsAt[e.seat]) > 0:
		e.venue = pick(r, w.thirdsAt[e.seat])
	}
	// speakers: someone of the organizer, then of local authorities and actors
	add := func(ro *role) {
		if ro != nil && !slices.Contains(e.speakers, ro) {
			e.speakers = append(e.speakers, ro)
		}
	}
	add(someone(r, s.organizers[0]))
	if r.IntN(2) == 0 {
		add(someone(r, w.comAuth[e.seat]))
	}
	for range 1 + r.IntN(3) {
		add(someone(r, w.local.draw(r)))
	}
	if r.IntN(3) == 0 {
		add(someone(r, w.funds.draw(r)))
	}
	for _, o := range w.local.drawN(r, 1+r.IntN(3)) {
		e.attendees = append(e.attendees, o)
	}
	if r.IntN(2) == 0 {
		if a := w.deptAuth[e.seat.dept]; a != nil && !containsEnt(e.organizers, a) {
			e.attendees = append(e.attendees, a)
		}
	}
	for range r.IntN(4) {
		in := w.inits.draw(r)
		for try := 0; try < 4 && in.seat != nil && in.seat.region != e.seat.region; try++ {
			in = w.inits.draw(r)
		}
		if !containsEnt(e.presented, in) {
			e.presented = append(e.presented, in)
			in.shownAt = append(in.shownAt, e)
		}
	}
	w.presentCall(r, e)
	return e
}

// presentCall makes a call for projects of the event's year presented at it,
// sometimes.
func (w *world) presentCall(r *rand.Rand, e *ent) {
	if r.IntN(4) > 0 {
		return
	}
	for range 4 {
		c := w.calls.draw(r)
		if c != nil && c.year == e.date.Time().Year() && !containsEnt(e.presented, c) {
			e.presented = append(e.presented, c)
			c.shownAt = append(c.shownAt, e)
			return
		}
	}
}

// eventDate is a Tuesday, Wednesday or Thursday of the given month.
func eventDate(r *rand.Rand, year int, month time.Month) time.Time {
	d := time.Date(year, month, 1+r.IntN(26), 0, 0, 0, 0, time.UTC)
	for d.Weekday() < time.Tuesday || d.Weekday() > time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func randomDate(r *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, r.IntN(days+1))
}

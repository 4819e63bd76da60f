package storetest

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// Corpus is the small invented fixture the suite runs on: reference
// territories of two regions (departments, an EPCI, communes, two QPV) and a
// theme vocabulary, and seven French articles about organizations, people,
// events and initiatives of those territories. Every name, place and code is
// invented. Entities and articles are reached by short keys ("rness",
// "creche", "A3"…) through ID and Graph.
type Corpus struct {
	Reference kg.ReferenceData
	Graphs    []kg.ArticleGraph // A1…A7, in that order

	ids     map[string]kg.ID
	catalog map[kg.ID]kg.Entity
	graphs  map[string]kg.ArticleGraph
}

// ID returns the id of the entity or article with the given key; it panics
// on an unknown key (a bug in the suite).
func (c *Corpus) ID(key string) kg.ID {
	id, ok := c.ids[key]
	if !ok {
		panic("storetest: unknown corpus key " + key)
	}
	return id
}

// IDs maps ID over keys.
func (c *Corpus) IDs(keys ...string) []kg.ID {
	out := make([]kg.ID, len(keys))
	for i, k := range keys {
		out[i] = c.ID(k)
	}
	return out
}

// Graph returns the graph of article key ("A1"…"A7").
func (c *Corpus) Graph(key string) kg.ArticleGraph {
	g, ok := c.graphs[key]
	if !ok {
		panic("storetest: unknown article " + key)
	}
	return g
}

// ArticleKeys lists the article keys in corpus order.
func (c *Corpus) ArticleKeys() []string { return []string{"A1", "A2", "A3", "A4", "A5", "A6", "A7"} }

// Entity returns the catalogue definition of an entity (its attributes as
// most articles give them).
func (c *Corpus) Entity(key string) kg.Entity { return c.catalog[c.ID(key)] }

// NewCorpus builds the fixture corpus. Each call returns fresh values.
func NewCorpus() *Corpus {
	c := &Corpus{ids: map[string]kg.ID{}, catalog: map[kg.ID]kg.Entity{}, graphs: map[string]kg.ArticleGraph{}}
	ref := refEvidence()

	// Reference territories and their hierarchy.
	terr := func(key string, level kg.TerritoryLevel, code, name string, parents ...string) {
		id := kg.TerritoryID(level, code)
		c.ids[key] = id
		c.Reference.Entities = append(c.Reference.Entities, kg.Entity{ID: id, Type: kg.TypeTerritory, Name: name, Kind: string(level), Code: code})
		for _, p := range parents {
			c.Reference.Relations = append(c.Reference.Relations, kg.Relation{Type: kg.PartOf, From: id, To: c.ID(p), Provenance: []kg.Evidence{ref}})
		}
	}
	terr("reg-95", kg.LevelRegion, "95", "Hautes-Vallées")
	terr("reg-96", kg.LevelRegion, "96", "Côte-d’Émeraude")
	terr("dep-9A", kg.LevelDepartment, "9A", "Monts-Verts", "reg-95")
	terr("dep-9B", kg.LevelDepartment, "9B", "Val-d’Œillet", "reg-95")
	terr("dep-9C", kg.LevelDepartment, "9C", "Rives-Saint-Mathurin", "reg-96")
	terr("epci", kg.LevelEPCI, "200099001", "Communauté de communes des Sources", "dep-9A")
	terr("com-9A001", kg.LevelCommune, "9A001", "Bourg-les-Sources", "dep-9A", "epci")
	terr("com-9A002", kg.LevelCommune, "9A002", "Lécluse", "dep-9A", "epci")
	terr("com-9B010", kg.LevelCommune, "9B010", "Saint-Aubin-d’Œillet", "dep-9B")
	terr("com-9C100", kg.LevelCommune, "9C100", "Port-Mathurin", "dep-9C")
	terr("qpv-A", kg.LevelQPV, "QN09A001", "Les Hauts de Bourg", "com-9A001")
	terr("qpv-C", kg.LevelQPV, "QN09C100", "Quartier du Phare", "com-9C100")

	// Reference theme vocabulary.
	theme := func(key, name string, aliases []string, broader ...string) {
		id := kg.NewEntityID(kg.TypeTheme, name)
		c.ids[key] = id
		e := kg.Entity{ID: id, Type: kg.TypeTheme, Name: name, Aliases: aliases, Scheme: "maillage"}
		for _, b := range broader {
			e.Broader = append(e.Broader, c.ID(b))
			c.Reference.Relations = append(c.Reference.Relations, kg.Relation{Type: kg.About, From: id, To: c.ID(b), Provenance: []kg.Evidence{ref}})
		}
		c.Reference.Entities = append(c.Reference.Entities, e)
	}
	theme("ess", "Économie sociale et solidaire", []string{"ESS"})
	theme("pdlv", "Politique de la ville", nil)
	theme("petite-enfance", "Petite enfance", nil)
	theme("participation", "Participation citoyenne", nil)
	theme("iae", "Insertion par l’activité économique", []string{"IAE"}, "ess")

	// The catalogue of article-contributed entities.
	def := c.define
	org := func(key, name, kind string) { def(key, kg.Entity{Type: kg.TypeOrganization, Name: name, Kind: kind}) }
	def("rness", kg.Entity{Type: kg.TypeOrganization, ID: "org:rness", Name: "Réseau national des élus pour l’économie sociale et solidaire", Acronym: "RNESS", Kind: "network"})
	def("creche", kg.Entity{Type: kg.TypeOrganization, Name: "Crèche coopérative Les P’tits Loups", Kind: "cooperative"})
	org("asso", "Association « l’Économie en partage »", "association")
	def("cd", kg.Entity{Type: kg.TypeOrganization, Name: "Conseil départemental des Monts-Verts", Kind: "local_authority", Aliases: []string{"CD des Monts-Verts"}})
	org("mairie", "Mairie de Port-Mathurin", "local_authority")
	org("fonds", "Fonds Cœur de quartier", "fund")
	org("entre", "Coopérative d’activités Entre\u00a0Rives", "cooperative")
	person := func(key, name string) { def(key, kg.Entity{Type: kg.TypePerson, Name: name}) }
	person("maelle", "Maëlle Kerbrat")
	person("youssef", "Youssef Benali")
	person("odile", "Odile Lefèvre-Roux")
	person("jb", "Jean-Baptiste Nguyen")
	def("event1", kg.Entity{Type: kg.TypeEvent, Name: "Rencontres des territoires solidaires", Kind: "meeting", StartDate: "2023-03-14", EndDate: "2023-03-15"})
	def("event2", kg.Entity{Type: kg.TypeEvent, Name: "Forum petite enfance et quartiers", Kind: "forum", StartDate: "2024-06-20"})
	def("univ", kg.Entity{Type: kg.TypeEvent, Name: "Université d’été de l’ESS", Kind: "conference"})
	initiative := func(key, name, kind string) { def(key, kg.Entity{Type: kg.TypeInitiative, Name: name, Kind: kind}) }
	initiative("budget", "Budget participatif des Hauts de Bourg", "participatory_budget")
	initiative("tiers", "Tiers-lieu La Fabrique du Phare", "third_place")
	initiative("garde", "Garde solidaire en horaires atypiques", "childcare")
	def("tiers-lieux", kg.Entity{Type: kg.TypeTheme, Name: "Tiers-lieux", Scheme: "maillage"})

	site1, site2 := "territoires-solidaires.example", "petite-enfance.example"

	a := c.article("A1", "https://territoires-solidaires.example/actualites/rencontres-2023", site1,
		"Les Rencontres des territoires solidaires réunissent 300 élus à Bourg-les-Sources", "2023-03-20")
	s0 := a.say("Les [Rencontres des territoires solidaires]{event1} se sont tenues les 14 et 15 mars à [Bourg-les-Sources]{com-9A001}.")
	s1 := a.say("Organisées par le [RNESS]{rness}, elles ont réuni 300 élus des [Hautes-Vallées]{reg-95}.")
	s2 := a.say("« L’économie solidaire se construit avec les habitants », a rappelé [Maëlle Kerbrat]{maelle}, présidente du [réseau]{rness}.")
	s3 := a.say("Le [budget participatif des Hauts de Bourg]{budget} y a été présenté.")
	a.rel(kg.HeldAt, "event1", "com-9A001", "", s0)
	a.rel(kg.Organized, "rness", "event1", "", s1)
	a.rel(kg.HoldsRole, "maelle", "rness", "présidente", s2)
	a.rel(kg.PresentedAt, "budget", "event1", "", s3)
	a.themes("ess", "participation")
	a.done()

	a = c.article("A2", "https://territoires-solidaires.example/actualites/budget-participatif-hauts-de-bourg", site1,
		"À Bourg-les-Sources, un budget participatif pour les Hauts de Bourg", "2023-05-02")
	a.list(kg.Entity{ID: c.ID("cd"), Type: kg.TypeOrganization, Name: "Département des Monts-Verts", Kind: "collectivité"})
	s0 = a.say("Le [Département des Monts-Verts]{cd} lance le [budget participatif des Hauts de Bourg]{budget}, dans le quartier prioritaire [Les Hauts de Bourg]{qpv-A}.")
	s1 = a.say("[Odile Lefèvre-Roux]{odile}, vice-présidente du [Département]{cd}, pilote le dispositif à [Bourg-les-Sources]{com-9A001}.")
	s2 = a.say("Le [Conseil départemental]{cd} administre les [Monts-Verts]{dep-9A} depuis Lécluse.")
	a.rel(kg.LocatedIn, "budget", "qpv-A", "", s0)
	a.rel(kg.LedBy, "budget", "cd", "", s0)
	a.rel(kg.HoldsRole, "odile", "cd", "vice-présidente", s1)
	a.rel(kg.Governs, "cd", "dep-9A", "", s2)
	a.themes("pdlv", "participation")
	a.done()

	a = c.article("A3", "https://petite-enfance.example/2023/09/les-ptits-loups", site2,
		"La crèche coopérative Les P’tits Loups ouvre ses portes", "2023-09-10")
	a.list(kg.Entity{ID: c.ID("creche"), Type: kg.TypeOrganization, Name: "Crèche coopérative Les P’tits Loups", Kind: "cooperative", Aliases: []string{"Les P’tits Loups"}})
	s0 = a.say("La [Crèche coopérative Les P’tits Loups]{creche} a ouvert dans le quartier [Les Hauts de Bourg]{qpv-A}.")
	s1 = a.say("Son directeur, [Youssef Benali]{youssef}, veut proposer une [garde solidaire en horaires atypiques]{garde} dans tout le [Val-d’Œillet]{dep-9B}.")
	s2 = a.say("[Les P’tits Loups]{creche} sont membres du [RNESS]{rness}.")
	s3 = a.say("Ce projet de [garde solidaire]{garde} relève de la [politique de la ville]{pdlv}.")
	a.rel(kg.LocatedIn, "creche", "qpv-A", "", s0)
	a.rel(kg.HoldsRole, "youssef", "creche", "directeur", s1)
	a.rel(kg.LedBy, "garde", "creche", "", s1)
	a.rel(kg.LocatedIn, "garde", "dep-9B", "", s1)
	a.rel(kg.MemberOf, "creche", "rness", "", s2)
	a.rel(kg.About, "garde", "pdlv", "", s3)
	a.themes("petite-enfance", "ess")
	a.done()

	a = c.article("A4", "https://petite-enfance.example/2024/06/forum-port-mathurin", site2,
		"Forum petite enfance et quartiers : Port-Mathurin accueille les acteurs", "2024-06-25")
	s0 = a.say("Le [Forum petite enfance et quartiers]{event2} s’est tenu le 20 juin à [Port-Mathurin]{com-9C100}, à l’initiative de la [Mairie de Port-Mathurin]{mairie}.")
	s1 = a.say("[Youssef Benali]{youssef} y est intervenu au nom de la [crèche Les P’tits Loups]{creche}.")
	s2 = a.say("L’[Association « l’Économie en partage »]{asso} a présenté ses actions au [Quartier du Phare]{qpv-C}.")
	a.rel(kg.HeldAt, "event2", "com-9C100", "", s0)
	a.rel(kg.Organized, "mairie", "event2", "", s0)
	a.rel(kg.ParticipatedIn, "youssef", "event2", "intervenant", s1)
	a.rel(kg.ParticipatedIn, "creche", "event2", "", s1)
	a.rel(kg.ParticipatedIn, "asso", "event2", "", s2)
	a.themes("petite-enfance", "pdlv")
	a.done()

	a = c.article("A5", "https://Tiers-Lieux.example/fabrique-du-phare", "Tiers-Lieux.example",
		"Un tiers-lieu ouvre au Quartier du Phare", "2024-01-15")
	s0 = a.say("Le [tiers-lieu La Fabrique du Phare]{tiers} a ouvert au [Quartier du Phare]{qpv-C}, à [Port-Mathurin]{com-9C100}.")
	s1 = a.say("Il est porté par l’[Association « l’Économie en partage »]{asso}, installée à [Port-Mathurin]{com-9C100}.")
	s2 = a.say("Le [Fonds Cœur de quartier]{fonds} et la [Coopérative d’activités Entre\u00a0Rives]{entre} sont partenaires de l’[association]{asso}.")
	s3 = a.say("Le lieu accueille aussi l’[Université d’été de l’ESS]{univ} à [Port-Mathurin]{com-9C100}.")
	a.rel(kg.LocatedIn, "tiers", "qpv-C", "", s0)
	a.rel(kg.About, "tiers", "tiers-lieux", "", s0)
	a.rel(kg.LedBy, "tiers", "asso", "", s1)
	a.rel(kg.LocatedIn, "asso", "com-9C100", "", s1)
	a.rel(kg.PartnerOf, "fonds", "asso", "", s2)
	a.rel(kg.PartnerOf, "entre", "asso", "", s2)
	a.rel(kg.HeldAt, "univ", "com-9C100", "", s3)
	a.themes("ess", "tiers-lieux")
	a.done()

	a = c.article("A6", "https://portraits.example/maelle-kerbrat", "portraits.example",
		"Portrait : Maëlle Kerbrat, l’élue des réseaux", "")
	a.list(kg.Entity{ID: c.ID("rness"), Type: kg.TypeOrganization, Name: "RNESS", Aliases: []string{"le Réseau des élus solidaires"}})
	s0 = a.say("[Maëlle Kerbrat]{maelle} est Présidente du [Réseau national des élus pour l’économie sociale et solidaire]{rness} depuis 2021.")
	s1 = a.say("Elle y a fait entrer [Jean-Baptiste Nguyen]{jb}, élu de [Lécluse]{com-9A002}.")
	a.rel(kg.HoldsRole, "maelle", "rness", "Présidente", s0)
	a.rel(kg.MemberOf, "jb", "rness", "", s1)
	a.done()

	a = c.article("A7", "https://territoires-solidaires.example/actualites/monts-verts-ess", site1,
		"Le département des Monts-Verts soutient l’ESS", "2022-11-30")
	a.list(kg.Entity{ID: c.ID("dep-9A"), Type: kg.TypeTerritory, Name: "département des Monts-Verts", Kind: "département", Code: "999"})
	s0 = a.say("Le [Conseil départemental des Monts-Verts]{cd} consacre deux millions d’euros à l’économie sociale et solidaire dans les [Monts-Verts]{dep-9A}.")
	s1 = a.say("[Odile Lefèvre-Roux]{odile} veut aider la [Coopérative d’activités Entre\u00a0Rives]{entre} à s’installer à [Saint-Aubin-d’Œillet]{com-9B010}.")
	a.rel(kg.Governs, "cd", "dep-9A", "", s0)
	a.rel(kg.LocatedIn, "entre", "com-9B010", "", s1)
	a.themes("ess")
	a.done()
	return c
}

// define adds an entity to the catalogue under key (its id derived from its
// type and name when empty) and returns its id.
func (c *Corpus) define(key string, e kg.Entity) kg.ID {
	if e.ID == "" {
		if e.Type == kg.TypeEvent {
			e.ID = kg.NewEventID(e.StartDate, e.Name)
		} else {
			e.ID = kg.NewEntityID(e.Type, e.Name)
		}
	}
	c.ids[key] = e.ID
	c.catalog[e.ID] = e
	return e.ID
}

func refEvidence() kg.Evidence {
	return kg.Evidence{Extractor: "reference/storetest", Confidence: 1}
}

// isReference reports whether the corpus loads id as reference data.
func (c *Corpus) isReference(id kg.ID) bool {
	return slices.ContainsFunc(c.Reference.Entities, func(e kg.Entity) bool { return e.ID == id })
}

// articleBuilder writes an article sentence by sentence. Entity mentions
// are written "[surface]{key}"; their spans (code point offsets) are
// computed, and relations take their evidence from a sentence.
type articleBuilder struct {
	c         *Corpus
	key       string
	g         kg.ArticleGraph
	text      strings.Builder
	runes     int
	sentences []sentence
	listed    map[kg.ID]kg.Entity
	spans     map[kg.ID][]kg.Span
}

type sentence struct {
	start, end int
	text       string
	spans      map[kg.ID][]kg.Span
}

var markRE = regexp.MustCompile(`\[([^\]]+)\]\{([^}]+)\}`)

func (c *Corpus) article(key, url, site, title string, date kg.Date) *articleBuilder {
	id := kg.ArticleID(url, "")
	c.ids[key] = id
	return &articleBuilder{
		c: c, key: key,
		g: kg.ArticleGraph{Article: kg.Article{
			ID: id, URL: url, Title: title, PublishedAt: date, Source: "storetest/" + key + ".txt",
			Site: site, Format: "text",
		}},
		listed: map[kg.ID]kg.Entity{},
		spans:  map[kg.ID][]kg.Span{},
	}
}

// list makes the article contribute e (its own variant of an entity).
func (b *articleBuilder) list(e kg.Entity) { b.listed[e.ID] = e }

// say appends a sentence and returns its index.
func (b *articleBuilder) say(marked string) int {
	if b.runes > 0 {
		b.text.WriteString(" ")
		b.runes++
	}
	s := sentence{start: b.runes, spans: map[kg.ID][]kg.Span{}}
	var plain strings.Builder
	last := 0
	for _, m := range markRE.FindAllStringSubmatchIndex(marked, -1) {
		plain.WriteString(marked[last:m[0]])
		surface, key := marked[m[2]:m[3]], marked[m[4]:m[5]]
		id := b.c.ID(key)
		start := b.runes + utf8.RuneCountInString(plain.String())
		span := kg.Span{Start: start, End: start + utf8.RuneCountInString(surface), Text: surface}
		plain.WriteString(surface)
		b.spans[id] = append(b.spans[id], span)
		s.spans[id] = append(s.spans[id], span)
		b.need(id)
		last = m[1]
	}
	plain.WriteString(marked[last:])
	s.text = plain.String()
	s.end = s.start + utf8.RuneCountInString(s.text)
	b.text.WriteString(s.text)
	b.runes = s.end
	b.sentences = append(b.sentences, s)
	return len(b.sentences) - 1
}

// need lists the catalogue entity id unless it is reference data or the
// article gives its own variant.
func (b *articleBuilder) need(id kg.ID) {
	if _, ok := b.listed[id]; ok || b.c.isReference(id) {
		return
	}
	e, ok := b.c.catalog[id]
	if !ok {
		panic(fmt.Sprintf("storetest: %s: no catalogue entity %s", b.key, id))
	}
	b.listed[id] = e
}

func (b *articleBuilder) rel(t kg.RelationType, from, to, role string, sent int) {
	s := b.sentences[sent]
	fromID, toID := b.c.ID(from), b.c.ID(to)
	b.need(fromID)
	b.need(toID)
	ev := kg.Evidence{ArticleID: b.g.Article.ID, Sentence: s.text, Start: s.start, End: s.end,
		Extractor: "storetest/fixture", Confidence: 0.9}
	for _, id := range []kg.ID{fromID, toID} {
		if sp := s.spans[id]; len(sp) > 0 {
			ev.Spans = append(ev.Spans, sp[0])
		}
	}
	b.g.Relations = append(b.g.Relations, kg.Relation{Type: t, From: fromID, To: toID, Role: role, Provenance: []kg.Evidence{ev}})
}

func (b *articleBuilder) themes(keys ...string) {
	for _, k := range keys {
		id := b.c.ID(k)
		b.need(id)
		b.g.Themes = append(b.g.Themes, id)
		if e, ok := b.c.catalog[id]; ok {
			b.g.Article.Themes = append(b.g.Article.Themes, e.Name)
		} else {
			for _, r := range b.c.Reference.Entities {
				if r.ID == id {
					b.g.Article.Themes = append(b.g.Article.Themes, r.Name)
				}
			}
		}
	}
}

// build returns the article graph.
func (b *articleBuilder) build() kg.ArticleGraph {
	g := b.g
	g.Article.Text = b.text.String()
	g.Article.ContentHash = kg.ContentHash(g.Article.Title + "\n" + g.Article.Text)
	g.Entities, g.Mentions = nil, nil
	for _, id := range slices.Sorted(maps.Keys(b.listed)) {
		g.Entities = append(g.Entities, b.listed[id])
	}
	for _, id := range slices.Sorted(maps.Keys(b.spans)) {
		g.Mentions = append(g.Mentions, kg.Mention{ArticleID: g.Article.ID, EntityID: id, Spans: slices.Clone(b.spans[id])})
	}
	g.Relations = slices.Clone(g.Relations)
	g.Themes = slices.Clone(g.Themes)
	g.Article.Themes = slices.Clone(g.Article.Themes)
	return g
}

// done builds the graph and adds it to the corpus.
func (b *articleBuilder) done() {
	g := b.build()
	b.c.graphs[b.key] = g
	b.c.Graphs = append(b.c.Graphs, g)
}

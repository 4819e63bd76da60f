package graph_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// A small invented French corpus: reference geography of two regions,
// a theme vocabulary, and four articles about actors of the social economy
// in the Nord, the Pas-de-Calais and Lyon.

const (
	fr        kg.ID = "territory:fr"
	reg32     kg.ID = "territory:reg-32"
	reg84     kg.ID = "territory:reg-84"
	dep59     kg.ID = "territory:dep-59"
	dep62     kg.ID = "territory:dep-62"
	dep69     kg.ID = "territory:dep-69"
	epciMEL   kg.ID = "territory:epci-200093201"
	lille     kg.ID = "territory:com-59350"
	roubaix   kg.ID = "territory:com-59512"
	arras     kg.ID = "territory:com-62041"
	lyon      kg.ID = "territory:com-69123"
	qpvAlma   kg.ID = "territory:qpv-QN05971M"
	themeESS  kg.ID = "theme:economie-sociale-et-solidaire"
	themePV   kg.ID = "theme:politique-de-la-ville"
	themePart kg.ID = "theme:participation-citoyenne"
	themeIAE  kg.ID = "theme:insertion-par-l-activite-economique"

	filRouge    kg.ID = "org:le-fil-rouge"
	jardins     kg.ID = "org:les-jardins-du-quai"
	villeRbx    kg.ID = "org:ville-de-roubaix"
	chantiers   kg.ID = "org:chantiers-d-artois"
	dep62Org    kg.ID = "org:departement-du-pas-de-calais"
	amelie      kg.ID = "person:amelie-durand"
	karim       kg.ID = "person:karim-benali"
	forum       kg.ID = "event:2024-03-14-forum-de-l-economie-solidaire-de-roubaix"
	journee     kg.ID = "event:journee-de-la-participation-citoyenne"
	budget      kg.ID = "initiative:budget-participatif-de-l-alma"
	tiersLieu   kg.ID = "initiative:tiers-lieu-du-fil-rouge"
	urlForum          = "https://exemple.fr/actualites/forum-ess-roubaix"
	urlFilRouge       = "https://exemple.fr/actualites/fil-rouge-lille"
	urlArras          = "https://autre.org/arras-insertion"
	textJournee       = "Lyon accueille une Journée de la participation citoyenne ouverte aux habitants."
)

var (
	artForum    = kg.ArticleID(urlForum, "")
	artFilRouge = kg.ArticleID(urlFilRouge, "")
	artArras    = kg.ArticleID(urlArras, "")
	artJournee  = kg.ArticleID("", textJournee)
)

func territory(id kg.ID, name string, level kg.TerritoryLevel, code string) kg.Entity {
	return kg.Entity{ID: id, Type: kg.TypeTerritory, Name: name, Kind: string(level), Code: code}
}

func partOf(child, parent kg.ID) kg.Relation {
	return kg.Relation{Type: kg.PartOf, From: child, To: parent, Provenance: []kg.Evidence{{Extractor: "reference/test", Confidence: 1}}}
}

func reference() kg.ReferenceData {
	return kg.ReferenceData{
		Entities: []kg.Entity{
			territory(fr, "France", kg.LevelCountry, "FR"),
			territory(reg32, "Hauts-de-France", kg.LevelRegion, "32"),
			territory(reg84, "Auvergne-Rhône-Alpes", kg.LevelRegion, "84"),
			territory(dep59, "Nord", kg.LevelDepartment, "59"),
			territory(dep62, "Pas-de-Calais", kg.LevelDepartment, "62"),
			territory(dep69, "Rhône", kg.LevelDepartment, "69"),
			territory(epciMEL, "Métropole Européenne de Lille", kg.LevelEPCI, "200093201"),
			territory(lille, "Lille", kg.LevelCommune, "59350"),
			territory(roubaix, "Roubaix", kg.LevelCommune, "59512"),
			territory(arras, "Arras", kg.LevelCommune, "62041"),
			territory(lyon, "Lyon", kg.LevelCommune, "69123"),
			territory(qpvAlma, "L'Alma", kg.LevelQPV, "QN05971M"),
			{ID: themeESS, Type: kg.TypeTheme, Name: "Économie sociale et solidaire", Aliases: []string{"ESS"}, Scheme: "maillage"},
			{ID: themePV, Type: kg.TypeTheme, Name: "Politique de la ville", Scheme: "maillage"},
			{ID: themePart, Type: kg.TypeTheme, Name: "Participation citoyenne", Scheme: "maillage", Broader: []kg.ID{themePV}},
			{ID: themeIAE, Type: kg.TypeTheme, Name: "Insertion par l'activité économique", Aliases: []string{"IAE"}, Scheme: "maillage", Broader: []kg.ID{themeESS}},
		},
		Relations: []kg.Relation{
			partOf(reg32, fr), partOf(reg84, fr),
			partOf(dep59, reg32), partOf(dep62, reg32), partOf(dep69, reg84),
			partOf(epciMEL, dep59),
			partOf(lille, dep59), partOf(lille, epciMEL),
			partOf(roubaix, dep59), partOf(roubaix, epciMEL),
			partOf(arras, dep62), partOf(lyon, dep69),
			partOf(qpvAlma, roubaix),
			// Only one of the two broader links is also an ABOUT relation:
			// narrower themes must be found either way.
			{Type: kg.About, From: themeIAE, To: themeESS, Provenance: []kg.Evidence{{Extractor: "reference/test", Confidence: 1}}},
		},
	}
}

// runeIndex returns the offset in code points of the n-th (0-based)
// occurrence of sub in text.
func runeIndex(t testing.TB, text, sub string, n int) int {
	t.Helper()
	from := 0
	for {
		i := strings.Index(text[from:], sub)
		if i < 0 {
			t.Fatalf("%q not found %d times in %q", sub, n+1, text)
		}
		if n == 0 {
			return utf8.RuneCountInString(text[:from+i])
		}
		n--
		from += i + len(sub)
	}
}

// spans returns a span for every occurrence of every form in text.
func spans(t testing.TB, text string, forms ...string) []kg.Span {
	t.Helper()
	var out []kg.Span
	for _, f := range forms {
		for n := 0; n < strings.Count(text, f); n++ {
			start := runeIndex(t, text, f, n)
			out = append(out, kg.Span{Start: start, End: start + utf8.RuneCountInString(f), Text: f})
		}
	}
	return out
}

// builder assembles an article graph.
type builder struct {
	t testing.TB
	g kg.ArticleGraph
}

func article(t testing.TB, a kg.Article) *builder {
	if a.ID == "" {
		a.ID = kg.ArticleID(a.URL, a.Text)
	}
	return &builder{t: t, g: kg.ArticleGraph{Article: a}}
}

// entity adds an entity and its mentions (forms found in the text).
func (b *builder) entity(e kg.Entity, forms ...string) *builder {
	b.t.Helper()
	if e.Type == "" {
		e.Type = e.ID.EntityType()
	}
	if e.ID.EntityType() != kg.TypeTerritory && e.ID.EntityType() != kg.TypeTheme {
		b.g.Entities = append(b.g.Entities, e)
	}
	if len(forms) > 0 {
		b.g.Mentions = append(b.g.Mentions, kg.Mention{ArticleID: b.g.Article.ID, EntityID: e.ID, Spans: spans(b.t, b.g.Article.Text, forms...)})
	}
	return b
}

// rel adds a relation stated by the sentence of the text containing cue.
func (b *builder) rel(typ kg.RelationType, from, to kg.ID, role, cue string) *builder {
	b.t.Helper()
	text := b.g.Article.Text
	at := strings.Index(text, cue)
	if at < 0 {
		b.t.Fatalf("cue %q not in the text", cue)
	}
	start := strings.LastIndex(text[:at], ". ") + 1
	if start > 0 {
		start++
	}
	end := at + strings.Index(text[at:], ".") + 1
	sentence := text[start:end]
	ev := kg.Evidence{
		ArticleID: b.g.Article.ID, Sentence: sentence,
		Start: utf8.RuneCountInString(text[:start]), End: utf8.RuneCountInString(text[:end]),
		Extractor: "test/rules", Confidence: 0.9,
	}
	b.g.Relations = append(b.g.Relations, kg.Relation{Type: typ, From: from, To: to, Role: role, Provenance: []kg.Evidence{ev}})
	return b
}

func (b *builder) themes(ids ...kg.ID) *builder {
	b.g.Themes = append(b.g.Themes, ids...)
	return b
}

func org(id kg.ID, name, kind string, aliases ...string) kg.Entity {
	return kg.Entity{ID: id, Type: kg.TypeOrganization, Name: name, Kind: kind, Aliases: aliases}
}

func person(id kg.ID, name string) kg.Entity {
	return kg.Entity{ID: id, Type: kg.TypePerson, Name: name}
}

func ref(id kg.ID) kg.Entity { return kg.Entity{ID: id} }

func corpus(t testing.TB) []kg.ArticleGraph {
	t.Helper()
	forumText := "Le Forum de l'économie solidaire de Roubaix s'est tenu le 14 mars 2024 à Roubaix. " +
		"Organisé par la coopérative Le Fil Rouge, il a réuni l'association Les Jardins du Quai et la Ville de Roubaix. " +
		"Amélie Durand, présidente des Jardins du Quai, y a présenté le budget participatif de l'Alma, porté par la Ville de Roubaix. " +
		"Les Jardins du Quai cultivent des parcelles à Roubaix depuis dix ans."
	a1 := article(t, kg.Article{URL: urlForum, Title: "Un forum de l'ESS à Roubaix", PublishedAt: "2024-03-20", Site: "exemple.fr",
		Source: "api", Format: "text", Themes: []string{"ESS", "Participation citoyenne"}, Text: forumText}).
		entity(org(filRouge, "Le Fil Rouge", "cooperative"), "Le Fil Rouge").
		entity(org(jardins, "Les Jardins du Quai", "association"), "Les Jardins du Quai", "Jardins du Quai").
		entity(org(villeRbx, "Ville de Roubaix", "local_authority"), "Ville de Roubaix").
		entity(person(amelie, "Amélie Durand"), "Amélie Durand").
		entity(kg.Entity{ID: forum, Name: "Forum de l'économie solidaire de Roubaix", Kind: "forum", StartDate: "2024-03-14"}, "Forum de l'économie solidaire de Roubaix").
		entity(kg.Entity{ID: budget, Name: "Budget participatif de l'Alma", Kind: "participatory_budget"}, "budget participatif de l'Alma").
		entity(ref(roubaix), "à Roubaix").
		entity(ref(qpvAlma), "l'Alma").
		entity(ref(themeESS)).entity(ref(themePart)).
		rel(kg.Organized, filRouge, forum, "", "Organisé par").
		rel(kg.ParticipatedIn, jardins, forum, "participante", "il a réuni").
		rel(kg.ParticipatedIn, villeRbx, forum, "participante", "il a réuni").
		rel(kg.HeldAt, forum, roubaix, "", "s'est tenu").
		rel(kg.HoldsRole, amelie, jardins, "présidente", "présidente des").
		rel(kg.PresentedAt, budget, forum, "", "y a présenté").
		rel(kg.LedBy, budget, villeRbx, "", "porté par").
		rel(kg.LocatedIn, budget, qpvAlma, "", "y a présenté").
		rel(kg.Governs, villeRbx, roubaix, "", "porté par").
		rel(kg.LocatedIn, jardins, roubaix, "", "cultivent des parcelles").
		rel(kg.About, jardins, themeESS, "", "cultivent des parcelles").
		themes(themeESS, themePart)

	filText := "La coopérative Le Fil Rouge ouvre un tiers-lieu à Lille. " +
		"Karim Benali, directeur du Fil Rouge, annonce un partenariat avec Les Jardins du Quai. " +
		"Le tiers-lieu du Fil Rouge accueillera des ateliers de réparation."
	a2 := article(t, kg.Article{URL: urlFilRouge, Title: "Le Fil Rouge ouvre un tiers-lieu", PublishedAt: "2024-05-02", Site: "exemple.fr",
		Themes: []string{"ESS"}, Text: filText}).
		entity(org(filRouge, "Le Fil Rouge", "cooperative", "Fil Rouge"), "Le Fil Rouge", "du Fil Rouge").
		entity(org(jardins, "Les Jardins du Quai", "association"), "Les Jardins du Quai").
		entity(person(karim, "Karim Benali"), "Karim Benali").
		entity(kg.Entity{ID: tiersLieu, Name: "Tiers-lieu du Fil Rouge", Kind: "third_place"}, "tiers-lieu du Fil Rouge").
		entity(ref(lille), "Lille").
		entity(ref(themeESS)).
		rel(kg.HoldsRole, karim, filRouge, "directeur", "directeur du").
		rel(kg.PartnerOf, filRouge, jardins, "", "un partenariat").
		rel(kg.LocatedIn, filRouge, lille, "", "ouvre un tiers-lieu").
		rel(kg.LocatedIn, tiersLieu, lille, "", "ouvre un tiers-lieu").
		rel(kg.LedBy, tiersLieu, filRouge, "", "accueillera").
		themes(themeESS)

	arrasText := "À Arras, l'association Chantiers d'Artois développe l'insertion par l'activité économique avec le Département du Pas-de-Calais. " +
		"Le Département du Pas-de-Calais finance vingt postes."
	a3 := article(t, kg.Article{URL: urlArras, Title: "L'insertion à Arras", PublishedAt: "2023-11-10", Site: "autre.org", Text: arrasText}).
		entity(org(chantiers, "Chantiers d'Artois", "association"), "Chantiers d'Artois").
		entity(org(dep62Org, "Département du Pas-de-Calais", "local_authority"), "Département du Pas-de-Calais").
		entity(ref(arras), "Arras").
		entity(ref(themeIAE)).
		rel(kg.LocatedIn, chantiers, arras, "", "développe").
		rel(kg.PartnerOf, chantiers, dep62Org, "", "développe").
		rel(kg.Governs, dep62Org, dep62, "", "finance").
		themes(themeIAE)

	a4 := article(t, kg.Article{Title: "Une journée à Lyon", Text: textJournee}).
		entity(kg.Entity{ID: journee, Name: "Journée de la participation citoyenne", Kind: "meeting"}, "Journée de la participation citoyenne").
		entity(ref(lyon), "Lyon").
		entity(ref(themePart)).
		rel(kg.HeldAt, journee, lyon, "", "accueille").
		themes(themePart)

	return []kg.ArticleGraph{a1.g, a2.g, a3.g, a4.g}
}

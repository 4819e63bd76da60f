package extract_test

import (
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

// extractText extracts a plain text and returns its graph with a lookup of
// entity names by id.
func extractText(t *testing.T, text string) (kg.ArticleGraph, map[kg.ID]kg.Entity) {
	t.Helper()
	a := kg.Article{ID: kg.ArticleID("", text), Text: text, PublishedAt: "2025-03-01"}
	g := extractor(t).Extract(a)
	byID := map[kg.ID]kg.Entity{}
	for _, e := range g.Entities {
		byID[e.ID] = e
	}
	return g, byID
}

// hasRel reports whether the graph relates the entities named from and to.
func hasRel(g kg.ArticleGraph, byID map[kg.ID]kg.Entity, typ kg.RelationType, from, to string) bool {
	return relWhere(g, byID, typ, func(f, t kg.Entity) bool { return f.Name == from && t.Name == to })
}

// relWhere reports whether the graph has a relation of type typ whose ends
// satisfy ok.
func relWhere(g kg.ArticleGraph, byID map[kg.ID]kg.Entity, typ kg.RelationType, ok func(from, to kg.Entity) bool) bool {
	for _, r := range g.Relations {
		if r.Type == typ && ok(byID[r.From], byID[r.To]) {
			return true
		}
	}
	return false
}

func hasEntity(byID map[kg.ID]kg.Entity, typ kg.EntityType, name string) bool {
	for _, e := range byID {
		if e.Type == typ && e.Name == name {
			return true
		}
	}
	return false
}

func TestRoleComplementNamesTheStructureOrIntercommunalityNamedBefore(t *testing.T) {
	g, byID := extractText(t, "À Vannes, la ressourcerie Les Trois Pommes a ouvert en mars dans le centre-ville. "+
		"Les ateliers sont encadrés par Pierre-Yves Guégan, responsable de la ressourcerie. "+
		"Lorient Agglomération a financé les travaux. "+
		"Pour Solène Kerjean, vice-présidente de l'agglomération chargée des déchets, « c'est un modèle ».")
	if !hasRel(g, byID, kg.HoldsRole, "Pierre-Yves Guégan", "Les Trois Pommes") {
		t.Errorf("no HOLDS_ROLE to the structure's organization: %+v", g.Relations)
	}
	if !relWhere(g, byID, kg.HoldsRole, func(from, to kg.Entity) bool { return from.Name == "Solène Kerjean" && to.Type == kg.TypeOrganization }) {
		t.Errorf("no HOLDS_ROLE of the vice-présidente de l'agglomération: %+v", g.Relations)
	}
}

func TestStreetsAndBuildingsNamedAfterSaintsAreNoPlaces(t *testing.T) {
	_, byID := extractText(t, "À Tours, la place Saint-Paul sera végétalisée et le stade Saint-Louis rénové, annonce la Ville de Tours.")
	for _, name := range []string{"Saint-Paul", "Saint-Louis"} {
		if hasEntity(byID, kg.TypeTerritory, name) {
			t.Errorf("%s read as a territory", name)
		}
	}
	if !hasEntity(byID, kg.TypeTerritory, "Tours") {
		t.Errorf("Tours not read: %+v", byID)
	}
}

func TestCompoundGivenNamesOfFrequentPartsMakePeople(t *testing.T) {
	_, byID := extractText(t, "La boutique a ouvert en janvier. Sa gérante, Rose-Aimée Lafleur, prévoit déjà un second magasin.")
	if !hasEntity(byID, kg.TypePerson, "Rose-Aimée Lafleur") {
		t.Errorf("no person Rose-Aimée Lafleur: %+v", byID)
	}
}

func TestPronounAfterCarrierPhraseIsTheStructureNamedBefore(t *testing.T) {
	g, byID := extractText(t, "À Vannes, la recyclerie Les Trois Pommes a ouvert en mars.\n\nPortée par l'association Vivre Ensemble, elle collecte et revend des meubles.")
	if !hasRel(g, byID, kg.LedBy, "Recyclerie Les Trois Pommes", "Vivre Ensemble") {
		t.Errorf("no LED_BY from 'Portée par X, elle …': %+v", g.Relations)
	}
}

func TestBranchNamedAfterAFormerRegionIsLocatedInNoRegion(t *testing.T) {
	g, byID := extractText(t, "Pour Anne Weber, directrice de France Active Picardie, ce fonds comble un manque.")
	if !hasEntity(byID, kg.TypeOrganization, "France Active Picardie") {
		t.Fatalf("no France Active Picardie: %+v", byID)
	}
	for _, r := range g.Relations {
		if r.Type == kg.LocatedIn && byID[r.From].Name == "France Active Picardie" {
			t.Errorf("France Active Picardie located in %s", byID[r.To].Name)
		}
	}
}

func TestInclusiveWritingStaysInTheName(t *testing.T) {
	_, byID := extractText(t, "La réunion se tiendra au centre social Voisin(e)s, à Lyon, avec les habitant·e·s du quartier.")
	if !hasEntity(byID, kg.TypeOrganization, "Centre social Voisin(e)s") {
		t.Errorf("no Centre social Voisin(e)s: %+v", byID)
	}
}

func TestAuthorityNounAfterAnArticleIsNoVillage(t *testing.T) {
	_, byID := extractText(t, "À Poitiers, la Ville et Grand Poitiers ouvriront le mois par une soirée.")
	if hasEntity(byID, kg.TypeTerritory, "Ville") {
		t.Errorf("'la Ville' read as the commune Ville: %+v", byID)
	}
}

func TestParticipatoryBudgetTakesItsQuotedTitleAndAbsorbsABareHeadlineMention(t *testing.T) {
	g, byID := extractText(t, "Budget participatif : les habitants ont voté.\n\n"+
		"La Ville de Vannes a dévoilé mardi les résultats de son budget participatif « Nos rues, nos idées ». "+
		"Près de 900 habitants ont voté.")
	n := 0
	for _, e := range byID {
		if e.Type == kg.TypeInitiative {
			n++
		}
	}
	if !hasEntity(byID, kg.TypeInitiative, "Budget participatif Nos rues, nos idées") || n != 1 {
		t.Errorf("want one initiative named with its quoted title, got %+v", g.Entities)
	}
	if !hasRel(g, byID, kg.LedBy, "Budget participatif Nos rues, nos idées", "Ville de Vannes") {
		t.Errorf("no LED_BY to the town that owns it: %+v", g.Relations)
	}
}

func TestGoingToMeetPeopleIsNoEvent(t *testing.T) {
	_, byID := extractText(t, "Les éducateurs de la Mission locale de Vannes vont à la rencontre des jeunes au pied des immeubles.")
	for _, e := range byID {
		if e.Type == kg.TypeEvent {
			t.Errorf("'à la rencontre des jeunes' read as an event: %+v", e)
		}
	}
}

func TestQPVWrittenWithItsArticleIsOneTerritoryAndClubTakesItsComplement(t *testing.T) {
	g, byID := extractText(t, "À Villeurbanne, le programme va vers les jeunes du quartier Les Buers. "+
		"Karim Haddad, président du Club des entreprises de Villeurbanne, a conclu.")
	for _, e := range byID {
		if e.Type == kg.TypeTerritory && e.Name == "Les" {
			t.Errorf("the article of 'quartier Les Buers' read as a neighbourhood: %+v", e)
		}
	}
	if !hasRel(g, byID, kg.HoldsRole, "Karim Haddad", "Club des entreprises de Villeurbanne") {
		t.Errorf("no HOLDS_ROLE to the club named with its complement: %+v", g.Entities)
	}
}

func TestOrganizationNameStopsBeforeThePrepositionOfTheNextName(t *testing.T) {
	_, byID := extractText(t, "Accueillie par la Fédération des centres sociaux du Gard au lycée Albert-Camus, l'assemblée a voté.")
	if !hasEntity(byID, kg.TypeOrganization, "Fédération des centres sociaux du Gard") {
		t.Errorf("want the federation without the trailing 'au': %+v", byID)
	}
}

func TestMobilityPlatformIsAStructureWithItsCarrier(t *testing.T) {
	g, byID := extractText(t, "À Vannes, la plateforme de mobilité Mob'In Vannes, portée par l'association Défis Emploi, accompagne 600 personnes.")
	if !hasEntity(byID, kg.TypeOrganization, "Mob'In Vannes") {
		t.Errorf("no organization for the platform: %+v", g.Entities)
	}
	if !hasRel(g, byID, kg.LedBy, "Plateforme de mobilité Mob'In Vannes", "Défis Emploi") {
		t.Errorf("no LED_BY for the platform: %+v", g.Relations)
	}
}

func TestEventHeldAtThePremisesWhereItWasSaidToTakePlace(t *testing.T) {
	g, byID := extractText(t, "Le Centre de ressources a réuni 160 professionnels le mardi 18 mars 2025 à Villeurbanne pour sa journée régionale « Emploi et quartiers ». "+
		"La journée s'est tenue au Centre culturel et de la vie associative, en partenariat avec la Ville de Villeurbanne.")
	if !relWhere(g, byID, kg.HeldAt, func(from, to kg.Entity) bool {
		return from.Type == kg.TypeEvent && to.Name == "Centre culturel et de la vie associative"
	}) {
		t.Errorf("no HELD_AT to the premises: %+v", g.Relations)
	}
}

func TestPossessiveRoleAfterAPronounSentenceNamesTheStructureNotItsCarrier(t *testing.T) {
	g, byID := extractText(t, "À Vannes, l'épicerie solidaire Ty Bara, installée dans le centre-ville, vend des produits locaux. "+
		"Elle est portée par le centre social Horizons et soutenue par la Ville de Vannes. "+
		"Sa coordinatrice, Maïwenn Le Bihan, a détaillé le modèle.")
	if !hasRel(g, byID, kg.HoldsRole, "Maïwenn Le Bihan", "Ty Bara") {
		t.Errorf("no HOLDS_ROLE to the structure: %+v", g.Relations)
	}
	if hasRel(g, byID, kg.HoldsRole, "Maïwenn Le Bihan", "Centre social Horizons") {
		t.Errorf("HOLDS_ROLE to the carrier: %+v", g.Relations)
	}
}

func TestBodyOfAClassNamedWithADemonym(t *testing.T) {
	g, byID := extractText(t, "Christophe Lebrun, directeur de la Mission locale angevine, a ouvert le forum. La Mission locale voisine était absente.")
	if !hasRel(g, byID, kg.HoldsRole, "Christophe Lebrun", "Mission locale angevine") {
		t.Errorf("no HOLDS_ROLE to the body named with its demonym: %+v", g.Entities)
	}
	if hasEntity(byID, kg.TypeOrganization, "Mission locale voisine") {
		t.Errorf("a common adjective read as a demonym: %+v", g.Entities)
	}
}

func TestDepartmentNumberEndsAnOrganizationNameBeforeAVerb(t *testing.T) {
	_, byID := extractText(t, "Un espace animé par l'association Tremplin Numérique 49 aidait les candidats. L'association Femmes Solidaires 37 depuis 2019 accompagne les femmes.")
	for _, name := range []string{"Tremplin Numérique 49", "Femmes Solidaires 37"} {
		if !hasEntity(byID, kg.TypeOrganization, name) {
			t.Errorf("no organization %q: %+v", name, byID)
		}
	}
}

func TestDatedCeremonyIsAnEvent(t *testing.T) {
	g, byID := extractText(t, "Une cérémonie de remise des prix s'est tenue le mercredi 16 avril à Riom, en présence de Nadia Mourgues, directrice de la CAF du Puy-de-Dôme.")
	found := false
	for _, e := range g.Entities {
		if e.Type == kg.TypeEvent && e.StartDate == "2025-04-16" {
			found = true
			if !hasRel(g, byID, kg.HeldAt, e.Name, "Riom") {
				t.Errorf("no HELD_AT Riom: %+v", g.Relations)
			}
		}
	}
	if !found {
		t.Errorf("no dated ceremony: %+v", g.Entities)
	}
}

func TestStructureInAContrastingClauseTakesItsOwnTownAndPossessive(t *testing.T) {
	g, byID := extractText(t, "À Thiers, le centre social Les Horizons développera un transport solidaire, tandis qu'à Issoire, la recyclerie L'Envol, chantier d'insertion de l'association Tremplin Issoirien, agrandira son atelier. "+
		"Son encadrant technique, Florian Bastide, accueillera les visiteurs.")
	if hasRel(g, byID, kg.LocatedIn, "Recyclerie L'Envol", "Thiers") {
		t.Errorf("the recyclerie placed in the other clause's town: %+v", g.Relations)
	}
	if !hasRel(g, byID, kg.LocatedIn, "Recyclerie L'Envol", "Issoire") {
		t.Errorf("the recyclerie not placed in its town: %+v", g.Relations)
	}
	if !hasRel(g, byID, kg.HoldsRole, "Florian Bastide", "L'Envol") {
		t.Errorf("the possessive does not name the last clause's structure: %+v", g.Relations)
	}
}

func TestDayOfAnAnnouncedEventIsThatEvent(t *testing.T) {
	g, byID := extractText(t, "Guyane : les tiers-lieux se sont donné rendez-vous à Saint-Laurent-du-Maroni\n\n"+
		"Pour son premier regroupement régional, le réseau Tiers-Lieux Guyane avait choisi l'Ouest. "+
		"Le samedi 8 février 2025, une soixantaine de porteurs de projets se sont retrouvés au Camp de la Transportation, à Saint-Laurent-du-Maroni, pour une journée d'échanges consacrée aux tiers-lieux.")
	var evs []kg.Entity
	for _, e := range g.Entities {
		if e.Type == kg.TypeEvent {
			evs = append(evs, e)
		}
	}
	if len(evs) != 1 || evs[0].StartDate != "2025-02-08" {
		t.Fatalf("want one event dated 2025-02-08, got %+v", evs)
	}
	if !hasRel(g, byID, kg.HeldAt, evs[0].Name, "Camp de la Transportation") {
		t.Errorf("no HELD_AT the premises: %+v", g.Relations)
	}
}

func TestEventNamedAfterAnOrganizationIsOrganizedByIt(t *testing.T) {
	g, byID := extractText(t, "Le Réseau des collectivités territoriales pour une économie solidaire (RTES) a tenu son bureau. "+
		"Le webinaire du RTES du jeudi 12 juin 2025 a réuni 300 personnes.")
	if !relWhere(g, byID, kg.Organized, func(from, to kg.Entity) bool { return to.Type == kg.TypeEvent && from.Type == kg.TypeOrganization }) {
		t.Errorf("no ORGANIZED from the organization completing the event's kind: %+v", g.Relations)
	}
}

func TestShortNameInParenthesesIsTheSameOrganization(t *testing.T) {
	g, _ := extractText(t, "Alimentation durable : le webinaire du Labo de l'ESS\n\nJeudi 12 juin 2025, le Labo de l'économie sociale et solidaire (Labo de l'ESS) présentait en\nwebinaire sa nouvelle étude. Le Labo de l'ESS formule huit propositions.")
	n := 0
	for _, e := range g.Entities {
		if e.Type == kg.TypeOrganization && strings.Contains(kg.Fold(e.Name), "labo") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one organization for the long and the short name, got %d: %+v", n, g.Entities)
	}
}

func TestDepartmentalFederationOfANationalCharityIsABranch(t *testing.T) {
	g, byID := extractText(t, "L'épicerie est soutenue par le Secours populaire de la Nièvre et par les Restos du Cœur de l'Yonne.")
	for _, c := range [][2]string{{"Secours populaire de la Nièvre", "Nièvre"}, {"Restos du Cœur de l'Yonne", "Yonne"}} {
		if !hasRel(g, byID, kg.LocatedIn, c[0], c[1]) {
			t.Errorf("no branch %s LOCATED_IN %s: %+v", c[0], c[1], g.Entities)
		}
	}
}

func TestRegionalTelevisionIsABranchOfItsNetwork(t *testing.T) {
	g, byID := extractText(t, "La soirée était animée par la journaliste Claire Vuillemin, de France 3 Bourgogne-Franche-Comté.")
	if !hasRel(g, byID, kg.LocatedIn, "France 3 Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté") {
		t.Errorf("no regional branch of France 3: %+v", g.Entities)
	}
}

func TestVenueThatHostsAnEventIsWhereItTookPlace(t *testing.T) {
	g, byID := extractText(t, "Le vendredi 10 octobre 2025, la salle Jean-Vilar a accueilli la quatrième édition du forum « Un emploi près de chez moi ».")
	for _, r := range g.Relations {
		if r.Type == kg.Organized && byID[r.From].Name == "Salle Jean-Vilar" {
			t.Errorf("the venue organizes the event: %+v", r)
		}
	}
	if !relWhere(g, byID, kg.HeldAt, func(_, to kg.Entity) bool { return to.Name == "Salle Jean-Vilar" }) {
		t.Errorf("no HELD_AT the venue: %+v %+v", g.Entities, g.Relations)
	}
}

func TestLowerCaseQuotedDescriptionAfterAHeadIsNoOrganization(t *testing.T) {
	_, byID := extractText(t, "Un espace « premiers pas » animé par l'association Tremplin Numérique 49 aidait les candidats.")
	for _, e := range byID {
		if e.Type == kg.TypeOrganization && strings.Contains(kg.Fold(e.Name), "premiers pas") {
			t.Errorf("a quoted description read as an organization: %+v", e)
		}
	}
}

func TestPeopleWhoInauguratedAnEventParticipatedInIt(t *testing.T) {
	g, byID := extractText(t, "Le vendredi 10 octobre 2025, la Mission locale angevine a organisé son forum « Un emploi près de chez moi ». "+
		"Le forum a été inauguré par Yasmina Benhamou, adjointe au maire d'Angers déléguée à l'emploi, et par Christophe Lebrun, directeur de la Mission locale angevine.")
	for _, p := range []string{"Yasmina Benhamou", "Christophe Lebrun"} {
		if !relWhere(g, byID, kg.ParticipatedIn, func(from, to kg.Entity) bool { return from.Name == p && to.Type == kg.TypeEvent }) {
			t.Errorf("%s does not participate: %+v", p, g.Relations)
		}
	}
}

func TestCarriersBeforeAPronounLeadTheInitiativeNamedJustBefore(t *testing.T) {
	g, byID := extractText(t, "À Niort, le projet « Cantines du Clou » fait entrer des produits locaux dans les écoles. "+
		"Porté par l'association Bouchet Nourricier et la Communauté d'agglomération du Niortais, il a été présenté par Gaëlle Marchand.")
	for _, o := range []string{"Bouchet Nourricier", "Communauté d'agglomération du Niortais"} {
		if !hasRel(g, byID, kg.LedBy, "Cantines du Clou", o) {
			t.Errorf("no LED_BY %s: %+v", o, g.Relations)
		}
	}
}

func TestProgrammeIsPlacedInTheQuartierOfTheBuildingsOrSchoolsItServes(t *testing.T) {
	g, byID := extractText(t, "À Niort, le projet « Cantines du Clou » fait entrer des produits locaux dans les écoles du quartier du Clou Bouchet. "+
		"À Villeurbanne, le programme « Cap Quartiers » va vers les jeunes au pied des immeubles du quartier Les Buers.")
	if !hasRel(g, byID, kg.LocatedIn, "Cantines du Clou", "Clou Bouchet") {
		t.Errorf("no LOCATED_IN the quartier of the schools: %+v", g.Relations)
	}
	if !hasRel(g, byID, kg.LocatedIn, "Cap Quartiers", "Les Buers") {
		t.Errorf("no LOCATED_IN the quartier of the buildings: %+v", g.Relations)
	}
}

func TestInitiativesAnnouncedAsPresentedAreLinkedToTheReportedEvent(t *testing.T) {
	g, byID := extractText(t, "Le jeudi 12 juin 2025, le Labo de l'ESS a organisé un webinaire consacré à l'alimentation durable. "+
		"Trois initiatives étudiées ont été présentées par leurs porteurs. "+
		"À Brest, l'épicerie solidaire Ty Bara approvisionne ses rayons auprès de producteurs locaux. "+
		"Enfin, à Niort, le projet « Cantines du Clou » fait entrer des produits locaux dans les écoles.")
	for _, ini := range []string{"Épicerie solidaire Ty Bara", "Cantines du Clou"} {
		if !relWhere(g, byID, kg.PresentedAt, func(from, _ kg.Entity) bool { return from.Name == ini }) {
			t.Errorf("%s not PRESENTED_AT the webinar: %+v", ini, g.Relations)
		}
	}
}

func TestAWorkshopInAStructureNameIsNoSignOfPresentation(t *testing.T) {
	g, byID := extractText(t, "Une journée portes ouvertes aura lieu le samedi 14 juin 2025 à Issoire. "+
		"Enfin, l'atelier vélo Roue Libre, installé dans les Quartiers Nord, formera des jeunes à la réparation de cycles.")
	for _, r := range g.Relations {
		if r.Type == kg.PresentedAt && byID[r.From].Name == "Atelier vélo Roue Libre" {
			t.Errorf("presented because its name says 'atelier': %+v", r)
		}
	}
}

func TestSocialLandlordNamedAfterItsTown(t *testing.T) {
	_, byID := extractText(t, "Le projet a été accompagné par les équipes de Limoges Habitat, principal bailleur du quartier.")
	if !hasEntity(byID, kg.TypeOrganization, "Limoges Habitat") {
		t.Errorf("no organization for the landlord: %+v", byID)
	}
}

func TestStructureCalledByItsNameThenNamedByItsKind(t *testing.T) {
	g, byID := extractText(t, "Elle s'appelle Les P'tits Béarnais et elle a ouvert ses portes lundi 15 septembre dans le quartier prioritaire Saragosse, à Pau. "+
		"La crèche coopérative accueille vingt-quatre enfants de trois mois à trois ans.")
	if !hasEntity(byID, kg.TypeOrganization, "Les P'tits Béarnais") || !hasEntity(byID, kg.TypeInitiative, "Crèche coopérative Les P'tits Béarnais") {
		t.Errorf("no structure for the name called: %+v", g.Entities)
	}
}

func TestPeopleOfASentenceFramedByTheEventParticipate(t *testing.T) {
	g, byID := extractText(t, "Le vendredi 30 mai 2025, la Ville de Limoges a organisé une soirée de présentation des résultats au centre social de l'Aurence. "+
		"Lors de la soirée, Kévin Delage, président du conseil citoyen, a remercié les bénévoles.")
	if !relWhere(g, byID, kg.ParticipatedIn, func(from, to kg.Entity) bool { return from.Name == "Kévin Delage" && to.Type == kg.TypeEvent }) {
		t.Errorf("no PARTICIPATED_IN for the person of the framed sentence: %+v", g.Relations)
	}
}

func TestDatedGatheringTakenUpByAGenericMentionIsAnEvent(t *testing.T) {
	g, byID := extractText(t, "Vendredi 23 mai 2025, la Fondation Macif a réuni à Nantes les huit lauréats régionaux de son programme. "+
		"Ouvrant la rencontre, Isabelle Kervella-Moreau, déléguée générale de la Fondation Macif, a rappelé l'enjeu.")
	var ev *kg.Entity
	for i, e := range g.Entities {
		if e.Type == kg.TypeEvent {
			ev = &g.Entities[i]
		}
	}
	if ev == nil || ev.StartDate != "2025-05-23" {
		t.Fatalf("want a dated event, got %+v", g.Entities)
	}
	if !hasRel(g, byID, kg.Organized, "Fondation Macif", ev.Name) || !hasRel(g, byID, kg.HeldAt, ev.Name, "Nantes") {
		t.Errorf("want ORGANIZED by the subject and HELD_AT Nantes: %+v", g.Relations)
	}
	if !hasRel(g, byID, kg.ParticipatedIn, "Isabelle Kervella-Moreau", ev.Name) {
		t.Errorf("the person opening the meeting does not participate: %+v", g.Relations)
	}
}

func TestGatheringWithoutAnEventMentionIsNoEvent(t *testing.T) {
	g, _ := extractText(t, "Vendredi 23 mai 2025, la Fondation Macif a réuni à Nantes les huit lauréats régionaux de son programme.")
	for _, e := range g.Entities {
		if e.Type == kg.TypeEvent {
			t.Errorf("an event without any mention of one: %+v", e)
		}
	}
}

func TestIndefiniteAppositionOfAKindPlacesTheOrganizationInItsTown(t *testing.T) {
	g, byID := extractText(t, "Le prix a été attribué à la coopérative Bois Bocage Énergie, une société coopérative d'intérêt collectif (SCIC) de Dole qui valorise le bois des haies.")
	if !hasRel(g, byID, kg.LocatedIn, "Bois Bocage Énergie", "Dole") {
		t.Errorf("no LOCATED_IN the town of the apposition: %+v", g.Relations)
	}
}

func TestPossessiveRoleNamesTheOneOrganizationOfTheSentenceBefore(t *testing.T) {
	g, byID := extractText(t, "Le prix « Utilité sociale » revient à la Régie de quartier de Planoise, qui emploie 45 habitants. "+
		"Son directeur, Samir Belkacem, a dédié le prix aux équipes.")
	if !hasRel(g, byID, kg.HoldsRole, "Samir Belkacem", "Régie de quartier de Planoise") {
		t.Errorf("no HOLDS_ROLE to the one organization before: %+v", g.Relations)
	}
}

func TestPronounSentenceCarrierLeadsTheStructureBefore(t *testing.T) {
	g, byID := extractText(t, "À Brest, l'épicerie solidaire Ty Bara approvisionne ses rayons grâce à un groupement d'achat. "+
		"Elle est portée par le centre social Horizons et soutenue par Brest métropole.")
	if !hasRel(g, byID, kg.LedBy, "Épicerie solidaire Ty Bara", "Centre social Horizons") {
		t.Errorf("no LED_BY the carrier: %+v", g.Relations)
	}
	for _, r := range g.Relations {
		if r.Type == kg.LedBy && byID[r.To].Name == "Brest métropole" {
			t.Errorf("a supporter read as a carrier: %+v", r)
		}
	}
}

func TestAuthorityActingThroughAProgrammeLeadsIt(t *testing.T) {
	g, byID := extractText(t, "Le conseiller régional a rappelé que la Région Nouvelle-Aquitaine avait soutenu la SCIC à sa création par le dispositif « Coop'Amorçage ».")
	if !relWhere(g, byID, kg.LedBy, func(from, to kg.Entity) bool {
		return from.Type == kg.TypeInitiative && to.Name == "Région Nouvelle-Aquitaine"
	}) {
		t.Errorf("no LED_BY the authority: %+v %+v", g.Entities, g.Relations)
	}
}

func TestIntercommunalityBrandNamesOfAReferenceEPCIGovernIt(t *testing.T) {
	g, byID := extractText(t, "Moulins Communauté et Saintes Grandes Rives l'Agglo ont signé avec la "+
		"Communauté d'agglomération du Pays de Laon et GrandSoissons Agglomération.")
	for _, name := range []string{"Moulins Communauté", "Saintes Grandes Rives l'Agglo", "Communauté d'agglomération du Pays de Laon", "GrandSoissons Agglomération"} {
		if !relWhere(g, byID, kg.Governs, func(from, to kg.Entity) bool {
			return from.Name == name && to.Type == kg.TypeTerritory && strings.HasPrefix(to.Code, "2")
		}) {
			t.Errorf("%s does not govern a reference EPCI: %+v", name, g.Relations)
		}
	}
}

func TestSeriesNamedWithItsYearIsAnEventOrganizedByTheBodyAfterIt(t *testing.T) {
	g, byID := extractText(t, "Les Rencontres régionales 2026 de la Fédération des centres sociaux du Gard se tiendront "+
		"le jeudi 12 et le vendredi 13 mars 2026 au Palais des congrès, à Nîmes.")
	var ev kg.Entity
	for _, e := range byID {
		if e.Type == kg.TypeEvent {
			ev = e
		}
	}
	if ev.Name != "Rencontres régionales 2026" || ev.StartDate != "2026-03-12" {
		t.Fatalf("event %q starting %q, want \"Rencontres régionales 2026\" on 2026-03-12 (entities %+v)", ev.Name, ev.StartDate, byID)
	}
	if !hasRel(g, byID, kg.Organized, "Fédération des centres sociaux du Gard", ev.Name) {
		t.Errorf("no ORGANIZED by the body after the name: %+v", g.Relations)
	}
	for _, e := range byID {
		if e.Type == kg.TypeTerritory && e.Name == "Le Palais" || e.Type == kg.TypeEvent && e.Name != ev.Name {
			t.Errorf("%s %q from « au Palais des congrès »", e.Type, e.Name)
		}
	}
}

func TestOrganizersListedAfterThePlaceOrganizeTheEvent(t *testing.T) {
	g, byID := extractText(t, "La Journée régionale de l'inclusion, organisée le 9 octobre à l'espace Mandela, à Tours, "+
		"par Coorace Centre-Val de Loire, la Fédération des entreprises d'insertion et Chantier école Centre-Val de Loire, a réuni 200 personnes.")
	for _, o := range []string{"Coorace Centre-Val de Loire", "Fédération des entreprises d'insertion", "Chantier école Centre-Val de Loire"} {
		if !hasRel(g, byID, kg.Organized, o, "Journée régionale de l'inclusion") {
			t.Errorf("%s does not organize the day: %+v", o, g.Relations)
		}
	}
}

func TestMinistryTitleRunsOverItsPortfolios(t *testing.T) {
	_, byID := extractText(t, "La délégation a été reçue au ministère de l'Aménagement du territoire et de la Décentralisation. "+
		"Le ministère du Travail, de la Santé et des Solidarités finance le programme.")
	for _, name := range []string{"Ministère de l'Aménagement du territoire et de la Décentralisation", "Ministère du Travail, de la Santé et des Solidarités"} {
		if !hasEntity(byID, kg.TypeOrganization, name) {
			t.Errorf("no organization %q: %+v", name, byID)
		}
	}
}

func TestVenuesInLowerCaseWithTheirComplementHostTheEvent(t *testing.T) {
	g, byID := extractText(t, "L'assemblée générale de l'association Les Amis du Bocage se tiendra le 21 mars à la salle des fêtes de Potigny.")
	if !relWhere(g, byID, kg.HeldAt, func(from, to kg.Entity) bool {
		return from.Type == kg.TypeEvent && to.Name == "Salle des fêtes de Potigny"
	}) {
		t.Errorf("no event HELD_AT the salle des fêtes: %+v", g.Relations)
	}
}

func TestSurnameAloneOfAPersonIsNoCommuneAndAnInitialIsNoSurname(t *testing.T) {
	_, byID := extractText(t, "Sébastien Ravel dirige l'entreprise. « Nous recrutons », insiste Ravel. Photo M. B.")
	for _, e := range byID {
		if e.Type == kg.TypeTerritory || e.Type == kg.TypePerson && e.Name != "Sébastien Ravel" {
			t.Errorf("%s %q", e.Type, e.Name)
		}
	}
}

func TestInverseRoleReachesThePersonPastAPortfolioOrABracketedDepartment(t *testing.T) {
	g, byID := extractText(t, "Le vice-président de Lorient Agglomération chargé de l'emploi et de l'insertion, Yannick Le Goff, a présenté les clauses. "+
		"La maire de Cognac (Charente), Nathalie Brunet, a plaidé pour le programme.")
	for _, c := range [][2]string{{"Yannick Le Goff", "Lorient Agglomération"}, {"Nathalie Brunet", "Ville de Cognac"}} {
		if !hasRel(g, byID, kg.HoldsRole, c[0], c[1]) {
			t.Errorf("no HOLDS_ROLE %s → %s: %+v", c[0], c[1], g.Relations)
		}
	}
}

func TestStructureNamedBeforeItsKindInAppositionIsAnInitiativeAndAnOrganization(t *testing.T) {
	g, byID := extractText(t, "Depuis janvier, les habitants de Cormelles disposent du Grenier, un espace de vie sociale (EVS) installé dans l'ancienne école. "+
		"Porté par l'association Familles Rurales de Cormelles, il a reçu l'agrément de la CAF.")
	if !hasEntity(byID, kg.TypeOrganization, "Le Grenier") || !hasEntity(byID, kg.TypeInitiative, "Espace de vie sociale Le Grenier") {
		t.Fatalf("no structure Le Grenier: %+v", byID)
	}
	if hasEntity(byID, kg.TypeOrganization, "Espace de vie sociale") {
		t.Error("the kind defined with its acronym is an organization")
	}
	if !hasRel(g, byID, kg.LedBy, "Espace de vie sociale Le Grenier", "Familles Rurales de Cormelles") {
		t.Errorf("no LED_BY the carrier: %+v", g.Relations)
	}
}

func TestCarrierOfAStructureTakenUpByItsKindOrAPronounLeadsIt(t *testing.T) {
	g, byID := extractText(t, "Le directeur de l'atelier et chantier d'insertion Les Jardins du Fleuve, Marc Olivier, a décrit le maraîchage : "+
		"porté par l'association Loire Solidarités, le chantier emploie 18 salariés. "+
		"À Tours, le café associatif Le Comptoir a ouvert en mars. Le café associatif mise sur le lien social. "+
		"Il est porté par l'association Les Amis du Comptoir.")
	for _, c := range [][2]string{
		{"Atelier et chantier d'insertion Les Jardins du Fleuve", "Loire Solidarités"},
		{"Café associatif Le Comptoir", "Les Amis du Comptoir"},
	} {
		if !hasRel(g, byID, kg.LedBy, c[0], c[1]) {
			t.Errorf("no LED_BY %s → %s: %+v", c[0], c[1], g.Relations)
		}
	}
}

func TestDatedHappeningAnnouncedByItsOrganizerIsAnEvent(t *testing.T) {
	g, byID := extractText(t, "L'association Vélo Solidaire organise une bourse aux vélos le samedi 15 mars à la salle des Tilleuls. "+
		"Le centre social organise une « Grande Tablée » samedi 22 mars. La Ville organise une réunion le 3 avril. "+
		"Le collectif organise des ateliers tout l'hiver.")
	for _, name := range []string{"Bourse aux vélos", "Grande Tablée"} {
		if !hasEntity(byID, kg.TypeEvent, name) {
			t.Errorf("no event %q: %+v", name, byID)
		}
	}
	for _, e := range byID {
		if e.Type == kg.TypeEvent && e.Name != "Bourse aux vélos" && e.Name != "Grande Tablée" {
			t.Errorf("event %q from a one-word or undated phrase", e.Name)
		}
	}
	if !hasRel(g, byID, kg.Organized, "Vélo Solidaire", "Bourse aux vélos") || !hasRel(g, byID, kg.HeldAt, "Bourse aux vélos", "Salle des Tilleuls") {
		t.Errorf("the bourse has no organizer or no venue: %+v", g.Relations)
	}
}

func TestVenueNamedAfterASaintOrATownIsAnOrganization(t *testing.T) {
	g, byID := extractText(t, "L'association organise une bourse aux vélos le samedi 15 mars à la salle Saint-Palais, à Saintes.")
	if !hasEntity(byID, kg.TypeOrganization, "Salle Saint-Palais") || hasEntity(byID, kg.TypeTerritory, "Saint-Palais") {
		t.Fatalf("salle Saint-Palais read as %+v", byID)
	}
	if !hasRel(g, byID, kg.HeldAt, "Bourse aux vélos", "Salle Saint-Palais") {
		t.Errorf("no HELD_AT the salle: %+v", g.Relations)
	}
}

func TestStatusDefinedWithAnAcronymIsNoOrganization(t *testing.T) {
	_, byID := extractText(t, "La coopérative Terres Communes lève 2 millions d'euros. Agréée entreprise solidaire d'utilité sociale (ESUS), elle finance des commerces.")
	for _, e := range byID {
		if e.Type == kg.TypeOrganization && strings.Contains(strings.ToLower(e.Name), "utilité sociale") {
			t.Errorf("status read as organization %q", e.Name)
		}
	}
}

func TestStructureNamedBeforeItsKindWithAnOrdinalAndCongressCentreIsAVenue(t *testing.T) {
	g, byID := extractText(t, "Vingt salariés ont signé avec Emplois du Bocage, la première entreprise à but d'emploi du département. "+
		"Le réseau organise au centre de congrès Atria, à Vichy, une rencontre départementale le 12 mars 2026.")
	if !hasEntity(byID, kg.TypeInitiative, "Entreprise à but d'emploi Emplois du Bocage") {
		t.Errorf("no structure named before its kind: %+v", byID)
	}
	for _, e := range byID {
		if e.Type == kg.TypeEvent && strings.Contains(e.Name, "ongrès") {
			t.Errorf("event %q from the congress centre's name", e.Name)
		}
	}
	if !relWhere(g, byID, kg.HeldAt, func(_, to kg.Entity) bool { return to.Name == "Atria" }) {
		t.Errorf("the meeting is not held at the congress centre: %+v", g.Relations)
	}
}

func TestGrandBeforeATownHabitatAndTheTownHallSquareAreReadRight(t *testing.T) {
	_, byID := extractText(t, "À Potigny, la foncière a acquis six locaux auprès de Grand Dijon Habitat, place de la Mairie.")
	if !hasEntity(byID, kg.TypeOrganization, "Grand Dijon Habitat") || hasEntity(byID, kg.TypeOrganization, "Dijon Habitat") {
		t.Errorf("the landlord is not read whole: %+v", byID)
	}
	if hasEntity(byID, kg.TypeOrganization, "Ville de Potigny") {
		t.Error("« place de la Mairie » read as the town's authority")
	}
}

func TestCompoundRoleAtAStructureNamedBeforeItsKind(t *testing.T) {
	g, byID := extractText(t, "Les habitants disposent du Grenier, un espace de vie sociale installé dans l'ancienne école. "+
		"L'animatrice-coordinatrice du Grenier, Léa Martin-Roux, a été recrutée en janvier.")
	if !hasRel(g, byID, kg.HoldsRole, "Léa Martin-Roux", "Le Grenier") {
		t.Errorf("no HOLDS_ROLE at the structure: %+v", g.Relations)
	}
}

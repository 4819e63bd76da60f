package gen

// Word lists and vocabularies the generated world is built from. Everything
// here is general French vocabulary of the field; the organizations, people,
// events and initiatives made from it are fictitious.

var femaleNames = []string{
	"Marie", "Anne", "Sophie", "Nathalie", "Isabelle", "Catherine", "Sylvie", "Christine", "Valérie", "Sandrine",
	"Céline", "Stéphanie", "Julie", "Aurélie", "Émilie", "Camille", "Claire", "Laure", "Hélène", "Élise",
	"Pauline", "Charlotte", "Lucie", "Manon", "Léa", "Chloé", "Inès", "Sarah", "Amina", "Fatima",
	"Nadia", "Samira", "Leïla", "Yasmina", "Aïcha", "Karima", "Malika", "Sonia", "Agnès", "Brigitte",
	"Martine", "Monique", "Françoise", "Véronique", "Patricia", "Corinne", "Florence", "Virginie", "Delphine", "Karine",
	"Caroline", "Mathilde", "Juliette", "Margaux", "Clémence", "Anaïs", "Marion", "Justine", "Élodie", "Audrey",
	"Laetitia", "Myriam", "Rachida", "Houria", "Najat", "Soraya", "Mélanie", "Odile", "Geneviève", "Béatrice",
	"Annick", "Josiane", "Danielle", "Gaëlle", "Solène", "Maëlle", "Armelle", "Roselyne", "Éléonore", "Agathe",
}

var maleNames = []string{
	"Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Laurent", "Frédéric", "Stéphane",
	"Olivier", "Éric", "David", "Julien", "Sébastien", "Thomas", "Guillaume", "Antoine", "Maxime", "Romain",
	"Vincent", "François", "Patrick", "Thierry", "Bruno", "Didier", "Pascal", "Gilles", "Hervé", "Yves",
	"Karim", "Mehdi", "Mohamed", "Rachid", "Samir", "Farid", "Yacine", "Moussa", "Ibrahim", "Hamid",
	"Benoît", "Damien", "Arnaud", "Cédric", "Jérôme", "Fabrice", "Mathieu", "Florian", "Quentin", "Hugo",
	"Lucas", "Théo", "Baptiste", "Clément", "Adrien", "Bastien", "Grégoire", "Xavier", "Sylvain", "Lionel",
	"Marc", "Serge", "Denis", "Gérard", "Bernard", "Daniel", "Jacques", "René", "Joël", "Régis",
	"Yann", "Erwan", "Loïc", "Gaëtan", "Mathis", "Raphaël", "Étienne", "Jules", "Victor", "Paul",
}

var surnames = []string{
	"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
	"Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
	"Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
	"Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
	"Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
	"Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
	"Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand",
	"Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin",
	"Fernandez", "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal",
	"Bourgeois", "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis",
	"Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume",
	"Adam", "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Menard", "Fleury", "Deschamps", "Carpentier",
	"Julien", "Benoit", "Paris", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet",
	"Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Paul",
	"Laine", "Carré", "Breton", "Rémy", "Schneider", "Perrot", "Guyot", "Barre", "Marty", "Cousin",
	"Benali", "Haddad", "Belkacem", "Mansouri", "Bouzid", "Cherif", "Diallo", "Traoré", "Kone", "Diop",
	"Camara", "Ndiaye", "Benamar", "Hamdi", "Saidi", "Ferreira", "Pereira", "Rodrigues", "Costa", "Martins",
	"Le Bihan", "Le Goff", "Kerjean", "Tanguy", "Quéré", "Riou", "Salaün", "Cadiou", "Etcheverry", "Iriart",
	"Lagarde", "Delmas", "Cazenave", "Bousquet", "Castel", "Fabregat", "Ollivier", "Weber", "Klein", "Wagner",
	"Hoarau", "Payet", "Grondin", "Fontaine-Riviere", "Techer", "Lebon", "Delattre", "Vandamme", "Lemaître", "Debruyne",
	"Devaux", "Marechal", "Tessier", "Chauvin", "Besson", "Hamon", "Bailly", "Hervé", "Lebrun", "Navarro",
}

// themeDef is an entry of the theme vocabulary.
type themeDef struct {
	name    string
	fem     bool
	plur    bool
	acronym string // written as an alias: "ESS"
}

// The theme vocabulary (scheme "maillage"). Indices are used by the topics
// of events and initiatives below.
const (
	thESS = iota
	thInnovation
	thParticipation
	thPolitiqueVille
	thIAE
	thDevEco
	thInsertionPro
	thCohesion
	thTransitionEco
	thCirculaire
	thAlimentation
	thRenouvellement
	thHabitat
	thNumerique
	thPetiteEnfance
	thEgalite
	thDiscriminations
	thVieAsso
	thFinance
	thCommande
	thMobilite
	thEducPop
	thAccesDroits
	thTiersLieux
	thEntrepreneuriat
	thDroitsCulturels
)

var themeDefs = []themeDef{
	{name: "Économie sociale et solidaire", fem: true, acronym: "ESS"},
	{name: "Innovation sociale", fem: true},
	{name: "Participation citoyenne", fem: true},
	{name: "Politique de la ville", fem: true},
	{name: "Insertion par l'activité économique", fem: true, acronym: "IAE"},
	{name: "Développement économique"},
	{name: "Insertion professionnelle", fem: true},
	{name: "Cohésion sociale", fem: true},
	{name: "Transition écologique", fem: true},
	{name: "Économie circulaire", fem: true},
	{name: "Alimentation durable", fem: true},
	{name: "Renouvellement urbain"},
	{name: "Habitat participatif"},
	{name: "Inclusion numérique", fem: true},
	{name: "Petite enfance", fem: true},
	{name: "Égalité entre les femmes et les hommes", fem: true},
	{name: "Lutte contre les discriminations", fem: true},
	{name: "Vie associative", fem: true},
	{name: "Finance solidaire", fem: true},
	{name: "Commande publique responsable", fem: true},
	{name: "Mobilité solidaire", fem: true},
	{name: "Éducation populaire", fem: true},
	{name: "Accès aux droits"},
	{name: "Tiers-lieux", plur: true},
	{name: "Entrepreneuriat social"},
	{name: "Droits culturels", plur: true},
}

// titleDef is a position, masculine and feminine.
type titleDef struct{ m, f string }

var (
	titlesNetwork     = []titleDef{{"président", "présidente"}, {"délégué général", "déléguée générale"}, {"directeur", "directrice"}, {"chargé de mission", "chargée de mission"}, {"coprésident", "coprésidente"}, {"secrétaire général", "secrétaire générale"}}
	titlesAssociation = []titleDef{{"président", "présidente"}, {"directeur", "directrice"}, {"coordinateur", "coordinatrice"}, {"chargé de mission", "chargée de mission"}, {"cofondateur", "cofondatrice"}, {"trésorier", "trésorière"}}
	titlesCooperative = []titleDef{{"gérant", "gérante"}, {"cogérant", "cogérante"}, {"directeur général", "directrice générale"}, {"président", "présidente"}}
	titlesThirdPlace  = []titleDef{{"directeur", "directrice"}, {"coordinateur", "coordinatrice"}, {"cofondateur", "cofondatrice"}, {"animateur", "animatrice"}}
	titlesChildcare   = []titleDef{{"directeur", "directrice"}, {"fondateur", "fondatrice"}, {"responsable pédagogique", "responsable pédagogique"}}
	titlesFund        = []titleDef{{"président", "présidente"}, {"directeur", "directrice"}, {"chargé d'investissement", "chargée d'investissement"}}
	titlesMinistry    = []titleDef{{"conseiller chargé de l'ESS", "conseillère chargée de l'ESS"}, {"sous-directeur", "sous-directrice"}, {"chef de bureau", "cheffe de bureau"}}
	titlesAgency      = []titleDef{{"directeur général", "directrice générale"}, {"chargé de mission", "chargée de mission"}, {"directeur régional", "directrice régionale"}}
	titlesCommune     = []titleDef{{"maire", "maire"}, {"maire adjoint à l'ESS", "maire adjointe à l'ESS"}, {"adjoint au maire chargé de la politique de la ville", "adjointe au maire chargée de la politique de la ville"}, {"conseiller municipal délégué à la participation citoyenne", "conseillère municipale déléguée à la participation citoyenne"}, {"chef de projet politique de la ville", "cheffe de projet politique de la ville"}}
	titlesDepartment  = []titleDef{{"président", "présidente"}, {"vice-président chargé de l'insertion", "vice-présidente chargée de l'insertion"}, {"conseiller départemental", "conseillère départementale"}, {"directeur de l'action sociale", "directrice de l'action sociale"}}
	titlesRegion      = []titleDef{{"président", "présidente"}, {"vice-président chargé de l'ESS", "vice-présidente chargée de l'ESS"}, {"conseiller régional délégué à l'innovation sociale", "conseillère régionale déléguée à l'innovation sociale"}, {"chargé de mission ESS", "chargée de mission ESS"}}
	titleBoard        = titleDef{"administrateur", "administratrice"}
)

// Organization names.

var networkHeadsNational = []struct {
	head       string
	fem, plur  bool
	withoutDet bool
}{
	{head: "Réseau national des"}, {head: "Fédération nationale des", fem: true}, {head: "Union nationale des", fem: true},
	{head: "Collectif national des"}, {head: "Mouvement des"}, {head: "Réseau des"}, {head: "Coordination nationale des", fem: true},
	{head: "Association nationale des", fem: true}, {head: "Alliance des", fem: true}, {head: "Conférence permanente des", fem: true},
}

var networkHeadsRegional = []struct {
	head string
	fem  bool
}{
	{"Réseau régional des", false}, {"Union régionale des", true}, {"Collectif des", false}, {"Fédération régionale des", true},
	{"Réseau des", false}, {"Coordination régionale des", true}, {"Association régionale des", true},
}

var networkGroups = []string{
	"collectivités engagées pour l'ESS", "tiers-lieux solidaires", "acteurs de l'innovation sociale", "structures d'insertion",
	"entreprises d'insertion", "ressourceries et recycleries", "jardins partagés", "coopératives d'activité",
	"fabriques de territoire", "acteurs du développement local", "maisons de l'emploi", "crèches coopératives",
	"territoires solidaires", "chantiers d'insertion", "cafés associatifs", "monnaies locales",
	"entrepreneurs sociaux", "habitats participatifs", "conseils citoyens", "acteurs de la politique de la ville",
	"épiceries solidaires", "garages solidaires", "centres de ressources", "pôles de coopération",
	"collectifs d'habitants", "plateformes de mobilité", "acteurs de la finance solidaire", "lieux intermédiaires",
	"associations de quartier", "pépinières d'entreprises sociales", "médiateurs sociaux", "groupements d'employeurs",
	"auto-écoles sociales", "boutiques solidaires", "espaces de vie sociale", "coopératives jeunesse",
}

type headDef struct {
	text      string
	fem, plur bool
}

var associationHeads = []headDef{
	{"Tremplin", false, false}, {"Passerelles", true, true}, {"Trait d'Union", false, false}, {"Graines", true, true},
	{"Horizons", false, true}, {"Boussole", true, false}, {"Escale", true, false}, {"Relais", false, false},
	{"Cap", false, false}, {"Envol", false, false}, {"Racines", true, true}, {"Mosaïque", true, false},
	{"Entraide", true, false}, {"Pas à Pas", false, false}, {"Main Tendue", true, false}, {"Le Lien", false, false},
	{"La Navette", true, false}, {"Les Jardins", false, true}, {"Ensemble", false, false}, {"Rebond", false, false},
	{"Déclic", false, false}, {"Élan", false, false}, {"Sésame", false, false}, {"Agora", true, false},
	{"Ricochet", false, false}, {"Fil Rouge", false, false}, {"Carrefour", false, false}, {"Archipel", false, false},
	{"Parenthèse", true, false}, {"Interlude", false, false}, {"Sillage", false, false}, {"Cordée", true, false},
	{"Les Semeurs", false, true}, {"Les Bâtisseurs", false, true}, {"Clairière", true, false}, {"Vis-à-Vis", false, false},
	{"Éclat", false, false}, {"Boomerang", false, false}, {"Kaléidoscope", false, false}, {"Tandem", false, false},
}

var associationTails = []string{
	"pour l'Emploi", "des Quartiers", "des Possibles", "et Partage", "Insertion", "Jeunesse", "Solidarité", "Services",
	"Accueil", "Avenir", "Initiatives", "Citoyenneté", "Vivre Ensemble", "et Compagnie", "Emploi", "Famille",
	"des Habitants", "Médiation", "Formation", "Culture",
}

var cooperativeHeads = []headDef{
	{"Les Ateliers", false, true}, {"La Manufacture", true, false}, {"L'Équipage", false, false}, {"Les Compagnons", false, true},
	{"La Coop", true, false}, {"Les Artisans", false, true}, {"La Forge", true, false}, {"Le Chantier", false, false},
	{"L'Outil", false, false}, {"Le Grenier", false, false}, {"La Table", true, false}, {"Le Moulin", false, false},
	{"Le Comptoir", false, false}, {"Les Toits", false, true}, {"La Fabrique", true, false}, {"Le Fournil", false, false},
	{"La Remise", true, false}, {"L'Échoppe", true, false}, {"Le Potager", false, false}, {"La Voilerie", true, false},
	{"Les Tisserands", false, true}, {"La Clé", true, false}, {"Le Pressoir", false, false}, {"L'Atelier", false, false},
}

var cooperativeTails = []string{"du Lien", "des Savoirs", "des Communs", "du Partage", "du Faubourg", "des Possibles", "des Métiers", "du Coin", "d'Ici", "des Quartiers", "des Transitions", "de la Vallée"}

var cooperativeDescs = []string{"SCIC ", "SCOP ", "coopérative ", "coopérative d’activité et d’emploi "}

var thirdPlaceHeads = []headDef{
	{"La Friche", true, false}, {"Le Hangar", false, false}, {"La Coursive", true, false}, {"La Verrière", true, false},
	{"Le Quai", false, false}, {"La Halle", true, false}, {"La Station", true, false}, {"La Base", true, false},
	{"Le Local", false, false}, {"La Grange", true, false}, {"La Maison", true, false}, {"Le Phare", false, false},
	{"La Serre", true, false}, {"L'Usine", true, false}, {"La Canopée", true, false}, {"Le Bocal", false, false},
	{"La Cantine", true, false}, {"La Passerelle", true, false}, {"Le Préau", false, false}, {"La Rotonde", true, false},
	{"Le Kiosque", false, false}, {"La Gare", true, false}, {"Le Dock", false, false}, {"La Filature", true, false},
	{"La Tannerie", true, false}, {"La Minoterie", true, false}, {"La Briqueterie", true, false}, {"Le Lavoir", false, false},
}

var thirdPlaceTails = []string{"des Possibles", "des Communs", "du Faubourg", "des Savoirs", "des Initiatives", "Solidaire", "Numérique", "des Transitions", "des Quartiers", "Commune"}

var crecheNames = []string{
	"Les Petits Pas", "Les Lucioles", "Les Marmousets", "Pirouette", "Les P'tits Loups", "Ribambelle", "Les Pitchouns",
	"Trottinette", "Les Galopins", "L'Île aux Enfants", "Les Frimousses", "Tom Pouce", "Les Libellules", "Les Écureuils",
	"Les Coccinelles", "La Farandole", "Les Mini-Pousses", "Les Bambins", "Les Chérubins", "Arc-en-Ciel", "Les Lutins",
	"Les Moussaillons", "Les Diablotins", "Les Loupiots", "Les Oursons", "Les Hirondelles", "Les Colibris", "Les Minots",
}

var crecheDescs = []string{"crèche ", "crèche coopérative ", "micro-crèche ", "crèche associative "}

var fundKinds = []string{
	"Fonds régional pour l'innovation sociale", "Fonds territorial d'investissement solidaire", "Fonds de dotation pour l'emploi local",
	"Fonds d'amorçage solidaire", "Fonds de garantie pour l'ESS", "Fonds de confiance pour les initiatives locales",
	"Fonds de soutien aux tiers-lieux", "Fonds de développement de la vie associative",
}

var ministries = []string{
	"Ministère du Travail et de l'Emploi", "Ministère de la Ville", "Ministère de l'Économie et des Finances",
	"Ministère de la Cohésion des territoires", "Ministère des Solidarités et des Familles",
	"Ministère de l'Éducation nationale et de la Jeunesse", "Ministère de la Culture",
	"Ministère de l'Agriculture et de l'Alimentation", "Ministère de la Transition écologique", "Ministère de l'Intérieur",
}

var agencies = []struct {
	name, acronym string
	fem, noDet    bool
}{
	{"Agence nationale de la cohésion des territoires", "ANCT", true, false},
	{"Banque des Territoires", "", true, false},
	{"France Travail", "", false, true},
	{"Agence nationale pour la rénovation urbaine", "ANRU", true, false},
	{"Agence de l'environnement et de la maîtrise de l'énergie", "ADEME", true, false},
	{"Caisse nationale des allocations familiales", "CNAF", true, false},
}

// Events.

type evKind struct {
	noun    string
	fem     bool
	ordinal bool
	kind    string
	word    string // how the text refers to it afterwards: "la rencontre"
}

var evKinds = []*evKind{
	{"Rencontre", true, true, "meeting", "rencontre"},
	{"Journée", true, true, "meeting", "journée"},
	{"Forum", false, true, "forum", "forum"},
	{"Colloque", false, true, "conference", "colloque"},
	{"Séminaire", false, true, "seminar", "séminaire"},
	{"Université d'été", true, true, "summer_school", "université d’été"},
	{"Conférence", true, false, "conference", "conférence"},
	{"Festival", false, true, "festival", "festival"},
	{"Biennale", true, true, "biennial", "biennale"},
	{"Salon", false, true, "fair", "salon"},
}

var webinarKind = &evKind{"Webinaire", false, false, "webinar", "webinaire"}

type topicDef struct {
	text   string
	themes []int
}

var eventTopics = []topicDef{
	{"des collectivités autour de l'ESS", []int{thESS}},
	{"de l'innovation sociale", []int{thInnovation}},
	{"des tiers-lieux", []int{thTiersLieux, thDevEco}},
	{"de la participation citoyenne", []int{thParticipation}},
	{"de l'insertion par l'activité économique", []int{thIAE, thInsertionPro}},
	{"des acteurs de la politique de la ville", []int{thPolitiqueVille}},
	{"de l'économie circulaire", []int{thCirculaire, thTransitionEco}},
	{"de la finance solidaire", []int{thFinance}},
	{"de l'alimentation durable", []int{thAlimentation}},
	{"de l'inclusion numérique", []int{thNumerique}},
	{"de la petite enfance", []int{thPetiteEnfance}},
	{"de l'habitat participatif", []int{thHabitat}},
	{"de l'entrepreneuriat social", []int{thEntrepreneuriat, thESS}},
	{"de la vie associative", []int{thVieAsso}},
	{"de l'éducation populaire", []int{thEducPop}},
	{"des quartiers populaires", []int{thPolitiqueVille, thCohesion}},
	{"de l'emploi et de l'insertion", []int{thInsertionPro, thIAE}},
	{"de la transition écologique", []int{thTransitionEco}},
	{"du renouvellement urbain", []int{thRenouvellement, thPolitiqueVille}},
	{"de la commande publique responsable", []int{thCommande}},
	{"de l'égalité entre les femmes et les hommes", []int{thEgalite}},
	{"des mobilités solidaires", []int{thMobilite}},
	{"de l'accès aux droits", []int{thAccesDroits}},
	{"des droits culturels", []int{thDroitsCulturels}},
	{"de la lutte contre les discriminations", []int{thDiscriminations}},
}

var webinarTopics = []topicDef{
	{"Financer son tiers-lieu", []int{thTiersLieux, thFinance}},
	{"Mobiliser les habitants des quartiers", []int{thParticipation, thPolitiqueVille}},
	{"Réussir sa candidature à un appel à projets", []int{thVieAsso}},
	{"Clauses sociales et marchés publics", []int{thCommande, thInsertionPro}},
	{"Créer une SCIC avec sa collectivité", []int{thESS}},
	{"Évaluer son impact social", []int{thInnovation}},
	{"Lancer un budget participatif", []int{thParticipation}},
	{"Accompagner les publics éloignés du numérique", []int{thNumerique}},
	{"Développer une épicerie solidaire", []int{thAlimentation, thCohesion}},
	{"Accueillir des jeunes en service civique", []int{thVieAsso, thEducPop}},
	{"Ouvrir une crèche à vocation d'insertion", []int{thPetiteEnfance, thInsertionPro}},
	{"Monter un projet d'habitat participatif", []int{thHabitat}},
	{"Lutter contre le non-recours aux droits", []int{thAccesDroits}},
	{"Coopérer entre structures de l'IAE", []int{thIAE}},
	{"Favoriser l'égalité professionnelle", []int{thEgalite}},
	{"Organiser la mobilité des demandeurs d'emploi", []int{thMobilite, thInsertionPro}},
}

var scopeAdj = map[string][2]string{ // masculine, feminine
	"national":     {"national", "nationale"},
	"regional":     {"régional", "régionale"},
	"departmental": {"départemental", "départementale"},
}

// Initiatives.

type projectDef struct {
	noun   string
	fem    bool
	themes []int
	descr  []string
}

var projectDefs = []projectDef{
	{"Ressourcerie", true, []int{thCirculaire, thIAE}, []string{
		"Le lieu collecte les objets dont les habitants n’ont plus l’usage, les remet en état et les revend à petits prix.",
		"Chaque année, plusieurs dizaines de tonnes d’objets échappent ainsi à l’enfouissement.",
		"Les salariés en parcours d’insertion y apprennent les métiers du tri, de la réparation et de la vente."}},
	{"Recyclerie", true, []int{thCirculaire}, []string{
		"La recyclerie donne une seconde vie aux meubles, aux vêtements et à l’électroménager déposés par les habitants.",
		"Des ateliers de réparation sont proposés chaque samedi matin."}},
	{"Épicerie solidaire", true, []int{thAlimentation, thCohesion}, []string{
		"Les familles orientées par les travailleurs sociaux y achètent des produits frais et de qualité pour 10 à 30 % de leur prix habituel.",
		"L’épicerie est aussi un lieu d’écoute et d’ateliers autour de la cuisine et du budget."}},
	{"Garage solidaire", false, []int{thMobilite, thInsertionPro}, []string{
		"Le garage répare à prix réduit les véhicules des personnes en insertion, pour qui la voiture conditionne souvent l’accès à l’emploi.",
		"Il propose aussi la location de véhicules à petit prix pour les premiers mois d’un nouvel emploi."}},
	{"Jardin partagé", false, []int{thParticipation, thAlimentation}, []string{
		"Une trentaine de parcelles sont cultivées collectivement par les habitants, accompagnés par un animateur.",
		"Le jardin accueille aussi les écoles du quartier pour des ateliers autour du compost et des semis."}},
	{"Café associatif", false, []int{thVieAsso, thCohesion}, []string{
		"Tenu par des bénévoles, le café est ouvert du mardi au samedi et propose une programmation culturelle gratuite.",
		"On y vient pour boire un café à prix libre, jouer, lire la presse ou monter un projet."}},
	{"Conciergerie solidaire", true, []int{thIAE, thDevEco}, []string{
		"La conciergerie propose aux salariés des entreprises voisines des services du quotidien, assurés par des personnes en insertion.",
		"Pressing, retouches, petites réparations : une dizaine de services sont proposés."}},
	{"Atelier vélo solidaire", false, []int{thMobilite, thCirculaire}, []string{
		"L’atelier apprend aux habitants à entretenir et réparer eux-mêmes leur vélo, avec des pièces de réemploi.",
		"Des vélos reconditionnés sont vendus à prix réduit aux étudiants et aux demandeurs d’emploi."}},
	{"Cantine solidaire", true, []int{thAlimentation, thCohesion}, []string{
		"Chaque midi, la cantine sert un repas complet, cuisiné avec des produits locaux, à un prix adapté aux revenus de chacun.",
		"La cuisine est aussi un support de formation pour des personnes éloignées de l’emploi."}},
	{"Maison des projets", true, []int{thParticipation, thRenouvellement}, []string{
		"Installée en pied d’immeuble, la maison des projets informe les habitants sur les transformations du quartier et recueille leurs avis.",
		"Des permanences et des balades urbaines y sont organisées chaque mois."}},
	{"Fablab", false, []int{thNumerique, thInnovation}, []string{
		"Le fablab met à disposition des imprimantes 3D, une découpeuse laser et des outils numériques, avec l’appui de médiateurs.",
		"Les jeunes du quartier y suivent des ateliers de fabrication et de programmation."}},
	{"Légumerie", true, []int{thAlimentation, thIAE}, []string{
		"La légumerie prépare des légumes locaux pour la restauration collective du territoire.",
		"Elle emploie des salariés en parcours d’insertion, formés aux métiers de la transformation alimentaire."}},
	{"Auto-école sociale", true, []int{thMobilite, thInsertionPro}, []string{
		"L’auto-école accompagne vers le permis de conduire des personnes pour qui l’apprentissage classique est trop coûteux ou trop rapide.",
		"Les cours de code sont adaptés aux personnes qui maîtrisent mal l’écrit."}},
	{"Plateforme de mobilité", true, []int{thMobilite}, []string{
		"La plateforme diagnostique les besoins de mobilité des demandeurs d’emploi et leur propose des solutions adaptées.",
		"Location de scooters, covoiturage et apprentissage du vélo font partie de l’offre."}},
	{"Boutique solidaire", true, []int{thCirculaire, thCohesion}, []string{
		"La boutique propose des vêtements de seconde main triés par des bénévoles, à des prix accessibles à tous.",
		"Une partie des recettes finance des actions d’accompagnement social."}},
	{"Chantier d'insertion", false, []int{thIAE, thTransitionEco}, []string{
		"Le chantier emploie une quinzaine de salariés en contrat d’insertion à l’entretien des espaces naturels.",
		"Chaque salarié bénéficie d’un accompagnement socioprofessionnel et de formations qualifiantes."}},
	{"Régie de quartier", true, []int{thPolitiqueVille, thIAE}, []string{
		"La régie assure l’entretien des parties communes et des espaces verts, en embauchant en priorité des habitants du quartier.",
		"Elle organise aussi des actions de médiation et d’animation de proximité."}},
	{"Bricothèque", true, []int{thCirculaire, thVieAsso}, []string{
		"La bricothèque prête aux habitants perceuses, échelles et outils de jardinage contre une adhésion symbolique.",
		"Des bénévoles y animent des initiations au bricolage."}},
	{"Ludothèque", true, []int{thEducPop, thCohesion}, []string{
		"La ludothèque prête des jeux et accueille familles et assistantes maternelles plusieurs fois par semaine.",
		"Des soirées jeux y rassemblent régulièrement toutes les générations."}},
	{"Point d'accueil numérique", false, []int{thNumerique, thAccesDroits}, []string{
		"Des conseillers numériques y aident les habitants dans leurs démarches en ligne : impôts, retraite, allocations.",
		"Des ateliers collectifs permettent d’apprendre à utiliser un ordinateur ou un téléphone."}},
	{"Laverie solidaire", true, []int{thCohesion, thIAE}, []string{
		"La laverie propose des machines à prix réduit et un espace d’accueil chaleureux.",
		"Les personnes sans domicile y trouvent aussi une bagagerie et une domiciliation."}},
	{"Friperie solidaire", true, []int{thCirculaire}, []string{
		"La friperie revend à petits prix des vêtements donnés par les habitants, après tri et remise en état.",
		"Elle organise régulièrement des défilés et des ateliers de couture."}},
	{"Coopérative jeunesse de services", true, []int{thEntrepreneuriat, thEducPop}, []string{
		"Pendant l’été, une quinzaine de jeunes de 16 à 18 ans y créent et gèrent leur propre entreprise coopérative.",
		"Ils proposent aux habitants et aux entreprises des services de jardinage, de peinture ou de déménagement."}},
}

var programmeHeads = []string{"Cap", "Tremplin", "Déclic", "Passerelle", "Boussole", "Élan", "Essor", "Trajectoires", "Horizon", "Impulsion", "Levier", "Sésame", "Relais", "Ancrage", "Cordée", "Éclaireurs", "Boost", "Pivot"}
var programmeTails = []string{"Emploi", "Quartiers", "Jeunes", "Entreprendre", "Avenir", "Inclusion", "Solidaire", "Territoires", "Compétences", "Numérique", "Mobilité", "Égalité"}
var programmeThemes = map[string][]int{
	"Emploi": {thInsertionPro}, "Quartiers": {thPolitiqueVille}, "Jeunes": {thInsertionPro, thEducPop}, "Entreprendre": {thEntrepreneuriat},
	"Avenir": {thInnovation}, "Inclusion": {thCohesion}, "Solidaire": {thESS}, "Territoires": {thDevEco}, "Compétences": {thInsertionPro},
	"Numérique": {thNumerique}, "Mobilité": {thMobilite}, "Égalité": {thEgalite},
}

var callTopics = []topicDef{
	{"Quartiers solidaires", []int{thPolitiqueVille, thCohesion}},
	{"Innovation sociale", []int{thInnovation}},
	{"ESS et territoires", []int{thESS, thDevEco}},
	{"Tiers-lieux de demain", []int{thTiersLieux}},
	{"Alimentation durable", []int{thAlimentation}},
	{"Emploi des jeunes", []int{thInsertionPro}},
	{"Inclusion numérique", []int{thNumerique}},
	{"Mobilités solidaires", []int{thMobilite}},
	{"Économie circulaire", []int{thCirculaire}},
	{"Égalité des chances", []int{thDiscriminations, thEgalite}},
	{"Initiatives citoyennes", []int{thParticipation}},
	{"Cœur de quartier", []int{thPolitiqueVille, thRenouvellement}},
	{"Entreprendre autrement", []int{thEntrepreneuriat, thESS}},
	{"Solidarités de proximité", []int{thCohesion, thVieAsso}},
	{"Transition juste", []int{thTransitionEco}},
	{"Vivre ensemble", []int{thCohesion, thDiscriminations}},
	{"Jeunesse engagée", []int{thEducPop, thVieAsso}},
	{"Premiers pas dans l'emploi", []int{thIAE, thInsertionPro}},
}

package extract

import "strings"

// Closed word classes of French used by the rules, as folded forms.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var (
	// prepositions that chain the complements of a name
	namePreps = set("de", "du", "des", "d", "pour", "contre", "sur", "en", "a", "au", "aux", "et", "sans", "entre", "chez")
	articles  = set("le", "la", "les", "l", "un", "une")
	// determiners that start a noun phrase
	determiners = set("le", "la", "les", "l", "un", "une", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "du", "des", "au", "aux")
	possessives = set("son", "sa", "ses", "leur", "leurs")
	// words that never belong to a name
	nameStops = set(
		"qui", "que", "qu", "dont", "ou", "où", "quand", "comme", "mais", "donc", "or", "ni", "car", "si", "ainsi", "afin", "alors", "puis", "ensuite", "enfin",
		"il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "y", "se", "s", "ne", "n", "pas", "plus", "moins", "tres", "trop", "aussi", "deja", "encore", "toujours", "jamais", "bien",
		"lors", "dans", "par", "avec", "depuis", "selon", "pendant", "apres", "avant", "vers", "sous", "jusqu", "via", "malgre", "parmi", "grace", "cote", "quant",
		"ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos",
		"a", "ont", "est", "sont", "etait", "etaient", "sera", "seront", "serait", "avait", "avaient", "aura", "auront", "fut", "ete", "etre", "avoir",
		"fait", "font", "peut", "peuvent", "doit", "doivent", "va", "vont", "vient", "viennent", "devient", "deviennent", "reste", "restent",
		"chaque", "tout", "tous", "toute", "toutes", "plusieurs", "certains", "certaines", "autres", "aucun", "aucune",
		"ici", "la-bas", "aujourd hui", "hier", "demain", "desormais", "notamment", "egalement", "ensemble",
	)
	pronouns = set("il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "qui", "que", "dont")
	months   = set("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre")
	weekdays = set("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
	// frequent verb forms of the field's articles (3rd person, present,
	// past, future, participles used as verbs)
	verbForms = set(
		"organise", "organisent", "organisera", "organiseront", "lance", "lancent", "lancera", "propose", "proposent", "proposera",
		"presente", "presentent", "presentera", "accompagne", "accompagnent", "accompagnera", "soutient", "soutiennent", "soutiendra",
		"finance", "financent", "financera", "cofinance", "cofinancera", "annonce", "annoncent", "publie", "publient", "met", "mettent", "reunit", "reunissent",
		"accueille", "accueillent", "accueillera", "porte", "portent", "signe", "signent", "cree", "creent", "ouvre", "ouvrent", "ouvrira",
		"permet", "permettent", "compte", "comptent", "represente", "representent", "rappelle", "rappellent", "explique", "expliquent",
		"souligne", "soulignent", "estime", "estiment", "indique", "indiquent", "precise", "precisent", "declare", "plaide", "plaident",
		"salue", "saluent", "mise", "misent", "vise", "visent", "emploie", "emploient", "dresse", "pese", "alerte", "alertent", "federe", "federent",
		"anime", "animent", "animera", "coordonne", "coordonnent", "prepare", "preparent", "recrute", "recrutent", "dirige", "dirigent", "preside",
		"regroupe", "regroupent", "rassemble", "rassemblent", "developpe", "developpent", "agit", "agissent", "travaille", "travaillent",
		"tient", "tiennent", "tiendra", "revient", "reviennent", "renforce", "renforcent", "adopte", "adoptent", "veut", "veulent", "souhaite", "souhaitent",
		"inaugure", "inaugurent", "decide", "decident", "engage", "engagent", "assure", "assurent", "prevoit", "prevoient", "consacre", "consacrent",
		"invite", "invitent", "reunira", "accueilli", "organise", "lancee", "lances",
		"repare", "reparent", "loue", "louent", "vend", "vendent", "revend", "revendent", "forme", "forment", "collecte", "collectent",
		"transforme", "transforment", "cultive", "cultivent", "livre", "livrent", "distribue", "distribuent", "recycle", "recyclent",
		"reconditionne", "reconditionnent", "produit", "produisent", "fournit", "fournissent", "construit", "construisent", "gere", "gerent",
		"offre", "offrent", "sert", "servent", "installe", "installent", "rend", "rendent", "aide", "aident",
	)
	// roles written after a name with no organization ("X, maire de …")
	civilTitles = set("m", "mme", "mlle", "monsieur", "madame", "mademoiselle", "me", "maitre", "dr", "docteur", "pr", "professeur")
	// name particles
	particles = set("de", "du", "des", "d", "la", "le", "van", "von", "der", "den", "da", "di", "dos", "das", "del", "della", "ben", "bin", "ibn", "el", "al", "abd", "ould", "mac", "mc", "ter", "te")
	// quotes opening and closing a title
	openQuotes  = set("«", "\"", "“", "‘")
	closeQuotes = set("»", "\"", "”", "’")
)

// adjectiveWords are frequent adjectives of names with no typical ending.
var adjectiveWords = set("solidaire", "solidaires", "durable", "durables", "nouveau", "nouvelle", "nouvel", "grand", "grande", "grands", "grandes",
	"petit", "petite", "petits", "petites", "jeune", "jeunes", "libre", "libres", "commun", "commune", "communs", "communes",
	"long", "longue", "courte", "court", "haut", "haute", "vert", "verte", "verts", "vertes", "unique", "zero",
	"urbain", "urbaine", "urbains", "urbaines", "rural", "rurale", "humain", "humaine", "central", "centrale", "prioritaire", "prioritaires",
	"national", "nationale", "nationaux", "nationales", "regional", "regionale", "general", "generale", "francais", "francaise", "francaises",
	"europeen", "europeenne", "interfederale", "interfederal", "associatif", "associative", "cooperatif", "cooperative", "mutualiste")

var adjectiveSuffixes = []string{"ique", "iques", "al", "ale", "ales", "aux", "el", "elle", "elles", "els", "aire", "aires", "if", "ive", "ifs", "ives",
	"ien", "ienne", "iens", "iennes", "yen", "yenne", "yens", "yennes", "eux", "euse", "euses", "able", "ables", "ible", "ibles",
	"ier", "iers", "iere", "ieres", "ain", "aine", "ains", "aines", "iste", "istes", "oire", "oires",
	"een", "eens", "eenne", "eennes", "aise", "aises", "oise", "oises"}

// adjectiveLike reports whether a folded lower-case word looks like an
// adjective that can extend a name ("écologique", "solidaire", "nationale").
func adjectiveLike(f string) bool {
	if adjectiveWords[f] {
		return true
	}
	if len(f) < 4 || verbForms[f] || nameStops[f] {
		return false
	}
	for _, suf := range adjectiveSuffixes {
		if strings.HasSuffix(f, suf) {
			return true
		}
	}
	return false
}

// participle reports whether a folded word looks like a past participle
// ("engagées", "dédié").
func participle(f string) bool {
	for _, suf := range []string{"e", "ee", "es", "ees"} {
		if strings.HasSuffix(f, suf) && len(f) > len(suf)+3 && !adjectiveLike(f) {
			stem := f[:len(f)-len(suf)]
			if strings.HasSuffix(stem, "e") || suf == "e" && strings.HasSuffix(f, "e") {
				return true
			}
		}
	}
	return false
}

// verbLike reports whether a folded lower-case word is probably a verb.
func verbLike(f string) bool {
	if verbForms[f] || nameStops[f] {
		return true
	}
	return strings.HasSuffix(f, "ent") && !strings.HasSuffix(f, "ment") && len(f) > 4 && !adjectiveWords[f]
}

package article_test

import (
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/article"
)

// wrapped builds a text hard-wrapped like the export, around 60 columns.
func wrapped(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

func TestLineEndHyphenIsDecidedByTheContinuation(t *testing.T) {
	in := wrapped(
		"La communauté d'agglomération soutient le dé-",
		"veloppement des coopératives et la co-construction des",
		"politiques publiques avec les habitants des Hauts-de-",
		"France, dans une logique de co-",
		"construction assumée et de rendez-",
		"vous réguliers avec les élus du territoire concerné.",
	)
	a := parseOne(t, "h.txt", in, article.Text)
	for _, want := range []string{"le développement des", "des Hauts-de-France, dans", "logique de co-construction assumée", "de rendez-vous réguliers"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q: %q", want, a.Text)
		}
	}
}

func TestWrappedParagraphsBreakAtIndentedLinesAndShortSentenceEnds(t *testing.T) {
	in := wrapped(
		"Le conseil départemental a voté hier un plan de soutien aux",
		"structures d'insertion par l'activité économique du territoire.",
		"  Ce plan prévoit trois millions d'euros sur trois ans pour",
		"les ateliers et chantiers d'insertion et les entreprises.",
		"Il sera évalué en 2026.",
		"Les associations saluent une décision attendue depuis des",
		"années par les acteurs de terrain du département entier.",
	)
	a := parseOne(t, "w.txt", in, article.Text)
	paras := strings.Split(a.Text, "\n\n")
	want := []string{
		"Le conseil départemental a voté hier un plan de soutien aux structures d'insertion par l'activité économique du territoire.",
		"Ce plan prévoit trois millions d'euros sur trois ans pour les ateliers et chantiers d'insertion et les entreprises. Il sera évalué en 2026.",
		"Les associations saluent une décision attendue depuis des années par les acteurs de terrain du département entier.",
	}
	if strings.Join(paras, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs:\n%q\nwant\n%q", paras, want)
	}
}

func TestListItemsAndHeadingsStartParagraphs(t *testing.T) {
	in := wrapped(
		"Programme de la journée",
		"La matinée sera consacrée aux retours d'expérience des territoires,",
		"avec trois interventions successives devant les participants :",
		"- la régie de quartier de Roubaix ;",
		"- le tiers-lieu de Sevran ;",
		"- la coopérative jeunesse de Brest.",
	)
	a := parseOne(t, "l.txt", in, article.Text)
	paras := strings.Split(a.Text, "\n\n")
	if len(paras) != 5 || paras[0] != "Programme de la journée" || paras[2] != "- la régie de quartier de Roubaix ;" {
		t.Errorf("paragraphs: %q", paras)
	}
}

func TestHTMLLayoutWrappersAreKeptAndBoilerplateClassesDropped(t *testing.T) {
	page := `<html><body><div class="content-sidebar-wrap"><div class="post-share">Partager sur Facebook</div>
<p>La coopérative d'activité et d'emploi accompagne 80 entrepreneurs à Tours.</p>
<p class="sr-only">Texte pour lecteurs d'écran</p><div class="widget related-posts"><p>Autre article</p></div>
<p style="display: none">caché</p><p hidden>caché aussi</p></div></body></html>`
	a := parseOne(t, "w.html", page, article.Auto)
	if a.Text != "La coopérative d'activité et d'emploi accompagne 80 entrepreneurs à Tours." {
		t.Errorf("text = %q", a.Text)
	}
}

func TestHTMLInvalidUTF8FallsBackToWindows1252(t *testing.T) {
	page := "<html><head><meta charset=\"utf-8\"></head><body><p>R\xe9seau d\x92acteurs \x96 \xe9t\xe9 2024</p></body></html>"
	a := parseOne(t, "x.html", page, article.Auto)
	if a.Text != "Réseau d’acteurs – été 2024" {
		t.Errorf("text = %q", a.Text)
	}
}

func TestMarkdownTOMLFrontMatterAndSetextHeading(t *testing.T) {
	md := "+++\ntitle = \"Les PTCE en 2024\"\ndate = \"2024-05-02\"\ntags = [\"PTCE\", \"Coopération\"]\n+++\n\nBilan annuel\n============\n\nLes pôles territoriaux de coopération\néconomique se développent.\n"
	a := parseOne(t, "p.md", md, article.Auto)
	if a.Title != "Les PTCE en 2024" || a.PublishedAt != "2024-05-02" || strings.Join(a.Themes, "|") != "PTCE|Coopération" {
		t.Errorf("metadata: %+v", a)
	}
	if a.Text != "Bilan annuel\n\nLes pôles territoriaux de coopération économique se développent." {
		t.Errorf("text = %q", a.Text)
	}
}

func TestJSONObjectWithArticlesArray(t *testing.T) {
	in := `{"source": "export CMS", "articles": [{"title": "A", "text": "Texte A."}, {"title": "B", "body": "Texte B.", "published_at": 1717200000}]}`
	arts, err := article.Parse("x.json", []byte(in), article.Auto)
	if err != nil || len(arts) != 2 || arts[0].Text != "Texte A." || arts[1].Text != "Texte B." || arts[1].PublishedAt != "2024-06-01" {
		t.Errorf("got %+v, %v", arts, err)
	}
}

func TestHTMLEntityMojibakeIsRepaired(t *testing.T) {
	a := parseOne(t, "m.html", "<p>L&acirc;&#128;&#153;&Atilde;&copy;t&Atilde;&copy; solidaire</p>", article.Auto)
	if a.Text != "L’été solidaire" {
		t.Errorf("text = %q", a.Text)
	}
}

func TestAgendaItemsOfAWrappedProgrammeStayApart(t *testing.T) {
	in := wrapped(
		"La journée a réuni plus de cent membres de conseils citoyens venus de toute la région pour",
		"échanger sur leurs pratiques et sur la place des habitants dans les contrats de ville.",
		"Programme de la journée",
		"9h30 – Accueil des participants et café",
		"10h – Mots d'accueil de la vice-présidente de la métropole chargée de la politique de la",
		"ville et du secrétaire général de la préfecture",
		"12h – Déjeuner préparé par une association du quartier",
		"13h30 : Ateliers thématiques en petits groupes",
		"16h30 – Clôture par le directeur du centre de ressources",
		"Lors de la première table ronde, les participants ont décrit le fonctionnement de leurs",
		"conseils.",
	)
	a := parseOne(t, "p.txt", in, article.Text)
	paras := strings.Split(a.Text, "\n\n")
	want := []string{
		"La journée a réuni plus de cent membres de conseils citoyens venus de toute la région pour échanger sur leurs pratiques et sur la place des habitants dans les contrats de ville.",
		"Programme de la journée",
		"9h30 – Accueil des participants et café",
		"10h – Mots d'accueil de la vice-présidente de la métropole chargée de la politique de la ville et du secrétaire général de la préfecture",
		"12h – Déjeuner préparé par une association du quartier",
		"13h30 : Ateliers thématiques en petits groupes",
		"16h30 – Clôture par le directeur du centre de ressources",
		"Lors de la première table ronde, les participants ont décrit le fonctionnement de leurs conseils.",
	}
	if strings.Join(paras, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs:\n%q\nwant\n%q", paras, want)
	}
}

func TestMarkdownHardLineBreaksAndAgendaLinesEndParagraphs(t *testing.T) {
	md := "---\ntitle: Agenda\n---\n\n**Mardi 11 mars – Toulouse**  \n*Journée régionale « Égalité »*\\\nLa Région vous invite au Quai des Savoirs.\nInscription en ligne.\n\n9h30 – Accueil\n10h – Ouverture par la présidente\n"
	a := parseOne(t, "a.md", md, article.Auto)
	want := "Mardi 11 mars – Toulouse\n\nJournée régionale « Égalité »\n\nLa Région vous invite au Quai des Savoirs. Inscription en ligne.\n\n9h30 – Accueil\n\n10h – Ouverture par la présidente"
	if a.Text != want {
		t.Errorf("text = %q\nwant %q", a.Text, want)
	}
}

func TestATimeAfterAPrepositionContinuesTheWrappedSentence(t *testing.T) {
	in := wrapped(
		"Les habitants du quartier sont invités à une balade urbaine commentée, rendez-vous à",
		"14h – devant la mairie annexe, avec les architectes du projet de renouvellement.",
		"La balade se terminera par un goûter offert par le centre social du quartier voisin.",
	)
	a := parseOne(t, "b.txt", in, article.Text)
	if want := "Les habitants du quartier sont invités à une balade urbaine commentée, rendez-vous à 14h – devant la mairie annexe, avec les architectes du projet de renouvellement. La balade se terminera par un goûter offert par le centre social du quartier voisin."; a.Text != want {
		t.Errorf("text = %q", a.Text)
	}
}

func TestIndentedTitleLineBeforeAnIndentedParagraphStaysApart(t *testing.T) {
	in := wrapped(
		" Emploi des jeunes dans les quartiers : retour sur la journée régionale du réseau",
		" Le centre de ressources a réuni plus de 160 professionnels le mardi 18 mars 2025 à",
		"Villeurbanne pour sa journée régionale consacrée aux jeunes des quartiers prioritaires.",
		"La journée s'est tenue au centre culturel et de la vie associative de la ville entière.",
	)
	a := parseOne(t, "t.txt", in, article.Text)
	paras := strings.Split(a.Text, "\n\n")
	if len(paras) < 2 || paras[0] != "Emploi des jeunes dans les quartiers : retour sur la journée régionale du réseau" {
		t.Errorf("the title line is joined to the paragraph: %q", paras)
	}
}

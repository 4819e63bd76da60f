package article_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/kg"
)

const sampleFile = "testdata/irev-2018-07-16-journee-collectivites-ess.txt"

type goldArticle struct {
	Article struct {
		URL         string   `json:"url"`
		PublishedAt kg.Date  `json:"publishedAt"`
		ModifiedAt  kg.Date  `json:"modifiedAt"`
		Themes      []string `json:"themes"`
	} `json:"article"`
}

func readOne(t *testing.T, path string, f article.Format) kg.Article {
	t.Helper()
	arts, err := article.ReadFile(path, f)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", path, err)
	}
	if len(arts) != 1 {
		t.Fatalf("ReadFile(%s): %d articles, want 1", path, len(arts))
	}
	return arts[0]
}

func parseOne(t *testing.T, name, content string, f article.Format) kg.Article {
	t.Helper()
	arts, err := article.Parse(name, []byte(content), f)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	if len(arts) != 1 {
		t.Fatalf("Parse(%s): %d articles, want 1", name, len(arts))
	}
	return arts[0]
}

// checkText asserts the invariants every Text keeps.
func checkText(t *testing.T, a kg.Article) {
	t.Helper()
	if !utf8.ValidString(a.Text) {
		t.Errorf("%s: text is not valid UTF-8", a.Source)
	}
	if !norm.NFC.IsNormalString(a.Text) {
		t.Errorf("%s: text is not NFC", a.Source)
	}
	for i, p := range strings.Split(a.Text, "\n\n") {
		if p == "" || strings.Contains(p, "\n") || strings.TrimSpace(p) != p {
			t.Errorf("%s: paragraph %d is empty, has a line break or edge spaces: %q", a.Source, i, p)
		}
	}
	if strings.ContainsAny(a.Text, "\u00ad\u200b\ufeff\r\t") {
		t.Errorf("%s: text keeps invisible junk: %q", a.Source, a.Text)
	}
	if a.ID != kg.ArticleID(a.URL, a.Text) {
		t.Errorf("%s: ID %s is not kg.ArticleID(url, text)", a.Source, a.ID)
	}
}

func TestDevSampleMatchesGoldMetadata(t *testing.T) {
	raw, err := os.ReadFile(sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	goldRaw, err := os.ReadFile(strings.TrimSuffix(sampleFile, ".txt") + ".gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold goldArticle
	if err := json.Unmarshal(goldRaw, &gold); err != nil {
		t.Fatal(err)
	}
	a := readOne(t, sampleFile, article.Auto)
	checkText(t, a)
	if a.Format != string(article.Export) {
		t.Errorf("format = %q, want export", a.Format)
	}
	if a.URL != gold.Article.URL {
		t.Errorf("url = %q, want %q", a.URL, gold.Article.URL)
	}
	if a.Site != "irev.fr" {
		t.Errorf("site = %q, want irev.fr", a.Site)
	}
	if a.PublishedAt != gold.Article.PublishedAt || a.ModifiedAt != gold.Article.ModifiedAt {
		t.Errorf("dates = %s / %s, want %s / %s", a.PublishedAt, a.ModifiedAt, gold.Article.PublishedAt, gold.Article.ModifiedAt)
	}
	if !slices.Equal(a.Themes, gold.Article.Themes) {
		t.Errorf("themes = %q, want %q", a.Themes, gold.Article.Themes)
	}
	if a.ContentHash != kg.ContentHash(string(raw)) {
		t.Errorf("content hash is not the hash of the raw file")
	}
	if a.Source != sampleFile {
		t.Errorf("source = %q", a.Source)
	}
	if a.ID != kg.ArticleID(gold.Article.URL, a.Text) {
		t.Errorf("id %s is not derived from the canonical URL", a.ID)
	}
	if want := "Retour sur la journée nationale des collectivités territoriales autour de l’ESS"; a.Title != want {
		t.Errorf("title = %q, want %q", a.Title, want)
	}
	if !slices.Equal(a.Links, []string{"http://rtes.fr/Retour-sur-la-7eme-Rencontre"}) {
		t.Errorf("links = %q", a.Links)
	}
}

func TestDevSampleTextIsReflowedWithoutTrailer(t *testing.T) {
	a := readOne(t, sampleFile, article.Auto)
	const start = "Le 4 juillet 2018, au Ministère de la Transition écologique et solidaire, le Réseau des collectivités Territoriales pour une Economie Solidaire (RTES) avait organisé sa 7ième rencontre nationale des collectivités locales autour de l’ESS."
	paras := strings.Split(a.Text, "\n\n")
	if paras[0] != start {
		t.Errorf("first paragraph = %q\nwant %q", paras[0], start)
	}
	if !slices.Contains(paras, "Christiane BOUCHART - RTES") {
		t.Errorf("the signature is not its own paragraph: %q", paras)
	}
	for _, p := range []string{
		"Cette année, le fil conducteur de ce rendez-vous a été « l’innovation sociale au service des besoins des territoires : que font les collectivités territoriales ? »",
		"Pour plus d’informations sur cette journée :",
	} {
		if !slices.Contains(paras, p) {
			t.Errorf("missing paragraph %q", p)
		}
	}
	for _, junk := range []string{"Dates:", "Thématiques", "Publié le", "URL de la source", "Liens", "[1]", "[2]", "utm_", "taxonomy", "http"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text keeps trailer or link junk %q", junk)
		}
	}
	for _, phrase := range []string{
		"les Entreprises à But d’Emploi ne devaient pas",
		"Structures d’Insertion par l’Activité Economiques (SIAE).",
		"crèche coopérative Mêli-Mêlo.",
		"Louis Gallois Président du fonds d’expérimentation territoriale",
	} {
		if !strings.Contains(a.Text, phrase) {
			t.Errorf("text lacks %q (a sentence broken or mangled)", phrase)
		}
	}
	if len(paras) != 8 {
		t.Errorf("%d paragraphs, want 8: %q", len(paras), paras)
	}
}

func TestWindows1252ExportIsDecodedAndItsURLsRejoined(t *testing.T) {
	a := readOne(t, "testdata/export-cp1252.txt", article.Auto)
	checkText(t, a)
	if a.Format != "export" {
		t.Fatalf("format = %q, want export", a.Format)
	}
	if !strings.Contains(a.Text, "Chambre régionale de l'économie sociale") || !strings.Contains(a.Text, "« Premiers pas »") {
		t.Errorf("accents or guillemets not decoded: %q", a.Text)
	}
	if want := "https://www.exemple-cress.org/actualites/retour-sur-la-3e-journee-regionale-de-l-insertion"; a.URL != want {
		t.Errorf("url = %q, want %q", a.URL, want)
	}
	if a.Site != "exemple-cress.org" {
		t.Errorf("site = %q (want the host without www.)", a.Site)
	}
	if a.PublishedAt != "2023-03-24" || a.ModifiedAt != "2023-04-02" {
		t.Errorf("dates = %s / %s", a.PublishedAt, a.ModifiedAt)
	}
	if !slices.Equal(a.Themes, []string{"Emploi, Insertion, Formation", "Politique de la ville - DSU"}) {
		t.Errorf("themes = %q", a.Themes)
	}
	if !slices.Equal(a.Links, []string{"https://www.exemple-cress.org/evenements/3e-journee-regionale-iae-montellier?id=42"}) {
		t.Errorf("links = %q (want the [1] link rejoined, &amp; decoded, utm dropped, deduplicated)", a.Links)
	}
	if !strings.Contains(a.Text, "https://www.exemple-cress.org/evenements/3e-journee-regionale-iae-montellier?utm_source=newsletter&id=42") {
		t.Errorf("inline URL not rejoined in the text: %q", a.Text)
	}
	if !strings.HasSuffix(a.Text, "\n\nPaul MARTIN - CRESS Occitanie") {
		t.Errorf("signature not kept as the last paragraph: %q", a.Text)
	}
	if a.Title != "Retour sur la 3e journée régionale de l'insertion" {
		t.Errorf("title = %q", a.Title)
	}
}

func TestPlainTextWithBOMKeepsAuthorCharactersAndDropsSoftHyphens(t *testing.T) {
	a := readOne(t, "testdata/tiers-lieu-bom.txt", article.Auto)
	checkText(t, a)
	if a.Format != "text" {
		t.Errorf("format = %q", a.Format)
	}
	for _, want := range []string{
		"son tiers-lieu dans le quartier de l’Alma", // compound kept across the break
		"Ce projet de développement local",          // hyphenation point removed
		"la Région Hauts-de-France et",              // capitalised continuation keeps its hyphen
		"un ﬁnancement de 120\u00a0000\u00a0euros",  // ligature and NBSP kept
		"rappelle\u00a0: “nous voulons",             // NBSP and curly quotes kept
		"coconstruit avec les habitants",            // soft hyphens removed, also at a line end
		"un rendez-vous mensuel",                    // known compound
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	if strings.HasPrefix(a.Text, "\ufeff") {
		t.Error("BOM kept")
	}
	if a.Title != "Un tiers-lieu solidaire ouvre à Roubaix" {
		t.Errorf("title = %q", a.Title)
	}
	if a.PublishedAt != "2024-03-04" || strings.Contains(a.Text, "Publié le") {
		t.Errorf("the 'Publié le' line is not read as the date: %s, %q", a.PublishedAt, a.Text)
	}
}

func TestMojibakeIsRepaired(t *testing.T) {
	a := readOne(t, "testdata/mojibake.txt", article.Auto)
	checkText(t, a)
	for _, want := range []string{"L’Agence nationale de la cohésion", "appel à projets « Fabriques", "Le cœur du programme", "tiers-lieux — 300 lieux d’ici", "45 M€"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q: %q", want, a.Text)
		}
	}
	if strings.ContainsAny(a.Text, "ÃÂâ") {
		t.Errorf("mojibake left: %q", a.Text)
	}
}

func TestMojibakeRepairLeavesLegitimateTextAlone(t *testing.T) {
	for _, s := range []string{
		"L'ÉTÉ SOLIDAIRE\u00a0! Un CAFÉ\u00a0: ouvert.",
		"CHÂTEAU-THIERRY et Âge d'or, São Paulo, Ça va… Ô combien.",
		"Prix : 3 € — « À bientôt »",
	} {
		a := parseOne(t, "x.txt", s, article.Text)
		if a.Text != s {
			t.Errorf("legitimate text changed:\n got %q\nwant %q", a.Text, s)
		}
	}
}

func TestMojibakeWithLostNBSPIsRepaired(t *testing.T) {
	// "à" is C3 A0; its A0 half often ends up as a plain space.
	a := parseOne(t, "x.txt", "Rendez-vous Ã  Lille pour lâ€™assemblÃ©e.", article.Text)
	if a.Text != "Rendez-vous à Lille pour l’assemblée." {
		t.Errorf("text = %q", a.Text)
	}
}

func TestLatin1BytesAreDecodedAsWindows1252(t *testing.T) {
	raw := []byte("Cr\xe9ation d\x92une \x93coop\xe9rative\x94 \x96 co\xfbt 5\xa0\x80\n")
	a := parseOne(t, "x.txt", string(raw), article.Auto)
	if want := "Création d’une “coopérative” – coût 5\u00a0€"; a.Text != want {
		t.Errorf("text = %q, want %q", a.Text, want)
	}
}

func TestMixedUTF8AndWindows1252BytesAreBothRead(t *testing.T) {
	raw := []byte("Réseau (UTF-8) et r\xe9seau (Windows-1252).")
	a := parseOne(t, "x.txt", string(raw), article.Auto)
	if want := "Réseau (UTF-8) et réseau (Windows-1252)."; a.Text != want {
		t.Errorf("text = %q, want %q", a.Text, want)
	}
}

func TestUTF16IsDecoded(t *testing.T) {
	a := readOne(t, "testdata/utf16le-bom.txt", article.Auto)
	checkText(t, a)
	if !strings.Contains(a.Text, "La Fédération des centres sociaux du Pas-de-Calais organise son assemblée générale le jeudi 12 juin 2025") {
		t.Errorf("text = %q", a.Text)
	}
	// Big endian, and little endian without BOM.
	s := "Économie sociale à Lyon."
	be := []byte{0xFE, 0xFF}
	var le []byte
	for _, r := range s {
		be = append(be, byte(r>>8), byte(r))
		le = append(le, byte(r), byte(r>>8))
	}
	for name, raw := range map[string][]byte{"be": be, "le-nobom": le} {
		arts, err := article.Parse(name+".txt", raw, article.Auto)
		if err != nil || len(arts) != 1 || arts[0].Text != s {
			t.Errorf("%s: %v %+v", name, err, arts)
		}
	}
}

func TestHTMLKeepsArticleParagraphsWithoutNavigation(t *testing.T) {
	a := readOne(t, "testdata/budget-participatif.html", article.Auto)
	checkText(t, a)
	if a.Format != "html" {
		t.Errorf("format = %q", a.Format)
	}
	paras := strings.Split(a.Text, "\n\n")
	want := []string{
		"La Ville de Grenoble a annoncé lundi les 42 projets retenus par les habitants dans le cadre de la 9e édition de son budget participatif.",
		"Parmi eux, une recyclerie dans le quartier Villeneuve, un jardin partagé\u00a0et une maison de quartier rénovée.",
		"Les votes ont réuni 12\u202f000 participants.",
		"Un dispositif piloté par la Métropole",
		"Enveloppe : 800 000 €",
		"Durée : deux ans",
		"Plus d'informations sur le site de la ville et sur la plateforme.",
	}
	if !slices.Equal(paras, want) {
		t.Errorf("paragraphs:\n%q\nwant\n%q", paras, want)
	}
	if a.Title != "Budget participatif\u00a0: 42 projets retenus à Grenoble" {
		t.Errorf("title = %q", a.Title)
	}
	if a.URL != "https://www.journal-territoires.example/articles/budget-participatif-grenoble" || a.Site != "journal-territoires.example" {
		t.Errorf("url, site = %q, %q", a.URL, a.Site)
	}
	if a.PublishedAt != "2024-02-05" || a.ModifiedAt != "2024-02-06" {
		t.Errorf("dates = %s / %s", a.PublishedAt, a.ModifiedAt)
	}
	if !slices.Equal(a.Themes, []string{"Participation citoyenne", "Politique de la ville"}) {
		t.Errorf("themes = %q", a.Themes)
	}
	if !slices.Equal(a.Links, []string{"https://www.journal-territoires.example/budget-participatif", "https://www.grenoble.example/participer"}) {
		t.Errorf("links = %q", a.Links)
	}
}

func TestHTMLDeclaredCharsetAndVisibleDateAreRead(t *testing.T) {
	a := readOne(t, "testdata/maison-ess-iso8859-15.html", article.Auto)
	checkText(t, a)
	if !strings.Contains(a.Text, "un fonds de 15 000 €") || !strings.Contains(a.Text, "l'œuvre collective") {
		t.Errorf("ISO-8859-15 not decoded (€, œ): %q", a.Text)
	}
	if strings.Contains(a.Text, "Accueil") || strings.Contains(a.Text, "Contact") {
		t.Errorf("menu kept: %q", a.Text)
	}
	if a.PublishedAt != "2019-10-08" || strings.Contains(a.Text, "Publié le") {
		t.Errorf("published = %s, text %q", a.PublishedAt, a.Text)
	}
	if a.Title != "La Maison de l'économie solidaire fête ses dix ans" {
		t.Errorf("title = %q", a.Title)
	}
}

func TestHTMLDatesFromJSONLDAndTimeElements(t *testing.T) {
	page := `<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"Un titre JSON-LD","datePublished":"2021-06-03T10:00:00+02:00","dateModified":"2021-06-04","keywords":"ESS, Insertion"}]}</script></head>
<body><article><p>` + strings.Repeat("Un texte assez long pour être retenu comme article principal. ", 5) + `</p></article></body></html>`
	a := parseOne(t, "p.html", page, article.Auto)
	if a.Title != "Un titre JSON-LD" || a.PublishedAt != "2021-06-03" || a.ModifiedAt != "2021-06-04" || !slices.Equal(a.Themes, []string{"ESS", "Insertion"}) {
		t.Errorf("got title %q, dates %s/%s, themes %q", a.Title, a.PublishedAt, a.ModifiedAt, a.Themes)
	}
	page2 := `<html><head><title>Le titre | Mon site</title></head><body><p>Mis en ligne le <time datetime="2020-01-15T08:00">15 janvier</time></p><p>Texte.</p></body></html>`
	b := parseOne(t, "q.html", page2, article.Auto)
	if b.Title != "Le titre" || b.PublishedAt != "2020-01-15" {
		t.Errorf("got title %q, date %s", b.Title, b.PublishedAt)
	}
}

func TestMarkdownFrontMatterIsReadAndSyntaxStripped(t *testing.T) {
	a := readOne(t, "testdata/scic-collectivites.md", article.Auto)
	checkText(t, a)
	if a.Format != "markdown" || a.Title != "Les SCIC, un outil pour les collectivités" {
		t.Errorf("format %q, title %q", a.Format, a.Title)
	}
	if a.URL != "https://blog.exemple.org/2023/11/scic-collectivites/" || a.PublishedAt != "2023-11-15" || a.ModifiedAt != "2023-11-20" {
		t.Errorf("url %q, dates %s/%s", a.URL, a.PublishedAt, a.ModifiedAt)
	}
	if !slices.Equal(a.Themes, []string{"Économie sociale et solidaire", "Coopération"}) {
		t.Errorf("themes = %q", a.Themes)
	}
	for _, want := range []string{
		"Les sociétés coopératives d'intérêt collectif (SCIC) permettent aux collectivités d'entrer au capital d'une entreprise au service du territoire. Voir la fiche pratique et le guide.",
		"\n\nTrois exemples\n\n",
		"\n\nune épicerie solidaire à Nantes ;\n\n",
		"« La coopération est une réponse aux besoins du territoire », résume Jeanne Morel, présidente de l'Union régionale des SCOP.",
	} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	for _, junk := range []string{"**", "](", "# ", "> ", "|", "---", "```", "[guide]"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("markdown syntax %q left in text", junk)
		}
	}
	if !slices.Equal(a.Links, []string{"https://www.exemple.org/guide-scic.pdf", "https://www.exemple-cg-scop.org/scic"}) {
		t.Errorf("links = %q", a.Links)
	}
}

func TestJSONArrayRecordsBecomeArticles(t *testing.T) {
	raw, err := os.ReadFile("testdata/records.json")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := article.Parse("testdata/records.json", raw, article.Auto)
	if err != nil || len(arts) != 2 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	for _, a := range arts {
		checkText(t, a)
		if a.Format != "json" || a.ContentHash == kg.ContentHash(string(raw)) {
			t.Errorf("%s: format %q; hash must be the record's, not the file's", a.Title, a.Format)
		}
	}
	if arts[0].URL != "https://www.exemple-anct.gouv.fr/actualites/cites-educatives" || !slices.Equal(arts[0].Themes, []string{"Politique de la ville", "Éducation"}) {
		t.Errorf("record 1: %+v", arts[0])
	}
	b := arts[1]
	if b.Title != "Une régie de quartier à Marseille" || b.PublishedAt != "2021-05-12" || !slices.Equal(b.Themes, []string{"Insertion", "Emploi"}) {
		t.Errorf("record 2 (link/headline/date/content/tags aliases): %+v", b)
	}
	if b.Text != "La régie de quartier de la Belle de Mai, à Marseille, emploie 40 salariés en insertion.\n\nElle a été créée en 1998." {
		t.Errorf("record 2 HTML content: %q", b.Text)
	}
}

func TestNDJSONBadRecordsDoNotLoseTheGoodOnes(t *testing.T) {
	arts, err := article.ReadFile("testdata/records.ndjson", article.Auto)
	if len(arts) != 2 || arts[0].URL != "https://exemple.org/a/1" || arts[1].URL != "https://exemple.org/a/4" {
		t.Fatalf("good records: %+v", arts)
	}
	if arts[1].PublishedAt != "2024-03-05" || !slices.Equal(arts[1].Themes, []string{"Économie circulaire"}) {
		t.Errorf("record 4: %+v", arts[1])
	}
	var ke *kg.Error
	if !errors.As(err, &ke) || ke.Code != kg.Invalid {
		t.Fatalf("err = %v, want a kg.Invalid error", err)
	}
	var bad article.RecordErrors
	if !errors.As(err, &bad) {
		t.Fatalf("err %v does not carry RecordErrors", err)
	}
	if !slices.Equal(bad.Records(), []int{2, 3, 5}) {
		t.Errorf("bad records = %v, want [2 3 5]", bad.Records())
	}
	lines := []int{bad[0].Line, bad[1].Line, bad[2].Line}
	if !slices.Equal(lines, []int{2, 4, 6}) {
		t.Errorf("bad lines = %v, want [2 4 6]", lines)
	}
	msg := kg.ErrorMessage(err)
	for _, want := range []string{"testdata/records.ndjson", "3 of 5 records skipped", "records 2, 3, 5"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	for _, want := range []string{"line 2): invalid JSON", "line 4): no text", "line 6): not a JSON object"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err.Error(), want)
		}
	}
}

func TestInvalidJSONNamesFileAndLine(t *testing.T) {
	_, err := article.Parse("bad.json", []byte("{\n  \"text\": \"a\",\n  oops\n}"), article.Auto)
	if kg.ErrorCode(err) != kg.Invalid || !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("err = %v", err)
	}
}

func TestUnreadableInputsAreInvalidErrorsNamingTheFile(t *testing.T) {
	cases := map[string]func() error{
		"missing file": func() error { _, err := article.ReadFile("testdata/does-not-exist.txt", article.Auto); return err },
		"directory":    func() error { _, err := article.ReadFile("testdata", article.Auto); return err },
		"binary":       func() error { _, err := article.Parse("x.bin", []byte("abc\x00\x01\x02def"), article.Auto); return err },
		"pdf":          func() error { _, err := article.Parse("x.pdf", []byte("%PDF-1.7\n..."), article.Auto); return err },
		"empty":        func() error { _, err := article.Parse("x.txt", []byte(" \n\n\t"), article.Auto); return err },
		"format":       func() error { _, err := article.Parse("x.txt", []byte("texte"), "docx"); return err },
		"html no text": func() error {
			_, err := article.Parse("x.html", []byte("<html><nav>menu</nav></html>"), article.Auto)
			return err
		},
	}
	for name, f := range cases {
		err := f()
		if kg.ErrorCode(err) != kg.Invalid {
			t.Errorf("%s: err = %v, want a kg.Invalid error", name, err)
			continue
		}
		if !strings.Contains(err.Error(), "testdata") && !strings.Contains(err.Error(), "x.") {
			t.Errorf("%s: %q does not name the input", name, err.Error())
		}
	}
}

func TestFormatIsDetectedFromNameAndContent(t *testing.T) {
	sample, err := os.ReadFile(sampleFile)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, content string
		want          article.Format
	}{
		{"a.txt", string(sample), article.Export},
		{"a", string(sample), article.Export},
		{"a.txt", "Un texte simple.\nSur deux lignes.", article.Text},
		{"a.html", "Pas de balise mais extension html.", article.HTML},
		{"a.txt", "<!DOCTYPE html><html><body><p>Bonjour</p></body></html>", article.HTML},
		{"a.md", "Du texte sans syntaxe.", article.Markdown},
		{"a.txt", "---\ntitle: T\n---\nCorps.", article.Markdown},
		{"a", "# Titre\n\nDu **gras** et un [lien](http://x.fr).", article.Markdown},
		{"a.dat", `{"text": "Bonjour."}`, article.JSON},
		{"a.dat", "{\"text\": \"Un.\"}\n{\"text\": \"Deux.\"}\n", article.NDJSON},
		{"a.jsonl", `{"text": "Bonjour."}`, article.NDJSON},
	}
	for _, c := range cases {
		arts, err := article.Parse(c.name, []byte(c.content), article.Auto)
		if err != nil || len(arts) == 0 {
			t.Errorf("%s %.30q: err %v", c.name, c.content, err)
			continue
		}
		if got := article.Format(arts[0].Format); got != c.want {
			t.Errorf("%s %.30q: format %q, want %q", c.name, c.content, got, c.want)
		}
	}
}

func TestForcedFormatOverridesDetection(t *testing.T) {
	a := parseOne(t, "page.html", "<p>Du <b>HTML</b> lu comme texte.</p>", article.Text)
	if a.Format != "text" || !strings.Contains(a.Text, "<b>HTML</b>") {
		t.Errorf("forced text: %q %q", a.Format, a.Text)
	}
	b := parseOne(t, "notes.txt", "# Titre\n\nCorps *important*.", article.Markdown)
	if b.Format != "markdown" || b.Text != "Titre\n\nCorps important." {
		t.Errorf("forced markdown: %q %q", b.Format, b.Text)
	}
	if _, err := article.ParseFormat("JSONL"); err != nil {
		t.Errorf("ParseFormat(JSONL): %v", err)
	}
}

func TestUnwrappedTextKeepsOneParagraphPerLine(t *testing.T) {
	a := readOne(t, "testdata/france-services.txt", article.Auto)
	checkText(t, a)
	if n := len(strings.Split(a.Text, "\n\n")); n != 4 {
		t.Errorf("%d paragraphs, want 4: %q", n, a.Text)
	}
	if !slices.Equal(a.Links, []string{"http://www.exemple-centresocial.fr/france-services"}) {
		t.Errorf("links = %q", a.Links)
	}
}

func TestPlainTextHeaderGivesMetadata(t *testing.T) {
	in := "Titre : Une ressourcerie à Brest\nDate : 3 février 2022\nURL : https://exemple.bzh/ressourcerie?fbclid=abc\nThèmes : Économie circulaire\n\nLa ressourcerie de Brest a ouvert.\n"
	a := parseOne(t, "r.txt", in, article.Auto)
	if a.Title != "Une ressourcerie à Brest" || a.PublishedAt != "2022-02-03" || a.URL != "https://exemple.bzh/ressourcerie" || !slices.Equal(a.Themes, []string{"Économie circulaire"}) {
		t.Errorf("got %+v", a)
	}
	if a.Text != "La ressourcerie de Brest a ouvert." {
		t.Errorf("text = %q", a.Text)
	}
}

func TestCanonicalURL(t *testing.T) {
	cases := map[string]string{
		"https://irev.fr/actualites-0/retour-sur-la-\njournee-nationale  ":                   "https://irev.fr/actualites-0/retour-sur-la-journee-nationale",
		"http://rtes.fr/R?utm_medium=email&amp;utm_campaign=N%20RT\n ES&amp;id=3&utm_term=x": "http://rtes.fr/R?id=3",
		"HTTPS://WWW.Exemple.FR:443/Chemin?b=2&a=1#ancre":                                    "https://www.exemple.fr/Chemin?b=2&a=1",
		"http://exemple.fr":          "http://exemple.fr/",
		"www.exemple.fr/page.":       "http://www.exemple.fr/page",
		"https://exemple.fr/a_(b)).": "https://exemple.fr/a_(b)",
		"https://exemple.fr/p?fbclid=1&gclid=2&xtor=RSS&pk_campaign=a&mtm_source=b&q=ess&mc_cid=c": "https://exemple.fr/p?q=ess",
		"": "",
	}
	for in, want := range cases {
		if got := article.CanonicalURL(in); got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
	}
	if got := article.SiteOf("https://www.irev.fr:8080/x"); got != "irev.fr" {
		t.Errorf("SiteOf = %q", got)
	}
}

func TestTitleFallsBackToSlugThenFirstSentence(t *testing.T) {
	a := parseOne(t, "x.json", `{"url": "https://ex.fr/news/12345-les-creches-cooperatives-en-region.html", "text": "Les crèches coopératives se développent. En région, elles sont 40."}`, article.Auto)
	if a.Title != "Les crèches coopératives en région" {
		t.Errorf("slug title = %q", a.Title)
	}
	b := parseOne(t, "y.txt", "M. Dupont a ouvert la séance. Puis il est parti.", article.Auto)
	if b.Title != "M. Dupont a ouvert la séance." {
		t.Errorf("first-sentence title = %q", b.Title)
	}
}

func TestFromInputOverridesParsedFields(t *testing.T) {
	a, err := article.FromInput(article.Input{
		Text:        "La Région Bretagne soutient 30 tiers-lieux.",
		URL:         "https://www.exemple.bzh/actu/la-region-soutient-les-tiers-lieux?utm_source=x",
		PublishedAt: "5 avril 2024",
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://www.exemple.bzh/actu/la-region-soutient-les-tiers-lieux" || a.Site != "exemple.bzh" || a.PublishedAt != "2024-04-05" || a.Source != "api" {
		t.Errorf("got %+v", a)
	}
	if a.Title != "La Région soutient les tiers lieux" {
		t.Errorf("title = %q, want the slug with the text's spelling", a.Title)
	}
	if a.ID != kg.ArticleID(a.URL, a.Text) {
		t.Errorf("id not recomputed from the URL")
	}
	if _, err := article.FromInput(article.Input{Text: "x", PublishedAt: "demain"}); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("bad date: err = %v", err)
	}
	if _, err := article.FromInput(article.Input{Text: "x", URL: "pas une url"}); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("bad url: err = %v", err)
	}
}

func TestParseIsDeterministic(t *testing.T) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".gold.json") {
			continue
		}
		a1, err1 := article.ReadFile(f, article.Auto)
		a2, err2 := article.ReadFile(f, article.Auto)
		j1, _ := json.Marshal(a1)
		j2, _ := json.Marshal(a2)
		if string(j1) != string(j2) || (err1 == nil) != (err2 == nil) {
			t.Errorf("%s: two parses differ", f)
		}
	}
}

func TestPressReleaseDatelineGivesThePublicationDate(t *testing.T) {
	for text, want := range map[string]kg.Date{
		"COMMUNIQUÉ DE PRESSE\n\nLa Région lance un dispositif\n\nMontpellier, le 2 octobre 2024 – La Région Occitanie lance le Pass.\n":             "2024-10-02",
		"Saint-Denis (93), le 1er mars 2025 — Le Département annonce un plan.\n":                                                                     "2025-03-01",
		"PARIS, mardi 14 janvier 2025 : l'agence publie son rapport annuel.\n":                                                                       "2025-01-14",
		"Le 2 octobre 2024, la Région a lancé un dispositif.\n":                                                                                      "",
		"Lyon, une ville engagée – depuis 2020 la Métropole finance des projets.\n":                                                                  "",
		"PRÉFET DE L'HÉRAULT\n\nLiberté\n\nÉgalité\n\nFraternité\n\nCOMMUNIQUÉ DE PRESSE\n\nMontpellier, le 15 mai 2024\n\nVisite de la ministre.\n": "2024-05-15",
		"Montpellier, le 15 mai 2024 la ministre se rendra à Béziers.\n":                                                                             "",
	} {
		arts, err := article.Parse("release.txt", []byte(text), article.Auto)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if got := arts[0].PublishedAt; got != want {
			t.Errorf("%q: published %q, want %q", text, got, want)
		}
	}
}

func TestNewsletterMastheadIssueDateGivesThePublicationDate(t *testing.T) {
	for text, want := range map[string]kg.Date{
		"LE JOURNAL DU QUARTIER\nN° 42 – Printemps 2025 – Édition du 2 avril 2025\n\nLe conseil citoyen fête ses dix ans.\n": "2025-04-02",
		"La lettre des habitants\nNuméro du 3 mars 2025\n\nUne nouvelle ludothèque ouvre ses portes.\n":                      "2025-03-03",
		"La lettre des habitants\n\nL'édition du 3 mars 2025 du forum a réuni 200 personnes, une affluence record pour la commune et ses partenaires, qui prévoient déjà la suivante, plus grande encore, dans un lieu à trouver ensemble avec les associations du territoire et les habitants qui le souhaitent.\n": "",
	} {
		arts, err := article.Parse("lettre.txt", []byte(text), article.Auto)
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if got := arts[0].PublishedAt; got != want {
			t.Errorf("%q: published %q, want %q", text, got, want)
		}
	}
}

func TestActClosingPublicationGivesThePublicationDate(t *testing.T) {
	text := "VILLE DE X\n\nDélibération n° 2025-014\n\nLe conseil municipal a adopté la programmation 2025.\n\nActe rendu exécutoire après dépôt en préfecture le 14 février 2025 et publication le 14 février 2025.\n"
	arts, err := article.Parse("deliberation.txt", []byte(text), article.Auto)
	if err != nil {
		t.Fatal(err)
	}
	if got := arts[0].PublishedAt; got != "2025-02-14" {
		t.Errorf("published %q, want 2025-02-14", got)
	}
}

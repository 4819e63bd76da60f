package article

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/maillage/maillage/internal/kg"
)

// Format is an input format.
type Format string

// The input formats. Auto detects the format from the file name's extension
// and the content.
const (
	Auto     Format = "auto"
	Export   Format = "export"   // the reference export (text with a metadata trailer), like the dev sample
	Text     Format = "text"     // plain text, hard-wrapped or not
	Markdown Format = "markdown" // Markdown, with optional YAML (---) or TOML (+++) front matter
	HTML     Format = "html"     // an HTML page or fragment
	JSON     Format = "json"     // one JSON record, an array of records, or {"articles": [...]}
	NDJSON   Format = "ndjson"   // one JSON record per line
)

// Formats lists the formats a caller may force, Auto first.
var Formats = []Format{Auto, Export, Text, Markdown, HTML, JSON, NDJSON}

// MaxInputSize is the largest input ReadFile reads (64 MiB).
const MaxInputSize = 64 << 20

// maxTitle is the longest title kept, in characters.
const maxTitle = 300

// ParseFormat reads a format name, case-insensitively, with the aliases
// "" and "detect" (auto), "txt", "md", "htm", "jsonl".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto", "detect":
		return Auto, nil
	case "export":
		return Export, nil
	case "text", "txt", "plain":
		return Text, nil
	case "markdown", "md":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "json":
		return JSON, nil
	case "ndjson", "jsonl":
		return NDJSON, nil
	}
	return "", kg.Errorf(kg.Invalid, "unknown input format %q (want one of auto, export, text, markdown, html, json, ndjson)", s)
}

// ReadFile reads and parses one file. See Parse.
func ReadFile(path string, format Format) ([]kg.Article, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, readError(path, err)
	}
	if info.IsDir() {
		return nil, kg.Errorf(kg.Invalid, "%s: is a directory, not an article file", path)
	}
	if info.Size() > MaxInputSize {
		return nil, kg.Errorf(kg.Invalid, "%s: file too large (%d bytes, at most %d)", path, info.Size(), MaxInputSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, readError(path, err)
	}
	return Parse(path, data, format)
}

func readError(path string, err error) error {
	reason := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	return kg.WrapError(kg.Invalid, err, "%s: cannot read file: %s", path, reason)
}

// Parse reads one input and returns its articles. name is used to detect the
// format (by extension) and is stored as each article's Source; format
// forces a format unless it is Auto or "".
//
// Each article has its cleaned Text (paragraphs separated by "\n\n", NFC,
// no metadata, no [n] link markers), Title, canonical URL, Site,
// PublishedAt, ModifiedAt, Themes (as written, in order), Links, Format,
// Source, ContentHash (SHA-256 of the raw input, or of the record for JSON
// arrays and NDJSON) and ID (kg.ArticleID of the canonical URL, else of the
// text).
//
// Errors are *kg.Error values with code kg.Invalid naming the input and the
// reason. For JSON arrays and NDJSON, bad records do not lose the good ones:
// Parse returns the articles of the good records together with an error
// whose Err is a RecordErrors listing each bad record (its number, its line
// and the reason); callers must look at both results. When no record is
// good, the article slice is empty.
func Parse(name string, data []byte, format Format) ([]kg.Article, error) {
	label := name
	if label == "" {
		label = "input"
	}
	f, err := ParseFormat(string(format))
	if err != nil {
		return nil, kg.Errorf(kg.Invalid, "%s: %s", label, kg.ErrorMessage(err))
	}
	if f == Auto {
		f = formatByName(name)
	}
	markup := f == HTML || (f == Auto && looksLikeMarkup(data))
	s, _, derr := decodeBytes(data, markup)
	if derr != nil {
		return nil, kg.Errorf(kg.Invalid, "%s: %s", label, derr.Error())
	}
	if f == Auto {
		if t := strings.TrimLeftFunc(s, unicode.IsSpace); t != "" && (t[0] == '{' || t[0] == '[') {
			if fj := sniffJSON(t); fj != "" {
				f = fj
			}
		}
	}
	if f == JSON || f == NDJSON {
		// JSON is cleaned value by value: cleaning the raw document could
		// put line breaks inside its strings.
		return parseRecords(name, label, repairMojibake(s), f)
	}
	s = cleanChars(repairMojibake(s))
	var hint *exportHint
	if f == Auto {
		f, hint = sniffFormat(s)
	}
	var p *parsed
	switch f {
	case Export:
		p = parseExport(s, hint)
	case Markdown:
		p = parseMarkdown(s)
	case HTML:
		if p, err = parseHTML(s); err != nil {
			return nil, kg.Errorf(kg.Invalid, "%s: unreadable HTML: %v", label, err)
		}
	default:
		p = parsePlain(s)
	}
	a, err := p.article(name, data)
	if err != nil {
		return nil, kg.Errorf(kg.Invalid, "%s: %s", label, err.Error())
	}
	return []kg.Article{a}, nil
}

// Input is an article given field by field (the GraphQL ingestArticle
// mutation): Text is parsed in Format (auto-detected when empty), and the
// other fields, when set, override what was read from it.
type Input struct {
	Text        string
	URL         string
	Title       string
	PublishedAt string // ISO date, or any form ParseFrenchDate reads
	Format      Format
	Source      string // stored as Source; "api" when empty
}

// FromInput builds one article from an Input. A JSON array or NDJSON text
// must hold exactly one record.
func FromInput(in Input) (kg.Article, error) {
	src := in.Source
	if src == "" {
		src = "api"
	}
	arts, err := Parse(src, []byte(in.Text), in.Format)
	if err != nil {
		return kg.Article{}, err
	}
	if len(arts) != 1 {
		return kg.Article{}, kg.Errorf(kg.Invalid, "%s: expected one article, got %d", src, len(arts))
	}
	a := arts[0]
	if in.PublishedAt != "" {
		d := parseMetaDate(in.PublishedAt)
		if d == "" {
			return kg.Article{}, kg.Errorf(kg.Invalid, "%s: invalid publication date %q", src, in.PublishedAt)
		}
		a.PublishedAt = d
	}
	if t := cleanInline(in.Title); t != "" {
		a.Title = t
	}
	if in.URL != "" {
		u := CanonicalURL(in.URL)
		if SiteOf(u) == "" {
			return kg.Article{}, kg.Errorf(kg.Invalid, "%s: invalid URL %q (want an absolute http(s) URL)", src, in.URL)
		}
		a.URL, a.Site = u, SiteOf(u)
		if in.Title == "" && a.Title == firstSentence(a.Text) {
			if t := slugTitle(u, a.Text); t != "" {
				a.Title = t
			}
		}
	}
	a.ID = kg.ArticleID(a.URL, a.Text)
	return a, nil
}

// parsed is what a format reader found, before the common finishing.
type parsed struct {
	format     Format
	paragraphs []string
	title      string
	url        string
	published  kg.Date
	modified   kg.Date
	themes     []string
	links      []string
}

// article finishes a parsed input into a kg.Article.
func (p *parsed) article(source string, raw []byte) (kg.Article, error) {
	p.takeDateLines()
	a := kg.Article{Format: string(p.format), Source: source}
	a.Text = joinParagraphs(p.paragraphs)
	if a.Text == "" {
		return a, errorString("no article text")
	}
	if u := CanonicalURL(p.url); SiteOf(u) != "" {
		a.URL, a.Site = u, SiteOf(u)
	}
	a.Title = cleanInline(p.title)
	if a.Title == "" {
		a.Title = slugTitle(a.URL, a.Text)
	}
	if a.Title == "" {
		a.Title = firstSentence(a.Text)
	}
	if r := []rune(a.Title); len(r) > maxTitle {
		a.Title = strings.TrimRight(string(r[:maxTitle-1]), " ") + "…"
	}
	a.PublishedAt, a.ModifiedAt = p.published, p.modified
	seen := map[string]bool{}
	for _, t := range p.themes {
		if t = cleanInline(t); t != "" && !seen[t] && len(t) <= kg.MaxNameLength {
			seen[t] = true
			a.Themes = append(a.Themes, t)
		}
	}
	seen = map[string]bool{a.URL: true}
	for _, l := range p.links {
		if l = CanonicalURL(l); SiteOf(l) != "" && !seen[l] {
			seen[l] = true
			a.Links = append(a.Links, l)
		}
	}
	a.ContentHash = kg.ContentHash(string(raw))
	a.ID = kg.ArticleID(a.URL, a.Text)
	return a, nil
}

// takeDateLines moves short "Publié le …" / "Mis à jour le …" paragraphs
// out of the text into the dates, when they hold a date. ("Date : …"
// paragraphs stay: in a body they usually give an event's date.)
func (p *parsed) takeDateLines() {
	kept := p.paragraphs[:0]
	for _, para := range p.paragraphs {
		if len(para) < 120 {
			s := trimLayout(para)
			if k, vals := keyOf(s); k == keyPublished || k == keyModified {
				if d, ok := ParseFrenchDate(vals[0], ""); ok {
					switch {
					case k == keyModified:
						if p.modified == "" {
							p.modified = d
						}
					case p.published == "":
						p.published = d
					}
					continue
				}
			}
		}
		kept = append(kept, para)
	}
	p.paragraphs = kept
}

// cleanInline cleans a one-line value (title, theme): junk removed,
// whitespace collapsed, trimmed, NFC.
func cleanInline(s string) string {
	if s == "" {
		return ""
	}
	s = cleanChars(repairMojibake(strings.ToValidUTF8(s, "\uFFFD")))
	s = strings.ReplaceAll(s, "\u00ad", "")
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }), " ")
	return norm.NFC.String(trimLayout(s))
}

// firstSentence returns the first sentence of text (at most 150
// characters, cut at a word with "…").
func firstSentence(text string) string {
	para, _, _ := strings.Cut(text, "\n\n")
	if len(para) > 2000 {
		para = strings.ToValidUTF8(para[:2000], "")
	}
	end := len(para)
	for i := 0; i < len(para); i++ {
		c := para[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if i+2 < len(para) && para[i+1] == ' ' && startsUpper(para[i+2:]) && !isAbbreviation(para[:i]) {
			end = i + 1
			break
		}
	}
	s := para[:end]
	if utf8.RuneCountInString(s) > 150 {
		cut, n := 0, 0
		for i := range s {
			if n >= 140 {
				if cut == 0 {
					cut = i
				}
				break
			}
			if s[i] == ' ' {
				cut = i
			}
			n++
		}
		s = strings.TrimRight(s[:cut], " ,;:") + "…"
	}
	return s
}

// isAbbreviation reports whether s ends with a word that a period follows
// without ending the sentence (M., Mme., Dr., an initial).
func isAbbreviation(s string) bool {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	w := s[i+1:]
	switch w {
	case "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "St", "Ste", "cf", "etc", "av", "bd", "n", "p", "vol", "art":
		return true
	}
	return utf8.RuneCountInString(w) == 1 && startsUpper(w)
}

func formatByName(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return Markdown
	case ".json":
		return JSON
	case ".ndjson", ".jsonl", ".ldjson":
		return NDJSON
	}
	return Auto
}

// looksLikeMarkup reports an HTML document, whose <meta charset> matters
// for decoding.
func looksLikeMarkup(data []byte) bool {
	head := data[:min(len(data), 2048)]
	for i := 0; i < len(head); i++ {
		j := bytes.IndexByte(head[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		for _, m := range []string{"<meta", "<html", "<!doctype html"} {
			if i+len(m) <= len(head) && bytes.EqualFold(head[i:i+len(m)], []byte(m)) {
				return true
			}
		}
	}
	return false
}

// exportHint carries the lines and trailer sniffFormat found, so that
// parseExport does not look for them again.
type exportHint struct {
	lines   []textLine
	trailer *trailer
}

// sniffFormat guesses the format of cleaned content (JSON was recognised
// before cleaning).
func sniffFormat(s string) (Format, *exportHint) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if t == "" {
		return Text, nil
	}
	switch t[0] {
	case '<':
		head := strings.ToLower(t[:min(len(t), 4096)])
		for _, m := range []string{"<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ", "<meta", "<title", "<h1", "<section"} {
			if strings.Contains(head, m) {
				return HTML, nil
			}
		}
	case '-', '+':
		if strings.HasPrefix(t, "---\n") || strings.HasPrefix(t, "+++\n") {
			if _, _, ok := splitFrontMatter(t); ok {
				return Markdown, nil
			}
		}
	}
	lines := splitLines(s)
	if tr := findTrailer(lines); tr != nil && tr.isExport() {
		return Export, &exportHint{lines: lines, trailer: tr}
	}
	if looksLikeMarkdown(t) {
		return Markdown, nil
	}
	return Text, nil
}

// looksLikeMarkdown counts Markdown signals: ATX headings, links, emphasis,
// fences.
func looksLikeMarkdown(s string) bool {
	head := s[:min(len(s), 16384)]
	score := 0
	if strings.HasPrefix(head, "# ") {
		score += 2
	}
	score += min(strings.Count(head, "\n#"), 2)
	score += min(strings.Count(head, "]("), 2)
	score += min(strings.Count(head, "**")/2, 2)
	score += min(strings.Count(head, "\n```"), 2)
	return score >= 2
}

// parsePlain reads plain text: an optional header of "Titre :", "Date :",
// "URL :", "Thèmes :" lines before the first blank line, then the body. A
// short first line standing alone is taken as the title (and kept in the
// text).
func parsePlain(s string) *parsed {
	p := &parsed{format: Text}
	lines := splitLines(s)
	start := 0
	for start < len(lines) && lines[start].blank() {
		start++
	}
	end := start
	header := true
	for end < len(lines) && !lines[end].blank() {
		k, vals := keyOf(lines[end].s)
		if k == keyNone || k == keyLinks {
			header = false
			break
		}
		switch k {
		case keyTitle:
			p.title = vals[0]
		case keyDates, keyPublished:
			p.published = dateOrEmpty(vals[0])
		case keyModified:
			p.modified = dateOrEmpty(vals[0])
		case keySource:
			if d := dateOrEmpty(vals[0]); d != "" {
				p.modified = d
			}
			p.url = vals[1]
		case keyThemes:
			p.themes = append(p.themes, splitThemeLine(vals[0], map[int]bool{})...)
		}
		end++
	}
	if header && end > start && (end < len(lines) || p.title != "") {
		lines = lines[end:]
	}
	paras := reflow(lines, s)
	p.paragraphs, p.links = dropURLParagraphs(paras)
	if p.published == "" {
		p.published = datelineDate(p.paragraphs)
	}
	if p.title == "" && len(p.paragraphs) > 1 {
		first := p.paragraphs[0]
		if utf8.RuneCountInString(first) <= 150 && !strings.HasSuffix(first, ".") && !strings.HasSuffix(first, ":") && lineCount(lines, first) {
			p.title = first
		}
	}
	return p
}

// lineCount reports whether para was a single input line.
func lineCount(lines []textLine, para string) bool {
	for _, l := range lines {
		if l.blank() {
			continue
		}
		return finishParagraph(l.s) == para
	}
	return false
}

// datelineRe is the dateline opening a press release or a dispatch:
// "Saint-Denis, le 2 octobre 2024 –", "Montpellier, 2 octobre 2024 —",
// "PARIS, le 3 mars 2025 :".
var datelineRe = regexp.MustCompile(`^\p{Lu}[\p{L}'’ .-]{1,40}(?:\s*\([0-9AB]{2,3}\))?,\s*(?:le\s+)?((?:\p{L}+\s+)?\d{1,2}(?:er)?\s+\p{L}+\s+\d{4})(?:\s*[–—:-]|\.?$)`)

// datelineDate returns the date of a dateline opening one of the first
// paragraphs of a text, or standing alone on its line under a letterhead
// ("PRÉFET DE …", "COMMUNIQUÉ DE PRESSE", then "Montpellier, le 15 mai
// 2024"); "" if none.
func datelineDate(paras []string) kg.Date {
	for i, para := range paras {
		if i >= 8 {
			break
		}
		if m := datelineRe.FindStringSubmatch(para); m != nil {
			if d, ok := ParseFrenchDate(m[1], ""); ok {
				return d
			}
		}
		// a newsletter's masthead: "N° 42 – Printemps 2025 – Édition du 2 avril 2025"
		if i < 4 && utf8.RuneCountInString(para) <= 300 {
			if m := issueDateRe.FindStringSubmatch(para); m != nil {
				if d, ok := ParseFrenchDate(m[1], ""); ok {
					return d
				}
			}
		}
	}
	// an act's closing formula: "Acte rendu exécutoire … et publication le 14 février 2025"
	for i := len(paras) - 1; i >= 0 && i >= len(paras)-3; i-- {
		if utf8.RuneCountInString(paras[i]) > 300 {
			continue
		}
		if m := publicationRe.FindStringSubmatch(paras[i]); m != nil {
			if d, ok := ParseFrenchDate(m[1], ""); ok {
				return d
			}
		}
	}
	return ""
}

// publicationRe is a publication stated at the end of a text.
var publicationRe = regexp.MustCompile(`(?i)(?:^|\s)(?:publication|publiée?|mise? en ligne)\s+le\s+((?:\p{L}+\s+)?\d{1,2}(?:er)?\s+\p{L}+\s+\d{4})(?:$|[\s.,;])`)

// issueDateRe is the date of an issue in a masthead line.
var issueDateRe = regexp.MustCompile(`(?i)(?:^|[\s–—-])(?:édition|numéro|parution|paru)\s+(?:du|le)\s+((?:\p{L}+\s+)?\d{1,2}(?:er)?\s+\p{L}+\s+\d{4})(?:$|[\s–—.,-])`)

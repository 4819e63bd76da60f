package article

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// The reference export ends with a trailer of metadata blocks:
//
//	Dates:  Lundi 16 juillet 2018 - 16:30
//	Thématiques:  Développement économique [2]
//	Emploi, Insertion, Formation [3]
//	Publié le 16 juillet 2018
//	URL de la source (modifié le 08/08/2018 - 16:10): https://irev.fr/actualites-0/retour-sur-la-
//	journee-nationale-des-collectivites-territoriales-autour-de-less
//	Liens
//	[1] http://rtes.fr/Retour-sur-la-7eme-Rencontre?utm_medium=email&amp;utm_campaign=Newslette
//	r%20RTES…
//
// where [n] in the body and the theme list refer to the numbered links.

type trailerKey int

const (
	keyNone trailerKey = iota
	keyDates
	keyThemes
	keyPublished
	keyModified
	keySource
	keyLinks
	keyTitle
)

// linkItem reads a "[n] url" line of the link list.
func linkItem(s string) (int, string, bool) {
	ms := findMarkers(s)
	if len(ms) == 0 || ms[0].start != 0 {
		return 0, "", false
	}
	return ms[0].n, strings.TrimSpace(s[ms[0].end:]), true
}

// cutPrefixFold cuts a lower-case prefix from s, ignoring the case of s.
func cutPrefixFold(s, prefix string) (string, bool) {
	for _, pr := range prefix {
		if s == "" {
			return "", false
		}
		r, n := utf8.DecodeRuneInString(s)
		if r != pr && unicode.ToLower(r) != pr {
			return "", false
		}
		s = s[n:]
	}
	return s, true
}

// cutAnyFold cuts the first matching prefix of prefixes (longest first).
func cutAnyFold(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := cutPrefixFold(s, p); ok {
			return rest, true
		}
	}
	return "", false
}

// cutColon cuts spaces, a colon and spaces: "  :  x" → "x".
func cutColon(s string) (string, bool) {
	s = strings.TrimLeft(s, " \t\u00a0")
	if !strings.HasPrefix(s, ":") {
		return "", false
	}
	return trimLayout(s[1:]), true
}

// cutLe cuts " le " before a date: "  le 16 juillet" → "16 juillet".
func cutLe(s string) (string, bool) {
	t := strings.TrimLeft(s, " \t")
	if len(t) == len(s) {
		return "", false
	}
	rest, ok := cutPrefixFold(t, "le ")
	if !ok {
		return "", false
	}
	return trimLayout(rest), true
}

var (
	keyWordsThemes    = []string{"thématiques", "thematiques", "thématique", "thematique", "thèmes", "themes", "thème", "theme", "mots-clés", "mots-cles", "mots clés", "mots cles", "mots-clefs", "tags", "catégories", "categories", "catégorie", "categorie"}
	keyWordsModified  = []string{"mis à jour", "mise à jour", "modifiée", "modifié", "modifie", "actualisée", "actualisé", "actualise"}
	keyWordsPublished = []string{"publiée", "publié", "publie", "mis en ligne", "postée", "posté", "poste"}
	keyWordsSource    = []string{"url de la source", "source", "url"}
	keyWordsTitle     = []string{"titre", "title"}
)

// keyOf classifies a trimmed line of the trailer and returns its value(s):
// "Dates: x", "Thématiques: x" (and Thèmes, Mots-clés, Tags, Catégories),
// "Publié le x" (and Mis en ligne, Posté), "Mis à jour le x" (and Modifié,
// Actualisé), "URL de la source (modifié le y): x" (and Source, URL) with
// the parenthesis first, "Liens", "Titre : x".
func keyOf(s string) (trailerKey, []string) {
	if len(s) < 3 || len(s) > 4000 {
		return keyNone, nil
	}
	switch s[0] | 0x20 {
	case 'd':
		if rest, ok := cutAnyFold(s, "dates", "date"); ok {
			if v, ok := cutColon(rest); ok {
				return keyDates, []string{v}
			}
		}
	case 't', 'c':
		if rest, ok := cutAnyFold(s, keyWordsThemes...); ok {
			if v, ok := cutColon(rest); ok {
				return keyThemes, []string{v}
			}
		}
		if rest, ok := cutAnyFold(s, keyWordsTitle...); ok {
			if v, ok := cutColon(rest); ok && v != "" {
				return keyTitle, []string{v}
			}
		}
	case 'm', 'a':
		if rest, ok := cutAnyFold(s, keyWordsModified...); ok {
			if v, ok := cutLe(rest); ok {
				return keyModified, []string{v}
			}
		}
		if rest, ok := cutAnyFold(s, keyWordsPublished...); ok {
			if v, ok := cutLe(rest); ok {
				return keyPublished, []string{v}
			}
		}
		if rest, ok := cutAnyFold(s, keyWordsThemes...); ok {
			if v, ok := cutColon(rest); ok {
				return keyThemes, []string{v}
			}
		}
	case 'p':
		if rest, ok := cutAnyFold(s, keyWordsPublished...); ok {
			if v, ok := cutLe(rest); ok {
				return keyPublished, []string{v}
			}
		}
	case 'u', 's':
		if rest, ok := cutAnyFold(s, keyWordsSource...); ok {
			paren := ""
			if t := strings.TrimLeft(rest, " \t"); strings.HasPrefix(t, "(") {
				if end := strings.IndexByte(t, ')'); end > 0 {
					paren, rest = t[1:end], t[end+1:]
				}
			}
			if v, ok := cutColon(rest); ok {
				return keySource, []string{paren, v}
			}
		}
	case 'l':
		if rest, ok := cutAnyFold(s, "liens", "links"); ok {
			if r := strings.TrimSpace(rest); r == "" || r == ":" {
				return keyLinks, nil
			}
		}
	}
	return keyNone, nil
}

// trailer is the parsed metadata trailer.
type trailer struct {
	start       int // index of its first line
	keys        int // distinct keys seen
	title       string
	published   kg.Date
	dates       kg.Date
	modified    kg.Date
	source      string
	themes      []string
	themeMarks  map[int]bool
	links       map[int]string
	linkOrder   []int
	hasLinkList bool
}

// findTrailer looks for the metadata trailer: the first key line from which
// every following line belongs to a trailer block. It returns nil when
// there is none. A parse failing at line f fails again from any start up
// to f (the blocks governing f are the same), so the search resumes after
// f and stays linear.
func findTrailer(lines []textLine) *trailer {
	for i := 0; i < len(lines); i++ {
		if k, _ := keyOf(lines[i].s); k == keyNone || k == keyTitle {
			continue
		}
		t, failedAt := parseTrailer(lines, i)
		if t != nil {
			return t
		}
		i = failedAt
	}
	return nil
}

// parseTrailer parses lines[start:] as a trailer; when a line fits no block
// it returns nil and that line's index.
func parseTrailer(lines []textLine, start int) (*trailer, int) {
	t := &trailer{start: start, themeMarks: map[int]bool{}, links: map[int]string{}}
	seen := map[trailerKey]bool{}
	block := keyNone
	var url strings.Builder
	urlOpen := false // the source URL may continue on the next line
	link := -1       // the link that may continue on the next line
	var themeText []string
	for li, l := range lines[start:] {
		s := l.s
		if s == "" {
			urlOpen, link = false, -1
			if block != keyLinks {
				block = keyNone // a blank line closes every block but the link list
			}
			continue
		}
		k, vals := keyOf(s)
		if k != keyNone {
			seen[k] = true
			block, urlOpen, link = k, false, -1
			switch k {
			case keyDates:
				t.dates = dateOrEmpty(vals[0])
			case keyThemes:
				themeText = append(themeText, vals[0])
			case keyPublished:
				t.published = dateOrEmpty(vals[0])
			case keyModified:
				t.modified = dateOrEmpty(vals[0])
			case keySource:
				if vals[0] != "" {
					if d := dateOrEmpty(vals[0]); d != "" {
						t.modified = d
					}
				}
				url.Reset()
				url.WriteString(strings.TrimSpace(vals[1]))
				urlOpen = true
			case keyLinks:
				t.hasLinkList = true
			case keyTitle:
				t.title = strings.TrimSpace(vals[0])
			}
			continue
		}
		switch block {
		case keyThemes:
			if len(s) <= 120 && !strings.HasSuffix(s, ".") {
				themeText = append(themeText, s)
				continue
			}
		case keyDates, keyPublished, keyModified:
			if _, ok := ParseFrenchDate(s, ""); ok {
				continue
			}
		case keySource:
			if urlOpen && isURLText(s) {
				url.WriteString(s)
				continue
			}
		case keyLinks:
			if n, u, ok := linkItem(s); ok {
				if _, dup := t.links[n]; !dup {
					t.linkOrder = append(t.linkOrder, n)
				}
				t.links[n] = u
				link = n
				continue
			}
			if link >= 0 && isURLText(s) {
				t.links[link] += s
				continue
			}
		}
		return nil, start + li
	}
	t.keys = len(seen)
	t.source = url.String()
	for _, line := range themeText {
		for _, th := range splitThemeLine(line, t.themeMarks) {
			t.themes = append(t.themes, th)
		}
	}
	return t, len(lines)
}

// marker is a "[n]" link marker in a line; start includes the spaces
// before it.
type marker struct{ start, end, n int }

// findMarkers finds the [n] link markers (one to four digits) of s.
func findMarkers(s string) []marker {
	var out []marker
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], '[')
		if j < 0 {
			break
		}
		i += j
		k, n := i+1, 0
		for k < len(s) && k-i <= 4 && s[k] >= '0' && s[k] <= '9' {
			n = n*10 + int(s[k]-'0')
			k++
		}
		if k == i+1 || k >= len(s) || s[k] != ']' {
			continue
		}
		start := i
		for start > 0 {
			if s[start-1] == ' ' || s[start-1] == '\t' {
				start--
			} else if start > 1 && s[start-1] == 0xA0 && s[start-2] == 0xC2 {
				start -= 2
			} else {
				break
			}
		}
		out = append(out, marker{start: start, end: k + 1, n: n})
		i = k
	}
	return out
}

// removeMarkers deletes the [n] markers (and the spaces before them) from s.
func removeMarkers(s string, ms []marker) string {
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m.start])
		last = m.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// splitThemeLine splits a theme line at its [n] markers, recording them.
func splitThemeLine(s string, marks map[int]bool) []string {
	var out []string
	last := 0
	for _, m := range findMarkers(s) {
		marks[m.n] = true
		if th := cleanInline(s[last:m.start]); th != "" {
			out = append(out, th)
		}
		last = m.end
	}
	if th := cleanInline(s[last:]); th != "" {
		out = append(out, th)
	}
	return out
}

func dateOrEmpty(s string) kg.Date {
	d, _ := ParseFrenchDate(s, "")
	return d
}

// parseExport reads the reference export; hint, when not nil, holds the
// lines and trailer already found. A text without trailer is read as plain
// text (the reflow is the same) with the export format.
func parseExport(text string, hint *exportHint) *parsed {
	var lines []textLine
	var t *trailer
	if hint != nil {
		lines, t = hint.lines, hint.trailer
	} else {
		lines = splitLines(text)
		t = findTrailer(lines)
	}
	if t == nil {
		p := parsePlain(text)
		p.format = Export
		return p
	}
	body := lines[:t.start]
	// Link markers: remember them, then remove them from the body.
	var marks []int
	for i, l := range body {
		if !strings.Contains(l.s, "[") {
			continue
		}
		ms := findMarkers(l.s)
		if len(ms) == 0 {
			continue
		}
		for _, m := range ms {
			marks = append(marks, m.n)
		}
		s := trimLayout(removeMarkers(l.s, ms))
		if s == "" {
			body[i] = textLine{}
		} else {
			body[i].s = s
			body[i].width = body[i].indent + len([]rune(s))
		}
	}
	p := &parsed{format: Export}
	paras := reflow(body, text)
	p.paragraphs, p.links = dropURLParagraphs(paras)
	p.title = t.title
	p.published = t.published
	if p.published == "" {
		p.published = t.dates
	}
	p.modified = t.modified
	p.url = t.source
	p.themes = t.themes
	// Links: those the body refers to, then the body's own URLs, then the
	// numbered links no theme refers to.
	var links []string
	for _, n := range marks {
		if u, ok := t.links[n]; ok {
			links = append(links, u)
		}
	}
	links = append(links, p.links...)
	for _, n := range t.linkOrder {
		if !t.themeMarks[n] {
			links = append(links, t.links[n])
		}
	}
	p.links = links
	return p
}

// isExport says whether a trailer is strong enough to call the input an
// export: two different keys, or a numbered link list.
func (t *trailer) isExport() bool {
	return t.keys >= 2 || (t.hasLinkList && len(t.links) > 0)
}

// dropURLParagraphs removes the paragraphs that are only a URL (link
// targets, not prose) and returns them as links, with every URL written in
// the remaining paragraphs.
func dropURLParagraphs(paras []string) ([]string, []string) {
	var links []string
	kept := paras[:0]
	for _, p := range paras {
		if isURLOnly(p) {
			links = append(links, CanonicalURL(p))
			continue
		}
		links = append(links, findURLs(p)...)
		kept = append(kept, p)
	}
	return kept, links
}

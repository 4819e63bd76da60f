package article

import (
	"regexp"
	"strconv"
	"strings"

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

var (
	reKeyDates     = regexp.MustCompile(`(?i)^dates?\s*:\s*(.*)$`)
	reKeyThemes    = regexp.MustCompile(`(?i)^(?:th[ée]matiques?|th[èe]mes?|mots[- ]cl[ée]s|tags|cat[ée]gories?)\s*:\s*(.*)$`)
	reKeyPublished = regexp.MustCompile(`(?i)^(?:publi[ée]e?|mis en ligne|post[ée]e?)\s+le\s+(.*)$`)
	reKeyModified  = regexp.MustCompile(`(?i)^(?:mis à jour|mise à jour|modifi[ée]e?|actualis[ée]e?)\s+le\s+(.*)$`)
	reKeySource    = regexp.MustCompile(`(?i)^(?:url de la source|source|url)\s*(?:\(([^)]*)\))?\s*:\s*(.*)$`)
	reKeyLinks     = regexp.MustCompile(`(?i)^(?:liens|links)\s*:?$`)
	reKeyTitle     = regexp.MustCompile(`(?i)^(?:titre|title)\s*:\s*(.+)$`)
	reLinkItem     = regexp.MustCompile(`^\[(\d{1,4})\]\s*(.*)$`)
	reMarker       = regexp.MustCompile(`[ \t\x{00A0}]*\[(\d{1,4})\]`)
)

// keyOf classifies a trimmed line of the trailer and returns its value(s).
func keyOf(s string) (trailerKey, []string) {
	if s == "" || len(s) > 4000 {
		return keyNone, nil
	}
	switch c := s[0] | 0x20; c {
	case 'd':
		if m := reKeyDates.FindStringSubmatch(s); m != nil {
			return keyDates, m[1:]
		}
	case 't', 'm', 'c', 'a':
		if m := reKeyThemes.FindStringSubmatch(s); m != nil {
			return keyThemes, m[1:]
		}
		if m := reKeyModified.FindStringSubmatch(s); m != nil {
			return keyModified, m[1:]
		}
		if m := reKeyPublished.FindStringSubmatch(s); m != nil {
			return keyPublished, m[1:]
		}
		if m := reKeyTitle.FindStringSubmatch(s); m != nil {
			return keyTitle, m[1:]
		}
	case 'p':
		if m := reKeyPublished.FindStringSubmatch(s); m != nil {
			return keyPublished, m[1:]
		}
	case 'u', 's':
		if m := reKeySource.FindStringSubmatch(s); m != nil {
			return keySource, m[1:]
		}
	case 'l':
		if reKeyLinks.MatchString(s) {
			return keyLinks, nil
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
// there is none.
func findTrailer(lines []textLine) *trailer {
	for i, l := range lines {
		if k, _ := keyOf(l.s); k == keyNone || k == keyTitle {
			continue
		}
		if t := parseTrailer(lines, i); t != nil {
			return t
		}
	}
	return nil
}

// parseTrailer parses lines[start:] as a trailer, or returns nil when a line
// fits no block.
func parseTrailer(lines []textLine, start int) *trailer {
	t := &trailer{start: start, themeMarks: map[int]bool{}, links: map[int]string{}}
	seen := map[trailerKey]bool{}
	block := keyNone
	var url strings.Builder
	urlOpen := false // the source URL may continue on the next line
	link := -1       // the link that may continue on the next line
	var themeText []string
	for _, l := range lines[start:] {
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
			if m := reLinkItem.FindStringSubmatch(s); m != nil {
				n, _ := strconv.Atoi(m[1])
				if _, dup := t.links[n]; !dup {
					t.linkOrder = append(t.linkOrder, n)
				}
				t.links[n] = strings.TrimSpace(m[2])
				link = n
				continue
			}
			if link >= 0 && isURLText(s) {
				t.links[link] += s
				continue
			}
		}
		return nil
	}
	t.keys = len(seen)
	t.source = url.String()
	for _, line := range themeText {
		for _, th := range splitThemeLine(line, t.themeMarks) {
			t.themes = append(t.themes, th)
		}
	}
	return t
}

// splitThemeLine splits a theme line at its [n] markers, recording them.
func splitThemeLine(s string, marks map[int]bool) []string {
	var out []string
	last := 0
	for _, m := range reMarker.FindAllStringSubmatchIndex(s, -1) {
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		marks[n] = true
		if th := cleanInline(s[last:m[0]]); th != "" {
			out = append(out, th)
		}
		last = m[1]
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

// parseExport reads the reference export. A text without trailer is read as
// plain text (the reflow is the same).
func parseExport(text string, forced bool) (*parsed, bool) {
	lines := splitLines(text)
	t := findTrailer(lines)
	if t == nil || (!forced && !t.isExport()) {
		if !forced {
			return nil, false
		}
		p := parsePlain(text)
		p.format = Export
		return p, true
	}
	body := lines[:t.start]
	// Link markers: remember them, then remove them from the body.
	var marks []int
	for i, l := range body {
		if !strings.Contains(l.s, "[") {
			continue
		}
		for _, m := range reMarker.FindAllStringSubmatch(l.s, -1) {
			n, _ := strconv.Atoi(m[1])
			marks = append(marks, n)
		}
		s := strings.TrimSpace(reMarker.ReplaceAllString(l.s, ""))
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
	return p, true
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

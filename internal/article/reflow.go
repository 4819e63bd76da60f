package article

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// textLine is one input line with its layout.
type textLine struct {
	s      string // the line without leading and trailing spaces
	indent int    // leading space characters
	width  int    // characters up to the end of s (indent included)
}

func (l textLine) blank() bool { return l.s == "" }

// isLayoutSpace reports the spaces that only lay out a line at its edges.
func isLayoutSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == 0xA0 || r == 0x2007 || r == 0x202F || r == 0x3000 || (r >= 0x2000 && r <= 0x200A)
}

func trimLayout(s string) string { return strings.TrimFunc(s, isLayoutSpace) }

func splitLines(s string) []textLine {
	raw := strings.Split(s, "\n")
	out := make([]textLine, len(raw))
	for i, l := range raw {
		t := strings.TrimLeftFunc(l, isLayoutSpace)
		indent := utf8.RuneCountInString(l[:len(l)-len(t)])
		t = strings.TrimRightFunc(t, isLayoutSpace)
		out[i] = textLine{s: t, indent: indent, width: indent + utf8.RuneCountInString(t)}
	}
	return out
}

// layout describes how a block of lines was wrapped.
type layout struct {
	width      int  // typical width of a full line (80th percentile)
	wrapped    bool // lines were cut at a fixed width
	baseIndent int  // the smallest indentation
}

func measure(lines []textLine) layout {
	widths := make([]int, 0, len(lines))
	base := -1
	for _, l := range lines {
		if l.blank() {
			continue
		}
		widths = append(widths, l.width)
		if base < 0 || l.indent < base {
			base = l.indent
		}
	}
	lay := layout{baseIndent: max(base, 0)}
	if len(widths) == 0 {
		return lay
	}
	slices.Sort(widths)
	lay.width = widths[(len(widths)-1)*8/10]
	full, over := 0, 0
	for _, w := range widths {
		if w*10 >= lay.width*8 {
			full++
		}
		if w*10 > lay.width*12 {
			over++
		}
	}
	// Wrapped text has most lines near one width and almost none beyond it.
	lay.wrapped = len(widths) >= 3 && lay.width >= 30 && lay.width <= 200 && full*2 >= len(widths) && over*10 <= len(widths)
	return lay
}

// endsSentence reports whether a line ends a sentence or announces what
// follows: its last character, past closing quotes and brackets, is one of
// . ! ? … :
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return isLayoutSpace(r) || r == '»' || r == '"' || r == '”' || r == ')' || r == ']' || r == '*' || r == '\''
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == ':'
}

// firstLetter returns the first letter or digit of s, skipping opening
// quotes, brackets and spaces.
func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		if !(isLayoutSpace(r) || strings.ContainsRune("«\"“‘'([*_", r)) {
			return r
		}
	}
	return 0
}

func startsUpper(s string) bool {
	r := firstLetter(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func startsLower(s string) bool { return unicode.IsLower(firstLetter(s)) }

// isBullet reports a list item: "- ", "• ", "* ", "1. ", "2) "…
func isBullet(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("-–—•*·▪►→✓➢◦", r) {
		return n < len(s) && (s[n] == ' ' || strings.HasPrefix(s[n:], "\u00a0"))
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// agendaTime is a time of day at the start of an agenda item: "9h30",
// "10 h", "14h10", "9:30", "18.00", maybe a range ("9h30-10h", "14h à 16h").
var agendaTime = regexp.MustCompile(`^(?:[01]?\d|2[0-3])(?:\s?[hH](?:\s?[0-5]\d)?|[:.][0-5]\d)(?:\s*(?:-|–|—|à)\s*(?:[01]?\d|2[0-3])(?:\s?[hH](?:\s?[0-5]\d)?|[:.][0-5]\d))?`)

// isAgendaItem reports an item of a programme: a time of day followed by a
// dash, a colon or a capitalised word ("9h30 – Accueil", "14h : Table
// ronde", "10h00 Ouverture").
func isAgendaItem(s string) bool {
	loc := agendaTime.FindStringIndex(s)
	if loc == nil {
		return false
	}
	rest := strings.TrimLeftFunc(s[loc[1]:], isLayoutSpace)
	if rest == "" || len(rest) == len(s)-loc[1] && loc[1] < len(s) && !isLayoutSpace(rune(s[loc[1]])) {
		return false // "14h30" glued to a word, or nothing after
	}
	r, n := utf8.DecodeRuneInString(rest)
	switch {
	case r == '-' || r == '–' || r == '—' || r == ':' || r == '|' || r == '•':
		return strings.TrimLeftFunc(rest[n:], isLayoutSpace) != ""
	case unicode.IsUpper(r):
		return true
	}
	return false
}

// continuesItem reports whether a wrapped agenda item or list item (para,
// whose last line is prev) goes on with next: the last line was full, so
// next's first word would not have fitted on it, and it does not end a
// sentence before a capital.
func (r *reflower) continuesItem(prev, next textLine) bool {
	w := r.lay.width
	if endsSentence(prev.s) && startsUpper(next.s) {
		return false
	}
	if startsLower(next.s) || !r.lay.wrapped {
		return startsLower(next.s)
	}
	fw := utf8.RuneCountInString(firstWord(strings.TrimLeft(next.s, "«\"“‘'([")))
	return (prev.width+1+fw)*100 >= w*92
}

// reflower joins the lines of one text into paragraphs.
type reflower struct {
	full  string          // the whole text, for the hyphenation evidence
	pairs map[string]bool // hyphenated word pairs of full, built on first need
	words map[string]bool // words of full, built on first need
	lay   layout
}

// reflow joins lines into paragraphs. A blank line always ends a paragraph;
// a list item starts one. In text wrapped at a fixed width, a line ending a
// sentence ends its paragraph when the next line is indented, when it is
// short itself, or when the next line is a short standalone line (a
// signature); a short line without final punctuation followed by a capital
// is a heading or a forced break. Unwrapped text breaks at every line end
// except where the sentence obviously continues. Lines are joined with a
// space, except URLs cut across lines and words hyphenated at the line end
// (see joinHyphen).
func reflow(lines []textLine, full string) []string {
	r := &reflower{full: full, lay: measure(lines)}
	var paras []string
	var cur strings.Builder
	var prev textLine
	open := false
	flush := func() {
		if open {
			if p := finishParagraph(cur.String()); p != "" {
				paras = append(paras, p)
			}
		}
		cur.Reset()
		open = false
	}
	for i, l := range lines {
		if l.blank() {
			flush()
			continue
		}
		if !open {
			cur.WriteString(l.s)
			prev, open = l, true
			continue
		}
		if sep, join := r.join(cur.String(), prev, l, lines[i+1:]); join {
			if sep == "\x00" { // drop the last byte (a hyphen or soft hyphen) of cur
				s := cur.String()
				_, n := utf8.DecodeLastRuneInString(s)
				cur.Reset()
				cur.WriteString(s[:len(s)-n])
			} else {
				cur.WriteString(sep)
			}
			cur.WriteString(l.s)
		} else {
			flush()
			cur.WriteString(l.s)
			open = true
		}
		prev = l
	}
	flush()
	return paras
}

// join decides whether next continues the paragraph ending with prev, and
// with what separator ("" glued, " ", or "\x00" to drop the final hyphen).
func (r *reflower) join(para string, prev, next textLine, rest []textLine) (string, bool) {
	if strings.HasSuffix(prev.s, "\u00ad") && startsLower(next.s) {
		return "\x00", true
	}
	if r.urlContinues(para, prev, next) {
		return "", true
	}
	if isBullet(next.s) || isAgendaItem(next.s) && !endsWithConnector(para) {
		return "", false
	}
	if sep, ok := r.joinHyphen(para, next); ok {
		return sep, true
	}
	if isAgendaItem(para) && !r.continuesItem(prev, next) {
		return "", false // the item ended: "16h30 – Clôture par X" then the report
	}
	term := endsSentence(prev.s)
	w := r.lay.width
	if !r.lay.wrapped {
		if !term && startsLower(next.s) {
			return " ", true
		}
		return "", false
	}
	if term {
		if next.indent > r.lay.baseIndent || prev.width*4 < w*3 {
			return "", false
		}
		if next.width*2 < w && !endsSentence(next.s) && (len(rest) == 0 || rest[0].blank() || isBullet(rest[0].s) || isAgendaItem(rest[0].s)) {
			return "", false // a short standalone line: signature, credit, the heading of a list
		}
		return " ", true
	}
	if prev.width*10 < w*6 && startsUpper(next.s) {
		return "", false
	}
	if para == prev.s && prev.indent > r.lay.baseIndent && next.indent > r.lay.baseIndent && startsUpper(next.s) {
		return "", false // an indented line alone, then an indented paragraph: a heading (the export's title line)
	}
	return " ", true
}

// endsWithConnector reports whether a paragraph ends with a word that a
// time continues ("de", "à", "dès", "vers", "entre", "et"): "rendez-vous
// à" + "14h - …" is one sentence.
func endsWithConnector(para string) bool {
	w := strings.ToLower(lastToken(strings.TrimRightFunc(para, isLayoutSpace)))
	switch w {
	case "à", "a", "de", "dès", "des", "vers", "entre", "et", "ou", "le", "jusqu'à", "avant", "après", "depuis", "partir":
		return true
	}
	return false
}

// urlContinues reports whether the paragraph so far (para, whose last line
// is prev) ends with a URL that next continues: URLs are cut at the wrap
// width, sometimes with a leading space on the continuation.
func (r *reflower) urlContinues(para string, prev, next textLine) bool {
	tok := lastToken(para)
	tok = strings.TrimLeft(tok, "(<«\"“[")
	if !hasURLPrefix(tok) {
		return false
	}
	nt := next.s
	if i := strings.IndexByte(nt, ' '); i >= 0 {
		nt = nt[:i]
	}
	if i := strings.Index(nt, "\u00a0"); i >= 0 {
		nt = nt[:i]
	}
	if nt == "" || !isURLText(nt) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(tok)
	switch {
	case strings.ContainsAny(nt, "/?&=%#"):
		return true
	case strings.ContainsRune("-/?&=%#_+~", last):
		return true
	case nt == next.s && r.lay.width > 0 && prev.width*10 >= r.lay.width*9 && !strings.ContainsAny(nt, "().,;"):
		return true
	}
	return false
}

// lastToken returns what follows the last space (or NBSP) of s, looking
// back at most 8 KiB (no URL is longer).
func lastToken(s string) string {
	stop := max(0, len(s)-8192)
	for i := len(s) - 1; i >= stop; i-- {
		switch {
		case s[i] == ' ':
			return s[i+1:]
		case s[i] == 0xA0 && i > 0 && s[i-1] == 0xC2:
			return s[i+1:]
		}
	}
	if stop > 0 {
		return ""
	}
	return s
}

func hasURLPrefix(s string) bool {
	if len(s) < 8 {
		return false
	}
	l := strings.ToLower(s[:8])
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// isURLText reports whether s is made only of characters URLs use.
func isURLText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || strings.IndexByte("<>\"{}|\\^`", c) >= 0 {
			return false
		}
	}
	return true
}

// joinHyphen handles a line ending with a hyphen after a letter. Before a
// capital or a digit the hyphen is part of a compound and kept ("Hauts-de-"
// + "France"). Before a lower-case letter it is a hyphenation point and
// dropped ("dé-" + "veloppement"), unless the text shows the compound
// elsewhere, or the parts are known compound parts ("rendez-vous",
// "peut-être", "celle-ci", "tiers-lieu", "vingt-deux", "micro-crèche").
func (r *reflower) joinHyphen(para string, next textLine) (string, bool) {
	s := para
	if !strings.HasSuffix(s, "-") || len(s) < 2 {
		return "", false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	if !unicode.IsLetter(before) {
		return "", false
	}
	if hasURLPrefix(strings.TrimLeft(lastToken(s), "(<«\"“[")) {
		return "", false
	}
	first, _ := utf8.DecodeRuneInString(next.s)
	switch {
	case unicode.IsUpper(first) || unicode.IsDigit(first):
		return "", true
	case !unicode.IsLower(first):
		return "", false
	}
	left := lastWordPart(s[max(0, len(s)-256) : len(s)-1])
	right := firstWord(next.s)
	if r.keepHyphen(left, right) {
		return "", true
	}
	return "\x00", true
}

// lastWordPart returns the letters ending s (after the last hyphen,
// apostrophe or space).
func lastWordPart(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

func (r *reflower) keepHyphen(left, right string) bool {
	if utf8.RuneCountInString(left) <= 1 || strings.ToUpper(left) == left {
		return true
	}
	if r.pairs == nil {
		r.indexWords()
	}
	l, rt := strings.ToLower(left), strings.ToLower(right)
	if r.pairs[l+"-"+rt] {
		return true
	}
	if r.words[l+rt] {
		return false
	}
	if compoundSuffixes[rt] || compoundPrefixes[l] {
		return true
	}
	_, lnum := cardinalWords[foldASCII(l)]
	_, rnum := cardinalWords[foldASCII(rt)]
	return lnum && rnum
}

// indexWords records, once per text, its words and the hyphenated pairs
// written on one line ("rendez-vous" → "rendez-vous"; "hauts-de-france" →
// "hauts-de", "de-france"), in lower case: the evidence keepHyphen uses.
func (r *reflower) indexWords() {
	r.pairs, r.words = map[string]bool{}, map[string]bool{}
	lower := strings.ToLower(r.full)
	for _, tok := range strings.FieldsFunc(lower, func(c rune) bool { return !unicode.IsLetter(c) && c != '-' }) {
		parts := strings.Split(strings.Trim(tok, "-"), "-")
		for i, p := range parts {
			if p == "" {
				continue
			}
			r.words[p] = true
			if i+1 < len(parts) && parts[i+1] != "" {
				r.pairs[p+"-"+parts[i+1]] = true
			}
		}
	}
}

var compoundSuffixes = setOf("ci", "là", "même", "mêmes", "être", "vous", "dire", "vis", "lieu", "lieux",
	"t", "il", "ils", "elle", "elles", "on", "je", "tu", "nous", "y", "en", "moi", "toi", "lui", "eux",
	"leur", "leurs", "le", "les", "la", "ce", "delà", "dessus", "dessous", "midi", "clé", "clés",
	"bas", "haut", "après", "contre", "disant")

var compoundPrefixes = setOf("tiers", "porte", "sud", "nord", "est", "ouest", "demi", "semi", "mi", "non",
	"quasi", "ex", "vice", "sous", "après", "avant", "arrière", "grand", "grande", "petit", "petite",
	"belle", "beau", "arc", "à", "au", "gros", "bien", "mal", "haut", "hauts", "bas", "basse", "micro",
	"sans", "rendez", "peut", "soi", "ci", "là", "par", "celle", "celui", "ceux", "celles", "vis",
	"garde", "chef", "lieu", "mot", "états", "outre", "saint", "sainte", "faire", "savoir", "laissez")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// finishParagraph removes soft hyphens, collapses runs of ASCII spaces
// (NBSP is kept: it is the author's) and trims the paragraph.
func finishParagraph(p string) string {
	if strings.Contains(p, "\u00ad") {
		p = strings.ReplaceAll(p, "\u00ad", "")
	}
	if strings.Contains(p, "  ") {
		var b strings.Builder
		b.Grow(len(p))
		space := false
		for i := 0; i < len(p); i++ {
			if p[i] == ' ' {
				if space {
					continue
				}
				space = true
			} else {
				space = false
			}
			b.WriteByte(p[i])
		}
		p = b.String()
	}
	return trimLayout(strings.ReplaceAll(p, "\n", " "))
}

// joinParagraphs returns the final Text: paragraphs in NFC separated by a
// blank line, empty ones dropped.
func joinParagraphs(paras []string) string {
	kept := paras[:0:0]
	for _, p := range paras {
		if p = finishParagraph(p); p != "" {
			kept = append(kept, p)
		}
	}
	return norm.NFC.String(strings.Join(kept, "\n\n"))
}

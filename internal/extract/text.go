package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

type tokKind uint8

const (
	tWord  tokKind = iota // letters, possibly with digits, hyphens, inner apostrophes
	tNum                  // starts with a digit
	tPunct                // one punctuation or symbol character
)

// token is one word, number or punctuation mark of an article's text.
type token struct {
	b0, b1 int    // byte offsets in the text
	r0, r1 int    // code point offsets in the text
	text   string // as written
	fold   string // kg.Fold(text)
	kind   tokKind
	cap    bool // starts with an upper-case letter
	upper  bool // two letters or more, all upper case
	elided bool // an elided article or preposition: l', d', qu'…
	nl     bool // first token of a line
	blank  bool // first token after a blank line
	sent   int  // sentence index
	line   int  // line index
}

// doc is the tokenized text of one article.
type doc struct {
	text   string
	toks   []token
	sents  [][2]int // token ranges of sentences
	lines  [][2]int // token ranges of lines
	fv     []byte   // folded view: token folds separated by ' ', '|' at punctuation
	fvTok  []int32  // fv byte → token index + 1 where a token's fold starts, -(index+1) where one ends (else 0)
	tokFv  [][2]int32
	nrunes int
}

var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true, "presqu": true,
}

func isApos(r rune) bool   { return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' }
func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }
func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// foldTable holds kg.Fold of each rune below foldTableSize: "" for marks
// (dropped), "\x00" for separators.
const foldTableSize = 0x300

var foldTable = func() [foldTableSize]string {
	var t [foldTableSize]string
	for r := rune(0); r < foldTableSize; r++ {
		switch {
		case unicode.Is(unicode.Mn, r):
			t[r] = ""
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == 'œ' || r == 'Œ' || r == 'æ' || r == 'Æ':
			t[r] = kg.Fold(string(r))
			if t[r] == "" {
				t[r] = "\x00"
			}
		default:
			t[r] = "\x00"
		}
	}
	return t
}()

// fold is kg.Fold, with a table-driven fast path for Latin text.
func fold(s string) string {
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			lower = false
			break
		}
	}
	if lower {
		return s
	}
	var stack [64]byte
	b := stack[:0]
	sep := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				sep = true
				continue
			}
			if sep && len(b) > 0 {
				b = append(b, ' ')
			}
			sep = false
			b = append(b, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r >= foldTableSize {
			switch r {
			case '’', '‘', 'ʼ', '“', '”', '–', '—', '…', '\u202f', '\u2009', '\u2007', '\u200b':
				sep = true // typographic punctuation and spaces: separators, as in kg.Fold
				continue
			}
			return kg.Fold(s)
		}
		f := foldTable[r]
		if f == "\x00" {
			sep = true
			continue
		}
		if f == "" {
			continue
		}
		if sep && len(b) > 0 {
			b = append(b, ' ')
		}
		sep = false
		b = append(b, f...)
	}
	return string(b)
}

// abbreviations after which a period does not end a sentence.
var abbrevs = map[string]bool{
	"m": true, "mm": true, "mme": true, "mmes": true, "mlle": true, "dr": true, "pr": true, "me": true,
	"st": true, "ste": true, "etc": true, "cf": true, "p": true, "av": true, "bd": true, "no": true,
	"n": true, "vol": true, "art": true, "ex": true, "env": true, "hab": true, "tel": true, "coord": true,
}

// tokenize splits text into tokens, lines and sentences and builds the
// folded view.
func tokenize(text string) *doc {
	d := &doc{text: text, toks: make([]token, 0, len(text)/5)}
	runeIdx := 0
	line := 0
	nl, blank := true, false
	i := 0
	for i < len(text) {
		r, sz := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			if nl {
				blank = true
			}
			nl = true
			line++
			i += sz
			runeIdx++
			continue
		}
		if unicode.IsSpace(r) || r == '\u00ad' || r == '\u200b' || r == '\ufeff' {
			i += sz
			runeIdx++
			continue
		}
		start, rstart := i, runeIdx
		var kind tokKind
		if isWordRune(r) {
			kind = tWord
			if unicode.IsDigit(r) {
				kind = tNum
			}
			j, rj := i+sz, runeIdx+1
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) || r2 == '\u00ad' {
					j += s2
					rj++
					continue
				}
				if r2 == '(' && kind == tWord {
					// inclusive writing: "habitant(e)s", "Pluriel(le)s"
					if n := inclusiveSuffix(text[j:]); n > 0 {
						rj += utf8.RuneCountInString(text[j : j+n])
						j += n
						continue
					}
				}
				if r2 == '·' && kind == tWord && j+len("·") < len(text) {
					if r3, _ := utf8.DecodeRuneInString(text[j+len("·"):]); unicode.IsLower(r3) {
						j += len("·") // "habitant·e·s"
						rj++
						continue
					}
				}
				if isHyphen(r2) || isApos(r2) || (r2 == '.' || r2 == ',') && kind == tNum {
					// joined only between word characters
					if j+s2 < len(text) {
						r3, _ := utf8.DecodeRuneInString(text[j+s2:])
						if isWordRune(r3) && (kind != tNum || unicode.IsDigit(r3) || isHyphen(r2)) {
							if isApos(r2) && !strings.ContainsAny(text[start:j], "-‐‑") && elisions[strings.ToLower(text[start:j])] && !(text[start:j] == "N" && unicode.IsUpper(r3)) {
								// elision: "l'", "d'", "qu'" end here ("N'Guessan", "N'Diaye" are
								// surnames, not "n'")
								j += s2
								rj++
								break
							}
							j += s2
							rj++
							continue
						}
					}
				}
				break
			}
			d.addToken(text, start, j, rstart, rj, kind, line, nl, blank)
			i, runeIdx = j, rj
		} else {
			d.addToken(text, start, i+sz, rstart, runeIdx+1, tPunct, line, nl, blank)
			i += sz
			runeIdx++
		}
		nl, blank = false, false
	}
	d.nrunes = runeIdx
	d.segment()
	d.buildFoldedView()
	return d
}

// inclusiveSuffix returns the length in bytes of an inclusive-writing
// suffix at the start of s — "(e)", "(le)s", "(ne)s" followed by the end of
// the word — or 0.
func inclusiveSuffix(s string) int {
	if len(s) < 3 || s[0] != '(' {
		return 0
	}
	i, letters := 1, 0
	for i < len(s) && letters <= 3 {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLower(r) {
			break
		}
		i += sz
		letters++
	}
	if letters == 0 || letters > 3 || i >= len(s) || s[i] != ')' {
		return 0
	}
	i++
	for i < len(s) {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLower(r) {
			break
		}
		i += sz
	}
	if i < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[i:]); isWordRune(r) {
			return 0
		}
	}
	return i
}

func (d *doc) addToken(text string, b0, b1, r0, r1 int, kind tokKind, line int, nl, blank bool) {
	s := text[b0:b1]
	t := token{b0: b0, b1: b1, r0: r0, r1: r1, text: s, kind: kind, nl: nl, blank: blank, line: line}
	if kind != tPunct {
		t.fold = fold(s)
		first, _ := utf8.DecodeRuneInString(s)
		t.cap = unicode.IsUpper(first)
		letters, uppers := 0, 0
		for _, r := range s {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					uppers++
				}
			}
		}
		t.upper = letters >= 2 && uppers == letters
		last, _ := utf8.DecodeLastRuneInString(s)
		t.elided = isApos(last)
	}
	d.toks = append(d.toks, t)
}

// segment splits tokens into lines and sentences. A sentence ends at . ! ?
// … (not after an abbreviation or an initial) followed by a capital, a
// quote or a line break, and at every line break: the article reader has
// already joined the lines of a paragraph.
func (d *doc) segment() {
	n := len(d.toks)
	sent, sentStart := 0, 0
	lineStart := 0
	closeSent := func(end int) {
		if end > sentStart {
			d.sents = append(d.sents, [2]int{sentStart, end})
			sent++
		}
		sentStart = end
	}
	for i := 0; i < n; i++ {
		t := &d.toks[i]
		if i > 0 && t.nl {
			d.lines = append(d.lines, [2]int{lineStart, i})
			lineStart = i
			closeSent(i)
		}
		t.sent = sent
		if t.kind == tPunct && (t.text == "." || t.text == "!" || t.text == "?" || t.text == "…") && i+1 < n {
			if t.text == "." && i > 0 {
				p := d.toks[i-1]
				if p.b1 == t.b0 && (abbrevs[p.fold] || p.kind == tWord && utf8.RuneCountInString(p.text) == 1 && p.cap) {
					continue
				}
			}
			nx := d.toks[i+1]
			j := i + 1
			for j < n && d.toks[j].kind == tPunct && (d.toks[j].text == "»" || d.toks[j].text == "\"" || d.toks[j].text == "”" || d.toks[j].text == ")") && !d.toks[j].nl {
				d.toks[j].sent = sent
				j++
			}
			if j < n {
				nx = d.toks[j]
			}
			if j >= n || nx.nl || nx.cap || nx.kind == tNum || nx.kind == tPunct && (nx.text == "«" || nx.text == "\"" || nx.text == "“" || nx.text == "-" || nx.text == "–" || nx.text == "—") {
				i = j - 1
				closeSent(j)
			}
		}
	}
	if n > lineStart {
		d.lines = append(d.lines, [2]int{lineStart, n})
	}
	closeSent(n)
	// fix sentence indexes (closeSent after the loop advanced them)
	for si, s := range d.sents {
		for k := s[0]; k < s[1]; k++ {
			d.toks[k].sent = si
		}
	}
}

// buildFoldedView writes the folded view used by the lexicon matcher: every
// word's fold followed by a space, "| " for punctuation (so that a name
// never spans a comma or a parenthesis) and at sentence ends.
func (d *doc) buildFoldedView() {
	fv := make([]byte, 0, len(d.text)+16)
	d.tokFv = make([][2]int32, len(d.toks))
	fv = append(fv, ' ')
	for i := range d.toks {
		t := &d.toks[i]
		if i > 0 && t.sent != d.toks[i-1].sent {
			fv = append(fv, '|', ' ')
		}
		if t.kind == tPunct || t.fold == "" {
			if t.text != "&" && t.text != "'" && t.text != "’" {
				fv = append(fv, '|', ' ')
			}
			d.tokFv[i] = [2]int32{int32(len(fv)), int32(len(fv))}
			continue
		}
		s := len(fv)
		fv = append(fv, t.fold...)
		d.tokFv[i] = [2]int32{int32(s), int32(len(fv))}
		fv = append(fv, ' ')
	}
	d.fv = fv
	d.fvTok = make([]int32, len(fv)+1)
	for i, p := range d.tokFv {
		if p[0] == p[1] {
			continue
		}
		d.fvTok[p[0]] = int32(i + 1)
		if d.fvTok[p[1]] == 0 {
			d.fvTok[p[1]] = -int32(i + 1)
		}
	}
}

// tokenRange maps a folded-view match [s, e) to the tokens it covers, if it
// starts at a token start and ends at a token end.
func (d *doc) tokenRange(s, e int) (int, int, bool) {
	if s < 0 || e > len(d.fv) || s >= e {
		return 0, 0, false
	}
	a := d.fvTok[s]
	if a <= 0 {
		return 0, 0, false
	}
	t0 := int(a - 1)
	// the end must be the end of some token's fold
	if e == len(d.fv) || d.fv[e] == ' ' {
		// find the token ending at e
		for t := t0; t < len(d.toks); t++ {
			p := d.tokFv[t]
			if int(p[1]) == e && p[0] != p[1] {
				return t0, t + 1, true
			}
			if int(p[0]) > e {
				break
			}
		}
	}
	return 0, 0, false
}

// span returns the text of tokens [t0, t1) and its code-point offsets.
func (d *doc) span(t0, t1 int) kg.Span {
	if t0 >= t1 {
		return kg.Span{}
	}
	a, b := d.toks[t0], d.toks[t1-1]
	return kg.Span{Start: a.r0, End: b.r1, Text: d.text[a.b0:b.b1]}
}

// str returns the text of tokens [t0, t1).
func (d *doc) str(t0, t1 int) string {
	if t0 >= t1 {
		return ""
	}
	return d.text[d.toks[t0].b0:d.toks[t1-1].b1]
}

// foldOf returns the space-joined folds of tokens [t0, t1).
func (d *doc) foldOf(t0, t1 int) string {
	var b strings.Builder
	for i := t0; i < t1; i++ {
		if f := d.toks[i].fold; f != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(f)
		}
	}
	return b.String()
}

// tokenAtByte returns the index of the token starting at or containing byte
// offset b (-1 if none).
func (d *doc) tokenAtByte(b int) int {
	lo, hi := 0, len(d.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if d.toks[m].b1 <= b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.toks) && d.toks[lo].b0 <= b+0 && b < d.toks[lo].b1 || lo < len(d.toks) && d.toks[lo].b0 >= b {
		return lo
	}
	return -1
}

// sentSpan returns the sentence of token t: its text and code-point offsets.
func (d *doc) sentSpan(si int) (string, int, int) {
	s := d.sents[si]
	sp := d.span(s[0], s[1])
	return sp.Text, sp.Start, sp.End
}

func (d *doc) is(i int, folds ...string) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	f := d.toks[i].fold
	for _, x := range folds {
		if f == x {
			return true
		}
	}
	return false
}

func (d *doc) punct(i int, marks ...string) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tPunct {
		return false
	}
	for _, m := range marks {
		if d.toks[i].text == m {
			return true
		}
	}
	return false
}

// sameSent reports whether tokens a and b are in the same sentence.
func (d *doc) sameSent(a, b int) bool {
	return a >= 0 && b >= 0 && a < len(d.toks) && b < len(d.toks) && d.toks[a].sent == d.toks[b].sent
}

// capsLine reports whether token i is on a line written in capitals (two
// words or more, all upper case): a heading ("PROGRAMME DE LA JOURNÉE"),
// not names.
func (d *doc) capsLine(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	a, b := i, i+1
	for a > 0 && !d.toks[a].nl {
		a--
	}
	for b < len(d.toks) && !d.toks[b].nl {
		b++
	}
	words, upper := 0, 0
	for k := a; k < b; k++ {
		t := &d.toks[k]
		if t.kind != tWord {
			continue
		}
		words++
		if t.upper || len(t.text) == 1 && t.cap {
			upper++
		}
	}
	return words >= 2 && upper == words
}

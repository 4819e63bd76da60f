package article

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// DateMatch is a date or date range found in a text.
type DateMatch struct {
	Start, End   int     // byte offsets of the expression in the searched text
	From, To     kg.Date // To equals From for a single day
	YearInferred bool    // the year was not written and was taken from the reference date
}

// Range reports whether the match spans more than one day.
func (m DateMatch) Range() bool { return m.To != m.From }

// ParseFrenchDate returns the first date written in s: "Lundi 16 juillet
// 2018 - 16:30", "16 juillet 2018", "1er mars 2024", "le 08/08/2018 - 16:10",
// "2018-07-16", "16 juil. 2018", "mardi 21 mars" (the year is then inferred
// from ref: the candidate year nearest to ref, among ref's year and its
// neighbours, whose weekday matches the written one if any). Times ("à
// 16:30", "16h30") are accepted and ignored. For a range ("du 14 au 16
// octobre 2024") it returns the first day. ok is false when s holds no
// complete date (a month alone is not a date), or when the year is missing
// and ref is empty.
func ParseFrenchDate(s string, ref kg.Date) (kg.Date, bool) {
	for _, m := range findDates(s, ref, 1) {
		return m.From, true
	}
	return "", false
}

// ParseFrenchDateRange returns the first date or range written in s: "du 14
// au 16 octobre 2024", "du 30 septembre au 2 octobre 2024", "14-16 octobre
// 2024", "les 14 et 15 octobre", "entre le 3 et le 5 mai 2023", or a single
// date (then from == to). Years are completed as ParseFrenchDate does.
func ParseFrenchDateRange(s string, ref kg.Date) (from, to kg.Date, ok bool) {
	for _, m := range findDates(s, ref, 1) {
		return m.From, m.To, true
	}
	return "", "", false
}

// FindDates returns every date and date range written in text, in order,
// with their byte offsets. Years missing from the text are inferred from ref
// as ParseFrenchDate does; without ref such dates are skipped.
func FindDates(text string, ref kg.Date) []DateMatch { return findDates(text, ref, -1) }

type dtok struct {
	kind       byte // 'n' number, 'w' word, 'p' punctuation
	s          string
	v          int // number value
	start, end int
	space      bool // whitespace before the token
}

func tokenizeDate(s string) []dtok {
	toks := make([]dtok, 0, len(s)/4)
	space := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			j, v := i, 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if j-i < 9 {
					v = v*10 + int(s[j]-'0')
				}
				j++
			}
			toks = append(toks, dtok{kind: 'n', s: s[i:j], v: v, start: i, end: j, space: space})
			space = false
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += n2
			}
			toks = append(toks, dtok{kind: 'w', s: foldASCII(s[i:j]), start: i, end: j, space: space})
			space = false
			i = j
		case unicode.IsSpace(r) || r == 0xA0 || r == 0x202F:
			space = true
			i += n
		default:
			toks = append(toks, dtok{kind: 'p', s: s[i : i+n], start: i, end: i + n, space: space})
			space = false
			i += n
		}
	}
	return toks
}

var monthNames = map[string]int{
	"janvier": 1, "janv": 1, "jan": 1, "january": 1,
	"fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
	"mars": 3, "march": 3,
	"avril": 4, "avr": 4, "apr": 4, "april": 4,
	"mai": 5, "may": 5,
	"juin": 6, "june": 6, "jun": 6,
	"juillet": 7, "juil": 7, "jul": 7, "july": 7,
	"aout": 8, "aug": 8, "august": 8,
	"septembre": 9, "sept": 9, "sep": 9, "september": 9,
	"octobre": 10, "oct": 10, "october": 10,
	"novembre": 11, "nov": 11, "november": 11,
	"decembre": 12, "dec": 12, "december": 12,
}

var monthAbbrev = setOf("janv", "jan", "fevr", "fev", "feb", "avr", "apr", "jun", "juil", "jul", "aug", "sept", "sep", "oct", "nov", "dec")

var weekdayNames = map[string]time.Weekday{
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// dpart is one written date, possibly incomplete (month or year 0).
type dpart struct {
	day, month, year int
	weekday          int // -1 when not written
	start, next      int // first token, token after
}

type dateScanner struct {
	t []dtok
}

func (d *dateScanner) word(i int, words ...string) bool {
	if i >= len(d.t) || d.t[i].kind != 'w' {
		return false
	}
	for _, w := range words {
		if d.t[i].s == w {
			return true
		}
	}
	return false
}

func (d *dateScanner) punct(i int, ps ...string) bool {
	if i >= len(d.t) || d.t[i].kind != 'p' {
		return false
	}
	for _, p := range ps {
		if d.t[i].s == p {
			return true
		}
	}
	return false
}

// day reads a day of month at i ("4", "04", "1er", "1ᵉʳ").
func (d *dateScanner) day(i int) (int, int, bool) {
	if i >= len(d.t) || d.t[i].kind != 'n' || len(d.t[i].s) > 2 || d.t[i].v < 1 || d.t[i].v > 31 {
		return 0, i, false
	}
	v := d.t[i].v
	i++
	if v == 1 && i < len(d.t) && !d.t[i].space && d.word(i, "er", "re", "ere") {
		i++
	}
	return v, i, true
}

func (d *dateScanner) month(i int) (int, int, bool) {
	if i >= len(d.t) || d.t[i].kind != 'w' {
		return 0, i, false
	}
	m, ok := monthNames[d.t[i].s]
	if !ok {
		return 0, i, false
	}
	i++
	if d.punct(i, ".") && !d.t[i].space && monthAbbrev[d.t[i-1].s] {
		i++
	}
	return m, i, true
}

func (d *dateScanner) year(i int) (int, int, bool) {
	if i < len(d.t) && d.t[i].kind == 'n' && len(d.t[i].s) == 4 && d.t[i].v >= 1800 && d.t[i].v <= 2200 {
		return d.t[i].v, i + 1, true
	}
	return 0, i, false
}

// adjacent reports whether tokens i..j-1 follow each other without spaces.
func (d *dateScanner) adjacent(i, j int) bool {
	if j > len(d.t) {
		return false
	}
	for k := i + 1; k < j; k++ {
		if d.t[k].space {
			return false
		}
	}
	return true
}

// numeric reads "08/08/2018", "8.8.18", "2018-07-16" at i.
func (d *dateScanner) numeric(i int) (dpart, bool) {
	if i+4 >= len(d.t) || !d.adjacent(i, i+5) {
		return dpart{}, false
	}
	a, s1, b, s2, c := d.t[i], d.t[i+1], d.t[i+2], d.t[i+3], d.t[i+4]
	if a.kind != 'n' || b.kind != 'n' || c.kind != 'n' || s1.kind != 'p' || s1.s != s2.s || s2.kind != 'p' {
		return dpart{}, false
	}
	if i+5 < len(d.t) && !d.t[i+5].space && (d.t[i+5].kind == 'n' || (d.t[i+5].kind == 'p' && d.t[i+5].s == s1.s && i+6 < len(d.t) && d.t[i+6].kind == 'n' && !d.t[i+6].space)) {
		return dpart{}, false // 1.2.3.4, 2018-07-16-5…
	}
	p := dpart{weekday: -1, start: i, next: i + 5}
	switch {
	case len(a.s) == 4 && (s1.s == "-" || s1.s == "/") && len(b.s) <= 2 && len(c.s) <= 2:
		p.year, p.month, p.day = a.v, b.v, c.v
	case len(a.s) <= 2 && len(b.s) <= 2 && (s1.s == "/" || s1.s == "." || s1.s == "-") && (len(c.s) == 4 || len(c.s) == 2):
		p.day, p.month, p.year = a.v, b.v, c.v
		if len(c.s) == 2 {
			p.year += 2000
			if c.v >= 70 {
				p.year -= 100
			}
		}
	default:
		return dpart{}, false
	}
	if p.year < 1800 || p.year > 2200 || p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31 {
		return dpart{}, false
	}
	return p, true
}

// part reads "[weekday[,]] day[er] [month[.] [year]]" or a numeric date at i.
func (d *dateScanner) part(i int, needMonth bool) (dpart, bool) {
	if p, ok := d.numeric(i); ok {
		return p, true
	}
	p := dpart{weekday: -1, start: i}
	j := i
	if j < len(d.t) && d.t[j].kind == 'w' {
		wd, ok := weekdayNames[d.t[j].s]
		if !ok {
			return dpart{}, false
		}
		p.weekday = int(wd)
		j++
		if d.punct(j, ",") {
			j++
		}
	}
	var ok bool
	if p.day, j, ok = d.day(j); !ok {
		return dpart{}, false
	}
	if m, k, ok := d.month(j); ok {
		p.month, j = m, k
		if y, k, ok := d.year(j); ok {
			p.year, j = y, k
		}
	} else if needMonth {
		return dpart{}, false
	}
	p.next = j
	return p, true
}

// findDates scans text for dates; limit < 0 means all.
func findDates(text string, ref kg.Date, limit int) []DateMatch {
	if !strings.ContainsAny(text, "0123456789") {
		return nil
	}
	d := &dateScanner{t: tokenizeDate(text)}
	var out []DateMatch
	for i := 0; i < len(d.t) && (limit < 0 || len(out) < limit); {
		if m, next, ok := d.rangeAt(i, ref); ok {
			out = append(out, m)
			i = next
			continue
		}
		if p, ok := d.part(i, true); ok {
			if m, ok := d.single(p, ref); ok {
				out = append(out, m)
				i = p.next
				continue
			}
		}
		i++
	}
	return out
}

func (d *dateScanner) span(p, q dpart) (int, int) {
	return d.t[p.start].start, d.t[q.next-1].end
}

func (d *dateScanner) single(p dpart, ref kg.Date) (DateMatch, bool) {
	m := DateMatch{}
	m.Start, m.End = d.span(p, p)
	y := p.year
	if y == 0 {
		var ok bool
		if y, ok = inferYear(p.day, p.month, p.weekday, ref); !ok {
			return m, false
		}
		m.YearInferred = true
	}
	date, ok := makeDate(y, p.month, p.day)
	if !ok {
		return m, false
	}
	m.From, m.To = date, date
	return m, true
}

// rangeAt reads "du A au B", "entre le A et le B", "A-B mois", "A au B
// mois", "A et B mois" at i.
func (d *dateScanner) rangeAt(i int, ref kg.Date) (DateMatch, int, bool) {
	start := i
	var p1 dpart
	var ok bool
	var closers []string
	switch {
	case d.word(i, "du", "depuis"):
		closers = []string{"au", "a", "jusqu"}
	case d.word(i, "entre"):
		closers = []string{"et"}
	}
	if closers != nil {
		j := i + 1
		if d.word(j, "le") {
			j++
		}
		if p1, ok = d.part(j, false); !ok {
			return DateMatch{}, 0, false
		}
		k := p1.next
		if !d.word(k, closers...) {
			return DateMatch{}, 0, false
		}
		k++
		if d.punct(k, "'", "’") {
			k++
			if !d.word(k, "au") {
				return DateMatch{}, 0, false
			}
			k++
		}
		if d.word(k, "le") {
			k++
		}
		p2, ok := d.part(k, true)
		if !ok {
			return DateMatch{}, 0, false
		}
		m, ok := d.makeRange(p1, p2, ref)
		if !ok {
			return DateMatch{}, 0, false
		}
		m.Start = d.t[start].start
		return m, p2.next, true
	}
	if p1, ok = d.part(i, false); !ok {
		return DateMatch{}, 0, false
	}
	k := p1.next
	switch {
	case d.punct(k, "-", "–", "—") && p1.year == 0:
	case d.word(k, "au"):
	case d.word(k, "et") && p1.month == 0:
	case d.punct(k, "&") && p1.month == 0:
	default:
		return DateMatch{}, 0, false
	}
	k++
	if d.word(k, "le") {
		k++ // "le jeudi 12 et le vendredi 13 mars"
	}
	p2, ok := d.part(k, true)
	if !ok {
		return DateMatch{}, 0, false
	}
	m, ok := d.makeRange(p1, p2, ref)
	if !ok {
		return DateMatch{}, 0, false
	}
	return m, p2.next, true
}

func (d *dateScanner) makeRange(p1, p2 dpart, ref kg.Date) (DateMatch, bool) {
	m := DateMatch{}
	m.Start, m.End = d.span(p1, p2)
	if p2.year == 0 {
		y, ok := inferYear(p2.day, p2.month, p2.weekday, ref)
		if !ok {
			return m, false
		}
		p2.year = y
		m.YearInferred = true
	}
	if p1.month == 0 {
		p1.month = p2.month
	}
	if p1.year == 0 {
		p1.year = p2.year
		if p1.month > p2.month || (p1.month == p2.month && p1.day > p2.day) {
			p1.year--
		}
	}
	from, ok1 := makeDate(p1.year, p1.month, p1.day)
	to, ok2 := makeDate(p2.year, p2.month, p2.day)
	if !ok1 || !ok2 || to < from || to.Time().Sub(from.Time()) > 366*24*time.Hour {
		return m, false
	}
	m.From, m.To = from, to
	return m, true
}

func makeDate(y, m, d int) (kg.Date, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return kg.Date(fmt.Sprintf("%04d-%02d-%02d", y, m, d)), true
}

// inferYear picks the year of a day and month written without one: among
// ref's year and its neighbours, the date nearest to ref; when a weekday is
// written (-1 = none), a date within 300 days of ref whose weekday matches
// is preferred.
func inferYear(day, month, weekday int, ref kg.Date) (int, bool) {
	r := ref.Time()
	if ref == "" || r.IsZero() {
		return 0, false
	}
	const window = 300 * 24 * time.Hour
	best, bestDist, bestMatch := 0, time.Duration(1<<62), false
	for y := r.Year() - 1; y <= r.Year()+1; y++ {
		t := time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if t.Day() != day {
			continue
		}
		dist := t.Sub(r)
		if dist < 0 {
			dist = -dist
		}
		match := weekday >= 0 && int(t.Weekday()) == weekday && dist <= window
		if (match && !bestMatch) || (match == bestMatch && dist < bestDist) {
			best, bestDist, bestMatch = y, dist, match
		}
	}
	return best, best != 0
}

// metaLayouts are the machine date forms found in metadata.
var metaLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05",
	"2006-01-02 15:04", "2006-01-02T15:04:05-0700", "2006-01-02T15:04:05Z0700", time.RFC1123Z, time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", time.RFC822Z, time.RFC822,
	"2006-01-02", "2006/01/02", "20060102",
}

// parseMetaDate reads a date from a metadata value: ISO 8601 / RFC 3339
// (the date is the one in the written time zone), RFC 1123, or any form
// ParseFrenchDate reads.
func parseMetaDate(s string) kg.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, l := range metaLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1800 || t.Year() > 2200 {
				return ""
			}
			return kg.DateOf(t)
		}
	}
	if d, ok := ParseFrenchDate(s, ""); ok {
		return d
	}
	return ""
}

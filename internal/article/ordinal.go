package article

import (
	"strings"
	"unicode"
)

// Ordinal reads a French ordinal and returns its value: digits with a
// suffix ("7e", "7ème", "7ième", "7eme", "7ᵉ", "1er", "1re", "1ère", "1ʳᵉ",
// "2nd", "2nde", "2d"), upper-case Roman numerals of I, V, X, L, C with a
// lower-case or superscript suffix ("VIIe", "XXIème", "Ier", "Ire"; a lone
// L or C is refused so that "Le" and "Ce" are not read as 50th and 100th),
// and words ("premier", "première", "second", "deuxième", "septième",
// "vingt-et-unième", "quatre-vingt-dixième", plurals too). Surrounding
// spaces are ignored; anything else makes ok false.
func Ordinal(s string) (n int, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	// Digits and suffix.
	if s[0] >= '0' && s[0] <= '9' {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if i >= 6 {
				return 0, false
			}
			n = n*10 + int(s[i]-'0')
			i++
		}
		if n == 0 {
			return 0, false
		}
		if ordinalSuffix(foldASCII(s[i:]), n) {
			return n, true
		}
		return 0, false
	}
	// Roman numeral and suffix: the numeral in upper case.
	i := 0
	for i < len(s) && strings.IndexByte("IVXLC", s[i]) >= 0 {
		i++
	}
	if i > 0 {
		roman, suffix := s[:i], s[i:]
		if i == 1 && (roman == "L" || roman == "C") {
			return 0, false
		}
		if suffix == "" || strings.ToLower(suffix) != suffix && !strings.ContainsAny(suffix, "ᵉʳ") {
			return 0, false
		}
		v, ok := romanValue(roman)
		if !ok || !ordinalSuffix(foldASCII(suffix), v) {
			return 0, false
		}
		return v, true
	}
	return ordinalWord(foldASCII(s))
}

// ordinalSuffix reports whether suf (folded) is a French ordinal suffix for n.
func ordinalSuffix(suf string, n int) bool {
	switch suf {
	case "e", "eme", "ieme", "em", "emes", "iemes", "es":
		return n != 1 || suf != "e"
	case "er", "re", "ere", "ers", "res", "eres":
		return n == 1
	case "nd", "nde", "d", "de", "nds", "ndes":
		return n == 2
	}
	return false
}

// romanValue reads a Roman numeral written canonically (IV, not IIII).
func romanValue(s string) (int, bool) {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	total := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total > 399 || toRoman(total) != s {
		return 0, false
	}
	return total, true
}

func toRoman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// cardinalWords are the French number words; ordinalStems the forms they
// take before "-ième".
var cardinalWords = map[string]int{
	"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
	"neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
	"seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
	"soixante": 60, "cent": 100, "cents": 100,
}

var ordinalStems = map[string]int{
	"un": 1, "deux": 2, "trois": 3, "quatr": 4, "cinqu": 5, "six": 6, "sept": 7, "huit": 8,
	"neuv": 9, "dix": 10, "onz": 11, "douz": 12, "treiz": 13, "quatorz": 14, "quinz": 15,
	"seiz": 16, "vingt": 20, "trent": 30, "quarant": 40, "cinquant": 50, "soixant": 60, "cent": 100,
}

func ordinalWord(s string) (int, bool) {
	s = strings.TrimSuffix(strings.ToLower(s), "s")
	switch s {
	case "premier", "premiere":
		return 1, true
	case "second", "seconde":
		return 2, true
	}
	stem, ok := strings.CutSuffix(s, "ieme")
	if !ok || stem == "" {
		return 0, false
	}
	parts := strings.FieldsFunc(stem, func(r rune) bool { return r == '-' || unicode.IsSpace(r) })
	if len(parts) == 0 {
		return 0, false
	}
	vals := make([]int, 0, len(parts))
	for i, p := range parts {
		if p == "et" && i > 0 && i < len(parts)-1 {
			continue
		}
		var v int
		if i == len(parts)-1 {
			v, ok = ordinalStems[p]
			if p == "un" && len(parts) == 1 {
				ok = false // "unième" alone is not French
			}
		} else {
			v, ok = cardinalWords[p]
		}
		if !ok {
			return 0, false
		}
		vals = append(vals, v)
	}
	total, cur := 0, 0
	for i, v := range vals {
		switch {
		case v == 100:
			cur = max(cur, 1) * 100
		case v == 20 && i > 0 && vals[i-1] == 4 && cur%100 == 4:
			cur = cur - 4 + 80
		default:
			cur += v
		}
	}
	total += cur
	return total, total > 0
}

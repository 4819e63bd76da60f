package geo

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the project-wide folded form of s, used as the key of every
// name lookup:
//
//   - Unicode NFKD, combining marks dropped ("É" → "e", "ﬁ" → "fi");
//   - lower case;
//   - "’" (and other typographic apostrophes) as "'", "œ" as "oe", "æ" as "ae";
//   - every run of characters that are neither letters nor digits (spaces,
//     NBSP, hyphens, apostrophes, punctuation) becomes one ASCII space;
//   - leading and trailing spaces trimmed.
//
// One addition: invisible format characters (Unicode category Cf: soft
// hyphen U+00AD, zero-width space and joiners, BOM) are dropped rather than
// treated as separators, so that "Rou\u00ADbaix" folds to "roubaix".
//
// Fold("Saint-Étienne") == "saint etienne"; Fold("L’Haÿ-les-Roses") == "l hay les roses".
func Fold(s string) string {
	var b []byte
	b = appendFold(b, s, nil, nil)
	return string(b)
}

// foldTable caches the folded form of the runes below foldTableSize:
// "" for a separator, "\x00" for a dropped rune, else the letters/digits.
const foldTableSize = 0x2100

var (
	foldTableOnce sync.Once
	foldTable     [foldTableSize]string
)

const dropped = "\x00"

func initFoldTable() {
	for r := rune(0); r < foldTableSize; r++ {
		foldTable[r] = foldRuneSlow(r)
	}
}

// foldRuneSlow folds one rune (see Fold): "" means "separator".
func foldRuneSlow(r rune) string {
	switch r {
	case 'œ', 'Œ':
		return "oe"
	case 'æ', 'Æ':
		return "ae"
	}
	if unicode.Is(unicode.Cf, r) {
		return dropped
	}
	if unicode.Is(unicode.Mn, r) {
		return dropped // a stray combining mark in already-decomposed text
	}
	var out []rune
	for _, d := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		d = unicode.ToLower(d)
		if unicode.IsLetter(d) || unicode.IsDigit(d) {
			out = append(out, d)
		} else if len(out) > 0 {
			// A decomposition like "½" → "1⁄2": keep what precedes; the rest
			// of the rune acts as a separator (rare; only compatibility forms).
			break
		} else {
			return ""
		}
	}
	if len(out) == 0 {
		return dropped
	}
	return string(out)
}

func foldRune(r rune) string {
	if r < foldTableSize {
		return foldTable[r]
	}
	return foldRuneSlow(r)
}

// appendFold appends the folded form of s to dst. When starts and ends are
// not nil, it appends, for every byte appended to dst, the byte offsets in s
// of the start and end of the original text it comes from (for a separator
// space: the whole run of separators).
func appendFold(dst []byte, s string, starts, ends *[]int32) []byte {
	foldTableOnce.Do(initFoldTable)
	track := starts != nil
	pendingSep := false // a separator run is open (only after some output)
	sepStart := 0
	for i := 0; i < len(s); {
		c := s[i]
		var f string
		size := 1
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				// fast path, most bytes
				if pendingSep {
					dst = append(dst, ' ')
					if track {
						*starts = append(*starts, int32(sepStart))
						*ends = append(*ends, int32(i))
					}
					pendingSep = false
				}
				dst = append(dst, c)
				if track {
					*starts = append(*starts, int32(i))
					*ends = append(*ends, int32(i+1))
				}
				i++
				continue
			case 'A' <= c && c <= 'Z':
				if pendingSep {
					dst = append(dst, ' ')
					if track {
						*starts = append(*starts, int32(sepStart))
						*ends = append(*ends, int32(i))
					}
					pendingSep = false
				}
				dst = append(dst, c+'a'-'A')
				if track {
					*starts = append(*starts, int32(i))
					*ends = append(*ends, int32(i+1))
				}
				i++
				continue
			default:
				f = ""
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			f = foldRune(r)
		}
		switch f {
		case dropped:
		case "":
			if !pendingSep && len(dst) > 0 {
				pendingSep = true
				sepStart = i
			}
		default:
			if pendingSep {
				dst = append(dst, ' ')
				if track {
					*starts = append(*starts, int32(sepStart))
					*ends = append(*ends, int32(i))
				}
				pendingSep = false
			}
			dst = append(dst, f...)
			if track {
				for range len(f) {
					*starts = append(*starts, int32(i))
					*ends = append(*ends, int32(i+size))
				}
			}
		}
		i += size
	}
	return dst
}

// foldName folds a territory name or a query and canonicalises the usual
// abbreviations: the words "st" and "ste" become "saint" and "sainte"
// ("St-Étienne" → "saint etienne").
func foldName(s string) string {
	k := Fold(s)
	if !strings.Contains(k, "st") {
		return k
	}
	words := strings.Split(k, " ")
	changed := false
	for i, w := range words {
		switch w {
		case "st":
			words[i], changed = "saint", true
		case "ste":
			words[i], changed = "sainte", true
		}
	}
	if !changed {
		return k
	}
	return strings.Join(words, " ")
}

// abbreviations returns the spellings of a folded key with "saint"/"sainte"
// abbreviated ("saint etienne" → "st etienne"), for the text matcher.
func abbreviations(key string) []string {
	if !strings.Contains(key, "saint") {
		return nil
	}
	words := strings.Split(key, " ")
	changed := false
	for i, w := range words {
		switch w {
		case "saint":
			words[i], changed = "st", true
		case "sainte":
			words[i], changed = "ste", true
		}
	}
	if !changed {
		return nil
	}
	return []string{strings.Join(words, " ")}
}

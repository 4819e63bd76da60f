package kg

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the comparison form of a name, the one used by search,
// resolution and evaluation: Unicode NFKD, combining marks dropped, lower
// case, ’ as ', œ as oe and æ as ae, every run of non-alphanumeric characters
// as one space, trimmed. "Crèche Les P’tits Loups" and "creche les p tits
// loups" fold to the same "creche les p tits loups".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		var rep string
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'œ' || r == 'Œ':
			rep = "oe"
		case r == 'æ' || r == 'Æ':
			rep = "ae"
		case r == 'ß':
			rep = "ss"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if rep != "" {
			b.WriteString(rep)
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Slug returns the id form of a name: its fold with spaces as hyphens,
// truncated at a word boundary to at most 80 bytes.
func Slug(s string) string {
	f := Fold(s)
	if len(f) > maxSlug {
		cut := strings.LastIndexByte(f[:maxSlug], ' ')
		if cut < maxSlug/2 {
			cut = maxSlug
		}
		f = strings.TrimSpace(f[:cut])
	}
	return strings.ReplaceAll(f, " ", "-")
}

const maxSlug = 80

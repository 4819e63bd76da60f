package article

import (
	"unicode"
	"unicode/utf8"
)

// MatchView is a Text normalised for matching, with a map from its byte
// offsets back to the byte offsets of the original text. The normalisation
// keeps letters, case and accents (folding is the matcher's business) and
// unifies what varies between writers and tools:
//
//   - every space character (NBSP, narrow NBSP, thin space, tab…) → ' ',
//     runs of spaces → one ' ' ("\n" is kept: paragraphs stay apart);
//   - soft hyphens, zero-width characters and bidi marks → removed;
//   - ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ → ff fi fl ffi ffl st st;
//   - apostrophes and single quotes ’ ‘ ‚ ‛ ʼ ′ ` ´ ‹ › → '\”;
//   - double quotes and guillemets “ ” „ ‟ ″ « » → '"';
//   - hyphens and dashes ‐ ‑ ‒ – — ― − ﹘ ﹣ － → '-';
//   - ellipsis … → "...".
type MatchView struct {
	// Text is the normalised text.
	Text string

	src  string
	orig []int32 // orig[i] = offset in src of the rune that produced byte i; len(Text)+1 entries; nil when Text == src
}

// NewMatchView builds the match view of text. When nothing needs
// normalising, Text is text itself and no map is allocated.
func NewMatchView(text string) *MatchView {
	v := &MatchView{Text: text, src: text}
	first := -1
	prevSpace := false
	for i, r := range text {
		if _, keep := matchRune(r, prevSpace); !keep {
			first = i
			break
		}
		prevSpace = r == ' '
	}
	if first < 0 {
		return v
	}
	out := make([]byte, first, len(text)+16)
	copy(out, text[:first])
	orig := make([]int32, first, len(text)+17)
	start := 0
	for i := range first {
		if utf8.RuneStart(text[i]) {
			start = i
		}
		orig[i] = int32(start)
	}
	prevSpace = first > 0 && text[first-1] == ' '
	for i := first; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != ' ' && c != '\t' && c != '\v' && c != '\f' && c != '\r' && c != '`' {
			out = append(out, c)
			orig = append(orig, int32(i))
			prevSpace = false
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		rep, keep := matchRune(r, prevSpace)
		switch {
		case keep && r == utf8.RuneError && n == 1:
			// An invalid byte becomes U+FFFD so the view stays valid UTF-8.
			out = append(out, "\uFFFD"...)
			orig = append(orig, int32(i), int32(i), int32(i))
			prevSpace = false
		case keep:
			out = append(out, text[i:i+n]...)
			for range n {
				orig = append(orig, int32(i))
			}
			prevSpace = r == ' '
		case rep != "":
			out = append(out, rep...)
			for range len(rep) {
				orig = append(orig, int32(i))
			}
			prevSpace = rep == " "
		}
		i += n
	}
	orig = append(orig, int32(len(text)))
	v.Text = string(out)
	v.orig = orig
	return v
}

// matchRune says how r appears in the match view: kept as is (keep), or
// replaced by rep ("" = dropped). prevSpace says whether the view's last
// byte is a space, so runs of spaces collapse.
func matchRune(r rune, prevSpace bool) (rep string, keep bool) {
	if r < utf8.RuneSelf {
		switch {
		case r == ' ':
			if prevSpace {
				return "", false
			}
			return "", true
		case r == '\t' || r == '\v' || r == '\f' || r == '\r':
			if prevSpace {
				return "", false
			}
			return " ", false
		case r == '`':
			return "'", false
		}
		return "", true
	}
	switch r {
	case 0xAD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x180E:
		return "", false
	case 'ﬀ':
		return "ff", false
	case 'ﬁ':
		return "fi", false
	case 'ﬂ':
		return "fl", false
	case 'ﬃ':
		return "ffi", false
	case 'ﬄ':
		return "ffl", false
	case 'ﬅ', 'ﬆ':
		return "st", false
	case '’', '‘', '‚', '‛', 'ʼ', '′', '´', '‹', '›', '＇':
		return "'", false
	case '“', '”', '„', '‟', '″', '«', '»', '＂':
		return "\"", false
	case '‐', '‑', '‒', '–', '—', '―', '−', '﹘', '﹣', '－':
		return "-", false
	case '…':
		return "...", false
	case utf8.RuneError:
		return "", true
	}
	if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
		return "", false
	}
	if unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) {
		if r == 0x85 || r == 0x2028 || r == 0x2029 {
			return "\n", false
		}
		if prevSpace {
			return "", false
		}
		return " ", false
	}
	return "", true
}

// Orig maps a byte offset in v.Text to the byte offset in the original text
// of the rune that produced it: use it for the start of a span. Offsets are
// clamped to [0, len(v.Text)]; len(v.Text) maps to the original length. The
// result is always on a rune boundary of the original text.
func (v *MatchView) Orig(i int) int {
	if i <= 0 {
		return 0
	}
	if v.orig == nil {
		if i >= len(v.Text) {
			return len(v.Text)
		}
		for i > 0 && !utf8.RuneStart(v.Text[i]) {
			i--
		}
		return i
	}
	if i >= len(v.orig) {
		return len(v.src)
	}
	return int(v.orig[i])
}

// OrigEnd maps an exclusive end offset in v.Text to the exclusive end offset
// in the original text: the end of the original rune that produced byte i-1.
// Use it for the end of a span, so that a span ending on an expanded
// ligature, or followed by dropped characters, ends where it should.
func (v *MatchView) OrigEnd(i int) int {
	if i <= 0 {
		return 0
	}
	if i >= len(v.Text) {
		return len(v.src)
	}
	start := v.Orig(i - 1)
	_, n := utf8.DecodeRuneInString(v.src[start:])
	return start + n
}

// Span maps the byte range [start, end) of v.Text to the byte range of the
// original text it covers.
func (v *MatchView) Span(start, end int) (int, int) {
	s := v.Orig(start)
	if end <= start {
		return s, s
	}
	return s, max(s, v.OrigEnd(end))
}

// RuneOffset converts a byte offset in text to a code point offset (kg.Span
// offsets are in code points): the number of code points that start before
// byteOff. It is clamped to the text.
func RuneOffset(text string, byteOff int) int {
	if byteOff <= 0 {
		return 0
	}
	if byteOff > len(text) {
		byteOff = len(text)
	}
	return utf8.RuneCountInString(text[:byteOff])
}

// RuneIndex converts many byte offsets of one text to code point offsets,
// each in constant time (a checkpoint every 256 bytes).
type RuneIndex struct {
	text  string
	ascii bool
	pos   []int32 // byte offset of checkpoint k: the first rune start at or after k*256
	count []int32 // code points before pos[k]
}

// NewRuneIndex indexes text for RuneIndex.Runes.
func NewRuneIndex(text string) *RuneIndex {
	ri := &RuneIndex{text: text, ascii: true}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ri.ascii = false
			break
		}
	}
	if ri.ascii {
		return ri
	}
	n, next := 0, 0
	for i := range text {
		if i >= next {
			ri.pos = append(ri.pos, int32(i))
			ri.count = append(ri.count, int32(n))
			next = len(ri.pos) * 256
		}
		n++
	}
	return ri
}

// Runes returns RuneOffset(text, byteOff).
func (ri *RuneIndex) Runes(byteOff int) int {
	if byteOff <= 0 {
		return 0
	}
	if byteOff > len(ri.text) {
		byteOff = len(ri.text)
	}
	if ri.ascii {
		return byteOff
	}
	k := min(byteOff/256, len(ri.pos)-1)
	if int(ri.pos[k]) > byteOff {
		k--
	}
	return int(ri.count[k]) + utf8.RuneCountInString(ri.text[ri.pos[k]:byteOff])
}

// ByteOffset converts a code point offset back to a byte offset in text
// (clamped to the text).
func ByteOffset(text string, runeOff int) int {
	if runeOff <= 0 {
		return 0
	}
	n := 0
	for i := range text {
		if n == runeOff {
			return i
		}
		n++
	}
	return len(text)
}

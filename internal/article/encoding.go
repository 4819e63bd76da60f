package article

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// decodeBytes turns raw input into a valid UTF-8 string and names the
// encoding it was read as. The rules, in order:
//   - a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) and is dropped;
//   - UTF-16 without BOM is recognised by its pattern of zero bytes;
//   - input with other binary bytes (NUL, many control characters, PDF, ZIP) is refused;
//   - valid UTF-8 is taken as UTF-8, whatever a <meta charset> says (genuine
//     Latin-1 French text is practically never valid UTF-8);
//   - otherwise, for markup, a declared charset other than UTF-8 and
//     Windows-1252 is used (ISO-8859-15, …);
//   - otherwise every valid UTF-8 sequence is kept and every other byte is
//     read as Windows-1252 (a superset of Latin-1's printable range), so a
//     file mixing both is read correctly.
func decodeBytes(data []byte, markup bool) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if utf8.Valid(data) {
			return string(data), "utf-8", nil
		}
		return decodeMixed(data), "utf-8+windows-1252", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return decodeWith(utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), data, "utf-32le")
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return decodeWith(utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), data, "utf-32be")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, "utf-16le")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, "utf-16be")
	}
	if le, ok := sniffUTF16(data); ok {
		if le {
			return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), data, "utf-16le")
		}
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), data, "utf-16be")
	}
	if reason := binaryReason(data); reason != "" {
		return "", "", errorString(reason)
	}
	if utf8.Valid(data) {
		return string(data), "utf-8", nil
	}
	if markup {
		if _, name, _ := charset.DetermineEncoding(data, ""); name != "" && name != "utf-8" && name != "windows-1252" {
			if e, err := htmlindex.Get(name); err == nil {
				if s, _, err := decodeWith(e, data, name); err == nil {
					return s, name, nil
				}
			}
		}
	}
	return decodeMixed(data), "windows-1252", nil
}

type errorString string

func (e errorString) Error() string { return string(e) }

func decodeWith(e encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", errorString("cannot decode as " + name + ": " + err.Error())
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), name, nil
}

// decodeMixed keeps valid UTF-8 sequences and reads every other byte as
// Windows-1252.
func decodeMixed(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			b.WriteRune(charmap.Windows1252.DecodeByte(c))
			i++
			continue
		}
		b.Write(data[i : i+n])
		i += n
	}
	return b.String()
}

// sniffUTF16 recognises BOM-less UTF-16 text by its zero bytes: mostly-ASCII
// text has a zero in every other byte.
func sniffUTF16(data []byte) (littleEndian, ok bool) {
	n := min(len(data), 1024) &^ 1
	if n < 8 {
		return false, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*4 && even*20 <= pairs:
		return true, true
	case even*10 >= pairs*4 && odd*20 <= pairs:
		return false, true
	}
	return false, false
}

// binaryReason says why data is not text ("" when it looks like text).
func binaryReason(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "PDF files are not read; export the text first"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "ZIP-based files (docx, odt, zip) are not read; export the text first"
	}
	head := data[:min(len(data), 8192)]
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return "binary data (NUL bytes), not a text file"
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl > 8 && ctrl*20 > len(head) {
		return "binary data (control bytes), not a text file"
	}
	return ""
}

// repairMojibake undoes UTF-8 text that was decoded as Windows-1252 or
// Latin-1 and re-encoded ("Ã©" → "é", "â€™" → "’", "Å“" → "œ"), up to three
// times for text mangled repeatedly. A sequence is repaired only when the
// runes, read back as single bytes, form a valid UTF-8 sequence decoding to a
// character that such accidents produce (Latin-1 letters and signs, œ/Œ, Š,
// typographic punctuation, €, ™, ligatures, emoji), so that legitimate text
// such as "CAFÉ\u00a0!" is left alone.
func repairMojibake(s string) string {
	for range 3 {
		out, n := repairOnce(s)
		if n == 0 {
			break
		}
		s = out
	}
	return s
}

// mojibakeLeads reports whether s may hold double-encoded UTF-8: one of
// the Latin-1 letters Â..ô that lead such sequences (C3 82..C3 B4 in UTF-8)
// directly followed by a character that Windows-1252 or Latin-1 decodes
// from a continuation byte 80..BF: U+0080..U+00BF (C2 xx), or one of
// € ‚ „ … † ‡ ‰ ‹ ‘ ’ “ ” • – — ™ › (E2 80 xx, E2 82 AC, E2 84 A2),
// Œ œ Š š Ÿ Ž ž (C5 xx), ƒ (C6 92), ˆ ˜ (CB xx). Ordinary French letters
// (é = C3 A9 followed by a letter) do not qualify, so clean text is skipped
// after one fast scan.
func mojibakeLeads(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		j := strings.IndexByte(s[i:], 0xC3)
		if j < 0 {
			return false
		}
		i += j
		if i+3 >= len(s) || s[i+1] < 0x82 || s[i+1] > 0xB4 {
			continue
		}
		switch c, d := s[i+2], s[i+3]; c {
		case 0xC2, 0xC5, 0xC6, 0xCB:
			if d >= 0x80 && d <= 0xBF {
				return true
			}
		case 0xE2:
			if d == 0x80 || d == 0x82 || d == 0x84 {
				return true
			}
		case 0xC3: // Ã followed by "Ã" again: mangled twice
			return true
		}
	}
	return false
}

func repairOnce(s string) (string, int) {
	if !mojibakeLeads(s) {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	fixed := 0
	var seq [4]byte
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0xC2 && r <= 0xF4 {
			need := 1
			if r >= 0xF0 {
				need = 3
			} else if r >= 0xE0 {
				need = 2
			}
			seq[0] = byte(r)
			j, ok := i+n, true
			for k := 1; k <= need; k++ {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				c, isByte := runeByte(r2)
				if n2 == 0 || !isByte || c < 0x80 || c > 0xBF {
					ok = false
					break
				}
				seq[k] = c
				j += n2
			}
			if ok {
				if dec, size := utf8.DecodeRune(seq[:need+1]); size == need+1 && dec != utf8.RuneError && plausibleRepair(dec) {
					b.WriteRune(dec)
					i = j
					fixed++
					continue
				}
			}
			// "â€" whose third byte (0x9D of ”) was lost by a Windows-1252 decoder.
			if r == 'â' && strings.HasPrefix(s[i+n:], "€") && fixed > 0 {
				b.WriteRune('”')
				i += n + len("€")
				fixed++
				continue
			}
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	out := b.String()
	if fixed > 0 && strings.Contains(out, "Ã ") {
		// "à" is C3 A0: its NBSP half is often turned into a space.
		out = strings.ReplaceAll(out, "Ã ", "à")
	}
	return out, fixed
}

// runeByte maps a rune back to the single byte Windows-1252 or Latin-1 would
// have decoded it from.
func runeByte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	return charmap.Windows1252.EncodeRune(r)
}

func plausibleRepair(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0x17F: // Latin-1 signs and letters, Latin Extended-A (œ, Œ, Š, ž…)
		return true
	case r == 0x192 || r == 0x2C6 || r == 0x2DC: // ƒ ˆ ˜
		return true
	case r >= 0x2000 && r <= 0x2BFF: // punctuation, €, ™, arrows, symbols
		return true
	case r >= 0xFB00 && r <= 0xFB06, r == 0xFEFF, r == 0xFFFD: // ligatures, BOM, replacement
		return true
	case r >= 0x1F000 && r <= 0x1FAFF: // emoji
		return true
	}
	return false
}

// cleanChars normalises line ends (CRLF, CR, NEL, U+2028 → "\n", U+2029 →
// "\n\n", form feed → "\n"), turns tabs into spaces and removes invisible
// junk: control characters, zero-width spaces, word joiners, bidi marks and
// embeddings, byte-order marks and noncharacters. Soft hyphens are kept for
// the reflow, which uses them as line-end hyphenation points, and removed by
// finishText.
func cleanChars(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\r':
				b.WriteByte('\n')
				if i < len(s) && s[i] == '\n' {
					i++
				}
			case c == '\n':
				b.WriteByte('\n')
			case c == '\t':
				b.WriteByte(' ')
			case c == '\f' || c == '\v':
				b.WriteByte('\n')
			case c < 0x20 || c == 0x7F:
			default:
				b.WriteByte(c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x85 || r == 0x2028:
			b.WriteByte('\n')
		case r == 0x2029:
			b.WriteString("\n\n")
		case isJunk(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether cleanChars would leave s unchanged.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r == 0x85 || r == 0x2028 || r == 0x2029 || isJunk(r) {
			return false
		}
		i += n
	}
	return true
}

// isJunk reports invisible characters that carry nothing for reading or
// matching (soft hyphens are handled separately).
func isJunk(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9F: // C1 controls
		return true
	case r == 0x200B, r == 0x200E, r == 0x200F, r == 0x2060, r == 0xFEFF, r == 0x180E:
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xFFFE, r == 0xFFFF, r >= 0xFDD0 && r <= 0xFDEF:
		return true
	case r >= 0xE0000 && r <= 0xE007F: // tag characters
		return true
	}
	return false
}

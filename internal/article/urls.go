package article

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CanonicalURL returns the canonical form of a source URL: whitespace left
// by line breaks removed, "&amp;" decoded, trailing sentence punctuation
// dropped, scheme and host in lower case, default port and fragment dropped,
// an empty path written "/", and tracking parameters (utm_*, fbclid, gclid,
// mc_cid, xtor, pk_*, mtm_*…) removed while the other parameters keep their
// order and spelling. A string that is not an absolute http(s) URL is
// returned trimmed, with "www." hosts given "http://"; "" stays "".
func CanonicalURL(raw string) string {
	s := strings.Join(strings.Fields(raw), "")
	for strings.Contains(s, "&amp;") {
		s = strings.ReplaceAll(s, "&amp;", "&")
	}
	s = strings.ReplaceAll(s, "&#38;", "&")
	s = trimURLTail(s)
	if s == "" {
		return ""
	}
	if len(s) > 4 && strings.EqualFold(s[:4], "www.") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return s
	}
	scheme := u.Scheme
	host := strings.ToLower(u.Host)
	if h, port, ok := strings.Cut(host, ":"); ok && !strings.Contains(port, ":") {
		if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") || port == "" {
			host = h
		}
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(scheme)
	b.WriteString("://")
	if u.User != nil {
		b.WriteString(u.User.String())
		b.WriteByte('@')
	}
	b.WriteString(host)
	b.WriteString(p)
	if q := cleanQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String()
}

// cleanQuery drops tracking parameters from a raw query, keeping the others
// as written and in order.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		if isTrackingParam(strings.ToLower(key)) {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

func isTrackingParam(k string) bool {
	for _, p := range []string{"utm_", "pk_", "mtm_", "at_", "hsa_"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	switch k {
	case "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
		"mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "xtor", "xts", "_ga", "_gl", "ref_src",
		"oly_enc_id", "oly_anon_id", "vero_id", "wickedid", "s_cid", "sc_cid", "cmpid":
		return true
	}
	return false
}

// trimURLTail drops punctuation that ends the sentence around a URL rather
// than the URL: . , ; : ! ? and closing quotes, and a closing parenthesis or
// bracket without its opening one.
func trimURLTail(s string) string {
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		switch r {
		case '.', ',', ';', ':', '!', '?', '"', '\'', '»', '”', '’', '>', '…':
			s = s[:len(s)-n]
			continue
		case ')':
			if strings.Count(s, "(") < strings.Count(s, ")") {
				s = s[:len(s)-n]
				continue
			}
		case ']':
			if strings.Count(s, "[") < strings.Count(s, "]") {
				s = s[:len(s)-n]
				continue
			}
		}
		break
	}
	return s
}

// SiteOf returns the host of a URL without "www." and port, in lower case
// ("" when the URL has no host).
func SiteOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	return strings.TrimPrefix(h, "www.")
}

// urlPattern finds URLs in prose.
var urlPattern = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"«»“”\x{00A0}]+`)

// findURLs returns the URLs written in text, canonicalised, in order.
func findURLs(text string) []string {
	if !strings.Contains(text, "http") && !strings.Contains(text, "www.") && !strings.Contains(text, "WWW.") {
		return nil
	}
	var out []string
	for _, m := range urlPattern.FindAllString(text, -1) {
		if c := CanonicalURL(m); strings.Contains(c, "://") {
			out = append(out, c)
		}
	}
	return out
}

// isURLOnly reports whether a paragraph is nothing but one URL.
func isURLOnly(p string) bool {
	p = strings.TrimSpace(p)
	if !hasURLPrefix(p) || strings.IndexByte(p, ' ') >= 0 || strings.Contains(p, "\u00a0") {
		return false
	}
	loc := urlPattern.FindStringIndex(p)
	return loc != nil && loc[0] == 0 && len(trimURLTail(p)) <= loc[1]
}

// slugTitle makes a readable title from the last meaningful segment of a
// URL's path ("…/retour-sur-la-journee-nationale-des-collectivites" →
// "Retour sur la journée nationale des collectivités"): numeric ids and file
// extensions are dropped, and each slug word of four letters or more takes
// the accented spelling it has in text, when text has one (lower case
// preferred, "less" ← "l’ESS"). It returns "" when no segment has at least
// three words.
func slugTitle(rawURL, text string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for k := len(segs) - 1; k >= 0 && k >= len(segs)-2; k-- {
		seg := segs[k]
		if ext := path.Ext(seg); ext != "" && len(ext) <= 6 {
			seg = strings.TrimSuffix(seg, ext)
		}
		words := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '+' || r == ' ' })
		for len(words) > 0 && isDigits(words[0]) && len(words[0]) >= 3 {
			words = words[1:]
		}
		for len(words) > 0 && isDigits(words[len(words)-1]) && len(words[len(words)-1]) >= 3 {
			words = words[:len(words)-1]
		}
		letters := 0
		for _, w := range words {
			if !isDigits(w) {
				letters++
			}
		}
		if letters < 3 {
			continue
		}
		forms := wordForms(text, words)
		for i, w := range words {
			lw := strings.ToLower(w)
			if f, ok := forms[lw]; ok {
				words[i] = f
			} else {
				words[i] = lw
			}
		}
		t := strings.Join(elide(words, text), " ")
		r, n := utf8.DecodeRuneInString(t)
		return string(unicode.ToUpper(r)) + t[n:]
	}
	return ""
}

// wordForms maps the slug words (lower case, ASCII, four letters or more)
// to their spelling in text: the words of text are folded to lower-case
// ASCII without their apostrophes, and a lower-case spelling is preferred
// to a capitalised one.
func wordForms(text string, slugWords []string) map[string]string {
	want := map[string]bool{}
	minLen, maxLen := 1<<30, 0
	for _, w := range slugWords {
		if len(w) >= 4 {
			w = strings.ToLower(w)
			want[w] = true
			minLen, maxLen = min(minLen, len(w)), max(maxLen, len(w))
		}
	}
	forms := map[string]string{}
	if len(want) == 0 {
		return forms
	}
	var firsts [256]bool
	for w := range want {
		firsts[w[0]] = true
	}
	consider := func(w string) {
		for w != "" && (w[0] == '\'') {
			w = w[1:]
		}
		w = strings.TrimSuffix(strings.TrimSuffix(w, "’"), "'")
		if len(w) < minLen {
			return
		}
		key := w
		if strings.IndexByte(w, '\'') >= 0 || strings.Contains(w, "’") {
			key = strings.ReplaceAll(strings.ReplaceAll(w, "'", ""), "’", "")
		}
		key = foldASCII(key)
		if !want[key] {
			return
		}
		cur, seen := forms[key]
		if !seen || (cur != strings.ToLower(cur) && w == strings.ToLower(w)) {
			forms[key] = w
		}
	}
	// Scan the words of the first 32 KiB, looking closer only at those of a
	// plausible length whose first letter starts a wanted word.
	if len(text) > 32<<10 {
		text = strings.ToValidUTF8(text[:32<<10], "")
	}
	maxBytes := 2*maxLen + 6
	start := -1
	for i := 0; i <= len(text); {
		var r rune = ' '
		n := 1
		if i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, n = utf8.DecodeRuneInString(text[i:])
			}
		}
		inWord := i < len(text) && (r == '\'' || r == '’' || unicode.IsLetter(r) || unicode.IsDigit(r))
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			if l := i - start; l >= minLen && l <= maxBytes {
				c := text[start]
				if c >= utf8.RuneSelf {
					r0, _ := utf8.DecodeRuneInString(text[start:])
					if f := foldASCII(string(r0)); f != "" {
						c = f[0]
					}
				}
				if firsts[c|0x20] || c == '\'' {
					consider(text[start:i])
				}
			}
			start = -1
		}
		i += n
	}
	return forms
}

// elide rejoins the elisions a slug splits ("l insertion" → "l'insertion"),
// with the apostrophe the text uses most.
func elide(words []string, text string) []string {
	apos := "'"
	if strings.Count(text, "’") > strings.Count(text, "'") {
		apos = "’"
	}
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		w := words[i]
		if i+1 < len(words) && elidable[w] {
			if r, _ := utf8.DecodeRuneInString(foldASCII(words[i+1])); strings.ContainsRune("aeiouyh", r) {
				out = append(out, w+apos+words[i+1])
				i++
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

var elidable = setOf("l", "d", "qu", "j", "n", "s", "c", "m", "t", "lorsqu", "puisqu", "jusqu", "quoiqu")

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// foldASCII lowers s and strips the accents of Latin letters (é → e, œ →
// oe, ç → c); other characters are kept lower-cased.
func foldASCII(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || (s[i] >= 'A' && s[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if rep, ok := latinFold[unicode.ToLower(r)]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y",
	'ᵉ': "e", 'ʳ': "r", 'ᵈ': "d", 'ᵐ': "m", 'ˢ': "s",
}

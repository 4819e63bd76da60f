package article

import (
	"html"
	"regexp"
	"strings"

	"github.com/goccy/go-yaml"
)

// splitFrontMatter separates a leading YAML ("---") or TOML ("+++") front
// matter from the body.
func splitFrontMatter(s string) (fm, body string, ok bool) {
	var delim string
	switch {
	case strings.HasPrefix(s, "---\n"):
		delim = "---"
	case strings.HasPrefix(s, "+++\n"):
		delim = "+++"
	default:
		return "", s, false
	}
	rest := s[4:]
	for off := 0; off <= len(rest); {
		line, after, found := strings.Cut(rest[off:], "\n")
		t := strings.TrimRight(line, " \t")
		if t == delim || (delim == "---" && t == "...") {
			end := off + len(line)
			if found {
				end++
			}
			return rest[:off], rest[end:], true
		}
		if !found {
			break
		}
		off += len(line) + 1
		_ = after
	}
	return "", s, false
}

// parseFrontMatter reads a front matter into a map. YAML is read with
// goccy/go-yaml; TOML, and YAML the library refuses, with a line reader of
// "key: value" / "key = value" pairs and "- item" lists.
func parseFrontMatter(fm string, toml bool) map[string]any {
	if !toml {
		if m, ok := yamlMap(fm); ok {
			return m
		}
	}
	m := map[string]any{}
	var listKey string
	for _, line := range strings.Split(fm, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if item, ok := strings.CutPrefix(t, "- "); ok && listKey != "" {
			l, _ := m[listKey].([]any)
			m[listKey] = append(l, unquote(item))
			continue
		}
		sep := ":"
		if toml {
			sep = "="
		}
		k, v, ok := strings.Cut(t, sep)
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if v == "" {
			listKey = k
			m[k] = []any{}
			continue
		}
		listKey = ""
		if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
			var l []any
			for _, e := range strings.Split(v[1:len(v)-1], ",") {
				if e = unquote(strings.TrimSpace(e)); e != "" {
					l = append(l, e)
				}
			}
			m[k] = l
			continue
		}
		m[k] = unquote(v)
	}
	return m
}

func yamlMap(fm string) (m map[string]any, ok bool) {
	defer func() {
		if recover() != nil {
			m, ok = nil, false
		}
	}()
	if err := yaml.Unmarshal([]byte(fm), &m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

var (
	reATX         = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	reSetext      = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
	reBreak       = regexp.MustCompile(`^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	reListItem    = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?`)
	reRefDef      = regexp.MustCompile(`^ {0,3}\[([^\]]+)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$`)
	reTableSep    = regexp.MustCompile(`^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$`)
	reFence       = regexp.MustCompile("^ {0,3}(```|~~~)")
	reImage       = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	reInlineLink  = regexp.MustCompile(`\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`)
	reRefLink     = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	reAutolink    = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	reCode        = regexp.MustCompile("`+([^`]+?)`+")
	reStrong      = regexp.MustCompile(`\*\*(\S(?:[^*]*?\S)?)\*\*`)
	reStrongU     = regexp.MustCompile(`(^|[^\p{L}\p{N}_])__(\S(?:[^_]*?\S)?)__`)
	reEm          = regexp.MustCompile(`(^|[^\p{L}\p{N}*])\*(\S(?:[^*]*?\S)?)\*`)
	reEmU         = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_(\S(?:[^_]*?\S)?)_`)
	reStrike      = regexp.MustCompile(`~~(\S(?:.*?\S)?)~~`)
	reHTMLTag     = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>`)
	reEscape      = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!>|~])`)
	reFootnoteRef = regexp.MustCompile(`\[\^[^\]]+\]`)
)

// parseMarkdown reads Markdown: the front matter gives the metadata; the
// body's syntax is stripped (headings, lists, quotes, emphasis, links,
// images, code, tables, HTML tags) while its words are kept, each heading,
// list item and table row becoming its own paragraph.
func parseMarkdown(s string) *parsed {
	p := &parsed{format: Markdown}
	fm, body, ok := splitFrontMatter(s)
	if ok {
		readFields(parseFrontMatter(fm, strings.HasPrefix(s, "+++"))).apply(p)
	}
	var blocks [][]string // each block: its lines, already stripped of block syntax
	var cur []string
	var firstH1 string
	inFence := ""
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, cur)
			cur = nil
		}
	}
	for _, line := range strings.Split(body, "\n") {
		if inFence != "" {
			if strings.HasPrefix(strings.TrimSpace(line), inFence) {
				inFence = ""
				flush()
				continue
			}
			cur = append(cur, line)
			continue
		}
		if m := reFence.FindStringSubmatch(line); m != nil {
			flush()
			inFence = m[1]
			continue
		}
		// Block quotes: strip the markers and read the rest.
		for {
			t := strings.TrimLeft(line, " ")
			if !strings.HasPrefix(t, ">") {
				break
			}
			line = strings.TrimPrefix(t[1:], " ")
		}
		t := strings.TrimSpace(line)
		if t == "" {
			flush()
			continue
		}
		// a hard line break (two trailing spaces or a backslash) ends the
		// paragraph's line: in an agenda, "**Mardi 11 mars – Toulouse**  " is
		// not joined with the title below it
		hard := strings.HasSuffix(line, "  ") || strings.HasSuffix(t, "\\") && !strings.HasSuffix(t, "\\\\")
		if hard && strings.HasSuffix(t, "\\") {
			line = strings.TrimRight(line, " \t")
			line = line[:len(line)-1]
		}
		c0 := t[0]
		if strings.IndexByte("#-=*_+[|0123456789", c0) < 0 {
			cur = append(cur, line)
			if hard {
				flush()
			}
			continue
		}
		switch {
		case reSetext.MatchString(line) && len(cur) > 0:
			if firstH1 == "" && strings.HasPrefix(t, "=") && len(cur) == 1 {
				firstH1 = stripInline(cur[0], nil)
			}
			flush()
			continue
		case reBreak.MatchString(line):
			flush()
			continue
		}
		if m := reATX.FindStringSubmatch(line); m != nil {
			flush()
			if m[2] != "" {
				blocks = append(blocks, []string{m[2]})
				if firstH1 == "" && len(m[1]) == 1 {
					firstH1 = stripInline(m[2], nil)
				}
			}
			continue
		}
		if m := reRefDef.FindStringSubmatch(line); m != nil && !strings.HasPrefix(m[1], "^") {
			p.links = append(p.links, m[2])
			continue
		}
		if strings.Contains(line, "|") && strings.Contains(line, "-") && reTableSep.MatchString(line) {
			continue
		}
		if strings.HasPrefix(t, "|") {
			flush()
			cells := strings.FieldsFunc(t, func(r rune) bool { return r == '|' })
			var kept []string
			for _, c := range cells {
				if c = strings.TrimSpace(c); c != "" {
					kept = append(kept, c)
				}
			}
			if len(kept) > 0 {
				blocks = append(blocks, []string{strings.Join(kept, " ")})
			}
			continue
		}
		if loc := reListItem.FindStringIndex(line); loc != nil {
			flush()
			cur = append(cur, line[loc[1]:])
			if hard {
				flush()
			}
			continue
		}
		if isAgendaItem(t) {
			flush() // "9h30 – Accueil": an item of a programme
		}
		cur = append(cur, line)
		if hard {
			flush()
		}
	}
	flush()
	if p.title == "" {
		p.title = firstH1
	}
	r := &reflower{full: body}
	for _, b := range blocks {
		lines := make([]textLine, len(b))
		for i, l := range b {
			lines[i] = textLine{s: trimLayout(l)}
		}
		joined := r.joinAll(lines)
		if t := stripInline(joined, &p.links); t != "" {
			p.paragraphs = append(p.paragraphs, t)
		}
	}
	return p
}

// joinAll joins the lines of one block into one paragraph, gluing URLs and
// hyphenated words cut at the line ends.
func (r *reflower) joinAll(lines []textLine) string {
	var b strings.Builder
	var prev textLine
	for i, l := range lines {
		if l.s == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			switch {
			case strings.HasSuffix(prev.s, "\u00ad"):
			case r.urlContinues(b.String(), prev, l):
			default:
				if sep, ok := r.joinHyphen(b.String(), l); ok {
					if sep == "\x00" {
						s := b.String()
						b.Reset()
						b.WriteString(s[:len(s)-1])
					}
				} else {
					b.WriteByte(' ')
				}
			}
		}
		b.WriteString(l.s)
		prev = l
	}
	return b.String()
}

// stripInline removes Markdown inline syntax, keeping the words; link
// targets are appended to links when links is not nil.
func stripInline(s string, links *[]string) string {
	if !strings.ContainsAny(s, "[]()*_`~<>\\!&") {
		return s
	}
	if strings.Contains(s, "`") {
		s = reCode.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "[") {
		s = reImage.ReplaceAllString(s, "$1")
		if links != nil {
			for _, m := range reInlineLink.FindAllStringSubmatch(s, -1) {
				*links = append(*links, m[2])
			}
		}
		s = reInlineLink.ReplaceAllString(s, "$1")
		s = reRefLink.ReplaceAllString(s, "$1")
		s = reFootnoteRef.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "<") {
		if links != nil {
			for _, m := range reAutolink.FindAllStringSubmatch(s, -1) {
				*links = append(*links, m[1])
			}
		}
		s = reAutolink.ReplaceAllString(s, "$1")
		s = reHTMLTag.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "*") {
		s = reStrong.ReplaceAllString(s, "$1")
		s = reEm.ReplaceAllString(s, "$1$2")
	}
	if strings.Contains(s, "_") {
		s = reStrongU.ReplaceAllString(s, "$1$2")
		s = reEmU.ReplaceAllString(s, "$1$2")
	}
	if strings.Contains(s, "~~") {
		s = reStrike.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "\\") {
		s = reEscape.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return strings.TrimSpace(s)
}

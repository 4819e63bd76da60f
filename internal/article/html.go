package article

import (
	"encoding/json"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/maillage/maillage/internal/kg"
)

// htmlDoc is what a scan of an HTML page collects.
type htmlDoc struct {
	metas      map[string][]string // lower-case name/property/itemprop → contents, in order
	title      string              // <title>
	canonical  string
	base       string
	jsonLD     []any
	h1s        []*html.Node
	bodies     []*html.Node // itemprop=articleBody and common CMS body containers
	articles   []*html.Node
	mains      []*html.Node
	body       *html.Node
	times      []string // <time datetime> outside navigation, in order
	tagLinks   []string // <a rel="tag"> texts
	pubTimes   []string // <time> / elements marked itemprop=datePublished or class "published"
	modTimes   []string
	textNoSkip strings.Builder
}

// parseHTML reads an HTML page or fragment: title from og:title, JSON-LD
// headline, the h1 of the article, or <title> without its site suffix;
// dates from article:published_time / article:modified_time, itemprop,
// JSON-LD datePublished / dateModified, Dublin Core and "date" metas,
// <time datetime>, or a "Publié le …" line; URL from <link rel=canonical>,
// og:url or JSON-LD; themes from article:tag metas, JSON-LD keywords or
// rel=tag links. The text is taken from the article body (itemprop
// articleBody or a CMS body container, else the largest <article>, else
// <main>, else <body>) without navigation, header, footer, aside, scripts,
// styles, forms, hidden elements and boilerplate blocks (share, breadcrumb,
// cookie, comments, related…), one paragraph per block element or <br>.
func parseHTML(s string) (*parsed, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return nil, err
	}
	h := &htmlDoc{metas: map[string][]string{}}
	h.scan(doc, false)
	p := &parsed{format: HTML}

	root := h.mainRoot()
	if root == nil {
		root = doc
	}
	ex := &htmlText{base: h.baseURL()}
	ex.children(root)
	ex.flush()
	for i, para := range ex.paras {
		// Entities (&Atilde;&copy;) hide mojibake from the repair of the raw page.
		ex.paras[i] = cleanChars(repairMojibake(para))
	}
	p.paragraphs = ex.paras
	p.links = ex.links

	p.url = h.firstMeta("og:url")
	if h.canonical != "" {
		p.url = h.canonical
	}
	if p.url == "" {
		p.url = h.ldString("url", "mainEntityOfPage")
	}
	if p.url != "" && ex.base != nil {
		if u, err := ex.base.Parse(p.url); err == nil {
			p.url = u.String()
		}
	}
	p.title = h.pageTitle(root)
	p.published = firstDate(
		h.metaValues("article:published_time", "og:article:published_time", "datepublished"),
		h.pubTimes,
		[]string{h.ldString("datePublished", "dateCreated")},
		h.metaValues("date", "dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dcterms.date",
			"publication_date", "publish-date", "publishdate", "pubdate", "sailthru.date", "parsely-pub-date", "article.published", "created"),
		h.times,
	)
	p.modified = firstDate(
		h.metaValues("article:modified_time", "og:updated_time", "datemodified"),
		h.modTimes,
		[]string{h.ldString("dateModified")},
		h.metaValues("dcterms.modified", "dc.date.modified", "last-modified", "revised", "article.updated"),
	)
	if tags := h.metas["article:tag"]; len(tags) > 0 {
		p.themes = tags
	} else if kw := h.ldValue("keywords"); kw != nil {
		p.themes = stringList(kw)
	} else {
		p.themes = h.tagLinks
	}
	if p.published == "" || p.modified == "" {
		// "Publié le …" lines, often in the page header outside the article.
		for _, line := range strings.Split(h.textNoSkip.String(), "\n") {
			k, vals := keyOf(trimLayout(line))
			if k != keyPublished && k != keyModified {
				continue
			}
			d, ok := ParseFrenchDate(vals[0], "")
			if !ok {
				continue
			}
			if k == keyPublished && p.published == "" {
				p.published = d
			}
			if k == keyModified && p.modified == "" {
				p.modified = d
			}
		}
	}
	return p, nil
}

func firstDate(lists ...[]string) kg.Date {
	for _, l := range lists {
		for _, v := range l {
			if d := parseMetaDate(v); d != "" {
				return d
			}
		}
	}
	return ""
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrOr(n *html.Node, key string) string { v, _ := attr(n, key); return v }

// scan walks the whole document once, collecting metadata and candidates
// for the article body. skipped says whether n is inside navigation.
func (h *htmlDoc) scan(n *html.Node, skipped bool) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Meta:
			content, hasContent := attr(n, "content")
			if hasContent {
				for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
					if key := strings.ToLower(strings.TrimSpace(attrOr(n, k))); key != "" {
						h.metas[key] = append(h.metas[key], strings.TrimSpace(content))
					}
				}
			}
		case atom.Title:
			if h.title == "" && !inSVG(n) {
				h.title = nodeText(n)
			}
		case atom.Link:
			rels := strings.Fields(strings.ToLower(attrOr(n, "rel")))
			for _, r := range rels {
				if r == "canonical" && h.canonical == "" {
					h.canonical = strings.TrimSpace(attrOr(n, "href"))
				}
			}
		case atom.Base:
			if h.base == "" {
				h.base = strings.TrimSpace(attrOr(n, "href"))
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attrOr(n, "type")), "ld+json") {
				var v any
				if err := json.Unmarshal([]byte(nodeText(n)), &v); err == nil {
					h.jsonLD = append(h.jsonLD, v)
				}
			}
			return
		case atom.Style, atom.Template, atom.Noscript:
			return
		case atom.Body:
			h.body = n
		case atom.H1:
			h.h1s = append(h.h1s, n)
		case atom.Article:
			h.articles = append(h.articles, n)
		case atom.Main:
			h.mains = append(h.mains, n)
		case atom.Time:
			if dt := strings.TrimSpace(attrOr(n, "datetime")); dt != "" && !skipped {
				h.times = append(h.times, dt)
			}
		case atom.A:
			for _, r := range strings.Fields(strings.ToLower(attrOr(n, "rel"))) {
				if r == "tag" {
					if t := cleanInline(nodeText(n)); t != "" {
						h.tagLinks = append(h.tagLinks, t)
					}
				}
			}
		case atom.Nav, atom.Aside, atom.Footer:
			skipped = true
		}
		if strings.EqualFold(attrOr(n, "role"), "main") && n.DataAtom != atom.Main {
			h.mains = append(h.mains, n)
		}
		switch ip := strings.ToLower(attrOr(n, "itemprop")); ip {
		case "articlebody":
			h.bodies = append(h.bodies, n)
		case "datepublished", "datemodified":
			v := attrOr(n, "datetime")
			if v == "" {
				v = attrOr(n, "content")
			}
			if v == "" {
				v = nodeText(n)
			}
			if ip == "datepublished" {
				h.pubTimes = append(h.pubTimes, v)
			} else {
				h.modTimes = append(h.modTimes, v)
			}
		}
		if n.DataAtom != atom.Body && n.DataAtom != atom.Html && hasClass(n, bodyClasses) {
			h.bodies = append(h.bodies, n)
		}
	}
	if n.Type == html.TextNode && h.body != nil && h.textNoSkip.Len() < 1<<16 {
		if t := strings.TrimSpace(n.Data); t != "" {
			h.textNoSkip.WriteString(t)
			h.textNoSkip.WriteByte('\n')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.scan(c, skipped)
	}
}

func inSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

var bodyClasses = setOf("entry-content", "post-content", "article-content", "article-body", "article__body",
	"articlebody", "field--name-body", "field-name-body", "post-body", "story-body", "news-content", "td-post-content")

func hasClass(n *html.Node, set map[string]bool) bool {
	for _, c := range strings.Fields(strings.ToLower(attrOr(n, "class"))) {
		if set[c] {
			return true
		}
	}
	return false
}

// mainRoot chooses the element holding the article text: the body
// container (itemprop articleBody, CMS classes) with the most text, else
// the largest <article>, else the largest <main>, each needing at least 200
// bytes of text, else <body>.
func (h *htmlDoc) mainRoot() *html.Node {
	if h.body == nil {
		return nil
	}
	candidates := map[*html.Node]int{}
	for _, group := range [][]*html.Node{h.bodies, h.articles, h.mains} {
		for _, n := range group {
			candidates[n] = 0
		}
	}
	if len(candidates) > 0 {
		// One pass computes the text length under every candidate.
		var walk func(*html.Node) int
		walk = func(n *html.Node) int {
			if n.Type == html.TextNode {
				return len(strings.TrimSpace(n.Data))
			}
			if n.Type == html.ElementNode && skipElement(n) {
				return 0
			}
			total := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				total += walk(c)
			}
			if _, ok := candidates[n]; ok {
				candidates[n] = total
			}
			return total
		}
		walk(h.body)
	}
	for _, group := range [][]*html.Node{h.bodies, h.articles, h.mains} {
		var best *html.Node
		bestLen := 0
		for _, n := range group {
			if l := candidates[n]; l > bestLen {
				best, bestLen = n, l
			}
		}
		if best != nil && bestLen >= 200 {
			return best
		}
	}
	return h.body
}

func (h *htmlDoc) baseURL() *url.URL {
	for _, s := range []string{h.base, h.canonical, h.firstMeta("og:url")} {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.IsAbs() && u.Host != "" {
			return u
		}
	}
	return nil
}

func (h *htmlDoc) firstMeta(key string) string {
	if v := h.metas[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (h *htmlDoc) metaValues(keys ...string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, h.metas[k]...)
	}
	return out
}

// pageTitle picks the title: og:title, JSON-LD headline, the h1 inside the
// article, an h1 that <title> contains, <title> without its site suffix,
// any h1.
func (h *htmlDoc) pageTitle(root *html.Node) string {
	if t := cleanInline(h.firstMeta("og:title")); t != "" {
		return t
	}
	if t := cleanInline(h.ldString("headline", "name")); t != "" {
		return t
	}
	title := cleanInline(h.title)
	for _, n := range h.h1s {
		if t := cleanInline(nodeText(n)); t != "" && (isInside(n, root) || isInside(n, h.articleOf(root))) {
			return t
		}
	}
	for _, n := range h.h1s {
		if t := cleanInline(nodeText(n)); t != "" && title != "" && strings.Contains(title, t) {
			return t
		}
	}
	if title != "" {
		return stripSiteSuffix(title)
	}
	for _, n := range h.h1s {
		if t := cleanInline(nodeText(n)); t != "" {
			return t
		}
	}
	return ""
}

// articleOf returns the <article> enclosing n, or nil.
func (h *htmlDoc) articleOf(n *html.Node) *html.Node {
	for p := n; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article {
			return p
		}
	}
	return nil
}

func isInside(n, root *html.Node) bool {
	if root == nil {
		return false
	}
	for p := n; p != nil; p = p.Parent {
		if p == root {
			return true
		}
	}
	return false
}

// stripSiteSuffix removes a short " | Site" or " - Site" suffix from a
// <title>.
func stripSiteSuffix(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · ", " » "} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		suffix := t[i+len(sep):]
		if len(suffix) <= 40 && len(strings.Fields(suffix)) <= 5 && len(t[:i]) >= len(suffix) {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// ldValue finds the first value of one of keys in the JSON-LD blocks,
// searching objects, arrays and @graph depth-first, preferring article
// objects.
func (h *htmlDoc) ldValue(keys ...string) any {
	for _, preferArticle := range []bool{true, false} {
		for _, v := range h.jsonLD {
			if r := ldFind(v, keys, preferArticle, 0); r != nil {
				return r
			}
		}
	}
	return nil
}

func (h *htmlDoc) ldString(keys ...string) string {
	return strings.TrimSpace(scalar(h.ldValue(keys...)))
}

func ldFind(v any, keys []string, preferArticle bool, depth int) any {
	if depth > 8 {
		return nil
	}
	switch x := v.(type) {
	case map[string]any:
		if !preferArticle || isArticleType(x["@type"]) {
			for _, k := range keys {
				if r, ok := x[k]; ok && r != nil {
					return r
				}
			}
		}
		for _, k := range []string{"@graph", "mainEntity", "itemListElement"} {
			if r := ldFind(x[k], keys, preferArticle, depth+1); r != nil {
				return r
			}
		}
	case []any:
		for _, e := range x {
			if r := ldFind(e, keys, preferArticle, depth+1); r != nil {
				return r
			}
		}
	}
	return nil
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		l := strings.ToLower(x)
		return strings.Contains(l, "article") || strings.Contains(l, "posting") || l == "report" || l == "webpage" || l == "event"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

// nodeText returns the text under n, whitespace collapsed.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// skipTags are never read as article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Iframe: true, atom.Svg: true,
	atom.Canvas: true, atom.Object: true, atom.Embed: true, atom.Audio: true, atom.Video: true,
	atom.Map: true, atom.Head: true, atom.Title: true, atom.Menu: true, atom.Dialog: true, atom.Math: true,
	atom.Label: true,
}

// boilerplate are the words (parts of class or id tokens split at '-' and
// '_') of blocks that are not article text; hiddenClasses are whole class
// tokens of visually hidden text; a block whose class or id has a part in
// layoutWords is a layout wrapper and never skipped for its class.
var (
	boilerplate = setOf("nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "share", "sharing",
		"social", "cookie", "cookies", "newsletter", "sidebar", "related", "comments", "comment", "skip",
		"pager", "pagination", "advert", "advertisement", "ads", "banner", "popup", "modal",
		"footer", "header", "toolbar", "tags", "author", "byline", "subscribe", "promo", "sharedaddy")
	hiddenClasses = setOf("sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "element-invisible", "element-hidden")
	layoutWords   = setOf("wrap", "wrapper", "container", "page", "main", "layout", "site", "content", "body")
)

// skipElement says whether an element and its content are left out of the
// text.
func skipElement(n *html.Node) bool {
	if skipTags[n.DataAtom] {
		return true
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if strings.EqualFold(attrOr(n, "aria-hidden"), "true") {
		return true
	}
	if st := strings.ToLower(strings.ReplaceAll(attrOr(n, "style"), " ", "")); strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
		return true
	}
	role := strings.ToLower(attrOr(n, "role"))
	if role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" || role == "search" {
		return true
	}
	class := strings.Fields(strings.ToLower(attrOr(n, "class")))
	for _, tok := range class {
		if hiddenClasses[tok] {
			return true
		}
	}
	switch n.DataAtom {
	case atom.Article, atom.Main, atom.Body, atom.Html, atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.Li:
		return false
	}
	skip := false
	for _, toks := range [][]string{class, strings.Fields(strings.ToLower(attrOr(n, "id")))} {
		for _, tok := range toks {
			for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '_' }) {
				if layoutWords[part] {
					return false
				}
				if boilerplate[part] {
					skip = true
				}
			}
		}
	}
	return skip
}

// blockTags end the current paragraph before and after them.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Dd: true, atom.Details: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Hgroup: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Ul: true, atom.Summary: true,
	atom.Caption: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Center: true, atom.Body: true,
}

// htmlText extracts paragraphs from an element tree.
type htmlText struct {
	paras []string
	cur   strings.Builder
	links []string
	base  *url.URL
	pre   int
}

func (e *htmlText) flush() {
	if p := finishParagraph(e.cur.String()); p != "" {
		e.paras = append(e.paras, p)
	}
	e.cur.Reset()
}

func (e *htmlText) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		e.walk(c)
	}
}

func (e *htmlText) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		e.text(n.Data)
		return
	case html.DocumentNode:
		e.children(n)
		return
	case html.ElementNode:
	default:
		return
	}
	if skipElement(n) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		e.flush()
		return
	case atom.Img:
		return
	case atom.A:
		if href := strings.TrimSpace(attrOr(n, "href")); href != "" {
			e.link(href)
		}
	case atom.Pre:
		e.pre++
		defer func() { e.pre-- }()
	}
	block := blockTags[n.DataAtom]
	if block {
		e.flush()
	}
	e.children(n)
	if block {
		e.flush()
	}
}

func (e *htmlText) link(href string) {
	u, err := url.Parse(href)
	if err != nil {
		return
	}
	if !u.IsAbs() {
		if e.base == nil {
			return
		}
		u = e.base.ResolveReference(u)
	}
	if u.Scheme == "http" || u.Scheme == "https" {
		e.links = append(e.links, u.String())
	}
}

// text adds a text node: HTML whitespace collapses to one space (NBSP is
// kept); inside <pre>, blank lines separate paragraphs.
func (e *htmlText) text(s string) {
	if e.pre > 0 {
		for i, chunk := range strings.Split(s, "\n\n") {
			if i > 0 {
				e.flush()
			}
			e.cur.WriteString(strings.ReplaceAll(chunk, "\n", " "))
		}
		return
	}
	space := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
			space = true
			continue
		}
		if space {
			e.cur.WriteByte(' ')
			space = false
		}
		e.cur.WriteByte(s[i])
	}
	if space {
		e.cur.WriteByte(' ')
	}
}

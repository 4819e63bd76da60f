package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/kg"
)

// RecordError is one record of a JSON array or NDJSON input that could not
// be read.
type RecordError struct {
	Record int    // 1-based record number (array element, or non-blank NDJSON line)
	Line   int    // 1-based line where the record starts
	Reason string // what is wrong with it
}

// RecordErrors lists the bad records of a multi-record input. Parse returns
// it as the Err of its *kg.Error, alongside the articles of the good
// records; get it with errors.As.
type RecordErrors []RecordError

func (e RecordErrors) Error() string {
	var b strings.Builder
	for i, r := range e {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "record %d (line %d): %s", r.Record, r.Line, r.Reason)
	}
	return b.String()
}

// Records returns the numbers of the bad records.
func (e RecordErrors) Records() []int {
	out := make([]int, len(e))
	for i, r := range e {
		out[i] = r.Record
	}
	return out
}

// record is one raw record and where it starts.
type record struct {
	raw  []byte
	line int
}

// sniffJSON tells a JSON document from NDJSON ("" when neither).
func sniffJSON(s string) Format {
	if json.Valid([]byte(s)) {
		return JSON
	}
	first, _, _ := strings.Cut(s, "\n")
	if json.Valid([]byte(strings.TrimSpace(first))) {
		return NDJSON
	}
	return ""
}

// parseRecords reads JSON and NDJSON inputs.
func parseRecords(name, label, s string, f Format) ([]kg.Article, error) {
	var recs []record
	var bad RecordErrors
	if f == JSON {
		var err error
		recs, err = jsonRecords(s)
		if err != nil {
			if sniffJSON(strings.TrimSpace(s)) == NDJSON {
				f = NDJSON
			} else {
				return nil, kg.Errorf(kg.Invalid, "%s: %s", label, err.Error())
			}
		}
	}
	if f == NDJSON {
		recs = ndjsonRecords(s)
	}
	if len(recs) == 0 {
		return nil, kg.Errorf(kg.Invalid, "%s: no records", label)
	}
	var out []kg.Article
	for i, r := range recs {
		a, err := parseRecord(name, r.raw, f)
		if err != nil {
			bad = append(bad, RecordError{Record: i + 1, Line: r.line, Reason: err.Error()})
			continue
		}
		out = append(out, a)
	}
	if len(bad) > 0 {
		nums := bad.Records()
		list := make([]string, 0, min(len(nums), 11))
		for i, n := range nums {
			if i == 10 {
				list = append(list, fmt.Sprintf("and %d more", len(nums)-10))
				break
			}
			list = append(list, fmt.Sprint(n))
		}
		what := "record"
		if len(bad) > 1 {
			what = "records"
		}
		return out, &kg.Error{Code: kg.Invalid,
			Message: fmt.Sprintf("%s: %d of %d records skipped (%s %s)", label, len(bad), len(recs), what, strings.Join(list, ", ")),
			Err:     bad}
	}
	return out, nil
}

// jsonRecords splits a JSON document into records: an object, an array of
// objects, or an object holding such an array under "articles", "items",
// "records", "data", "posts" or "entries".
func jsonRecords(s string) ([]record, error) {
	data := []byte(s)
	var top json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, jsonSyntaxError(data, err)
	}
	top = bytes.TrimSpace(top)
	if len(top) > 0 && top[0] == '{' {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(top, &obj); err == nil && !hasTextField(obj) {
			for _, k := range []string{"articles", "items", "records", "data", "posts", "entries"} {
				if arr, ok := obj[k]; ok && len(bytes.TrimSpace(arr)) > 0 && bytes.TrimSpace(arr)[0] == '[' {
					top = bytes.TrimSpace(arr)
					break
				}
			}
		}
	}
	if len(top) > 0 && top[0] == '[' {
		var elems []json.RawMessage
		if err := json.Unmarshal(top, &elems); err != nil {
			return nil, jsonSyntaxError(data, err)
		}
		recs := make([]record, len(elems))
		pos, line := max(bytes.Index(data, top), 0), 1
		line += bytes.Count(data[:pos], []byte("\n"))
		for i, e := range elems {
			if j := bytes.Index(data[pos:], e); j >= 0 {
				line += bytes.Count(data[pos:pos+j], []byte("\n"))
				pos += j
			}
			recs[i] = record{raw: e, line: line}
		}
		return recs, nil
	}
	return []record{{raw: top, line: 1}}, nil
}

func hasTextField(obj map[string]json.RawMessage) bool {
	for k := range obj {
		switch normKey(k) {
		case "text", "content", "body", "html", "articlebody":
			return true
		}
	}
	return false
}

func jsonSyntaxError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(min(se.Offset, int64(len(data))))
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := off - bytes.LastIndexByte(data[:off], '\n')
		return errorString(fmt.Sprintf("invalid JSON at line %d, column %d: %s", line, col, se.Error()))
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return errorString(fmt.Sprintf("invalid JSON: %s", te.Error()))
	}
	return errorString("invalid JSON: " + err.Error())
}

// ndjsonRecords splits NDJSON into its non-blank lines.
func ndjsonRecords(s string) []record {
	var recs []record
	line := 0
	for rest := s; rest != ""; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		line++
		if t := strings.TrimSpace(strings.TrimPrefix(l, "\uFEFF")); t != "" {
			recs = append(recs, record{raw: []byte(t), line: line})
		}
	}
	return recs
}

// parseRecord reads one JSON object.
func parseRecord(source string, raw []byte, f Format) (kg.Article, error) {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&m); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return kg.Article{}, errorString("not a JSON object")
		}
		return kg.Article{}, errorString("invalid JSON: " + strings.TrimPrefix(err.Error(), "json: "))
	}
	if m == nil {
		return kg.Article{}, errorString("not a JSON object")
	}
	if dec.More() {
		return kg.Article{}, errorString("invalid JSON: data after the object")
	}
	fl := readFields(m)
	if strings.TrimSpace(fl.text) == "" {
		return kg.Article{}, errorString("no text (want a \"text\", \"content\" or \"body\" field)")
	}
	text := cleanChars(repairMojibake(fl.text))
	var p *parsed
	switch {
	case fl.textFormat == HTML || (fl.textFormat == "" && looksLikeHTMLText(text)):
		var err error
		if p, err = parseHTML(text); err != nil {
			return kg.Article{}, errorString("unreadable HTML text: " + err.Error())
		}
	case fl.textFormat == Markdown:
		p = parseMarkdown(text)
	default:
		p = parsePlain(text)
	}
	p.format = f
	fl.apply(p)
	return p.article(source, raw)
}

// looksLikeHTMLText reports text that is an HTML fragment.
func looksLikeHTMLText(s string) bool {
	l := strings.ToLower(s[:min(len(s), 4096)])
	for _, m := range []string{"<p>", "<p ", "</p>", "<br", "</div>", "<h2", "<ul>", "<html"} {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// fields are the metadata read from a JSON record or a front matter.
type fields struct {
	url, title, text    string
	textFormat          Format
	published, modified kg.Date
	themes, links       []string
	hasThemes, hasLinks bool
}

// normKey folds a field name: lower case without '_', '-', ' '.
func normKey(k string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(k) {
		if r != '_' && r != '-' && r != ' ' && r != '@' {
			b.WriteRune(r)
		}
	}
	return foldASCII(b.String())
}

// readFields reads the known fields of a record or front matter, the first
// present name of each group winning:
//
//	url:       url, link, canonical, canonicalurl, permalink, sourceurl, source
//	title:     title, headline
//	published: publishedat, published, datepublished, publicationdate, pubdate, date, created(at)
//	modified:  modifiedat, modified, datemodified, lastmod, updated(at)
//	text:      text, content, body, articlebody, html (HTML), markdown (Markdown), description
//	themes:    themes, thematiques, tags, categories, keywords, topics, subjects
//	links:     links
//	format:    format (of the text: html, markdown, text)
func readFields(m map[string]any) fields {
	byKey := make(map[string]any, len(m))
	for k, v := range m {
		nk := normKey(k)
		if _, dup := byKey[nk]; !dup {
			byKey[nk] = v
		}
	}
	first := func(keys ...string) (any, string) {
		for _, k := range keys {
			if v, ok := byKey[k]; ok && v != nil {
				if s, isStr := v.(string); isStr && strings.TrimSpace(s) == "" {
					continue
				}
				return v, k
			}
		}
		return nil, ""
	}
	var f fields
	if v, _ := first("url", "link", "canonical", "canonicalurl", "permalink", "sourceurl", "source", "href"); v != nil {
		f.url = scalar(v)
	}
	if v, _ := first("title", "headline", "titre"); v != nil {
		f.title = scalar(v)
	}
	if v, _ := first("publishedat", "published", "datepublished", "publicationdate", "pubdate", "date", "createdat", "created", "publiele"); v != nil {
		f.published = metaDateValue(v)
	}
	if v, _ := first("modifiedat", "modified", "datemodified", "lastmod", "lastmodified", "updatedat", "updated"); v != nil {
		f.modified = metaDateValue(v)
	}
	if v, k := first("text", "content", "body", "articlebody", "html", "markdown", "description", "texte", "contenu"); v != nil {
		f.text = scalar(v)
		switch k {
		case "html":
			f.textFormat = HTML
		case "markdown":
			f.textFormat = Markdown
		}
	}
	if v, _ := first("format", "contenttype"); v != nil {
		switch strings.ToLower(scalar(v)) {
		case "html", "text/html":
			f.textFormat = HTML
		case "markdown", "md", "text/markdown":
			f.textFormat = Markdown
		case "text", "txt", "plain", "text/plain":
			f.textFormat = Text
		}
	}
	if v, _ := first("themes", "thematiques", "tags", "categories", "keywords", "topics", "subjects", "sujets"); v != nil {
		f.themes, f.hasThemes = stringList(v), true
	}
	if v, _ := first("links", "liens"); v != nil {
		f.links, f.hasLinks = stringList(v), true
	}
	return f
}

// apply overrides what the text reader found with the record's fields.
func (f fields) apply(p *parsed) {
	if f.url != "" {
		p.url = f.url
	}
	if f.title != "" {
		p.title = f.title
	}
	if f.published != "" {
		p.published = f.published
	}
	if f.modified != "" {
		p.modified = f.modified
	}
	if f.hasThemes {
		p.themes = f.themes
	}
	if f.hasLinks {
		p.links = append(f.links, p.links...)
	}
}

// scalar renders a JSON/YAML scalar as a string.
func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case time.Time:
		return x.Format(time.RFC3339)
	case float64:
		return fmt.Sprint(x)
	case bool, int, int64, uint64:
		return fmt.Sprint(x)
	case map[string]any:
		for _, k := range []string{"@id", "url", "href", "name", "value", "text"} {
			if s, ok := x[k].(string); ok {
				return s
			}
		}
	}
	return ""
}

func metaDateValue(v any) kg.Date {
	if t, ok := v.(time.Time); ok {
		return kg.DateOf(t)
	}
	if f, ok := v.(float64); ok && f > 1e8 && f < 1e13 {
		// Unix time in seconds or milliseconds.
		if f > 1e11 {
			f /= 1000
		}
		return kg.DateOf(time.Unix(int64(f), 0).UTC())
	}
	return parseMetaDate(scalar(v))
}

// stringList reads a list of strings: an array (of strings or of objects
// with a name), or a string split on ';', '|' or newlines when it has any,
// else on ','.
func stringList(v any) []string {
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s := strings.TrimSpace(scalar(e)); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	case string:
		sep := func(r rune) bool { return r == ';' || r == '|' || r == '\n' }
		if !strings.ContainsFunc(x, sep) {
			sep = func(r rune) bool { return r == ',' }
		}
		var out []string
		for _, s := range strings.FieldsFunc(x, sep) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	if s := strings.TrimSpace(scalar(v)); s != "" {
		return []string{s}
	}
	return nil
}

package neo4jstore

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// Conversions between driver values and kg types.

func itoa(i int) string { return strconv.Itoa(i) }

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asInt(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	}
	return 0
}

func asBool(v any) bool {
	b, _ := v.(bool)
	return b
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// asStrings converts a list of strings; nil for an empty or absent list.
func asStrings(v any) []string {
	l := asList(v)
	if len(l) == 0 {
		return nil
	}
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = asString(x)
	}
	return out
}

// asFloats converts a list of numbers (a null item gives 0).
func asFloats(v any) []float64 {
	l := asList(v)
	out := make([]float64, len(l))
	for i, x := range l {
		switch n := x.(type) {
		case float64:
			out[i] = n
		case int64:
			out[i] = float64(n)
		}
	}
	return out
}

func asInts(v any) []int {
	l := asList(v)
	out := make([]int, len(l))
	for i, x := range l {
		out[i] = asInt(x)
	}
	return out
}

func asIDs(v any) []kg.ID {
	l := asList(v)
	if len(l) == 0 {
		return nil
	}
	out := make([]kg.ID, len(l))
	for i, x := range l {
		out[i] = kg.ID(asString(x))
	}
	return out
}

// stringList makes a list parameter, nil (no property) when empty.
func stringList(l []string) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

// entityFromMap reads an entity projected by entityProjection.
func entityFromMap(m map[string]any) kg.Entity {
	e := kg.Entity{
		ID:             kg.ID(asString(m["id"])),
		Type:           kg.EntityType(asString(m["type"])),
		Name:           asString(m["name"]),
		Aliases:        asStrings(m["aliases"]),
		Kind:           asString(m["kind"]),
		Acronym:        asString(m["acronym"]),
		Code:           asString(m["code"]),
		StartDate:      kg.Date(asString(m["startDate"])),
		EndDate:        kg.Date(asString(m["endDate"])),
		Scheme:         asString(m["scheme"]),
		Broader:        asIDs(m["broader"]),
		Reference:      asBool(m["reference"]),
		Parents:        asIDs(m["parents"]),
		MentionCount:   asInt(m["mentionCount"]),
		ArticleCount:   asInt(m["articleCount"]),
		FirstMentioned: kg.Date(asString(m["firstMentioned"])),
		LastMentioned:  kg.Date(asString(m["lastMentioned"])),
	}
	slices.Sort(e.Parents)
	return e
}

// entityProps are the properties of a merged entity, as written by the
// recompute step: its attributes and what reads sort and search on.
func entityProps(e kg.Entity) map[string]any {
	names := e.Names()
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = kg.Fold(n)
	}
	broader := make([]string, len(e.Broader))
	for i, b := range e.Broader {
		broader[i] = string(b)
	}
	return map[string]any{
		"name":        e.Name,
		"aliases":     stringList(e.Aliases),
		"kind":        e.Kind,
		"acronym":     e.Acronym,
		"code":        e.Code,
		"startDate":   string(e.StartDate),
		"endDate":     string(e.EndDate),
		"scheme":      e.Scheme,
		"broader":     stringList(broader),
		"reference":   e.Reference,
		"sortName":    kg.Fold(e.Name),
		"names":       names,
		"foldedNames": folded,
		"searchText":  strings.Join(folded, "\n"),
	}
}

// articleProps are the stored properties of an article (normalised graph).
func articleProps(a kg.Article, text string, rels []kg.Relation) map[string]any {
	var types, from, to, rks []string
	for _, r := range rels {
		types = append(types, string(r.Type))
		from = append(from, string(r.From))
		to = append(to, string(r.To))
		rks = append(rks, kg.Fold(r.Role))
	}
	return map[string]any{
		"url":         a.URL,
		"title":       a.Title,
		"publishedAt": string(a.PublishedAt),
		"modifiedAt":  string(a.ModifiedAt),
		"source":      a.Source,
		"site":        a.Site,
		"themes":      stringList(a.Themes),
		"links":       stringList(a.Links),
		"format":      a.Format,
		"text":        text,
		"contentHash": a.ContentHash,
		"foldedTitle": kg.Fold(a.Title),
		"siteKey":     strings.ToLower(a.Site),
		"relTypes":    stringList(types),
		"relFrom":     stringList(from),
		"relTo":       stringList(to),
		"relRoleKeys": stringList(rks),
	}
}

// articleFromMap reads an article projected by articleProjection.
func articleFromMap(m map[string]any) kg.Article {
	a := kg.Article{
		ID:          kg.ID(asString(m["id"])),
		URL:         asString(m["url"]),
		Title:       asString(m["title"]),
		PublishedAt: kg.Date(asString(m["publishedAt"])),
		ModifiedAt:  kg.Date(asString(m["modifiedAt"])),
		Source:      asString(m["source"]),
		Site:        asString(m["site"]),
		Themes:      asStrings(m["themes"]),
		Links:       asStrings(m["links"]),
		Format:      asString(m["format"]),
		Text:        asString(m["text"]),
		ContentHash: asString(m["contentHash"]),
		ThemeIDs:    asIDs(m["themeIDs"]),
		EntityCount: asInt(m["entityCount"]),
	}
	slices.Sort(a.ThemeIDs)
	return a
}

// mentionFromMap reads a mention projected by the mention queries.
func mentionFromMap(m map[string]any) kg.Mention {
	starts, ends, texts := asInts(m["starts"]), asInts(m["ends"]), asStrings(m["texts"])
	out := kg.Mention{ArticleID: kg.ID(asString(m["article"])), EntityID: kg.ID(asString(m["entity"])),
		PublishedAt: kg.Date(asString(m["date"]))}
	for i := range starts {
		sp := kg.Span{Start: starts[i]}
		if i < len(ends) {
			sp.End = ends[i]
		}
		if i < len(texts) {
			sp.Text = texts[i]
		}
		out.Spans = append(out.Spans, sp)
	}
	return out
}

func encodeEvidence(ev []kg.Evidence) (string, error) {
	if ev == nil {
		ev = []kg.Evidence{}
	}
	b, err := json.Marshal(ev)
	return string(b), err
}

func decodeEvidence(s string) ([]kg.Evidence, error) {
	var ev []kg.Evidence
	if s == "" {
		return nil, nil
	}
	err := json.Unmarshal([]byte(s), &ev)
	return ev, err
}

// relationFromMap builds a relation from its stored sources (projected by
// relationProjection, or bareRelationProjection: then every source is such
// an entry as below): the role of the first source in precedence order
// (reference, then articles by kg.ContributionOrder), and the provenance of
// every source sorted by article id, then offsets; a source that gave no
// evidence appears as an entry naming only its article (or extractor
// "reference").
func relationFromMap(m map[string]any) (kg.Relation, error) {
	srcs, dates, roles, evs := asStrings(m["srcs"]), asStrings(m["dates"]), asStrings(m["roles"]), asStrings(m["evidence"])
	n := len(srcs)
	var confs []float64
	if m["evidence"] == nil {
		// bareRelationProjection: one entry per source, with its confidence
		evs, confs = make([]string, n), asFloats(m["confs"])
	}
	if len(dates) != n || len(roles) != n || len(evs) != n {
		return kg.Relation{}, kg.Errorf(kg.Internal, "neo4j: relation %s %s→%s has inconsistent sources", asString(m["type"]), asString(m["from"]), asString(m["to"]))
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case srcs[a] == srcs[b]:
			return 0
		case srcs[a] == "":
			return -1
		case srcs[b] == "":
			return 1
		}
		return kg.ContributionOrder(kg.Date(dates[a]), kg.ID(srcs[a]), kg.Date(dates[b]), kg.ID(srcs[b]))
	})
	r := kg.Relation{Type: kg.RelationType(asString(m["type"])), From: kg.ID(asString(m["from"])), To: kg.ID(asString(m["to"]))}
	for _, i := range idx {
		ev, err := decodeEvidence(evs[i])
		if err != nil {
			return kg.Relation{}, kg.WrapError(kg.Internal, err, "neo4j: relation %s %s→%s has undecodable evidence", r.Type, r.From, r.To)
		}
		if len(ev) == 0 {
			e := kg.Evidence{ArticleID: kg.ID(srcs[i])}
			if srcs[i] == "" {
				e.Extractor = "reference"
			}
			if i < len(confs) {
				e.Confidence = confs[i]
			}
			ev = []kg.Evidence{e}
		}
		r.Provenance = append(r.Provenance, ev...)
		if role := strings.TrimSpace(roles[i]); r.Role == "" && role != "" {
			r.Role = role
		}
	}
	slices.SortStableFunc(r.Provenance, kg.CompareEvidence)
	return r, nil
}

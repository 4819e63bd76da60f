package neo4jstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// listQuery is a list query being assembled from the fragments of
// cypher.go: the MATCH that drives it (a label, or a small set reached from
// an article, a parent or a territory) and the predicates of the other
// filters.
type listQuery struct {
	v       string // the variable: e or a
	driver  string
	byLabel bool   // driven by the label alone: the sort-key index drives the page
	label   string // the label, when byLabel
	filters []string
}

// sortSpec is the ordering of a list: the stored property it sorts on.
type sortSpec struct {
	prop    string
	desc    bool
	numeric bool
}

// page is a page request decoded: the cursor's key, if any.
type pageSpec struct {
	first     int
	hasAfter  bool
	afterKey  any
	afterID   string
	cursorTag string
}

// build returns the whole query: a count subquery and a page subquery, one
// round trip.
func (q listQuery) build(sort sortSpec, p pageSpec, projection string) string {
	count, items := q.parts(sort, p, projection)
	return count + items + listReturn
}

// parts returns the count and the page subqueries.
func (q listQuery) parts(sort sortSpec, p pageSpec, projection string) (count, items string) {
	where := func(preds []string) string {
		if len(preds) == 0 {
			return ""
		}
		return "WHERE " + strings.Join(preds, " AND ")
	}
	v, k := q.v, q.v+"."+sort.prop
	pagePreds := append([]string{}, q.filters...)
	switch {
	// The keyset predicate: strictly after (key, id). The tie on the key
	// is a CASE, not an OR: the planner would split an OR into a union
	// and lose the index order.
	case p.hasAfter && !sort.desc:
		pagePreds = append(pagePreds, k+" >= $afterKey", "CASE WHEN "+k+" = $afterKey THEN "+v+".id > $afterID ELSE true END")
	case p.hasAfter && sort.desc:
		pagePreds = append(pagePreds, k+" <= $afterKey", "CASE WHEN "+k+" = $afterKey THEN "+v+".id > $afterID ELSE true END")
	case q.byLabel:
		// Every node has the property: this only tells the planner it
		// may walk the index on it, in order.
		pagePreds = append(pagePreds, k+" IS NOT NULL")
	}
	dir := "ASC"
	if sort.desc {
		dir = "DESC"
	}
	pageDriver := q.driver
	if q.byLabel {
		// Left alone, the planner may prefer another index (id, kind)
		// and sort everything; the page must walk the sort key's index.
		pageDriver += " " + fmt.Sprintf(hintIndex, v, q.label, sort.prop)
	}
	count = fmt.Sprintf(tmplListCount, q.driver, where(q.filters), v)
	items = fmt.Sprintf(tmplListItems, pageDriver+"\n  "+where(pagePreds), v, k+" "+dir+", "+v+".id ASC", projection)
	return count, items
}

// params returns the parameters of the page part.
func (p pageSpec) params(m map[string]any) map[string]any {
	m["limit"] = p.first + 1
	if p.hasAfter {
		m["afterKey"] = p.afterKey
		m["afterID"] = p.afterID
	}
	return m
}

// decodeAfter decodes a list cursor (the memstore format: sort key, id).
func decodeAfter(page kg.PageRequest, tag string, numeric bool) (pageSpec, error) {
	p := pageSpec{first: page.First, cursorTag: tag}
	if page.After == "" {
		return p, nil
	}
	parts, err := kg.DecodeCursor(page.After, tag, 2)
	if err != nil {
		return p, err
	}
	p.hasAfter, p.afterKey, p.afterID = true, parts[0], parts[1]
	if numeric {
		n, err := strconv.Atoi(parts[0])
		if err != nil {
			return p, kg.Errorf(kg.Invalid, "after: malformed cursor %q", page.After)
		}
		p.afterKey = n
	}
	return p, nil
}

var entitySortProps = map[kg.EntitySortField]string{
	kg.SortByName:           "sortName",
	kg.SortByMentionCount:   "mentionCount",
	kg.SortByFirstMentioned: "firstMentioned",
	kg.SortByLastMentioned:  "lastMentioned",
}

// entityQuery assembles the query of ListEntities (the filter is valid).
func entityQuery(f kg.EntityFilter, params map[string]any) listQuery {
	label := labels[f.Type]
	q := listQuery{v: "e"}
	placed := func(tmpl string) string { return fmt.Sprintf(tmpl, label, placementTypes) }
	territoryDriver, territoryFilter := "", ""
	if f.Territory != "" {
		params["territory"] = string(f.Territory)
		switch {
		case f.Type == kg.TypeTerritory && f.IncludeDescendants:
			territoryDriver, territoryFilter = listTerritoryAndBelow, filterTerritoryAndBelow
		case f.Type == kg.TypeTerritory:
			territoryDriver, territoryFilter = listTerritoryItself, filterTerritoryItself
		case f.IncludeDescendants:
			territoryDriver, territoryFilter = placed(listPlacedInTerritoryDesc), placed(filterPlacedInTerritoryDsc)
		default:
			territoryDriver, territoryFilter = placed(listPlacedInTerritory), placed(filterPlacedInTerritory)
		}
	}
	if f.MentionedIn != "" {
		params["mentionedIn"] = string(f.MentionedIn)
	}
	if f.PartOf != "" {
		params["partOf"] = string(f.PartOf)
	}
	// The most selective set drives; the others filter.
	switch {
	case f.MentionedIn != "":
		q.driver = fmt.Sprintf(listEntitiesByArticle, label)
	case f.PartOf != "":
		q.driver = fmt.Sprintf(listEntitiesByParent, label)
	case f.Territory != "":
		q.driver = territoryDriver
	default:
		q.driver, q.byLabel, q.label = fmt.Sprintf(listEntitiesByLabel, label), true, label
	}
	if f.MentionedIn != "" && f.Territory != "" {
		q.filters = append(q.filters, territoryFilter)
	}
	if f.PartOf != "" && f.MentionedIn != "" {
		q.filters = append(q.filters, filterEntityParent)
	}
	if f.Territory != "" && f.PartOf != "" && f.MentionedIn == "" {
		q.filters = append(q.filters, territoryFilter)
	}
	if ft := kg.Fold(f.Text); ft != "" {
		params["text"] = ft
		q.filters = append(q.filters, filterEntityText)
	}
	if len(f.Kinds) > 0 {
		params["kinds"] = f.Kinds
		q.filters = append(q.filters, filterEntityKinds)
	}
	if len(f.Themes) > 0 {
		themes := idStrings(f.Themes)
		params["themes"] = themes
		q.filters = append(q.filters, filterEntityThemes)
	}
	if f.From != "" || f.To != "" {
		params["from"], params["to"] = string(f.From), string(f.To)
		q.filters = append(q.filters, filterEntityDates)
	}
	return q
}

// entityListQuery returns the statement and parameters of ListEntities
// (the filter and ordering are valid), the cursor tag and the page.
func entityListQuery(f kg.EntityFilter, o kg.EntityOrder, page kg.PageRequest) (string, map[string]any, string, pageSpec, error) {
	sort := sortSpec{prop: entitySortProps[o.Field], desc: o.Direction == kg.Desc, numeric: o.Field == kg.SortByMentionCount}
	tag := "entities/" + string(f.Type) + "/" + string(o.Field) + "/" + string(o.Direction)
	p, err := decodeAfter(page, tag, sort.numeric)
	if err != nil {
		return "", nil, "", p, err
	}
	params := map[string]any{}
	q := entityQuery(f, params)
	return q.build(sort, p, entityProjection), p.params(params), tag, p, nil
}

// entityListParts returns the count and page subqueries of ListEntities
// apart, with their parameters and the given projection (to explain them).
func entityListParts(f kg.EntityFilter, o kg.EntityOrder, page kg.PageRequest, projection string) (string, string, map[string]any, error) {
	sort := sortSpec{prop: entitySortProps[o.Field], desc: o.Direction == kg.Desc, numeric: o.Field == kg.SortByMentionCount}
	p, err := decodeAfter(page, "entities/"+string(f.Type)+"/"+string(o.Field)+"/"+string(o.Direction), sort.numeric)
	if err != nil {
		return "", "", nil, err
	}
	params := map[string]any{}
	count, items := entityQuery(f, params).parts(sort, p, projection)
	return count, items, p.params(params), nil
}

// ListEntities returns one page of filtered entities (see kg.Store).
func (s *Store) ListEntities(ctx context.Context, f kg.EntityFilter, order kg.EntityOrder, page kg.PageRequest) (kg.Page[kg.Entity], error) {
	var none kg.Page[kg.Entity]
	o, err := kg.CheckEntityList(f, order, page)
	if err != nil {
		return none, err
	}
	stmt, params, tag, p, err := entityListQuery(f, o, page)
	if err != nil {
		return none, err
	}
	return readPage(ctx, s, stmt, params, p.first, entityFromMap, func(e kg.Entity) string {
		return kg.EncodeCursor(tag, entitySortKey(e, o.Field), string(e.ID))
	})
}

// readPage runs a list statement returning {total, items} (first + 1 items
// at most) and makes the page: its first items, converted, with their
// cursors, and whether more follow.
func readPage[T any](ctx context.Context, s *Store, stmt string, params map[string]any, first int, conv func(map[string]any) T, cursor func(T) string) (kg.Page[T], error) {
	if err := s.begin(ctx); err != nil {
		return kg.Page[T]{}, err
	}
	rec, err := readOne(ctx, s, stmt, params)
	if err != nil {
		return kg.Page[T]{}, err
	}
	items := asList(rec["items"])
	n := min(len(items), first)
	out := kg.Page[T]{Items: make([]T, 0, n), Cursors: make([]string, 0, n), TotalCount: asInt(rec["total"]), HasNextPage: len(items) > first}
	for _, x := range items[:n] {
		v := conv(asMap(x))
		out.Items = append(out.Items, v)
		out.Cursors = append(out.Cursors, cursor(v))
	}
	return out, nil
}

// entitySortKey is the cursor form of an entity's sort key.
func entitySortKey(e kg.Entity, f kg.EntitySortField) string {
	switch f {
	case kg.SortByMentionCount:
		return strconv.Itoa(e.MentionCount)
	case kg.SortByFirstMentioned:
		return string(e.FirstMentioned)
	case kg.SortByLastMentioned:
		return string(e.LastMentioned)
	}
	return kg.Fold(e.Name)
}

// articleQuery assembles the query of ListArticles (the filter is valid).
func articleQuery(f kg.ArticleFilter, params map[string]any) listQuery {
	q := listQuery{v: "a"}
	territoryDriver, territoryFilter := listArticlesInTerritory, filterArticleTerritory
	if f.IncludeDescendants {
		territoryDriver, territoryFilter = listArticlesInTerritoryDs, filterArticleTerritoryDs
	}
	if f.Mentions != "" {
		params["mentions"] = string(f.Mentions)
	}
	if f.Territory != "" {
		params["territory"] = string(f.Territory)
	}
	if len(f.Themes) > 0 {
		themes := idStrings(f.Themes)
		params["themes"] = themes
	}
	switch {
	case f.Mentions != "":
		q.driver = listArticlesByEntity
		if f.Territory != "" {
			q.filters = append(q.filters, territoryFilter)
		}
		if len(f.Themes) > 0 {
			q.filters = append(q.filters, filterArticleThemes)
		}
	case f.Territory != "":
		q.driver = territoryDriver
		if len(f.Themes) > 0 {
			q.filters = append(q.filters, filterArticleThemes)
		}
	case len(f.Themes) > 0:
		q.driver = listArticlesByTheme
	default:
		q.driver, q.byLabel, q.label = listArticlesAll, true, "Article"
	}
	if ft := kg.Fold(f.Text); ft != "" {
		params["text"] = ft
		q.filters = append(q.filters, filterArticleText)
	}
	if f.Site != "" {
		params["site"] = strings.ToLower(f.Site)
		q.filters = append(q.filters, filterArticleSite)
	}
	if f.From != "" || f.To != "" {
		params["from"], params["to"] = string(f.From), string(f.To)
		q.filters = append(q.filters, filterArticleDates)
	}
	return q
}

// articleListQuery returns the statement and parameters of ListArticles
// (the filter and ordering are valid), the cursor tag and the page.
func articleListQuery(f kg.ArticleFilter, o kg.ArticleOrder, page kg.PageRequest) (string, map[string]any, string, pageSpec, error) {
	sort := sortSpec{prop: "publishedAt", desc: o.Direction == kg.Desc}
	if o.Field == kg.SortByTitle {
		sort.prop = "foldedTitle"
	}
	tag := "articles/" + string(o.Field) + "/" + string(o.Direction)
	p, err := decodeAfter(page, tag, false)
	if err != nil {
		return "", nil, "", p, err
	}
	params := map[string]any{}
	q := articleQuery(f, params)
	return q.build(sort, p, articleProjection), p.params(params), tag, p, nil
}

// articleListParts is entityListParts for ListArticles.
func articleListParts(f kg.ArticleFilter, o kg.ArticleOrder, page kg.PageRequest, projection string) (string, string, map[string]any, error) {
	sort := sortSpec{prop: "publishedAt", desc: o.Direction == kg.Desc}
	if o.Field == kg.SortByTitle {
		sort.prop = "foldedTitle"
	}
	p, err := decodeAfter(page, "articles/"+string(o.Field)+"/"+string(o.Direction), false)
	if err != nil {
		return "", "", nil, err
	}
	params := map[string]any{}
	count, items := articleQuery(f, params).parts(sort, p, projection)
	return count, items, p.params(params), nil
}

// ListArticles returns one page of filtered articles, with their text (see
// kg.Store).
func (s *Store) ListArticles(ctx context.Context, f kg.ArticleFilter, order kg.ArticleOrder, page kg.PageRequest) (kg.Page[kg.Article], error) {
	var none kg.Page[kg.Article]
	o, err := kg.CheckArticleList(f, order, page)
	if err != nil {
		return none, err
	}
	stmt, params, tag, p, err := articleListQuery(f, o, page)
	if err != nil {
		return none, err
	}
	return readPage(ctx, s, stmt, params, p.first, articleFromMap, func(a kg.Article) string {
		key := string(a.PublishedAt)
		if o.Field == kg.SortByTitle {
			key = kg.Fold(a.Title)
		}
		return kg.EncodeCursor(tag, key, string(a.ID))
	})
}

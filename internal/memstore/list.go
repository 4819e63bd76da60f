package memstore

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/maillage/maillage/internal/kg"
)

// views caches the sorted lists of entities (per type and ordering) and of
// articles (per ordering). A fresh, empty views replaces the old one on every
// write; readers fill it lazily and publish with compare-and-swap, so they
// never wait for each other (two readers may both sort; one result wins).
type views struct {
	ents  [6][4][2]atomic.Pointer[[]*entityRec]
	arts  [2][2]atomic.Pointer[[]*articleRec]
	names atomic.Pointer[nameIndex]
}

func newViews() *views { return &views{} }

var entityFields = []kg.EntitySortField{kg.SortByName, kg.SortByMentionCount, kg.SortByFirstMentioned, kg.SortByLastMentioned}

func typeIndex(t kg.EntityType) int { return slices.Index(kg.EntityTypes, t) }
func dirIndex(d kg.SortDirection) int {
	if d == kg.Desc {
		return 1
	}
	return 0
}

// sortKey is the sort key of an item: a string or a number, then the id.
type sortKey struct {
	s  string
	n  int
	id kg.ID
}

func compareKeys(a, b sortKey, desc bool) int {
	c := cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.s, b.s))
	if desc {
		c = -c
	}
	return cmp.Or(c, cmp.Compare(a.id, b.id))
}

func entityKey(r *entityRec, f kg.EntitySortField) sortKey {
	switch f {
	case kg.SortByMentionCount:
		return sortKey{n: r.e.MentionCount, id: r.id}
	case kg.SortByFirstMentioned:
		return sortKey{s: string(r.e.FirstMentioned), id: r.id}
	case kg.SortByLastMentioned:
		return sortKey{s: string(r.e.LastMentioned), id: r.id}
	}
	return sortKey{s: r.foldName, id: r.id}
}

func articleKey(a *articleRec, f kg.ArticleSortField) sortKey {
	if f == kg.SortByTitle {
		return sortKey{s: a.foldedTitle, id: a.g.Article.ID}
	}
	return sortKey{s: string(a.date()), id: a.g.Article.ID}
}

// encodeKey / decodeKey turn a sort key into cursor parts and back.
func encodeKey(tag string, k sortKey, numeric bool) string {
	v := k.s
	if numeric {
		v = strconv.Itoa(k.n)
	}
	return kg.EncodeCursor(tag, v, string(k.id))
}

func decodeKey(cursor, tag string, numeric bool) (sortKey, error) {
	parts, err := kg.DecodeCursor(cursor, tag, 2)
	if err != nil {
		return sortKey{}, err
	}
	k := sortKey{s: parts[0], id: kg.ID(parts[1])}
	if numeric {
		n, err := strconv.Atoi(parts[0])
		if err != nil {
			return sortKey{}, kg.Errorf(kg.Invalid, "after: malformed cursor %q", cursor)
		}
		k = sortKey{n: n, id: kg.ID(parts[1])}
	}
	return k, nil
}

// sortedEntities returns every entity of type t in order o (cached).
func (s *Store) sortedEntities(t kg.EntityType, o kg.EntityOrder) []*entityRec {
	slot := &s.views.Load().ents[typeIndex(t)][slices.Index(entityFields, o.Field)][dirIndex(o.Direction)]
	if p := slot.Load(); p != nil {
		return *p
	}
	all := make([]*entityRec, 0, len(s.g.byType[t]))
	for _, r := range s.g.byType[t] {
		all = append(all, r)
	}
	sortEntities(all, o)
	slot.CompareAndSwap(nil, &all)
	return all
}

func sortEntities(list []*entityRec, o kg.EntityOrder) {
	desc := o.Direction == kg.Desc
	slices.SortFunc(list, func(a, b *entityRec) int {
		return compareKeys(entityKey(a, o.Field), entityKey(b, o.Field), desc)
	})
}

// sortedArticles returns every article in order o (cached).
func (s *Store) sortedArticles(o kg.ArticleOrder) []*articleRec {
	fi := 0
	if o.Field == kg.SortByTitle {
		fi = 1
	}
	slot := &s.views.Load().arts[fi][dirIndex(o.Direction)]
	if p := slot.Load(); p != nil {
		return *p
	}
	all := make([]*articleRec, 0, len(s.g.articles))
	for _, a := range s.g.articles {
		all = append(all, a)
	}
	sortArticles(all, o)
	slot.CompareAndSwap(nil, &all)
	return all
}

func sortArticles(list []*articleRec, o kg.ArticleOrder) {
	desc := o.Direction == kg.Desc
	slices.SortFunc(list, func(a, b *articleRec) int {
		return compareKeys(articleKey(a, o.Field), articleKey(b, o.Field), desc)
	})
}

// paginate cuts one page out of a sorted list: the items strictly after the
// cursor key (when after is set) that pass keep (nil: all), at most first of
// them, counting every item that passes keep.
func paginate[T any](ctx context.Context, sorted []T, key func(T) sortKey, desc bool, after *sortKey, first int, keep func(T) bool, cursor func(sortKey) string) (kg.Page[T], error) {
	start := 0
	if after != nil {
		start = sort.Search(len(sorted), func(i int) bool { return compareKeys(key(sorted[i]), *after, desc) > 0 })
	}
	var p kg.Page[T]
	if keep == nil {
		p.TotalCount = len(sorted)
		end := min(start+first, len(sorted))
		p.Items = append(make([]T, 0, end-start), sorted[start:end]...)
		p.HasNextPage = end < len(sorted)
	} else {
		for i, it := range sorted {
			if i%4096 == 0 {
				if err := ctxErr(ctx); err != nil {
					return p, err
				}
			}
			if !keep(it) {
				continue
			}
			p.TotalCount++
			if i < start {
				continue
			}
			if len(p.Items) < first {
				p.Items = append(p.Items, it)
			} else {
				p.HasNextPage = true
			}
		}
	}
	p.Cursors = make([]string, len(p.Items))
	for i, it := range p.Items {
		p.Cursors[i] = cursor(key(it))
	}
	return p, nil
}

// pageOfSet cuts one page out of an unsorted list of items that all pass
// the filter.
func pageOfSet[T any](list []T, key func(T) sortKey, desc bool, after *sortKey, first int, cursor func(sortKey) string) kg.Page[T] {
	items, keys, remaining := selectPage(list, key, desc, after, first)
	p := kg.Page[T]{Items: items, TotalCount: len(list), HasNextPage: remaining > len(items), Cursors: make([]string, len(keys))}
	for i, k := range keys {
		p.Cursors[i] = cursor(k)
	}
	return p
}

func inRange(d, from, to kg.Date) bool {
	return d != "" && (from == "" || d >= from) && (to == "" || d <= to)
}

// territorySet returns t and, with descendants, every territory below it in
// the PART_OF hierarchy (nil if t is unknown).
func (g *graph) territorySet(t kg.ID, descendants bool) map[*entityRec]struct{} {
	root := g.entities[t]
	if root == nil || root.typ != kg.TypeTerritory {
		return nil
	}
	set := map[*entityRec]struct{}{root: {}}
	if !descendants {
		return set
	}
	queue := []*entityRec{root}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, rr := range cur.in {
			if rr.typ != kg.PartOf {
				continue
			}
			child := g.entities[rr.from]
			if child == nil || child.typ != kg.TypeTerritory {
				continue
			}
			if _, seen := set[child]; !seen {
				set[child] = struct{}{}
				queue = append(queue, child)
			}
		}
	}
	return set
}

// ListEntities returns one page of filtered entities (see kg.Store).
func (s *Store) ListEntities(ctx context.Context, f kg.EntityFilter, order kg.EntityOrder, page kg.PageRequest) (kg.Page[kg.Entity], error) {
	var none kg.Page[kg.Entity]
	o, err := kg.CheckEntityList(f, order, page)
	if err != nil {
		return none, err
	}
	numeric := o.Field == kg.SortByMentionCount
	tag := "entities/" + string(f.Type) + "/" + string(o.Field) + "/" + string(o.Direction)
	var after *sortKey
	if page.After != "" {
		k, err := decodeKey(page.After, tag, numeric)
		if err != nil {
			return none, err
		}
		after = &k
	}
	if err := s.rlock(ctx); err != nil {
		return none, err
	}
	defer s.mu.RUnlock()

	g := s.g
	// Candidate sets from the selective filters.
	var cand candidates[*entityRec]
	narrow := cand.narrow
	if f.MentionedIn != "" {
		set := map[*entityRec]struct{}{}
		if a := g.articles[f.MentionedIn]; a != nil {
			for _, m := range a.g.Mentions {
				if r := g.entities[m.EntityID]; r != nil && r.typ == f.Type {
					set[r] = struct{}{}
				}
			}
		}
		narrow(set)
	}
	if f.Territory != "" {
		terr := g.territorySet(f.Territory, f.IncludeDescendants)
		set := map[*entityRec]struct{}{}
		if f.Type == kg.TypeTerritory {
			set = terr
			if set == nil {
				set = map[*entityRec]struct{}{}
			}
		} else {
			for t := range terr {
				for _, rr := range t.in {
					if slices.Contains(kg.PlacementTypes, rr.typ) {
						if r := g.entities[rr.from]; r != nil && r.typ == f.Type {
							set[r] = struct{}{}
						}
					}
				}
			}
		}
		narrow(set)
	}
	if f.PartOf != "" {
		set := map[*entityRec]struct{}{}
		if p := g.entities[f.PartOf]; p != nil {
			for _, rr := range p.in {
				if rr.typ == kg.PartOf {
					if r := g.entities[rr.from]; r != nil && r.typ == f.Type && r != p {
						set[r] = struct{}{}
					}
				}
			}
		}
		narrow(set)
	}

	if ft := kg.Fold(f.Text); ft != "" {
		set := map[*entityRec]struct{}{}
		s.names().containing(ft, func(r *entityRec) {
			if r.typ == f.Type {
				set[r] = struct{}{}
			}
		})
		narrow(set)
	}

	// Predicates for the others.
	var preds []func(*entityRec) bool
	if len(f.Kinds) > 0 {
		preds = append(preds, func(r *entityRec) bool { return slices.Contains(f.Kinds, r.e.Kind) })
	}
	if len(f.Themes) > 0 {
		preds = append(preds, func(r *entityRec) bool {
			for _, rr := range r.out {
				if rr.typ == kg.About && slices.Contains(f.Themes, rr.to) {
					return true
				}
			}
			for _, m := range r.mentions {
				for _, th := range g.articles[m.ArticleID].g.Themes {
					if slices.Contains(f.Themes, th) {
						return true
					}
				}
			}
			return false
		})
	}
	if f.From != "" || f.To != "" {
		preds = append(preds, func(r *entityRec) bool {
			if r.typ == kg.TypeEvent && inRange(r.e.StartDate, f.From, f.To) {
				return true
			}
			for _, m := range r.mentions {
				if inRange(m.PublishedAt, f.From, f.To) {
					return true
				}
			}
			return false
		})
	}
	var keep func(*entityRec) bool
	if len(preds) > 0 {
		keep = func(r *entityRec) bool {
			for _, p := range preds {
				if !p(r) {
					return false
				}
			}
			return true
		}
	}

	key := func(r *entityRec) sortKey { return entityKey(r, o.Field) }
	cursor := func(k sortKey) string { return encodeKey(tag, k, numeric) }
	var p kg.Page[*entityRec]
	if cand.restricted {
		list := make([]*entityRec, 0, len(cand.set))
		for r := range cand.set {
			if keep == nil || keep(r) {
				list = append(list, r)
			}
		}
		p = pageOfSet(list, key, o.Direction == kg.Desc, after, page.First, cursor)
	} else {
		var err error
		p, err = paginate(ctx, s.sortedEntities(f.Type, o), key, o.Direction == kg.Desc, after, page.First, keep, cursor)
		if err != nil {
			return none, err
		}
	}
	out := kg.Page[kg.Entity]{Items: make([]kg.Entity, len(p.Items)), Cursors: p.Cursors, HasNextPage: p.HasNextPage, TotalCount: p.TotalCount}
	for i, r := range p.Items {
		out.Items[i] = r.view()
	}
	return out, nil
}

// ListArticles returns one page of filtered articles (see kg.Store).
func (s *Store) ListArticles(ctx context.Context, f kg.ArticleFilter, order kg.ArticleOrder, page kg.PageRequest) (kg.Page[kg.Article], error) {
	var none kg.Page[kg.Article]
	o, err := kg.CheckArticleList(f, order, page)
	if err != nil {
		return none, err
	}
	tag := "articles/" + string(o.Field) + "/" + string(o.Direction)
	var after *sortKey
	if page.After != "" {
		k, err := decodeKey(page.After, tag, false)
		if err != nil {
			return none, err
		}
		after = &k
	}
	if err := s.rlock(ctx); err != nil {
		return none, err
	}
	defer s.mu.RUnlock()

	g := s.g
	var cand candidates[*articleRec]
	narrow := cand.narrow
	mentioning := func(set map[*articleRec]struct{}, r *entityRec) {
		for _, m := range r.mentions {
			set[g.articles[m.ArticleID]] = struct{}{}
		}
	}
	if f.Mentions != "" {
		set := map[*articleRec]struct{}{}
		if r := g.entities[f.Mentions]; r != nil {
			mentioning(set, r)
		}
		narrow(set)
	}
	if f.Territory != "" {
		set := map[*articleRec]struct{}{}
		for t := range g.territorySet(f.Territory, f.IncludeDescendants) {
			mentioning(set, t)
		}
		narrow(set)
	}
	if len(f.Themes) > 0 {
		set := map[*articleRec]struct{}{}
		for _, th := range f.Themes {
			for aid := range g.themeArts[th] {
				set[g.articles[aid]] = struct{}{}
			}
		}
		narrow(set)
	}
	var preds []func(*articleRec) bool
	if ft := kg.Fold(f.Text); ft != "" {
		preds = append(preds, func(a *articleRec) bool { return strings.Contains(a.foldedTitle, ft) })
	}
	if f.Site != "" {
		preds = append(preds, func(a *articleRec) bool { return strings.EqualFold(a.g.Article.Site, f.Site) })
	}
	if f.From != "" || f.To != "" {
		preds = append(preds, func(a *articleRec) bool { return inRange(a.date(), f.From, f.To) })
	}
	var keep func(*articleRec) bool
	if len(preds) > 0 {
		keep = func(a *articleRec) bool {
			for _, p := range preds {
				if !p(a) {
					return false
				}
			}
			return true
		}
	}
	key := func(a *articleRec) sortKey { return articleKey(a, o.Field) }
	cursor := func(k sortKey) string { return encodeKey(tag, k, false) }
	var p kg.Page[*articleRec]
	if cand.restricted {
		list := make([]*articleRec, 0, len(cand.set))
		for a := range cand.set {
			if keep == nil || keep(a) {
				list = append(list, a)
			}
		}
		p = pageOfSet(list, key, o.Direction == kg.Desc, after, page.First, cursor)
	} else {
		var err error
		p, err = paginate(ctx, s.sortedArticles(o), key, o.Direction == kg.Desc, after, page.First, keep, cursor)
		if err != nil {
			return none, err
		}
	}
	out := kg.Page[kg.Article]{Items: make([]kg.Article, len(p.Items)), Cursors: p.Cursors, HasNextPage: p.HasNextPage, TotalCount: p.TotalCount}
	for i, a := range p.Items {
		out.Items[i] = a.view()
	}
	if err := s.fillTexts(out.Items); err != nil {
		return none, err
	}
	return out, nil
}

// candidates is the intersection of the sets that the selective filters of
// a list give; until the first set it restricts nothing.
type candidates[T comparable] struct {
	set        map[T]struct{}
	restricted bool
}

func (c *candidates[T]) narrow(set map[T]struct{}) {
	if !c.restricted {
		c.set, c.restricted = set, true
		return
	}
	for x := range c.set {
		if _, ok := set[x]; !ok {
			delete(c.set, x)
		}
	}
}

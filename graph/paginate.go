package graph

import (
	"cmp"
	"slices"
	"sort"
	"strconv"

	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/kg"
)

// pageRequest checks `first` and `after` and fills the default page size.
// `first` above the maximum is an Invalid error saying the limit.
func (r *Resolver) pageRequest(first *int, after *string) (kg.PageRequest, error) {
	p := kg.PageRequest{First: r.opts.DefaultPageSize}
	if first != nil {
		switch {
		case *first < 0:
			return p, kg.Errorf(kg.Invalid, "first: must be 0 or more, got %d", *first)
		case *first > r.opts.MaxPageSize:
			return p, kg.Errorf(kg.Invalid, "first: at most %d, got %d", r.opts.MaxPageSize, *first)
		}
		p.First = *first
	}
	if after != nil {
		p.After = *after
	}
	return p, nil
}

// limit checks a `first` that caps a plain list (no cursor).
func (r *Resolver) limit(first *int) (int, error) {
	p, err := r.pageRequest(first, nil)
	return p.First, err
}

// order describes the total order of a nested list paginated in the
// resolver: the key of an item, how a key is written in a cursor (parts
// strings under tag) and read back, and how keys compare. Cursors encode
// the key, not an offset, so a page stays right when items come or go.
type order[T, K any] struct {
	tag   string
	parts int
	key   func(T) K
	enc   func(K) []string
	dec   func([]string) (K, bool)
	cmp   func(a, b K) int
}

// connPage is a page of a nested list, ready to become a connection.
type connPage[E any] struct {
	Edges      []E
	PageInfo   *model.PageInfo
	TotalCount int
}

// paginate sorts items by o (stably, on a copy) and returns the page asked
// by p as edges built by edge(item, cursor).
func paginate[T, K, E any](items []T, p kg.PageRequest, o order[T, K], edge func(T, string) E) (connPage[E], error) {
	type keyed struct {
		item T
		key  K
	}
	list := make([]keyed, len(items))
	for i, it := range items {
		list[i] = keyed{it, o.key(it)}
	}
	slices.SortStableFunc(list, func(a, b keyed) int { return o.cmp(a.key, b.key) })

	lo := 0
	if p.After != "" {
		parts, err := kg.DecodeCursor(p.After, o.tag, o.parts)
		if err != nil {
			return connPage[E]{}, err
		}
		k, ok := o.dec(parts)
		if !ok {
			return connPage[E]{}, kg.Errorf(kg.Invalid, "after: malformed cursor %q", truncate(p.After, 40))
		}
		lo = sort.Search(len(list), func(i int) bool { return o.cmp(list[i].key, k) > 0 })
	}
	hi := min(len(list), lo+p.First)
	out := connPage[E]{TotalCount: len(list), PageInfo: &model.PageInfo{HasNextPage: hi < len(list), HasPreviousPage: lo > 0}}
	out.Edges = make([]E, 0, hi-lo)
	for _, it := range list[lo:hi] {
		c := kg.EncodeCursor(o.tag, o.enc(it.key)...)
		out.Edges = append(out.Edges, edge(it.item, c))
		if out.PageInfo.StartCursor == nil {
			out.PageInfo.StartCursor = &c
		}
		out.PageInfo.EndCursor = &c
	}
	return out, nil
}

// storePageInfo builds the PageInfo of a page a store returned.
func storePageInfo(cursors []string, hasNext bool, after string) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: after != ""}
	if len(cursors) > 0 {
		pi.StartCursor = &cursors[0]
		pi.EndCursor = &cursors[len(cursors)-1]
	}
	return pi
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Orders of the nested lists.

// byRelationKey orders relations by Relation.Key (the store's order).
func byRelationKey[T any](rel func(T) *kg.Relation) order[T, string] {
	return order[T, string]{
		tag: "relation", parts: 1,
		key: func(t T) string { return rel(t).Key() },
		enc: func(k string) []string { return []string{k} },
		dec: func(p []string) (string, bool) { return p[0], true },
		cmp: cmp.Compare[string],
	}
}

// dateID is the key of the newest-first order of an entity's mentions.
type dateID struct {
	date kg.Date
	id   kg.ID
}

// newestFirst orders mentions by publication date descending, undated
// last, then article id ascending (the order of Store.MentionsOf).
var newestFirst = order[kg.Mention, dateID]{
	tag: "mentions:newest", parts: 2,
	key: func(m kg.Mention) dateID { return dateID{m.PublishedAt, m.ArticleID} },
	enc: func(k dateID) []string { return []string{string(k.date), string(k.id)} },
	dec: func(p []string) (dateID, bool) {
		d := kg.Date(p[0])
		return dateID{d, kg.ID(p[1])}, d.Valid()
	},
	cmp: func(a, b dateID) int {
		if a.date != b.date {
			switch {
			case a.date == "":
				return 1
			case b.date == "":
				return -1
			}
			return -cmp.Compare(a.date, b.date)
		}
		return cmp.Compare(a.id, b.id)
	},
}

// intID is a key made of a number and an id.
type intID struct {
	n  int
	id kg.ID
}

func encIntID(k intID) []string { return []string{strconv.Itoa(k.n), string(k.id)} }

func decIntID(p []string) (intID, bool) {
	n, err := strconv.Atoi(p[0])
	return intID{n, kg.ID(p[1])}, err == nil
}

// textOrder orders an article's mentions by the start of their first span,
// then entity id (the order of Store.MentionsIn).
var textOrder = order[kg.Mention, intID]{
	tag: "mentions:text", parts: 2,
	key: func(m kg.Mention) intID {
		start := -1
		if len(m.Spans) > 0 {
			start = m.Spans[0].Start
		}
		return intID{start, m.EntityID}
	},
	enc: encIntID,
	dec: decIntID,
	cmp: func(a, b intID) int { return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.id, b.id)) },
}

// mostNamed orders an article's entities by mention count descending, then
// entity id.
var mostNamed = order[kg.Mention, intID]{
	tag: "entities:count", parts: 2,
	key: func(m kg.Mention) intID { return intID{m.Count(), m.EntityID} },
	enc: encIntID,
	dec: decIntID,
	cmp: func(a, b intID) int { return cmp.Or(-cmp.Compare(a.n, b.n), cmp.Compare(a.id, b.id)) },
}

// byID orders ids.
var byID = order[kg.ID, kg.ID]{
	tag: "id", parts: 1,
	key: func(id kg.ID) kg.ID { return id },
	enc: func(k kg.ID) []string { return []string{string(k)} },
	dec: func(p []string) (kg.ID, bool) { return kg.ID(p[0]), true },
	cmp: cmp.Compare[kg.ID],
}

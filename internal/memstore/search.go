package memstore

import (
	"cmp"
	"context"
	"slices"
	"sort"
	"strconv"

	"github.com/maillage/maillage/internal/kg"
)

type hit struct {
	r       *entityRec
	rank    kg.SearchRank
	matched string
}

// searchKey orders hits: rank, mention count descending, folded name, id.
type searchKey struct {
	rank     int
	mentions int
	name     string
	id       kg.ID
}

func compareSearch(a, b searchKey) int {
	return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(b.mentions, a.mentions), cmp.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
}

func (h hit) key() searchKey {
	return searchKey{rank: int(h.rank), mentions: h.r.e.MentionCount, name: h.r.foldName, id: h.r.id}
}

const searchTag = "search"

// Search finds entities by name, aliases and acronym (see kg.Store).
func (s *Store) Search(ctx context.Context, q kg.SearchQuery, page kg.PageRequest) (kg.Page[kg.SearchHit], error) {
	var none kg.Page[kg.SearchHit]
	ft := kg.Fold(q.Text)
	if ft == "" {
		return none, kg.Errorf(kg.Invalid, "text: %q has no letter or digit to search for", q.Text)
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return none, kg.Errorf(kg.Invalid, "types: unknown entity type %q", t)
		}
	}
	if err := kg.CheckPage(page); err != nil {
		return none, err
	}
	var after *searchKey
	if page.After != "" {
		parts, err := kg.DecodeCursor(page.After, searchTag, 4)
		if err != nil {
			return none, err
		}
		rank, err1 := strconv.Atoi(parts[0])
		mentions, err2 := strconv.Atoi(parts[1])
		if err1 != nil || err2 != nil {
			return none, kg.Errorf(kg.Invalid, "after: malformed cursor %q", page.After)
		}
		after = &searchKey{rank: rank, mentions: mentions, name: parts[2], id: kg.ID(parts[3])}
	}
	if err := s.rlock(ctx); err != nil {
		return none, err
	}
	defer s.mu.RUnlock()

	types := q.Types
	if len(types) == 0 {
		types = kg.EntityTypes
	}
	// Every kind of match (exact, prefix, substring, every word a word
	// prefix) needs the longest word of the text inside a name: the name
	// index yields those candidates, MatchRank ranks them.
	var hits []hit
	n := 0
	var ctxErrSeen error
	s.names().containing(longestWord(ft), func(r *entityRec) {
		if n++; n%8192 == 0 && ctxErrSeen == nil {
			ctxErrSeen = ctxErr(ctx)
		}
		if ctxErrSeen != nil || !slices.Contains(types, r.typ) {
			return
		}
		best, matched, ok := kg.SearchRank(0), "", false
		for _, nf := range r.names {
			if rank, m := kg.MatchRank(ft, nf.folded); m && (!ok || rank < best) {
				best, matched, ok = rank, nf.written, true
			}
		}
		if ok {
			hits = append(hits, hit{r: r, rank: best, matched: matched})
		}
	})
	if ctxErrSeen != nil {
		return none, ctxErrSeen
	}
	slices.SortFunc(hits, func(a, b hit) int { return compareSearch(a.key(), b.key()) })
	start := 0
	if after != nil {
		start = sort.Search(len(hits), func(i int) bool { return compareSearch(hits[i].key(), *after) > 0 })
	}
	end := min(start+page.First, len(hits))
	out := kg.Page[kg.SearchHit]{TotalCount: len(hits), HasNextPage: end < len(hits)}
	for _, h := range hits[start:end] {
		k := h.key()
		out.Items = append(out.Items, kg.SearchHit{Entity: h.r.view(), Rank: h.rank, MatchedName: h.matched})
		out.Cursors = append(out.Cursors, kg.EncodeCursor(searchTag, strconv.Itoa(k.rank), strconv.Itoa(k.mentions), k.name, string(k.id)))
	}
	return out, nil
}

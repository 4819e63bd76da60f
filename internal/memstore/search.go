package memstore

import (
	"context"
	"slices"
	"sort"

	"github.com/maillage/maillage/internal/kg"
)

type hit struct {
	r       *entityRec
	rank    kg.SearchRank
	matched string
}

func (h hit) key() kg.SearchKey {
	return kg.SearchKey{Rank: h.rank, Mentions: h.r.e.MentionCount, Name: h.r.foldName, ID: h.r.id}
}

// Search finds entities by name, aliases and acronym (see kg.Store).
func (s *Store) Search(ctx context.Context, q kg.SearchQuery, page kg.PageRequest) (kg.Page[kg.SearchHit], error) {
	var none kg.Page[kg.SearchHit]
	ft, err := q.Validate()
	if err != nil {
		return none, err
	}
	if err := kg.CheckPage(page); err != nil {
		return none, err
	}
	var after *kg.SearchKey
	if page.After != "" {
		k, err := kg.DecodeSearchCursor(page.After)
		if err != nil {
			return none, err
		}
		after = &k
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
	slices.SortFunc(hits, func(a, b hit) int { return a.key().Compare(b.key()) })
	start := 0
	if after != nil {
		start = sort.Search(len(hits), func(i int) bool { return hits[i].key().Compare(*after) > 0 })
	}
	end := min(start+page.First, len(hits))
	out := kg.Page[kg.SearchHit]{TotalCount: len(hits), HasNextPage: end < len(hits)}
	for _, h := range hits[start:end] {
		out.Items = append(out.Items, kg.SearchHit{Entity: h.r.view(), Rank: h.rank, MatchedName: h.matched})
		out.Cursors = append(out.Cursors, h.key().Cursor())
	}
	return out, nil
}

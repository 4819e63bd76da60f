package memstore

import (
	"cmp"
	"context"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/maillage/maillage/internal/kg"
)

// Entities returns the entities with the given ids (see kg.Store).
func (s *Store) Entities(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Entity, error) {
	return eachEntity(ctx, s, ids, func(r *entityRec) kg.Entity { return r.view() })
}

// eachEntity maps each distinct id of ids naming an entity to read(its
// record), under the read lock: the shape of the batched reads.
func eachEntity[V any](ctx context.Context, s *Store, ids []kg.ID, read func(*entityRec) V) (map[kg.ID]V, error) {
	out := make(map[kg.ID]V, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		if r := s.g.entities[id]; r != nil {
			out[id] = read(r)
		}
	}
	return out, nil
}

// Articles returns the articles with the given ids, text included (see
// kg.Store). The text is read from disk.
func (s *Store) Articles(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Article, error) {
	out := make(map[kg.ID]kg.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	var found []kg.Article
	for _, id := range ids {
		if a := s.g.articles[id]; a != nil {
			if _, dup := out[id]; !dup {
				out[id] = kg.Article{}
				found = append(found, a.view())
			}
		}
	}
	if err := s.fillTexts(found); err != nil {
		return nil, err
	}
	for _, a := range found {
		out[a.ID] = a
	}
	return out, nil
}

// fillTexts reads the texts of articles from disk. The caller holds the read
// lock, so the texts match the in-memory articles.
func (s *Store) fillTexts(arts []kg.Article) error {
	if len(arts) == 0 {
		return nil
	}
	return s.db.View(func(tx *bolt.Tx) error {
		for i := range arts {
			text, err := readText(tx, s.file, arts[i].ID)
			if err != nil {
				return err
			}
			arts[i].Text = text
		}
		return nil
	})
}

// ArticleHashes returns the stored content hashes (see kg.Store).
func (s *Store) ArticleHashes(ctx context.Context, ids []kg.ID) (map[kg.ID]string, error) {
	out := make(map[kg.ID]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	for _, id := range ids {
		if a := s.g.articles[id]; a != nil {
			out[id] = a.g.Article.ContentHash
		}
	}
	return out, nil
}

// relationFilter is a checked kg.RelationQuery.
type relationFilter struct {
	q   kg.RelationQuery
	dir kg.Direction
}

// checkRelationQuery validates the filters of q (and its Limit when paged
// is set).
func checkRelationQuery(q kg.RelationQuery, paged bool) (relationFilter, error) {
	if !paged {
		q.After, q.Limit = "", 0 // a count ignores the page
	}
	q, err := q.Normalize()
	return relationFilter{q: q, dir: q.Direction}, err
}

func (f relationFilter) keep(rr *relRec, other kg.ID) bool {
	return (len(f.q.Types) == 0 || slices.Contains(f.q.Types, rr.typ)) &&
		(len(f.q.OtherTypes) == 0 || slices.Contains(f.q.OtherTypes, other.EntityType()))
}

// walk calls yield with the relations of r passing f, in key order, from
// the first whose key is greater than after, until yield returns false.
// It merges the two sorted adjacency lists; a self-loop, in both, is taken
// once (from out).
func (f relationFilter) walk(r *entityRec, after string, yield func(*relRec) bool) {
	var out, in []*relRec
	if f.dir != kg.In {
		out = r.out
	}
	if f.dir != kg.Out {
		in = r.in
	}
	if after != "" {
		above := func(list []*relRec) []*relRec {
			i, found := slices.BinarySearchFunc(list, after, compareRelKey)
			if found {
				i++
			}
			return list[i:]
		}
		out, in = above(out), above(in)
	}
	for len(out) > 0 || len(in) > 0 {
		var rr *relRec
		var other kg.ID
		if len(in) == 0 || (len(out) > 0 && out[0].key < in[0].key) {
			rr, other, out = out[0], out[0].to, out[1:]
		} else {
			rr, other, in = in[0], in[0].from, in[1:]
			if f.dir == kg.Both && rr.from == rr.to {
				continue // met in out
			}
		}
		if f.keep(rr, other) && !yield(rr) {
			return
		}
	}
}

// RelationsOf returns the relations of each entity, one page of them with
// q.After and q.Limit (see kg.Store). Only the page is copied; with q.Bare,
// only its sources.
func (s *Store) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	f, err := checkRelationQuery(q, true)
	if err != nil {
		return nil, err
	}
	return eachEntity(ctx, s, ids, func(r *entityRec) []kg.Relation {
		rels := []kg.Relation{}
		f.walk(r, q.After, func(rr *relRec) bool {
			if q.Bare {
				rels = append(rels, bareRelation(rr.rel))
			} else {
				rels = append(rels, cloneRelation(rr.rel))
			}
			return q.Limit == 0 || len(rels) < q.Limit
		})
		return rels
	})
}

// CountRelations counts the relations of each entity passing q's filters
// (see kg.Store).
func (s *Store) CountRelations(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID]int, error) {
	f, err := checkRelationQuery(q, false)
	if err != nil {
		return nil, err
	}
	return eachEntity(ctx, s, ids, func(r *entityRec) int {
		n := 0
		f.walk(r, "", func(*relRec) bool { n++; return true })
		return n
	})
}

// MentionsOf returns the mentions of each entity, newest first (see kg.Store).
func (s *Store) MentionsOf(ctx context.Context, entityIDs []kg.ID) (map[kg.ID][]kg.Mention, error) {
	return eachEntity(ctx, s, entityIDs, func(r *entityRec) []kg.Mention {
		ms := make([]kg.Mention, 0, len(r.mentions))
		for _, m := range r.mentions {
			ms = append(ms, cloneMention(*m))
		}
		slices.SortFunc(ms, kg.CompareMentionsByDate)
		return ms
	})
}

// MentionsIn returns the mentions of each article in text order (see kg.Store).
func (s *Store) MentionsIn(ctx context.Context, articleIDs []kg.ID) (map[kg.ID][]kg.Mention, error) {
	out := make(map[kg.ID][]kg.Mention, len(articleIDs))
	if len(articleIDs) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	for _, id := range articleIDs {
		a := s.g.articles[id]
		if a == nil {
			continue
		}
		ms := make([]kg.Mention, len(a.g.Mentions))
		for i, m := range a.g.Mentions {
			ms[i] = cloneMention(m)
		}
		slices.SortFunc(ms, kg.CompareMentionsInText)
		out[id] = ms
	}
	return out, nil
}

// CoMentioned returns the entities named in the same articles as each
// entity, by number of shared articles (see kg.Store).
func (s *Store) CoMentioned(ctx context.Context, ids []kg.ID, q kg.CoMentionQuery) (map[kg.ID][]kg.CoMention, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return eachEntity(ctx, s, ids, func(r *entityRec) []kg.CoMention {
		counts := map[kg.ID]int{}
		for _, mine := range r.mentions {
			for _, m := range s.g.articles[mine.ArticleID].g.Mentions {
				if m.EntityID != r.id && (len(q.Types) == 0 || slices.Contains(q.Types, m.EntityID.EntityType())) {
					counts[m.EntityID]++
				}
			}
		}
		list := make([]kg.CoMention, 0, len(counts))
		for other, n := range counts {
			list = append(list, kg.CoMention{EntityID: other, Articles: n})
		}
		slices.SortFunc(list, func(a, b kg.CoMention) int {
			return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.EntityID, b.EntityID))
		})
		if q.Limit > 0 && len(list) > q.Limit {
			list = list[:q.Limit]
		}
		return list
	})
}

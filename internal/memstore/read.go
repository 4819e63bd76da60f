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
	out := make(map[kg.ID]kg.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	for _, id := range ids {
		if r := s.g.entities[id]; r != nil {
			out[id] = r.view()
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

// RelationsOf returns the relations of each entity (see kg.Store).
func (s *Store) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	dir := cmp.Or(q.Direction, kg.Both)
	if dir != kg.Out && dir != kg.In && dir != kg.Both {
		return nil, kg.Errorf(kg.Invalid, "direction: unknown value %q", q.Direction)
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return nil, kg.Errorf(kg.Invalid, "types: unknown relation type %q", t)
		}
	}
	for _, t := range q.OtherTypes {
		if !t.Valid() {
			return nil, kg.Errorf(kg.Invalid, "otherTypes: unknown entity type %q", t)
		}
	}
	out := make(map[kg.ID][]kg.Relation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	keep := func(rr *relRec, other kg.ID) bool {
		return (len(q.Types) == 0 || slices.Contains(q.Types, rr.typ)) &&
			(len(q.OtherTypes) == 0 || slices.Contains(q.OtherTypes, other.EntityType()))
	}
	for _, id := range ids {
		r := s.g.entities[id]
		if r == nil {
			continue
		}
		if _, done := out[id]; done {
			continue
		}
		var found []*relRec
		if dir != kg.In {
			for _, rr := range r.out {
				if keep(rr, rr.to) {
					found = append(found, rr)
				}
			}
		}
		if dir != kg.Out {
			for _, rr := range r.in {
				if (dir == kg.In || rr.from != rr.to) && keep(rr, rr.from) {
					found = append(found, rr)
				}
			}
		}
		slices.SortFunc(found, func(a, b *relRec) int { return cmp.Compare(a.key, b.key) })
		rels := make([]kg.Relation, len(found))
		for i, rr := range found {
			rels[i] = cloneRelation(rr.rel)
		}
		out[id] = rels
	}
	return out, nil
}

// MentionsOf returns the mentions of each entity, newest first (see kg.Store).
func (s *Store) MentionsOf(ctx context.Context, entityIDs []kg.ID) (map[kg.ID][]kg.Mention, error) {
	out := make(map[kg.ID][]kg.Mention, len(entityIDs))
	if len(entityIDs) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	for _, id := range entityIDs {
		r := s.g.entities[id]
		if r == nil {
			continue
		}
		if _, done := out[id]; done {
			continue
		}
		ms := make([]kg.Mention, 0, len(r.mentions))
		for _, m := range r.mentions {
			ms = append(ms, cloneMention(*m))
		}
		slices.SortFunc(ms, func(a, b kg.Mention) int {
			return cmp.Or(compareDateDescUndatedLast(a.PublishedAt, b.PublishedAt), cmp.Compare(a.ArticleID, b.ArticleID))
		})
		out[id] = ms
	}
	return out, nil
}

func compareDateDescUndatedLast(a, b kg.Date) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return cmp.Compare(b, a)
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
		slices.SortFunc(ms, func(a, b kg.Mention) int {
			return cmp.Or(cmp.Compare(firstStart(a), firstStart(b)), cmp.Compare(a.EntityID, b.EntityID))
		})
		out[id] = ms
	}
	return out, nil
}

// CoMentioned returns the entities named in the same articles as each
// entity, by number of shared articles (see kg.Store).
func (s *Store) CoMentioned(ctx context.Context, ids []kg.ID, q kg.CoMentionQuery) (map[kg.ID][]kg.CoMention, error) {
	for _, t := range q.Types {
		if !t.Valid() {
			return nil, kg.Errorf(kg.Invalid, "types: unknown entity type %q", t)
		}
	}
	if q.Limit < 0 {
		return nil, kg.Errorf(kg.Invalid, "limit: must be 0 or more, got %d", q.Limit)
	}
	out := make(map[kg.ID][]kg.CoMention, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.rlock(ctx); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	for _, id := range ids {
		r := s.g.entities[id]
		if r == nil {
			continue
		}
		if _, done := out[id]; done {
			continue
		}
		counts := map[kg.ID]int{}
		for _, mine := range r.mentions {
			for _, m := range s.g.articles[mine.ArticleID].g.Mentions {
				if m.EntityID != id && (len(q.Types) == 0 || slices.Contains(q.Types, m.EntityID.EntityType())) {
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
		out[id] = list
	}
	return out, nil
}

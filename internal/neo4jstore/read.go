package neo4jstore

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/maillage/maillage/internal/kg"
)

// uniqueIDs returns the distinct ids, sorted.
func uniqueIDs(ids []kg.ID) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, string(id))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Entities returns the entities with the given ids (see kg.Store).
func (s *Store) Entities(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Entity, error) {
	out := make(map[kg.ID]kg.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	recs, err := readAll(ctx, s, cypherEntities, map[string]any{"ids": uniqueIDs(ids)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		e := entityFromMap(asMap(r["entity"]))
		out[e.ID] = e
	}
	return out, nil
}

// Articles returns the articles with the given ids, text included (see
// kg.Store).
func (s *Store) Articles(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Article, error) {
	out := make(map[kg.ID]kg.Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	recs, err := readAll(ctx, s, cypherArticles, map[string]any{"ids": uniqueIDs(ids)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		a := articleFromMap(asMap(r["article"]))
		out[a.ID] = a
	}
	return out, nil
}

// ArticleHashes returns the stored content hashes (see kg.Store).
func (s *Store) ArticleHashes(ctx context.Context, ids []kg.ID) (map[kg.ID]string, error) {
	out := make(map[kg.ID]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	recs, err := readAll(ctx, s, cypherArticleHashes, map[string]any{"ids": uniqueIDs(ids)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		out[kg.ID(asString(r["id"]))] = asString(r["hash"])
	}
	return out, nil
}

// RelationsOf returns the relations of each entity (see kg.Store).
func (s *Store) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	dir := cmp.Or(q.Direction, kg.Both)
	if dir != kg.Out && dir != kg.In && dir != kg.Both {
		return nil, kg.Errorf(kg.Invalid, "direction: unknown value %q", q.Direction)
	}
	types := []string{}
	for _, t := range q.Types {
		if !t.Valid() {
			return nil, kg.Errorf(kg.Invalid, "types: unknown relation type %q", t)
		}
		types = append(types, string(t))
	}
	others := []string{}
	for _, t := range q.OtherTypes {
		if !t.Valid() {
			return nil, kg.Errorf(kg.Invalid, "otherTypes: unknown entity type %q", t)
		}
		others = append(others, string(t))
	}
	out := make(map[kg.ID][]kg.Relation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	stmt := cypherRelationsOf[dir]
	recs, err := readAll(ctx, s, stmt, map[string]any{"ids": uniqueIDs(ids), "types": types, "otherTypes": others})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id := kg.ID(asString(r["id"]))
		rels := []kg.Relation{}
		seen := map[string]bool{}
		for _, x := range asList(r["relations"]) {
			rel, err := relationFromMap(asMap(x))
			if err != nil {
				return nil, err
			}
			// An undirected pattern can meet a self-loop twice.
			if k := rel.Key(); !seen[k] {
				seen[k] = true
				rels = append(rels, rel)
			}
		}
		slices.SortFunc(rels, func(a, b kg.Relation) int { return cmp.Compare(a.Key(), b.Key()) })
		out[id] = rels
	}
	return out, nil
}

// MentionsOf returns the mentions of each entity, newest first (see
// kg.Store).
func (s *Store) MentionsOf(ctx context.Context, entityIDs []kg.ID) (map[kg.ID][]kg.Mention, error) {
	out := make(map[kg.ID][]kg.Mention, len(entityIDs))
	if len(entityIDs) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	recs, err := readAll(ctx, s, cypherMentionsOf, map[string]any{"ids": uniqueIDs(entityIDs)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		ms := []kg.Mention{}
		for _, x := range asList(r["mentions"]) {
			ms = append(ms, mentionFromMap(asMap(x)))
		}
		slices.SortFunc(ms, func(a, b kg.Mention) int {
			return cmp.Or(compareDateDescUndatedLast(a.PublishedAt, b.PublishedAt), cmp.Compare(a.ArticleID, b.ArticleID))
		})
		out[kg.ID(asString(r["id"]))] = ms
	}
	return out, nil
}

// MentionsIn returns the mentions of each article in text order (see
// kg.Store).
func (s *Store) MentionsIn(ctx context.Context, articleIDs []kg.ID) (map[kg.ID][]kg.Mention, error) {
	out := make(map[kg.ID][]kg.Mention, len(articleIDs))
	if len(articleIDs) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	recs, err := readAll(ctx, s, cypherMentionsIn, map[string]any{"ids": uniqueIDs(articleIDs)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		ms := []kg.Mention{}
		for _, x := range asList(r["mentions"]) {
			ms = append(ms, mentionFromMap(asMap(x)))
		}
		slices.SortFunc(ms, func(a, b kg.Mention) int {
			return cmp.Or(cmp.Compare(firstStart(a), firstStart(b)), cmp.Compare(a.EntityID, b.EntityID))
		})
		out[kg.ID(asString(r["id"]))] = ms
	}
	return out, nil
}

// CoMentioned returns the entities named in the same articles as each
// entity, by number of shared articles (see kg.Store).
func (s *Store) CoMentioned(ctx context.Context, ids []kg.ID, q kg.CoMentionQuery) (map[kg.ID][]kg.CoMention, error) {
	types := []string{}
	for _, t := range q.Types {
		if !t.Valid() {
			return nil, kg.Errorf(kg.Invalid, "types: unknown entity type %q", t)
		}
		types = append(types, string(t))
	}
	if q.Limit < 0 {
		return nil, kg.Errorf(kg.Invalid, "limit: must be 0 or more, got %d", q.Limit)
	}
	out := make(map[kg.ID][]kg.CoMention, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit == 0 {
		limit = math.MaxInt32
	}
	recs, err := readAll(ctx, s, cypherCoMentioned, map[string]any{"ids": uniqueIDs(ids), "types": types, "limit": limit})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		list := []kg.CoMention{}
		for _, x := range asList(r["co"]) {
			m := asMap(x)
			list = append(list, kg.CoMention{EntityID: kg.ID(asString(m["id"])), Articles: asInt(m["n"])})
		}
		slices.SortStableFunc(list, func(a, b kg.CoMention) int {
			return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.EntityID, b.EntityID))
		})
		out[kg.ID(asString(r["id"]))] = list
	}
	return out, nil
}

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

// relationParams checks a relation query and returns its direction and
// the parameters of its filters (and of its page when paged is set).
func relationParams(q kg.RelationQuery, paged bool) (kg.Direction, map[string]any, error) {
	if !paged {
		q.After, q.Limit = "", 0 // a count ignores the page
	}
	q, err := q.Normalize()
	if err != nil {
		return "", nil, err
	}
	types := make([]string, len(q.Types))
	for i, t := range q.Types {
		types[i] = string(t)
	}
	others := make([]string, len(q.OtherTypes))
	for i, t := range q.OtherTypes {
		others[i] = string(t)
	}
	params := map[string]any{"types": types, "otherTypes": others}
	if paged {
		limit := q.Limit
		if limit == 0 {
			limit = math.MaxInt32
		}
		params["after"], params["limit"] = q.After, limit
	}
	return q.Direction, params, nil
}

// RelationsOf returns the relations of each entity, one page of them with
// q.After and q.Limit (see kg.Store). One query: each entity's page is cut
// in the database, so only the page crosses the wire.
func (s *Store) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	dir, params, err := relationParams(q, true)
	if err != nil {
		return nil, err
	}
	out := make(map[kg.ID][]kg.Relation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	params["ids"] = uniqueIDs(ids)
	recs, err := readAll(ctx, s, cypherRelationsOf[dir], params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id := kg.ID(asString(r["id"]))
		list := asList(r["relations"])
		rels := make([]kg.Relation, 0, len(list))
		for _, x := range list {
			rel, err := relationFromMap(asMap(x))
			if err != nil {
				return nil, err
			}
			rels = append(rels, rel)
		}
		// Already in key order but for the rare keys where Neo4j's
		// ORDER BY differs from Go's (see relationKey).
		slices.SortFunc(rels, func(a, b kg.Relation) int { return cmp.Compare(a.Key(), b.Key()) })
		out[id] = rels
	}
	return out, nil
}

// CountRelations counts the relations of each entity passing q's filters
// (see kg.Store), in one query that reads no provenance.
func (s *Store) CountRelations(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID]int, error) {
	dir, params, err := relationParams(q, false)
	if err != nil {
		return nil, err
	}
	out := make(map[kg.ID]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	params["ids"] = uniqueIDs(ids)
	recs, err := readAll(ctx, s, cypherCountRelations[dir], params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		out[kg.ID(asString(r["id"]))] = asInt(r["n"])
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
			return cmp.Or(kg.CompareNewestFirst(a.PublishedAt, b.PublishedAt), cmp.Compare(a.ArticleID, b.ArticleID))
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
	if err := q.Validate(); err != nil {
		return nil, err
	}
	types := make([]string, len(q.Types))
	for i, t := range q.Types {
		types[i] = string(t)
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

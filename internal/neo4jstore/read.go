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

// readEach runs a batched read: stmt with params and the distinct ids as
// $ids, in one round trip, keyed by what key returns for each record (the
// ids that match nothing are absent). An empty ids asks nothing.
func readEach[V any](ctx context.Context, s *Store, ids []kg.ID, stmt string, params map[string]any, read func(rec map[string]any) (kg.ID, V, error)) (map[kg.ID]V, error) {
	out := make(map[kg.ID]V, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	if err := s.begin(ctx); err != nil {
		return nil, err
	}
	if params == nil {
		params = map[string]any{}
	}
	params["ids"] = uniqueIDs(ids)
	recs, err := readAll(ctx, s, stmt, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		id, v, err := read(r)
		if err != nil {
			return nil, err
		}
		out[id] = v
	}
	return out, nil
}

// Entities returns the entities with the given ids (see kg.Store).
func (s *Store) Entities(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Entity, error) {
	return readEach(ctx, s, ids, cypherEntities, nil, func(r map[string]any) (kg.ID, kg.Entity, error) {
		e := entityFromMap(asMap(r["entity"]))
		return e.ID, e, nil
	})
}

// Articles returns the articles with the given ids, text included (see
// kg.Store).
func (s *Store) Articles(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Article, error) {
	return readEach(ctx, s, ids, cypherArticles, nil, func(r map[string]any) (kg.ID, kg.Article, error) {
		a := articleFromMap(asMap(r["article"]))
		return a.ID, a, nil
	})
}

// ArticleHashes returns the stored content hashes (see kg.Store).
func (s *Store) ArticleHashes(ctx context.Context, ids []kg.ID) (map[kg.ID]string, error) {
	return readEach(ctx, s, ids, cypherArticleHashes, nil, func(r map[string]any) (kg.ID, string, error) {
		return kg.ID(asString(r["id"])), asString(r["hash"]), nil
	})
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
// in the database, so only the page crosses the wire; with q.Bare, without
// the evidence sentences.
func (s *Store) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	dir, params, err := relationParams(q, true)
	if err != nil {
		return nil, err
	}
	return readEach(ctx, s, ids, cypherRelationsOf[relationsOfKey{dir, q.Bare}], params, func(r map[string]any) (kg.ID, []kg.Relation, error) {
		list := asList(r["relations"])
		rels := make([]kg.Relation, 0, len(list))
		for _, x := range list {
			rel, err := relationFromMap(asMap(x))
			if err != nil {
				return "", nil, err
			}
			rels = append(rels, rel)
		}
		// Already in key order but for the rare keys where Neo4j's
		// ORDER BY differs from Go's (see relationKey).
		slices.SortFunc(rels, func(a, b kg.Relation) int { return cmp.Compare(a.Key(), b.Key()) })
		return kg.ID(asString(r["id"])), rels, nil
	})
}

// CountRelations counts the relations of each entity passing q's filters
// (see kg.Store), in one query that reads no provenance.
func (s *Store) CountRelations(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID]int, error) {
	dir, params, err := relationParams(q, false)
	if err != nil {
		return nil, err
	}
	return readEach(ctx, s, ids, cypherCountRelations[dir], params, func(r map[string]any) (kg.ID, int, error) {
		return kg.ID(asString(r["id"])), asInt(r["n"]), nil
	})
}

// MentionsOf returns the mentions of each entity, newest first (see
// kg.Store).
func (s *Store) MentionsOf(ctx context.Context, entityIDs []kg.ID) (map[kg.ID][]kg.Mention, error) {
	return readEach(ctx, s, entityIDs, cypherMentionsOf, nil, func(r map[string]any) (kg.ID, []kg.Mention, error) {
		ms := mentionsFromList(asList(r["mentions"]))
		slices.SortFunc(ms, kg.CompareMentionsByDate)
		return kg.ID(asString(r["id"])), ms, nil
	})
}

// MentionsIn returns the mentions of each article in text order (see
// kg.Store).
func (s *Store) MentionsIn(ctx context.Context, articleIDs []kg.ID) (map[kg.ID][]kg.Mention, error) {
	return readEach(ctx, s, articleIDs, cypherMentionsIn, nil, func(r map[string]any) (kg.ID, []kg.Mention, error) {
		ms := mentionsFromList(asList(r["mentions"]))
		slices.SortFunc(ms, kg.CompareMentionsInText)
		return kg.ID(asString(r["id"])), ms, nil
	})
}

func mentionsFromList(list []any) []kg.Mention {
	ms := make([]kg.Mention, 0, len(list))
	for _, x := range list {
		ms = append(ms, mentionFromMap(asMap(x)))
	}
	return ms
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
	limit := q.Limit
	if limit == 0 {
		limit = math.MaxInt32
	}
	return readEach(ctx, s, ids, cypherCoMentioned, map[string]any{"types": types, "limit": limit}, func(r map[string]any) (kg.ID, []kg.CoMention, error) {
		list := []kg.CoMention{}
		for _, x := range asList(r["co"]) {
			m := asMap(x)
			list = append(list, kg.CoMention{EntityID: kg.ID(asString(m["id"])), Articles: asInt(m["n"])})
		}
		slices.SortStableFunc(list, func(a, b kg.CoMention) int {
			return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.EntityID, b.EntityID))
		})
		return kg.ID(asString(r["id"])), list, nil
	})
}

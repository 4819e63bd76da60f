package bench_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/maillage/maillage/internal/kg"
)

// Store methods whose calls are counted.
const (
	mEntities = iota
	mArticles
	mArticleHashes
	mListEntities
	mListArticles
	mSearch
	mRelationsOf
	mCountRelations
	mMentionsOf
	mMentionsIn
	mCoMentioned
	mStats
	mPing
	nMethods
)

var methodNames = [nMethods]string{"Entities", "Articles", "ArticleHashes", "ListEntities", "ListArticles", "Search",
	"RelationsOf", "CountRelations", "MentionsOf", "MentionsIn", "CoMentioned", "Stats", "Ping"}

// countingStore is a kg.Store decorator counting the read calls per method
// (atomically: the API calls the store from several goroutines), and the
// relations RelationsOf hands over. Writes pass through uncounted.
type countingStore struct {
	kg.Store
	calls     [nMethods]atomic.Int64
	relations atomic.Int64 // relations returned by RelationsOf, over all entities
}

func counting(s kg.Store) *countingStore { return &countingStore{Store: s} }

// callCounts is a snapshot of the counts.
type callCounts [nMethods]int64

func (c *countingStore) snapshot() callCounts {
	var out callCounts
	for i := range c.calls {
		out[i] = c.calls[i].Load()
	}
	return out
}

// since returns the calls made after the snapshot before.
func (c callCounts) since(before callCounts) callCounts {
	for i := range c {
		c[i] -= before[i]
	}
	return c
}

func (c callCounts) total() int64 {
	var n int64
	for _, v := range c {
		n += v
	}
	return n
}

// String lists the non-zero counts: "Entities 2, RelationsOf 1".
func (c callCounts) String() string {
	var parts []string
	for i, v := range c {
		if v != 0 {
			parts = append(parts, fmt.Sprintf("%s %d", methodNames[i], v))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func (c *countingStore) Entities(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Entity, error) {
	c.calls[mEntities].Add(1)
	return c.Store.Entities(ctx, ids)
}

func (c *countingStore) Articles(ctx context.Context, ids []kg.ID) (map[kg.ID]kg.Article, error) {
	c.calls[mArticles].Add(1)
	return c.Store.Articles(ctx, ids)
}

func (c *countingStore) ArticleHashes(ctx context.Context, ids []kg.ID) (map[kg.ID]string, error) {
	c.calls[mArticleHashes].Add(1)
	return c.Store.ArticleHashes(ctx, ids)
}

func (c *countingStore) ListEntities(ctx context.Context, f kg.EntityFilter, o kg.EntityOrder, p kg.PageRequest) (kg.Page[kg.Entity], error) {
	c.calls[mListEntities].Add(1)
	return c.Store.ListEntities(ctx, f, o, p)
}

func (c *countingStore) ListArticles(ctx context.Context, f kg.ArticleFilter, o kg.ArticleOrder, p kg.PageRequest) (kg.Page[kg.Article], error) {
	c.calls[mListArticles].Add(1)
	return c.Store.ListArticles(ctx, f, o, p)
}

func (c *countingStore) Search(ctx context.Context, q kg.SearchQuery, p kg.PageRequest) (kg.Page[kg.SearchHit], error) {
	c.calls[mSearch].Add(1)
	return c.Store.Search(ctx, q, p)
}

func (c *countingStore) RelationsOf(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID][]kg.Relation, error) {
	c.calls[mRelationsOf].Add(1)
	m, err := c.Store.RelationsOf(ctx, ids, q)
	n := 0
	for _, rels := range m {
		n += len(rels)
	}
	c.relations.Add(int64(n))
	return m, err
}

func (c *countingStore) CountRelations(ctx context.Context, ids []kg.ID, q kg.RelationQuery) (map[kg.ID]int, error) {
	c.calls[mCountRelations].Add(1)
	return c.Store.CountRelations(ctx, ids, q)
}

func (c *countingStore) MentionsOf(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.Mention, error) {
	c.calls[mMentionsOf].Add(1)
	return c.Store.MentionsOf(ctx, ids)
}

func (c *countingStore) MentionsIn(ctx context.Context, ids []kg.ID) (map[kg.ID][]kg.Mention, error) {
	c.calls[mMentionsIn].Add(1)
	return c.Store.MentionsIn(ctx, ids)
}

func (c *countingStore) CoMentioned(ctx context.Context, ids []kg.ID, q kg.CoMentionQuery) (map[kg.ID][]kg.CoMention, error) {
	c.calls[mCoMentioned].Add(1)
	return c.Store.CoMentioned(ctx, ids, q)
}

func (c *countingStore) Stats(ctx context.Context) (kg.Stats, error) {
	c.calls[mStats].Add(1)
	return c.Store.Stats(ctx)
}

func (c *countingStore) Ping(ctx context.Context) error {
	c.calls[mPing].Add(1)
	return c.Store.Ping(ctx)
}

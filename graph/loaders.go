package graph

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/maillage/maillage/internal/kg"
)

// loaderSet holds one dataloader per batched Store read. A set lives for one
// operation (or one HTTP request with Middleware) and caches what it loaded.
type loaderSet struct {
	entities    *dataloadgen.Loader[kg.ID, kg.Entity]
	articles    *dataloadgen.Loader[kg.ID, kg.Article]
	relations   *dataloadgen.Loader[relKey, []kg.Relation]
	counts      *dataloadgen.Loader[relKey, int] // keys without page (after "", limit 0)
	mentionsOf  *dataloadgen.Loader[kg.ID, []kg.Mention]
	mentionsIn  *dataloadgen.Loader[kg.ID, []kg.Mention]
	coMentioned *dataloadgen.Loader[coKey, []kg.CoMention]

	// themes memoises the whole theme vocabulary, read at most once per
	// operation (to find narrower themes through their Broader lists).
	themes struct {
		once sync.Once
		list []kg.Entity
		err  error
	}
}

// loaders is what the context carries: the current loader set, replaced by
// a fresh one after a mutation so that later reads see the new graph.
type loaders struct {
	store kg.Store
	wait  time.Duration
	set   atomic.Pointer[loaderSet]
}

type loadersKey struct{}

// WithLoaders returns ctx carrying fresh dataloaders over store. Resolvers
// find them there; NewExecutableSchema installs them by itself for each
// operation when the context has none, so calling this (or Middleware) is
// only needed to share one cache across several operations of a request.
func WithLoaders(ctx context.Context, store kg.Store) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(store, DefaultLoaderWait))
}

// Middleware installs fresh dataloaders over store in every request's
// context (see WithLoaders).
func Middleware(store kg.Store) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			next.ServeHTTP(w, req.WithContext(WithLoaders(req.Context(), store)))
		})
	}
}

func loadersFrom(ctx context.Context) *loaders {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	return l
}

func newLoaders(store kg.Store, wait time.Duration) *loaders {
	l := &loaders{store: store, wait: wait}
	l.reset()
	return l
}

// reset replaces the loader set, dropping every cached value.
func (l *loaders) reset() {
	s, opt := l.store, dataloadgen.WithWait(l.wait)
	l.set.Store(&loaderSet{
		entities: dataloadgen.NewMappedLoader(s.Entities, opt),
		articles: dataloadgen.NewMappedLoader(s.Articles, opt),
		relations: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []relKey) (map[relKey][]kg.Relation, error) {
			return fetchRelations(ctx, s, keys)
		}, opt),
		counts: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []relKey) (map[relKey]int, error) {
			return fetchCounts(ctx, s, keys)
		}, opt),
		mentionsOf: dataloadgen.NewMappedLoader(allKeys(s.MentionsOf), opt),
		mentionsIn: dataloadgen.NewMappedLoader(allKeys(s.MentionsIn), opt),
		coMentioned: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []coKey) (map[coKey][]kg.CoMention, error) {
			return fetchCoMentioned(ctx, s, keys)
		}, opt),
	})
}

// get returns the loader set of ctx. Without one (a resolver called outside
// NewExecutableSchema) it is an Internal error.
func (r *Resolver) loaders(ctx context.Context) (*loaderSet, error) {
	l := loadersFrom(ctx)
	if l == nil {
		return nil, kg.Errorf(kg.Internal, "graph: no dataloaders in the context (use NewExecutableSchema, Middleware or WithLoaders)")
	}
	return l.set.Load(), nil
}

// resetLoaders drops the cached reads of the request after a mutation.
func resetLoaders(ctx context.Context) {
	if l := loadersFrom(ctx); l != nil {
		l.reset()
	}
}

// allKeys wraps a batched list read so that every asked key has an entry
// (an id without items gets an empty list, not "not found").
func allKeys[V any](read func(context.Context, []kg.ID) (map[kg.ID][]V, error)) func(context.Context, []kg.ID) (map[kg.ID][]V, error) {
	return func(ctx context.Context, ids []kg.ID) (map[kg.ID][]V, error) {
		m, err := read(ctx, ids)
		if err != nil {
			return nil, err
		}
		if m == nil {
			m = make(map[kg.ID][]V, len(ids))
		}
		for _, id := range ids {
			if _, ok := m[id]; !ok {
				m[id] = nil
			}
		}
		return m, nil
	}
}

// relKey keys the relations and counts loaders: an entity and a relation
// query (page included), the query's lists packed as bit sets so that the
// key is comparable and keys with the same query share one store call.
type relKey struct {
	id     kg.ID
	types  uint32 // bit i: kg.RelationTypes[i]; 0: all
	dir    kg.Direction
	others uint32 // bit i: kg.EntityTypes[i]; 0: any
	after  string // kg.RelationQuery.After
	limit  int    // kg.RelationQuery.Limit
	bare   bool   // kg.RelationQuery.Bare
}

func newRelKey(id kg.ID, q kg.RelationQuery) relKey {
	k := relKey{id: id, dir: q.Direction, after: q.After, limit: q.Limit, bare: q.Bare}
	if k.dir == "" {
		k.dir = kg.Both
	}
	for _, t := range q.Types {
		if i := slices.Index(kg.RelationTypes, t); i >= 0 {
			k.types |= 1 << i
		}
	}
	k.others = entityTypeBits(q.OtherTypes)
	return k
}

// unpaged is the key of the same query without its page (nor bareness):
// the key of its count.
func (k relKey) unpaged() relKey {
	k.after, k.limit, k.bare = "", 0, false
	return k
}

func (k relKey) query() kg.RelationQuery {
	q := kg.RelationQuery{Direction: k.dir, After: k.after, Limit: k.limit, Bare: k.bare}
	for i, t := range kg.RelationTypes {
		if k.types&(1<<i) != 0 {
			q.Types = append(q.Types, t)
		}
	}
	q.OtherTypes = entityTypesOf(k.others)
	return q
}

func entityTypeBits(ts []kg.EntityType) uint32 {
	var b uint32
	for _, t := range ts {
		if i := slices.Index(kg.EntityTypes, t); i >= 0 {
			b |= 1 << i
		}
	}
	return b
}

func entityTypesOf(b uint32) []kg.EntityType {
	var out []kg.EntityType
	for i, t := range kg.EntityTypes {
		if b&(1<<i) != 0 {
			out = append(out, t)
		}
	}
	return out
}

// fetchRelations runs one RelationsOf call per distinct query among keys.
func fetchRelations(ctx context.Context, s kg.Store, keys []relKey) (map[relKey][]kg.Relation, error) {
	type group struct {
		q   kg.RelationQuery
		ids []kg.ID
	}
	var groups []*group
	byQuery := map[relKey]*group{}
	for _, k := range keys {
		qk := k
		qk.id = ""
		g := byQuery[qk]
		if g == nil {
			g = &group{q: k.query()}
			byQuery[qk] = g
			groups = append(groups, g)
		}
		g.ids = append(g.ids, k.id)
	}
	out := make(map[relKey][]kg.Relation, len(keys))
	var errs []error
	for _, g := range groups {
		m, err := s.RelationsOf(ctx, g.ids, g.q)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, id := range g.ids {
			out[newRelKey(id, g.q)] = m[id]
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// fetchCounts runs one CountRelations call per distinct query among keys;
// an entity that does not exist counts 0.
func fetchCounts(ctx context.Context, s kg.Store, keys []relKey) (map[relKey]int, error) {
	var queries []relKey
	ids := map[relKey][]kg.ID{}
	for _, k := range keys {
		qk := k
		qk.id = ""
		if _, ok := ids[qk]; !ok {
			queries = append(queries, qk)
		}
		ids[qk] = append(ids[qk], k.id)
	}
	out := make(map[relKey]int, len(keys))
	for _, qk := range queries {
		m, err := s.CountRelations(ctx, ids[qk], qk.query())
		if err != nil {
			return nil, err
		}
		for _, id := range ids[qk] {
			k := qk
			k.id = id
			out[k] = m[id]
		}
	}
	return out, nil
}

// coKey keys the co-mention loader.
type coKey struct {
	id    kg.ID
	types uint32
	limit int
}

func fetchCoMentioned(ctx context.Context, s kg.Store, keys []coKey) (map[coKey][]kg.CoMention, error) {
	type group struct {
		key coKey // the query part of the keys: id left empty
		ids []kg.ID
	}
	var groups []*group
	byQuery := map[coKey]*group{}
	for _, k := range keys {
		qk := coKey{types: k.types, limit: k.limit}
		g := byQuery[qk]
		if g == nil {
			g = &group{key: qk}
			byQuery[qk] = g
			groups = append(groups, g)
		}
		g.ids = append(g.ids, k.id)
	}
	out := make(map[coKey][]kg.CoMention, len(keys))
	for _, g := range groups {
		q := kg.CoMentionQuery{Types: entityTypesOf(g.key.types), Limit: g.key.limit}
		m, err := s.CoMentioned(ctx, g.ids, q)
		if err != nil {
			return nil, err
		}
		for _, id := range g.ids {
			k := g.key
			k.id = id
			out[k] = m[id]
		}
	}
	return out, nil
}

// entity loads one entity; ok is false when it does not exist.
func (r *Resolver) entity(ctx context.Context, id kg.ID) (e kg.Entity, ok bool, err error) {
	if !id.Valid() || id.EntityType() == "" {
		return kg.Entity{}, false, nil
	}
	l, err := r.loaders(ctx)
	if err != nil {
		return kg.Entity{}, false, err
	}
	e, err = l.entities.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) || (err == nil && e.ID == "") {
		return kg.Entity{}, false, nil // the prefetcher primes the zero Entity for missing ids
	}
	return e, err == nil, err
}

// entitiesOf loads entities, keeping the order of ids and skipping those
// that do not exist.
func (r *Resolver) entitiesOf(ctx context.Context, ids []kg.ID) ([]kg.Entity, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	thunks := make([]func() (kg.Entity, error), 0, len(ids))
	for _, id := range ids {
		if id.Valid() && id.EntityType() != "" {
			thunks = append(thunks, l.entities.LoadThunk(ctx, id))
		}
	}
	out := make([]kg.Entity, 0, len(thunks))
	for _, th := range thunks {
		e, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) || (err == nil && e.ID == "") {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// rootEntity loads the entity a root field asks for by id. Nothing can
// join the batch of a lone root lookup, so it calls the store at once
// rather than through the loader's batching window, and primes the loader
// with the answer (the zero Entity when it does not exist, as the
// prefetcher does).
func (r *Resolver) rootEntity(ctx context.Context, id kg.ID) (e kg.Entity, ok bool, err error) {
	if !id.Valid() || id.EntityType() == "" {
		return kg.Entity{}, false, nil
	}
	l, err := r.loaders(ctx)
	if err != nil {
		return kg.Entity{}, false, err
	}
	m, err := r.store.Entities(ctx, []kg.ID{id})
	if err != nil {
		return kg.Entity{}, false, err
	}
	e, ok = m[id]
	l.entities.Prime(id, e)
	return e, ok, nil
}

// rootArticle is rootEntity for articles.
func (r *Resolver) rootArticle(ctx context.Context, id kg.ID) (a kg.Article, ok bool, err error) {
	if !id.Valid() || !id.IsArticle() {
		return kg.Article{}, false, nil
	}
	l, err := r.loaders(ctx)
	if err != nil {
		return kg.Article{}, false, err
	}
	m, err := r.store.Articles(ctx, []kg.ID{id})
	if err != nil {
		return kg.Article{}, false, err
	}
	a, ok = m[id]
	l.articles.Prime(id, a)
	return a, ok, nil
}

// article loads one article; ok is false when it does not exist.
func (r *Resolver) article(ctx context.Context, id kg.ID) (a kg.Article, ok bool, err error) {
	if !id.Valid() || !id.IsArticle() {
		return kg.Article{}, false, nil
	}
	l, err := r.loaders(ctx)
	if err != nil {
		return kg.Article{}, false, err
	}
	a, err = l.articles.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) || (err == nil && a.ID == "") {
		return kg.Article{}, false, nil
	}
	return a, err == nil, err
}

// articlesOf loads articles, keeping the order of ids and skipping those
// that do not exist.
func (r *Resolver) articlesOf(ctx context.Context, ids []kg.ID) ([]*kg.Article, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	thunks := make([]func() (kg.Article, error), 0, len(ids))
	for _, id := range ids {
		if id.Valid() && id.IsArticle() {
			thunks = append(thunks, l.articles.LoadThunk(ctx, id))
		}
	}
	out := make([]*kg.Article, 0, len(thunks))
	for _, th := range thunks {
		a, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) || (err == nil && a.ID == "") {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, &a)
	}
	return out, nil
}

// relationsOf loads the relations of one entity passing q.
func (r *Resolver) relationsOf(ctx context.Context, id kg.ID, q kg.RelationQuery) ([]kg.Relation, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	rels, err := l.relations.Load(ctx, newRelKey(id, q))
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return rels, err
}

// relationsThunk starts loading the relations of one entity passing q
// (one page of them when q has a Limit).
func (r *Resolver) relationsThunk(ctx context.Context, id kg.ID, q kg.RelationQuery) (func() ([]kg.Relation, error), error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	th := l.relations.LoadThunk(ctx, newRelKey(id, q))
	return func() ([]kg.Relation, error) {
		rels, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			return nil, nil
		}
		return rels, err
	}, nil
}

// countThunk starts counting the relations of one entity passing q (its
// page ignored).
func (r *Resolver) countThunk(ctx context.Context, id kg.ID, q kg.RelationQuery) (func() (int, error), error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	th := l.counts.LoadThunk(ctx, newRelKey(id, q).unpaged())
	return func() (int, error) {
		n, err := th()
		if errors.Is(err, dataloadgen.ErrNotFound) {
			return 0, nil
		}
		return n, err
	}, nil
}

// relationsOfAll loads the relations passing q of several entities at once.
func (r *Resolver) relationsOfAll(ctx context.Context, ids []kg.ID, q kg.RelationQuery) ([][]kg.Relation, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	thunks := make([]func() ([]kg.Relation, error), len(ids))
	for i, id := range ids {
		thunks[i] = l.relations.LoadThunk(ctx, newRelKey(id, q))
	}
	out := make([][]kg.Relation, len(ids))
	for i, th := range thunks {
		rels, err := th()
		if err != nil && !errors.Is(err, dataloadgen.ErrNotFound) {
			return nil, err
		}
		out[i] = rels
	}
	return out, nil
}

func (r *Resolver) mentionsOf(ctx context.Context, id kg.ID) ([]kg.Mention, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := l.mentionsOf.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return ms, err
}

func (r *Resolver) mentionsIn(ctx context.Context, id kg.ID) ([]kg.Mention, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := l.mentionsIn.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return ms, err
}

func (r *Resolver) coMentionedOf(ctx context.Context, id kg.ID, q kg.CoMentionQuery) ([]kg.CoMention, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	cs, err := l.coMentioned.Load(ctx, coKey{id: id, types: entityTypeBits(q.Types), limit: q.Limit})
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, nil
	}
	return cs, err
}

// prime caches entities a list read already returned, so that their fields
// do not load them again.
func (r *Resolver) prime(ctx context.Context, es ...kg.Entity) {
	l, err := r.loaders(ctx)
	if err != nil {
		return
	}
	for _, e := range es {
		l.entities.Prime(e.ID, e)
	}
}

// allThemes returns every theme (one paged walk of ListEntities per
// operation, whatever the number of themes asking).
func (r *Resolver) allThemes(ctx context.Context) ([]kg.Entity, error) {
	l, err := r.loaders(ctx)
	if err != nil {
		return nil, err
	}
	m := &l.themes
	m.once.Do(func() {
		p := kg.PageRequest{First: kg.MaxPageSize}
		for {
			pg, err := r.store.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeTheme}, kg.EntityOrder{Field: kg.SortByName, Direction: kg.Asc}, p)
			if err != nil {
				m.list, m.err = nil, err
				return
			}
			m.list = append(m.list, pg.Items...)
			if !pg.HasNextPage || len(pg.Cursors) == 0 {
				return
			}
			p.After = pg.Cursors[len(pg.Cursors)-1]
		}
	})
	return m.list, m.err
}

package memstore

import (
	"context"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/maillage/maillage/internal/kg"
)

// commit runs one bbolt read-write transaction (put) and, once it is
// durable, applies the change to memory (apply) under the write lock. The
// caller holds writeMu.
func (s *Store) commit(ctx context.Context, put func(tx *bolt.Tx) error, apply func(g *graph)) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed.Load() {
		return kg.Errorf(kg.Unavailable, "memstore: store %s is closed", s.dir)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := put(tx); err != nil {
			return err
		}
		if s.beforeCommit != nil {
			s.beforeCommit()
		}
		return nil
	})
	if err != nil {
		if kg.ErrorCode(err) != kg.Internal {
			return err
		}
		return kg.WrapError(kg.Unavailable, err, "memstore: cannot write to %s", s.file)
	}
	apply(s.g)
	s.g.finalize()
	s.views.Store(newViews())
	return nil
}

// knownReference reports whether id is a stored reference entity. The
// caller holds writeMu (so the graph does not change underneath).
func (s *Store) knownReference(id kg.ID) bool {
	r := s.g.entities[id]
	return r != nil && r.ref != nil
}

type preparedGraph struct {
	g    kg.ArticleGraph
	enc  []byte
	text []byte
}

// UpsertArticles writes article graphs in one transaction (see kg.Store).
func (s *Store) UpsertArticles(ctx context.Context, graphs []kg.ArticleGraph) (kg.UpsertResult, error) {
	var res kg.UpsertResult
	if err := s.begin(ctx); err != nil {
		return res, err
	}
	if len(graphs) == 0 {
		return res, nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	prepared := make([]preparedGraph, len(graphs))
	for i, in := range graphs {
		if i%64 == 0 {
			if err := ctxErr(ctx); err != nil {
				return res, err
			}
		}
		if err := kg.ValidateGraph(in, s.knownReference); err != nil {
			return res, err
		}
		g, text := prepareGraph(in)
		enc, err := sealValue(g)
		if err != nil {
			return res, kg.WrapError(kg.Internal, err, "memstore: encode article %s", g.Article.ID)
		}
		prepared[i] = preparedGraph{g: g, enc: enc, text: seal([]byte(text))}
	}
	err := s.commit(ctx, func(tx *bolt.Tx) error {
		arts, texts := tx.Bucket(bucketArticles), tx.Bucket(bucketTexts)
		for _, p := range prepared {
			key := []byte(p.g.Article.ID)
			if err := arts.Put(key, p.enc); err != nil {
				return err
			}
			if err := texts.Put(key, p.text); err != nil {
				return err
			}
		}
		return nil
	}, func(g *graph) {
		for _, p := range prepared {
			aid := p.g.Article.ID
			if g.articles[aid] != nil {
				res.ArticlesReplaced++
				g.unapply(aid)
			} else {
				res.ArticlesCreated++
			}
			for _, e := range p.g.Entities {
				if g.entities[e.ID] != nil {
					res.EntitiesUpdated++
				} else {
					res.EntitiesCreated++
				}
			}
			res.Relations += len(p.g.Relations)
			g.apply(p.g)
		}
	})
	if err != nil {
		return kg.UpsertResult{}, err
	}
	return res, nil
}

// DeleteArticle removes an article and what it alone supported (see kg.Store).
func (s *Store) DeleteArticle(ctx context.Context, id kg.ID) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	if !id.Valid() || !id.IsArticle() {
		return kg.Errorf(kg.Invalid, "id: %q is not an article id", id)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if s.g.articles[id] == nil {
		return kg.Errorf(kg.NotFound, "no article %s", id)
	}
	return s.commit(ctx, func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketArticles).Delete([]byte(id)); err != nil {
			return err
		}
		return tx.Bucket(bucketTexts).Delete([]byte(id))
	}, func(g *graph) { g.unapply(id) })
}

// LoadReference writes reference entities and relations (see kg.Store).
func (s *Store) LoadReference(ctx context.Context, data kg.ReferenceData) error {
	if err := s.begin(ctx); err != nil {
		return err
	}
	if len(data.Entities) == 0 && len(data.Relations) == 0 {
		return nil
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	listed := map[kg.ID]bool{}
	ents := make([]kg.Entity, 0, len(data.Entities))
	for _, e := range data.Entities {
		if err := kg.ValidateReference(e); err != nil {
			return err
		}
		e = kg.CleanEntity(e)
		e.Reference = true
		listed[e.ID] = true
		ents = append(ents, e)
	}
	rels := map[string]kg.Relation{}
	var order []string
	for _, r := range data.Relations {
		if !r.Type.Valid() {
			return kg.Errorf(kg.Invalid, "reference relation: unknown type %q", r.Type)
		}
		for _, id := range []kg.ID{r.From, r.To} {
			if !listed[id] && !s.knownReference(id) {
				return kg.Errorf(kg.Invalid, "reference relation %s %s→%s: %s is not a reference entity", r.Type, r.From, r.To, id)
			}
		}
		if !r.Type.Allows(r.From.EntityType(), r.To.EntityType()) {
			return kg.Errorf(kg.Invalid, "reference relation %s cannot go from %s to %s", r.Type, r.From.EntityType(), r.To.EntityType())
		}
		key := r.Key()
		cur, ok := rels[key]
		if !ok {
			cur = kg.Relation{Type: r.Type, From: r.From, To: r.To, Role: strings.TrimSpace(r.Role)}
			if rr := s.g.relations[key]; rr != nil {
				if st := rr.statementOf(""); st != nil {
					cur.Role = st.role
					cur.Provenance = st.ev
				}
			}
			order = append(order, key)
		}
		cur.Provenance = kg.MergeReferenceEvidence(cur.Provenance, r.Provenance)
		rels[key] = cur
	}
	type kv struct{ k, v []byte }
	var entPuts, relPuts []kv
	for _, e := range ents {
		enc, err := sealValue(e)
		if err != nil {
			return kg.WrapError(kg.Internal, err, "memstore: encode reference entity %s", e.ID)
		}
		entPuts = append(entPuts, kv{[]byte(e.ID), enc})
	}
	for _, k := range order {
		enc, err := sealValue(rels[k])
		if err != nil {
			return kg.WrapError(kg.Internal, err, "memstore: encode reference relation %s", k)
		}
		relPuts = append(relPuts, kv{[]byte(k), enc})
	}
	return s.commit(ctx, func(tx *bolt.Tx) error {
		be, br := tx.Bucket(bucketRefEnts), tx.Bucket(bucketRefRels)
		for _, p := range entPuts {
			if err := be.Put(p.k, p.v); err != nil {
				return err
			}
		}
		for _, p := range relPuts {
			if err := br.Put(p.k, p.v); err != nil {
				return err
			}
		}
		return nil
	}, func(g *graph) {
		for _, e := range ents {
			g.applyReferenceEntity(e)
		}
		for _, k := range order {
			g.applyReferenceRelation(rels[k])
		}
	})
}

package neo4jstore

import (
	"context"
	"github.com/maillage/maillage/internal/kg"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// cypherWipe empties the database in batches, keeping the schema:
// relationships first, so that deleting a hub node never holds all its
// relationships in one transaction.
var cypherWipe = []string{
	"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
	"MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
}

// Wipe empties the store's database (tests only): every node and
// relationship goes, constraints and indexes stay.
func Wipe(ctx context.Context, s *Store) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database})
	defer func() { _ = sess.Close(context.WithoutCancel(ctx)) }()
	for _, stmt := range cypherWipe {
		res, err := sess.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return s.mapError(ctx, err)
		}
	}
	return nil
}

// PlanStep is one operator of a query plan.
type PlanStep struct {
	Operator string
	Details  string
	Depth    int
}

// ListPlans are the plans of a list query's two parts.
type ListPlans struct {
	Count, Items []PlanStep
}

// ExplainListEntities returns the plans Neo4j makes for the count and the
// page parts of ListEntities (EXPLAIN: nothing runs), operators in
// pre-order. The parts are explained apart, and the page returns ids
// instead of the full projection (which runs after the LIMIT and does not
// change how rows are found and ordered): neo4j-go-driver's Plan.Children
// shows only the last child of an operator with several (Apply,
// CartesianProduct), which would hide the reads.
func ExplainListEntities(ctx context.Context, s *Store, f kg.EntityFilter, o kg.EntityOrder, page kg.PageRequest) (ListPlans, error) {
	o, err := o.Normalize()
	if err != nil {
		return ListPlans{}, err
	}
	count, items, params, err := entityListParts(f, o, page, "e.id")
	if err != nil {
		return ListPlans{}, err
	}
	return explainParts(ctx, s, count, items, params)
}

// ExplainListArticles is ExplainListEntities for ListArticles.
func ExplainListArticles(ctx context.Context, s *Store, f kg.ArticleFilter, o kg.ArticleOrder, page kg.PageRequest) (ListPlans, error) {
	o, err := o.Normalize()
	if err != nil {
		return ListPlans{}, err
	}
	count, items, params, err := articleListParts(f, o, page, "a.id")
	if err != nil {
		return ListPlans{}, err
	}
	return explainParts(ctx, s, count, items, params)
}

func explainParts(ctx context.Context, s *Store, count, items string, params map[string]any) (ListPlans, error) {
	var p ListPlans
	var err error
	if p.Count, err = explain(ctx, s, count+"\nRETURN total", params); err != nil {
		return p, err
	}
	p.Items, err = explain(ctx, s, items+"\nRETURN items", params)
	return p, err
}

func explain(ctx context.Context, s *Store, stmt string, params map[string]any) ([]PlanStep, error) {
	res, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, "EXPLAIN "+stmt, params)
		if err != nil {
			return nil, err
		}
		sum, err := r.Consume(ctx)
		if err != nil {
			return nil, err
		}
		var steps []PlanStep
		var walk func(p neo4j.Plan, depth int)
		walk = func(p neo4j.Plan, depth int) {
			d, _ := p.Arguments()["Details"].(string)
			steps = append(steps, PlanStep{Operator: p.Operator(), Details: d, Depth: depth})
			for _, c := range p.Children() {
				walk(c, depth+1)
			}
		}
		walk(sum.Plan(), 0)
		return steps, nil
	})
	if err != nil {
		return nil, err
	}
	return res.([]PlanStep), nil
}

// ExplainRelationsOf returns the plan Neo4j makes for RelationsOf (or, with
// count set, CountRelations) of a query (EXPLAIN: nothing runs).
func ExplainRelationsOf(ctx context.Context, s *Store, q kg.RelationQuery, count bool) ([]PlanStep, error) {
	dir, params, err := relationParams(q, !count)
	if err != nil {
		return nil, err
	}
	params["ids"] = []string{"org:x"}
	stmt := cypherRelationsOf[relationsOfKey{dir, q.Bare}]
	if count {
		stmt = cypherCountRelations[dir]
	}
	return explain(ctx, s, stmt, params)
}

// ForgetConfidences makes the database look as if written before the
// sources' confidences were stored: it removes them and the record of
// their migration.
func ForgetConfidences(ctx context.Context, s *Store) error {
	for _, stmt := range []string{
		"MATCH ()-[r]->() WHERE r.srcs IS NOT NULL REMOVE r.confs",
		"MATCH (m:Migration) DETACH DELETE m",
	} {
		if err := s.execDirect(ctx, stmt, nil); err != nil {
			return err
		}
	}
	return nil
}

// MissingConfs counts the relations without their sources' confidences.
func MissingConfs(ctx context.Context, s *Store) (int, error) {
	recs, err := s.queryDirect(ctx, cypherMissingConfs, map[string]any{"limit": 1 << 30})
	return len(recs), err
}

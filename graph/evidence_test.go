package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/graph"
)

// TestRelationsAreReadWithoutEvidenceUnlessTheQueryShowsIt checks which
// relation reads ask the store for bare relations (kg.RelationQuery.Bare):
// those whose fields show only the type, ends, role, articles or confidence
// (bare relations keep it); and that a query showing provenance, directly,
// through a link or in a fragment, still gets the evidence.
func TestRelationsAreReadWithoutEvidenceUnlessTheQueryShowsIt(t *testing.T) {
	store := counting(openStore(t, networkCorpus(t, 6)))
	for _, opts := range []graph.Options{{}, {LoaderWait: time.Nanosecond}} {
		e := newEnv(t, store, opts)
		for _, c := range []struct {
			name, query string
			evidence    bool   // the query shows evidence: some read must be full
			contains    string // a fragment of the response that proves it
		}{
			{"ends, roles and articles only", `{ organizations(first: 6) { edges { node {
  relations(first: 20) { totalCount edges { type direction role other { id name } node { articles { title } } } }
  territories { id name }
  themes { name }
  people { edges { node { title person { name } } } }
  events { edges { node { role event { name places { name } } } } }
} } } }`, false, `"title":"présidente"`},
			{"edge and relation confidence", `{ organizations(first: 6) { edges { node {
  relations(first: 20) { edges { type confidence node { confidence } } } } } } }`, false, `"confidence":0.`},
			{"edge provenance", `{ organizations(first: 6) { edges { node {
  relations(first: 20) { edges { type provenance { sentence confidence } } } } } } }`, true, `"sentence":"`},
			{"relation provenance through a role", `{ organizations(first: 6) { edges { node {
  people { edges { node { relation { provenance { sentence } } } } } } } } }`, true, `"sentence":"`},
			{"provenance in a fragment", `{ organizations(first: 6) { edges { node {
  relations(first: 20) { edges { ...E } } } } } }
fragment E on RelationEdge { node { type provenance { extractor } } }`, true, `"extractor":"`},
		} {
			t.Run(c.name, func(t *testing.T) {
				store.takeBare()
				res := e.do(c.query, nil)
				if len(res.Errors) > 0 {
					t.Fatalf("errors: %+v", res.Errors)
				}
				bare, full := store.takeBare()
				body := string(res.Data)
				if !strings.Contains(body, c.contains) {
					t.Errorf("response lacks %s: %.300s", c.contains, body)
				}
				if c.evidence && full == 0 {
					t.Errorf("%d bare reads and no full one, for a query that shows evidence", bare)
				}
				if !c.evidence && (full != 0 || bare == 0) {
					t.Errorf("%d full reads and %d bare ones; want only bare ones", full, bare)
				}
			})
		}
	}
}

package bench_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/bench"
)

// checkArticles is the size of the corpus the fast check runs on: enough
// for every query to find data, small enough to generate and load in about
// a second.
const checkArticles = 400

// TestBenchmarkedQueriesFetchTheSameNodesThroughTheAPIAndTheStore runs every
// benchmarked query once on a small generated corpus, through the HTTP
// handler and directly against the store, and checks that both succeed,
// return nodes, and return the same nodes: the API/store ratio of the
// benchmarks compares the same work. It logs the store calls of each.
func TestBenchmarkedQueriesFetchTheSameNodesThroughTheAPIAndTheStore(t *testing.T) {
	c, err := generated(checkArticles, benchSeed)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "store")
	if err := build(dir, c, loadBatch); err != nil {
		t.Fatal(err)
	}
	e, err := openEnv(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.store.Close()
	ctx := context.Background()
	p, err := bench.Choose(ctx, e.store)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("picked: %s", p)
	if p.TopOrg.ID == p.MidOrg.ID || p.TopOrg.MentionCount <= p.MidOrg.MentionCount {
		t.Errorf("top organization %s (%d mentions) is not above the median one %s (%d)", p.TopOrg.ID, p.TopOrg.MentionCount, p.MidOrg.ID, p.MidOrg.MentionCount)
	}
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			before := e.counter.snapshot()
			rec := newRequest(q.gql, q.vars(p)).serve(e.api)
			apiCalls := e.counter.snapshot().since(before)
			apiIDs, err := checkResponse(rec.Code, rec.Body.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			before = e.counter.snapshot()
			directIDs, err := q.direct(ctx, e.counter, p)
			directCalls := e.counter.snapshot().since(before)
			if err != nil {
				t.Fatal(err)
			}
			if a, d := distinct(apiIDs), distinct(directIDs); !slices.Equal(a, d) {
				t.Errorf("the API returned %d distinct nodes, the direct fetch %d:\nAPI:    %v\ndirect: %v", len(a), len(d), a, d)
			}
			if apiCalls.total() == 0 || directCalls.total() == 0 {
				t.Errorf("store calls not counted: API %v, direct %v", apiCalls, directCalls)
			}
			t.Logf("%d distinct nodes; store calls: API %d (%v), direct %d (%v)",
				len(distinct(apiIDs)), apiCalls.total(), apiCalls, directCalls.total(), directCalls)
		})
	}
}

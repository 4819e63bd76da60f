package graph_test

import (
	"testing"

	"github.com/maillage/maillage/graph"
)

// BenchmarkNestedQuery measures the N+1 test's query (50 organizations ×
// relations × related entities × territories) over HTTP on a real store.
func BenchmarkNestedQuery(b *testing.B) {
	e := newEnv(b, openStore(b, networkCorpus(b, 50)), graph.Options{})
	vars := map[string]any{"first": 50}
	var data map[string]any
	for b.Loop() {
		e.query(nestedQuery, vars, &data)
	}
}

// BenchmarkArticleWithEntities measures an article with its entities,
// mentions and relations.
func BenchmarkArticleWithEntities(b *testing.B) {
	e := newEnv(b, openStore(b, corpus(b)), graph.Options{})
	vars := map[string]any{"first": 4}
	var data map[string]any
	for b.Loop() {
		e.query(articlesQuery, vars, &data)
	}
}

package gen_test

import (
	"context"
	"testing"

	"github.com/maillage/maillage/internal/gen"
)

// BenchmarkArticle measures the generation of one article (text and graph)
// from the world of a 10,000-article corpus, on one goroutine.
func BenchmarkArticle(b *testing.B) {
	c, err := gen.New(gen.Config{Articles: 10_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	bytes := 0
	i := 0
	for b.Loop() {
		it := c.Article(i % c.Len())
		bytes += len(it.Record.Text)
		i++
	}
	b.ReportMetric(float64(bytes)/float64(i), "textbytes/article")
}

// BenchmarkNew measures building the world of a 10,000-article corpus.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gen.New(gen.Config{Articles: 10_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite10k measures writing a whole 10,000-article corpus (texts,
// graphs, reference, manifest) on GOMAXPROCS goroutines.
func BenchmarkWrite10k(b *testing.B) {
	for b.Loop() {
		c, err := gen.New(gen.Config{Articles: 10_000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		m, err := gen.Write(context.Background(), b.TempDir(), c, gen.WriteOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(m.Bytes)/1e6, "MB")
	}
}

package extract_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
)

// BenchmarkExtract measures extraction throughput on generated articles of
// realistic length (internal/gen): run with -cpu 1 for one core. It
// reports MB/s (of article text) and articles/s.
func BenchmarkExtract(b *testing.B) {
	x := extractor(b)
	items, err := gen.Generate(gen.Config{Articles: 300, Seed: 7, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]kg.Article, len(items))
	size := 0
	for i, it := range items {
		r := it.Record
		arts[i] = kg.Article{ID: kg.ArticleID(r.URL, r.Text), URL: r.URL, Title: r.Title, PublishedAt: r.PublishedAt, Themes: r.Themes, Text: r.Text}
		size += len(r.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, a := range arts {
			x.Extract(a)
		}
	}
	cpu := (cpuTime() - cpu0).Seconds()
	b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(size)/float64(len(arts)), "bytes/article")
	// on a shared machine wall-clock rates depend on the neighbours: the
	// process CPU time gives the rate per core actually used
	if cpu > 0 {
		b.ReportMetric(float64(b.N*size)/cpu/1e6, "MB/cpu-s")
	}
}

// cpuTime is the user and system CPU time of the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

package geo

import (
	"bytes"
	"runtime"
	"testing"
	"time"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(bytes.NewReader(geoData)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAmbiguityBuild(b *testing.B) {
	g, _ := Load(bytes.NewReader(geoData))
	for b.Loop() {
		g.buildAmbiguity()
	}
}

func BenchmarkMatcherBuild(b *testing.B) {
	g, _ := Load(bytes.NewReader(geoData))
	g.buildAmbiguity()
	for b.Loop() {
		newMatcher(g)
	}
}

// TestDefaultLoadCost logs what the first use of the package costs.
func TestDefaultLoadCost(t *testing.T) {
	t0 := time.Now()
	g := Default()
	t1 := time.Now()
	g.Ambiguity("x")
	t2 := time.Now()
	g.Matcher()
	t3 := time.Now()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("load %v, ambiguity %v, matcher %v, heap %.1f MB", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), float64(ms.HeapAlloc)/1e6)
}

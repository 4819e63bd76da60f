package geo

import (
	"bytes"
	"runtime"
	"syscall"
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

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestDefaultLoadCost logs what the first use of the package costs, in
// wall-clock and CPU time (all threads, GC included), and the live heap.
func TestDefaultLoadCost(t *testing.T) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	heap0 := ms.HeapAlloc
	step := func(name string, f func()) {
		w, c := time.Now(), cpuTime()
		f()
		wall, cpu := time.Since(w), cpuTime()-c
		runtime.GC()
		runtime.ReadMemStats(&ms)
		t.Logf("%-9s wall %6.1f ms  cpu %6.1f ms  live heap %5.1f MB", name,
			float64(wall.Microseconds())/1000, float64(cpu.Microseconds())/1000, float64(ms.HeapAlloc-heap0)/1e6)
	}
	var g *Gazetteer
	step("Default", func() { g = Default() })
	step("Ambiguity", func() { g.Ambiguity("x") })
	step("Matcher", func() { g.Matcher() })
}

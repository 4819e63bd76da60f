//go:build !unix

package bench_test

import "time"

// cpuTime cannot be read on this system: the benchmarks then report no
// cpu-ns/op metric.
func cpuTime() (time.Duration, bool) { return 0, false }

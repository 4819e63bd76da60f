package gen

import (
	"math"
	"math/rand/v2"
	"sort"
)

// zipf draws ranks 0…n-1 with P(k) ∝ 1/(k+1)^s from a precomputed table, so
// that a draw costs one random number and a binary search, and the table can
// be shared read-only by every goroutine.
type zipf struct{ cdf []float64 }

func newZipf(n int, s float64) *zipf {
	cdf := make([]float64, n)
	total := 0.0
	for k := range n {
		total += 1 / math.Pow(float64(k+1), s)
		cdf[k] = total
	}
	for k := range cdf {
		cdf[k] /= total
	}
	return &zipf{cdf}
}

func (z *zipf) draw(r *rand.Rand) int {
	i := sort.SearchFloat64s(z.cdf, r.Float64())
	return min(i, len(z.cdf)-1)
}

// pool is a ranked list of entities drawn with a Zipf law: the first ones are
// the most often named.
type pool struct {
	items []*ent
	z     *zipf
	s     float64
}

func (p *pool) add(e *ent) { p.items = append(p.items, e) }

// seal builds the sampling table once the pool is complete.
func (p *pool) seal() {
	if len(p.items) > 0 {
		p.z = newZipf(len(p.items), p.s)
	}
}

func (p *pool) draw(r *rand.Rand) *ent {
	if p == nil || len(p.items) == 0 {
		return nil
	}
	return p.items[p.z.draw(r)]
}

// drawN draws up to n distinct entities (fewer if the pool is small or the
// draws keep colliding), excluding those in not.
func (p *pool) drawN(r *rand.Rand, n int, not ...*ent) []*ent {
	var out []*ent
	for try := 0; len(out) < n && try < 4*n+4; try++ {
		e := p.draw(r)
		if e == nil {
			break
		}
		if containsEnt(out, e) || containsEnt(not, e) {
			continue
		}
		out = append(out, e)
	}
	return out
}

func containsEnt(list []*ent, e *ent) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

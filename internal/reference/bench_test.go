package reference_test

import (
	"context"
	"testing"

	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
	"github.com/maillage/maillage/internal/reference"
)

// BenchmarkFirstStartLoad measures what "maillage serve" does on first
// start for each choice of --reference: build the reference data and load
// it into a fresh embedded store (opening included). It decides the
// default: the first start must stay well under two seconds.
func BenchmarkFirstStartLoad(b *testing.B) {
	for _, c := range []struct {
		name   string
		levels []kg.TerritoryLevel
	}{{"regions", reference.Coarse}, {"all", reference.All}} {
		b.Run(c.name, func(b *testing.B) {
			geo.Default() // loaded once per process, not per start
			for b.Loop() {
				s, err := memstore.Open(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				data, err := reference.Territories(geo.Default(), c.levels...)
				if err != nil {
					b.Fatal(err)
				}
				if err := s.LoadReference(context.Background(), data); err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

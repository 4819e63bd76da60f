package memstore_test

import (
	"testing"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
	"github.com/maillage/maillage/internal/storetest"
)

// TestConformance runs the kg.Store conformance suite on the embedded store.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) kg.Store {
		s, err := memstore.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

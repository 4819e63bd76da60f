package article_test

import (
	"testing"

	"github.com/maillage/maillage/internal/article"
)

func TestOrdinalReadsFrenchOrdinals(t *testing.T) {
	cases := map[string]int{
		"7ième": 7, "7ème": 7, "7eme": 7, "7e": 7, "7ᵉ": 7, "7è": 7, "7EME": 7,
		"1er": 1, "1re": 1, "1ère": 1, "1ʳᵉ": 1, "2nd": 2, "2nde": 2, "2d": 2, "12e": 12, "100e": 100,
		"VIIe": 7, "VIIème": 7, "XXIe": 21, "Ier": 1, "Ire": 1, "IVe": 4, "XIXe": 19, "XLe": 40,
		"premier": 1, "Première": 1, "second": 2, "deuxième": 2, "troisième": 3, "quatrième": 4,
		"cinquième": 5, "neuvième": 9, "onzième": 11, "dix-septième": 17, "vingtième": 20,
		"vingt-et-unième": 21, "vingt-deuxième": 22, "trentième": 30, "soixante-dixième": 70,
		"quatre-vingtième": 80, "quatre-vingt-dixième": 90, "centième": 100, "septièmes": 7,
		"  7e  ": 7,
	}
	for in, want := range cases {
		got, ok := article.Ordinal(in)
		if want == 0 {
			if ok {
				t.Errorf("Ordinal(%q) = %d, want not an ordinal", in, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("Ordinal(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}

func TestOrdinalRefusesWordsThatLookRoman(t *testing.T) {
	for _, in := range []string{"Le", "Ce", "De", "Me", "CE", "Ie", "IIII", "VV", "e", "7", "1e", "3er", "unième", "", "7 e", "Vie", "Xavier", "me", "d"} {
		if n, ok := article.Ordinal(in); ok {
			t.Errorf("Ordinal(%q) = %d, want not an ordinal", in, n)
		}
	}
}

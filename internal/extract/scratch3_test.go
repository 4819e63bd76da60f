package extract_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

func TestScratchOne(t *testing.T) {
	txt := os.Getenv("TXT")
	if txt == "" {
		t.Skip()
	}
	x := extractor(t)
	g := x.Extract(kg.Article{ID: "article:1", Text: txt, PublishedAt: "2024-03-10"})
	for _, e := range g.Entities {
		fmt.Println(e.Type, "|", e.ID, "|", e.Name, "|", e.Aliases)
	}
	for _, r := range g.Relations {
		fmt.Println(r.Type, r.From, "->", r.To, r.Role, r.Provenance[0].Extractor)
	}
}

package memstore_test

import (
	"context"
	"testing"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

func smallGraph() kg.ArticleGraph {
	text := "Le réseau RNESS réunit ses membres à Lécluse."
	art := kg.Article{ID: kg.ArticleID("https://exemple.org/rness", ""), URL: "https://exemple.org/rness", Title: "Réunion du RNESS", PublishedAt: "2024-02-01", Text: text}
	org := kg.Entity{ID: "org:rness", Type: kg.TypeOrganization, Name: "RNESS", Kind: "network"}
	return kg.ArticleGraph{
		Article:  art,
		Entities: []kg.Entity{org},
		Mentions: []kg.Mention{{ArticleID: art.ID, EntityID: org.ID, Spans: []kg.Span{{Start: 10, End: 15, Text: "RNESS"}}}},
	}
}

func TestOpenUpsertReopenKeepsTheGraph(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertArticles(ctx, []kg.ArticleGraph{smallGraph()}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Entities(ctx, []kg.ID{"org:rness"})
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := got["org:rness"]; !ok || e.Name != "RNESS" || e.MentionCount != 1 || e.FirstMentioned != "2024-02-01" {
		t.Fatalf("after reopen: %+v", got)
	}
}

package ingest

import (
	"context"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/kg"
)

// Ingester is the graph.Ingester of the ingestArticle mutation: it reads
// the given article, extracts its graph and stores it.
type Ingester struct{ P *Pipeline }

var _ graph.Ingester = Ingester{}

// Ingest implements graph.Ingester.
func (i Ingester) Ingest(ctx context.Context, in graph.IngestInput) (kg.ID, error) {
	f := article.Auto
	if in.Format != "" {
		var err error
		if f, err = article.ParseFormat(in.Format); err != nil {
			return "", err
		}
	}
	return i.P.IngestArticle(ctx, article.Input{Text: in.Text, URL: in.URL, Title: in.Title, PublishedAt: string(in.PublishedAt), Format: f})
}

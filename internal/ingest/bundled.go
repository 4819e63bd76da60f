package ingest

import (
	"context"
	"embed"
	"io/fs"
	"path"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/kg"
)

//go:embed bundled/*
var bundledFS embed.FS

// BundledSource is the Source recorded on the bundled sample articles.
const BundledSource = "bundled"

// Bundled ingests the sample articles shipped in the binary (the reference
// export of shared/corpus/dev) through the pipeline: what "maillage serve"
// loads into an empty store on first start.
func (p *Pipeline) Bundled(ctx context.Context) (Summary, error) {
	var sum Summary
	names, err := fs.Glob(bundledFS, "bundled/*")
	if err != nil {
		return sum, kg.WrapError(kg.Internal, err, "ingest: listing the bundled articles")
	}
	var graphs []kg.ArticleGraph
	for _, name := range names {
		data, err := bundledFS.ReadFile(name)
		if err != nil {
			return sum, kg.WrapError(kg.Internal, err, "ingest: reading %s", name)
		}
		arts, err := article.Parse(path.Base(name), data, article.Auto)
		if err != nil {
			return sum, kg.WrapError(kg.Internal, err, "ingest: parsing the bundled %s", name)
		}
		sum.Files++
		for _, a := range arts {
			a.Source = BundledSource + "/" + path.Base(name)
			graphs = append(graphs, p.x.Extract(a))
			sum.Articles++
		}
	}
	res, err := p.upsert(ctx, graphs)
	if err != nil {
		return sum, err
	}
	addResult(&sum, res)
	return sum, nil
}

package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/geo"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/reference"
	"github.com/maillage/maillage/samples"
)

// BundledSource is the Source recorded on the bundled sample articles.
const BundledSource = "bundled"

// Bundled ingests the sample articles shipped in the binary (package
// samples) through the pipeline: what "maillage serve" loads into an empty
// store on first start.
func (p *Pipeline) Bundled(ctx context.Context) (Summary, error) {
	var sum Summary
	var graphs []kg.ArticleGraph
	for _, name := range samples.Articles() {
		data, err := fs.ReadFile(samples.FS, name)
		if err != nil {
			return sum, kg.WrapError(kg.Internal, err, "ingest: reading the bundled %s", name)
		}
		arts, err := article.Parse(name, data, article.Auto)
		if err != nil {
			return sum, kg.WrapError(kg.Internal, err, "ingest: parsing the bundled %s", name)
		}
		sum.Files++
		for _, a := range arts {
			a.Source = BundledSource + "/" + name
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

// SeedReport says what Seed loaded.
type SeedReport struct {
	Seeded      bool // false: the store already held data, nothing was loaded
	Territories int
	Themes      int
	Sample      Summary
	Elapsed     time.Duration
}

// Seed prepares a store that holds nothing at all (a first start): it
// loads the reference territories of the given levels with their PART_OF
// hierarchy, the theme vocabulary of the extractor, and, with sample, the
// bundled sample articles through the pipeline. A store holding anything is
// left as it is, so a restart never loads twice and a user who deleted the
// sample does not get it back.
func (p *Pipeline) Seed(ctx context.Context, levels []kg.TerritoryLevel, sample bool) (SeedReport, error) {
	start := time.Now()
	var rep SeedReport
	stats, err := p.opts.Store.Stats(ctx)
	if err != nil {
		return rep, fmt.Errorf("reading the store: %w", err)
	}
	for _, n := range stats.Entities {
		if n > 0 {
			return rep, nil
		}
	}
	if stats.Articles > 0 {
		return rep, nil
	}
	rep.Seeded = true
	ref, err := reference.Territories(geo.Default(), levels...)
	if err != nil {
		return rep, err
	}
	themes := p.x.ThemeReference()
	ref.Entities = append(ref.Entities, themes.Entities...)
	ref.Relations = append(ref.Relations, themes.Relations...)
	if err := p.opts.Store.LoadReference(ctx, ref); err != nil {
		return rep, fmt.Errorf("loading the reference territories and themes: %w", err)
	}
	rep.Territories, rep.Themes = len(ref.Entities)-len(themes.Entities), len(themes.Entities)
	if sample {
		if rep.Sample, err = p.Bundled(ctx); err != nil {
			return rep, fmt.Errorf("loading the sample articles: %w", err)
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// Package sample holds the sample graph that "maillage serve" loads into an
// empty store on first start, so that a newcomer's first query returns data.
//
// The graph is a hand-checked fixture of the article bundled in
// testdata/corpus/dev: its cleaned text (reflowed by hand from the exported
// file), its metadata, every entity and relation of the gold annotation with
// the spans that name them and the sentences that state them (offsets in
// code points into the cleaned text), all with extractor "fixture". It is
// data, not rules: when article extraction lands, the fixture is replaced by
// running the real pipeline on the bundled articles.
package sample

import (
	"cmp"
	"embed"
	"encoding/json"
	"io/fs"
	"path"
	"slices"

	"github.com/maillage/maillage/internal/kg"
)

//go:embed data/*.json
var files embed.FS

// Extractor is the Evidence.Extractor of every relation of the fixture.
const Extractor = "fixture"

// Graphs returns the article graphs of the bundled sample, sorted by
// article id. Each call decodes a fresh copy, so callers may modify it.
func Graphs() ([]kg.ArticleGraph, error) {
	names, err := fs.Glob(files, "data/*.json")
	if err != nil {
		return nil, kg.WrapError(kg.Internal, err, "sample: listing the fixtures")
	}
	graphs := make([]kg.ArticleGraph, 0, len(names))
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, kg.WrapError(kg.Internal, err, "sample: reading %s", name)
		}
		var g kg.ArticleGraph
		if err := json.Unmarshal(b, &g); err != nil {
			return nil, kg.WrapError(kg.Internal, err, "sample: decoding %s", path.Base(name))
		}
		if err := kg.ValidateGraph(g, nil); err != nil {
			return nil, kg.WrapError(kg.Internal, err, "sample: %s is not a valid graph", path.Base(name))
		}
		graphs = append(graphs, g)
	}
	slices.SortFunc(graphs, func(a, b kg.ArticleGraph) int { return cmp.Compare(a.Article.ID, b.Article.ID) })
	return graphs, nil
}

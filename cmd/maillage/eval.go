package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/eval"
	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/kg"
)

// runEval is the "eval" subcommand: it scores extraction against the gold
// annotations of a folder (X.gold.json beside the article file X.<ext>),
// running the extractor on each article or reading a given extraction
// output (--pred).
func runEval(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval", "--gold DIR [--pred FILE.ndjson] [--json] [--details]")
	goldDir := fs.String("gold", "", "folder of gold annotations (X.gold.json beside the article X.<ext>), searched recursively")
	predPath := fs.String("pred", "", "score this extraction output (maillage extract --format ndjson) instead of running the extractor")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	details := fs.Bool("details", false, "list, per article, the entities and relations missed and wrongly predicted")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *goldDir == "" || fs.NArg() > 0 {
		fs.Usage()
		return usageError{"eval: --gold DIR is required and takes no arguments"}
	}
	cases, err := eval.FindCases(*goldDir)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return kg.Errorf(kg.Invalid, "eval: no gold annotations (*%s) under %s", eval.GoldSuffix, *goldDir)
	}
	var bySource map[string][]extract.Document
	var x *extract.Extractor
	if *predPath != "" {
		docs, err := readPredictions(*predPath)
		if err != nil {
			return err
		}
		bySource = eval.PredsBySource(docs)
	} else if x, err = extract.New(extract.Options{}); err != nil {
		return err
	}
	var pairs []eval.Pair
	for _, c := range cases {
		var preds []extract.Document
		if x != nil {
			preds, err = extractFile(x, c.Article, article.Auto)
			if err != nil {
				return err
			}
		} else {
			b := filepath.Base(c.Article)
			preds = bySource[strings.TrimSuffix(b, filepath.Ext(b))]
		}
		ps, err := eval.PairUp(c, preds)
		if err != nil {
			return err
		}
		pairs = append(pairs, ps...)
	}
	rep := eval.Score(pairs)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	rep.WriteTable(e.stdout, *details)
	return nil
}

// readPredictions reads an NDJSON extraction output.
func readPredictions(path string) ([]extract.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, kg.WrapError(kg.Invalid, err, "--pred: cannot read %s", path)
	}
	defer f.Close()
	var docs []extract.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			continue
		}
		var d extract.Document
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			return nil, kg.Errorf(kg.Invalid, "--pred: %s:%d: not an extraction document: %v", path, line, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, kg.WrapError(kg.Invalid, err, "--pred: reading %s", path)
	}
	return docs, nil
}

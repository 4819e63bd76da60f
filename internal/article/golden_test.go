package article_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/kg"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenInputs lists the fixtures: every file of testdata but the gold
// annotations.
func goldenInputs(t testing.TB) []string {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if st, err := os.Stat(f); err != nil || st.IsDir() || strings.HasSuffix(f, ".gold.json") {
			continue
		}
		out = append(out, f)
	}
	if len(out) < 10 {
		t.Fatalf("only %d fixtures found", len(out))
	}
	return out
}

type goldenOutput struct {
	Articles []kg.Article `json:"articles"`
	Error    string       `json:"error,omitempty"`
}

// TestParsedOutputMatchesGoldenFiles compares the whole parse of each
// fixture with testdata/golden/<fixture>.json; run with -update to rewrite
// them after an intended change, and review the diff.
func TestParsedOutputMatchesGoldenFiles(t *testing.T) {
	for _, in := range goldenInputs(t) {
		arts, err := article.ReadFile(in, article.Auto)
		out := goldenOutput{Articles: arts}
		if err != nil {
			out.Error = err.Error()
		}
		got, jerr := json.MarshalIndent(out, "", "  ")
		if jerr != nil {
			t.Fatal(jerr)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", "golden", filepath.Base(in)+".json")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, rerr := os.ReadFile(path)
		if rerr != nil {
			t.Errorf("%s: no golden file (run go test -run Golden -update): %v", in, rerr)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: output differs from %s (run with -update and review the diff)\n got: %s", in, path, got)
		}
	}
}

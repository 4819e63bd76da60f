package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func evalReport(t *testing.T, args ...string) map[string]any {
	t.Helper()
	out, errOut, err := runCmd(t, append([]string{"eval", "--json"}, args...)...)
	if err != nil {
		t.Fatalf("eval: %v %s", err, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func f1(rep map[string]any, key string) float64 {
	return rep[key].(map[string]any)["f1"].(float64)
}

func TestEvalScoresTheDevArticle(t *testing.T) {
	rep := evalReport(t, "--gold", "../../testdata/articles/dev")
	if rep["articles"].(float64) != 1 || f1(rep, "entityMicro") != 1 || f1(rep, "relationMicro") < 0.8 {
		t.Errorf("report: articles %v, entity F1 %v, relation F1 %v", rep["articles"], f1(rep, "entityMicro"), f1(rep, "relationMicro"))
	}
	out, _, err := runCmd(t, "eval", "--gold", "../../testdata/articles/dev")
	if err != nil || !strings.Contains(out, "micro-average") || !strings.Contains(out, "publication date 1/1") {
		t.Errorf("table: %v\n%s", err, out)
	}
}

// Scoring a saved extraction output gives the figures of running the
// extractor.
func TestEvalScoresAGivenPredictionFile(t *testing.T) {
	gold := "../../testdata/articles/tune"
	files, _ := filepath.Glob(filepath.Join(gold, "*"))
	var arts []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".json") {
			arts = append(arts, f)
		}
	}
	out, _, err := runCmd(t, append([]string{"extract"}, arts...)...)
	if err != nil {
		t.Fatal(err)
	}
	pred := filepath.Join(t.TempDir(), "pred.ndjson")
	if err := os.WriteFile(pred, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	live := evalReport(t, "--gold", gold)
	saved := evalReport(t, "--gold", gold, "--pred", pred)
	for _, k := range []string{"entityMicro", "relationMicro", "themes"} {
		a, _ := json.Marshal(live[k])
		b, _ := json.Marshal(saved[k])
		if string(a) != string(b) {
			t.Errorf("%s: live %s, from --pred %s", k, a, b)
		}
	}
	// a prediction file missing the articles is an error naming them
	empty := filepath.Join(t.TempDir(), "empty.ndjson")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "eval", "--gold", gold, "--pred", empty); err == nil {
		t.Error("a prediction file without the articles should be an error naming them")
	}
}

func TestEvalNeedsAGoldFolder(t *testing.T) {
	if _, _, err := runCmd(t, "eval"); err == nil || exitCode(err) != 2 {
		t.Errorf("no --gold: %v", err)
	}
	if _, _, err := runCmd(t, "eval", "--gold", t.TempDir()); err == nil {
		t.Error("a folder without gold files should be an error")
	}
}

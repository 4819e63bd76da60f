package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const devArticle = "../../testdata/articles/dev/irev-2018-07-16-journee-collectivites-ess.txt"
const ndjsonArticles = "../../testdata/articles/tune/ndjson-actualites-locales.ndjson"

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"maillage"}, args...), func(string) string { return "" }, &out, &errb)
	return out.String(), errb.String(), err
}

func TestExtractPrintsOneDocumentPerArticleWithTheCorpusFields(t *testing.T) {
	out, _, err := runCmd(t, "extract", devArticle, ndjsonArticles)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d documents, want 3 (1 + 2 NDJSON records)", len(lines))
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil {
		t.Fatal(err)
	}
	art := doc["article"].(map[string]any)
	for _, k := range []string{"id", "url", "title", "publishedAt", "modifiedAt", "themes", "source"} {
		if _, ok := art[k]; !ok {
			t.Errorf("article has no %q", k)
		}
	}
	if art["source"] != devArticle || art["publishedAt"] != "2018-07-16" {
		t.Errorf("article = %v", art)
	}
	ents := doc["entities"].([]any)
	found := false
	for _, e := range ents {
		m := e.(map[string]any)
		for _, k := range []string{"id", "type", "name", "mentions"} {
			if _, ok := m[k]; !ok {
				t.Errorf("entity %v has no %q", m["id"], k)
			}
		}
		if m["id"] == "org:rtes" && len(m["mentions"].([]any)) > 0 {
			found = true
		}
	}
	if !found {
		t.Error("org:rtes not extracted with its mentions")
	}
	rels := doc["relations"].([]any)
	if len(rels) == 0 {
		t.Fatal("no relations")
	}
	r := rels[0].(map[string]any)
	for _, k := range []string{"type", "from", "to", "evidence", "confidence"} {
		if _, ok := r[k]; !ok {
			t.Errorf("relation has no %q", k)
		}
	}
}

func TestExtractPrettyIsIndentedJSON(t *testing.T) {
	out, _, err := runCmd(t, "extract", "--format", "pretty", devArticle)
	if err != nil || !strings.HasPrefix(out, "{\n  \"article\"") {
		t.Fatalf("pretty output %.40q, err %v", out, err)
	}
	if _, _, err := runCmd(t, "extract", "--format", "xml", devArticle); err == nil || exitCode(err) != 2 {
		t.Errorf("unknown format: err %v", err)
	}
}

func TestExtractNamesTheBadFileAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "absent.txt")
	bad := filepath.Join(dir, "bad.ndjson")
	if err := os.WriteFile(bad, []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCmd(t, "extract", missing, bad, devArticle)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want the failures reported", err)
	}
	if strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, "org:rtes") {
		t.Errorf("the good file was not extracted: %.80q", out)
	}
	if !strings.Contains(errOut, "absent.txt") || !strings.Contains(errOut, "bad.ndjson") {
		t.Errorf("stderr does not name the bad files: %q", errOut)
	}
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
)

func runGenCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	err = run(context.Background(), append([]string{"maillage", "gen"}, args...), func(string) string { return "" }, &out, &errb)
	return out.String(), errb.String(), err
}

// lines reads an NDJSON file into its records.
func lines[T any](t *testing.T, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var v T
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s line %d: %v", path, len(out)+1, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenWritesTextsAndTheirGraphs(t *testing.T) {
	dir := t.TempDir()
	stdout, _, err := runGenCmd(t, "--articles", "50", "--seed", "1", dir)
	if err != nil {
		t.Fatalf("gen: %v", err)
	}
	for _, want := range []string{"wrote 50 articles (seed 1)", "graphs.ndjson", "articles.ndjson", "organization", "HOLDS_ROLE", "median"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	type record struct {
		URL         string   `json:"url"`
		Title       string   `json:"title"`
		PublishedAt string   `json:"publishedAt"`
		Text        string   `json:"text"`
		Themes      []string `json:"themes"`
	}
	recs := lines[record](t, filepath.Join(dir, gen.ArticlesFile))
	graphs := lines[kg.ArticleGraph](t, filepath.Join(dir, gen.GraphsFile))
	if len(recs) != 50 || len(graphs) != 50 {
		t.Fatalf("%d records and %d graphs, want 50 of each", len(recs), len(graphs))
	}
	for i, g := range graphs {
		if err := kg.ValidateGraph(g, nil); err != nil {
			t.Fatalf("graph %d: %v", i, err)
		}
		r := recs[i]
		if g.Article.URL != r.URL || g.Article.Text != r.Text || string(g.Article.PublishedAt) != r.PublishedAt || len(r.Themes) == 0 {
			t.Fatalf("record %d does not match its graph", i)
		}
	}
	ref, err := gen.LoadReference(dir)
	if err != nil || len(ref.Entities) < 100 || len(ref.Relations) < 100 {
		t.Fatalf("reference: %d entities, %d relations, %v", len(ref.Entities), len(ref.Relations), err)
	}
	m, err := gen.ReadManifest(dir)
	if err != nil || m.Stats.Articles != 50 || m.Config.Seed != 1 || m.Config.Articles != 50 {
		t.Fatalf("manifest %+v: %v", m, err)
	}
	loaded, err := gen.Load(dir)
	if err != nil || len(loaded) != 50 || loaded[7].Article.ID != graphs[7].Article.ID {
		t.Fatalf("gen.Load: %d graphs, %v", len(loaded), err)
	}
}

func TestGenIsByteIdenticalForTheSameSeed(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, run := range []struct {
		dir  string
		args []string
	}{{a, []string{"--workers", "1"}}, {b, []string{"--workers", "3"}}, {c, []string{"--seed", "2"}}} {
		if _, _, err := runGenCmd(t, append(append([]string{"--articles", "40"}, run.args...), run.dir)...); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{gen.ArticlesFile, gen.GraphsFile, gen.ReferenceFile} {
		fa, _ := os.ReadFile(filepath.Join(a, name))
		fb, _ := os.ReadFile(filepath.Join(b, name))
		fc, _ := os.ReadFile(filepath.Join(c, name))
		if len(fa) == 0 || !bytes.Equal(fa, fb) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if name != gen.ReferenceFile && bytes.Equal(fa, fc) {
			t.Errorf("%s is the same for seeds 1 and 2", name)
		}
	}
}

func TestGenTextsReadBackUnchangedByTheArticleParser(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runGenCmd(t, "--articles", "60", "--seed", "5", dir); err != nil {
		t.Fatal(err)
	}
	graphs, err := gen.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	arts, err := article.ReadFile(filepath.Join(dir, gen.ArticlesFile), article.Auto)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != len(graphs) {
		t.Fatalf("the parser read %d articles, want %d", len(arts), len(graphs))
	}
	for i, a := range arts {
		g := graphs[i].Article
		if a.ID != g.ID || a.Text != g.Text || a.Title != g.Title || a.PublishedAt != g.PublishedAt || strings.Join(a.Themes, "|") != strings.Join(g.Themes, "|") {
			t.Fatalf("article %d: parsed (%s, %q, %s, %q) differs from generated (%s, %q, %s, %q) or its text differs",
				i, a.ID, a.Title, a.PublishedAt, a.Themes, g.ID, g.Title, g.PublishedAt, g.Themes)
		}
	}
}

func TestGenFilesFormatWritesOneMarkdownFilePerArticle(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runGenCmd(t, "--articles", "12", "--format", "files", dir); err != nil {
		t.Fatal(err)
	}
	mds, _ := filepath.Glob(filepath.Join(dir, gen.ArticlesDir, "*.md"))
	if len(mds) != 12 {
		t.Fatalf("%d Markdown files, want 12", len(mds))
	}
	if _, err := os.Stat(filepath.Join(dir, gen.ArticlesFile)); err == nil {
		t.Error("articles.ndjson written with --format files")
	}
	graphs, _ := gen.Load(dir)
	i := 0
	for rec, err := range gen.ReadArticles(dir) {
		if err != nil {
			t.Fatal(err)
		}
		if rec.Text != graphs[i].Article.Text || rec.URL != graphs[i].Article.URL {
			t.Fatalf("Markdown article %d does not read back as generated", i)
		}
		i++
	}
	arts, err := article.ReadFile(mds[0], article.Auto)
	if err != nil || len(arts) != 1 || arts[0].Text != graphs[0].Article.Text || arts[0].URL != graphs[0].Article.URL {
		t.Fatalf("the article parser reads %s differently: %v", mds[0], err)
	}
	// Regenerating fewer articles leaves no stale file behind.
	if _, _, err := runGenCmd(t, "--articles", "5", "--format", "files", dir); err != nil {
		t.Fatal(err)
	}
	if mds, _ := filepath.Glob(filepath.Join(dir, gen.ArticlesDir, "*.md")); len(mds) != 5 {
		t.Fatalf("%d Markdown files after regenerating 5 articles", len(mds))
	}
}

func TestGenRejectsBadUsageClearly(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	cases := []struct {
		args  []string
		code  int
		wants string
	}{
		{[]string{"--articles", "10"}, 2, "missing the output directory"},
		{[]string{"--articles", "0", t.TempDir()}, 2, "--articles"},
		{[]string{"--articles", "ten", t.TempDir()}, 2, "invalid value"},
		{[]string{"--format", "xml", t.TempDir()}, 2, "--format"},
		{[]string{"--from", "2020-02-30", t.TempDir()}, 2, "--from"},
		{[]string{"--from", "2020-01-01", "--to", "2020-03-01", t.TempDir()}, 2, "at least a year"},
		{[]string{t.TempDir(), t.TempDir()}, 2, "one output directory"},
		{[]string{"--articles", "3", file}, 1, "not a directory"},
		{[]string{"--articles", "3", filepath.Join(file, "sub")}, 1, filepath.Join(file, "sub")},
	}
	for _, c := range cases {
		_, stderr, err := runGenCmd(t, c.args...)
		if err == nil || exitCode(err) != c.code {
			t.Errorf("gen %q: err %v (exit %d), want exit %d", c.args, err, exitCode(err), c.code)
			continue
		}
		if msg := err.Error() + stderr; !strings.Contains(msg, c.wants) {
			t.Errorf("gen %q: message %q does not say %q", c.args, msg, c.wants)
		}
	}
}

func TestGenAcceptsFlagsAfterTheDirectory(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runGenCmd(t, dir, "--articles", "3", "--seed", "9"); err != nil {
		t.Fatal(err)
	}
	if m, err := gen.ReadManifest(dir); err != nil || m.Config.Articles != 3 || m.Config.Seed != 9 {
		t.Fatalf("manifest %+v, %v", m.Config, err)
	}
}

package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/extract"
	"github.com/maillage/maillage/internal/ingest"
	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/memstore"
)

const corpus = "../../testdata/articles"

var (
	xOnce sync.Once
	xx    *extract.Extractor
)

func pipeline(t *testing.T, store kg.Store, mod func(*ingest.Options)) *ingest.Pipeline {
	t.Helper()
	xOnce.Do(func() {
		var err error
		if xx, err = extract.New(extract.Options{}); err != nil {
			panic(err)
		}
	})
	opts := ingest.Options{Store: store, Extractor: xx, BatchSize: 3, Workers: 2}
	if mod != nil {
		mod(&opts)
	}
	p, err := ingest.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func openStore(t *testing.T) *memstore.Store {
	t.Helper()
	s, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// copyCorpus copies the test corpus into a temporary folder and adds a bad
// file and a README that must not be read as an article.
func copyCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(corpus, p)
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.ndjson"), []byte("{\"text\": \"Le RTES à Lille.\", \"url\": \"https://exemple.fr/ok\"}\n{oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// corpusSize counts the article files of the test corpus (every file but
// README.md and the gold annotations) and the articles they hold (one per
// file, one per non-blank line of an NDJSON file).
func corpusSize(t *testing.T) (files, articles int) {
	t.Helper()
	err := filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "README.md" || strings.HasSuffix(d.Name(), ".gold.json") {
			return err
		}
		files++
		if !strings.HasSuffix(d.Name(), ".ndjson") {
			articles++
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, l := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(l) != "" {
				articles++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no article file in %s", corpus)
	}
	return files, articles
}

func TestRunIngestsFoldersAndReportsBadRecordsByName(t *testing.T) {
	dir := copyCorpus(t)
	store := openStore(t)
	var last ingest.Progress
	p := pipeline(t, store, func(o *ingest.Options) { o.Progress = func(pr ingest.Progress) { last = pr } })
	sum, err := p.Run(context.Background(), []string{dir})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	// every article file of the corpus + broken.ndjson (one good record);
	// README.md and the gold files are not articles
	files, articles := corpusSize(t)
	files, articles = files+1, articles+1
	if sum.Files != files || sum.Articles != articles || sum.Written != articles || sum.Skipped != 0 {
		t.Errorf("summary %s, want %d files and %d articles", sum, files, articles)
	}
	if sum.Failed() != 1 || !strings.HasSuffix(sum.Failures[0].Path, "broken.ndjson") || !strings.Contains(sum.Failures[0].Reason, "record 2") {
		t.Errorf("failures %+v", sum.Failures)
	}
	if sum.EntitiesCreated == 0 || sum.Relations == 0 {
		t.Errorf("nothing new: %s", sum)
	}
	st, err := store.Stats(context.Background())
	if err != nil || st.Articles != articles {
		t.Errorf("stored %d articles (%v)", st.Articles, err)
	}
	if last.FilesDone != files || last.Articles != articles || last.Written != articles {
		t.Errorf("final progress %+v", last)
	}
	got, err := store.Entities(context.Background(), []kg.ID{"org:rtes", "territory:dep-62"})
	if err != nil || got["org:rtes"].ArticleCount < 2 || got["territory:dep-62"].ArticleCount < 2 {
		t.Errorf("RTES in %d articles, Pas-de-Calais in %d (%v)", got["org:rtes"].ArticleCount, got["territory:dep-62"].ArticleCount, err)
	}
}

func TestRunSkipsUnchangedArticlesUnlessForced(t *testing.T) {
	store := openStore(t)
	p := pipeline(t, store, nil)
	paths := []string{filepath.Join(corpus, "tune", "*.txt"), filepath.Join(corpus, "dev")}
	first, err := p.Run(context.Background(), paths)
	if err != nil || first.Written == 0 || first.Failed() != 0 {
		t.Fatalf("first run %s %v %+v", first, err, first.Failures)
	}
	again, err := p.Run(context.Background(), paths)
	if err != nil || again.Skipped != first.Written || again.Written != 0 {
		t.Errorf("second run %s (%v)", again, err)
	}
	forced, err := pipeline(t, store, func(o *ingest.Options) { o.Force = true }).Run(context.Background(), paths)
	if err != nil || forced.Written != first.Written || forced.Replaced != first.Written || forced.EntitiesCreated != 0 {
		t.Errorf("forced run %s (%v)", forced, err)
	}
}

func TestExpandTakesFilesFoldersAndGlobs(t *testing.T) {
	files, fails := ingest.Expand([]string{filepath.Join(corpus, "dev"), filepath.Join(corpus, "tune", "*.md"), filepath.Join(corpus, "dev", "irev-2018-07-16-journee-collectivites-ess.txt"), "/no/such/file", filepath.Join(corpus, "nothing-*.txt")})
	if len(files) != 3 {
		t.Errorf("files %v", files)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".gold.json") {
			t.Errorf("gold file %s taken as an article", f)
		}
	}
	if len(fails) != 2 || fails[0].Path != "/no/such/file" || fails[1].Reason != "no file matches" {
		t.Errorf("failures %+v", fails)
	}
}

// rejecting is a store that refuses, as invalid, any batch holding one
// given article, and counts its writes.
type rejecting struct {
	kg.Store
	bad    kg.ID
	writes int
}

func (r *rejecting) UpsertArticles(ctx context.Context, gs []kg.ArticleGraph) (kg.UpsertResult, error) {
	r.writes++
	for _, g := range gs {
		if g.Article.ID == r.bad {
			return kg.UpsertResult{}, kg.Errorf(kg.Invalid, "article %s: refused", g.Article.ID)
		}
	}
	return r.Store.UpsertArticles(ctx, gs)
}

func TestARefusedArticleDoesNotLoseItsBatch(t *testing.T) {
	inner := openStore(t)
	dev := filepath.Join(corpus, "dev", "irev-2018-07-16-journee-collectivites-ess.txt")
	bad := kg.ArticleID("https://irev.fr/actualites-0/retour-sur-la-journee-nationale-des-collectivites-territoriales-autour-de-less", "")
	store := &rejecting{Store: inner, bad: bad}
	p := pipeline(t, store, func(o *ingest.Options) { o.BatchSize = 100 })
	sum, err := p.Run(context.Background(), []string{filepath.Join(corpus, "tune"), dev})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed() != 1 || sum.Failures[0].Path != dev || !strings.Contains(sum.Failures[0].Reason, "refused") {
		t.Errorf("failures %+v", sum.Failures)
	}
	if sum.Written != sum.Articles-1 || store.writes < 2 {
		t.Errorf("summary %s after %d writes", sum, store.writes)
	}
}

// down is a store that cannot be reached.
type down struct{ kg.Store }

func (down) ArticleHashes(context.Context, []kg.ID) (map[kg.ID]string, error) {
	return nil, kg.Errorf(kg.Unavailable, "store down")
}

func TestAnUnreachableStoreStopsTheRun(t *testing.T) {
	p := pipeline(t, down{openStore(t)}, nil)
	if _, err := p.Run(context.Background(), []string{corpus}); kg.ErrorCode(err) != kg.Unavailable {
		t.Errorf("err = %v", err)
	}
}

func TestIngesterStoresTheArticleOfTheMutation(t *testing.T) {
	store := openStore(t)
	var ing graph.Ingester = ingest.Ingester{P: pipeline(t, store, nil)}
	id, err := ing.Ingest(context.Background(), graph.IngestInput{
		Text:  "La Ville de Roubaix et le RTES ont présenté le budget participatif de Roubaix.",
		URL:   "https://exemple.fr/roubaix",
		Title: "Roubaix", PublishedAt: "2024-05-02", Format: "text",
	})
	if err != nil {
		t.Fatal(err)
	}
	arts, err := store.Articles(context.Background(), []kg.ID{id})
	if err != nil || arts[id].PublishedAt != "2024-05-02" || arts[id].EntityCount < 3 {
		t.Errorf("stored %+v (%v)", arts[id], err)
	}
	if _, err := ing.Ingest(context.Background(), graph.IngestInput{Text: "x", Format: "pdf"}); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("unknown format: %v", err)
	}
}

func TestBundledLoadsTheSampleThroughThePipeline(t *testing.T) {
	store := openStore(t)
	sum, err := pipeline(t, store, nil).Bundled(context.Background())
	if err != nil || sum.Articles != 1 || sum.Written != 1 {
		t.Fatalf("%s (%v)", sum, err)
	}
	got, err := store.Entities(context.Background(), []kg.ID{"org:rtes", "person:christiane-bouchart"})
	if err != nil || len(got) != 2 {
		t.Errorf("entities %v (%v)", got, err)
	}
}

func TestIngestedCommunesRollUpToTheirRegion(t *testing.T) {
	store := openStore(t)
	dir := t.TempDir()
	text := "Titre : Une recyclerie ouvre à Roubaix\nDate : 12 mars 2024\n\n" +
		"L'association Les Ateliers du Réemploi a inauguré sa recyclerie à Roubaix le 12 mars 2024. " +
		"Le projet, soutenu par la Métropole européenne de Lille, emploie douze salariés en insertion.\n"
	if err := os.WriteFile(filepath.Join(dir, "roubaix.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := pipeline(t, store, nil).Run(context.Background(), []string{dir})
	if err != nil || sum.Written != 1 {
		t.Fatalf("run: %v, %s", err, sum)
	}
	ctx := context.Background()
	ents, err := store.Entities(ctx, []kg.ID{"territory:com-59512", "territory:dep-59", "territory:reg-32"})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []kg.ID{"territory:com-59512", "territory:dep-59", "territory:reg-32"} {
		if e, ok := ents[id]; !ok || !e.Reference {
			t.Errorf("%s: stored %v, reference %v; want a reference territory", id, ok, e.Reference)
		}
	}
	if p := ents["territory:com-59512"].Parents; !slices.Contains(p, "territory:dep-59") {
		t.Errorf("Roubaix parents = %v, want its department", p)
	}
	// what the article places in Roubaix is found from the region
	page, err := store.ListEntities(ctx, kg.EntityFilter{Type: kg.TypeTerritory, Territory: "territory:reg-32", IncludeDescendants: true}, kg.EntityOrder{}, kg.PageRequest{First: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(page.Items, func(e kg.Entity) bool { return e.ID == "territory:com-59512" }) {
		t.Errorf("Roubaix is not below Hauts-de-France: %d territories listed", len(page.Items))
	}
	arts, err := store.ListArticles(ctx, kg.ArticleFilter{Territory: "territory:reg-32", IncludeDescendants: true}, kg.ArticleOrder{}, kg.PageRequest{First: 10})
	if err != nil || arts.TotalCount != 1 {
		t.Errorf("articles of the region: %d, %v; want the Roubaix article", arts.TotalCount, err)
	}
}

func TestUnparsableFileIsReportedOnceByNameWithItsReason(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	store := openStore(t)
	sum, err := pipeline(t, store, nil).Run(context.Background(), []string{bad})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if sum.Failed() != 1 {
		t.Fatalf("failures %+v, want one", sum.Failures)
	}
	f := sum.Failures[0]
	if f.Path != bad || strings.Contains(f.Reason, bad) || !strings.Contains(f.Reason, "invalid JSON at line 1") {
		t.Errorf("failure %+v: want the path once, in Path, and the reason with its position", f)
	}
}

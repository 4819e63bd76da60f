package gen_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/gen"
	"github.com/maillage/maillage/internal/kg"
)

// viaJSON returns v as it reads back from JSON (what the files hold).
func viaJSON[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWrittenCorpusReadsBackAsGenerated(t *testing.T) {
	cfg := gen.Config{Articles: 40, Seed: 11}
	c, err := gen.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "corpus") // created by Write
	m, err := gen.Write(context.Background(), dir, c, gen.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	items := generate(t, cfg)
	graphs, err := gen.Load(dir)
	if err != nil || len(graphs) != len(items) {
		t.Fatalf("Load: %d graphs, %v", len(graphs), err)
	}
	counter := gen.NewCounter()
	for i, it := range items {
		if !reflect.DeepEqual(graphs[i], viaJSON(t, it.Graph)) {
			t.Fatalf("graph %d reads back differently", i)
		}
		counter.Add(it.Graph)
	}
	i := 0
	for rec, err := range gen.ReadArticles(dir) {
		if err != nil || !reflect.DeepEqual(rec, items[i].Record) {
			t.Fatalf("record %d reads back differently (%v)", i, err)
		}
		i++
	}
	if i != len(items) {
		t.Fatalf("%d records read back, want %d", i, len(items))
	}
	ref, err := gen.LoadReference(dir)
	if err != nil || !reflect.DeepEqual(ref, viaJSON(t, c.Reference())) {
		t.Fatalf("reference reads back differently: %v", err)
	}
	back, err := gen.ReadManifest(dir)
	if err != nil || !reflect.DeepEqual(back.Stats, viaJSON(t, counter.Stats())) || back.Config.Articles != 40 || back.Config.Seed != 11 {
		t.Fatalf("manifest %+v reads back differently: %v", back.Config, err)
	}
	var total int64
	for _, name := range []string{gen.GraphsFile, gen.ArticlesFile, gen.ReferenceFile, gen.ManifestFile} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		total += info.Size()
	}
	if m.Bytes != total {
		t.Errorf("Write reports %d bytes, the files hold %d", m.Bytes, total)
	}
}

func TestReadersReportMissingAndCorruptFiles(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	if _, err := gen.Load(missing); kg.ErrorCode(err) != kg.NotFound || !strings.Contains(err.Error(), gen.GraphsFile) {
		t.Errorf("Load of a missing directory: %v", err)
	}
	if _, err := gen.LoadReference(missing); kg.ErrorCode(err) != kg.NotFound {
		t.Errorf("LoadReference of a missing directory: %v", err)
	}
	for _, err := range gen.ReadArticles(missing) {
		if kg.ErrorCode(err) != kg.NotFound {
			t.Errorf("ReadArticles of a missing directory: %v", err)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, gen.GraphsFile), []byte("{\"article\":{\"id\":\"article:1\"}}\n{not json\n"), 0o644)
	n := 0
	var last error
	for _, err := range gen.ReadGraphs(dir) {
		if err != nil {
			last = err
			break
		}
		n++
	}
	if n != 1 || kg.ErrorCode(last) != kg.Invalid || !strings.Contains(last.Error(), "record 2") {
		t.Errorf("corrupt second record: read %d, error %v", n, last)
	}
}

func TestItemsStopWhenTheCallerOrTheContextDoes(t *testing.T) {
	c, err := gen.New(gen.Config{Articles: 500, Seed: 1, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for it := range c.Items(context.Background()) {
		if it.Index != n {
			t.Fatalf("item %d came at position %d", it.Index, n)
		}
		if n++; n == 7 {
			break
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n = 0
	for range c.Items(ctx) {
		if n++; n == 3 {
			cancel()
		}
	}
	if n != 3 {
		t.Errorf("%d items after cancelling at the third", n)
	}
	if _, err := gen.Write(ctx, t.TempDir(), c, gen.WriteOptions{}); kg.ErrorCode(err) != kg.Unavailable {
		t.Errorf("Write with a cancelled context: %v", err)
	}
}

func TestWriteRejectsAnUnknownFormat(t *testing.T) {
	c, err := gen.New(gen.Config{Articles: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gen.Write(context.Background(), t.TempDir(), c, gen.WriteOptions{Format: "xml"}); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("format xml: %v", err)
	}
}

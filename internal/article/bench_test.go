package article_test

import (
	"os"
	"testing"

	"github.com/maillage/maillage/internal/article"
)

func benchParse(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := article.Parse(path, data, article.Auto); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseExportSample measures Parse on the dev sample (MB/s).
func BenchmarkParseExportSample(b *testing.B) { benchParse(b, sampleFile) }

func BenchmarkParseHTML(b *testing.B) { benchParse(b, "testdata/budget-participatif.html") }

func BenchmarkParseMarkdown(b *testing.B) { benchParse(b, "testdata/scic-collectivites.md") }

func BenchmarkParseWindows1252(b *testing.B) { benchParse(b, "testdata/export-cp1252.txt") }

func BenchmarkNewMatchView(b *testing.B) {
	arts, err := article.ReadFile(sampleFile, article.Auto)
	if err != nil {
		b.Fatal(err)
	}
	text := arts[0].Text
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		article.NewMatchView(text)
	}
}

package article_test

import (
	"bytes"
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

// BenchmarkParseLargeExport parses a 1 MB export (the sample's body repeated)
// to show that parsing stays linear in the input size.
func BenchmarkParseLargeExport(b *testing.B) {
	data, err := os.ReadFile(sampleFile)
	if err != nil {
		b.Fatal(err)
	}
	body, trailer, ok := bytes.Cut(data, []byte("\n \n \nDates:"))
	if !ok {
		b.Fatal("sample trailer not found")
	}
	var big bytes.Buffer
	for big.Len() < 1<<20 {
		big.Write(body)
		big.WriteString("\n\n")
	}
	big.WriteString("\n \n \nDates:")
	big.Write(trailer)
	b.SetBytes(int64(big.Len()))
	for b.Loop() {
		if _, err := article.Parse("big.txt", big.Bytes(), article.Auto); err != nil {
			b.Fatal(err)
		}
	}
}

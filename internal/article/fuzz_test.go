package article_test

import (
	"fmt"
	"os"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/kg"
)

// FuzzParse checks that no input makes Parse panic or hang, that every
// string it returns is valid UTF-8, that errors are kg.Invalid, and that the
// match view of every text maps each offset into the text on a rune
// boundary, never going backwards, with span ends after span starts.
func FuzzParse(f *testing.F) {
	for _, in := range goldenInputs(f) {
		data, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0), in)
	}
	f.Add([]byte("dé-\nveloppement Hauts-de-\nFrance https://x.fr/a-\nb?c=1\n ES%20d [1]\n\nLiens\n[1] http://x"), uint8(2), "x.txt")
	f.Add([]byte("Ã©tÃ© â€™ Ã  Å“ ðŸ˜€ \xe9\x92"), uint8(0), "x")
	f.Add([]byte("---\ntitle: [a\n---\n# T\n**b** [l](u)"), uint8(3), "x.md")
	f.Add([]byte("{\"text\": \"<p>a</p>\"}\n[1]\n{"), uint8(6), "x.ndjson")
	f.Fuzz(func(t *testing.T, data []byte, fi uint8, name string) {
		format := article.Formats[int(fi)%len(article.Formats)]
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				// Turn a hang into a crash, so the fuzzer keeps the input.
				panic(fmt.Sprintf("Parse still running after 10s on %q (format %d, name %q)", data, fi, name))
			}
		}()
		arts, err := article.Parse(name, data, format)
		if err != nil && kg.ErrorCode(err) != kg.Invalid {
			t.Fatalf("error is not kg.Invalid: %v", err)
		}
		for _, a := range arts {
			for field, s := range map[string]string{"text": a.Text, "title": a.Title, "url": a.URL, "site": a.Site} {
				if !utf8.ValidString(s) {
					t.Fatalf("%s is not valid UTF-8: %q", field, s)
				}
			}
			for _, s := range append(append([]string{}, a.Themes...), a.Links...) {
				if !utf8.ValidString(s) {
					t.Fatalf("theme or link is not valid UTF-8: %q", s)
				}
			}
			if a.Text == "" || !a.PublishedAt.Valid() || !a.ModifiedAt.Valid() || !a.ID.Valid() {
				t.Fatalf("invalid article: %+v", a)
			}
			v := article.NewMatchView(a.Text)
			if !utf8.ValidString(v.Text) {
				t.Fatalf("match view is not valid UTF-8")
			}
			prev, prevEnd := 0, 0
			for i := 0; i <= len(v.Text); i++ {
				o := v.Orig(i)
				if o < prev || o > len(a.Text) || (o < len(a.Text) && !utf8.RuneStart(a.Text[o])) {
					t.Fatalf("Orig(%d) = %d (previous %d, text length %d)", i, o, prev, len(a.Text))
				}
				e := v.OrigEnd(i)
				if e < prevEnd || e > len(a.Text) || (e < len(a.Text) && !utf8.RuneStart(a.Text[e])) || (i > 0 && e <= prev) {
					t.Fatalf("OrigEnd(%d) = %d (previous end %d, Orig(%d) = %d, text length %d)", i, e, prevEnd, i-1, prev, len(a.Text))
				}
				prev, prevEnd = o, e
			}
			if article.RuneOffset(a.Text, len(a.Text)) != utf8.RuneCountInString(a.Text) {
				t.Fatal("RuneOffset of the end is not the rune count")
			}
		}
	})
}

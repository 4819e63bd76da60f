package article_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/article"
)

func TestMatchViewNormalisesForMatching(t *testing.T) {
	text := "L’efﬁcacité\u00a0: «\u00a0Hauts\u2011de\u2011France\u00a0» — co\u00adopération…\tfin\n\nsuite"
	v := article.NewMatchView(text)
	want := "L'efficacité : \" Hauts-de-France \" - coopération... fin\n\nsuite"
	if v.Text != want {
		t.Fatalf("view = %q\nwant   %q", v.Text, want)
	}
}

func TestMatchViewMapsSpansBackToTheOriginalText(t *testing.T) {
	text := "Le ﬁnancement de l’État\u00a0: 3\u00a0000\u00a0€ pour Mêli\u2011Mêlo."
	v := article.NewMatchView(text)
	for _, w := range []struct{ view, orig string }{
		{"financement", "ﬁnancement"},
		{"l'État", "l’État"},
		{"3 000 €", "3\u00a0000\u00a0€"},
		{"Mêli-Mêlo", "Mêli\u2011Mêlo"},
		{"fi", "ﬁ"},
	} {
		i := strings.Index(v.Text, w.view)
		if i < 0 {
			t.Fatalf("%q not in view %q", w.view, v.Text)
		}
		s, e := v.Span(i, i+len(w.view))
		if text[s:e] != w.orig {
			t.Errorf("span of %q maps to %q, want %q", w.view, text[s:e], w.orig)
		}
	}
	// Offsets inside an expanded ligature map to the ligature's start.
	i := strings.Index(v.Text, "financement")
	if v.Orig(i+1) != strings.Index(text, "ﬁ") {
		t.Errorf("Orig inside ligature = %d", v.Orig(i+1))
	}
	if v.Orig(len(v.Text)) != len(text) || v.Orig(-3) != 0 || v.Orig(len(v.Text)+10) != len(text) {
		t.Error("Orig does not clamp to the text")
	}
}

func TestMatchViewOfPlainTextIsTheTextItself(t *testing.T) {
	text := "Réseau des collectivités (RTES)."
	v := article.NewMatchView(text)
	if v.Text != text {
		t.Fatalf("view changed plain text: %q", v.Text)
	}
	for i := 0; i <= len(text); i++ {
		if o := v.Orig(i); o > i || !utf8.RuneStart(text[min(o, len(text)-1)]) {
			t.Errorf("Orig(%d) = %d", i, o)
		}
	}
}

func TestRuneOffsetsAgreeWithRuneIndexAndByteOffset(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aé ’ﬁ€😀\u00a0Lx\n")
	for n := range 50 {
		var b strings.Builder
		for range r.IntN(1200) {
			b.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		text := b.String()
		ri := article.NewRuneIndex(text)
		for off := -1; off <= len(text)+1; off++ {
			want := utf8.RuneCountInString(text[:max(0, min(off, len(text)))])
			if got := article.RuneOffset(text, off); got != want {
				t.Fatalf("text %d: RuneOffset(%d) = %d, want %d", n, off, got, want)
			}
			if got := ri.Runes(off); got != want {
				t.Fatalf("text %d: RuneIndex.Runes(%d) = %d, want %d", n, off, got, want)
			}
			if off >= 0 && off <= len(text) && (off == len(text) || utf8.RuneStart(text[off])) {
				if back := article.ByteOffset(text, want); back != off {
					t.Fatalf("text %d: ByteOffset(%d) = %d, want %d", n, want, back, off)
				}
			}
		}
	}
}

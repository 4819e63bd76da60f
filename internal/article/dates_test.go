package article_test

import (
	"testing"

	"github.com/maillage/maillage/internal/article"
	"github.com/maillage/maillage/internal/kg"
)

func TestParseFrenchDateReadsWrittenForms(t *testing.T) {
	cases := []struct {
		in   string
		ref  kg.Date
		want kg.Date
	}{
		{"Lundi 16 juillet 2018 - 16:30", "", "2018-07-16"},
		{"16 juillet 2018", "", "2018-07-16"},
		{"1er mars 2024", "", "2024-03-01"},
		{"1ᵉʳ MARS 2024", "", "2024-03-01"},
		{"le 08/08/2018 - 16:10", "", "2018-08-08"},
		{"Publié le 16 juillet 2018 à 16:30", "", "2018-07-16"},
		{"2018-07-16", "", "2018-07-16"},
		{"2018-07-16T23:30:00+02:00", "", "2018-07-16"},
		{"16 juil. 2018", "", "2018-07-16"},
		{"3 fevrier 2022", "", "2022-02-03"},
		{"31/12/99", "", "1999-12-31"},
		{"5.4.2024", "", "2024-04-05"},
		{"le 4 août", "2018-07-16", "2018-08-04"},
		{"le 4 juillet", "2018-07-16", "2018-07-04"},
		{"mardi 21 mars", "2023-03-10", "2023-03-21"},      // weekday agrees with 2023
		{"mardi 21 mars", "2022-12-20", "2023-03-21"},      // the weekday points to 2023, not 2022
		{"jeudi 21 mars", "2023-12-20", "2024-03-21"},      // 2024-03-21 is a Thursday
		{"16 July 2018", "", "2018-07-16"},                 // English month
		{"du 14 au 16 octobre 2024", "", "2024-10-14"},     // a range gives its first day
		{"Vendredi 29 février 2024", "", "2024-02-29"},     // leap day
		{"rendez-vous le 12 juin 2025.", "", "2025-06-12"}, // inside a sentence
	}
	for _, c := range cases {
		got, ok := article.ParseFrenchDate(c.in, c.ref)
		if !ok || got != c.want {
			t.Errorf("ParseFrenchDate(%q, %q) = %q, %v; want %q", c.in, c.ref, got, ok, c.want)
		}
	}
}

func TestParseFrenchDateRefusesIncompleteOrImpossibleDates(t *testing.T) {
	for _, c := range []struct {
		in  string
		ref kg.Date
	}{
		{"à 16:30", "2018-07-16"},
		{"mars 2024", ""},
		{"le 4 juillet", ""},          // no year and no reference
		{"30 février 2024", ""},       // no such day
		{"32 mars 2024", ""},          // no such day
		{"10 000 habitants", ""},      // a number, not a date
		{"version 1.2.3.4", ""},       // not a date
		{"le 13/14/2020", ""},         // no 14th month
		{"en 2018, au Ministère", ""}, // a year alone
	} {
		if got, ok := article.ParseFrenchDate(c.in, c.ref); ok {
			t.Errorf("ParseFrenchDate(%q, %q) = %q, want no date", c.in, c.ref, got)
		}
	}
}

func TestParseFrenchDateRangeReadsRanges(t *testing.T) {
	cases := []struct {
		in       string
		ref      kg.Date
		from, to kg.Date
	}{
		{"du 14 au 16 octobre 2024", "", "2024-10-14", "2024-10-16"},
		{"Du lundi 14 au mercredi 16 octobre 2024", "", "2024-10-14", "2024-10-16"},
		{"du 30 septembre au 2 octobre 2024", "", "2024-09-30", "2024-10-02"},
		{"du 28 décembre 2023 au 3 janvier 2024", "", "2023-12-28", "2024-01-03"},
		{"du 28 décembre au 3 janvier 2024", "", "2023-12-28", "2024-01-03"},
		{"14-16 octobre 2024", "", "2024-10-14", "2024-10-16"},
		{"les 14 et 15 octobre", "2024-09-01", "2024-10-14", "2024-10-15"},
		{"entre le 3 et le 5 mai 2023", "", "2023-05-03", "2023-05-05"},
		{"le jeudi 12 et le vendredi 13 mars", "2026-01-27", "2026-03-12", "2026-03-13"},
		{"du 14/10/2024 au 16/10/2024", "", "2024-10-14", "2024-10-16"},
		{"jusqu'au 5 mai 2023", "", "2023-05-05", "2023-05-05"},
		{"le 4 juillet 2018", "", "2018-07-04", "2018-07-04"},
	}
	for _, c := range cases {
		from, to, ok := article.ParseFrenchDateRange(c.in, c.ref)
		if !ok || from != c.from || to != c.to {
			t.Errorf("ParseFrenchDateRange(%q) = %q, %q, %v; want %q, %q", c.in, from, to, ok, c.from, c.to)
		}
	}
}

func TestFindDatesReportsOffsetsAndInference(t *testing.T) {
	text := "Le 4 juillet 2018, la rencontre a eu lieu. La suivante se tiendra du 14 au 16 octobre, puis le mardi 21 mars."
	got := article.FindDates(text, "2018-07-16")
	want := []struct {
		expr     string
		from, to kg.Date
		inferred bool
	}{
		{"4 juillet 2018", "2018-07-04", "2018-07-04", false},
		{"du 14 au 16 octobre", "2018-10-14", "2018-10-16", true},
		{"mardi 21 mars", "2018-03-21", "2018-03-21", true}, // no Tuesday 21 March near 2018: the nearest date
	}
	if len(got) != len(want) {
		t.Fatalf("FindDates found %d dates, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if text[g.Start:g.End] != w.expr || g.From != w.from || g.To != w.to || g.YearInferred != w.inferred {
			t.Errorf("date %d = %q %s..%s inferred=%v; want %q %s..%s inferred=%v", i, text[g.Start:g.End], g.From, g.To, g.YearInferred, w.expr, w.from, w.to, w.inferred)
		}
		if g.Range() != (w.from != w.to) {
			t.Errorf("date %d: Range() = %v", i, g.Range())
		}
	}
}

package kg_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

func TestFiltersRejectBadArgumentsNamingThem(t *testing.T) {
	cases := []struct {
		name string
		err  error
		arg  string
	}{
		{"unknown type", kg.EntityFilter{Type: "Animal"}.Validate(), "filter.type"},
		{"territory of another type", kg.EntityFilter{Type: kg.TypeOrganization, Territory: "org:rtes"}.Validate(), "filter.territory"},
		{"partOf not an entity", kg.EntityFilter{Type: kg.TypeEvent, PartOf: "nonsense"}.Validate(), "filter.partOf"},
		{"mentionedIn not an article", kg.EntityFilter{Type: kg.TypePerson, MentionedIn: "org:rtes"}.Validate(), "filter.mentionedIn"},
		{"bad from date", kg.EntityFilter{Type: kg.TypeEvent, From: "2024-13-01"}.Validate(), "filter.from"},
		{"bad to date", kg.ArticleFilter{To: "demain"}.Validate(), "filter.to"},
		{"theme of another type", kg.ArticleFilter{Themes: []kg.ID{"theme:ess", "org:rtes"}}.Validate(), "filter.themes"},
		{"article mentions nothing valid", kg.ArticleFilter{Mentions: "article:"}.Validate(), "filter.mentions"},
	}
	for _, c := range cases {
		if kg.ErrorCode(c.err) != kg.Invalid || !strings.HasPrefix(kg.ErrorMessage(c.err), c.arg+":") {
			t.Errorf("%s: got %v (code %q), want an invalid error naming %s", c.name, c.err, kg.ErrorCode(c.err), c.arg)
		}
	}
	ok := []error{
		kg.EntityFilter{Type: kg.TypeInitiative, Territory: kg.TerritoryID("region", "32"), Themes: []kg.ID{"theme:ess"}, From: "2024-01-01"}.Validate(),
		kg.ArticleFilter{Mentions: "org:rtes", To: "2025-12-31"}.Validate(),
	}
	for i, err := range ok {
		if err != nil {
			t.Errorf("valid filter %d refused: %v", i, err)
		}
	}
}

func TestSearchQueryNeedsALetterAndKnownTypes(t *testing.T) {
	if f, err := (kg.SearchQuery{Text: "  Crèche Mêli-Mêlo "}).Validate(); err != nil || f != "creche meli melo" {
		t.Errorf("got %q, %v; want the folded text", f, err)
	}
	if _, err := (kg.SearchQuery{Text: "-- ’ --"}).Validate(); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("punctuation only: got %v, want invalid", err)
	}
	if _, err := (kg.SearchQuery{Text: "rtes", Types: []kg.EntityType{"Animal"}}).Validate(); kg.ErrorCode(err) != kg.Invalid || !strings.Contains(kg.ErrorMessage(err), "Animal") {
		t.Errorf("unknown type: got %v, want invalid naming it", err)
	}
}

func TestSearchCursorRoundTripsAndOrdersLikeTheRanking(t *testing.T) {
	keys := []kg.SearchKey{
		{Rank: kg.RankPartial, Mentions: 90, Name: "a", ID: "org:a"},
		{Rank: kg.RankExact, Mentions: 1, Name: "z", ID: "org:z"},
		{Rank: kg.RankExact, Mentions: 5, Name: "l'été, \"x\"", ID: "org:y"},
		{Rank: kg.RankExact, Mentions: 5, Name: "l'été, \"x\"", ID: "org:x"},
	}
	slices.SortFunc(keys, kg.SearchKey.Compare)
	want := []kg.ID{"org:x", "org:y", "org:z", "org:a"}
	for i, k := range keys {
		if k.ID != want[i] {
			t.Fatalf("order %d: got %s, want %s", i, k.ID, want[i])
		}
		back, err := kg.DecodeSearchCursor(k.Cursor())
		if err != nil || back != k {
			t.Errorf("round trip of %+v: got %+v, %v", k, back, err)
		}
	}
	foreign := kg.EncodeCursor("entities/Organization/NAME/ASC", "x", "org:x")
	for _, c := range []string{"", "!!", foreign, kg.EncodeCursor("search", "one", "2", "n", "org:n")} {
		if _, err := kg.DecodeSearchCursor(c); kg.ErrorCode(err) != kg.Invalid || !strings.HasPrefix(kg.ErrorMessage(err), "after:") {
			t.Errorf("cursor %q: got %v, want invalid naming after", c, err)
		}
	}
}

func TestNewestFirstPutsUndatedLast(t *testing.T) {
	dates := []kg.Date{"", "2023-05-01", "2025-01-02", "", "2024-12-31"}
	slices.SortFunc(dates, kg.CompareNewestFirst)
	want := []kg.Date{"2025-01-02", "2024-12-31", "2023-05-01", "", ""}
	if !slices.Equal(dates, want) {
		t.Errorf("got %v, want %v", dates, want)
	}
}

func TestValidateReferenceNamesTheEntity(t *testing.T) {
	good := kg.Entity{ID: kg.TerritoryID("region", "32"), Type: kg.TypeTerritory, Name: "Hauts-de-France"}
	if err := kg.ValidateReference(good); err != nil {
		t.Fatalf("valid reference refused: %v", err)
	}
	bad := []kg.Entity{
		{ID: "article:abc", Type: kg.TypeTerritory, Name: "x"},
		{ID: good.ID, Type: kg.TypeOrganization, Name: "x"},
		{ID: good.ID, Type: kg.TypeTerritory, Name: " - "},
		{ID: good.ID, Type: kg.TypeTerritory, Name: strings.Repeat("n", kg.MaxNameLength+1)},
		{ID: good.ID, Type: kg.TypeTerritory, Name: "x", Aliases: []string{"\xff"}},
		{ID: good.ID, Type: kg.TypeTerritory, Name: "x", StartDate: "hier"},
		{ID: "theme:ess", Type: kg.TypeTheme, Name: "ESS", Broader: []kg.ID{"org:rtes"}},
	}
	for i, e := range bad {
		if err := kg.ValidateReference(e); kg.ErrorCode(err) != kg.Invalid {
			t.Errorf("case %d: got %v, want invalid", i, err)
		}
	}
}

func TestRelationQueryDefaultsToBothAndRefusesUnknownValues(t *testing.T) {
	q, err := kg.RelationQuery{Types: []kg.RelationType{kg.HoldsRole}}.Normalize()
	if err != nil || q.Direction != kg.Both {
		t.Errorf("got %+v, %v; want direction Both", q, err)
	}
	bad := map[string]kg.RelationQuery{
		"direction":  {Direction: "SIDEWAYS"},
		"types":      {Types: []kg.RelationType{"LIKES"}},
		"otherTypes": {OtherTypes: []kg.EntityType{"Animal"}},
		"limit":      {Limit: -1},
	}
	for arg, q := range bad {
		if _, err := q.Normalize(); kg.ErrorCode(err) != kg.Invalid || !strings.HasPrefix(kg.ErrorMessage(err), arg+":") {
			t.Errorf("%s: got %v, want invalid naming %s", arg, err, arg)
		}
	}
	if err := (kg.CoMentionQuery{Types: []kg.EntityType{"Animal"}}).Validate(); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("co-mention type: got %v, want invalid", err)
	}
	if err := (kg.CoMentionQuery{Limit: -2}).Validate(); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("co-mention limit: got %v, want invalid", err)
	}
}

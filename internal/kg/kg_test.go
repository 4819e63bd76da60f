package kg_test

import (
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

func TestFoldMatchesCorpusRules(t *testing.T) {
	cases := map[string]string{
		"Crèche Mêli-Mêlo":                   "creche meli melo",
		"  l’Économie  sociale & solidaire ": "l economie sociale solidaire",
		"Œuvre d'Æsop":                       "oeuvre d aesop",
		"RTES":                               "rtes",
		"Hauts-de-France":                    "hauts de france",
		"---":                                "",
		"7ième rencontre":                    "7ieme rencontre",
	}
	for in, want := range cases {
		if got := kg.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlugIsBoundedAndReadable(t *testing.T) {
	if got := kg.Slug("Réseau des collectivités Territoriales"); got != "reseau-des-collectivites-territoriales" {
		t.Errorf("Slug = %q", got)
	}
	long := strings.Repeat("très long nom ", 40)
	if s := kg.Slug(long); len(s) > 80 || strings.HasSuffix(s, "-") {
		t.Errorf("long slug %q (%d bytes)", s, len(s))
	}
}

func TestIDsAreTyped(t *testing.T) {
	if id := kg.NewEntityID(kg.TypeOrganization, "RTES"); id != "org:rtes" || id.EntityType() != kg.TypeOrganization {
		t.Errorf("org id = %q type %q", id, id.EntityType())
	}
	if id := kg.TerritoryID(kg.LevelRegion, "32"); id != "territory:reg-32" || !id.Valid() {
		t.Errorf("territory id = %q", id)
	}
	if id := kg.NewEventID("2018-07-04", "7e Rencontre nationale"); id != "event:2018-07-04-7e-rencontre-nationale" {
		t.Errorf("event id = %q", id)
	}
	a := kg.ArticleID("https://irev.fr/x", "")
	if !a.IsArticle() || len(a) != len("article:")+12 || a != kg.ArticleID("https://irev.fr/x", "other") {
		t.Errorf("article id = %q", a)
	}
	for _, bad := range []kg.ID{"", "org", "nope:x", "org:", "org:a b"} {
		if bad.Valid() {
			t.Errorf("%q should be invalid", bad)
		}
	}
}

func TestMatchRankOrdersExactPrefixPartial(t *testing.T) {
	cases := []struct {
		q, name string
		rank    kg.SearchRank
		ok      bool
	}{
		{"rtes", "rtes", kg.RankExact, true},
		{"creche meli", "creche meli melo", kg.RankPrefix, true},
		{"meli melo", "creche meli melo", kg.RankPartial, true},
		{"cre mel", "creche cooperative meli melo", kg.RankPartial, true},
		{"rtes", "reseau territorial", 0, false},
	}
	for _, c := range cases {
		r, ok := kg.MatchRank(c.q, c.name)
		if ok != c.ok || (ok && r != c.rank) {
			t.Errorf("MatchRank(%q, %q) = %v %v, want %v %v", c.q, c.name, r, ok, c.rank, c.ok)
		}
	}
}

func TestCursorRoundTripAndRejectsForeignCursors(t *testing.T) {
	c := kg.EncodeCursor("org:NAME:ASC", "rtes", "org:rtes")
	parts, err := kg.DecodeCursor(c, "org:NAME:ASC", 2)
	if err != nil || parts[0] != "rtes" || parts[1] != "org:rtes" {
		t.Fatalf("decode = %v %v", parts, err)
	}
	for _, bad := range []string{"!!", "e30", c + "x"} {
		if _, err := kg.DecodeCursor(bad, "org:NAME:ASC", 2); kg.ErrorCode(err) != kg.Invalid {
			t.Errorf("cursor %q: err %v", bad, err)
		}
	}
	if _, err := kg.DecodeCursor(c, "person:NAME:ASC", 2); kg.ErrorCode(err) != kg.Invalid || !strings.Contains(err.Error(), "after") {
		t.Errorf("foreign cursor accepted: %v", err)
	}
}

func TestMergeEntityIsOrderIndependentGivenPrecedence(t *testing.T) {
	a := kg.Entity{ID: "org:rtes", Type: kg.TypeOrganization, Name: "RTES", Aliases: []string{"Réseau"}}
	b := kg.Entity{ID: "org:rtes", Type: kg.TypeOrganization, Name: "rtes", Kind: "network", Acronym: "RTES", Aliases: []string{"réseau", "Le réseau"}}
	m := kg.MergeEntity([]kg.Entity{a, b})
	if m.Name != "RTES" || m.Kind != "network" || len(m.Aliases) != 2 || m.Aliases[0] != "Le réseau" || m.Aliases[1] != "Réseau" {
		t.Errorf("merged = %+v", m)
	}
}

func TestValidateGraphNamesTheFault(t *testing.T) {
	art := kg.Article{ID: kg.ArticleID("u", ""), Text: "Louis préside le fonds."}
	person := kg.Entity{ID: "person:louis", Type: kg.TypePerson, Name: "Louis"}
	ok := kg.ArticleGraph{Article: art, Entities: []kg.Entity{person},
		Mentions: []kg.Mention{{ArticleID: art.ID, EntityID: person.ID, Spans: []kg.Span{{Start: 0, End: 5, Text: "Louis"}}}}}
	if err := kg.ValidateGraph(ok, nil); err != nil {
		t.Fatalf("valid graph rejected: %v", err)
	}
	bad := ok
	bad.Mentions = []kg.Mention{{ArticleID: art.ID, EntityID: person.ID, Spans: []kg.Span{{Start: 0, End: 500}}}}
	if err := kg.ValidateGraph(bad, nil); kg.ErrorCode(err) != kg.Invalid || !strings.Contains(err.Error(), "outside the text") {
		t.Errorf("span outside text: %v", err)
	}
	bad = ok
	bad.Relations = []kg.Relation{{Type: kg.HoldsRole, From: person.ID, To: "org:x"}}
	if err := kg.ValidateGraph(bad, nil); kg.ErrorCode(err) != kg.Invalid || !strings.Contains(err.Error(), "org:x") && !strings.Contains(err.Error(), "not among") {
		t.Errorf("unknown endpoint: %v", err)
	}
	if err := kg.ValidateGraph(bad, func(id kg.ID) bool { return id == "org:x" }); err != nil {
		t.Errorf("known reference endpoint rejected: %v", err)
	}
	bad = ok
	bad.Relations = []kg.Relation{{Type: kg.Governs, From: person.ID, To: person.ID}}
	if err := kg.ValidateGraph(bad, nil); kg.ErrorCode(err) != kg.Invalid {
		t.Errorf("mistyped relation accepted: %v", err)
	}
}

func TestErrorsMaskInternals(t *testing.T) {
	err := kg.WrapError(kg.Internal, errTest("db exploded"), "upsert")
	if kg.ErrorCode(err) != kg.Internal || kg.ErrorMessage(err) != "internal error" {
		t.Errorf("internal not masked: %v %q", kg.ErrorCode(err), kg.ErrorMessage(err))
	}
	if kg.ErrorCode(errTest("x")) != kg.Internal {
		t.Error("plain error should be internal")
	}
	nf := kg.Errorf(kg.NotFound, "no entity %q", "org:x")
	if kg.ErrorMessage(nf) != `no entity "org:x"` {
		t.Errorf("message = %q", kg.ErrorMessage(nf))
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

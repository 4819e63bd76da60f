package graph_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

// walk pages through a connection field with `first: size`, following
// endCursor, and returns the ids seen and the totalCount of each page.
func walk(t *testing.T, e *env, query string, size int, pick func(data map[string]any) idConnection) ([]string, []int) {
	t.Helper()
	var seen []string
	var totals []int
	var after *string
	for pages := 0; ; pages++ {
		if pages > 50 {
			t.Fatal("pagination does not end")
		}
		var data map[string]any
		vars := map[string]any{"first": size, "after": after}
		e.query(query, vars, &data)
		c := pick(data)
		if len(c.Edges) > size {
			t.Fatalf("page of %d items for first: %d", len(c.Edges), size)
		}
		if pages > 0 && !c.PageInfo.HasPreviousPage {
			t.Errorf("page %d after a cursor says hasPreviousPage false", pages)
		}
		seen = append(seen, c.ids()...)
		totals = append(totals, c.TotalCount)
		if len(c.Edges) > 0 && (c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor ||
			c.PageInfo.StartCursor == nil || *c.PageInfo.StartCursor != c.Edges[0].Cursor) {
			t.Errorf("start/end cursors do not match the edges: %+v", c.PageInfo)
		}
		if !c.PageInfo.HasNextPage {
			return seen, totals
		}
		after = c.PageInfo.EndCursor
	}
}

// decode re-decodes part of a generic response into a connection.
func decode(t *testing.T, v any) idConnection {
	t.Helper()
	var c idConnection
	remarshal(t, v, &c)
	return c
}

func TestCursorsWalkWholeListsPageByPage(t *testing.T) {
	e := corpusEnv(t)
	cases := []struct {
		name, query string
		pick        func(map[string]any) idConnection
	}{
		{"territories", `query($first: Int, $after: String) { territories(first: $first, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
			func(d map[string]any) idConnection { return decode(t, d["territories"]) }},
		{"articles by title", `query($first: Int, $after: String) { articles(orderBy: {field: TITLE}, first: $first, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
			func(d map[string]any) idConnection { return decode(t, d["articles"]) }},
		{"nested relations", `query($first: Int, $after: String) { organization(id: "org:le-fil-rouge") { relations(first: $first, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node: other { id } } } } }`,
			func(d map[string]any) idConnection { return decode(t, d["organization"].(map[string]any)["relations"]) }},
		{"nested children", `query($first: Int, $after: String) { territory(id: "territory:dep-59") { children(first: $first, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } } }`,
			func(d map[string]any) idConnection { return decode(t, d["territory"].(map[string]any)["children"]) }},
		{"nested article entities", fmt.Sprintf(`query($first: Int, $after: String) { article(id: %q) { entities(first: $first, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } } }`, artForum),
			func(d map[string]any) idConnection { return decode(t, d["article"].(map[string]any)["entities"]) }},
		{"search", `query($first: Int, $after: String) { search(query: "r", first: $first, after: $after) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
			func(d map[string]any) idConnection { return decode(t, d["search"]) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			all, totals := walk(t, e, c.query, 100, c.pick)
			if len(all) < 3 {
				t.Fatalf("the whole list has only %d items: the test needs more", len(all))
			}
			for _, size := range []int{1, 2} {
				got, pageTotals := walk(t, e, c.query, size, c.pick)
				if !slices.Equal(got, all) {
					t.Errorf("first: %d walked %v, want %v", size, got, all)
				}
				for _, n := range pageTotals {
					if n != totals[0] || n != len(all) {
						t.Errorf("first: %d: totalCount %d on a page, list has %d", size, n, len(all))
					}
				}
			}
		})
	}
}

func TestDefaultPageSizeAndFirstZero(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Default idConnection `json:"default"`
		Zero    idConnection `json:"zero"`
	}
	e.query(`{ default: territories { totalCount pageInfo { hasNextPage } edges { node { id } } }
	           zero: territories(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, nil, &data)
	if len(data.Default.Edges) != 12 || data.Default.PageInfo.HasNextPage {
		t.Errorf("12 territories under the default page size of 20: got %d, next %v", len(data.Default.Edges), data.Default.PageInfo.HasNextPage)
	}
	if len(data.Zero.Edges) != 0 || data.Zero.TotalCount != 12 || data.Zero.PageInfo.EndCursor != nil {
		t.Errorf("first: 0 = %+v", data.Zero)
	}
}

func TestFirstAboveTheMaximumIsInvalidSayingTheLimit(t *testing.T) {
	e := corpusEnv(t)
	for _, q := range []string{
		`{ organizations(first: 101) { totalCount } }`,
		`{ articles(first: 5000) { totalCount } }`,
		`{ search(query: "lille", first: 200) { totalCount } }`,
		`{ organization(id: "org:le-fil-rouge") { relations(first: 500) { totalCount } } }`,
		`{ organization(id: "org:le-fil-rouge") { mentions(first: 101) { totalCount } } }`,
		`{ organization(id: "org:le-fil-rouge") { coMentioned(first: 101) { sharedArticles } } }`,
		`{ territory(id: "territory:dep-59") { children(first: 101) { totalCount } } }`,
	} {
		got, _ := e.failing(q, nil)
		expectError(t, got, "invalid", "first: at most 100")
	}
	got, _ := e.failing(`{ territories(first: -1) { totalCount } }`, nil)
	expectError(t, got, "invalid", "first:", "-1")
}

func TestMalformedOrForeignCursorIsInvalidNamingAfter(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Territories idConnection `json:"territories"`
	}
	e.query(`{ territories(first: 1) { edges { cursor node { id } } } }`, nil, &data)
	foreign := data.Territories.Edges[0].Cursor
	for _, q := range []string{
		`{ organizations(after: "pas un curseur") { totalCount } }`,
		`{ organizations(after: "` + foreign + `") { totalCount } }`,
		`{ organization(id: "org:le-fil-rouge") { relations(after: "%%%") { totalCount } } }`,
		`{ organization(id: "org:le-fil-rouge") { relations(after: "` + foreign + `") { totalCount } } }`,
		`{ organization(id: "org:le-fil-rouge") { mentions(after: "` + kg.EncodeCursor("mentions:newest", "hier", "x") + `") { totalCount } } }`,
		`{ article(id: "` + string(artForum) + `") { entities(after: "` + kg.EncodeCursor("entities:count", "beaucoup", "x") + `") { totalCount } } }`,
	} {
		got, _ := e.failing(q, nil)
		expectError(t, got, "invalid", "after")
	}
}

func TestEntityFiltersAndOrderingsAreMapped(t *testing.T) {
	e := corpusEnv(t)
	run := func(args string) []string {
		t.Helper()
		var data struct {
			Organizations idConnection `json:"organizations"`
		}
		e.query(`{ organizations(`+args+`, first: 100) { totalCount edges { node { id } } } }`, nil, &data)
		if data.Organizations.TotalCount != len(data.Organizations.Edges) {
			t.Errorf("%s: totalCount %d for %d items", args, data.Organizations.TotalCount, len(data.Organizations.Edges))
		}
		return data.Organizations.ids()
	}
	sameIDs(t, "kinds", run(`filter: {kinds: ["association"]}`), chantiers, jardins)
	sameIDs(t, "text (accents and case ignored)", run(`filter: {text: "departement"}`), dep62Org)
	sameIDs(t, "alias text", run(`filter: {text: "fil rouge"}`), filRouge)
	sameIDs(t, "territory with descendants", run(`filter: {territory: "territory:dep-62"}`), chantiers, dep62Org)
	sameIDs(t, "territory without descendants", run(`filter: {territory: "territory:dep-62", includeDescendants: false}`), dep62Org)
	sameIDs(t, "mentionedIn", run(fmt.Sprintf(`filter: {mentionedIn: %q}`, artArras)), chantiers, dep62Org)
	sameIDs(t, "themes", run(`filter: {themes: ["theme:insertion-par-l-activite-economique"]}`), chantiers, dep62Org)
	sameIDs(t, "from", run(`filter: {from: "2024-04-01"}`), filRouge, jardins)
	sameIDs(t, "to", run(`filter: {to: "2023-12-31"}`), chantiers, dep62Org)
	sameIDs(t, "name descending", run(`orderBy: {field: NAME, direction: DESC}`), villeRbx, jardins, filRouge, dep62Org, chantiers)

	// Mention counts: Jardins 5, Fil Rouge 4, Ville de Roubaix 2, Département 2, Chantiers 1;
	// descending by default, ties by id.
	sameIDs(t, "mention count", run(`orderBy: {field: MENTION_COUNT}`), jardins, filRouge, dep62Org, villeRbx, chantiers)
	sameIDs(t, "mention count ascending", run(`orderBy: {field: MENTION_COUNT, direction: ASC}`), chantiers, dep62Org, villeRbx, filRouge, jardins)
	sameIDs(t, "last mentioned", run(`orderBy: {field: LAST_MENTIONED}`), filRouge, jardins, villeRbx, chantiers, dep62Org)
	sameIDs(t, "first mentioned ascending", run(`orderBy: {field: FIRST_MENTIONED, direction: ASC}`), chantiers, dep62Org, filRouge, jardins, villeRbx)

	var data struct {
		People      idConnection `json:"people"`
		Events      idConnection `json:"events"`
		Initiatives idConnection `json:"initiatives"`
		Themes      idConnection `json:"themes"`
		Levels      idConnection `json:"levels"`
		Within      idConnection `json:"within"`
		Children    idConnection `json:"children"`
	}
	e.query(`{
	  people(filter: {territory: "territory:reg-32"}) { edges { node { id } } }
	  events(filter: {from: "2024-03-01", to: "2024-03-31"}) { edges { node { id } } }
	  initiatives(filter: {kinds: ["third_place"]}) { edges { node { id } } }
	  themes(filter: {text: "ess"}) { edges { node { id } } }
	  levels: territories(filter: {levels: [DEPARTMENT]}) { edges { node { id } } }
	  within: territories(filter: {territory: "territory:dep-59"}) { edges { node { id } } }
	  children: territories(filter: {partOf: "territory:reg-32"}) { edges { node { id } } }
	}`, nil, &data)
	sameIDs(t, "people placed nowhere", data.People.ids())
	sameIDs(t, "events in March 2024", data.Events.ids(), forum)
	sameIDs(t, "third places", data.Initiatives.ids(), tiersLieu)
	sameIDs(t, "themes by alias", data.Themes.ids(), themeESS)
	sameIDs(t, "departments", data.Levels.ids(), dep59, dep62, dep69)
	sameIDs(t, "territories within the Nord", data.Within.ids(), qpvAlma, lille, epciMEL, dep59, roubaix)
	sameIDs(t, "regions' children", data.Children.ids(), dep59, dep62)
}

func TestArticleFiltersAndOrderingsAreMapped(t *testing.T) {
	e := corpusEnv(t)
	run := func(args string) []string {
		t.Helper()
		var data struct {
			Articles idConnection `json:"articles"`
		}
		e.query(`{ articles(`+args+`) { totalCount edges { node { id } } } }`, nil, &data)
		return data.Articles.ids()
	}
	// Newest first by default, undated last... before any date when ascending.
	sameIDs(t, "default", run(`first: 10`), artFilRouge, artForum, artArras, artJournee)
	sameIDs(t, "published ascending", run(`orderBy: {field: PUBLISHED_AT, direction: ASC}`), artJournee, artArras, artForum, artFilRouge)
	sameIDs(t, "title", run(`orderBy: {field: TITLE}`), artArras, artFilRouge, artForum, artJournee)
	sameIDs(t, "site", run(`filter: {site: "AUTRE.org"}`), artArras)
	sameIDs(t, "text", run(`filter: {text: "tiers lieu"}`), artFilRouge)
	sameIDs(t, "themes", run(`filter: {themes: ["theme:participation-citoyenne"]}`), artForum, artJournee)
	sameIDs(t, "mentions", run(`filter: {mentions: "org:les-jardins-du-quai"}`), artFilRouge, artForum)
	sameIDs(t, "territory", run(`filter: {territory: "territory:dep-59"}`), artFilRouge, artForum)
	sameIDs(t, "dates", run(`filter: {from: "2024-01-01", to: "2024-04-30"}`), artForum)
}

func TestFilterIDsOfTheWrongKindAreInvalid(t *testing.T) {
	e := corpusEnv(t)
	for q, parts := range map[string][]string{
		`{ organizations(filter: {territory: "org:le-fil-rouge"}) { totalCount } }`:           {"filter.territory", "org:le-fil-rouge"},
		`{ organizations(filter: {themes: ["territory:fr"]}) { totalCount } }`:                {"filter.themes", "territory:fr"},
		`{ people(filter: {mentionedIn: "org:x"}) { totalCount } }`:                           {"filter.mentionedIn"},
		`{ articles(filter: {mentions: "article:0bb3d2ba6f62"}) { totalCount } }`:             {"filter.mentions"},
		`{ territory(id: "territory:fr") { initiatives(themes: ["org:x"]) { totalCount } } }`: {"themes"},
	} {
		got, _ := e.failing(q, nil)
		expectError(t, got, "invalid", parts...)
	}
}

func TestInvalidDatesAreInvalidNamingTheArgument(t *testing.T) {
	e := corpusEnv(t)
	for q, arg := range map[string]string{
		`{ articles(filter: {from: "2024-13-01"}) { totalCount } }`:                                            "from",
		`{ organizations(filter: {to: "hier"}) { totalCount } }`:                                               "to",
		`{ theme(id: "theme:economie-sociale-et-solidaire") { articles(from: "2024/01/01") { totalCount } } }`: "from",
		`query($d: Date) { territories(filter: {from: $d}) { totalCount } }`:                                   "from",
	} {
		got, _ := e.failing(q, map[string]any{"d": "31-12-2024"})
		expectError(t, got, "invalid", arg+": ", "YYYY-MM-DD")
	}
}

func TestSearchIsAccentInsensitiveRankedAndFiltered(t *testing.T) {
	e := corpusEnv(t)
	type hit struct {
		Rank        string `json:"rank"`
		MatchedName string `json:"matchedName"`
		Node        idName `json:"node"`
	}
	var data struct {
		Exact struct {
			TotalCount int   `json:"totalCount"`
			Edges      []hit `json:"edges"`
		} `json:"exact"`
		Prefix struct {
			Edges []hit `json:"edges"`
		} `json:"prefix"`
		Typed struct {
			Edges []hit `json:"edges"`
		} `json:"typed"`
	}
	e.query(`{
	  exact: search(query: "AMELIE durand") { totalCount edges { rank matchedName node { id __typename } } }
	  prefix: search(query: "roub") { edges { rank matchedName node { id __typename } } }
	  typed: search(query: "economie", types: [EVENT]) { edges { rank matchedName node { id __typename } } }
	}`, nil, &data)
	if data.Exact.TotalCount != 1 || data.Exact.Edges[0].Rank != "EXACT" || data.Exact.Edges[0].Node.ID != string(amelie) ||
		data.Exact.Edges[0].MatchedName != "Amélie Durand" || data.Exact.Edges[0].Node.Typename != "Person" {
		t.Errorf("exact: %+v", data.Exact)
	}
	p := data.Prefix.Edges
	if len(p) < 2 || p[0].Node.ID != string(roubaix) || p[0].Rank != "PREFIX" {
		t.Errorf("prefix: %+v", p)
	}
	for i := 1; i < len(p); i++ {
		if rankOrder(p[i].Rank) < rankOrder(p[i-1].Rank) {
			t.Errorf("hits not ranked: %+v", p)
		}
	}
	if len(data.Typed.Edges) != 1 || data.Typed.Edges[0].Node.ID != string(forum) || data.Typed.Edges[0].Rank != "PARTIAL" {
		t.Errorf("typed: %+v", data.Typed)
	}
	got, _ := e.failing(`{ search(query: " -- ") { totalCount } }`, nil)
	expectError(t, got, "invalid", "query")
}

func rankOrder(r string) int { return strings.Index("EXACT PREFIX PARTIAL", r) }

func TestUnknownEnumsAndFilterFieldsAreValidationErrors(t *testing.T) {
	e := corpusEnv(t)
	for _, q := range []string{
		`{ organizations(orderBy: {field: POPULARITY}) { totalCount } }`,
		`{ organizations(filter: {colour: "red"}) { totalCount } }`,
		`{ search(query: "x", types: [COMPANY]) { totalCount } }`,
		`{ organization(id: "org:le-fil-rouge") { relations(types: [KNOWS]) { totalCount } } }`,
		`{ organizations { nonexistent } }`,
	} {
		res := e.do(q, nil)
		if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("%s: %+v", q, res.Errors)
		}
		if string(res.Data) != "" && string(res.Data) != "null" {
			t.Errorf("%s: data %s despite a validation error", q, res.Data)
		}
	}
	// An unknown enum in variables is refused before execution too.
	res := e.do(`query($o: EntityOrder) { organizations(orderBy: $o) { totalCount } }`, map[string]any{"o": map[string]any{"field": "SIZE"}})
	if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
		t.Errorf("variable with an unknown enum: %+v", res.Errors)
	}
}

package graph_test

import (
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
)

var communes = []kg.ID{lille, roubaix, arras, lyon}

// networkCorpus invents n associations, one article each: the association,
// its president, the meeting it attends (one of five) and its commune. Every
// association has three relations (LOCATED_IN, HOLDS_ROLE in, PARTICIPATED_IN)
// and each related entity has territories of its own (the meeting is HELD_AT
// a commune, the commune is PART_OF its department).
func networkCorpus(t testing.TB, n int) []kg.ArticleGraph {
	t.Helper()
	var out []kg.ArticleGraph
	for i := range n {
		orgName := fmt.Sprintf("Association numéro %02d", i)
		personName := fmt.Sprintf("Camille Numéro%02d", i)
		meetingName := fmt.Sprintf("Rencontre des voisins %d", i%5)
		c := communes[i%len(communes)]
		cname := map[kg.ID]string{lille: "Lille", roubaix: "Roubaix", arras: "Arras", lyon: "Lyon"}[c]
		meetingPlace := communes[(i%5)%len(communes)]
		text := fmt.Sprintf("L'%s est installée à %s. %s, présidente de l'%s, parle à la %s.", orgName, cname, personName, orgName, meetingName)
		orgID := kg.NewEntityID(kg.TypeOrganization, orgName)
		personID := kg.NewEntityID(kg.TypePerson, personName)
		meetingDate := kg.Date(fmt.Sprintf("2024-09-%02d", 1+i%5))
		meetingID := kg.NewEventID(meetingDate, meetingName)
		b := article(t, kg.Article{URL: fmt.Sprintf("https://exemple.fr/reseau/%02d", i), Title: orgName, PublishedAt: kg.Date(fmt.Sprintf("2024-10-%02d", 1+i%28)), Text: text}).
			entity(org(orgID, orgName, "association"), orgName).
			entity(person(personID, personName), personName).
			entity(kg.Entity{ID: meetingID, Name: meetingName, Kind: "meeting", StartDate: meetingDate}, meetingName).
			entity(ref(c), cname).
			rel(kg.LocatedIn, orgID, c, "", "est installée").
			rel(kg.HoldsRole, personID, orgID, "présidente", "présidente de").
			rel(kg.ParticipatedIn, orgID, meetingID, "", "parle à").
			rel(kg.HeldAt, meetingID, meetingPlace, "", "parle à").
			rel(kg.About, orgID, themeESS, "", "est installée").
			entity(ref(themeESS)).
			themes(themeESS)
		out = append(out, b.g)
	}
	return out
}

const nestedQuery = `query($first: Int!) { organizations(first: $first) { edges { node {
  id name
  relations(first: 20) { edges { type role other {
    id name
    territories { id name }
  } } }
  territories { id name }
} } } }`

const mentionsQuery = `query($first: Int!) { organizations(first: $first) { edges { node {
  mentions { edges { node { count article { title publishedAt } } } }
  coMentioned(first: 5) { sharedArticles entity { id name } }
  people { edges { node { title person { name roles { totalCount } } } } }
} } } }`

const eventsQuery = `query($first: Int!) { organizations(first: $first) { edges { node {
  events { edges { node { type event { name places { name } organizers { edges { node { participant { name } } } } } } } }
  territories { name parent { name } ancestors { name } children { edges { node { name } } } }
  themes { name narrower { name } broader { name } }
  initiatives { edges { node { initiative { name leaders { totalCount } } } } }
} } } }`

const articlesQuery = `query($first: Int!) { articles(first: $first) { edges { node {
  themes { name }
  entities { edges { count node { name territories { name } } } }
  relations { edges { node { type from { name } to { name } articles { title } provenance { article { title } } } evidence { sentence } } }
  mentions { edges { node { entity { name } article { title } } } }
} } } }`

const searchQuery = `query($first: Int!) { search(query: "numero", first: $first) { edges { node {
  name
  ... on Person { roles { edges { node { title organization { name territories { name } } } } } }
  ... on Organization { people { totalCount } coMentioned(types: [PERSON]) { entity { name } } }
} } } }`

// TestNestedQueriesCostStoreCallsBoundedByDepthNotByItemCount counts the
// store calls of nested queries over 10 and 50 root items. With the default
// options, and again with the dataloaders' time batching made useless (a
// 1 ns wait: every load that the prefetcher missed would cost a store call
// of its own), the count must stay within the depth bound and be the same
// for 10 and 50 items.
func TestNestedQueriesCostStoreCallsBoundedByDepthNotByItemCount(t *testing.T) {
	store := counting(openStore(t, networkCorpus(t, 50)))
	for _, o := range []struct {
		name string
		opts graph.Options
	}{
		{"default loaders", graph.Options{}},
		{"no time batching", graph.Options{LoaderWait: time.Nanosecond}},
	} {
		e := newEnv(t, store, o.opts)
		for _, c := range []struct {
			name, query string
			bound       int
			// same: the calls for 50 items must equal those for 10 (else
			// they must not exceed them: with more items, more of what a
			// deeper level needs may already be cached from a shallower one).
			same bool
		}{
			// list → relations → other entities → their territories
			// (relations, then entities; a commune's parents are entities
			// directly).
			{"organizations × relations × related entities × territories", nestedQuery, 8, true},
			// list → mentions → articles; co-mentions → entities; roles →
			// people → roles.
			{"organizations × mentions × articles, co-mentions, people × roles", mentionsQuery, 8, true},
			{"organizations × events × places, organizers; territory hierarchy; themes; initiatives", eventsQuery, 16, false},
			{"articles × themes, entities × territories, relations × ends × articles, mentions", articlesQuery, 12, false},
			{"search × roles × organizations × territories", searchQuery, 8, false},
		} {
			t.Run(o.name+"/"+c.name, func(t *testing.T) {
				calls := map[int]map[string]int{}
				for _, n := range []int{10, 50, 10, 50} {
					var data struct {
						Organizations *struct {
							Edges []struct {
								Node struct {
									Relations struct {
										Edges []struct {
											Other struct {
												Territories []idName `json:"territories"`
											} `json:"other"`
										} `json:"edges"`
									} `json:"relations"`
								} `json:"node"`
							} `json:"edges"`
						} `json:"organizations"`
						Articles *struct {
							Edges []any `json:"edges"`
						} `json:"articles"`
						Search *struct {
							Edges []any `json:"edges"`
						} `json:"search"`
					}
					store.take()
					e.query(c.query, map[string]any{"first": n}, &data)
					perMethod, total := store.take()
					items := 0
					switch {
					case data.Organizations != nil:
						items = len(data.Organizations.Edges)
					case data.Articles != nil:
						items = len(data.Articles.Edges)
					case data.Search != nil:
						items = len(data.Search.Edges)
					}
					if items != n {
						t.Fatalf("first: %d returned %d items", n, items)
					}
					if c.query == nestedQuery {
						related, withTerritories := 0, 0
						for _, o := range data.Organizations.Edges {
							for _, r := range o.Node.Relations.Edges {
								related++
								if len(r.Other.Territories) > 0 {
									withTerritories++
								}
							}
						}
						if related != 4*n || withTerritories != 2*n {
							t.Fatalf("first: %d: %d related entities (%d with territories), want %d (%d)", n, related, withTerritories, 4*n, 2*n)
						}
					}
					t.Logf("first: %d → %d store calls %v", n, total, perMethod)
					if total > c.bound {
						t.Errorf("first: %d cost %d store calls %v, more than the depth bound %d", n, total, perMethod, c.bound)
					}
					if prev, ok := calls[n]; ok && !maps.Equal(prev, perMethod) {
						t.Errorf("first: %d cost %v, then %v", n, prev, perMethod)
					}
					calls[n] = perMethod
				}
				if c.same && !maps.Equal(calls[10], calls[50]) {
					t.Errorf("store calls change with the number of items: 10 → %v, 50 → %v", calls[10], calls[50])
				}
				for m, n := range calls[50] {
					if n > calls[10][m] {
						t.Errorf("%s calls grow with the number of items: 10 → %v, 50 → %v", m, calls[10], calls[50])
					}
				}
				if len(calls[50]) < 3 {
					t.Errorf("suspiciously few store methods used: %v", calls[50])
				}
			})
		}
	}
}

package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
)

// TestHubRelationPagesReadOnlyThePageFromTheStore pages through the
// relations of a hub (the theme every one of 50 associations is ABOUT):
// each request must take at most first+1 relations from the store (the
// page and one to know whether another follows), whether the page is
// asked at the root, under a list, or as a link list, and the walk must
// still yield the whole list in key order with its total count.
func TestHubRelationPagesReadOnlyThePageFromTheStore(t *testing.T) {
	inner := openStore(t, networkCorpus(t, 50))
	store := counting(inner)
	all, err := inner.RelationsOf(t.Context(), []kg.ID{themeESS}, kg.RelationQuery{})
	if err != nil {
		t.Fatal(err)
	}
	hub := all[themeESS]
	if len(hub) < 50 {
		t.Fatalf("the hub has %d relations, want at least 50", len(hub))
	}
	var want []string
	for _, r := range hub {
		other := r.From
		if other == themeESS {
			other = r.To
		}
		want = append(want, string(other))
	}

	for _, o := range []graph.Options{{}, {LoaderWait: time.Nanosecond}} {
		e := newEnv(t, store, o)
		const first = 7
		var got []string
		var after *string
		for page := 0; ; page++ {
			if page > len(hub) {
				t.Fatal("the walk does not end")
			}
			var data struct {
				Theme struct {
					Relations struct {
						TotalCount int
						PageInfo   pageInfo
						Edges      []struct {
							Other struct{ ID string }
						}
					}
				}
			}
			store.take()
			store.takeRelations()
			e.query(`query($after: String) { theme(id: "`+string(themeESS)+`") {
			  relations(first: `+fmt.Sprint(first)+`, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { other { id } } } } }`,
				map[string]any{"after": after}, &data)
			calls, _ := store.take()
			if n := store.takeRelations(); n > first+1 {
				t.Errorf("page %d took %d relations from the store, want at most %d", page, n, first+1)
			}
			if calls["RelationsOf"] != 1 || calls["CountRelations"] != 1 {
				t.Errorf("page %d: store calls %v, want one RelationsOf and one CountRelations", page, calls)
			}
			rels := data.Theme.Relations
			if rels.TotalCount != len(hub) {
				t.Errorf("page %d: totalCount %d, want %d", page, rels.TotalCount, len(hub))
			}
			for _, edge := range rels.Edges {
				got = append(got, edge.Other.ID)
			}
			if !rels.PageInfo.HasNextPage {
				break
			}
			after = rels.PageInfo.EndCursor
		}
		if !slices.Equal(got, want) {
			t.Errorf("walking pages of %d:\n got %v\nwant %v", first, got, want)
		}

		// Only the count asked: no relation read at all.
		var count struct {
			Theme struct{ Relations struct{ TotalCount int } }
		}
		store.take()
		store.takeRelations()
		e.query(`{ theme(id: "`+string(themeESS)+`") { relations { totalCount } } }`, nil, &count)
		calls, _ := store.take()
		if n := store.takeRelations(); n != 0 || calls["RelationsOf"] != 0 || count.Theme.Relations.TotalCount != len(hub) {
			t.Errorf("totalCount alone: %d relations read (calls %v), count %d of %d", n, calls, count.Theme.Relations.TotalCount, len(hub))
		}

		// A page under each item of a list: at most first+1 per item.
		var nested struct {
			Organizations struct {
				Edges []struct {
					Node struct {
						Relations struct{ Edges []any }
					}
				}
			}
		}
		store.takeRelations()
		e.query(`{ organizations(first: 50) { edges { node { relations(first: 1) { edges { type } } } } } }`, nil, &nested)
		if n := store.takeRelations(); n > 50*2 {
			t.Errorf("50 organizations × relations(first: 1) took %d relations from the store, want at most 100", n)
		}
		for _, edge := range nested.Organizations.Edges {
			if len(edge.Node.Relations.Edges) != 1 {
				t.Errorf("an organization shows %d relations, want 1", len(edge.Node.Relations.Edges))
			}
		}

		// A link list of a meeting ten associations attend.
		meeting := kg.NewEventID("2024-09-01", "Rencontre des voisins 0")
		var ev struct {
			Event struct {
				Participants struct {
					TotalCount int
					PageInfo   pageInfo
					Edges      []any
				}
			}
		}
		store.takeRelations()
		e.query(`{ event(id: "`+string(meeting)+`") { participants(first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { participant { id } } } } } }`, nil, &ev)
		if n := store.takeRelations(); n > 4 {
			t.Errorf("participants(first: 3) took %d relations from the store, want at most 4", n)
		}
		if p := ev.Event.Participants; p.TotalCount != 10 || len(p.Edges) != 3 || !p.PageInfo.HasNextPage {
			t.Errorf("participants: total %d, %d edges, next %v; want 10, 3, true", p.TotalCount, len(p.Edges), p.PageInfo.HasNextPage)
		}
	}
}

// TestRootLookupsDoNotWaitForTheLoaderWindow serves the schema with an
// hour-long dataloader window: root fields that fetch one node by id (and
// what the prefetcher reads under them) must answer without ever waiting
// for it, as nothing could join their batch.
func TestRootLookupsDoNotWaitForTheLoaderWindow(t *testing.T) {
	graphs := networkCorpus(t, 10)
	store := openStore(t, graphs)
	h := handler.New(graph.NewExecutableSchema(store, graph.Options{LoaderWait: time.Hour}))
	h.AddTransport(transport.POST{})
	h.SetErrorPresenter(graph.ErrorPresenter(nil))

	art := graphs[0].Article.ID
	org := kg.NewEntityID(kg.TypeOrganization, "Association numéro 00")
	person := kg.NewEntityID(kg.TypePerson, "Camille Numéro00")
	meeting := kg.NewEventID("2024-09-01", "Rencontre des voisins 0")
	for _, q := range []string{
		`{ organization(id: "` + string(org) + `") { id name } }`,
		`{ organization(id: "` + string(org) + `") { name relations(first: 2) { totalCount edges { other { id } } } territories { name } people { edges { node { person { name } } } } } }`,
		`{ person(id: "` + string(person) + `") { name roles { totalCount edges { node { organization { name } } } } } }`,
		`{ event(id: "` + string(meeting) + `") { name places { name } participants(first: 2) { totalCount edges { node { participant { name } } } } } }`,
		`{ territory(id: "` + string(lille) + `") { name } }`,
		`{ theme(id: "` + string(themeESS) + `") { name } }`,
		`{ node(id: "` + string(org) + `") { id } }`,
		`{ node(id: "` + string(art) + `") { id } }`,
		`{ entity(id: "` + string(person) + `") { name } }`,
		`{ article(id: "` + string(art) + `") { title themes { name } entities { edges { node { name } } } } }`,
		`{ organization(id: "org:inconnue") { id } }`,
		`{ node(id: "article:000000000000") { id } }`,
	} {
		body, _ := json.Marshal(map[string]any{"query": q})
		done := make(chan *httptest.ResponseRecorder, 1)
		go func() {
			req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			done <- rec
		}()
		select {
		case rec := <-done:
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"data"`) {
				t.Errorf("%s: HTTP %d %s", q, rec.Code, rec.Body)
			}
		case <-time.After(30 * time.Second):
			// The handler is left waiting: the test binary ends anyway.
			t.Errorf("%s waits for the dataloader window", q)
		}
	}
}

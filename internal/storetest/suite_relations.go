package storetest

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
)

func relKeys(rels []kg.Relation) []string {
	out := make([]string, len(rels))
	for i, r := range rels {
		out[i] = r.Key()
	}
	return out
}

// expectedRelationKeys lists, sorted, the keys of the relations of id in a
// direction, from the oracle.
func expectedRelationKeys(o *oracle, id kg.ID, dir kg.Direction, keep func(key string) bool) []string {
	var out []string
	for key := range o.relations() {
		parts := strings.SplitN(key, "|", 4)
		from, to := kg.ID(parts[1]), kg.ID(parts[2])
		if ((dir != kg.In && from == id) || (dir != kg.Out && to == id)) && (keep == nil || keep(key)) {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

func (h *harness) testRelations(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"DirectionsOrderedByKey": func(t *testing.T, s kg.Store, c *Corpus) {
			o := newOracle(c.Reference, c.Graphs...)
			ids := o.entityIDs()
			for _, dir := range []kg.Direction{"", kg.Both, kg.Out, kg.In} {
				got := relationsOf(t, s, kg.RelationQuery{Direction: dir}, ids...)
				for _, id := range ids {
					want := expectedRelationKeys(o, id, dir, nil)
					keys := relKeys(got[id])
					if !slices.Equal(keys, want) && !(len(keys) == 0 && len(want) == 0) {
						t.Errorf("relations of %s, direction %q:\n got %v\nwant %v", id, dir, keys, want)
					}
				}
			}
		},
		"TypesFilter": func(t *testing.T, s kg.Store, c *Corpus) {
			q := kg.RelationQuery{Types: []kg.RelationType{kg.HoldsRole, kg.LedBy}}
			got := relationsOf(t, s, q, c.ID("creche"))[c.ID("creche")]
			for _, r := range got {
				if r.Type != kg.HoldsRole && r.Type != kg.LedBy {
					t.Errorf("type filter let %s through", r.Type)
				}
			}
			o := newOracle(c.Reference, c.Graphs...)
			want := expectedRelationKeys(o, c.ID("creche"), kg.Both, func(k string) bool {
				return strings.HasPrefix(k, string(kg.HoldsRole)+"|") || strings.HasPrefix(k, string(kg.LedBy)+"|")
			})
			if !slices.Equal(relKeys(got), want) || len(want) != 2 {
				t.Errorf("creche HOLDS_ROLE|LED_BY = %v, want %v", relKeys(got), want)
			}
		},
		"OtherTypesFilter": func(t *testing.T, s kg.Store, c *Corpus) {
			cases := []struct {
				other []kg.EntityType
				dir   kg.Direction
				want  []kg.RelationType
			}{
				{[]kg.EntityType{kg.TypePerson}, kg.Both, []kg.RelationType{kg.HoldsRole}},
				{[]kg.EntityType{kg.TypeTerritory}, kg.Both, []kg.RelationType{kg.LocatedIn}},
				{[]kg.EntityType{kg.TypeEvent, kg.TypeOrganization}, kg.Out, []kg.RelationType{kg.MemberOf, kg.ParticipatedIn}},
				{[]kg.EntityType{kg.TypeInitiative}, kg.Out, nil},
				{[]kg.EntityType{kg.TypeInitiative}, kg.In, []kg.RelationType{kg.LedBy}},
			}
			for _, tc := range cases {
				got := relationsOf(t, s, kg.RelationQuery{Direction: tc.dir, OtherTypes: tc.other}, c.ID("creche"))[c.ID("creche")]
				var types []kg.RelationType
				for _, r := range got {
					types = append(types, r.Type)
				}
				slices.Sort(types)
				if !slices.Equal(types, tc.want) {
					t.Errorf("creche %s with other end %v: %v, want %v", tc.dir, tc.other, types, tc.want)
				}
			}
		},
		"ProvenanceIsComplete": func(t *testing.T, s kg.Store, c *Corpus) {
			key := kg.Relation{Type: kg.Governs, From: c.ID("cd"), To: c.ID("dep-9A")}.Key()
			r := relationByKey(t, s, c.ID("cd"), key)
			if ids := r.ArticleIDs(); len(ids) != 2 || !slices.Contains(ids, c.ID("A2")) || !slices.Contains(ids, c.ID("A7")) {
				t.Errorf("GOVERNS stated by %v, want A2 and A7", ids)
			}
			texts := map[kg.ID][]rune{}
			for _, g := range c.Graphs {
				texts[g.Article.ID] = []rune(g.Article.Text)
			}
			for _, ev := range r.Provenance {
				text := texts[ev.ArticleID]
				if ev.Start < 0 || ev.End > len(text) || string(text[ev.Start:ev.End]) != ev.Sentence {
					t.Errorf("evidence %+v: sentence is not the text at its offsets", ev)
					continue
				}
				if ev.Extractor != "storetest/fixture" || ev.Confidence != 0.9 || len(ev.Spans) != 2 {
					t.Errorf("evidence lost its extractor, confidence or spans: %+v", ev)
				}
				for _, sp := range ev.Spans {
					if sp.Start < ev.Start || sp.End > ev.End || string(text[sp.Start:sp.End]) != sp.Text {
						t.Errorf("evidence span %+v is not inside its sentence", sp)
					}
				}
			}
			if r.Confidence() != 0.9 {
				t.Errorf("confidence = %v", r.Confidence())
			}
		},
		"BatchedWithDuplicatesAndUnknownIDs": func(t *testing.T, s kg.Store, c *Corpus) {
			got := relationsOf(t, s, kg.RelationQuery{}, c.ID("creche"), c.ID("creche"), "org:inconnue", "pas un id", c.ID("petite-enfance"), c.ID("A1"))
			if len(got) != 2 {
				t.Errorf("keys %v, want creche and petite-enfance", keys(got))
			}
			if list, ok := got[c.ID("petite-enfance")]; !ok || len(list) != 0 {
				t.Errorf("theme without relations: present %v, %d relations", ok, len(list))
			}
			if n := len(got[c.ID("creche")]); n != 5 {
				t.Errorf("creche has %d relations, want 5", n)
			}
		},
		"InvalidQueryIsRejected": func(t *testing.T, s kg.Store, c *Corpus) {
			_, err := s.RelationsOf(t.Context(), c.IDs("creche"), kg.RelationQuery{Direction: "SIDEWAYS"})
			wantError(t, "unknown direction", err, kg.Invalid, "SIDEWAYS")
			_, err = s.RelationsOf(t.Context(), c.IDs("creche"), kg.RelationQuery{Types: []kg.RelationType{"LIKES"}})
			wantError(t, "unknown type", err, kg.Invalid, "LIKES")
		},
		"CoMentionIsNotARelation": func(t *testing.T, s kg.Store, c *Corpus) {
			for _, r := range relationsOf(t, s, kg.RelationQuery{}, c.ID("youssef"))[c.ID("youssef")] {
				if r.From == c.ID("mairie") || r.To == c.ID("mairie") {
					t.Errorf("co-mentioned pair stored as a relation: %s", r.Key())
				}
			}
		},
	})

	t.Run("SelfLoopAppearsOnce", func(t *testing.T) {
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		c.define("coop", kg.Entity{Type: kg.TypeOrganization, Name: "Coopérative des Deux Rives", Kind: "cooperative"})
		a := c.article("X7", "https://exemple.example/deux-rives", "exemple.example", "Une coopérative qui s’allie à elle-même", "2024-02-02")
		s0 := a.say("Les deux sites de la [Coopérative des Deux Rives]{coop} signent un partenariat interne.")
		a.rel(kg.PartnerOf, "coop", "coop", "", s0)
		mustUpsert(t, s, a.build())
		for _, dir := range []kg.Direction{kg.Both, kg.Out, kg.In} {
			got := relationsOf(t, s, kg.RelationQuery{Direction: dir}, c.ID("coop"))[c.ID("coop")]
			if len(got) != 1 || got[0].From != c.ID("coop") || got[0].To != c.ID("coop") {
				t.Errorf("self-loop with direction %s: %v", dir, relKeys(got))
			}
			if paged := pageWalk(t, s, c.ID("coop"), kg.RelationQuery{Direction: dir}, 1); !sameRelations(paged, got) {
				t.Errorf("self-loop with direction %s, pages of 1: %v", dir, relKeys(paged))
			}
			if n, err := s.CountRelations(t.Context(), c.IDs("coop"), kg.RelationQuery{Direction: dir}); err != nil || n[c.ID("coop")] != 1 {
				t.Errorf("self-loop with direction %s counts %v, %v", dir, n, err)
			}
		}
	})
}

// pageWalk walks the relations of id passing q with pages of at most limit,
// each asked after the key of the last relation of the previous one, until
// an empty page; it returns the relations seen, in order.
func pageWalk(t *testing.T, s kg.Store, id kg.ID, q kg.RelationQuery, limit int) []kg.Relation {
	t.Helper()
	q.Limit, q.After = limit, ""
	var out []kg.Relation
	for pages := 0; ; pages++ {
		if pages > 500 {
			t.Fatalf("paging the relations of %s (%+v) does not end", id, q)
		}
		page, ok := relationsOf(t, s, q, id)[id]
		if !ok {
			t.Fatalf("paged RelationsOf(%s, %+v) has no key for it", id, q)
		}
		if len(page) > limit {
			t.Fatalf("RelationsOf(%s, %+v) returned %d relations", id, q, len(page))
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		q.After = page[len(page)-1].Key()
	}
}

// pagedKeys returns the keys of rels after the key after, at most limit (0:
// all): what a page of RelationsOf must hold.
func pagedKeys(rels []string, after string, limit int) []string {
	var out []string
	for _, k := range rels {
		if k > after && (limit == 0 || len(out) < limit) {
			out = append(out, k)
		}
	}
	return out
}

// sameRelations reports whether two lists hold the same relations in the
// same order, provenance compared as a set.
func sameRelations(a, b []kg.Relation) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equalJSON(canonicalRelation(a[i]), canonicalRelation(b[i])) {
			return false
		}
	}
	return true
}

// relationQueries are filters the paging and counting tests run with.
var relationQueries = []kg.RelationQuery{
	{},
	{Direction: kg.Out},
	{Direction: kg.In},
	{Types: []kg.RelationType{kg.HoldsRole, kg.LedBy}},
	{OtherTypes: []kg.EntityType{kg.TypeTerritory}},
	{Direction: kg.Out, OtherTypes: []kg.EntityType{kg.TypeEvent, kg.TypeOrganization}},
	{Direction: kg.In, Types: []kg.RelationType{kg.PartOf}, OtherTypes: []kg.EntityType{kg.TypeTerritory}},
	{Direction: kg.Out, Types: kg.PlacementTypes, OtherTypes: []kg.EntityType{kg.TypeTerritory}},
}

func (h *harness) testRelationPages(t *testing.T) {
	h.withLoaded(t, map[string]func(t *testing.T, s kg.Store, c *Corpus){
		"PagesOfOneAndTwoWalkTheUnpagedList": func(t *testing.T, s kg.Store, c *Corpus) {
			o := newOracle(c.Reference, c.Graphs...)
			ids := o.entityIDs()
			for _, dir := range []kg.Direction{kg.Both, kg.Out, kg.In} {
				all := relationsOf(t, s, kg.RelationQuery{Direction: dir}, ids...)
				long := 0
				for _, id := range ids {
					want := expectedRelationKeys(o, id, dir, nil)
					if len(want) > 2 {
						long++
					}
					for _, limit := range []int{1, 2} {
						got := pageWalk(t, s, id, kg.RelationQuery{Direction: dir}, limit)
						if keys := relKeys(got); !slices.Equal(keys, want) && !(len(keys) == 0 && len(want) == 0) {
							t.Errorf("relations of %s, direction %s, pages of %d:\n got %v\nwant %v", id, dir, limit, keys, want)
						} else if !sameRelations(got, all[id]) {
							t.Errorf("relations of %s, direction %s, pages of %d: the pages' relations differ from the unpaged ones:%s", id, dir, limit, diffJSON(all[id], got))
						}
					}
				}
				if long < 3 {
					t.Errorf("direction %s: only %d entities with more than two relations: the walk tests little", dir, long)
				}
			}
		},
		"PagesWithFilters": func(t *testing.T, s kg.Store, c *Corpus) {
			ids := newOracle(c.Reference, c.Graphs...).entityIDs()
			pagingQueries := 0
			for _, q := range relationQueries {
				all := relationsOf(t, s, q, ids...)
				paged := 0
				for _, id := range ids {
					want := relKeys(all[id])
					if len(want) > 1 {
						paged++
					}
					for _, limit := range []int{1, 2} {
						if got := relKeys(pageWalk(t, s, id, q, limit)); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
							t.Errorf("relations of %s (%+v), pages of %d:\n got %v\nwant %v", id, q, limit, got, want)
						}
					}
				}
				if paged > 0 {
					pagingQueries++
				}
			}
			if pagingQueries < len(relationQueries)-1 {
				t.Errorf("only %d of the %d queries give an entity two relations: the test pages little", pagingQueries, len(relationQueries))
			}
		},
		"BareQueriesGiveTheSameRelationsRolesArticlesAndConfidence": func(t *testing.T, s kg.Store, c *Corpus) {
			ids := newOracle(c.Reference, c.Graphs...).entityIDs()
			withEvidence, withConfidence := 0, 0
			for _, q := range relationQueries {
				for _, limit := range []int{0, 2} {
					q.Limit = limit
					full := relationsOf(t, s, q, ids...)
					q.Bare = true
					bare := relationsOf(t, s, q, ids...)
					q.Bare = false
					if len(bare) != len(full) {
						t.Errorf("%+v: bare gives %d entities, full %d", q, len(bare), len(full))
					}
					for _, id := range ids {
						f, b := full[id], bare[id]
						if !slices.Equal(relKeys(b), relKeys(f)) {
							t.Errorf("relations of %s (%+v), bare:\n got %v\nwant %v", id, q, relKeys(b), relKeys(f))
							continue
						}
						for i := range f {
							if b[i].Role != f[i].Role || !slices.Equal(b[i].ArticleIDs(), f[i].ArticleIDs()) || b[i].Confidence() != f[i].Confidence() {
								t.Errorf("relation %s (%+v), bare: role %q, articles %v, confidence %v; want %q, %v, %v", f[i].Key(), q,
									b[i].Role, b[i].ArticleIDs(), b[i].Confidence(), f[i].Role, f[i].ArticleIDs(), f[i].Confidence())
							}
							if f[i].Confidence() > 0 {
								withConfidence++
							}
							for _, e := range b[i].Provenance {
								if !slices.ContainsFunc(f[i].Provenance, func(x kg.Evidence) bool { return x.ArticleID == e.ArticleID }) {
									t.Errorf("relation %s, bare: evidence from %q, which is not a source", f[i].Key(), e.ArticleID)
								}
							}
							if len(b[i].Provenance) == 0 {
								t.Errorf("relation %s, bare: no provenance entry, want one per source at least", f[i].Key())
							}
							for _, e := range f[i].Provenance {
								if e.Sentence != "" {
									withEvidence++
								}
							}
						}
					}
				}
			}
			if withEvidence == 0 || withConfidence == 0 {
				t.Errorf("%d evidence sentences, %d relations with a confidence: the comparison tests little", withEvidence, withConfidence)
			}
		},
		"BatchedPagesCutEachEntityAfterTheSameKey": func(t *testing.T, s kg.Store, c *Corpus) {
			o := newOracle(c.Reference, c.Graphs...)
			ids := o.entityIDs()
			asked := append(slices.Clone(ids), ids[0], "org:inconnue", "pas un id", c.ID("A1"))
			mid := relationsOf(t, s, kg.RelationQuery{}, c.ID("creche"))[c.ID("creche")][2].Key()
			for _, after := range []string{"", "LOCATED_IN|", "PART_OF|territory:", mid, "~"} {
				for _, limit := range []int{0, 1, 2} {
					got := relationsOf(t, s, kg.RelationQuery{After: after, Limit: limit}, asked...)
					if len(got) != len(ids) {
						t.Errorf("after %q, limit %d: %d keys for %d entities", after, limit, len(got), len(ids))
					}
					for _, id := range ids {
						list, ok := got[id]
						want := pagedKeys(expectedRelationKeys(o, id, kg.Both, nil), after, limit)
						if keys := relKeys(list); !ok || (!slices.Equal(keys, want) && !(len(keys) == 0 && len(want) == 0)) {
							t.Errorf("after %q, limit %d: %s has %v (key present: %v), want %v", after, limit, id, keys, ok, want)
						}
					}
				}
			}
		},
		"CountRelationsIsTheLengthOfTheUnpagedList": func(t *testing.T, s kg.Store, c *Corpus) {
			ids := newOracle(c.Reference, c.Graphs...).entityIDs()
			asked := append(slices.Clone(ids), ids[0], ids[1], "org:inconnue", "pas un id", c.ID("A1"))
			for _, q := range relationQueries {
				all := relationsOf(t, s, q, ids...)
				// After and Limit are ignored by counts.
				for _, page := range []kg.RelationQuery{{}, {Limit: 1, After: "HOLDS_ROLE|"}} {
					cq := q
					cq.After, cq.Limit = page.After, page.Limit
					got, err := s.CountRelations(t.Context(), asked, cq)
					if err != nil {
						t.Fatalf("CountRelations(%+v): %v", cq, err)
					}
					if len(got) != len(ids) {
						t.Errorf("CountRelations(%+v): %d keys for %d entities", cq, len(got), len(ids))
					}
					zero := 0
					for _, id := range ids {
						n, ok := got[id]
						if !ok || n != len(all[id]) {
							t.Errorf("CountRelations(%+v)[%s] = %d (key present: %v), RelationsOf has %d", cq, id, n, ok, len(all[id]))
						}
						if ok && n == 0 {
							zero++
						}
					}
					if zero == 0 {
						t.Errorf("CountRelations(%+v): no entity counts zero: the test misses the zero-count keys", cq)
					}
				}
			}
			o := newOracle(c.Reference, c.Graphs...)
			got, err := s.CountRelations(t.Context(), ids, kg.RelationQuery{})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				if want := len(expectedRelationKeys(o, id, kg.Both, nil)); got[id] != want {
					t.Errorf("CountRelations[%s] = %d, the inputs state %d", id, got[id], want)
				}
			}
			if got[c.ID("creche")] != 5 {
				t.Errorf("creche counts %d relations, want 5", got[c.ID("creche")])
			}
		},
		"InvalidPageOrCountIsRejected": func(t *testing.T, s kg.Store, c *Corpus) {
			_, err := s.RelationsOf(t.Context(), c.IDs("creche"), kg.RelationQuery{Limit: -1})
			wantError(t, "negative limit", err, kg.Invalid, "limit", "-1")
			_, err = s.CountRelations(t.Context(), c.IDs("creche"), kg.RelationQuery{Direction: "SIDEWAYS"})
			wantError(t, "count with an unknown direction", err, kg.Invalid, "SIDEWAYS")
			_, err = s.CountRelations(t.Context(), c.IDs("creche"), kg.RelationQuery{Types: []kg.RelationType{"LIKES"}})
			wantError(t, "count with an unknown type", err, kg.Invalid, "LIKES")
			_, err = s.CountRelations(t.Context(), c.IDs("creche"), kg.RelationQuery{OtherTypes: []kg.EntityType{"Dragon"}})
			wantError(t, "count with an unknown other type", err, kg.Invalid, "Dragon")
		},
	})

	t.Run("KeyOrderIsByteOrderOnNonASCIIKeys", func(t *testing.T) {
		// Keys whose order depends on bytes beyond ASCII and on one id
		// being a prefix of another ('|' after the shorter one).
		c := NewCorpus()
		s := h.fresh(t)
		mustLoadReference(t, s, c.Reference)
		c.define("pivot", kg.Entity{ID: "org:pivot", Type: kg.TypeOrganization, Name: "Pivot"})
		c.define("pers", kg.Entity{ID: "person:agathe-ulm", Type: kg.TypePerson, Name: "Agathe Ulm"})
		partners := map[string]kg.ID{
			"p1": "org:lille", "p2": "org:lille-metropole", "p3": "org:lille2", "p4": "org:lille~",
			"p5": "org:Lille", "p6": "org:éco", "p7": "org:eco", "p8": "org:东方", "p9": "org:ω",
			"p10": "org:ﬁnance", "p11": "org:zèbre", "p12": "org:ß",
		}
		a := c.article("X8", "https://exemple.example/pivot", "exemple.example", "Le Pivot et ses partenaires", "2024-03-03")
		for _, key := range slices.Sorted(maps.Keys(partners)) {
			name := "Partenaire " + strings.TrimPrefix(string(partners[key]), "org:")
			c.define(key, kg.Entity{ID: partners[key], Type: kg.TypeOrganization, Name: name})
			sent := a.say("Le [Pivot]{pivot} s’associe à [" + name + "]{" + key + "}.")
			a.rel(kg.PartnerOf, "pivot", key, "", sent)
		}
		for _, role := range []string{"présidente", "Président", "vice-présidente", "trésorière", "Œuvre", "élue", "Élue déléguée"} {
			sent := a.say("[Agathe Ulm]{pers} est " + role + " du [Pivot]{pivot}.")
			a.rel(kg.HoldsRole, "pers", "pivot", role, sent)
		}
		g := a.build()
		mustUpsert(t, s, g)
		var want []string
		for _, r := range kg.NormalizeGraph(g).Relations {
			want = append(want, r.Key())
		}
		slices.Sort(want)
		if len(want) != 19 {
			t.Fatalf("the article states %d distinct relations, want 19", len(want))
		}
		for _, limit := range []int{0, 1, 2, 5} {
			var got []string
			if limit == 0 {
				got = relKeys(relationsOf(t, s, kg.RelationQuery{}, c.ID("pivot"))[c.ID("pivot")])
			} else {
				got = relKeys(pageWalk(t, s, c.ID("pivot"), kg.RelationQuery{}, limit))
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages of %d:\n got %q\nwant %q", limit, got, want)
			}
		}
		for _, after := range []string{"PARTNER_OF|org:pivot|org:lille", "PARTNER_OF|org:pivot|org:lille|", "PARTNER_OF|org:pivot|org:é", "HOLDS_ROLE|person:agathe-ulm|org:pivot|president"} {
			got := relKeys(relationsOf(t, s, kg.RelationQuery{After: after, Limit: 3}, c.ID("pivot"))[c.ID("pivot")])
			if w := pagedKeys(want, after, 3); !slices.Equal(got, w) {
				t.Errorf("after %q:\n got %q\nwant %q", after, got, w)
			}
		}
		if n, err := s.CountRelations(t.Context(), c.IDs("pivot"), kg.RelationQuery{}); err != nil || n[c.ID("pivot")] != len(want) {
			t.Errorf("CountRelations = %v, %v; want %d", n, err, len(want))
		}
	})
}

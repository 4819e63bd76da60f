package storetest

import (
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
		}
	})
}

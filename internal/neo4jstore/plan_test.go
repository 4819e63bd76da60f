package neo4jstore_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/kg"
	"github.com/maillage/maillage/internal/neo4jstore"
)

// operator is a plan step's operator without its "@database" suffix.
func operator(s neo4jstore.PlanStep) string {
	op, _, _ := strings.Cut(s.Operator, "@")
	return op
}

func showPlan(steps []neo4jstore.PlanStep) string {
	var b strings.Builder
	for _, s := range steps {
		fmt.Fprintf(&b, "\n%s%s %s", strings.Repeat("  ", s.Depth), operator(s), strings.Join(strings.Fields(s.Details), " "))
	}
	return b.String()
}

// checkWalksIndex fails unless the page plan reads the range index on
// label(prop), in order (no full sort), without a label scan.
func checkWalksIndex(t *testing.T, what string, steps []neo4jstore.PlanStep, variable, label, prop string) {
	t.Helper()
	index := false
	for _, s := range steps {
		switch op := operator(s); op {
		case "NodeIndexScan", "NodeIndexSeekByRange":
			if strings.Contains(s.Details, variable+":"+label+"("+prop+")") {
				index = true
			}
		case "NodeByLabelScan", "AllNodesScan", "Sort", "Top":
			t.Errorf("%s: the page plan has %s:%s", what, op, showPlan(steps))
			return
		}
	}
	if !index {
		t.Errorf("%s: the page plan does not read the index on %s(%s):%s", what, label, prop, showPlan(steps))
	}
}

func TestListPagesWalkTheSortKeyIndex(t *testing.T) {
	s := shared(t)
	props := map[kg.EntitySortField]struct{ prop, key string }{
		kg.SortByName:           {"sortName", "maison"},
		kg.SortByMentionCount:   {"mentionCount", "3"},
		kg.SortByFirstMentioned: {"firstMentioned", "2024-01-01"},
		kg.SortByLastMentioned:  {"lastMentioned", "2024-01-01"},
	}
	for _, typ := range kg.EntityTypes {
		for field, p := range props {
			for _, dir := range []kg.SortDirection{kg.Asc, kg.Desc} {
				o := kg.EntityOrder{Field: field, Direction: dir}
				tag := "entities/" + string(typ) + "/" + string(field) + "/" + string(dir)
				for _, page := range []kg.PageRequest{{First: 10}, {First: 10, After: kg.EncodeCursor(tag, p.key, typ.Prefix()+":x")}} {
					for _, f := range []kg.EntityFilter{{Type: typ}, {Type: typ, Kinds: []string{"association"}, Text: "solidaire"}} {
						what := fmt.Sprintf("%s by %s %s, filter %+v, after %q", typ, field, dir, f, page.After)
						plans, err := neo4jstore.ExplainListEntities(t.Context(), s, f, o, page)
						if err != nil {
							t.Fatalf("%s: %v", what, err)
						}
						checkWalksIndex(t, what, plans.Items, "e", string(typ), p.prop)
					}
				}
			}
		}
		plans, err := neo4jstore.ExplainListEntities(t.Context(), s, kg.EntityFilter{Type: typ}, kg.EntityOrder{}, kg.PageRequest{First: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(plans.Count) == 0 || !strings.Contains(showPlan(plans.Count), "NodeCountFromCountStore") {
			t.Errorf("%s: the unfiltered total is not read from the count store:%s", typ, showPlan(plans.Count))
		}
	}
	for _, field := range []kg.ArticleSortField{kg.SortByPublishedAt, kg.SortByTitle} {
		prop := map[kg.ArticleSortField]string{kg.SortByPublishedAt: "publishedAt", kg.SortByTitle: "foldedTitle"}[field]
		for _, dir := range []kg.SortDirection{kg.Asc, kg.Desc} {
			tag := "articles/" + string(field) + "/" + string(dir)
			for _, page := range []kg.PageRequest{{First: 10}, {First: 10, After: kg.EncodeCursor(tag, "2024-01-01", "article:000000000000")}} {
				for _, f := range []kg.ArticleFilter{{}, {Site: "example.org", From: "2020-01-01"}} {
					what := fmt.Sprintf("articles by %s %s, filter %+v, after %q", field, dir, f, page.After)
					plans, err := neo4jstore.ExplainListArticles(t.Context(), s, f, kg.ArticleOrder{Field: field, Direction: dir}, page)
					if err != nil {
						t.Fatalf("%s: %v", what, err)
					}
					checkWalksIndex(t, what, plans.Items, "a", "Article", prop)
				}
			}
		}
	}
}

// TestRelationPagesAreCutInTheDatabase checks the plans of RelationsOf and
// CountRelations: each entity's page is cut in the database (a Top on the
// key with $limit) before its provenance is read, and a count reads no
// provenance at all, so that only the page crosses the wire.
func TestRelationPagesAreCutInTheDatabase(t *testing.T) {
	s := shared(t)
	for _, dir := range []kg.Direction{kg.Both, kg.Out, kg.In} {
		q := kg.RelationQuery{Direction: dir, Limit: 21, After: "ABOUT|"}
		steps, err := neo4jstore.ExplainRelationsOf(t.Context(), s, q, false)
		if err != nil {
			t.Fatal(err)
		}
		top := -1
		for i, st := range steps {
			if operator(st) == "Top" && strings.Contains(st.Details, "key") && strings.Contains(st.Details, "$limit") {
				top = i
				break
			}
		}
		if top < 0 {
			t.Errorf("%s: no Top on the key with $limit in the plan:%s", dir, showPlan(steps))
			continue
		}
		// What runs before the Top is below it, in pre-order right after.
		for _, st := range steps[top+1:] {
			if st.Depth <= steps[top].Depth {
				break
			}
			if strings.Contains(st.Details, "evidence") {
				t.Errorf("%s: provenance is read before the page is cut:%s", dir, showPlan(steps))
				break
			}
		}
		count, err := neo4jstore.ExplainRelationsOf(t.Context(), s, kg.RelationQuery{Direction: dir}, true)
		if err != nil {
			t.Fatal(err)
		}
		if plan := showPlan(count); strings.Contains(plan, "evidence") || strings.Contains(plan, "srcs") {
			t.Errorf("%s: the count reads provenance:%s", dir, plan)
		}
	}
}

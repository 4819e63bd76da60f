package storetest

import (
	"slices"

	"github.com/maillage/maillage/internal/kg"
)

// oracle computes what a store must show for some reference data and
// article graphs, from the inputs and the kg rules alone.
type oracle struct {
	ref    kg.ReferenceData
	graphs map[kg.ID]kg.ArticleGraph // normalised, by article id
}

func newOracle(ref kg.ReferenceData, graphs ...kg.ArticleGraph) *oracle {
	o := &oracle{ref: ref, graphs: map[kg.ID]kg.ArticleGraph{}}
	for _, g := range graphs {
		o.graphs[g.Article.ID] = kg.NormalizeGraph(g)
	}
	return o
}

func (o *oracle) date(aid kg.ID) kg.Date { return o.graphs[aid].Article.PublishedAt }

// entityIDs lists the entities that must exist: reference entities and
// those listed by a stored article.
func (o *oracle) entityIDs() []kg.ID {
	set := map[kg.ID]bool{}
	for _, e := range o.ref.Entities {
		set[e.ID] = true
	}
	for _, g := range o.graphs {
		for _, e := range g.Entities {
			set[e.ID] = true
		}
	}
	var out []kg.ID
	for id := range set {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// merged returns the attributes of an entity per kg.MergeEntity, with its
// statistics and Parents.
func (o *oracle) merged(id kg.ID) kg.Entity {
	var sources []kg.Entity
	for _, e := range o.ref.Entities {
		if e.ID == id {
			e.Reference = true
			sources = append(sources, e)
		}
	}
	var aids []kg.ID
	for aid, g := range o.graphs {
		if slices.ContainsFunc(g.Entities, func(e kg.Entity) bool { return e.ID == id }) {
			aids = append(aids, aid)
		}
	}
	slices.SortFunc(aids, func(a, b kg.ID) int { return kg.ContributionOrder(o.date(a), a, o.date(b), b) })
	for _, aid := range aids {
		for _, e := range o.graphs[aid].Entities {
			if e.ID == id {
				e.Reference = false
				sources = append(sources, e)
			}
		}
	}
	if len(sources) == 0 {
		return kg.Entity{}
	}
	e := kg.MergeEntity(sources)
	e.MentionCount, e.ArticleCount, e.FirstMentioned, e.LastMentioned = o.stats(id)
	for _, r := range o.ref.Relations {
		if r.Type == kg.PartOf && r.From == id && r.To.EntityType() == kg.TypeTerritory {
			e.Parents = append(e.Parents, r.To)
		}
	}
	slices.Sort(e.Parents)
	e.Parents = slices.Compact(e.Parents)
	return e
}

// stats computes the statistics of an entity from the mentions.
func (o *oracle) stats(id kg.ID) (mentions, articles int, first, last kg.Date) {
	for aid, g := range o.graphs {
		for _, m := range g.Mentions {
			if m.EntityID != id {
				continue
			}
			mentions += len(m.Spans)
			articles++
			if d := o.date(aid); d != "" {
				if first == "" || d < first {
					first = d
				}
				last = max(last, d)
			}
		}
	}
	return
}

// mentioned returns the entities an article mentions.
func (o *oracle) mentioned(aid kg.ID) []kg.ID {
	var out []kg.ID
	for _, m := range o.graphs[aid].Mentions {
		out = append(out, m.EntityID)
	}
	return out
}

// coMentioned counts the articles each other entity shares with id.
func (o *oracle) coMentioned(id kg.ID) map[kg.ID]int {
	out := map[kg.ID]int{}
	for aid := range o.graphs {
		ids := o.mentioned(aid)
		if !slices.Contains(ids, id) {
			continue
		}
		for _, other := range ids {
			if other != id {
				out[other]++
			}
		}
	}
	return out
}

// relations returns, by key, the articles stating each relation ("" for
// reference data).
func (o *oracle) relations() map[string][]kg.ID {
	out := map[string][]kg.ID{}
	for _, r := range o.ref.Relations {
		if !slices.Contains(out[r.Key()], "") {
			out[r.Key()] = append(out[r.Key()], "")
		}
	}
	for aid, g := range o.graphs {
		for _, r := range g.Relations {
			out[r.Key()] = append(out[r.Key()], aid)
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// evidence returns the evidence the inputs give for relation key, sorted as
// canonicalRelation sorts it.
func (o *oracle) evidence(key string) []kg.Evidence {
	var ev []kg.Evidence
	for _, r := range o.ref.Relations {
		if r.Key() == key {
			for _, e := range r.Provenance {
				e.ArticleID = ""
				if !slices.ContainsFunc(ev, func(x kg.Evidence) bool { return equalJSON(x, e) }) {
					ev = append(ev, e)
				}
			}
		}
	}
	for _, g := range o.graphs {
		for _, r := range g.Relations {
			if r.Key() == key {
				ev = append(ev, r.Provenance...)
			}
		}
	}
	return canonicalRelation(kg.Relation{Provenance: ev}).Provenance
}

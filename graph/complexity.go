package graph

import (
	"github.com/maillage/maillage/graph/generated"
	"github.com/maillage/maillage/graph/model"
	"github.com/maillage/maillage/internal/kg"
)

// ShortListCost is the number of items a plain list without `first`
// (themes, territories, places, parents, ancestors, broader, narrower,
// an article's themes, a relation's articles) is costed as.
const ShortListCost = 5

// setComplexity makes every connection and capped list cost
// 1 + childComplexity × first, `first` defaulting to the default page size
// and clamped to the maximum (a larger `first` is refused by the resolver
// with a message naming the limit, not by the complexity check), and the
// short plain lists cost 1 + childComplexity × ShortListCost. Fields left
// alone cost gqlgen's default, 1 + childComplexity.
func setComplexity(c *generated.ComplexityRoot, opts Options) {
	n := func(first *int) int {
		if first == nil {
			return opts.DefaultPageSize
		}
		return min(max(*first, 0), opts.MaxPageSize)
	}
	page := func(child int, first *int) int { return 1 + child*n(first) }
	short := func(child int) int { return 1 + child*ShortListCost }

	// Connections and lists without extra arguments.
	firstAfter := func(child int, first *int, _ *string) int { return page(child, first) }
	typedFirstAfter := func(child int, _ []kg.EntityType, first *int, _ *string) int { return page(child, first) }
	relFirstAfter := func(child int, _ []kg.RelationType, first *int, _ *string) int { return page(child, first) }
	coMentioned := func(child int, _ []kg.EntityType, first *int) int { return page(child, first) }
	relations := func(child int, _ []kg.RelationType, _ *kg.Direction, _ []kg.EntityType, first *int, _ *string) int {
		return page(child, first)
	}
	entityList := func(child int, _ *kg.EntityFilter, _ *kg.EntityOrder, first *int, _ *string) int {
		return page(child, first)
	}
	placed := func(child int, _ *bool, _ []string, _ []kg.ID, _, _ *kg.Date, _ *kg.EntityOrder, first *int, _ *string) int {
		return page(child, first)
	}

	// Every entity type: mentions, relations, coMentioned, themes, territories.
	c.Organization.Mentions, c.Person.Mentions, c.Event.Mentions = firstAfter, firstAfter, firstAfter
	c.Territory.Mentions, c.Theme.Mentions, c.Initiative.Mentions = firstAfter, firstAfter, firstAfter
	c.Organization.Relations, c.Person.Relations, c.Event.Relations = relations, relations, relations
	c.Territory.Relations, c.Theme.Relations, c.Initiative.Relations = relations, relations, relations
	c.Organization.CoMentioned, c.Person.CoMentioned, c.Event.CoMentioned = coMentioned, coMentioned, coMentioned
	c.Territory.CoMentioned, c.Theme.CoMentioned, c.Initiative.CoMentioned = coMentioned, coMentioned, coMentioned
	c.Organization.Themes, c.Person.Themes, c.Event.Themes = short, short, short
	c.Territory.Themes, c.Theme.Themes, c.Initiative.Themes = short, short, short
	c.Organization.Territories, c.Person.Territories, c.Event.Territories = short, short, short
	c.Territory.Territories, c.Theme.Territories, c.Initiative.Territories = short, short, short

	// Per-type connections and lists.
	c.Organization.People = firstAfter
	c.Organization.Events = relFirstAfter
	c.Organization.Initiatives = firstAfter
	c.Person.Roles = firstAfter
	c.Person.Events = relFirstAfter
	c.Person.Initiatives = firstAfter
	c.Event.Places = short
	c.Event.Organizers = firstAfter
	c.Event.Participants = firstAfter
	c.Event.Initiatives = firstAfter
	c.Initiative.Leaders = firstAfter
	c.Initiative.Events = firstAfter
	c.Territory.Parents = short
	c.Territory.Ancestors = short
	c.Territory.Children = firstAfter
	c.Territory.Organizations = placed
	c.Territory.Initiatives = placed
	c.Territory.Events = placed
	c.Territory.Articles = func(child int, _ *bool, _ []kg.ID, _, _ *kg.Date, _ *kg.ArticleOrder, first *int, _ *string) int {
		return page(child, first)
	}
	c.Theme.Broader = short
	c.Theme.Narrower = short
	c.Theme.Articles = func(child int, _, _ *kg.Date, _ *kg.ArticleOrder, first *int, _ *string) int {
		return page(child, first)
	}
	c.Article.Themes = short
	c.Article.Entities = typedFirstAfter
	c.Article.Mentions = typedFirstAfter
	c.Article.Relations = relFirstAfter
	c.Relation.Articles = short
	c.RelationEdge.Articles = short

	// Root lists.
	c.Query.Nodes = func(child int, ids []kg.ID) int { return 1 + child*min(len(ids), opts.MaxPageSize) }
	c.Query.Organizations, c.Query.People, c.Query.Events = entityList, entityList, entityList
	c.Query.Themes, c.Query.Initiatives = entityList, entityList
	c.Query.Territories = func(child int, _ *model.TerritoryFilter, _ *kg.EntityOrder, first *int, _ *string) int {
		return page(child, first)
	}
	c.Query.Articles = func(child int, _ *kg.ArticleFilter, _ *kg.ArticleOrder, first *int, _ *string) int {
		return page(child, first)
	}
	c.Query.Search = func(child int, _ string, _ []kg.EntityType, first *int, _ *string) int { return page(child, first) }
}

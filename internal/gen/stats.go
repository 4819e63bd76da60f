package gen

import (
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/maillage/maillage/internal/kg"
)

// Stats describes a generated corpus.
type Stats struct {
	Articles      int                     `json:"articles"`
	Words         int                     `json:"words"`
	MinWords      int                     `json:"minWords"`
	MaxWords      int                     `json:"maxWords"`
	Characters    int                     `json:"characters"`
	Entities      map[kg.EntityType]int   `json:"entities"`      // distinct entities by type
	Mentions      int                     `json:"mentions"`      // (article, entity) pairs
	Spans         int                     `json:"spans"`         // mention spans
	Relations     int                     `json:"relations"`     // distinct relations (by Relation.Key)
	Statements    int                     `json:"statements"`    // evidence entries (one per stating sentence)
	RelationTypes map[kg.RelationType]int `json:"relationTypes"` // distinct relations by type
	// Skew of the actors (organizations and people): how many articles name
	// the most named ones, and the median over all named actors.
	TopActors    []ActorCount `json:"topActors"`
	MedianActor  float64      `json:"medianActorArticles"`
	Actors       int          `json:"actors"`
	ActorsInOne  int          `json:"actorsInOneArticle"`
	FirstArticle kg.Date      `json:"firstPublished"`
	LastArticle  kg.Date      `json:"lastPublished"`
}

// ActorCount is the number of articles naming an actor.
type ActorCount struct {
	ID       kg.ID  `json:"id"`
	Name     string `json:"name"`
	Articles int    `json:"articles"`
}

// Counter accumulates Stats over graphs.
type Counter struct {
	s        Stats
	types    map[kg.ID]kg.EntityType
	names    map[kg.ID]string
	articles map[kg.ID]int
	rels     map[string]kg.RelationType
}

// NewCounter returns an empty Counter.
func NewCounter() *Counter {
	return &Counter{s: Stats{Entities: map[kg.EntityType]int{}, RelationTypes: map[kg.RelationType]int{}},
		types: map[kg.ID]kg.EntityType{}, names: map[kg.ID]string{}, articles: map[kg.ID]int{}, rels: map[string]kg.RelationType{}}
}

// Add counts one article graph.
func (c *Counter) Add(g kg.ArticleGraph) {
	s := &c.s
	s.Articles++
	words := countWords(g.Article.Text)
	s.Words += words
	if s.Articles == 1 || words < s.MinWords {
		s.MinWords = words
	}
	s.MaxWords = max(s.MaxWords, words)
	s.Characters += utf8.RuneCountInString(g.Article.Text)
	if d := g.Article.PublishedAt; d != "" {
		if s.FirstArticle == "" || d < s.FirstArticle {
			s.FirstArticle = d
		}
		s.LastArticle = max(s.LastArticle, d)
	}
	for _, e := range g.Entities {
		if _, ok := c.types[e.ID]; !ok {
			c.types[e.ID] = e.Type
			if e.Type == kg.TypeOrganization || e.Type == kg.TypePerson {
				c.names[e.ID] = e.Name
			}
		}
	}
	for _, m := range g.Mentions {
		s.Mentions++
		s.Spans += len(m.Spans)
		c.articles[m.EntityID]++
	}
	for _, r := range g.Relations {
		s.Statements += len(r.Provenance)
		c.rels[r.Key()] = r.Type
	}
}

// countWords counts the runs of characters between spaces and line breaks
// (the only whitespace of generated texts), without allocating.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// Stats returns the statistics of the graphs added so far.
func (c *Counter) Stats() Stats {
	s := c.s
	s.Entities = map[kg.EntityType]int{}
	for _, t := range c.types {
		s.Entities[t]++
	}
	s.RelationTypes = map[kg.RelationType]int{}
	for _, t := range c.rels {
		s.RelationTypes[t]++
	}
	s.Relations = len(c.rels)
	var actors []ActorCount
	for id, name := range c.names {
		if n := c.articles[id]; n > 0 {
			actors = append(actors, ActorCount{ID: id, Name: name, Articles: n})
		}
	}
	slices.SortFunc(actors, func(a, b ActorCount) int { return cmp.Or(cmp.Compare(b.Articles, a.Articles), cmp.Compare(a.ID, b.ID)) })
	s.Actors = len(actors)
	s.TopActors = actors[:min(10, len(actors))]
	s.ActorsInOne = 0
	for _, a := range actors {
		if a.Articles == 1 {
			s.ActorsInOne++
		}
	}
	if n := len(actors); n > 0 {
		if n%2 == 1 {
			s.MedianActor = float64(actors[n/2].Articles)
		} else {
			s.MedianActor = float64(actors[n/2-1].Articles+actors[n/2].Articles) / 2
		}
	}
	return s
}

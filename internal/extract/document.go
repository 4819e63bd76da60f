package extract

import (
	"github.com/maillage/maillage/internal/kg"
)

// Document is the extraction document of one article, as printed by
// "maillage extract" and scored by "maillage eval" (see
// shared/corpus/README.md): relation endpoints are entity ids, and source
// is the path of the file the article was read from.
type Document struct {
	Article   DocArticle    `json:"article"`
	Entities  []DocEntity   `json:"entities"`
	Relations []DocRelation `json:"relations"`
}

// DocArticle is the article part of a Document.
type DocArticle struct {
	ID          kg.ID    `json:"id"`
	URL         string   `json:"url,omitempty"`
	Title       string   `json:"title,omitempty"`
	PublishedAt kg.Date  `json:"publishedAt,omitempty"`
	ModifiedAt  kg.Date  `json:"modifiedAt,omitempty"`
	Themes      []string `json:"themes"`
	Source      string   `json:"source,omitempty"`
}

// DocEntity is an entity of a Document with its mentions.
type DocEntity struct {
	ID       kg.ID        `json:"id"`
	Type     string       `json:"type"`
	Name     string       `json:"name"`
	Aliases  []string     `json:"aliases,omitempty"`
	Kind     string       `json:"kind,omitempty"`
	Code     string       `json:"code,omitempty"`
	Date     kg.Date      `json:"date,omitempty"`
	Mentions []DocMention `json:"mentions"`
}

// DocMention is a span of the article's text (code point offsets).
type DocMention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// DocRelation is a relation of a Document, with its evidence sentence.
type DocRelation struct {
	Type       string  `json:"type"`
	From       kg.ID   `json:"from"`
	To         kg.ID   `json:"to"`
	Role       string  `json:"role,omitempty"`
	Evidence   string  `json:"evidence,omitempty"`
	Confidence float64 `json:"confidence"`
}

// NewDocument returns the extraction document of an article graph.
func NewDocument(g kg.ArticleGraph) Document {
	a := g.Article
	doc := Document{
		Article:   DocArticle{ID: a.ID, URL: a.URL, Title: a.Title, PublishedAt: a.PublishedAt, ModifiedAt: a.ModifiedAt, Themes: a.Themes, Source: a.Source},
		Entities:  []DocEntity{},
		Relations: []DocRelation{},
	}
	if doc.Article.Themes == nil {
		doc.Article.Themes = []string{}
	}
	spans := map[kg.ID][]kg.Span{}
	for _, m := range g.Mentions {
		spans[m.EntityID] = append(spans[m.EntityID], m.Spans...)
	}
	for _, e := range g.Entities {
		de := DocEntity{ID: e.ID, Type: string(e.Type), Name: e.Name, Aliases: e.Aliases, Kind: e.Kind, Code: e.Code, Date: e.StartDate, Mentions: []DocMention{}}
		for _, sp := range spans[e.ID] {
			de.Mentions = append(de.Mentions, DocMention{Start: sp.Start, End: sp.End, Text: sp.Text})
		}
		doc.Entities = append(doc.Entities, de)
	}
	for _, r := range g.Relations {
		dr := DocRelation{Type: string(r.Type), From: r.From, To: r.To, Role: r.Role, Confidence: r.Confidence()}
		if len(r.Provenance) > 0 {
			dr.Evidence = r.Provenance[0].Sentence
		}
		doc.Relations = append(doc.Relations, dr)
	}
	return doc
}

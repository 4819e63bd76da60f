package neo4jstore

import (
	"context"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// maxLuceneWord is the longest word sent to the full-text index: the
// standard tokenizer cuts longer tokens.
const maxLuceneWord = 255

// luceneQuery returns the full-text query that finds every candidate of a
// folded search text, or "" when the index cannot narrow it (then every
// entity is a candidate). A candidate must hold each word of the text
// inside one of its indexed words: as a substring for the first word (the
// text may start inside a word), as a prefix for the others. Only words of
// ASCII letters and digits that are not stop words of the analyzer are
// sent: the index folds and splits other characters its own way and drops
// stop words, so sending them could lose a match. The exact rank is then
// computed in Cypher on the folded names, as kg.MatchRank does.
func luceneQuery(words []string, stop map[string]bool) string {
	var terms []string
	for i, w := range words {
		if stop[w] || len(w) > maxLuceneWord || !asciiAlnum(w) {
			continue
		}
		if i == 0 {
			terms = append(terms, "+*"+w+"*")
		} else {
			terms = append(terms, "+"+w+"*")
		}
	}
	return strings.Join(terms, " ")
}

func asciiAlnum(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return w != ""
}

// Search finds entities by name, aliases and acronym (see kg.Store).
func (s *Store) Search(ctx context.Context, q kg.SearchQuery, page kg.PageRequest) (kg.Page[kg.SearchHit], error) {
	var none kg.Page[kg.SearchHit]
	ft, err := q.Validate()
	if err != nil {
		return none, err
	}
	types := []string{}
	for _, t := range q.Types {
		types = append(types, string(t))
	}
	if err := kg.CheckPage(page); err != nil {
		return none, err
	}
	params := map[string]any{"text": ft, "words": strings.Fields(ft), "limit": page.First, "hasAfter": false,
		"aRank": 0, "aMentions": 0, "aName": "", "aID": "", "types": types}
	if page.After != "" {
		k, err := kg.DecodeSearchCursor(page.After)
		if err != nil {
			return none, err
		}
		params["hasAfter"], params["aRank"], params["aMentions"], params["aName"], params["aID"] = true, int(k.Rank), k.Mentions, k.Name, string(k.ID)
	}
	if err := s.begin(ctx); err != nil {
		return none, err
	}
	lucene := luceneQuery(strings.Fields(ft), s.stopWords.Load().(map[string]bool))
	stmt := searchFromScan
	if lucene != "" {
		stmt = searchFromIndex
		params["lucene"] = lucene
	}
	if len(types) > 0 {
		stmt += searchTypes
	}
	stmt += searchRank
	rec, err := readOne(ctx, s, stmt, params)
	if err != nil {
		return none, err
	}
	out := kg.Page[kg.SearchHit]{TotalCount: asInt(rec["total"]), HasNextPage: asInt(rec["remaining"]) > page.First}
	for _, x := range asList(rec["items"]) {
		m := asMap(x)
		e := entityFromMap(asMap(m["entity"]))
		h := kg.SearchHit{Entity: e, Rank: kg.SearchRank(asInt(m["rank"])), MatchedName: asString(m["matched"])}
		out.Items = append(out.Items, h)
		out.Cursors = append(out.Cursors, kg.SearchKey{Rank: h.Rank, Mentions: e.MentionCount, Name: kg.Fold(e.Name), ID: e.ID}.Cursor())
	}
	return out, nil
}

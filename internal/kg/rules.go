package kg

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// This file holds the rules of the Store contract that every back end applies
// the same way: validation and normalisation of input graphs, the merge of
// entity attributes, search ranking and cursors.

// PlacementTypes are the relation types that place an entity in a territory
// (used by the territory filters).
var PlacementTypes = []RelationType{LocatedIn, Governs, HeldAt}

// MaxNameLength is the longest name or alias accepted, in bytes.
const MaxNameLength = 1000

// ValidateGraph checks an article graph before it is written. It returns an
// Invalid error naming the article and the first fault found: a malformed or
// mistyped id, an empty or over-long name, a mention of another article or of
// an entity absent from Entities (unless known says the id is a stored
// reference entity), a span outside the text, a relation whose type does not
// allow its endpoints' types, evidence from another article, or a theme id
// that is not a Theme. known may be nil.
func ValidateGraph(g ArticleGraph, known func(ID) bool) error {
	a := g.Article
	bad := func(format string, args ...any) error {
		return Errorf(Invalid, "article %s: %s", a.ID, fmt.Sprintf(format, args...))
	}
	if !a.ID.Valid() || !a.ID.IsArticle() {
		return Errorf(Invalid, "invalid article id %q", a.ID)
	}
	if !a.PublishedAt.Valid() || !a.ModifiedAt.Valid() {
		return bad("invalid date (want YYYY-MM-DD)")
	}
	if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
		return bad("text is not valid UTF-8")
	}
	listed := make(map[ID]EntityType, len(g.Entities))
	for _, e := range g.Entities {
		if !e.ID.Valid() || e.ID.IsArticle() {
			return bad("invalid entity id %q", e.ID)
		}
		if e.ID.EntityType() != e.Type {
			return bad("entity %s has type %q, its id says %q", e.ID, e.Type, e.ID.EntityType())
		}
		if strings.TrimSpace(e.Name) == "" || Fold(e.Name) == "" {
			return bad("entity %s has an empty name", e.ID)
		}
		for _, n := range append([]string{e.Name, e.Acronym}, e.Aliases...) {
			if len(n) > MaxNameLength {
				return bad("entity %s has a name longer than %d bytes", e.ID, MaxNameLength)
			}
			if !utf8.ValidString(n) {
				return bad("entity %s has a name that is not valid UTF-8", e.ID)
			}
		}
		if !e.StartDate.Valid() || !e.EndDate.Valid() {
			return bad("entity %s has an invalid date", e.ID)
		}
		listed[e.ID] = e.Type
	}
	exists := func(id ID) bool {
		if _, ok := listed[id]; ok {
			return true
		}
		return id.Valid() && known != nil && known(id)
	}
	textLen := utf8.RuneCountInString(a.Text)
	for _, m := range g.Mentions {
		if m.ArticleID != a.ID {
			return bad("mention of %s belongs to article %s", m.EntityID, m.ArticleID)
		}
		if !exists(m.EntityID) {
			return bad("mention of %s, which is not among the entities", m.EntityID)
		}
		for _, s := range m.Spans {
			if s.Start < 0 || s.End < s.Start || s.End > textLen {
				return bad("mention of %s has span [%d,%d) outside the text (%d characters)", m.EntityID, s.Start, s.End, textLen)
			}
		}
	}
	for _, r := range g.Relations {
		if !r.Type.Valid() {
			return bad("unknown relation type %q", r.Type)
		}
		if !exists(r.From) || !exists(r.To) {
			return bad("relation %s %s→%s names an entity not among the entities", r.Type, r.From, r.To)
		}
		if !r.Type.Allows(r.From.EntityType(), r.To.EntityType()) {
			return bad("relation %s cannot go from %s to %s", r.Type, r.From.EntityType(), r.To.EntityType())
		}
		for _, ev := range r.Provenance {
			if ev.ArticleID != a.ID {
				return bad("relation %s %s→%s has evidence from article %q", r.Type, r.From, r.To, ev.ArticleID)
			}
			if ev.Start < 0 || ev.End < ev.Start || ev.End > textLen {
				return bad("relation %s %s→%s has evidence [%d,%d) outside the text", r.Type, r.From, r.To, ev.Start, ev.End)
			}
		}
	}
	for _, t := range g.Themes {
		if t.EntityType() != TypeTheme {
			return bad("theme %q is not a theme id", t)
		}
		if !exists(t) {
			return bad("theme %s is not among the entities", t)
		}
	}
	return nil
}

// NormalizeGraph returns g in canonical form, the form stores persist:
// entities merged by id (aliases unioned) and sorted by id, statistics and
// Parents cleared; mentions merged by entity with spans sorted and
// deduplicated, sorted by entity id; relations merged by Key with evidence
// sorted by offset, Article.ID stamped on evidence, sorted by Key; themes
// deduplicated and sorted. It does not validate.
func NormalizeGraph(g ArticleGraph) ArticleGraph {
	out := ArticleGraph{Article: g.Article}
	out.Article.ThemeIDs, out.Article.EntityCount = nil, 0

	byID := map[ID]int{}
	for _, e := range g.Entities {
		e = CleanEntity(e)
		if i, ok := byID[e.ID]; ok {
			out.Entities[i] = MergeEntity([]Entity{out.Entities[i], e})
			continue
		}
		byID[e.ID] = len(out.Entities)
		out.Entities = append(out.Entities, e)
	}
	slices.SortFunc(out.Entities, func(a, b Entity) int { return cmp.Compare(a.ID, b.ID) })

	mentions := map[ID][]Span{}
	for _, m := range g.Mentions {
		mentions[m.EntityID] = append(mentions[m.EntityID], m.Spans...)
	}
	for id, spans := range mentions {
		slices.SortFunc(spans, func(a, b Span) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
		})
		spans = slices.CompactFunc(spans, func(a, b Span) bool { return a.Start == b.Start && a.End == b.End })
		out.Mentions = append(out.Mentions, Mention{ArticleID: g.Article.ID, EntityID: id, Spans: spans})
	}
	slices.SortFunc(out.Mentions, func(a, b Mention) int { return cmp.Compare(a.EntityID, b.EntityID) })

	rels := map[string]int{}
	for _, r := range g.Relations {
		ev := slices.Clone(r.Provenance)
		for i := range ev {
			ev[i].ArticleID = g.Article.ID
		}
		if i, ok := rels[r.Key()]; ok {
			out.Relations[i].Provenance = append(out.Relations[i].Provenance, ev...)
			continue
		}
		rels[r.Key()] = len(out.Relations)
		r.Provenance = ev
		out.Relations = append(out.Relations, r)
	}
	for i := range out.Relations {
		p := out.Relations[i].Provenance
		slices.SortFunc(p, func(a, b Evidence) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Extractor, b.Extractor))
		})
		out.Relations[i].Provenance = slices.CompactFunc(p, func(a, b Evidence) bool {
			return a.Start == b.Start && a.End == b.End && a.Extractor == b.Extractor
		})
	}
	slices.SortFunc(out.Relations, func(a, b Relation) int { return cmp.Compare(a.Key(), b.Key()) })

	out.Themes = slices.Clone(g.Themes)
	slices.Sort(out.Themes)
	out.Themes = slices.Compact(out.Themes)
	return out
}

// CleanEntity clears what the store computes (statistics, Parents), trims
// names, and removes aliases that fold like the name or like each other.
func CleanEntity(e Entity) Entity {
	e.MentionCount, e.ArticleCount, e.FirstMentioned, e.LastMentioned = 0, 0, "", ""
	e.Parents = nil
	e.Name = strings.TrimSpace(e.Name)
	e.Acronym = strings.TrimSpace(e.Acronym)
	e.Aliases = mergeAliases(e.Name, e.Aliases)
	return e
}

func mergeAliases(name string, lists ...[]string) []string {
	seen := map[string]bool{Fold(name): true}
	var out []string
	for _, l := range lists {
		for _, a := range l {
			a = strings.TrimSpace(a)
			f := Fold(a)
			if f == "" || seen[f] {
				continue
			}
			seen[f] = true
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(Fold(a), Fold(b)), cmp.Compare(a, b)) })
	return out
}

// MergeEntity combines the attributes of one entity given by several
// sources, in precedence order: reference data first, then the contributing
// articles ordered by ContributionOrder. The name is the first source's; the
// aliases are the union of every source's name and aliases, minus those that
// fold like the chosen name, one written form per fold (the first seen),
// sorted by fold; Kind, Acronym, Code, StartDate, EndDate and Scheme are the
// first non-empty; Broader is the sorted union; Reference is true if any
// source is. Statistics and Parents are left zero.
func MergeEntity(sources []Entity) Entity {
	if len(sources) == 0 {
		return Entity{}
	}
	out := CleanEntity(sources[0])
	var names [][]string
	for _, s := range sources {
		names = append(names, []string{s.Name}, s.Aliases)
		out.Kind = cmp.Or(out.Kind, s.Kind)
		out.Acronym = cmp.Or(out.Acronym, strings.TrimSpace(s.Acronym))
		out.Code = cmp.Or(out.Code, s.Code)
		out.StartDate = cmp.Or(out.StartDate, s.StartDate)
		out.EndDate = cmp.Or(out.EndDate, s.EndDate)
		out.Scheme = cmp.Or(out.Scheme, s.Scheme)
		out.Broader = append(out.Broader, s.Broader...)
		out.Reference = out.Reference || s.Reference
	}
	out.Aliases = mergeAliases(out.Name, names...)
	slices.Sort(out.Broader)
	out.Broader = slices.Compact(out.Broader)
	if len(out.Broader) == 0 {
		out.Broader = nil
	}
	return out
}

// ContributionOrder orders two contributing articles for MergeEntity:
// PublishedAt ascending with undated articles last, then id ascending.
func ContributionOrder(aDate Date, aID ID, bDate Date, bID ID) int {
	switch {
	case aDate == "" && bDate != "":
		return 1
	case aDate != "" && bDate == "":
		return -1
	}
	return cmp.Or(cmp.Compare(aDate, bDate), cmp.Compare(aID, bID))
}

// MatchRank ranks a name against a search text, both already folded (see
// Store.Search). ok is false when the name does not match.
func MatchRank(foldedText, foldedName string) (rank SearchRank, ok bool) {
	if foldedText == "" || foldedName == "" {
		return 0, false
	}
	switch {
	case foldedName == foldedText:
		return RankExact, true
	case strings.HasPrefix(foldedName, foldedText):
		return RankPrefix, true
	case strings.Contains(foldedName, foldedText):
		return RankPartial, true
	}
	words := strings.Fields(foldedName)
	for _, q := range strings.Fields(foldedText) {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, q) }) {
			return 0, false
		}
	}
	return RankPartial, true
}

// EncodeCursor makes an opaque cursor from a tag naming the list and its
// ordering, and the parts of an item's sort key.
func EncodeCursor(tag string, key ...string) string {
	b, _ := json.Marshal(append([]string{tag}, key...))
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor returns the n key parts of a cursor made by EncodeCursor with
// the same tag, or an Invalid error naming the argument "after".
func DecodeCursor(cursor, tag string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	var parts []string
	if err == nil {
		err = json.Unmarshal(b, &parts)
	}
	if err != nil || len(parts) != n+1 {
		return nil, Errorf(Invalid, "after: malformed cursor %q", truncate(cursor, 40))
	}
	if parts[0] != tag {
		return nil, Errorf(Invalid, "after: cursor %q belongs to another list or ordering", truncate(cursor, 40))
	}
	return parts[1:], nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// CheckPage validates a PageRequest against MaxPageSize.
func CheckPage(p PageRequest) error {
	if p.First < 0 {
		return Errorf(Invalid, "first: must be 0 or more, got %d", p.First)
	}
	if p.First > MaxPageSize {
		return Errorf(Invalid, "first: at most %d, got %d", MaxPageSize, p.First)
	}
	return nil
}

// Normalize fills the defaults of an entity ordering (NAME, ASC) and checks it.
func (o EntityOrder) Normalize() (EntityOrder, error) {
	o.Field = cmp.Or(o.Field, SortByName)
	o.Direction = cmp.Or(o.Direction, Asc)
	switch o.Field {
	case SortByName, SortByMentionCount, SortByFirstMentioned, SortByLastMentioned:
	default:
		return o, Errorf(Invalid, "orderBy: unknown field %q", o.Field)
	}
	if o.Direction != Asc && o.Direction != Desc {
		return o, Errorf(Invalid, "orderBy: unknown direction %q", o.Direction)
	}
	return o, nil
}

// Normalize fills the defaults of an article ordering (PUBLISHED_AT, DESC)
// and checks it.
func (o ArticleOrder) Normalize() (ArticleOrder, error) {
	if o.Field == "" {
		o.Field = SortByPublishedAt
		o.Direction = cmp.Or(o.Direction, Desc)
	}
	o.Direction = cmp.Or(o.Direction, Asc)
	switch o.Field {
	case SortByPublishedAt, SortByTitle:
	default:
		return o, Errorf(Invalid, "orderBy: unknown field %q", o.Field)
	}
	if o.Direction != Asc && o.Direction != Desc {
		return o, Errorf(Invalid, "orderBy: unknown direction %q", o.Direction)
	}
	return o, nil
}

package kg

import (
	"cmp"
	"slices"
	"strconv"
	"unicode/utf8"
)

// This file holds the argument checks and keys that every Store
// implementation shares, so the back ends answer bad input with the same
// codes and messages.

// Validate checks an entity filter: a known type, ids of the right types
// and dates in the YYYY-MM-DD form. Errors are Invalid and name the
// argument ("filter.territory: …").
func (f EntityFilter) Validate() error {
	if !f.Type.Valid() {
		return Errorf(Invalid, "filter.type: unknown entity type %q", f.Type)
	}
	if f.MentionedIn != "" && (!f.MentionedIn.Valid() || !f.MentionedIn.IsArticle()) {
		return Errorf(Invalid, "filter.mentionedIn: %q is not an article id", f.MentionedIn)
	}
	return firstError(
		checkFilterID("filter.territory", f.Territory, TypeTerritory),
		checkFilterID("filter.partOf", f.PartOf, ""),
		checkDateRange(f.From, f.To),
		checkThemes(f.Themes),
	)
}

// Validate checks an article filter like EntityFilter.Validate.
func (f ArticleFilter) Validate() error {
	return firstError(
		checkFilterID("filter.territory", f.Territory, TypeTerritory),
		checkFilterID("filter.mentions", f.Mentions, ""),
		checkDateRange(f.From, f.To),
		checkThemes(f.Themes),
	)
}

// Validate checks a search and returns the folded text to match: it must
// keep a letter or a digit, and every type must be known.
func (q SearchQuery) Validate() (folded string, err error) {
	folded = Fold(q.Text)
	if folded == "" {
		return "", Errorf(Invalid, "text: %q has no letter or digit to search for", q.Text)
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return "", Errorf(Invalid, "types: unknown entity type %q", t)
		}
	}
	return folded, nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkFilterID accepts an empty id or a valid entity id of type want (any
// entity type when want is empty).
func checkFilterID(arg string, id ID, want EntityType) error {
	if id == "" {
		return nil
	}
	if !id.Valid() || (want != "" && id.EntityType() != want) || (want == "" && id.EntityType() == "") {
		return Errorf(Invalid, "%s: %q is not a valid %s id", arg, id, cmp.Or(string(want), "entity"))
	}
	return nil
}

func checkDateRange(from, to Date) error {
	if !from.Valid() {
		return Errorf(Invalid, "filter.from: invalid date %q (want YYYY-MM-DD)", from)
	}
	if !to.Valid() {
		return Errorf(Invalid, "filter.to: invalid date %q (want YYYY-MM-DD)", to)
	}
	return nil
}

func checkThemes(themes []ID) error {
	for _, th := range themes {
		if err := checkFilterID("filter.themes", th, TypeTheme); err != nil {
			return err
		}
	}
	return nil
}

// ValidateReference checks an entity of ReferenceData: an entity id whose
// type matches, a name with a letter or digit, names within MaxNameLength
// and valid UTF-8, valid dates, and broader concepts that are themes.
func ValidateReference(e Entity) error {
	if !e.ID.Valid() || e.ID.IsArticle() {
		return Errorf(Invalid, "reference entity: invalid id %q", e.ID)
	}
	if e.ID.EntityType() != e.Type {
		return Errorf(Invalid, "reference entity %s has type %q, its id says %q", e.ID, e.Type, e.ID.EntityType())
	}
	if Fold(e.Name) == "" {
		return Errorf(Invalid, "reference entity %s has an empty name", e.ID)
	}
	for _, n := range append([]string{e.Name, e.Acronym}, e.Aliases...) {
		if len(n) > MaxNameLength {
			return Errorf(Invalid, "reference entity %s has a name longer than %d bytes", e.ID, MaxNameLength)
		}
		if !utf8.ValidString(n) {
			return Errorf(Invalid, "reference entity %s has a name that is not valid UTF-8", e.ID)
		}
	}
	if !e.StartDate.Valid() || !e.EndDate.Valid() {
		return Errorf(Invalid, "reference entity %s has an invalid date", e.ID)
	}
	for _, b := range e.Broader {
		if b.EntityType() != TypeTheme {
			return Errorf(Invalid, "reference entity %s: broader %q is not a theme id", e.ID, b)
		}
	}
	return nil
}

// CompareNewestFirst orders dates newest first, undated last: the order of
// an entity's mentions.
func CompareNewestFirst(a, b Date) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return 1
	case b == "":
		return -1
	}
	return cmp.Compare(b, a)
}

// SearchKey is the sort key of a search hit: rank, then mention count
// (descending), then folded name, then id.
type SearchKey struct {
	Rank     SearchRank
	Mentions int
	Name     string // Fold of the entity's name
	ID       ID
}

// Compare orders search keys: better rank first, then more mentions, then
// name and id.
func (k SearchKey) Compare(o SearchKey) int {
	return cmp.Or(cmp.Compare(k.Rank, o.Rank), cmp.Compare(o.Mentions, k.Mentions), cmp.Compare(k.Name, o.Name), cmp.Compare(k.ID, o.ID))
}

const searchCursorTag = "search"

// Cursor encodes the key as an opaque cursor.
func (k SearchKey) Cursor() string {
	return EncodeCursor(searchCursorTag, strconv.Itoa(int(k.Rank)), strconv.Itoa(k.Mentions), k.Name, string(k.ID))
}

// DecodeSearchCursor reads a cursor made by SearchKey.Cursor, or returns an
// Invalid error naming the argument "after".
func DecodeSearchCursor(cursor string) (SearchKey, error) {
	parts, err := DecodeCursor(cursor, searchCursorTag, 4)
	if err != nil {
		return SearchKey{}, err
	}
	rank, err1 := strconv.Atoi(parts[0])
	mentions, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return SearchKey{}, Errorf(Invalid, "after: malformed cursor %q", truncate(cursor, 40))
	}
	return SearchKey{Rank: SearchRank(rank), Mentions: mentions, Name: parts[2], ID: ID(parts[3])}, nil
}

// Normalize checks a relation query (known direction, relation and entity
// types, Limit not negative) and fills the default direction, Both.
func (q RelationQuery) Normalize() (RelationQuery, error) {
	q.Direction = cmp.Or(q.Direction, Both)
	if q.Direction != Out && q.Direction != In && q.Direction != Both {
		return q, Errorf(Invalid, "direction: unknown value %q", q.Direction)
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return q, Errorf(Invalid, "types: unknown relation type %q", t)
		}
	}
	for _, t := range q.OtherTypes {
		if !t.Valid() {
			return q, Errorf(Invalid, "otherTypes: unknown entity type %q", t)
		}
	}
	if q.Limit < 0 {
		return q, Errorf(Invalid, "limit: must be 0 or more, got %d", q.Limit)
	}
	return q, nil
}

// Validate checks a co-mention query: known types, Limit not negative.
func (q CoMentionQuery) Validate() error {
	for _, t := range q.Types {
		if !t.Valid() {
			return Errorf(Invalid, "types: unknown entity type %q", t)
		}
	}
	if q.Limit < 0 {
		return Errorf(Invalid, "limit: must be 0 or more, got %d", q.Limit)
	}
	return nil
}

// CompareMentionsByDate is the order of an entity's mentions: newest
// article first, undated last, then by article id.
func CompareMentionsByDate(a, b Mention) int {
	return cmp.Or(CompareNewestFirst(a.PublishedAt, b.PublishedAt), cmp.Compare(a.ArticleID, b.ArticleID))
}

// CompareMentionsInText is the order of an article's mentions: by the start
// of their first span (mentions without spans last), then by entity id.
func CompareMentionsInText(a, b Mention) int {
	return cmp.Or(cmp.Compare(firstStart(a), firstStart(b)), cmp.Compare(a.EntityID, b.EntityID))
}

func firstStart(m Mention) int {
	if len(m.Spans) == 0 {
		return int(^uint(0) >> 1)
	}
	return m.Spans[0].Start
}

// CompareEvidence is the order of a relation's provenance: article, span,
// extractor, sentence.
func CompareEvidence(a, b Evidence) int {
	return cmp.Or(cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
		cmp.Compare(a.Extractor, b.Extractor), cmp.Compare(a.Sentence, b.Sentence))
}

// MergeReferenceEvidence returns the sorted union, without duplicates, of a
// relation's evidence and the evidence of a reference relation (whose
// ArticleID is forced to "": reference data comes from no article).
func MergeReferenceEvidence(stated, reference []Evidence) []Evidence {
	out := slices.Clone(stated)
	for _, e := range reference {
		e.ArticleID = ""
		out = append(out, e)
	}
	slices.SortFunc(out, CompareEvidence)
	return slices.CompactFunc(out, func(x, y Evidence) bool { return CompareEvidence(x, y) == 0 })
}

// CheckEntityList checks the arguments of Store.ListEntities — ordering,
// page, filter, in that order — and returns the ordering with its defaults.
func CheckEntityList(f EntityFilter, order EntityOrder, page PageRequest) (EntityOrder, error) {
	o, err := order.Normalize()
	if err != nil {
		return o, err
	}
	return o, firstError(CheckPage(page), f.Validate())
}

// CheckArticleList is CheckEntityList for Store.ListArticles.
func CheckArticleList(f ArticleFilter, order ArticleOrder, page PageRequest) (ArticleOrder, error) {
	o, err := order.Normalize()
	if err != nil {
		return o, err
	}
	return o, firstError(CheckPage(page), f.Validate())
}

package kg

import "context"

// Store is the graph database of Maillage. internal/memstore (embedded,
// durable, the default) and internal/neo4jstore implement it; the suite in
// internal/storetest checks that both honour every point of this contract.
//
// General rules, for every method:
//   - Errors are *Error values: Invalid for bad arguments (the message names
//     the argument or id), NotFound only where a method says so, Unavailable
//     when the back end cannot be reached or the context ends, Internal
//     otherwise. A method never panics on bad input.
//   - Batched reads take any number of ids (duplicates allowed, order
//     irrelevant) and return a map keyed by the ids that exist; unknown and
//     malformed ids are simply absent. Per-entity lists (RelationsOf,
//     MentionsOf, MentionsIn, CoMentioned) have a key, possibly with an
//     empty list, for every existing id. An empty id list returns an empty
//     map and does no I/O.
//   - A cancelled or expired context makes a method return Unavailable; a
//     write is then not applied.
//   - Every list is returned in a documented, total, deterministic order.
//   - Methods are safe for concurrent use. Readers never block each other.
//   - A write that returned nil is durable: it survives a crash of the
//     process right after it.
type Store interface {
	// UpsertArticles writes article graphs, all of them or none (one
	// transaction). For each graph the article's previous contribution, if
	// the article was stored before, is replaced as a whole: its mentions,
	// its theme list, the relation evidence it gave, and the entity
	// attributes it contributed. Writing the same graphs twice yields the same
	// stored graph; the order in which articles are written does not change
	// the result (see MergeEntity for how entity attributes are combined).
	//
	// Graphs are checked first with ValidateGraph: an invalid graph rejects
	// the whole batch with an Invalid error naming the article and the fault,
	// and nothing is written. Every entity a graph mentions, relates or lists
	// as a theme must be in its Entities, or be a reference entity already
	// stored.
	UpsertArticles(ctx context.Context, graphs []ArticleGraph) (UpsertResult, error)

	// DeleteArticle removes an article: its mentions, its theme list, the
	// evidence it gave (a relation left without evidence goes), and the
	// entities that no remaining article supports, except reference entities,
	// which always stay. An unknown id is a NotFound error.
	DeleteArticle(ctx context.Context, id ID) error

	// LoadReference writes reference entities (official territories, a theme
	// vocabulary) and their relations (PART_OF hierarchy, broader themes),
	// marking the entities Reference. Loading the same data again changes
	// nothing; loading more adds to it. Reference attributes take precedence
	// over those contributed by articles.
	LoadReference(ctx context.Context, data ReferenceData) error

	// Entities returns the entities with the given ids, with their statistics
	// and, for territories, their Parents: the targets of every PART_OF
	// relation from it (reference or article-stated), which also drive the
	// descendant roll-up of the territory filters. First and last mention
	// dates ignore undated articles, which still count in MentionCount and
	// ArticleCount.
	Entities(ctx context.Context, ids []ID) (map[ID]Entity, error)

	// Articles returns the articles with the given ids, with ThemeIDs and
	// EntityCount.
	Articles(ctx context.Context, ids []ID) (map[ID]Article, error)

	// ArticleHashes returns the stored ContentHash of the given articles
	// (without loading their text), so ingestion can skip unchanged files.
	ArticleHashes(ctx context.Context, ids []ID) (map[ID]string, error)

	// ListEntities returns one page of the entities of filter.Type that pass
	// the filter, in the order asked (default: by name, ascending), with the
	// total count of entities passing the filter.
	ListEntities(ctx context.Context, filter EntityFilter, order EntityOrder, page PageRequest) (Page[Entity], error)

	// ListArticles returns one page of the articles that pass the filter, in
	// the order asked (default: newest first), with the total count. Items
	// are complete, Text included.
	ListArticles(ctx context.Context, filter ArticleFilter, order ArticleOrder, page PageRequest) (Page[Article], error)

	// Search finds entities whose name, aliases or acronym match q.Text, all
	// compared folded (see Fold): accent-, case- and punctuation-insensitive.
	// A name matches with the best of these ranks:
	//   - RankExact:   Fold(name) == Fold(text);
	//   - RankPrefix:  Fold(name) starts with Fold(text);
	//   - RankPartial: Fold(text) occurs inside Fold(name), or every word of
	//     Fold(text) is the prefix of a word of Fold(name).
	// Hits are ordered by rank, then mention count (descending), then folded
	// name, then id. An entity appears once, with its best rank. A text that
	// folds to "" is an Invalid error.
	Search(ctx context.Context, q SearchQuery, page PageRequest) (Page[SearchHit], error)

	// RelationsOf returns, for each given entity, its stated relations that
	// pass q, each with its full provenance, ordered by Relation.Key. With
	// Direction Out an entity gets the relations it is the From of; with In
	// those it is the To of; with Both both (a relation from an entity to
	// itself appears once). PART_OF links of the reference hierarchy are
	// relations too, with reference provenance. A relation's Provenance is
	// ordered by article id (reference evidence, with an empty id, first),
	// then start offset; an article that states the relation without
	// evidence detail still appears as one entry with its ArticleID. Its Role
	// is the written form given by the first source in contribution order.
	//
	// q.After and q.Limit page each entity's list independently: an entity
	// gets only its relations whose Key is greater than q.After (byte-wise,
	// as Go compares strings), at most q.Limit of them (0: all), the first
	// in Key order, so that walking with Limit n and After = the Key of the
	// last relation returned yields the unpaged list. A negative Limit is
	// an Invalid error. With q.Bare the evidence may be left out (see
	// RelationQuery.Bare).
	RelationsOf(ctx context.Context, ids []ID, q RelationQuery) (map[ID][]Relation, error)

	// CountRelations returns, for each given entity, how many of its
	// relations pass q's Types, Direction and OtherTypes (q.After and
	// q.Limit are ignored): the length of the unpaged RelationsOf list,
	// counted without loading provenance. Every existing id has a key,
	// with 0 when nothing passes; it is batched like RelationsOf and rejects
	// the same invalid filters (an unknown direction or type).
	CountRelations(ctx context.Context, ids []ID, q RelationQuery) (map[ID]int, error)

	// MentionsOf returns, for each given entity, the articles that mention it
	// with the spans, newest article first (PublishedAt descending, undated
	// last, then article id ascending).
	MentionsOf(ctx context.Context, entityIDs []ID) (map[ID][]Mention, error)

	// MentionsIn returns, for each given article, its mentions ordered by the
	// start of their first span, then entity id.
	MentionsIn(ctx context.Context, articleIDs []ID) (map[ID][]Mention, error)

	// CoMentioned returns, for each given entity, the other entities named in
	// the same articles, weighted by the number of articles they share
	// (descending, then id ascending), keeping those of q.Types (all when
	// empty), at most q.Limit per entity (all when 0). Co-mention is derived
	// from mentions: it is never a stated relation.
	CoMentioned(ctx context.Context, ids []ID, q CoMentionQuery) (map[ID][]CoMention, error)

	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)

	// Ping reports whether the store can serve requests (Unavailable if not).
	Ping(ctx context.Context) error

	// Close releases the store; it must not be used afterwards.
	Close() error
}

// UpsertResult counts what UpsertArticles did.
type UpsertResult struct {
	ArticlesCreated  int // articles that were not stored before
	ArticlesReplaced int // articles whose previous contribution was replaced
	EntitiesCreated  int // entities that did not exist before
	EntitiesUpdated  int // entities that existed and were contributed to again
	Relations        int // relation statements written (one per relation per article)
}

// MaxPageSize is the largest page a Store returns; PageRequest.First above it
// is an Invalid error. The GraphQL layer applies its own smaller maximum.
const MaxPageSize = 1000

// PageRequest asks for the First items after the item whose cursor is After
// ("" for the first page). First = 0 returns no items but the TotalCount
// (and HasNextPage true when there are items after After).
type PageRequest struct {
	First int
	After string
}

// Page is one page of a list. Cursors[i] is the opaque cursor of Items[i]; a
// cursor encodes the sort key of its item (not an offset), so pages stay
// correct while items are added or removed. A cursor given back with another
// ordering or filter type is an Invalid error.
type Page[T any] struct {
	Items       []T
	Cursors     []string
	HasNextPage bool
	TotalCount  int // items passing the filter, over all pages
}

// Direction of a relation relative to the entity asked about.
type Direction string

// Directions.
const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// RelationQuery filters RelationsOf and CountRelations. The zero value asks
// for every relation, unpaged.
type RelationQuery struct {
	Types      []RelationType // empty: all types
	Direction  Direction      // "" means Both
	OtherTypes []EntityType   // the type of the other end; empty: any

	// After keeps, for each entity, only the relations whose Key is greater
	// than After (the Key of the last relation of the previous page); ""
	// starts from the first.
	After string
	// Limit keeps at most Limit relations per entity, the first in Key
	// order (0: all; negative: Invalid).
	Limit int

	// Bare says the caller reads only the relations' type, ends, role,
	// articles and confidence, not their evidence. A store may then give
	// each source of a relation one Evidence holding only its ArticleID
	// (Extractor "reference" for reference data) and the highest
	// Confidence of that source's evidence, which spares reading and
	// moving the sentences. Key, Role, ArticleIDs, Confidence, the
	// relations returned and their order are those of the same query
	// without Bare.
	Bare bool
}

// CoMentionQuery filters CoMentioned.
type CoMentionQuery struct {
	Types []EntityType // empty: any type
	Limit int          // per entity; 0: no limit
}

// CoMention is an entity named in the same articles as another.
type CoMention struct {
	EntityID ID
	Articles int // number of shared articles
}

// SortDirection of a list.
type SortDirection string

// Sort directions.
const (
	Asc  SortDirection = "ASC"
	Desc SortDirection = "DESC"
)

// EntitySortField is what entity lists are ordered by. Every ordering is
// made total by the entity id (ascending) as the last key.
type EntitySortField string

// Entity orderings.
const (
	SortByName           EntitySortField = "NAME"            // Fold(Name)
	SortByMentionCount   EntitySortField = "MENTION_COUNT"   // MentionCount
	SortByFirstMentioned EntitySortField = "FIRST_MENTIONED" // FirstMentioned; "" (never mentioned) sorts before any date
	SortByLastMentioned  EntitySortField = "LAST_MENTIONED"  // LastMentioned; likewise
)

// EntityOrder is an entity ordering; the zero value is by name ascending.
type EntityOrder struct {
	Field     EntitySortField
	Direction SortDirection
}

// ArticleSortField is what article lists are ordered by, made total by the
// article id (ascending).
type ArticleSortField string

// Article orderings.
const (
	SortByPublishedAt ArticleSortField = "PUBLISHED_AT" // PublishedAt; "" sorts before any date
	SortByTitle       ArticleSortField = "TITLE"        // Fold(Title)
)

// ArticleOrder is an article ordering; the zero value is newest first.
type ArticleOrder struct {
	Field     ArticleSortField
	Direction SortDirection
}

// EntityFilter selects entities of one type. Every set field must hold
// (AND); a list field holds when any of its values does (OR).
type EntityFilter struct {
	Type EntityType // required

	// Text keeps entities with a name, alias or acronym whose fold contains
	// Fold(Text).
	Text string

	// Kinds keeps entities whose Kind is one of these (for territories: the
	// level).
	Kinds []string

	// Themes keeps entities with an ABOUT relation to one of these themes, or
	// mentioned by an article having one of them in its theme list.
	Themes []ID

	// Territory keeps entities placed in that territory: with a LOCATED_IN,
	// GOVERNS or HELD_AT relation to it — or, with IncludeDescendants, to it
	// or any territory below it in the PART_OF hierarchy (region →
	// departments → EPCI and communes → QPV). For Type Territory it keeps the
	// territory itself and, with IncludeDescendants, every territory below it.
	Territory          ID
	IncludeDescendants bool

	// PartOf keeps territories directly PART_OF this territory (children).
	PartOf ID

	// MentionedIn keeps entities mentioned by this article.
	MentionedIn ID

	// From and To keep entities mentioned by at least one article published
	// in [From, To] (both inclusive, either may be ""); an Event whose
	// StartDate lies in the range also passes.
	From, To Date
}

// ArticleFilter selects articles. Every set field must hold.
type ArticleFilter struct {
	Text   string // Fold(Title) contains Fold(Text)
	Themes []ID   // the article has one of these themes (HAS_THEME)
	// Territory keeps articles that mention that territory (or, with
	// IncludeDescendants, it or any territory below it).
	Territory          ID
	IncludeDescendants bool
	Mentions           ID     // the article mentions this entity
	Site               string // the article's Site equals this (case-insensitive)
	From, To           Date   // PublishedAt in [From, To]
}

// SearchQuery is a name search.
type SearchQuery struct {
	Text  string
	Types []EntityType // empty: all types
}

// SearchRank classifies how well a name matched; lower is better.
type SearchRank int

// Search ranks.
const (
	RankExact   SearchRank = 0
	RankPrefix  SearchRank = 1
	RankPartial SearchRank = 2
)

// SearchHit is one search result.
type SearchHit struct {
	Entity      Entity
	Rank        SearchRank
	MatchedName string // the name or alias that matched best
}

// Stats counts what a store holds.
type Stats struct {
	Articles  int
	Entities  map[EntityType]int
	Relations int
	Mentions  int // (article, entity) pairs
}

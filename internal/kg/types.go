package kg

import "strings"

// EntityType is one of the six kinds of entity. Its string value is the
// GraphQL type name and the Neo4j label.
type EntityType string

// The six entity types.
const (
	TypeOrganization EntityType = "Organization"
	TypePerson       EntityType = "Person"
	TypeEvent        EntityType = "Event"
	TypeTerritory    EntityType = "Territory"
	TypeTheme        EntityType = "Theme"
	TypeInitiative   EntityType = "Initiative"
)

// EntityTypes lists the six entity types in a fixed order.
var EntityTypes = []EntityType{TypeOrganization, TypePerson, TypeEvent, TypeTerritory, TypeTheme, TypeInitiative}

var prefixByType = map[EntityType]string{
	TypeOrganization: PrefixOrganization,
	TypePerson:       PrefixPerson,
	TypeEvent:        PrefixEvent,
	TypeTerritory:    PrefixTerritory,
	TypeTheme:        PrefixTheme,
	TypeInitiative:   PrefixInitiative,
}

var typeByPrefix = func() map[string]EntityType {
	m := make(map[string]EntityType, len(prefixByType))
	for t, p := range prefixByType {
		m[p] = t
	}
	return m
}()

// Valid reports whether t is one of the six entity types.
func (t EntityType) Valid() bool { _, ok := prefixByType[t]; return ok }

// Prefix returns the id prefix of t ("org" for Organization).
func (t EntityType) Prefix() string { return prefixByType[t] }

// ParseEntityType accepts a type name in any case ("organization",
// "Organization", "ORGANIZATION").
func ParseEntityType(s string) (EntityType, error) {
	for _, t := range EntityTypes {
		if strings.EqualFold(string(t), s) {
			return t, nil
		}
	}
	return "", Errorf(Invalid, "unknown entity type %q", s)
}

// TerritoryLevel is the administrative level of a territory.
type TerritoryLevel string

// Territory levels, from the largest to the smallest.
const (
	LevelCountry    TerritoryLevel = "country"
	LevelRegion     TerritoryLevel = "region"
	LevelDepartment TerritoryLevel = "department"
	LevelEPCI       TerritoryLevel = "epci"
	LevelCommune    TerritoryLevel = "commune"
	LevelQPV        TerritoryLevel = "qpv"
)

// TerritoryLevels lists the levels from the largest to the smallest.
var TerritoryLevels = []TerritoryLevel{LevelCountry, LevelRegion, LevelDepartment, LevelEPCI, LevelCommune, LevelQPV}

// Entity is any of the six entity types. Fields that do not apply to a type
// stay zero. The statistics (MentionCount … LastMentioned) and Parents are
// computed by the store on read; writers leave them zero.
type Entity struct {
	ID      ID         `json:"id,omitempty"`
	Type    EntityType `json:"type,omitempty"`
	Name    string     `json:"name,omitempty"`    // canonical name
	Aliases []string   `json:"aliases,omitempty"` // other written forms, without the name itself

	// Kind is the sub-kind: for an Organization (network, local_authority,
	// ministry, association, cooperative, fund, company, public_agency, …),
	// an Initiative (participatory_budget, programme, project, call_for_projects,
	// third_place, childcare, …) or an Event (meeting, conference, forum, …);
	// for a Territory it is its TerritoryLevel.
	Kind string `json:"kind,omitempty"`

	Acronym string `json:"acronym,omitempty"` // Organization: "RTES"

	Code string `json:"code,omitempty"` // Territory: official code (INSEE, SIREN for EPCI, QPV code)

	StartDate Date `json:"startDate,omitempty"` // Event
	EndDate   Date `json:"endDate,omitempty"`   // Event; equal to StartDate or "" for a one-day event

	Scheme  string `json:"scheme,omitempty"`  // Theme: source vocabulary ("irev", "maillage", …)
	Broader []ID   `json:"broader,omitempty"` // Theme: broader themes

	// Reference marks entities loaded from reference data (official
	// territories, the theme vocabulary): they exist before any article and
	// are never removed when articles are deleted.
	Reference bool `json:"reference,omitempty"`

	// Parents are, for a Territory, the territories it is PART_OF in the
	// reference hierarchy (a commune's department and EPCI, a QPV's
	// communes…). Filled by the store on read.
	Parents []ID `json:"parents,omitempty"`

	// Statistics over the stored mentions, filled by the store on read.
	MentionCount   int  `json:"mentionCount,omitempty"`   // spans over all articles
	ArticleCount   int  `json:"articleCount,omitempty"`   // articles that mention it
	FirstMentioned Date `json:"firstMentioned,omitempty"` // earliest publication date of an article mentioning it
	LastMentioned  Date `json:"lastMentioned,omitempty"`  // latest one
}

// Level returns the TerritoryLevel of a Territory ("" for other types).
func (e *Entity) Level() TerritoryLevel {
	if e.Type != TypeTerritory {
		return ""
	}
	return TerritoryLevel(e.Kind)
}

// Names returns the name followed by the aliases and the acronym, without
// duplicates by fold.
func (e *Entity) Names() []string {
	out := make([]string, 0, 2+len(e.Aliases))
	seen := map[string]bool{}
	for _, n := range append(append([]string{e.Name}, e.Aliases...), e.Acronym) {
		f := Fold(n)
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, n)
	}
	return out
}

// Article is a source document with its metadata and cleaned text.
type Article struct {
	ID          ID       `json:"id,omitempty"`
	URL         string   `json:"url,omitempty"` // canonical source URL ("" when unknown)
	Title       string   `json:"title,omitempty"`
	PublishedAt Date     `json:"publishedAt,omitempty"`
	ModifiedAt  Date     `json:"modifiedAt,omitempty"`
	Source      string   `json:"source,omitempty"`      // where it was read from: input file path, or "api"
	Site        string   `json:"site,omitempty"`        // host of the URL ("irev.fr")
	Themes      []string `json:"themes,omitempty"`      // the article's own theme list, as written
	Links       []string `json:"links,omitempty"`       // URLs the article links to
	Format      string   `json:"format,omitempty"`      // input format it was parsed from (export, text, markdown, html, json)
	Text        string   `json:"text,omitempty"`        // cleaned body text; every span offset points into it
	ContentHash string   `json:"contentHash,omitempty"` // hex SHA-256 of the raw input, to skip unchanged files

	// Filled by the store on read.
	ThemeIDs    []ID `json:"themeIDs,omitempty"`    // HAS_THEME: the Theme entities of the article's theme list, sorted
	EntityCount int  `json:"entityCount,omitempty"` // distinct entities mentioned
}

// Span is a stretch of an article's Text: Start and End are offsets in
// Unicode code points (not bytes), End exclusive; Text is the stretch itself.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text,omitempty"`
}

// Mention says where an article names an entity.
type Mention struct {
	ArticleID ID     `json:"articleID,omitempty"`
	EntityID  ID     `json:"entityID,omitempty"`
	Spans     []Span `json:"spans,omitempty"` // in text order; len(Spans) is the mention count

	// PublishedAt is the article's publication date, filled by the store on
	// read (mentions are returned newest first).
	PublishedAt Date `json:"publishedAt,omitempty"`
}

// Count is the number of times the article names the entity.
func (m Mention) Count() int { return len(m.Spans) }

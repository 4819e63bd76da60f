package kg

import "slices"

// RelationType is the type of a stated relation; its string value is the
// Neo4j relationship type and the GraphQL enum value.
type RelationType string

// Stated relation types (see DESIGN.md). Co-mention is not a relation: it is
// derived from mentions and never stored as one.
const (
	HoldsRole      RelationType = "HOLDS_ROLE"      // Person → Organization {role}
	Organized      RelationType = "ORGANIZED"       // Organization → Event
	ParticipatedIn RelationType = "PARTICIPATED_IN" // Person|Organization → Event {role}
	HeldAt         RelationType = "HELD_AT"         // Event → Organization|Territory
	PresentedAt    RelationType = "PRESENTED_AT"    // Initiative → Event
	LedBy          RelationType = "LED_BY"          // Initiative → Organization
	LocatedIn      RelationType = "LOCATED_IN"      // Organization|Initiative|Event → Territory
	Governs        RelationType = "GOVERNS"         // Organization → Territory
	PartOf         RelationType = "PART_OF"         // Territory → Territory (reference hierarchy); Organization → Organization
	MemberOf       RelationType = "MEMBER_OF"       // Person|Organization → Organization
	PartnerOf      RelationType = "PARTNER_OF"      // Organization|Initiative → Organization|Initiative
	About          RelationType = "ABOUT"           // any entity but a Theme → Theme; Theme → Theme (broader)
)

// RelationTypes lists every relation type in a fixed order.
var RelationTypes = []RelationType{HoldsRole, Organized, ParticipatedIn, HeldAt, PresentedAt, LedBy, LocatedIn, Governs, PartOf, MemberOf, PartnerOf, About}

// Endpoints lists, for each relation type, the entity types allowed at each end.
var Endpoints = map[RelationType]struct{ From, To []EntityType }{
	HoldsRole:      {[]EntityType{TypePerson}, []EntityType{TypeOrganization}},
	Organized:      {[]EntityType{TypeOrganization, TypePerson}, []EntityType{TypeEvent}},
	ParticipatedIn: {[]EntityType{TypePerson, TypeOrganization}, []EntityType{TypeEvent}},
	HeldAt:         {[]EntityType{TypeEvent}, []EntityType{TypeOrganization, TypeTerritory}},
	PresentedAt:    {[]EntityType{TypeInitiative}, []EntityType{TypeEvent}},
	LedBy:          {[]EntityType{TypeInitiative}, []EntityType{TypeOrganization, TypePerson}},
	LocatedIn:      {[]EntityType{TypeOrganization, TypeInitiative, TypeEvent}, []EntityType{TypeTerritory}},
	Governs:        {[]EntityType{TypeOrganization}, []EntityType{TypeTerritory}},
	PartOf:         {[]EntityType{TypeTerritory, TypeOrganization}, []EntityType{TypeTerritory, TypeOrganization}},
	MemberOf:       {[]EntityType{TypePerson, TypeOrganization}, []EntityType{TypeOrganization}},
	PartnerOf:      {[]EntityType{TypeOrganization, TypeInitiative}, []EntityType{TypeOrganization, TypeInitiative}},
	About:          {[]EntityType{TypeOrganization, TypePerson, TypeEvent, TypeTerritory, TypeInitiative, TypeTheme}, []EntityType{TypeTheme}},
}

// Valid reports whether t is a known relation type.
func (t RelationType) Valid() bool { _, ok := Endpoints[t]; return ok }

// Allows reports whether a relation of type t may go from an entity of type
// from to one of type to. PART_OF links two territories or two
// organizations, never one of each.
func (t RelationType) Allows(from, to EntityType) bool {
	ep, ok := Endpoints[t]
	if !ok || !slices.Contains(ep.From, from) || !slices.Contains(ep.To, to) {
		return false
	}
	return t != PartOf || from == to
}

// Relation is a stated, typed, directed relation between two entities with
// the provenance that supports it. Its identity is (Type, From, To,
// Fold(Role)): the same relation stated by several articles is one Relation
// with several Evidence entries.
type Relation struct {
	Type RelationType `json:"type,omitempty"`
	From ID           `json:"from,omitempty"`
	To   ID           `json:"to,omitempty"`
	Role string       `json:"role,omitempty"` // HOLDS_ROLE, PARTICIPATED_IN: "présidente", "intervenant"…

	Provenance []Evidence `json:"provenance,omitempty"` // one entry per article (and per reference source) stating it
}

// Key returns the identity of the relation: "TYPE|from|to|folded role".
func (r Relation) Key() string {
	return string(r.Type) + "|" + string(r.From) + "|" + string(r.To) + "|" + Fold(r.Role)
}

// Confidence is the highest confidence of its evidence (0 with none).
func (r Relation) Confidence() float64 {
	c := 0.0
	for _, e := range r.Provenance {
		c = max(c, e.Confidence)
	}
	return c
}

// ArticleIDs lists the articles that state the relation, in provenance order.
func (r Relation) ArticleIDs() []ID {
	out := make([]ID, 0, len(r.Provenance))
	for _, e := range r.Provenance {
		if e.ArticleID != "" && !slices.Contains(out, e.ArticleID) {
			out = append(out, e.ArticleID)
		}
	}
	return out
}

// Evidence is why a relation is believed: the sentence of an article that
// states it, or a reference source.
type Evidence struct {
	ArticleID  ID      `json:"articleID,omitempty"` // "" for reference data
	Sentence   string  `json:"sentence,omitempty"`  // the evidence sentence as it stands in the article's Text
	Start      int     `json:"start"`               // the sentence's offsets in the article's Text (code points)
	End        int     `json:"end"`
	Spans      []Span  `json:"spans,omitempty"`     // the spans of the two endpoints inside the sentence, when known
	Extractor  string  `json:"extractor,omitempty"` // which rule or source produced it ("rules/apposition", "reference/insee", "fixture")
	Confidence float64 `json:"confidence,omitempty"`
}

// ArticleGraph is what extraction produces from one article, and the unit the
// store writes: the article, the entities it names, where it names them, the
// relations it states, and the article's own theme list.
type ArticleGraph struct {
	Article   Article    `json:"article,omitempty"`
	Entities  []Entity   `json:"entities,omitempty"`  // every entity of the article; reference entities may be repeated or only referred to by id
	Mentions  []Mention  `json:"mentions,omitempty"`  // ArticleID must equal Article.ID
	Relations []Relation `json:"relations,omitempty"` // each with exactly the Evidence this article gives
	Themes    []ID       `json:"themes,omitempty"`    // the article's theme list (HAS_THEME), as Theme entity ids
}

// ReferenceData is data that exists before any article: official territories
// with their PART_OF hierarchy, a theme vocabulary with its broader links.
type ReferenceData struct {
	Entities  []Entity   `json:"entities,omitempty"`  // Reference is forced to true
	Relations []Relation `json:"relations,omitempty"` // PART_OF, ABOUT…; provenance with an empty ArticleID
}

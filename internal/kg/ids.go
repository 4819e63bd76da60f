package kg

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// ID is the stable, readable, typed identifier of a node; it is also its
// GraphQL ID. It has the form "prefix:rest", the prefix naming the type:
//
//	article:3f9c2a1b7e04                     hash of the canonical URL, else of the content
//	org:rtes                                 slug of the canonical name (or acronym)
//	person:marie-dupont
//	event:2018-07-04-7e-rencontre-nationale  start date (when known) and slug
//	territory:reg-32 | dep-62 | com-59350 | epci-200093201 | qpv-QN05971M | fr
//	theme:participation-citoyenne
//	initiative:budget-participatif-pas-de-calais
type ID string

// ID prefixes, one per node type.
const (
	PrefixArticle      = "article"
	PrefixOrganization = "org"
	PrefixPerson       = "person"
	PrefixEvent        = "event"
	PrefixTerritory    = "territory"
	PrefixTheme        = "theme"
	PrefixInitiative   = "initiative"
)

// Prefix returns the part of the id before the first colon ("" if none).
func (id ID) Prefix() string {
	p, _, ok := strings.Cut(string(id), ":")
	if !ok {
		return ""
	}
	return p
}

// Valid reports whether id has a known prefix and a non-empty rest without
// spaces or control characters.
func (id ID) Valid() bool {
	p, rest, ok := strings.Cut(string(id), ":")
	if !ok || rest == "" || len(id) > 512 {
		return false
	}
	if _, ok := typeByPrefix[p]; !ok && p != PrefixArticle {
		return false
	}
	for _, r := range rest {
		if r <= ' ' || r == 0x7f {
			return false
		}
	}
	return true
}

// IsArticle reports whether id names an article.
func (id ID) IsArticle() bool { return id.Prefix() == PrefixArticle }

// EntityType returns the entity type named by the id's prefix, or "" for
// articles and malformed ids.
func (id ID) EntityType() EntityType { return typeByPrefix[id.Prefix()] }

// NewEntityID builds the id of an entity of type t from a name (slugged).
func NewEntityID(t EntityType, name string) ID {
	s := Slug(name)
	if s == "" {
		s = shortHash(name)
	}
	return ID(t.Prefix() + ":" + s)
}

// NewEventID builds an event id from its start date (may be empty) and name.
func NewEventID(start Date, name string) ID {
	s := Slug(name)
	if start != "" {
		s = string(start) + "-" + s
	}
	if s == "" {
		s = shortHash(name)
	}
	return ID(PrefixEvent + ":" + s)
}

// TerritoryID builds the id of an official territory from its level and
// official code: TerritoryID(Region, "32") = "territory:reg-32". The country
// is "territory:fr".
func TerritoryID(level TerritoryLevel, code string) ID {
	switch level {
	case LevelCountry:
		return ID(PrefixTerritory + ":" + strings.ToLower(code))
	case LevelRegion:
		return ID(PrefixTerritory + ":reg-" + code)
	case LevelDepartment:
		return ID(PrefixTerritory + ":dep-" + code)
	case LevelEPCI:
		return ID(PrefixTerritory + ":epci-" + code)
	case LevelCommune:
		return ID(PrefixTerritory + ":com-" + code)
	case LevelQPV:
		return ID(PrefixTerritory + ":qpv-" + code)
	}
	return ID(PrefixTerritory + ":" + Slug(code))
}

// ArticleID builds an article id from its canonical URL, or from its content
// when it has no URL: the first 12 hex digits of a SHA-256.
func ArticleID(canonicalURL, content string) ID {
	key := canonicalURL
	if key == "" {
		key = "content:" + content
	}
	return ID(PrefixArticle + ":" + shortHash(key))
}

// ContentHash returns the hex SHA-256 of an article's content, used to skip
// unchanged articles on re-ingestion.
func ContentHash(content string) string {
	h := sha256.Sum256([]byte(content))
	return hex.EncodeToString(h[:])
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

package kg

// Typed views of an Entity, one Go type per entity type, so that the GraphQL
// layer can bind each GraphQL object type to its own Go type and resolve the
// Node and Entity interfaces by a type switch.
type (
	Organization struct{ Entity }
	Person       struct{ Entity }
	Event        struct{ Entity }
	Territory    struct{ Entity }
	Theme        struct{ Entity }
	Initiative   struct{ Entity }
)

// Node is anything with a global ID: an *Article or a typed entity view.
type Node interface{ NodeID() ID }

// NodeID implements Node.
func (a *Article) NodeID() ID { return a.ID }

// NodeID implements Node.
func (e *Entity) NodeID() ID { return e.ID }

// AsNode returns the typed view of e (*Organization, *Person, …), or nil for
// an entity of unknown type.
func AsNode(e Entity) Node {
	switch e.Type {
	case TypeOrganization:
		return &Organization{e}
	case TypePerson:
		return &Person{e}
	case TypeEvent:
		return &Event{e}
	case TypeTerritory:
		return &Territory{e}
	case TypeTheme:
		return &Theme{e}
	case TypeInitiative:
		return &Initiative{e}
	}
	return nil
}

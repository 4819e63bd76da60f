package extract

import (
	"github.com/maillage/maillage/internal/kg"
)

// ThemeScheme is the Scheme of the themes of the lexicon.
const ThemeScheme = "maillage"

// ThemeReference returns the theme lexicon as reference data: one Theme
// per concept (acronyms and variants as aliases, its broader concept in
// Broader) and the broader links as Theme → Theme ABOUT relations, so that
// a store can hold the vocabulary the extracted themes point to.
func (x *Extractor) ThemeReference() kg.ReferenceData {
	var ref kg.ReferenceData
	for _, t := range x.lx.themes {
		e := kg.Entity{ID: kg.NewEntityID(kg.TypeTheme, t.name), Type: kg.TypeTheme, Name: t.name, Scheme: ThemeScheme, Reference: true}
		e.Aliases = aliases(t.name, append(append([]string{}, t.acronyms...), t.variants...))
		if b := x.lx.themeByID[t.broader]; b != nil {
			bid := kg.NewEntityID(kg.TypeTheme, b.name)
			e.Broader = []kg.ID{bid}
			ref.Relations = append(ref.Relations, kg.Relation{Type: kg.About, From: e.ID, To: bid,
				Provenance: []kg.Evidence{{Extractor: "reference/maillage-themes", Confidence: 1}}})
		}
		ref.Entities = append(ref.Entities, e)
	}
	return ref
}

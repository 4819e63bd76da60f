// Package geo is Maillage's reference geography of France: the country, its
// 18 regions, 101 departments, 34,969 communes (plus the 45 arrondissements
// municipaux of Paris, Lyon and Marseille), 1,266 EPCI (intercommunalités à
// fiscalité propre and the 11 EPT of the Métropole du Grand Paris) and 1,584
// QPV (quartiers prioritaires de la politique de la ville), each with its
// official code, name, population and containing units — embedded in the
// binary (data/geo.tsv.gz, 550 KB), no network or file needed.
//
// # Data and vintage
//
//   - Regions, departments, communes, EPCI: @etalab/decoupage-administratif
//     6.0.0, i.e. INSEE's Code officiel géographique (COG) as of 1 January
//     2026, DGCL's EPCI composition 2026, INSEE legal populations (population
//     municipale). Licence Ouverte / Open Licence — INSEE, DGCL, La Poste.
//   - QPV: ANCT's "QP 2024" list (décret n° 2023-1314, overseas list of 2025,
//     data.gouv.fr revision of January 2026), with commune codes brought up to
//     the COG 2026 (Pierrefitte-sur-Seine merged into Saint-Denis, 93066).
//   - Ambiguity statistics: wordfreq 3.1.1 (French and English word
//     frequencies, CC BY-SA 4.0), an-array-of-french-words 2.0.0 (a list of
//     ordinary French words, MIT), INSEE Fichier des prénoms 1900–2024.
//
// The data file is produced by scripts/geo (see its README): regenerate it
// there, never by hand.
//
// Communes of the overseas collectivities (Saint-Martin, Saint-Barthélemy,
// Saint-Pierre-et-Miquelon, Wallis-et-Futuna, Polynésie française,
// Nouvelle-Calédonie — 94 communes) are included because some QPV lie in
// them; these collectivities are neither regions nor departments, so such a
// commune's parent is the country and its Department field holds the
// collectivity code (975…988) that no Department lookup resolves.
//
// # IDs
//
// Territory IDs follow the project's scheme: territory:fr, territory:reg-32,
// territory:dep-62, territory:com-59350, territory:epci-200093201,
// territory:qpv-QN05971M. Arrondissements municipaux are communes for the ID
// scheme (territory:com-75101) with Kind "ARM".
//
// # Names, ambiguity, matching
//
// Name lookups fold accents, case, hyphens and apostrophes (see Fold) and
// accept "St"/"Ste" for "Saint"/"Sainte". Ambiguity tells whether a name
// needs a context cue before the extractor takes it for a place (see
// Ambiguity). Matcher finds every territory name in a text, with byte offsets
// into the original text, ranked candidates and the cue that precedes it.
package geo

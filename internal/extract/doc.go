// Package extract reads the entities and relations out of French articles
// about social innovation in territories: organizations (acronym
// definitions, heads of names, local authorities, a lexicon of national
// actors), people (a given-name gazetteer, surnames, particles, civil
// titles, signatures), their roles, events (kind, ordinal, topic, dates,
// place, organizer, participants), initiatives, territories (the reference
// geography of internal/geo) and themes (the article's own list and a
// lexicon of the field's concepts).
//
// The lexicons hold the national actors of the field (ESS networks, the
// centres de ressources politique de la ville, State offices, social
// landlords), the national programmes and labels (NPNRU, Cités éducatives,
// Quartiers d'été…, with their local instances), organization heads, event
// and initiative kinds, roles and the field's concepts; intercommunalities
// are also found by the short names and acronyms of their official names.
//
// One Extractor is built once (New) and used for any number of articles,
// concurrently: Extract makes one pass over an article and returns its
// kg.ArticleGraph, with every mention's span (in code points) and, for every
// relation, the evidence sentence, the rule that produced it and a
// confidence.
//
// The rules are general French rules; the gazetteers and lexicons are data
// files embedded from data/ (see data/*.tsv and scripts/names). Entity ids
// are deterministic functions of canonical names (territories: of their
// official codes), so the same actor gets the same id in every article,
// whatever order articles are read in.
package extract
